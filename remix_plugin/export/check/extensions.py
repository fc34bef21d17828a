"""GeoPackage extensions the specification asks for: the related tables (OGC 18-000), declared and
complete, and the ISO 19139 (RNDT) metadata record."""

from ... import sql
from ..related_tables import read_relations

PAIRS_OF_RELATION = "SELECT count(*) FROM {child} AS c JOIN {base} AS p ON c.{child_field} = p.uuid"
MAPPING_ROWS = "SELECT count(*) FROM {table}"
ISO_METADATA = "SELECT count(*) FROM gpkg_metadata WHERE md_standard_uri = ? AND length(metadata) > 0"
ISO_19139 = "http://www.isotc211.org/2005/gmd"


def check_related(connection, spec, out):
    relations = {r[5]: r for r in read_relations(connection)}
    for relation in spec.related_tables:
        row = relations.get(relation.mapping_table)
        if row is None or row[0] != relation.base or row[2] != relation.related:
            out.add("BND-036", relation.mapping_table, detail=relation.relation_id)
            continue
        pairs = sql.statement(
            PAIRS_OF_RELATION, child=relation.related, base=relation.base, child_field=relation.child_field
        )
        expected = connection.execute(pairs).fetchone()[0]
        actual = connection.execute(sql.statement(MAPPING_ROWS, table=relation.mapping_table)).fetchone()[0]
        if expected != actual:
            out.add("BND-037", relation.mapping_table, shown=actual, detail=expected)


def check_metadata(connection, out):
    row = connection.execute(ISO_METADATA, (ISO_19139,)).fetchone()
    if not row or not row[0]:
        out.add("BND-038", "gpkg_metadata")
