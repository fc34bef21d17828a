"""A person's decision on a proposal: accept it (it becomes a programma) or reject it.

``accept(gpkg, proposal_id, titolo)`` finds the proposal (in ``proposals``, a proposals
GeoPackage written by ``suggest-programmi``, or by computing the proposals of ``gpkg`` again
with ``distance``), checks that the id still matches its members, then in one transaction:
creates a programma (``tipo_rete`` = the proposal's kind, description = its reason), sets
``progetti.programma_uuid`` of the members that have none, and records the decision in
``remix_proposte``. A member already in another programma is left there and reported
(``AcceptResult.conflicts``) unless ``move_members=True``, which moves it and still reports it.
``reject(gpkg, proposal_id, nota="")`` records the rejection only. GeoPackage only (the central
database has its own editing path).
"""

import uuid
from dataclasses import dataclass, field

from ..errors import RemixError
from ..i18n import BOTH, tr
from ..taxonomy import load_scheme
from .decisions import add_decision, current_user, decisions_layer, read_decisions, utc_now_text
from .suggest import DEFAULT_DISTANCE, NAMESPACE, Proposal, proposal_id, suggest


@dataclass
class AcceptResult:
    programma_uuid: str
    proposal: Proposal
    assigned: list = field(default_factory=list)  # progetto uuids now in the programma
    conflicts: list = field(default_factory=list)  # (progetto uuid, other programma uuid)
    moved: bool = False


def find_proposal(gpkg, proposal_id_, proposals=None, distance=DEFAULT_DISTANCE):
    """The proposal ``proposal_id_`` from a proposals GeoPackage, or recomputed from ``gpkg``."""
    if proposals is not None:
        from .output import read_proposals

        for row in read_proposals(proposals):
            if row["id"] == proposal_id_:
                from ..i18n import Bilingual

                found = Proposal(
                    id=row["id"],
                    kind=row["tipo_rete"],
                    members=tuple(sorted(row["membri"])),
                    titles=tuple(row["titoli"].split("; ")) if row["titoli"] else (),
                    comuni=tuple(row["comuni_istat"]),
                    comuni_names=(),
                    basis=tuple(row["basi"]),
                    reason=Bilingual(row["motivo_it"] or "", row["motivo_en"] or ""),
                )
                if proposal_id(found.kind, found.members) != found.id:
                    raise RemixError(
                        "proposal_altered",
                        *tr(
                            "The proposal {id} does not match its members: the proposals file was edited.",
                            language=BOTH,
                        ).format(id=proposal_id_),
                    )
                return found
    else:
        result = suggest(gpkg, distance=distance, decisions={})
        for proposal in result.proposals + [p for p, _why in result.suppressed]:
            if proposal.id == proposal_id_:
                return proposal
    raise RemixError(
        "proposal_unknown",
        *tr(
            "No proposal {id}: the data changed since it was proposed, or another distance was used.",
            language=BOTH,
        ).format(id=proposal_id_),
    )


def accept(
    gpkg, proposal_id_, titolo, proposals=None, distance=DEFAULT_DISTANCE, move_members=False, user=None
):
    titolo = (titolo or "").strip()
    if not titolo:
        raise RemixError("programma_no_title", *tr("A programma needs a title.", language=BOTH))
    proposal = _undecided(gpkg, proposal_id_, proposals, distance)
    if proposal.kind not in load_scheme().dimension("tipo_rete").codes():
        raise RemixError(
            "proposal_kind", *tr("Unknown kind of network: {kind}.", language=BOTH).format(kind=proposal.kind)
        )
    programma_uuid = str(uuid.uuid5(NAMESPACE, "programma:" + proposal.id))
    user = current_user() if user is None else user
    now = utc_now_text()
    result = AcceptResult(programma_uuid=programma_uuid, proposal=proposal, moved=move_members)

    def work(dataset):
        programmi = dataset.GetLayerByName("programmi")
        from osgeo import ogr

        feature = ogr.Feature(programmi.GetLayerDefn())
        for name, value in (
            ("uuid", programma_uuid),
            ("titolo", titolo),
            ("tipo_rete", proposal.kind),
            ("descrizione", proposal.reason.it or None),
            ("creato_il", now),
            ("creato_da", user),
            ("modificato_il", now),
            ("modificato_da", user),
        ):
            if value is not None:
                feature.SetField(name, value)
        if programmi.CreateFeature(feature) != 0:
            raise OSError("cannot write the programma")
        progetti = dataset.GetLayerByName("progetti")
        members = set(proposal.members)
        progetti.ResetReading()
        changed = []
        for project in progetti:
            key = project.GetField("uuid")
            if key not in members:
                continue
            current = project.GetField("programma_uuid")
            if current and current != programma_uuid:
                result.conflicts.append((key, current))
                if not move_members:
                    continue
            changed.append(project.GetFID())
        for fid in changed:
            project = progetti.GetFeature(fid)
            project.SetField("programma_uuid", programma_uuid)
            project.SetField("modificato_il", now)
            project.SetField("modificato_da", user)
            if progetti.SetFeature(project) != 0:
                raise OSError("cannot update a project")
            result.assigned.append(project.GetField("uuid"))
        add_decision(decisions_layer(dataset), proposal, "accettata", programma_uuid, titolo, user=user)

    _in_transaction(gpkg, work)
    result.assigned.sort()
    result.conflicts.sort()
    return result


def reject(gpkg, proposal_id_, nota="", proposals=None, distance=DEFAULT_DISTANCE, user=None):
    proposal = _undecided(gpkg, proposal_id_, proposals, distance)
    _in_transaction(
        gpkg,
        lambda dataset: add_decision(decisions_layer(dataset), proposal, "respinta", nota=nota, user=user),
    )
    return proposal


def _undecided(gpkg, proposal_id_, proposals, distance):
    decided = read_decisions(gpkg).get(proposal_id_)
    if decided:
        raise RemixError(
            "proposal_decided",
            *tr("The proposal {id} was already decided ({decision}).", language=BOTH).format(
                id=proposal_id_, decision=decided
            ),
        )
    return find_proposal(gpkg, proposal_id_, proposals, distance)


def _in_transaction(gpkg, work):
    from osgeo import gdal

    try:
        dataset = gdal.OpenEx(str(gpkg), gdal.OF_VECTOR | gdal.OF_UPDATE, allowed_drivers=["GPKG"])
    except RuntimeError:
        dataset = None
    if dataset is None:
        raise RemixError(
            "gpkg_not_writable", *tr("Cannot open {path} for writing.", language=BOTH).format(path=gpkg)
        )
    try:
        dataset.StartTransaction()
        try:
            work(dataset)
        except BaseException:
            dataset.RollbackTransaction()
            raise
        if dataset.CommitTransaction() != 0:
            raise OSError(f"cannot commit to {gpkg}")
    finally:
        dataset = None
