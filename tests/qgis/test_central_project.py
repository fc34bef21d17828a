# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""The RE.MIX project stored in the central database (issue 14, "In QGIS"): built by the same
builder as the GeoPackage's, written by remix:create_database into remix.qgis_projects, read back
by a plain QgsProject.read without the plugin (layers valid, features readable, forms present, no
password anywhere), a comune technician's refused save translated into one Italian sentence with
the edits kept, and the dock tree filled from the database."""

import base64
import io
import sys
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsProject, QgsVectorLayer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_central_support import PASSWORD, central_db, empty_db, new_login  # noqa: E402,F401

from remix_plugin.central.database import grant_login  # noqa: E402
from tests.pg_cluster import host_only  # noqa: E402

pytestmark = host_only
MILANO, ABBIATEGRASSO = "015146", "015002"
PROJECT = (
    "INSERT INTO remix.progetti (titolo, comune_istat, ambito_opportunita, scala_impatto, "
    "livello_progettuale, stato_progetto) VALUES (%s, %s, '[\"sociale\"]', 'comunale', 'comunale', "
    "'concluso') RETURNING uuid::text"
)
LAVORO = (
    "INSERT INTO remix.lavori (progetto_uuid, titolo, oggetto_fisico, geom) VALUES (%s, 'L', 'ambito', "
    "ST_Multi(ST_Buffer(ST_SetSRID(ST_Point(513536, 5034241), 32632), 20)))"
)


def write_services(path, cluster, database, logins):
    """A pg_service.conf: the administrator through the socket, each login over TCP with its
    password (the password lives here, never in the project)."""
    lines = [f"[remix_admin_{database}]", f"host={cluster.socket_dir}", f"port={cluster.port}",
             f"dbname={database}", f"user={cluster.admin}", ""]
    for login in logins:
        lines += [f"[{login}]", "host=127.0.0.1", f"port={cluster.port}", f"dbname={database}",
                  f"user={login}", f"password={PASSWORD}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def services(empty_db, tmp_path, monkeypatch):
    """An empty database, a technician of Milano, and the service file naming both."""
    login = new_login(empty_db, "tecnico")
    path = write_services(tmp_path / "pg_service.conf", empty_db.cluster, empty_db.name, [login])
    monkeypatch.setenv("PGSERVICEFILE", str(path))
    return empty_db, f"remix_admin_{empty_db.name}", login


@pytest.fixture
def created(services, qgis_app):
    """remix:create_database run on the empty database through its service."""
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from remix_plugin.processing.algorithms.create_database import CreateDatabaseAlgorithm

    db, admin_service, login = services
    algorithm = CreateDatabaseAlgorithm()
    algorithm.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    ok, message = algorithm.checkParameterValues({"DATABASE": f"service={admin_service}"}, context)
    assert ok, message
    result = algorithm.processAlgorithm({"DATABASE": f"service={admin_service}", "CRS": "EPSG:32632"},
                                        context, feedback)
    grant_login(db.dsn(), login, "comune", [MILANO])
    return db, admin_service, login, result


def stored_project_xml(db):
    """The .qgs text inside the stored .qgz (bytea), read with psql."""
    out = db.cluster.psql("SELECT encode(content, 'base64') FROM remix.qgis_projects WHERE name = 'remix'",
                          database=db.name)
    blob = base64.b64decode("".join(out.stdout.split()))
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".qgs"))
        return archive.read(name).decode("utf-8"), blob


def test_create_database_stores_a_project_plain_qgis_reads(created):
    db, admin_service, _login, result = created
    assert result["PROJECT"].startswith("postgresql://") and "service=" in result["PROJECT"]
    rows = db.cluster.psql("SELECT name FROM remix.qgis_projects", database=db.name).stdout.split()
    assert rows == ["remix"]
    xml, blob = stored_project_xml(db)
    assert PASSWORD not in xml and PASSWORD.encode() not in blob
    assert "password" not in xml.lower()
    assert f"service='{admin_service}'" in xml
    own = db.query(PROJECT, ("Piazza in QGIS", MILANO))[0][0]
    db.query(LAVORO, (own,))

    project = QgsProject()  # plain QGIS: no plugin code reads it
    assert project.read(result["PROJECT"]), project.error()
    layers = {layer.customProperty("remix/table"): layer for layer in project.mapLayers().values()}
    assert {"progetti", "lavori", "azioni", "remix_codelist", "comuni"} <= set(layers)
    assert all(layer.isValid() for layer in layers.values()), [
        t for t, layer in layers.items() if not layer.isValid()]
    assert all(layer.providerType() == "postgres" for layer in layers.values())
    progetti = layers["progetti"]
    assert [f["titolo"] for f in progetti.getFeatures()] == ["Piazza in QGIS"]
    lavori = layers["lavori"]
    feature = next(lavori.getFeatures())
    assert feature.geometry().area() > 1000 and feature["comune_istat"] == MILANO
    assert layers["comuni"].featureCount() == 133
    assert layers["remix_codelist"].featureCount() > 50
    fields = progetti.fields()
    ambiti = progetti.editorWidgetSetup(fields.indexOf("ambito_opportunita"))
    assert ambiti.type() == "ValueRelation" and ambiti.config().get("AllowMulti") is True
    assert ambiti.config()["Layer"] == layers["remix_codelist"].id()
    assert ambiti.config()["LayerProviderName"] == "postgres"
    comune = progetti.editorWidgetSetup(fields.indexOf("comune_istat"))
    assert comune.type() == "ValueRelation" and comune.config()["Layer"] == layers["comuni"].id()
    assert progetti.editorWidgetSetup(fields.indexOf("stato_progetto")).type() in ("ValueMap",
                                                                                    "ValueRelation")
    version = progetti.defaultValueDefinition(fields.indexOf("versione"))
    assert version.expression() == '-abs("versione")' and version.applyOnUpdate()
    form = progetti.editFormConfig()
    for name in ("creato_il", "modificato_da", "versione"):
        assert form.readOnly(fields.indexOf(name)), name
        if name != "versione":
            assert progetti.defaultValueDefinition(fields.indexOf(name)).expression() == ""
    lavori_form = lavori.editFormConfig()
    assert lavori_form.readOnly(lavori.fields().indexOf("comune_istat"))
    assert lavori_form.readOnly(lavori.fields().indexOf("superficie_mq"))
    assert len(form.tabs()) >= 2
    relations = project.relationManager().relations()
    assert relations and all(r.isValid() for r in relations.values())
    assert any(r.referencingLayerId() == lavori.id() and r.referencedLayerId() == progetti.id()
               for r in relations.values())
    project.clear()


def test_a_technician_reads_it_through_their_own_connection_and_a_refusal_is_one_italian_sentence(
        created):
    from remix_plugin.central.refusals import explain
    from remix_plugin.qgis_project.central_storage import open_database_project
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn

    db, _admin_service, login, _result = created
    own = db.query(PROJECT, ("Piazza di Milano", MILANO))[0][0]
    foreign = db.query(PROJECT, ("Parco di Abbiategrasso", ABBIATEGRASSO))[0][0]
    store, password = postgres_store_from_dsn(f"service={login}")
    assert password is None
    project = QgsProject()
    layers = open_database_project(store, project)
    assert layers, "the stored project is read through the technician's service"
    progetti = layers["progetti"]
    assert f"service='{login}'" in progetti.source() and "password" not in progetti.source()
    errors = []
    progetti.raiseError.connect(errors.append)
    by_uuid = {str(f["uuid"]): f.id() for f in progetti.getFeatures()}
    title = progetti.fields().indexOf("titolo")

    progetti.startEditing()
    assert progetti.changeAttributeValue(by_uuid[foreign], title, "Rubato")
    assert progetti.commitChanges(False) is False
    shown = explain("\n".join(progetti.commitErrors()))
    assert shown.kind == "rights", "\n".join(progetti.commitErrors())
    assert shown.message_it.startswith(f"Salvataggio rifiutato: Il comune {ABBIATEGRASSO} (Abbiategrasso) "
                                       f"non è tra quelli assegnati a {login}")
    assert "Le modifiche restano da salvare nel layer." in shown.message_it
    assert "PostGIS error" not in shown.message_it and "ERROR" not in shown.message_it
    assert errors and explain(errors[-1]).kind == "rights", "the provider's error signal carries it too"
    assert progetti.isEditable() and progetti.isModified(), "the edits stay in the buffer"
    assert progetti.getFeature(by_uuid[foreign])["titolo"] == "Rubato"
    assert db.query("SELECT titolo FROM remix.progetti WHERE uuid = %s", (foreign,)) == [
        ("Parco di Abbiategrasso",)]

    progetti.rollBack()
    progetti.startEditing()
    assert progetti.changeAttributeValue(by_uuid[own], title, "Piazza nuova")
    assert progetti.commitChanges(), progetti.commitErrors()
    assert db.query("SELECT titolo, modificato_da, versione FROM remix.progetti WHERE uuid = %s",
                    (own,)) == [("Piazza nuova", login, 2)]
    project.clear()


def test_a_concurrent_edit_names_who_changed_it_and_when(created):
    from remix_plugin.central.refusals import explain
    from remix_plugin.qgis_project.central_storage import open_database_project
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn

    db, _admin_service, login, _result = created
    own = db.query(PROJECT, ("Piazza di Milano", MILANO))[0][0]
    store, _password = postgres_store_from_dsn(f"service={login}")
    project = QgsProject()
    progetti = open_database_project(store, project)["progetti"]
    fid = next(f.id() for f in progetti.getFeatures() if str(f["uuid"]) == own)
    progetti.startEditing()
    progetti.changeAttributeValue(fid, progetti.fields().indexOf("titolo"), "mia versione")
    db.query("UPDATE remix.progetti SET titolo = 'altra', versione = -1 WHERE uuid = %s", (own,))
    assert progetti.commitChanges(False) is False
    shown = explain("\n".join(progetti.commitErrors()))
    assert shown.kind == "stale"
    when = db.query("SELECT modificato_il FROM remix.progetti WHERE uuid = %s", (own,))[0][0]
    assert shown.message_it.startswith(f"Salvataggio rifiutato: {db.cluster.admin} ha modificato questo "
                                       f"elemento di progetti il {when} UTC (versione 2)")
    assert "ricarica il layer" in shown.message_it
    assert progetti.isModified()
    progetti.rollBack()
    project.clear()


def test_the_dock_tree_from_the_database_equals_its_rows(created, qgis_iface):
    from dock_data import FakePlugin

    from remix_plugin.gui.central_connect import open_central
    from remix_plugin.gui.dock import RemixDock
    from remix_plugin.qgis_project.stores import postgres_store_from_dsn

    db, _admin_service, login, _result = created
    titles = [f"Progetto {n:02d}" for n in range(12)]
    for index, title in enumerate(titles):
        uuid = db.query(PROJECT, (title, MILANO if index % 2 else ABBIATEGRASSO))[0][0]
        db.query(LAVORO, (uuid,))
    dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    try:
        store, _password = postgres_store_from_dsn(f"service={login}")
        assert open_central(qgis_iface, dock, store, ask_unsaved=lambda *a: "discard")
        shown = sorted(p.title for p in dock.data.projects.values())
        in_db = sorted(r[0] for r in db.query("SELECT titolo FROM remix.progetti"))
        assert shown == in_db == sorted(titles)
        uuids = {r[0] for r in db.query("SELECT uuid::text FROM remix.progetti")}
        assert set(dock.data.projects) == uuids
        lavori = sum(len(p.lavori) for p in dock.data.projects.values())
        assert lavori == db.query("SELECT count(*) FROM remix.lavori")[0][0] == 12
        assert all(isinstance(layer, QgsVectorLayer) and layer.providerType() == "postgres"
                   for layer in dock.layers.values())
        # a refused save: one sentence in the message bar, the edit still in the buffer
        progetti = dock.layers["progetti"]
        foreign = next(f for f in progetti.getFeatures() if f["comune_istat"] == ABBIATEGRASSO)
        progetti.startEditing()
        progetti.changeAttributeValue(foreign.id(), progetti.fields().indexOf("titolo"), "Rubato")
        assert progetti.commitChanges(False) is False
        shown = dock._remix_refusals.shown
        assert len(shown) == 1 and shown[0].startswith(f"{progetti.name()}: ")
        assert ABBIATEGRASSO in shown[0] and "PostGIS error" not in shown[0] and "ERROR" not in shown[0]
        assert progetti.isModified() and progetti.getFeature(foreign.id())["titolo"] == "Rubato"
        progetti.rollBack()
    finally:
        dock.teardown()
        QgsProject.instance().clear()


def test_the_store_uris_are_what_qgis_reads_and_never_hold_a_password(tmp_path):
    from qgis.core import QgsDataSourceUri

    from remix_plugin.qgis_project.central_storage import repoint_source
    from remix_plugin.qgis_project.stores import (
        GeoPackageStore,
        PostgresStore,
        postgres_store_from_dsn,
        read_services,
    )

    store, password = postgres_store_from_dsn("host=db.example port=5433 dbname=remix user=mario "
                                              "password=segreta sslmode=require", srid=7791)
    assert password == "segreta" and "segreta" not in repr(store)
    uri = QgsDataSourceUri(store.layer_uri("lavori"))
    assert (uri.host(), uri.port(), uri.database(), uri.username(), uri.password()) == (
        "db.example", "5433", "remix", "mario", "")
    assert (uri.schema(), uri.table(), uri.keyColumn(), uri.geometryColumn(), uri.srid()) == (
        "remix", "lavori", "uuid", "geom", "7791")
    assert "segreta" not in store.layer_uri("lavori") and "segreta" not in store.project_uri()
    assert store.libpq_dsn(password).endswith("password=segreta")
    codes = QgsDataSourceUri(PostgresStore(service="remix").layer_uri("remix_codelist"))
    assert (codes.service(), codes.table(), codes.geometryColumn()) == ("remix", "remix_codelist", "")
    assert QgsDataSourceUri(PostgresStore(service="remix").layer_uri("comuni")).keyColumn() == "istat"
    mine = PostgresStore(service="tecnico_milano", authcfg="ab12cd3")
    moved = repoint_source(store.layer_uri("progetti"), mine)
    assert QgsDataSourceUri(moved).service() == "tecnico_milano"
    assert QgsDataSourceUri(moved).authConfigId() == "ab12cd3" and "mario" not in moved
    assert repoint_source("/data/a.gpkg|layername=progetti", mine) == "/data/a.gpkg|layername=progetti"
    gpkg = tmp_path / "a.gpkg"
    assert GeoPackageStore(gpkg).layer_uri("progetti") == f"{gpkg}|layername=progetti"
    services = tmp_path / "pg_service.conf"
    services.write_text("[remix]\nhost=h\ndbname=d\npassword=segreta\n", encoding="utf-8")
    assert read_services([services]) == {"remix": {"host": "h", "dbname": "d"}}
