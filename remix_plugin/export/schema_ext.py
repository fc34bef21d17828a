"""GeoPackage schema extension for the bundle: one enum constraint per coded dimension.

GDAL writes coded field domains as ``gpkg_data_column_constraints`` rows of type ``enum`` and
links each coded column to its constraint in ``gpkg_data_columns`` (registering the
``gpkg_schema`` extension). Titles and descriptions of the columns are then filled from the
model's labels with plain SQL (no GDAL triggers on these tables). Note that neither GDAL nor
QGIS enforce enum constraints: the checker verifies every code.
"""

from osgeo import ogr

from ..taxonomy import load_scheme


def domain_name(dimension_id):
    return "remix_" + dimension_id


def add_domains(dataset, dimension_ids):
    """Create one coded field domain per dimension (code -> Italian label / English label)."""
    scheme = load_scheme()
    for dimension_id in sorted(set(dimension_ids)):
        dimension = scheme.dimension(dimension_id)
        codes = {t.code: t.label("it") + " / " + t.label("en") for t in dimension.terms}
        domain = ogr.CreateCodedFieldDomain(
            domain_name(dimension_id), dimension.label("en"), ogr.OFTString, ogr.OFSTNone, codes
        )
        if not dataset.AddFieldDomain(domain):
            raise RuntimeError(f"cannot add the field domain of {dimension_id}")


def describe_columns(connection, rows):
    """``rows``: (table, column, title, description); updates or adds gpkg_data_columns rows."""
    for table, column, title, description in rows:
        cursor = connection.execute(
            "UPDATE gpkg_data_columns SET title = ?, description = ? "
            "WHERE table_name = ? AND column_name = ?",
            (title, description, table, column),
        )
        if cursor.rowcount == 0:
            connection.execute(
                "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description) "
                "VALUES (?, ?, ?, ?, ?)",
                (table, column, table + "." + column, title, description),
            )


def enum_codes(connection):
    """constraint name -> set of codes, read from the bundle (checker)."""
    result = {}
    cursor = connection.execute(
        "SELECT constraint_name, value FROM gpkg_data_column_constraints WHERE constraint_type = 'enum'"
    )
    for name, value in cursor:
        result.setdefault(name, set()).add(value)
    return result


def column_constraints(connection):
    """(table, column) -> constraint name, read from the bundle (checker)."""
    cursor = connection.execute(
        "SELECT table_name, column_name, constraint_name FROM gpkg_data_columns "
        "WHERE constraint_name IS NOT NULL"
    )
    return {(t, c): n for t, c, n in cursor}
