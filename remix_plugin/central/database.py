"""Connect to the central database, read its RE.MIX versions, create, upgrade and grant.

Each operation runs in ONE transaction: on any error nothing is changed. Errors reach the caller
as ``CentralError`` (a ``RemixError`` with Italian and English messages and an exit code:
1 refused or failed check, 2 cannot connect or read).
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from .. import sql
from ..errors import RemixError
from ..layers.model import (
    COMUNI_ATTRIBUTION,
    COMUNI_TABLE,
    DEFAULT_CRS,
    METADATA_TABLE,
    SCHEMA_VERSION,
    SUPPORTED_CRS,
    load_model,
)
from ..log import get_logger
from ..taxonomy import load_scheme
from . import ddl

LOG = get_logger("central")
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COMUNI_GEOJSON = DATA_DIR / "comuni_cmm_istat.geojson"
ZONE_CSV = DATA_DIR / "zone_omogenee_cmm.csv"
MIN_SERVER_VERSION = 130000
MIN_POSTGIS_MAJOR = 3
EXIT_REFUSED, EXIT_UNREADABLE = 1, 2
GRANTABLE = {"comune": ddl.COMUNE_ROLE, "cmm": ddl.CMM_ROLE, "reader": ddl.READER_ROLE}

SERVER_VERSION = "SELECT current_setting('server_version_num')::integer, current_database()"
POSTGIS_AVAILABLE = "SELECT default_version FROM pg_available_extensions WHERE name = 'postgis'"
POSTGIS_INSTALLED = (
    "SELECT e.extversion, n.nspname FROM pg_extension e "
    "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis'"
)
CREATE_POSTGIS = "CREATE EXTENSION IF NOT EXISTS postgis"
TABLE_EXISTS = "SELECT to_regclass(%s) IS NOT NULL"
READ_METADATA = "SELECT key, value FROM {schema}.{table}"
ROLE_EXISTS = "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s"
CREATE_GROUP_ROLE = "CREATE ROLE {role} NOLOGIN"
GRANT_CREATE_ON_DATABASE = "GRANT CREATE ON DATABASE {database} TO {role}"
SET_ROLE = "SET LOCAL ROLE {role}"
COUNT_ROWS = "SELECT count(*) FROM {schema}.{table}"
INSERT_COMUNE = (
    "INSERT INTO {schema}.{table} ({columns}) VALUES (%s, %s, %s, %s, %s, "
    "{postgis}.ST_Multi({postgis}.ST_Transform({postgis}.ST_SetSRID("
    "{postgis}.ST_GeomFromGeoJSON(%s), 4326), %s)))"
)
UNKNOWN_COMUNI = (
    "SELECT code FROM unnest(%s::text[]) AS code WHERE code NOT IN (SELECT {istat} FROM {schema}.{table})"
)
REVOKE_ROLE = "REVOKE {group} FROM {role}"
GRANT_ROLE = "GRANT {group} TO {role}"
DELETE_LOGIN_COMUNI = "DELETE FROM {schema}.{table} WHERE login = %s"
INSERT_LOGIN_COMUNE = "INSERT INTO {schema}.{table} (login, istat) VALUES (%s, %s)"


class CentralError(RemixError):
    def __init__(self, code, message_it, message_en, exit_code=EXIT_REFUSED):
        super().__init__(code, message_it, message_en)
        self.exit_code = exit_code


@dataclass
class DatabaseInfo:
    name: str
    server_version: int
    postgis_version: str = ""  # installed in this database ("" = not yet)
    postgis_schema: str = ""
    schema_version: int = 0  # 0 = no RE.MIX schema
    metadata: dict = field(default_factory=dict)

    @property
    def has_schema(self):
        return bool(self.metadata)

    @property
    def needs_upgrade(self):
        return self.has_schema and self.schema_version < SCHEMA_VERSION


# -- connection ---------------------------------------------------------------------------
def connect(dsn, application="RE.MIX db"):
    """A psycopg2 connection for a libpq DSN (``service=remix``, ``postgresql://…``, key=value)."""
    import psycopg2
    import psycopg2.extensions

    try:
        options = psycopg2.extensions.parse_dsn(dsn)
    except psycopg2.ProgrammingError as exc:
        raise CentralError(
            "bad_dsn",
            f"Stringa di connessione (DSN) non valida: {_first_line(exc)}.",
            f"Invalid connection string (DSN): {_first_line(exc)}.",
            EXIT_UNREADABLE,
        ) from exc
    extra = {"application_name": application}
    if "connect_timeout" not in options:
        extra["connect_timeout"] = 10
    try:
        return psycopg2.connect(dsn, **extra)
    except psycopg2.Error as exc:
        raise CentralError(
            "cannot_connect",
            f"Connessione al database non riuscita: {_first_line(exc)}",
            f"Cannot connect to the database: {_first_line(exc)}",
            EXIT_UNREADABLE,
        ) from exc


def _first_line(exc):
    text = str(getattr(exc, "pgerror", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def inspect_database(connection):
    """DatabaseInfo of a connected database; CentralError when it cannot hold RE.MIX or is newer."""
    cursor = connection.cursor()
    cursor.execute(SERVER_VERSION)
    server_version, name = cursor.fetchone()
    if server_version < MIN_SERVER_VERSION:
        raise CentralError(
            "old_server",
            f"Il database {name} usa PostgreSQL {server_version // 10000}: "
            "RE.MIX richiede PostgreSQL 13 o successivo.",
            f"The database {name} runs PostgreSQL {server_version // 10000}: RE.MIX needs "
            "PostgreSQL 13 or later.",
            EXIT_UNREADABLE,
        )
    info = DatabaseInfo(name, server_version)
    cursor.execute(POSTGIS_INSTALLED)
    row = cursor.fetchone()
    if row:
        info.postgis_version, info.postgis_schema = row
    else:
        cursor.execute(POSTGIS_AVAILABLE)
        available = cursor.fetchone()
        if not available:
            raise CentralError(
                "no_postgis",
                f"Il server del database {name} non ha PostGIS: installa PostGIS 3 "
                "(pacchetto postgresql-<versione>-postgis-3).",
                f"The server of the database {name} has no PostGIS: install PostGIS 3 "
                "(package postgresql-<version>-postgis-3).",
                EXIT_UNREADABLE,
            )
        info.postgis_version = ""
    version = info.postgis_version or (available[0] if not row else "")
    if version and int(version.split(".")[0]) < MIN_POSTGIS_MAJOR:
        raise CentralError(
            "old_postgis",
            f"Il database {name} ha PostGIS {version}: RE.MIX richiede PostGIS 3.",
            f"The database {name} has PostGIS {version}: RE.MIX needs PostGIS 3.",
            EXIT_UNREADABLE,
        )
    cursor.execute(TABLE_EXISTS, (f"{ddl.SCHEMA}.{METADATA_TABLE}",))
    if not cursor.fetchone()[0]:
        return info
    cursor.execute(sql.statement(READ_METADATA, schema=ddl.SCHEMA, table=METADATA_TABLE))
    info.metadata = dict(cursor.fetchall())
    try:
        info.schema_version = int(info.metadata.get("schema_version", ""))
    except ValueError:
        raise CentralError(
            "not_remix",
            f"Database {name}: versione dello schema RE.MIX illeggibile.",
            f"Database {name}: unreadable RE.MIX schema version.",
        ) from None
    if info.schema_version > SCHEMA_VERSION:
        # The same words as for a GeoPackage (layers/inspect.py).
        raise CentralError(
            "newer_version",
            f"Il database {name} è stato creato da una versione più recente del plugin RE.MIX "
            f"(schema {info.schema_version}, questo plugin gestisce fino allo schema "
            f"{SCHEMA_VERSION}): aggiorna il plugin.",
            f"The database {name} was made by a newer version of the RE.MIX plugin "
            f"(schema {info.schema_version}, this plugin handles up to schema "
            f"{SCHEMA_VERSION}): update the plugin.",
        )
    return info


# -- init and upgrade ---------------------------------------------------------------------
def init_database(dsn, crs=DEFAULT_CRS, author=None):
    """Create schema ``remix`` (tables, code lists, comuni, roles, policies) in an existing
    database. Refused when the schema is there already (use ``upgrade_database``)."""
    if crs not in SUPPORTED_CRS:
        raise CentralError(
            "bad_crs",
            f"Sistema di riferimento {crs} non ammesso: usa {' o '.join(SUPPORTED_CRS)}.",
            f"Reference system {crs} not allowed: use {' or '.join(SUPPORTED_CRS)}.",
        )
    connection = connect(dsn)
    try:
        info = inspect_database(connection)
        if info.has_schema:
            raise CentralError(
                "exists",
                f"Il database {info.name} contiene già lo schema RE.MIX "
                f"(versione {info.schema_version}): nulla è stato cambiato; per aggiornarlo usa "
                "«db upgrade».",
                f"The database {info.name} already holds the RE.MIX schema (version "
                f"{info.schema_version}): nothing changed; to upgrade it use 'db upgrade'.",
            )
        _in_transaction(connection, lambda cursor: _build(cursor, info, crs, created=True, author=author))
    finally:
        connection.close()
    LOG.info("RE.MIX schema created in %s (%s)", info.name, crs)
    return info


def _require_schema(info):
    """Refuse, in words, a database that has no RE.MIX schema yet."""
    if not info.has_schema:
        raise CentralError(
            "not_remix",
            f"Il database {info.name} non contiene lo schema RE.MIX: usa «db init».",
            f"The database {info.name} holds no RE.MIX schema: use 'db init'.",
        )


def upgrade_database(dsn):
    """Bring an older RE.MIX schema to the current one in one transaction. Returns a message."""
    connection = connect(dsn)
    try:
        info = inspect_database(connection)
        _require_schema(info)
        if not info.needs_upgrade and _has_bundle_tables(connection):
            return (
                f"Il database {info.name} è già allo schema {SCHEMA_VERSION}: nulla da fare.",
                f"The database {info.name} is at schema {SCHEMA_VERSION} already: nothing to do.",
            )
        crs = info.metadata.get("crs") or DEFAULT_CRS
        _in_transaction(connection, lambda cursor: _build(cursor, info, crs, created=False))
    finally:
        connection.close()
    LOG.info("RE.MIX schema of %s upgraded from %s to %s", info.name, info.schema_version, SCHEMA_VERSION)
    return (
        f"Database {info.name} aggiornato dallo schema {info.schema_version} allo schema {SCHEMA_VERSION}.",
        f"Database {info.name} upgraded from schema {info.schema_version} to schema {SCHEMA_VERSION}.",
    )


def _has_bundle_tables(connection):
    """The bundle import's tables (ddl.bundle_tables), added at schema 2 after some were created:
    ``db upgrade`` adds them to such a database."""
    cursor = connection.cursor()
    for table in ddl.bundle_tables():
        cursor.execute(TABLE_EXISTS, (f"{ddl.SCHEMA}.{table}",))
        if not cursor.fetchone()[0]:
            return False
    return True


def _in_transaction(connection, work):
    import psycopg2

    try:
        with connection:  # commit on success, rollback on any error
            with connection.cursor() as cursor:
                work(cursor)
    except psycopg2.Error as exc:
        raise CentralError(
            "refused",
            f"Operazione rifiutata dal database, nulla è stato cambiato: {_first_line(exc)}",
            f"The database refused the operation, nothing changed: {_first_line(exc)}",
        ) from exc


def _execute(cursor, statement):
    cursor.execute(statement.text, statement.params or None)  # None: no %-interpolation


def _build(cursor, info, crs, created, author=None):
    model, scheme = load_model(), load_scheme()
    if not info.postgis_version:
        cursor.execute(CREATE_POSTGIS)
        cursor.execute(POSTGIS_INSTALLED)
        info.postgis_version, info.postgis_schema = cursor.fetchone()
    _ensure_roles(cursor, info.name)
    cursor.execute(sql.statement(SET_ROLE, role=ddl.ADMIN_ROLE))  # remix_admin owns every object
    srid = int(crs.split(":")[1])
    for statement in ddl.schema_statements(model, scheme, srid, info.postgis_schema):
        _execute(cursor, statement)
    cursor.execute(sql.statement(COUNT_ROWS, schema=ddl.SCHEMA, table=COMUNI_TABLE))
    if cursor.fetchone()[0] == 0:
        _load_comuni(cursor, model, srid, info.postgis_schema)
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()
    values = {
        "schema_version": str(SCHEMA_VERSION),
        "scheme_name": scheme.name,
        "scheme_version": scheme.version,
        "plugin_version": _plugin_version(),
    }
    if created:
        cursor.execute("SELECT session_user")
        values.update(
            {
                "crs": crs,
                "created_at": now,
                "created_by": author or cursor.fetchone()[0],
                "application": "RE.MIX QGIS plugin",
                "comuni_attribution": COMUNI_ATTRIBUTION,
                "store": "postgresql",
            }
        )
    else:
        values["upgraded_at"] = now
    for key, value in values.items():
        cursor.execute(
            sql.statement(ddl.UPSERT_METADATA, schema=ddl.SCHEMA, table=METADATA_TABLE), (key, value)
        )
    cursor.execute("RESET ROLE")


def _ensure_roles(cursor, database):
    for role in ddl.ROLES:
        cursor.execute(ROLE_EXISTS, (role,))
        if cursor.fetchone() is None:
            cursor.execute(sql.statement(CREATE_GROUP_ROLE, role=role))
    for statement in ddl.role_statements():
        _execute(cursor, statement)
    cursor.execute(sql.statement(GRANT_CREATE_ON_DATABASE, database=database, role=ddl.ADMIN_ROLE))


def _plugin_version():
    for metadata in (
        Path(__file__).resolve().parents[1] / "metadata.txt",
        Path(__file__).resolve().parents[2] / "metadata.txt",
    ):
        try:
            for line in metadata.read_text(encoding="utf-8").splitlines():
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
        except OSError:
            continue  # informative only
    return ""


def read_zone_omogenee(scheme):
    """ISTAT code -> zone code (same reading as layers/geopackage.py, without importing GDAL)."""
    import csv

    by_label = {t.label("it"): t.code for t in scheme.dimension("zona_omogenea").terms}
    with open(ZONE_CSV, encoding="utf-8", newline="") as handle:
        return {
            row["com_istat_code"].strip(): by_label[row["zona_omogenea"].strip()]
            for row in csv.DictReader(handle)
        }


def _load_comuni(cursor, model, srid, postgis_schema):
    """The 133 CMM comuni, transformed by PostGIS from the shipped WGS 84 GeoJSON into ``srid``."""
    zones = read_zone_omogenee(load_scheme())
    columns = model.table(COMUNI_TABLE).field_names + [ddl.GEOMETRY_COLUMN]
    insert = sql.statement(
        INSERT_COMUNE, schema=ddl.SCHEMA, table=COMUNI_TABLE, columns=columns, postgis=postgis_schema
    )
    with open(COMUNI_GEOJSON, encoding="utf-8") as handle:
        collection = json.load(handle)
    for item in sorted(collection["features"], key=lambda f: f["properties"]["com_istat_code"]):
        properties = item["properties"]
        istat = properties["com_istat_code"]
        cursor.execute(
            insert,
            (
                istat,
                properties["name"],
                properties.get("com_catasto_code") or None,
                zones.get(istat),
                COMUNI_ATTRIBUTION,
                json.dumps(item["geometry"]),
                srid,
            ),
        )


# -- rights -------------------------------------------------------------------------------
def grant_login(dsn, login, role, comuni=()):
    """Give ``login`` (an existing PostgreSQL login) one RE.MIX role; for ``comune`` the list of
    comuni (ISTAT codes) replaces the previous one. Returns (message_it, message_en)."""
    if role not in GRANTABLE:
        raise CentralError(
            "bad_role",
            f"Ruolo {role} sconosciuto: usa comune, cmm o reader.",
            f"Unknown role {role}: use comune, cmm or reader.",
        )
    comuni = list(dict.fromkeys(comuni))
    if role == "comune" and not comuni:
        raise CentralError(
            "no_comuni",
            "Un tecnico comunale ha bisogno di almeno un comune (--comune ISTAT).",
            "A municipal technician needs at least one municipality (--comune ISTAT).",
        )
    if role != "comune" and comuni:
        raise CentralError(
            "comuni_not_needed",
            f"Il ruolo {role} vale per tutti i comuni: togli --comune.",
            f"The role {role} covers every municipality: drop --comune.",
        )
    connection = connect(dsn)
    try:
        info = inspect_database(connection)
        _require_schema(info)
        cursor = connection.cursor()
        cursor.execute(ROLE_EXISTS, (login,))
        row = cursor.fetchone()
        if row is None or not row[0]:
            raise CentralError(
                "no_login",
                f"Il login {login} non esiste sul server: crealo prima "
                "(CREATE ROLE … LOGIN PASSWORD …), poi assegna i diritti.",
                f"The login {login} does not exist on the server: create it first "
                "(CREATE ROLE … LOGIN PASSWORD …), then grant the rights.",
            )
        comuni_table = model_comuni_key()
        cursor.execute(
            sql.statement(UNKNOWN_COMUNI, schema=ddl.SCHEMA, table=COMUNI_TABLE, istat=comuni_table),
            (comuni,),
        )
        unknown = [r[0] for r in cursor.fetchall()]
        connection.rollback()
        if unknown:
            raise CentralError(
                "unknown_comune",
                f"Codici ISTAT non tra i comuni della Città metropolitana: {', '.join(unknown)}.",
                f"ISTAT codes not among the municipalities of the Metropolitan City: {', '.join(unknown)}.",
            )
        _in_transaction(connection, lambda cursor: _grant(cursor, login, GRANTABLE[role], comuni))
    finally:
        connection.close()
    where = f" ({', '.join(comuni)})" if comuni else ""
    LOG.info("RE.MIX role %s granted to %s%s", role, login, where)
    return (f"{login}: ruolo {GRANTABLE[role]}{where}.", f"{login}: role {GRANTABLE[role]}{where}.")


def model_comuni_key():
    return load_model().table(COMUNI_TABLE).fields[0].name


def _grant(cursor, login, group, comuni):
    for other in (ddl.CMM_ROLE, ddl.COMUNE_ROLE, ddl.READER_ROLE):
        if other != group:
            cursor.execute(sql.statement(REVOKE_ROLE, group=other, role=login))
    cursor.execute(sql.statement(GRANT_ROLE, group=group, role=login))
    cursor.execute(sql.statement(DELETE_LOGIN_COMUNI, schema=ddl.SCHEMA, table=ddl.LOGINS_TABLE), (login,))
    for istat in comuni:
        cursor.execute(
            sql.statement(INSERT_LOGIN_COMUNE, schema=ddl.SCHEMA, table=ddl.LOGINS_TABLE), (login, istat)
        )
