"""GeoPackage related tables extension (OGC 18-000), written with SQL (GDAL 3.6 reads it but
cannot create it). Mapping tables are plain attribute tables made by OGR (integer primary key
``fid``, registered in gpkg_contents) with ``base_id`` (parent fid) and ``related_id`` (child fid).
"""

from .. import sql
from .spec import RELATED_TABLES_DEFINITION, RELATED_TABLES_EXTENSION, RELATIONS_TABLE

RELATIONS_DDL = (
    "CREATE TABLE gpkgext_relations (id INTEGER PRIMARY KEY AUTOINCREMENT, "
    "base_table_name TEXT NOT NULL, base_primary_column TEXT NOT NULL DEFAULT 'id', "
    "related_table_name TEXT NOT NULL, related_primary_column TEXT NOT NULL DEFAULT 'id', "
    "relation_name TEXT NOT NULL, mapping_table_name TEXT NOT NULL UNIQUE)"
)


def _fill_mapping(connection, relation):
    """base_id = parent fid, related_id = child fid, in a stable order."""
    parts = [
        "INSERT",
        "INTO",
        sql.quote_identifier(relation.mapping_table),
        "(base_id, related_id)",
        "SELECT",
        "p.fid,",
        "c.fid",
        "FROM",
        sql.quote_identifier(relation.base),
        "AS",
        "p",
        "JOIN",
        sql.quote_identifier(relation.related),
        "AS",
        "c",
        "ON",
        "c." + sql.quote_identifier(relation.child_field),
        "=",
        "p.uuid",
        "ORDER",
        "BY",
        "p.uuid,",
        "c.uuid",
    ]
    connection.execute(" ".join(parts))


def write_related_tables(connection, spec):
    connection.execute(RELATIONS_DDL)
    ext_sql = (
        "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
        "VALUES (?, NULL, ?, ?, 'read-write')"
    )
    connection.execute(ext_sql, (RELATIONS_TABLE, RELATED_TABLES_EXTENSION, RELATED_TABLES_DEFINITION))
    for relation in spec.related_tables:
        _fill_mapping(connection, relation)
        connection.execute(
            "INSERT INTO gpkgext_relations (base_table_name, base_primary_column, related_table_name, "
            "related_primary_column, relation_name, mapping_table_name) VALUES (?, 'fid', ?, 'fid', ?, ?)",
            (relation.base, relation.related, relation.relation_name, relation.mapping_table),
        )
        connection.execute(
            ext_sql, (relation.mapping_table, RELATED_TABLES_EXTENSION, RELATED_TABLES_DEFINITION)
        )


def read_relations(connection):
    return connection.execute(
        "SELECT base_table_name, base_primary_column, related_table_name, related_primary_column, "
        "relation_name, mapping_table_name FROM gpkgext_relations ORDER BY id"
    ).fetchall()
