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


FILL_MAPPING = (
    "INSERT INTO {mapping} (base_id, related_id) SELECT p.fid, c.fid FROM {base} AS p "
    "JOIN {child} AS c ON c.{child_field} = p.uuid ORDER BY p.uuid, c.uuid"
)
REGISTER_EXTENSION = (
    "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope) "
    "VALUES (?, NULL, ?, ?, 'read-write')"
)
REGISTER_RELATION = (
    "INSERT INTO gpkgext_relations (base_table_name, base_primary_column, related_table_name, "
    "related_primary_column, relation_name, mapping_table_name) VALUES (?, 'fid', ?, 'fid', ?, ?)"
)
RELATIONS = (
    "SELECT base_table_name, base_primary_column, related_table_name, related_primary_column, "
    "relation_name, mapping_table_name FROM gpkgext_relations ORDER BY id"
)


def _fill_mapping(connection, relation):
    """base_id = parent fid, related_id = child fid, in a stable order."""
    connection.execute(sql.statement(
        FILL_MAPPING, mapping=relation.mapping_table, base=relation.base, child=relation.related,
        child_field=relation.child_field,
    ))


def write_related_tables(connection, spec):
    connection.execute(RELATIONS_DDL)
    extension = (RELATED_TABLES_EXTENSION, RELATED_TABLES_DEFINITION)
    connection.execute(REGISTER_EXTENSION, (RELATIONS_TABLE, *extension))
    for relation in spec.related_tables:
        _fill_mapping(connection, relation)
        connection.execute(
            REGISTER_RELATION,
            (relation.base, relation.related, relation.relation_name, relation.mapping_table),
        )
        connection.execute(
            REGISTER_EXTENSION, (relation.mapping_table, *extension)
        )


def read_relations(connection):
    return connection.execute(RELATIONS).fetchall()
