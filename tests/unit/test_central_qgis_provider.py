# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""What QGIS's own postgres provider sends and shows, against the central schema (the host's
QGIS in a subprocess: this tier imports no QGIS). Two layers of the same table edit the same
feature; the second commit is refused with the Italian message and its edits stay in the
buffer; a cross-comune edit is refused the same way."""

import json
import subprocess

import pytest
from test_central_support import PASSWORD, central_db, empty_db, new_login  # noqa: F401

from remix_plugin.central import ddl
from remix_plugin.central.database import grant_login
from tests.pg_cluster import ROOT, host_only

pytestmark = host_only
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's interpreter, the one python3-qgis is built for

PROBE = r"""
import json, sys
from qgis.core import QgsApplication, QgsDefaultValue, QgsGeometry, QgsVectorLayer, QgsVectorLayerUtils
settings = json.loads(sys.argv[1])
app = QgsApplication([], False)
app.initQgis()
def layer(table, geometry=""):
    uri = settings["uri"] + f' key="uuid" table="remix"."{table}"' + (f" ({geometry})" if geometry else "")
    lyr = QgsVectorLayer(uri, table, "postgres")
    assert lyr.isValid(), lyr.dataProvider().error().message()
    version = lyr.fields().indexOf("versione")
    lyr.setDefaultValueDefinition(version, QgsDefaultValue(settings["default"], True))
    return lyr
def feature_id(lyr, uuid):
    return next(f.id() for f in lyr.getFeatures() if str(f["uuid"]) == uuid)
out = {}
first, second = layer("progetti"), layer("progetti")
fid1, fid2 = feature_id(first, settings["own"]), feature_id(second, settings["own"])
second.startEditing()
second.changeAttributeValue(fid2, second.fields().indexOf("titolo"), "secondo")
second.changeAttributeValue(fid2, second.fields().indexOf("note"), "nota del secondo")
first.startEditing()
first.changeAttributeValue(fid1, first.fields().indexOf("titolo"), "primo")
out["first_commit"] = first.commitChanges()
out["second_commit"] = second.commitChanges()
out["second_errors"] = "\n".join(second.commitErrors())
out["second_editing"] = second.isEditable()
kept = second.getFeature(fid2)
out["second_buffer"] = [kept["titolo"], kept["note"]]
second.rollBack()
lavori = layer("lavori", "geom")
fid = next(lavori.getFeatures()).id()
lavori.startEditing()
moved = QgsGeometry(lavori.getFeature(fid).geometry())
moved.translate(5, 0)
lavori.changeGeometry(fid, moved)
out["geometry_commit"] = lavori.commitChanges()
other = layer("progetti")
other.startEditing()
other.changeAttributeValue(feature_id(other, settings["foreign"]), other.fields().indexOf("titolo"), "rubato")
out["foreign_commit"] = other.commitChanges()
out["foreign_errors"] = "\n".join(other.commitErrors())
out["foreign_editing"] = other.isEditable()
other.rollBack()
new = layer("progetti")
new.startEditing()
feature = QgsVectorLayerUtils.createFeature(new)  # the provider's defaults (uuid from the server)
values = {"titolo": "nuovo da QGIS", "comune_istat": "015146", "ambito_opportunita": ["sociale", "culturale"],
          "scala_impatto": "comunale", "livello_progettuale": "comunale", "stato_progetto": "concluso"}
for name, value in values.items():
    feature.setAttribute(name, value)
new.addFeature(feature)
out["insert_commit"] = new.commitChanges()
out["insert_errors"] = "\n".join(new.commitErrors())
print(json.dumps(out))
"""
PROJECT = (
    "INSERT INTO remix.progetti (titolo, comune_istat, ambito_opportunita, scala_impatto, "
    "livello_progettuale, stato_progetto) VALUES (%s, %s, '[\"sociale\"]', 'comunale', 'comunale', "
    "'concluso') RETURNING uuid::text"
)


def qgis_available():
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not qgis_available(), reason="no QGIS on this host's system Python")
def test_qgis_sends_the_row_version_and_shows_the_refusals(central_db):
    login = new_login(central_db, "tecnico_qgis")
    grant_login(central_db.dsn(), login, "comune", ["015146"])
    own = central_db.query(PROJECT, ("in QGIS", "015146"))[0][0]
    foreign = central_db.query(PROJECT, ("di un altro comune", "015002"))[0][0]
    central_db.query(
        "INSERT INTO remix.lavori (progetto_uuid, titolo, oggetto_fisico, geom) VALUES "
        "(%s, 'L', 'ambito', ST_Multi(ST_Buffer(ST_SetSRID(ST_Point(513536, 5034241), 32632), 20)))",
        (own,),
    )
    cluster = central_db.cluster
    uri = (
        f"dbname='{central_db.name}' host=127.0.0.1 port={cluster.port} user='{login}' password='{PASSWORD}'"
    )
    settings = json.dumps({"uri": uri, "own": own, "foreign": foreign, "default": ddl.QGIS_VERSION_DEFAULT})
    run = subprocess.run(
        [SYSTEM_PYTHON, "-c", PROBE, settings],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(cluster.folder)},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["first_commit"] is True
    assert out["second_commit"] is False and out["second_editing"] is True
    assert (
        "Conflitto di modifica" in out["second_errors"] and f"modificato da {login}" in out["second_errors"]
    )
    assert out["second_buffer"] == ["secondo", "nota del secondo"], "the refused edits stay in the buffer"
    assert central_db.query("SELECT titolo, versione FROM remix.progetti WHERE uuid = %s", (own,)) == [
        ("primo", 2)
    ]
    assert out["geometry_commit"] is True
    assert central_db.query("SELECT versione FROM remix.lavori") == [(2,)]
    assert out["foreign_commit"] is False and out["foreign_editing"] is True
    assert f"Il comune 015002 (Abbiategrasso) non è tra quelli assegnati a {login}" in out["foreign_errors"]
    assert out["insert_commit"] is True, out["insert_errors"]
    inserted = central_db.query("SELECT creato_da, versione, ambito_opportunita FROM remix.progetti "
                                "WHERE titolo = 'nuovo da QGIS'")
    assert inserted == [(login, 1, ["sociale", "culturale"])]
