"""Where the RE.MIX layers and the stored project live: a GeoPackage file or the central
PostgreSQL database. The project builder asks its store for layer URIs, the provider key, the
code-list layer and the fields the store computes itself; everything else is the same code.

Plain Python (no QGIS at import): the URIs are QGIS's data source strings, written here in the
format ``QgsDataSourceUri.uri(False)`` writes (asserted by the qgis tier). A ``PostgresStore``
never holds a password: credentials stay in the QGIS authentication configuration (``authcfg``),
the ``pg_service.conf`` service or ``~/.pgpass`` (issue 14, "no credentials in the project").
"""

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, urlencode

from ..layers.model import CODELIST_TABLE, COMUNI_TABLE, GEOMETRY_COLUMN, load_model

POSTGRES_SCHEMA = "remix"  # central/ddl.py SCHEMA (not imported: ddl needs no QGIS but is big)
PROJECT_NAME = "remix"  # the project's name in qgis_projects, as in the GeoPackage
CONNECTION_KEYS = ("service", "host", "port", "dbname", "user", "authcfg", "sslmode")


class GeoPackageStore:
    """A RE.MIX GeoPackage: layers ``path|layername=table`` through OGR."""

    kind = "geopackage"
    provider = "ogr"

    def __init__(self, path):
        self.path = Path(path)

    @property
    def label(self):
        return self.path.name

    def layer_uri(self, table_name):
        return f"{self.path.resolve()}|layername={table_name}"

    def server_fields(self, table_name):
        """Fields the store sets itself (read-only in the forms): none, QGIS computes them."""
        return {}


def _quote(value):
    """A value as QgsDataSourceUri quotes it: 'text' with \\ and ' escaped."""
    return "'" + str(value).replace("\\", "\\\\").replace("'", "\\'") + "'"


@dataclass(frozen=True)
class PostgresStore:
    """The central database (schema ``remix``): layers through QGIS's postgres provider."""

    service: str = ""
    host: str = ""
    port: str = ""
    dbname: str = ""
    user: str = ""
    authcfg: str = ""
    sslmode: str = ""
    schema: str = POSTGRES_SCHEMA
    srid: int = 32632
    extra: dict = field(default_factory=dict, compare=False)  # informative (connection name)

    kind = "postgresql"
    provider = "postgres"

    @property
    def label(self):
        name = self.dbname or self.service
        where = f"service={self.service}" if self.service else (self.host or "localhost")
        return f"{name} ({where})".replace("/", "∕")  # never a path: the dock shows Path(label).name

    # -- connection ----------------------------------------------------------------------
    def connection_info(self):
        """The connection part of a QGIS postgres URI (QgsDataSourceUri's order, no password)."""
        parts = []
        if self.dbname:
            parts.append(f"dbname={_quote(self.dbname)}")
        if self.service:
            parts.append(f"service={_quote(self.service)}")
        if self.host:
            parts.append(f"host={self.host}")
        if self.port:
            parts.append(f"port={self.port}")
        if self.user:
            parts.append(f"user={_quote(self.user)}")
        if self.sslmode:
            parts.append(f"sslmode={self.sslmode}")
        if self.authcfg:
            parts.append(f"authcfg={self.authcfg}")
        return " ".join(parts)

    def libpq_dsn(self, password=None):
        """A libpq DSN for psycopg2 (the password, when given, only in memory)."""
        parts = [f"{key}={_libpq_quote(getattr(self, key))}" for key in CONNECTION_KEYS
                 if key != "authcfg" and getattr(self, key)]
        if password:
            parts.append(f"password={_libpq_quote(password)}")
        return " ".join(parts)

    def with_login(self, other):
        """This store's tables through another user's connection (their service, login, authcfg)."""
        return replace(other, schema=self.schema, srid=self.srid)

    # -- layers --------------------------------------------------------------------------
    def layer_uri(self, table_name):
        model = load_model()
        if table_name == CODELIST_TABLE:  # a view: QGIS needs its key (dimension, code)
            key, geometry = '"dimension","code"', ""
        else:
            table = model.table(table_name)
            key = "uuid" if table.has_uuid else table.fields[0].name
            geometry = GEOMETRY_COLUMN if table.geometry else ""
        uri = self.connection_info()
        uri += f" key='{key}'"
        if geometry:
            uri += f" srid={int(self.srid)} type=MultiPolygon"
        uri += " checkPrimaryKeyUnicity='0'"
        uri += f' table="{self.schema}"."{table_name}"'
        if geometry:
            uri += f" ({geometry})"
        return uri.strip()

    def server_fields(self, table_name):
        """name -> "audit" | "derived" | "version": the fields the central database sets by
        trigger (audit, a lavoro's comune and area, the row version), read-only in the forms."""
        from ..central import ddl

        if table_name in (CODELIST_TABLE, COMUNI_TABLE):
            return {}
        table = load_model().table(table_name)
        out = {n: "audit" for n in (ddl.CREATED_AT, ddl.CREATED_BY, ddl.MODIFIED_AT, ddl.MODIFIED_BY)
               if table.has_field(n)}
        derived = ddl.derived_fields(table)  # the one definition of the derived fields
        out.update({n: "derived" for n in derived or ()})
        if not table.reference:
            out[ddl.VERSION_COLUMN] = "version"
        return out

    @staticmethod
    def version_default():
        from ..central import ddl

        return ddl.QGIS_VERSION_DEFAULT

    # -- the stored project --------------------------------------------------------------
    def project_uri(self, name=PROJECT_NAME):
        """``postgresql://[user@]host:port?service=…&authcfg=…&dbname=…&schema=remix&project=remix``,
        as QGIS's own project storage in PostgreSQL encodes it (never a password)."""
        netloc = ""
        if self.user:
            netloc += quote(self.user, safe="") + "@"
        if self.host and not self.host.startswith("/"):
            netloc += self.host
            if self.port:
                netloc += f":{self.port}"
        query = {}
        if self.service:
            query["service"] = self.service
        if self.authcfg:
            query["authcfg"] = self.authcfg
        if self.sslmode and self.sslmode != "prefer":
            query["sslmode"] = self.sslmode
        query["dbname"] = self.dbname
        query["schema"] = self.schema
        query["project"] = name
        return f"postgresql://{netloc}?{urlencode(query, quote_via=quote)}"


def _libpq_quote(value):
    text = str(value)
    if text and all(c not in text for c in " '\\"):
        return text
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def postgres_store_from_dsn(dsn, srid=32632):
    """(PostgresStore, password or None) from a libpq DSN (``service=remix``, ``postgresql://…``,
    ``host=… dbname=…``). The password is returned apart, for an in-memory connection only."""
    import psycopg2.extensions

    options = psycopg2.extensions.parse_dsn(dsn)
    password = options.pop("password", None)
    values = {key: str(options.get(key, "")) for key in CONNECTION_KEYS if key != "authcfg"}
    if not values["dbname"] and not values["service"]:
        values["dbname"] = values["user"] or os.environ.get("PGDATABASE", "")
    return PostgresStore(srid=srid, **values), password


def postgres_store_from_qgis_uri(uri_text, srid=32632, name=""):
    """A PostgresStore from a QGIS postgres connection's URI (its password is dropped)."""
    parts = parse_qgis_uri(uri_text)
    values = {key: parts.get(key, "") for key in CONNECTION_KEYS}
    return PostgresStore(srid=srid, extra={"connection": name}, **values)


def parse_qgis_uri(uri_text):
    """key -> value of a QGIS data source string (quoted values unescaped); ``table`` left out."""
    out, index, text = {}, 0, str(uri_text or "")
    while index < len(text):
        while index < len(text) and text[index] == " ":
            index += 1
        equals = text.find("=", index)
        if equals < 0:
            break
        key = text[index:equals].strip()
        index = equals + 1
        if index < len(text) and text[index] in "'\"":
            quote_char, value, index = text[index], [], index + 1
            while index < len(text) and text[index] != quote_char:
                if text[index] == "\\" and index + 1 < len(text):
                    index += 1
                value.append(text[index])
                index += 1
            index += 1
            value = "".join(value)
        else:
            end = text.find(" ", index)
            end = len(text) if end < 0 else end
            value, index = text[index:end], end
        if key == "table":
            break
        out[key] = value
    return out


# -- services (pg_service.conf) -----------------------------------------------------------
def service_files():
    """The pg_service.conf files libpq reads, in its order (the user's first)."""
    candidates = []
    if os.environ.get("PGSERVICEFILE"):
        candidates.append(Path(os.environ["PGSERVICEFILE"]))
    else:
        candidates.append(Path.home() / ".pg_service.conf")
    if os.environ.get("PGSYSCONFDIR"):
        candidates.append(Path(os.environ["PGSYSCONFDIR"]) / "pg_service.conf")
    candidates += [Path("/etc/postgresql-common/pg_service.conf"), Path("/etc/pg_service.conf")]
    return [p for p in dict.fromkeys(candidates) if p.is_file()]


def read_services(files=None):
    """service name -> {key: value} (passwords left out) from the pg_service.conf files."""
    services = {}
    for path in service_files() if files is None else files:
        current = None
        try:
            lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                current = line[1:-1].strip()
                if current in services:  # the first file wins, as in libpq
                    current = None
                else:
                    services[current] = {}
                continue
            if current is not None and "=" in line:
                key, value = (part.strip() for part in line.split("=", 1))
                if key != "password":
                    services[current][key] = value
    return services
