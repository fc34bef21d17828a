"""Tables and columns: the editing file's own tables do not travel, every table and column of the
specification is there with its declared type, and no column is added."""

from ..spec import EXCLUDED_TABLES, RELATIONS_TABLE

TABLE_INFO = "SELECT name, type FROM pragma_table_info(?)"
INTEGER_SYNONYMS = ("INT", "MEDIUMINT")  # what GDAL declares for some integer columns
STRUCTURAL = ("BND-013", "BND-014", "BND-015")  # the bundle is not shaped enough for the rest


def check_excluded(tables, views, out):
    for name in EXCLUDED_TABLES:
        if name in tables or name in views:
            out.add("BND-012", name)


def check_present(spec, tables, out):
    """False when a table is missing (the checks that read tables are then skipped)."""
    missing = [n for n in spec.all_layer_names() + [RELATIONS_TABLE, "gpkg_metadata"] if n not in tables]
    for name in missing:
        out.add("BND-013", name)
    return not missing


def _declared(type_text):
    return (type_text or "").split("(")[0].strip().upper()


def expected_columns(spec):
    """table -> {column: declared SQL type} of the specification."""
    expected = {t.name: {f.name: f.sql_type for f in t.fields} for t in spec.tables}
    for link in spec.link_tables:
        expected[link.name] = {link.parent_key: "TEXT", "code": "TEXT", "ordine": "INTEGER"}
    return expected


def check_columns(connection, spec, out):
    """False when a column is missing or of another type."""
    shaped = True
    for name, columns in expected_columns(spec).items():
        actual = {column: _declared(declared) for column, declared in connection.execute(TABLE_INFO, (name,))}
        for column, sql_type in columns.items():
            if column not in actual:
                out.add("BND-014", name, field_name=column)
                shaped = False
            elif actual[column] != sql_type and not (
                sql_type == "INTEGER" and actual[column] in INTEGER_SYNONYMS
            ):
                out.add("BND-015", name, field_name=column, shown=actual[column], detail=sql_type)
                shaped = False
        known = set(columns) | {"fid", "geom"}
        for column in sorted(set(actual) - known):
            out.add("BND-016", name, field_name=column)
    return shaped

