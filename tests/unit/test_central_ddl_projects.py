# ruff: noqa: F811  (pytest injects the fixtures imported from test_central_support)
"""``db init`` and ``db upgrade`` create QGIS's project storage table ``remix.qgis_projects``:
owned by the administrator role, readable (only) by readers, CMM editors and comune technicians.
One definition (central/ddl.py ``projects_table_statements``), also run by
qgis_project/central_storage.ensure_projects_table."""

import pytest
from test_central_support import PASSWORD, central_db, empty_db, new_login, psycopg2  # noqa: F401

from remix_plugin.central import ddl
from remix_plugin.central.database import upgrade_database
from remix_plugin.layers.model import load_model
from tests.pg_cluster import host_only

pytestmark = host_only

OWNER = "SELECT tableowner FROM pg_tables WHERE schemaname = 'remix' AND tablename = 'qgis_projects'"
COLUMNS = (
    "SELECT column_name, data_type FROM information_schema.columns "
    "WHERE table_schema = 'remix' AND table_name = 'qgis_projects' ORDER BY ordinal_position"
)
PRIVILEGES = (
    "SELECT grantee, privilege_type FROM information_schema.role_table_grants "
    "WHERE table_schema = 'remix' AND table_name = 'qgis_projects' AND grantee <> 'remix_admin'"
)


def test_init_creates_the_projects_table_with_qgis_columns_and_rights(central_db):
    assert central_db.query(OWNER) == [(ddl.ADMIN_ROLE,)]
    assert central_db.query(COLUMNS) == [("name", "text"), ("metadata", "jsonb"), ("content", "bytea")]
    assert set(central_db.query(PRIVILEGES)) == {
        (ddl.READER_ROLE, "SELECT"), (ddl.CMM_ROLE, "SELECT"), (ddl.COMUNE_ROLE, "SELECT")}


def test_a_technician_reads_the_stored_project_and_cannot_write_it(central_db):
    central_db.query("INSERT INTO remix.qgis_projects (name, content) VALUES ('remix', '\\x00')")
    login = new_login(central_db, "tecnico")
    central_db.query(f"GRANT {ddl.COMUNE_ROLE} TO {login}")
    with central_db.login(login) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT name FROM remix.qgis_projects")
        assert cursor.fetchall() == [("remix",)]
        with pytest.raises(psycopg2.errors.InsufficientPrivilege):
            cursor.execute("UPDATE remix.qgis_projects SET content = NULL")


def test_upgrade_creates_it_in_a_database_made_before(central_db):
    central_db.query("DROP TABLE remix.qgis_projects")
    central_db.query("UPDATE remix.remix_metadata SET value = '1' WHERE key = 'schema_version'")
    upgrade_database(central_db.dsn())
    assert central_db.query(OWNER) == [(ddl.ADMIN_ROLE,)]
    assert (ddl.COMUNE_ROLE, "SELECT") in set(central_db.query(PRIVILEGES))


def test_derived_fields_is_public_and_names_the_lavori_fields():
    assert ddl.derived_fields(load_model().table("lavori")) == ("comune_istat", "superficie_mq")
    assert ddl.derived_fields(load_model().table("progetti")) is None
