"""Proposals of networks of projects (*programmi a rete*): by proximity and by theme.

Core, no QGIS: geometries through OGR (GEOS), so the results are the same whatever shapely the
machine has. ``suggest(source, distance)`` reads a GeoPackage or a DSN (``networks.source``):

- **territoriale**: projects whose lavori lie within ``distance`` metres of each other (in the
  file's metric CRS, EPSG:32632 / 7791), across comune borders. Candidate pairs come from a
  uniform grid over the lavori's envelopes (cell = the distance), then the exact GEOS distance;
  the connected components of the "within D" graph over projects with two or more projects are
  the proposals, with their pairs and distances and the comuni they touch.
- **tematica**: projects in two or more comuni answering criticità of the same ambito
  (``criticita.progetto_uuid`` / ``ambito_criticita``), or sharing two ambiti di opportunità;
  groups with the same members are one proposal naming every shared code.

A component or group of more than ``max_members`` projects (default 20; 0 = no limit) is too
broad to be a network: it is only counted (``Result.too_broad``; lower the distance).

Deterministic: proposals sorted (territoriale first, larger first, then by members); the id is
``uuid5(kind + sorted member uuids)``. A proposal whose id has a decision in the GeoPackage's
``remix_proposte`` table (``networks.decisions``), or whose members are all / mostly (Jaccard ≥
0.75) those of an existing programma, is not proposed again (``Result.suppressed`` says why).
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from ..i18n import BOTH, Bilingual, tr
from ..layers.model import GEOMETRY_COLUMN
from ..taxonomy import load_scheme
from .source import read_tables

DEFAULT_DISTANCE = 1500.0  # metres
DEFAULT_MAX_MEMBERS = 20  # components and groups above this are too broad to be proposed
MOSTLY = 0.75  # Jaccard overlap with an existing programma that counts as "already there"
KINDS = ("territoriale", "tematica")  # tipo_rete codes of the scheme
LISTED_PAIRS = 10  # pairs named in a reason; the members table and the pairs table have them all
NAMESPACE = uuid.UUID("0b6d6f0e-6a53-4c57-9d0b-2f3c8f1a7e16")

WANTED = {
    "progetti": ["uuid", "titolo", "comune_istat", "ambito_opportunita", "programma_uuid"],
    "lavori": ["uuid", "progetto_uuid", "comune_istat"],
    "criticita": ["uuid", "progetto_uuid", "ambito_criticita"],
    "programmi": ["uuid", "titolo", "tipo_rete"],
    "comuni": ["istat", "nome"],
}


def proposal_id(kind, members):
    """The stable id of a proposal: uuid5 of its kind and sorted member uuids."""
    return str(uuid.uuid5(NAMESPACE, kind + ":" + ",".join(sorted(members))))


@dataclass(frozen=True)
class Proposal:
    id: str
    kind: str  # tipo_rete code: territoriale | tematica
    members: tuple  # progetto uuids, sorted
    titles: tuple  # titles, in the order of members
    comuni: tuple  # ISTAT codes touched (of the members' lavori and projects), sorted
    comuni_names: tuple  # names, in the order of comuni
    basis: tuple = ()  # tematica: ("criticita:sociale", "ambiti:culturale+sociale", ...)
    pairs: tuple = ()  # territoriale: ((uuid_a, uuid_b, distance_m), ...) closest first
    reason: Bilingual = Bilingual("", "")
    hull_wkb: bytes = None  # convex hull of the members' lavori (None: no lavori)
    distance: float = None  # the parameter D of a territoriale proposal


@dataclass
class Result:
    proposals: list = field(default_factory=list)
    suppressed: list = field(default_factory=list)  # (Proposal, Bilingual why)
    too_broad: int = 0  # components / thematic groups above max_members
    crs: str = ""
    distance: float = DEFAULT_DISTANCE
    projects: int = 0
    lavori: int = 0


def suggest(
    source,
    distance=DEFAULT_DISTANCE,
    proximity=True,
    themes=True,
    max_members=DEFAULT_MAX_MEMBERS,
    decisions=None,
):
    """Proposals for ``source`` (GeoPackage path or DSN). ``decisions``: {proposal id: decision};
    by default read from the GeoPackage (a DSN has none yet)."""
    from .decisions import read_decisions

    distance = float(distance)
    if distance < 0:
        raise ValueError("distance must be >= 0")
    data = read_tables(source, WANTED, geometry=("lavori",))
    projects = {row["uuid"]: row for row in data.rows("progetti") if row["uuid"]}
    names = {row["istat"]: row["nome"] for row in data.rows("comuni")}
    lavori = [
        row for row in data.rows("lavori") if row["progetto_uuid"] in projects and row.get(GEOMETRY_COLUMN)
    ]
    result = Result(crs=data.crs, distance=distance, projects=len(projects), lavori=len(lavori))
    touched = _comuni_touched(projects, lavori)
    geoms = _geometries(lavori)
    found = []
    if proximity:
        territorial, broad = _proximity(projects, lavori, geoms, touched, names, distance, max_members)
        found += territorial
        result.too_broad += broad
    if themes:
        thematic, broad = _themes(
            projects, data.rows("criticita"), lavori, geoms, touched, names, max_members
        )
        found += thematic
        result.too_broad += broad
    if decisions is None:
        decisions = read_decisions(source)
    programmes = _programmes(projects, data.rows("programmi"))
    for proposal in sorted(found, key=_order):
        why = _already(proposal, decisions, programmes)
        if why is None:
            result.proposals.append(proposal)
        else:
            result.suppressed.append((proposal, why))
    return result


def _order(proposal):
    return (KINDS.index(proposal.kind), -len(proposal.members), proposal.members, proposal.basis)


# -- reading helpers ------------------------------------------------------------------------
def _comuni_touched(projects, lavori):
    touched = defaultdict(set)
    for uuid_, row in projects.items():
        if row["comune_istat"]:
            touched[uuid_].add(row["comune_istat"])
    for row in lavori:
        if row["comune_istat"]:
            touched[row["progetto_uuid"]].add(row["comune_istat"])
    return touched


def _geometries(lavori):
    from osgeo import ogr

    return [ogr.CreateGeometryFromWkb(row[GEOMETRY_COLUMN]) for row in lavori]


def _programmes(projects, programmi):
    members = defaultdict(set)
    for uuid_, row in projects.items():
        if row["programma_uuid"]:
            members[row["programma_uuid"]].add(uuid_)
    titles = {row["uuid"]: row["titolo"] or "" for row in programmi}
    return [(key, titles.get(key, ""), frozenset(value)) for key, value in sorted(members.items())]


def _already(proposal, decisions, programmes):
    decision = decisions.get(proposal.id)
    if decision is not None:
        if decision == "accettata":
            return tr("already accepted", language=BOTH)
        return tr("already rejected", language=BOTH)
    members = frozenset(proposal.members)
    for _key, title, existing in programmes:
        overlap = len(members & existing) / len(members | existing)
        if members <= existing or overlap >= MOSTLY:
            return tr("already the programma «{title}»", language=BOTH).format(title=title)
    return None


# -- proximity ------------------------------------------------------------------------------
def close_pairs(envelopes, distance, same_group=None):
    """Index pairs (i, j), i < j, whose envelopes are within ``distance`` (a uniform grid; cell =
    the distance, or the median envelope size when that is larger). ``same_group(i, j)`` true
    skips a pair (lavori of the same project)."""
    if not envelopes:
        return set()
    sizes = sorted(max(e[1] - e[0], e[3] - e[2]) for e in envelopes)
    cell = max(distance, sizes[len(sizes) // 2], 1.0)
    grid = defaultdict(list)
    for index, (minx, maxx, miny, maxy) in enumerate(envelopes):
        for gx in range(int(minx // cell), int(maxx // cell) + 1):
            for gy in range(int(miny // cell), int(maxy // cell) + 1):
                grid[(gx, gy)].append(index)
    pairs = set()
    for index, (minx, maxx, miny, maxy) in enumerate(envelopes):
        seen = set()
        for gx in range(int((minx - distance) // cell), int((maxx + distance) // cell) + 1):
            for gy in range(int((miny - distance) // cell), int((maxy + distance) // cell) + 1):
                for other in grid.get((gx, gy), ()):
                    if other <= index or other in seen:
                        continue
                    seen.add(other)
                    if same_group is not None and same_group(index, other):
                        continue
                    o = envelopes[other]
                    dx = max(o[0] - maxx, minx - o[1], 0.0)
                    dy = max(o[2] - maxy, miny - o[3], 0.0)
                    if dx * dx + dy * dy <= distance * distance:
                        pairs.add((index, other))
    return pairs


def _proximity(projects, lavori, geoms, touched, names, distance, max_members):
    owners = [row["progetto_uuid"] for row in lavori]
    envelopes = [geom.GetEnvelope() for geom in geoms]
    nearest = {}  # (project a, project b) -> smallest distance between their lavori
    for i, j in sorted(close_pairs(envelopes, distance, lambda i, j: owners[i] == owners[j])):
        gap = geoms[i].Distance(geoms[j])
        if gap <= distance:
            key = tuple(sorted((owners[i], owners[j])))
            if key not in nearest or gap < nearest[key]:
                nearest[key] = gap
    parent = {}

    def find(item):
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in sorted(nearest):
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    components = defaultdict(set)
    for item in list(parent):
        components[find(item)].add(item)
    edges = defaultdict(list)  # root -> (a, b, distance) of its component
    for (a, b), gap in nearest.items():
        edges[find(a)].append((a, b, round(gap, 1)))
    by_project = defaultdict(list)
    for index, owner in enumerate(owners):
        by_project[owner].append(index)
    proposals, too_broad = [], 0
    for root, members in components.items():
        if max_members and len(members) > max_members:
            too_broad += 1
            continue
        members = tuple(sorted(members))
        pairs = tuple(sorted(edges[root], key=lambda p: (p[2], p[0], p[1])))
        comuni = _comuni_of(members, touched)
        titles = tuple(projects[m]["titolo"] or "" for m in members)
        reason = _proximity_reason(pairs, projects, comuni, names, distance)
        proposals.append(
            Proposal(
                id=proposal_id("territoriale", members),
                kind="territoriale",
                members=members,
                titles=titles,
                comuni=comuni,
                comuni_names=tuple(names.get(c, c) for c in comuni),
                pairs=pairs,
                reason=reason,
                hull_wkb=_hull(geoms, by_project, members),
                distance=distance,
            )
        )
    return proposals, too_broad


def _comuni_of(members, touched):
    return tuple(sorted(set().union(*(touched.get(m, set()) for m in members))))


def _metres(value):
    """A distance in metres, with the thousands separator of each language."""
    text = f"{value:,.0f}"
    return Bilingual(text.replace(",", "."), text)


def _proximity_reason(pairs, projects, comuni, names, distance):
    listed = Bilingual(
        *(
            "; ".join(
                f"«{projects[a]['titolo']}» – «{projects[b]['titolo']}» {_metres(d)[index]} m"
                for a, b, d in pairs[:LISTED_PAIRS]
            )
            for index in (0, 1)
        )
    )
    more = Bilingual("", "")
    if len(pairs) > LISTED_PAIRS:
        more = tr(" and {n} more pairs", language=BOTH).format(n=len(pairs) - LISTED_PAIRS)
    return tr(
        "Lavori within {distance} m of each other: {pairs}{more}. Comuni: {comuni}.", language=BOTH
    ).format(
        distance=_metres(distance), pairs=listed, more=more, comuni=", ".join(names.get(c, c) for c in comuni)
    )


def _hull(geoms, by_project, members):
    from osgeo import ogr

    collection = ogr.Geometry(ogr.wkbGeometryCollection)
    for member in members:
        for index in by_project.get(member, ()):
            collection.AddGeometry(geoms[index])
    if collection.GetGeometryCount() == 0:
        return None
    hull = collection.ConvexHull()
    if hull.GetGeometryType() not in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        hull = hull.Buffer(1.0)
    return bytes(ogr.ForceToMultiPolygon(hull).ExportToWkb(ogr.wkbNDR))


# -- themes ---------------------------------------------------------------------------------
def _themes(projects, criticita, lavori, geoms, touched, names, max_members):
    groups = defaultdict(set)  # basis -> members
    for row in criticita:
        if row["progetto_uuid"] in projects:
            for code in row["ambito_criticita"] or ():
                groups["criticita:" + code].add(row["progetto_uuid"])
    for uuid_, row in projects.items():
        for a, b in combinations(sorted(set(row["ambito_opportunita"] or ())), 2):
            groups[f"ambiti:{a}+{b}"].add(uuid_)
    by_members = defaultdict(list)
    too_broad = 0
    for basis, members in groups.items():
        places = {projects[m]["comune_istat"] for m in members}
        if len(members) < 2 or len(places) < 2:
            continue
        if max_members and len(members) > max_members:
            too_broad += 1
            continue
        by_members[tuple(sorted(members))].append(basis)
    by_project = defaultdict(list)
    for index, row in enumerate(lavori):
        by_project[row["progetto_uuid"]].append(index)
    proposals = []
    for members, bases in by_members.items():
        bases = tuple(sorted(bases))
        comuni = _comuni_of(members, touched)
        proposals.append(
            Proposal(
                id=proposal_id("tematica", members),
                kind="tematica",
                members=members,
                titles=tuple(projects[m]["titolo"] or "" for m in members),
                comuni=comuni,
                comuni_names=tuple(names.get(c, c) for c in comuni),
                basis=bases,
                reason=_theme_reason(members, projects, bases, names),
                hull_wkb=_hull(geoms, by_project, members),
            )
        )
    return proposals, too_broad


def basis_label(basis, language):
    """ "Criticità: Sociale" / "Ambiti: Culturale + Sociale" for a basis code of a proposal."""
    scheme = load_scheme()
    kind, _, codes = basis.partition(":")
    if kind == "criticita":
        dimension = scheme.dimension("ambito_criticita")
        head = tr("criticità answered", language=language)
    else:
        dimension = scheme.dimension("ambito_opportunita")
        head = tr("shared ambiti", language=language)
    return head + ": " + " + ".join(dimension.label_of(code, language) for code in codes.split("+"))


def _theme_reason(members, projects, bases, names):
    places = sorted({projects[m]["comune_istat"] for m in members})
    shared = Bilingual(
        "; ".join(basis_label(b, "it") for b in bases), "; ".join(basis_label(b, "en") for b in bases)
    )
    return tr("{n} projects in {places} with the same theme ({shared}).", language=BOTH).format(
        n=len(members), places=", ".join(names.get(p, p) for p in places), shared=shared
    )
