"""The same proposals and scores from the central database (DSN) as from a GeoPackage with the
same rows (throw-away PostgreSQL cluster; skipped in the chroot)."""

# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
import json

from test_central_support import central_db, empty_db  # noqa: F401
from test_networks_fixtures import NOW, ORIGIN, PERO, RHO, key, make_gpkg

from remix_plugin.networks.suggest import suggest
from remix_plugin.priority.score import score_projects
from tests.pg_cluster import host_only

pytestmark = host_only

PROJECTS = [
    {
        "name": "A",
        "comune": RHO,
        "lavori": [(0, 0, None)],
        "ambiti": ["sociale", "culturale"],
        "scala": "sovracomunale",
        "costo": 1000.0,
    },
    # the database derives lavori.comune_istat from the perimeter: B's lavoro lies in Rho,
    # C's (5 km east) in 015250; the GeoPackage rows say the same
    {"name": "B", "comune": PERO, "lavori": [(1100, 0, RHO)], "ambiti": ["sociale", "culturale"]},
    {"name": "C", "comune": PERO, "lavori": [(5000, 0, "015250")], "ambiti": ["economico"]},
]
CRITICITA = [{"project": "A", "ambiti": ["sociale"]}, {"project": "C", "ambiti": ["sociale"]}]
FUNDING = [{"project": "A", "importo": 250.0, "stato": "assegnato"}]


def _fill(db):
    audit = {"creato_il": NOW, "modificato_il": NOW, "creato_da": "test", "modificato_da": "test"}

    def insert(table, values, geometry=None):
        values = dict(values, **audit)
        columns = ", ".join(f'"{name}"' for name in values)  # names from this test, not from users
        marks = ", ".join("%s" for _ in values)
        if geometry is not None:
            columns += ', "geom"'
            marks += ", ST_Multi(ST_MakeEnvelope(%s, %s, %s, %s, 32632))"
        db.query(
            f"INSERT INTO remix.{table} ({columns}) VALUES ({marks})",  # noqa: S608
            list(values.values()) + list(geometry or ()),
        )

    for project in PROJECTS:
        insert(
            "progetti",
            {
                "uuid": key(project["name"]),
                "titolo": project["name"],
                "comune_istat": project["comune"],
                "ambito_opportunita": json.dumps(project["ambiti"]),
                "scala_impatto": project.get("scala", "comunale"),
                "livello_progettuale": "comunale",
                "stato_progetto": "proposta",
                "costo_stimato": project.get("costo"),
            },
        )
        for index, (dx, dy, _comune) in enumerate(project["lavori"]):
            x, y = ORIGIN[0] + dx, ORIGIN[1] + dy
            insert(
                "lavori",
                {
                    "uuid": key(f"{project['name']}/lavoro/{index}"),
                    "progetto_uuid": key(project["name"]),
                    "titolo": f"Lavoro {index} di {project['name']}",
                    "comune_istat": project["comune"],
                    "oggetto_fisico": "ambito",
                    "perimetro_illustrativo": True,
                },
                (x, y, x + 100, y + 100),
            )
    for index, item in enumerate(CRITICITA):
        insert(
            "criticita",
            {
                "uuid": key(f"criticita/{index}"),
                "progetto_uuid": key(item["project"]),
                "titolo": f"Criticità {index}",
                "comune_istat": RHO,
                "ambito_criticita": json.dumps(item["ambiti"]),
                "ambito_intervento": "fisico_materiale",
                "scala_criticita": "comunale",
            },
        )
    for index, item in enumerate(FUNDING):
        insert(
            "finanziamenti",
            {
                "uuid": key(f"finanziamento/{index}"),
                "progetto_uuid": key(item["project"]),
                "titolo": f"Bando {index}",
                "importo": item["importo"],
                "stato_finanziamento": item["stato"],
                "tipo_finanziamento": "bando_regionale",
            },
        )


def test_database_and_geopackage_give_the_same_proposals_and_scores(central_db, tmp_path):
    _fill(central_db)
    gpkg = make_gpkg(tmp_path / "same.gpkg", PROJECTS, criticita=CRITICITA, finanziamenti=FUNDING)
    from_db = suggest(central_db.dsn(), 1500)
    from_file = suggest(gpkg, 1500)
    assert from_db.crs == from_file.crs == "EPSG:32632"
    assert [(p.id, p.kind, p.members, p.pairs, p.comuni, p.reason) for p in from_db.proposals] == [
        (p.id, p.kind, p.members, p.pairs, p.comuni, p.reason) for p in from_file.proposals
    ]
    kinds = sorted((p.kind, len(p.members)) for p in from_db.proposals)
    # A+B: 1,000 m apart, and both with the ambiti culturale+sociale; A+C: criticità sociale in two comuni
    assert kinds == [("tematica", 2), ("tematica", 2), ("territoriale", 2)]
    db_scores = [(s.uuid, round(s.score, 6), s.rank) for s in score_projects(central_db.dsn())]
    file_scores = [(s.uuid, round(s.score, 6), s.rank) for s in score_projects(gpkg)]
    assert db_scores == file_scores
    assert db_scores[0][0] == key("A")
