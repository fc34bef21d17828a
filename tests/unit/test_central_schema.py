# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""Schema ``remix`` generated from the model: every table and field with its PostgreSQL type,
code lists enforced by the database itself, server-side uuid/audit/derived fields, versions."""

import json

import pytest
from test_central_support import central_db, empty_db, psycopg2, run_cli  # noqa: F401

from remix_plugin.central import ddl
from remix_plugin.central.database import CentralError, init_database, upgrade_database
from remix_plugin.layers.model import SCHEMA_VERSION, load_model
from remix_plugin.taxonomy import load_scheme
from tests.pg_cluster import host_only

pytestmark = host_only

COLUMNS = (
    "SELECT table_name, column_name, data_type, udt_name FROM information_schema.columns "
    "WHERE table_schema = 'remix'"
)
MILANO_POINT = "ST_SetSRID(ST_Point(513536, 5034241), 32632)"
ABBIATEGRASSO_POINT = "ST_SetSRID(ST_Point(490473, 5024053), 32632)"
PROJECT = (
    "INSERT INTO remix.progetti (titolo, comune_istat, ambito_opportunita, scala_impatto, "
    "livello_progettuale, stato_progetto) VALUES (%s, '015146', %s::jsonb, %s, 'comunale', 'concluso') "
    "RETURNING uuid"
)


def expected_type(model_field):
    if model_field.references:
        return "uuid" if model_field.references.endswith(".uuid") else "text"
    if model_field.name == "uuid":
        return "uuid"
    return {
        "text": "text",
        "integer": "bigint",
        "real": "double precision",
        "boolean": "boolean",
        "date": "date",
        "datetime": "timestamp with time zone",
        "codes": "jsonb",
    }[model_field.kind]


def test_every_model_table_and_field_is_there_with_its_type(central_db):
    columns = {(t, c): (d, u) for t, c, d, u in central_db.query(COLUMNS)}
    model = load_model()
    for table in model.tables:
        for model_field in table.fields:
            assert (table.name, model_field.name) in columns, (table.name, model_field.name)
            assert columns[(table.name, model_field.name)][0] == expected_type(model_field), (
                table.name,
                model_field.name,
            )
        if table.geometry:
            assert columns[(table.name, "geom")][1] == "geometry"
        if not table.reference:
            assert columns[(table.name, ddl.VERSION_COLUMN)][0] == "bigint"
    geometry = dict(
        central_db.query(
            "SELECT f_table_name, type || ':' || srid FROM geometry_columns WHERE f_table_schema = 'remix'"
        )
    )
    assert geometry == {t.name: "MULTIPOLYGON:32632" for t in model.tables if t.geometry}
    metadata = dict(central_db.query("SELECT key, value FROM remix.remix_metadata"))
    assert metadata["schema_version"] == str(SCHEMA_VERSION)
    assert metadata["scheme_version"] == load_scheme().version and metadata["crs"] == "EPSG:32632"


def test_code_lists_and_comuni_come_from_the_scheme_and_the_shipped_data(central_db):
    stored = set(
        central_db.query("SELECT dimension, code, label_it, ordine, deprecated FROM remix.remix_codelist")
    )
    expected = {(r[0], r[1], r[2], r[6], bool(r[7])) for r in load_scheme().codelist_rows()}
    assert stored == expected
    comuni = central_db.query(
        "SELECT count(*), count(DISTINCT zona_omogenea), bool_and(ST_IsValid(geom)) FROM remix.comuni"
    )
    assert comuni[0][0] == 133 and comuni[0][1] >= 8 and comuni[0][2]
    milano = central_db.query("SELECT istat FROM remix.comuni WHERE ST_Contains(geom, " + MILANO_POINT + ")")
    assert milano == [("015146",)]


def test_an_unknown_code_is_refused_by_the_database_from_plain_sql(central_db):
    with pytest.raises(psycopg2.Error) as single:
        central_db.query(PROJECT, ("x", '["ambientale"]', "galattica"))
    assert single.value.pgcode == ddl.SQLSTATE_BAD_CODE
    assert 'Il codice "galattica" del campo scala_impatto' in single.value.pgerror
    with pytest.raises(psycopg2.Error) as multi:
        central_db.query(PROJECT, ("x", '["ambientale", "lunare"]', "comunale"))
    assert multi.value.pgcode == ddl.SQLSTATE_BAD_CODE and "lunare" in multi.value.pgerror
    with pytest.raises(psycopg2.Error) as not_array:
        central_db.query(PROJECT, ("x", '"ambientale"', "comunale"))
    assert not_array.value.pgcode == ddl.SQLSTATE_BAD_VALUE and "elenco JSON" in not_array.value.pgerror
    # Without the trigger (the owner can disable it), the foreign key still refuses the code.
    central_db.query("ALTER TABLE remix.progetti DISABLE TRIGGER c_codes")
    with pytest.raises(psycopg2.errors.ForeignKeyViolation):
        central_db.query(PROJECT, ("x", '["ambientale"]', "galattica"))
    central_db.query("ALTER TABLE remix.progetti ENABLE TRIGGER c_codes")
    assert central_db.query("SELECT count(*) FROM remix.progetti") == [(0,)]
    central_db.query(PROJECT, ("ok", '["ambientale", "sociale"]', "comunale"))
    assert central_db.query("SELECT count(*) FROM remix.progetti") == [(1,)]


def test_uuid_audit_fields_comune_and_area_are_set_by_the_server(central_db):
    project = central_db.query(PROJECT, ("p", '["ambientale"]', "comunale"))[0][0]
    central_db.query(
        "INSERT INTO remix.lavori (progetto_uuid, titolo, oggetto_fisico, comune_istat, superficie_mq, "
        "creato_da, creato_il, versione, geom) VALUES (%s, 'L', 'ambito', '015002', 1, 'falso', "
        "'1999-01-01T00:00:00Z', 42, ST_Multi(ST_Buffer(" + MILANO_POINT + ", 50)))",
        (project,),
    )
    row = central_db.query(
        "SELECT uuid, comune_istat, superficie_mq, creato_da, creato_il, versione, "
        "modificato_il FROM remix.lavori"
    )[0]
    assert len(str(row[0])) == 36 and row[1] == "015146" and abs(row[2] - 7803.6) < 1
    assert row[3] == "remix_admin" and row[4] != "1999-01-01T00:00:00Z" and row[4].endswith("Z")
    assert row[5] == 1 and row[6] == row[4]
    central_db.query(
        "UPDATE remix.lavori SET geom = ST_Multi(ST_Buffer(" + ABBIATEGRASSO_POINT + ", 10)), creato_il = 'x'"
    )
    moved = central_db.query("SELECT comune_istat, superficie_mq, creato_il, versione FROM remix.lavori")[0]
    assert moved[0] == "015002" and moved[1] < 400 and moved[2] == row[4] and moved[3] == 2
    with pytest.raises(psycopg2.Error) as changed:
        central_db.query("UPDATE remix.lavori SET uuid = gen_random_uuid()")
    assert "non si modifica" in changed.value.pgerror


def test_every_change_is_in_the_history_with_the_row_before_and_after(central_db):
    project = central_db.query(PROJECT, ("prima", '["ambientale"]', "comunale"))[0][0]
    central_db.query("UPDATE remix.progetti SET titolo = 'dopo' WHERE uuid = %s", (project,))
    central_db.query("DELETE FROM remix.progetti WHERE uuid = %s", (project,))
    history = central_db.query(
        "SELECT operation, table_name, row_uuid, changed_by, before ->> 'titolo', "
        "after ->> 'titolo' FROM remix.history ORDER BY id"
    )
    assert history == [
        ("INSERT", "progetti", project, "remix_admin", None, "prima"),
        ("UPDATE", "progetti", project, "remix_admin", "prima", "dopo"),
        ("DELETE", "progetti", project, "remix_admin", "dopo", None),
    ]


def test_the_other_crs_is_honoured(empty_db):
    init_database(empty_db.dsn(), crs="EPSG:7791")
    srids = {r[0] for r in empty_db.query("SELECT srid FROM geometry_columns WHERE f_table_schema = 'remix'")}
    assert srids == {7791}
    assert empty_db.query("SELECT value FROM remix.remix_metadata WHERE key = 'crs'") == [("EPSG:7791",)]
    with pytest.raises(CentralError) as bad:
        init_database(empty_db.dsn(), crs="EPSG:4326")
    assert bad.value.code == "bad_crs"


def test_init_twice_is_refused_clearly_and_changes_nothing(central_db):
    before = (
        central_db.query("SELECT count(*) FROM remix.history"),
        central_db.query("SELECT value FROM remix.remix_metadata WHERE key = 'created_at'"),
    )
    code, out, err = run_cli("init", "--dsn", central_db.dsn())
    assert code == 1, (out, err)
    assert "contiene già lo schema RE.MIX" in err and "db upgrade" in err and "Traceback" not in err
    after = (
        central_db.query("SELECT count(*) FROM remix.history"),
        central_db.query("SELECT value FROM remix.remix_metadata WHERE key = 'created_at'"),
    )
    assert before == after


def test_a_newer_schema_is_refused_by_every_command(central_db):
    central_db.query(
        "UPDATE remix.remix_metadata SET value = %s WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
    )
    for args in (("upgrade",), ("init",), ("grant", "--login", "nessuno", "--role", "cmm")):
        code, _, err = run_cli(*args, "--dsn", central_db.dsn())
        assert code == 1 and "versione più recente del plugin RE.MIX" in err, (args, err)
    code, _, err = run_cli("upgrade", "--dsn", central_db.dsn(), "--lang", "en")
    assert code == 1 and "newer version of the RE.MIX plugin" in err


def test_an_older_schema_is_upgraded_in_one_transaction(central_db):
    central_db.query(PROJECT, ("da conservare", '["ambientale"]', "comunale"))
    central_db.query("UPDATE remix.remix_metadata SET value = '0' WHERE key = 'schema_version'")
    central_db.query("ALTER TABLE remix.progetti DROP COLUMN note")
    central_db.query("DROP TABLE remix.misure")
    central_db.query("DELETE FROM remix.codes_stato_fase WHERE code = 'conclusa'")
    message = upgrade_database(central_db.dsn())
    assert message[0].endswith(f"aggiornato dallo schema 0 allo schema {SCHEMA_VERSION}.")
    columns = {(t, c) for t, c, _, _ in central_db.query(COLUMNS)}
    assert ("progetti", "note") in columns and ("misure", "valore") in columns
    assert central_db.query("SELECT count(*) FROM remix.codes_stato_fase WHERE code = 'conclusa'") == [(1,)]
    assert central_db.query("SELECT titolo FROM remix.progetti") == [("da conservare",)]
    metadata = dict(central_db.query("SELECT key, value FROM remix.remix_metadata"))
    assert metadata["schema_version"] == str(SCHEMA_VERSION) and "upgraded_at" in metadata
    triggers = central_db.query(
        "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE c.relname = 'misure' AND NOT t.tgisinternal"
    )
    assert triggers[0][0] >= 4
    assert upgrade_database(central_db.dsn())[0].endswith("nulla da fare.")


def test_a_failed_upgrade_changes_nothing(central_db):
    central_db.query("UPDATE remix.remix_metadata SET value = '0' WHERE key = 'schema_version'")
    central_db.query("ALTER TABLE remix.progetti DROP COLUMN note")
    central_db.query("DROP TABLE remix.misure")
    central_db.query("CREATE VIEW remix.misure AS SELECT 1 AS uno")  # in the way of the upgrade
    code, _, err = run_cli("upgrade", "--dsn", central_db.dsn())
    assert code == 1 and "nulla è stato cambiato" in err, err
    columns = {(t, c) for t, c, _, _ in central_db.query(COLUMNS)}
    assert ("progetti", "note") not in columns
    assert central_db.query("SELECT value FROM remix.remix_metadata WHERE key = 'schema_version'") == [("0",)]


def test_the_ddl_names_only_model_tables_and_its_own(central_db):
    """No table is written twice: every table in schema remix is a model table, a code list of
    a scheme dimension, or one of the PostgreSQL-only tables named in ddl.py."""
    tables = {
        r[0]
        for r in central_db.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'remix'"
        )
    }
    model, scheme = load_model(), load_scheme()
    expected = set(model.table_names) | {ddl.code_table(d.id) for d in scheme.dimensions}
    expected |= {"remix_metadata", "remix_codelist", ddl.HISTORY_TABLE, ddl.LOGINS_TABLE,
                 ddl.PROJECTS_TABLE_QGIS} | set(ddl.bundle_tables())
    assert tables == expected
    json.dumps(sorted(tables))  # printable for the report
