"""The RE.MIX project stored in the central database (QGIS's own project storage in PostgreSQL,
table ``remix.qgis_projects``), written and read again.

``create_database`` runs ``db init`` (central/database.py) and stores the project: callable
headless (Processing ``remix:create_database``, ``qgis_process``, a standalone QgsApplication).
``store_database_project`` is the one place the stored project is written, ``open_database_project``
the one place it is read: every RE.MIX layer of the stored project is pointed at the reading
user's own connection (their service, login or QGIS authentication configuration), so the
project holds no credentials and serves every login.
"""

import os
from contextlib import contextmanager

from qgis.core import QgsPathResolver, QgsProject

from .. import sql
from ..central.ddl import PROJECTS_TABLE_QGIS
from ..log import get_logger
from .builder import DEFAULT_LANGUAGE, build_project, remix_layers
from .stores import PROJECT_NAME, PostgresStore, parse_qgis_uri, postgres_store_from_dsn

LOG = get_logger("qgis_project.central")

PROJECTS_TABLE = PROJECTS_TABLE_QGIS  # QGIS's name; central/ddl.py creates it with the rights
SET_ROLE = "SET LOCAL ROLE {role}"
CAN_SET_ROLE = "SELECT pg_has_role(current_user, %s, 'MEMBER')"
PROJECT_EXISTS = "SELECT count(*) FROM {schema}.{table} WHERE name = %s"


def ensure_projects_table(dsn):
    """``remix.qgis_projects`` owned by the RE.MIX administrator role and readable by every RE.MIX
    login: the statements of ``db init``/``db upgrade`` (central/ddl.py projects_table_statements,
    the one definition), for a database initialised before they made the table."""
    from ..central import ddl
    from ..central.database import _in_transaction, connect

    connection = connect(dsn, application="RE.MIX project")

    def work(cursor):
        cursor.execute(CAN_SET_ROLE, (ddl.ADMIN_ROLE,))
        if cursor.fetchone()[0]:
            cursor.execute(sql.statement(SET_ROLE, role=ddl.ADMIN_ROLE))
        for statement in ddl.projects_table_statements():
            cursor.execute(statement.text, statement.params or None)

    try:
        _in_transaction(connection, work)
    finally:
        connection.close()


@contextmanager
def _password(password):
    """libpq (QGIS's postgres provider) reads PGPASSWORD: the DSN's password, for this write only,
    never in a layer source or the stored project."""
    if not password:
        yield
        return
    before = os.environ.get("PGPASSWORD")
    os.environ["PGPASSWORD"] = password
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PGPASSWORD", None)
        else:
            os.environ["PGPASSWORD"] = before


def store_database_project(store, schema_version, language=None, password=None, name=PROJECT_NAME):
    """Build the RE.MIX project on ``store`` (a PostgresStore), its atlas layout included
    (``builder.add_layout``, as in the GeoPackage), and write it into ``remix.qgis_projects``.
    Returns the project URI. Raises RemixFileError."""
    from ..layers.errors import RemixFileError

    language = language or DEFAULT_LANGUAGE
    project = QgsProject()
    try:
        with _password(password):
            build_project(store, project, language, schema_version=schema_version, with_layout=True)
            uri = store.project_uri(name)
            if not project.write(uri):
                raise RemixFileError(
                    "project",
                    f"Progetto QGIS non salvato nel database {store.label}: {project.error()}",
                    f"QGIS project not saved in the database {store.label}: {project.error()}")
    finally:
        project.clear()
        del project
    LOG.info("QGIS project stored in %s", store.label)
    return uri


def create_database(dsn, crs="EPSG:32632", language=None, feedback=None):
    """``db init`` on ``dsn`` (an empty schema is created; an existing one at the current version
    is kept) and the project stored in it. Returns (DatabaseInfo, project URI). Raises
    CentralError / RemixFileError."""
    from ..central.database import connect, init_database, inspect_database
    from ..layers.model import SCHEMA_VERSION

    connection = connect(dsn, application="RE.MIX project")
    try:
        info = inspect_database(connection)
    finally:
        connection.close()
    if not info.has_schema:
        _say(feedback, f"db init ({crs})…")
        info = init_database(dsn, crs=crs)
        srid = int(crs.split(":")[1])
    else:
        _require_current(info)
        srid = int((info.metadata.get("crs") or crs).split(":")[1])
        _say(feedback, f"Schema RE.MIX {info.schema_version} già presente: salvo solo il progetto.")
    ensure_projects_table(dsn)
    store, password = postgres_store_from_dsn(dsn, srid=srid)
    uri = store_database_project(store, SCHEMA_VERSION, language, password=password)
    return info, uri


def _require_current(info):
    from ..central.database import CentralError
    from ..layers.model import SCHEMA_VERSION

    if info.schema_version < SCHEMA_VERSION:
        raise CentralError(
            "needs_upgrade",
            f"Il database {info.name} è allo schema {info.schema_version}: aggiornalo prima con "
            "«db upgrade».",
            f"The database {info.name} is at schema {info.schema_version}: upgrade it first with "
            "'db upgrade'.")


def _say(feedback, text):
    LOG.info("%s", text)
    if feedback is not None:
        feedback.pushInfo(text)


# -- reading ------------------------------------------------------------------------------
def repoint_source(source, store):
    """A RE.MIX layer source of the central database, through ``store``'s connection; other
    sources unchanged."""
    text = str(source or "")
    marker = text.find(f'table="{store.schema}".')
    key = text.find(" key=")
    if marker < 0 or key < 0 or key > marker:
        return text
    return store.connection_info() + text[key:]


@contextmanager
def reading_through(store):
    preprocessor = QgsPathResolver.setPathPreprocessor(lambda source: repoint_source(source, store))
    try:
        yield
    finally:
        QgsPathResolver.removePathPreprocessor(preprocessor)


def open_database_project(store, project=None, name=PROJECT_NAME):
    """Read the project stored in the central database into ``project`` (default: the current
    one), its layers through ``store`` (the user's connection). Returns the RE.MIX layers
    ``{table: layer}``; {} when nothing was stored or a layer is invalid (logged)."""
    project = project if project is not None else QgsProject.instance()
    with reading_through(store):
        loaded = project.read(store.project_uri(name))
    if not loaded:
        LOG.warning("No RE.MIX project read from %s: %s", store.label, project.error())
        return {}
    layers = remix_layers(project)
    invalid = [table for table, layer in layers.items() if not layer.isValid()]
    if invalid:
        LOG.warning("Layers of the project stored in %s are invalid: %s", store.label, invalid)
        return {}
    return layers


def has_database_project(dsn, name=PROJECT_NAME):
    """Is a RE.MIX project stored in the database (psycopg2, no QGIS layer)?"""
    from ..central import ddl
    from ..central.database import connect

    connection = connect(dsn, application="RE.MIX project")
    try:
        cursor = connection.cursor()
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", (f"{ddl.SCHEMA}.{PROJECTS_TABLE}",))
        if not cursor.fetchone()[0]:
            return False
        cursor.execute(sql.statement(PROJECT_EXISTS, schema=ddl.SCHEMA, table=PROJECTS_TABLE), (name,))
        return bool(cursor.fetchone()[0])
    finally:
        connection.close()


def store_of_layer(layer):
    """The PostgresStore a postgres layer reads (None for other layers)."""
    if layer is None or layer.providerType() != "postgres":
        return None
    parts = parse_qgis_uri(layer.source())
    return PostgresStore(**{k: parts.get(k, "") for k in ("service", "host", "port", "dbname", "user",
                                                            "authcfg", "sslmode")})
