"""Networks of projects on the command line (no QGIS):

    python3 -m remix_plugin suggest-programmi FILE.gpkg|DSN OUTPUT.gpkg [--distance 1500]
        [--no-proximity] [--no-themes] [--max-members 20] [--lang it|en]
    python3 -m remix_plugin accept-proposta FILE.gpkg PROPOSAL_ID --titolo TITLE
        [--proposte OUTPUT.gpkg | --distance 1500] [--move-members] [--lang it|en]
    python3 -m remix_plugin reject-proposta FILE.gpkg PROPOSAL_ID [--nota TEXT]
        [--proposte OUTPUT.gpkg | --distance 1500] [--lang it|en]

Exit codes: 0 done; 1 refused (a proposal unknown or already decided; an acceptance that left
members in their other programma); 2 cannot read or write (one line on stderr).
"""

from ..cli_tools import (
    EXIT_CLEAN,
    EXIT_REFUSED,
    EXIT_UNREADABLE,
    add_language,
    complain,
    guarded,
    say,
    standalone_main,
)
from ..i18n import tr
from .suggest import DEFAULT_DISTANCE, DEFAULT_MAX_MEMBERS

COMMANDS = ("suggest-programmi", "accept-proposta", "reject-proposta")


def add_parser(subparsers):
    """Add the three commands to ``subparsers`` (argparse's add_subparsers() object)."""
    suggest = subparsers.add_parser(
        "suggest-programmi", help="propose networks of projects (programmi a rete)"
    )
    suggest.add_argument("source", metavar="FILE|DSN")
    suggest.add_argument("output", metavar="OUTPUT.gpkg")
    suggest.add_argument(
        "--distance",
        type=float,
        default=DEFAULT_DISTANCE,
        help="metres between lavori of a territorial network (default 1500)",
    )
    suggest.add_argument("--no-proximity", action="store_true", help="no territorial proposals")
    suggest.add_argument("--no-themes", action="store_true", help="no thematic proposals")
    suggest.add_argument(
        "--max-members",
        type=int,
        default=DEFAULT_MAX_MEMBERS,
        help="networks or groups larger than this are not proposed (0: no limit)",
    )
    suggest.set_defaults(remix_networks="suggest")
    accept = subparsers.add_parser("accept-proposta", help="accept a proposal: it becomes a programma")
    accept.add_argument("gpkg", metavar="FILE.gpkg")
    accept.add_argument("proposal", metavar="PROPOSAL_ID")
    accept.add_argument("--titolo", required=True)
    accept.add_argument(
        "--move-members",
        action="store_true",
        help="move members that are in another programma (reported either way)",
    )
    accept.set_defaults(remix_networks="accept")
    reject = subparsers.add_parser("reject-proposta", help="reject a proposal: it is not proposed again")
    reject.add_argument("gpkg", metavar="FILE.gpkg")
    reject.add_argument("proposal", metavar="PROPOSAL_ID")
    reject.add_argument("--nota", default="")
    reject.set_defaults(remix_networks="reject")
    for sub in (accept, reject):
        sub.add_argument("--proposte", metavar="OUTPUT.gpkg", help="the proposals file the id comes from")
        sub.add_argument("--distance", type=float, default=DEFAULT_DISTANCE)
    for sub in (suggest, accept, reject):
        add_language(sub)
    return subparsers


REFUSED = ("proposal_unknown", "proposal_decided", "proposal_altered", "programma_no_title")
COMMAND_OF = {"suggest": "suggest-programmi", "accept": "accept-proposta", "reject": "reject-proposta"}


def run(args):
    language = args.lang
    if args.distance < 0:
        complain(tr("The distance must be 0 or more metres.", language=language))
        return EXIT_UNREADABLE
    work = {"suggest": _suggest, "accept": _accept, "reject": _reject}[args.remix_networks]
    return guarded(COMMAND_OF[args.remix_networks], language, lambda: work(args, language), refused=REFUSED)


def _suggest(args, language):
    from .output import write_proposals
    from .source import looks_like_dsn
    from .suggest import suggest

    result = suggest(
        args.source,
        distance=args.distance,
        proximity=not args.no_proximity,
        themes=not args.no_themes,
        max_members=args.max_members,
    )
    label = "PostgreSQL" if looks_like_dsn(args.source) else str(args.source)
    write_proposals(result, args.output, source_label=label)
    for proposal in result.proposals:
        say(
            f"{proposal.id} {proposal.kind} [{', '.join(proposal.comuni_names)}]: "
            f"{proposal.reason.get(language)}"
        )
    territorial = sum(1 for p in result.proposals if p.kind == "territoriale")
    say(
        tr(
            "{output}: {n} proposals ({t} territorial, {m} thematic), {s} not proposed again.",
            language=language,
        ).format(
            output=args.output,
            n=len(result.proposals),
            t=territorial,
            m=len(result.proposals) - territorial,
            s=len(result.suppressed),
        )
    )
    return EXIT_CLEAN


def _accept(args, language):
    from .accept import accept

    result = accept(
        args.gpkg,
        args.proposal,
        args.titolo,
        proposals=args.proposte,
        distance=args.distance,
        move_members=args.move_members,
    )
    say(
        tr("Programma «{title}» ({kind}) created: {uuid}; {n} projects assigned.", language=language).format(
            title=args.titolo, kind=result.proposal.kind, uuid=result.programma_uuid, n=len(result.assigned)
        )
    )
    for project, other in result.conflicts:
        if result.moved:
            say(
                tr("Project {project} moved from programma {other}.", language=language).format(
                    project=project, other=other
                )
            )
        else:
            say(
                tr("Project {project} left in its programma {other}.", language=language).format(
                    project=project, other=other
                )
            )
    return EXIT_REFUSED if result.conflicts and not result.moved else EXIT_CLEAN


def _reject(args, language):
    from .accept import reject

    proposal = reject(
        args.gpkg, args.proposal, nota=args.nota, proposals=args.proposte, distance=args.distance
    )
    say(
        tr("Proposal {id} rejected: it will not be proposed again.", language=language).format(id=proposal.id)
    )
    return EXIT_CLEAN


def main(argv=None):
    return standalone_main(add_parser, run, argv)


if __name__ == "__main__":
    import sys

    sys.exit(main())
