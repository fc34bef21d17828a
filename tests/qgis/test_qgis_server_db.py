# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""The project for QGIS Server on the central database (issue 15, "a .qgs project beside the data
(GeoPackage or the central database)", docs/qgis-server.md): ``prepare_server_project`` given a
DSN (a pg_service.conf service: a project URI cannot hold a socket folder) of a ``db init``
database holding the demo's rows (``benchmarks/bench_central_validation.copy_geopackage``), one
project not publishable and an e-mail in a publishable project's note. The .qgs read back (postgres
layers valid, the PostgreSQL subset strings, hidden fields, no password, no snapshot, no atlas,
the readiness warnings), then served by Debian's ``qgis_mapserver``: OGC API – Features returns
the publishable projects only and nothing of the hidden fields. The refusals: no ``qgs_path``, a
database without the RE.MIX schema (nothing written)."""

import json
import sqlite3
import sys
from pathlib import Path

import pytest
from qgis.core import QgsProject

ROOT = Path(__file__).resolve().parents[2]
for entry in (ROOT / "tests" / "unit", ROOT / "benchmarks"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))
from bench_central_validation import copy_geopackage  # noqa: E402
from test_central_support import central_db, empty_db  # noqa: E402,F401

from remix_plugin.errors import RemixError  # noqa: E402
from remix_plugin.qgis_project import TABLE_PROPERTY  # noqa: E402
from remix_plugin.qgis_server.prepare import prepare_server_project, publishable_filters  # noqa: E402
from remix_plugin.qgis_server.visibility import hidden_fields  # noqa: E402
from remix_plugin.web.fields import PUBLISHED_FIELDS  # noqa: E402
from tests.pg_cluster import host_only  # noqa: E402
from tests.unit.test_web_publish import demo_copy  # noqa: E402

pytestmark = host_only
HIDDEN_TITLE = "Cascina Gogna"  # made not publishable in the database
NOTE_MAIL = "giulia.bianchi@example.org"  # in the note of a publishable project (hidden field)


def _service(tmp_path, monkeypatch, db):
    name = f"remix_server_{db.name}"
    path = tmp_path / "pg_service.conf"
    path.write_text("\n".join([f"[{name}]", f"host={db.cluster.socket_dir}", f"port={db.cluster.port}",
                               f"dbname={db.name}", f"user={db.cluster.admin}", ""]), encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(path))
    return name


@pytest.fixture
def demo_db(central_db, tmp_path, monkeypatch):
    """A db-init'ed database with the demo's rows, one project not publishable, an e-mail in a
    publishable project's note; its service; the folder the project is written into."""
    data = tmp_path / "data"
    data.mkdir()
    copy_geopackage(central_db.dsn(), demo_copy(data))
    central_db.query("UPDATE remix.progetti SET pubblicabile = (titolo <> %s)", (HIDDEN_TITLE,))
    central_db.query("UPDATE remix.progetti SET note = %s WHERE uuid = (SELECT uuid FROM remix.progetti "
                     "WHERE pubblicabile ORDER BY titolo LIMIT 1)", (f"scrivere a {NOTE_MAIL}",))
    out = tmp_path / "server"
    out.mkdir()
    return central_db, _service(tmp_path, monkeypatch, central_db), out


def _count(db, text):
    return db.query(text)[0][0]


def test_prepare_on_the_central_database_writes_a_live_postgres_project(qgis_app, demo_db):
    db, service, out = demo_db
    result = prepare_server_project(f"service={service}", out / "centrale.qgs",
                                    contact_mail="sit@example.org")
    assert result.path == out / "centrale.qgs"
    assert result.data_path is None and result.atlas_path is None and result.layout == ""
    written = sorted(p.name for p in out.iterdir() if p.name != "centrale_attachments.zip")
    assert written == ["centrale.qgs"], "no snapshot, no atlas pages, no temporary file"
    codes = {f.code for f in result.findings}
    assert {"live_data_filters", "no_atlas"} <= codes
    assert all(f.severity == "warning" for f in result.findings)
    live = next(f for f in result.findings if f.code == "live_data_filters")
    assert "EXP_FILTER" in live.message_en and "EXP_FILTER" in live.message_it
    assert sorted(result.wfs_layers) == sorted(t for t in PUBLISHED_FIELDS if t in result.wfs_layers)
    assert {"progetti", "lavori", "azioni"} <= set(result.wfs_layers)

    xml = result.path.read_text(encoding="utf-8")
    assert "password" not in xml.lower()
    assert f"service='{service}'" in xml
    assert '"pubblicabile" = true' in xml and '"remix"."progetti"' in xml

    project = QgsProject()
    assert project.read(str(result.path)), project.error()
    layers = {layer.customProperty(TABLE_PROPERTY): layer for layer in project.mapLayers().values()}
    assert all(x.isValid() for x in layers.values()), [t for t, x in layers.items() if not x.isValid()]
    assert all(layer.providerType() == "postgres" for layer in layers.values())
    filters = publishable_filters("remix")
    for table, condition in filters.items():
        if table in layers:
            assert layers[table].subsetString() == condition, table
    assert "= 1" not in filters["lavori"] and '"remix"."progetti"' in filters["lavori"]

    progetti = layers["progetti"]
    titles = sorted(f["titolo"] for f in progetti.getFeatures())
    expected = [r[0] for r in db.query("SELECT titolo FROM remix.progetti WHERE pubblicabile "
                                       "ORDER BY titolo")]
    assert titles == expected and HIDDEN_TITLE not in titles and len(titles) == 5
    assert layers["lavori"].featureCount() == _count(
        db, "SELECT count(*) FROM remix.lavori l JOIN remix.progetti p ON p.uuid = l.progetto_uuid "
            "WHERE p.pubblicabile")
    assert layers["lavori"].featureCount() < _count(db, "SELECT count(*) FROM remix.lavori")
    for table in PUBLISHED_FIELDS:
        if table not in layers:
            continue
        layer = layers[table]
        must_hide = {n for n in layer.fields().names() if n not in PUBLISHED_FIELDS[table]}
        for service_name in ("WMS", "WFS"):
            assert must_hide <= hidden_fields(layer, service_name), (table, service_name)
    assert {"note", "creato_da", "pubblicabile"} <= hidden_fields(progetti, "WFS")
    restricted, _ok = project.readListEntry("WMSRestrictedLayers", "/")
    assert layers["finanziamenti"].name() in restricted
    project.clear()


def test_qgis_server_serves_the_publishable_projects_of_the_database(qgis_app, demo_db):
    from tests.e2e.test_qgis_server import MAPSERVER, Server, _exp_filter_hits

    if MAPSERVER is None:
        pytest.fail("qgis_mapserver not installed (apt-get install qgis-server)")
    db, service, out = demo_db
    result = prepare_server_project(f"service={service}", out / "centrale.qgs")
    running = Server(result.path, out / "qgis_mapserver.log")
    try:
        content_type, body = running.get("wfs3/collections/progetti/items.geojson", limit=100)
        collection = json.loads(body)
        assert "json" in content_type
        titles = sorted(str(next(v for k, v in f["properties"].items() if k in ("titolo", "Titolo")))
                        for f in collection["features"])
        expected = [r[0] for r in db.query("SELECT titolo FROM remix.progetti WHERE pubblicabile "
                                           "ORDER BY titolo")]
        assert titles == expected and HIDDEN_TITLE not in titles
        _ct, lavori = running.get("wfs3/collections/lavori/items.geojson", limit=1000)
        assert len(json.loads(lavori)["features"]) == _count(
            db, "SELECT count(*) FROM remix.lavori l JOIN remix.progetti p ON p.uuid = l.progetto_uuid "
                "WHERE p.pubblicabile")
        running.get(SERVICE="WFS", VERSION="1.1.0", REQUEST="GetFeature", TYPENAME="progetti")
        for _url, _type, answer in running.responses:
            assert NOTE_MAIL.encode() not in answer and HIDDEN_TITLE.encode() not in answer
        # what the readiness warning "live_data_filters" says: a hidden field can be probed
        assert _exp_filter_hits(running, "progetti", f"\"note\" LIKE '%{NOTE_MAIL}%'") == 1
        assert _exp_filter_hits(running, "progetti", "\"note\" LIKE '%nessuno@example.org%'") == 0
        assert _exp_filter_hits(running, "progetti", f"\"titolo\" = '{HIDDEN_TITLE}'") == 0
    finally:
        running.stop()


def test_a_database_project_needs_a_path_and_the_remix_schema(qgis_app, empty_db, tmp_path, monkeypatch):
    service = _service(tmp_path, monkeypatch, empty_db)
    with pytest.raises(RemixError) as refused:
        prepare_server_project(f"service={service}")
    assert refused.value.code == "server_write"
    target = tmp_path / "vuoto.qgs"
    with pytest.raises(RemixError) as refused:
        prepare_server_project(f"service={service}", target)
    assert refused.value.code == "server_not_ready"
    assert [f.code for f in refused.value.findings] == ["no_publishable_flag"]
    assert "db init" in refused.value.message_it
    assert not target.exists() and not [p for p in tmp_path.iterdir() if p.suffix == ".qgs"]


def test_the_geopackage_filters_are_unchanged(tmp_path):
    gpkg = publishable_filters()
    assert gpkg["progetti"] == '"pubblicabile" = 1'
    pg = publishable_filters("remix")
    assert pg["progetti"] == '"pubblicabile" = true'
    assert set(gpkg) == set(pg)
    for table in gpkg:  # the same conditions, in the other dialect
        assert gpkg[table].replace("= 1", "= true").replace('FROM "', 'FROM "remix"."') == pg[table], table
    path = demo_copy(tmp_path)
    with sqlite3.connect(path) as connection:  # the GeoPackage's filter still runs in SQLite
        assert connection.execute(f"SELECT count(*) FROM lavori WHERE {gpkg['lavori']}").fetchone()[0] > 0


def test_the_processing_algorithm_takes_the_database(qgis_app, demo_db):
    """remix:prepare_server with INPUT a service: the live project of the database, its layers
    from the postgres provider (the same as prepare_server_project's)."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    from remix_plugin.processing.algorithms.prepare_server import PrepareServerAlgorithm

    _db, service, out = demo_db
    algorithm = PrepareServerAlgorithm()
    algorithm.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    parameters = {"INPUT": f"service={service}", "OUTPUT": str(out / "da_processing.qgs")}
    ok, message = algorithm.checkParameterValues(parameters, context)
    assert ok, message
    result = algorithm.processAlgorithm(parameters, context, feedback)
    assert result["OUTPUT"] == str(out / "da_processing.qgs") and result["LAYERS"] > 0
    assert result["DATA"] == ""  # a database is served live: no snapshot file
    project = QgsProject()
    assert project.read(result["OUTPUT"])
    providers = {layer.providerType() for layer in project.mapLayers().values()
                 if layer.customProperty("remix/table")}
    assert providers == {"postgres"}, providers
