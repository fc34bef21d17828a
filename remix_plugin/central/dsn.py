"""Is a command's argument a PostgreSQL connection string (DSN) or a file? The one decision,
used by every command that accepts both (``validate``, the networks and bundle commands).

A DSN is what libpq parses: ``service=remix``, ``host=… dbname=…`` (key=value pairs),
``postgresql://…``/``postgres://…`` URIs, and GDAL's ``PG:…`` prefix (stripped by ``libpq_dsn``).
A path to an existing file or folder is never a DSN, even if its name has an ``=`` in it.
No psycopg2 needed to decide (the CLI answers "not a file" without it).
"""

import os
import re

URI_PREFIXES = ("postgresql://", "postgres://")
GDAL_PREFIX = "PG:"
# libpq's connection keywords (PostgreSQL 13-17 "Parameter Key Words"): a key=value string is
# a DSN only when its first key is one of them, so "note=x.gpkg" stays a (missing) file name.
LIBPQ_KEYS = frozenset(
    "host hostaddr port dbname user password passfile channel_binding connect_timeout "
    "client_encoding options application_name fallback_application_name keepalives "
    "keepalives_idle keepalives_interval keepalives_count tcp_user_timeout replication "
    "gssencmode sslmode requiressl sslcompression sslcert sslkey sslpassword sslrootcert "
    "sslcrl sslcrldir sslsni requirepeer ssl_min_protocol_version ssl_max_protocol_version "
    "krbsrvname gsslib service target_session_attrs load_balance_hosts".split()
)
FIRST_KEY = re.compile(r"\s*([A-Za-z_]+)\s*=")


def looks_like_dsn(text):
    """True when ``text`` is a libpq connection string rather than a file path."""
    value = str(text or "").strip()
    if not value or os.path.exists(value):
        return False
    if value.startswith(GDAL_PREFIX):
        return True
    if value.lower().startswith(URI_PREFIXES):
        return True
    match = FIRST_KEY.match(value)
    return bool(match) and match.group(1).lower() in LIBPQ_KEYS


def libpq_dsn(text):
    """The string to hand to libpq/psycopg2 (GDAL's ``PG:`` prefix removed)."""
    value = str(text).strip()
    return value[len(GDAL_PREFIX):].strip() if value.startswith(GDAL_PREFIX) else value


def display_dsn(text):
    """The DSN as shown in a report: without any password (key=value or inside a URI)."""
    value = libpq_dsn(text)
    value = re.sub(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", value, flags=re.IGNORECASE)
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@]*@", r"\1:***@", value, flags=re.IGNORECASE)
