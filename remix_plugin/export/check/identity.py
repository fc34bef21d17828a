"""Identity and links: every record has a UUID that is unique in its table (compared canonically),
and every link table row names an existing parent and a code its parent lists once.

SQLite picks the few rows that can give a finding (a Python loop over every row cost 0.9 s at
100,000 lavori + azioni); the same Python logic then decides, in the order a full scan had."""

import json

from ... import sql
from ...uuids import canonical_uuid

# Rows whose uuid may be missing or repeated: every uuid not already in canonical form (?1, a
# GLOB of lower-case 8-4-4-4-12 hex: NULL, non-text, blank, upper case, braces…), then those rows
# again with the canonical twins of their uuids (?1, a JSON list made by canonical_uuid) and the
# exact repeats (the uuid index answers the GROUP BY without sorting). A row outside these has a
# canonical uuid no other row shares, so it can give no finding.
NON_CANONICAL_UUIDS = (
    "SELECT uuid FROM {table} WHERE uuid IS NULL OR typeof(uuid) <> 'text' OR uuid NOT GLOB ?1"
)
SUSPECT_UUIDS = (
    "SELECT uuid FROM {table} WHERE uuid IS NULL OR typeof(uuid) <> 'text' "
    "OR uuid IN (SELECT value FROM json_each(?1)) "
    "OR uuid IN (SELECT uuid FROM {table} GROUP BY uuid HAVING count(*) > 1) ORDER BY uuid"
)
CANONICAL_GLOB = "-".join("[0-9a-f]" * n for n in (8, 4, 4, 4, 12))
# link rows whose parent key may be missing or point nowhere, or whose (parent, code) repeats;
# the third column says whether the parent is missing
SUSPECT_LINKS = (
    "SELECT l.{key}, l.code, NOT EXISTS (SELECT 1 FROM {parent} AS p WHERE p.uuid = l.{key}) "
    "FROM {link} AS l WHERE l.{key} IS NULL OR typeof(l.{key}) <> 'text' OR l.{key} = '' "
    "OR unicode(l.{key}) < 33 OR unicode(l.{key}) > 126 "
    "OR NOT EXISTS (SELECT 1 FROM {parent} AS p WHERE p.uuid = l.{key}) "
    "OR (l.{key}, l.code) IN (SELECT {key}, code FROM {link} GROUP BY 1, 2 HAVING count(*) > 1) "
    "ORDER BY l.fid"
)


def _is_missing(uuid):
    return uuid is None or str(uuid).strip() == ""


def _suspect_uuids(connection, table):
    non_canonical = connection.execute(sql.statement(NON_CANONICAL_UUIDS, table=table), (CANONICAL_GLOB,))
    texts = {u for (u,) in non_canonical if isinstance(u, str)}
    texts |= {canonical_uuid(u) for u in texts}
    return connection.execute(sql.statement(SUSPECT_UUIDS, table=table), (json.dumps(sorted(texts)),))


def check_uuids(connection, spec, out):
    for table in spec.tables:
        seen = set()
        for (uuid,) in _suspect_uuids(connection, table.name):
            if _is_missing(uuid):
                out.add("BND-032", table.name, field_name="uuid")
                continue
            if canonical_uuid(uuid) in seen:
                out.add("BND-033", table.name, uuid, "uuid", shown=uuid)
            seen.add(canonical_uuid(uuid))


def check_links(connection, spec, out):
    for link in spec.link_tables:
        statement = sql.statement(SUSPECT_LINKS, key=link.parent_key, parent=link.parent, link=link.name)
        pairs = set()
        for parent, code, dangling in connection.execute(statement):
            if dangling or _is_missing(parent):
                out.add("BND-034", link.name, parent, link.parent_key, parent, shown=repr(parent),
                        detail=link.parent)
                continue
            if (parent, code) in pairs:
                out.add("BND-035", link.name, parent, "code", code, shown=repr(code))
            pairs.add((parent, code))
