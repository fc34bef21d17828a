"""``publish-web DSN OUTDIR``: the central database publishes the same data files as the
GeoPackage holding the same rows (throw-away PostgreSQL cluster; skipped in the chroot)."""

# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
import json
import sys

from test_central_support import central_db, empty_db, psycopg2  # noqa: F401
from test_web_publish import _cli, demo_copy, needs_vendor

from remix_plugin.web.publish import publish_web
from tests.pg_cluster import ROOT, host_only

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_central_validation import copy_geopackage  # noqa: E402

pytestmark = [host_only, needs_vendor]
DATA_FILES = ("data/progetti.json", "data/lavori.geojson", "data/comuni.geojson")


def _load(folder, name):
    return json.loads((folder / name).read_text(encoding="utf-8"))


def test_database_publishes_the_same_data_files_as_the_geopackage(central_db, tmp_path):
    gpkg = demo_copy(tmp_path)
    copy_geopackage(central_db.dsn(), gpkg)
    publish_web(gpkg, tmp_path / "from-file")
    # through the CLI, as the user runs it (GDAL's PG: prefix accepted as well)
    assert _cli("PG:" + central_db.dsn(), str(tmp_path / "from-db")) == 0
    for name in DATA_FILES:
        from_file = (tmp_path / "from-file" / name).read_bytes()
        from_db = (tmp_path / "from-db" / name).read_bytes()
        assert from_db == from_file, name
    projects = _load(tmp_path / "from-db", "data/progetti.json")["projects"]
    assert len(projects) == 6 and any(p["fasi"] for p in projects)
    assert len(_load(tmp_path / "from-db", "data/lavori.geojson")["features"]) > 0
    record = _load(tmp_path / "from-db", "publication.json")
    file_record = _load(tmp_path / "from-file", "publication.json")
    assert record["source"] == {
        "database": central_db.name,
        "schema": "remix",
        "schema_version": record["source"]["schema_version"],
        "created_at": record["source"]["created_at"],
    }
    assert record["source"]["schema_version"] == "2"
    assert record["counts"] == file_record["counts"]
    # nothing of the connection (host, port, user) is written into the folder
    options = psycopg2.extensions.parse_dsn(central_db.dsn())
    secrets = [str(options[k]) for k in ("host",) if options.get(k)] + [central_db.dsn()]
    for item in (tmp_path / "from-db").rglob("*"):
        if item.is_file() and "vendor" not in item.parts:
            text = item.read_text(encoding="utf-8", errors="replace")
            assert not [s for s in secrets if s in text], item


def test_database_refusals_and_unreachable_server(empty_db, tmp_path, capsys):
    # a database without the RE.MIX schema: refused (exit 1), nothing written
    assert _cli(empty_db.dsn(), str(tmp_path / "a")) == 1
    assert "RE.MIX" in capsys.readouterr().err
    # nobody listens on that port: cannot connect (exit 2), one line, no traceback
    assert _cli("host=127.0.0.1 port=1 dbname=x connect_timeout=2", str(tmp_path / "b")) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()
