# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""Bundles out of the central database (issue 14): ``checkout`` writes a RE.MIX GeoPackage with the
database's rows (same uuids, same values), filtered like the bundle writer filters; ``export-bundle
DSN OUT.gpkg [--comune ISTAT]`` writes a bundle ``check-bundle`` accepts. The database is filled from
the validation corpus's clean GeoPackage (tests/helpers_corpus.py) with
benchmarks/bench_central_validation.py ``copy_geopackage``."""

import sqlite3
import subprocess
import sys

import helpers_corpus as corpus
import pytest
from test_central_support import central_db, empty_db, psycopg2  # noqa: F401

from remix_plugin.export import manifest as manifest_module
from remix_plugin.export.merge import _canonical_row
from remix_plugin.layers.model import load_model
from tests.pg_cluster import ROOT, host_only

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_central_validation import copy_geopackage  # noqa: E402


def cli(*args):
    out = subprocess.run([sys.executable, "-m", "remix_plugin", *args], cwd=ROOT, capture_output=True,
                         text=True, timeout=600, check=False)
    return out.returncode, out.stdout, out.stderr


def rows_of(path):
    """table -> uuid -> the canonical row (model fields + geometry WKB hex) of a GeoPackage or bundle
    table (a bundle's multi codes live in link tables: only the GeoPackage's columns compared here)."""
    model = load_model()
    connection = sqlite3.connect(str(path))
    out = {}
    try:
        for table in model.data_tables:
            present = {r[1] for r in connection.execute("SELECT * FROM pragma_table_info(?)", (table.name,))}
            fields = [f for f in table.fields if f.name in present]
            columns = [f.name for f in fields] + (["geom"] if table.geometry else [])
            quoted = ", ".join(f'"{c}"' for c in columns)
            rows = {}
            for row in connection.execute(f'SELECT {quoted} FROM "{table.name}"'):  # noqa: S608
                values = dict(zip(columns, row))
                wkb = manifest_module.geometry_wkb(row[-1]) if table.geometry else None
                rows[values["uuid"]] = _canonical_row(fields, values, wkb)
            out[table.name] = rows
    finally:
        connection.close()
    return out


@pytest.fixture
def filled_db(central_db, tmp_path):
    gpkg = tmp_path / "source.gpkg"
    ids = corpus.build_clean(gpkg)
    copy_geopackage(central_db.dsn(), gpkg)
    return central_db, gpkg, ids


@host_only
def test_checkout_gives_the_databases_rows_with_their_uuids_and_values(filled_db, tmp_path):
    from remix_plugin.central.checkout import checkout
    from remix_plugin.layers.inspect import inspect_geopackage

    db, gpkg, _ids = filled_db
    out = tmp_path / "checkout.gpkg"
    result = checkout(db.dsn(), out)
    assert inspect_geopackage(out).schema_version == 2
    expected, found = rows_of(gpkg), rows_of(out)
    assert sum(len(r) for r in expected.values()) > 20
    for table, rows in expected.items():
        assert found[table] == rows, table
        assert result.counts[table] == len(rows)
    # the database's own row version never reaches the GeoPackage
    connection = sqlite3.connect(str(out))
    columns = {r[1] for r in connection.execute("SELECT * FROM pragma_table_info('progetti')")}
    srs = dict(connection.execute("SELECT table_name, srs_id FROM gpkg_geometry_columns"))
    connection.close()
    assert "versione" not in columns
    assert srs["lavori"] == 32632
    # what the checkout wrote is a clean RE.MIX GeoPackage for the validator
    from remix_plugin.validation.engine import validate_geopackage

    on_source = {(f.code, f.feature_uuid) for f in validate_geopackage(gpkg).findings}
    on_checkout = {(f.code, f.feature_uuid) for f in validate_geopackage(out).findings}
    assert on_checkout == on_source


@host_only
def test_checkout_of_one_comune_takes_its_projects_and_the_shared_rows_they_use(filled_db, tmp_path):
    from remix_plugin.central.checkout import checkout

    db, _gpkg, ids = filled_db
    out = tmp_path / "rho.gpkg"
    checkout(db.dsn(), out, comuni=[corpus.COMUNE_A])
    found = rows_of(out)
    assert set(found["progetti"]) == {ids["p1"]}
    assert set(found["lavori"]) == {ids["p1_lavoro1"], ids["p1_lavoro2"]}
    assert set(found["criticita"]) == {ids["p1_criticita"]}
    assert set(found["azioni"]) == {ids["p1_azione"]}
    assert set(found["fasi"]) == {ids["p1_fase1"], ids["p1_fase2"]}
    assert set(found["programmi"]) == {ids["programma"]}
    assert set(found["attori"]) == {ids["attore"]}
    assert set(found["indicatori"]) == {ids["indicatore"]}
    assert len(found["misure"]) == len(found["finanziamenti"]) == len(found["progetto_attori"]) == 1
    # by programme: both projects; by an unknown comune: nothing but the comuni
    both = tmp_path / "programma.gpkg"
    checkout(db.dsn(), both, programma=ids["programma"])
    assert set(rows_of(both)["progetti"]) == {ids["p1"], ids["p2"]}
    nobody = tmp_path / "nobody.gpkg"
    result = checkout(db.dsn(), nobody, comuni=["015999"])
    assert sum(result.counts.values()) == 0


@host_only
def test_checkout_refuses_an_existing_target_and_two_criteria(filled_db, tmp_path):
    from remix_plugin.central.checkout import CheckoutError, checkout

    db, _gpkg, ids = filled_db
    out = tmp_path / "there.gpkg"
    out.write_bytes(b"mine")
    with pytest.raises(CheckoutError) as raised:
        checkout(db.dsn(), out)
    assert "esiste già" in raised.value.message("it")
    assert out.read_bytes() == b"mine"
    with pytest.raises(CheckoutError):
        checkout(db.dsn(), tmp_path / "two.gpkg", comuni=[corpus.COMUNE_A], programma=ids["programma"])
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("source")) == ["there.gpkg"]


@host_only
def test_export_bundle_from_the_database_passes_check_bundle(filled_db, tmp_path):
    db, gpkg, ids = filled_db
    bundle = tmp_path / "regione.gpkg"
    code, out, err = cli("export-bundle", db.dsn(), str(bundle))
    assert code == 0, err
    assert str(bundle) in out
    code, out, err = cli("check-bundle", str(bundle))
    assert code == 0, out + err
    # the same bundle content as the bundle of the GeoPackage holding the same rows
    from_file = tmp_path / "dal_file.gpkg"
    code, _, err = cli("export-bundle", str(gpkg), str(from_file))
    assert code == 0, err
    assert rows_of(bundle) == rows_of(from_file)
    # one comune: its project only, and the manifest says which comune
    rho = tmp_path / "rho_bundle.gpkg"
    code, _, err = cli("export-bundle", db.dsn(), str(rho), "--comune", corpus.COMUNE_A)
    assert code == 0, err
    assert cli("check-bundle", str(rho))[0] == 0
    assert set(rows_of(rho)["progetti"]) == {ids["p1"]}
    info = subprocess.run(["ogrinfo", "-ro", "-so", str(rho), "progetti"], capture_output=True, text=True,
                          check=True).stdout
    assert "Feature Count: 1" in info
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@host_only
def test_export_bundle_from_an_unreachable_database_is_one_line_exit_2(tmp_path):
    bundle = tmp_path / "b.gpkg"
    code, out, err = cli("export-bundle", "host=127.0.0.1 port=1 dbname=remix connect_timeout=2", str(bundle))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not bundle.exists()
