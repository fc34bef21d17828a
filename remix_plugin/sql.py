"""Safe SQL text for SQLite/GeoPackage: identifiers quoted here, values always bound as
parameters. Every statement that names a table or column from the model goes through these
builders (plugins.qgis.org's scan rejects SQL assembled with f-strings)."""


def quote_identifier(name):
    """Quote a table or column name for SQLite ("a""b" for a"b)."""
    text = str(name)
    if "\x00" in text:
        raise ValueError("identifier with a NUL character")
    return '"' + text.replace('"', '""') + '"'


def column_list(columns):
    return ", ".join(quote_identifier(c) for c in columns)


def select(table, columns=None, where="", order_by=()):
    """SELECT statement; ``where`` is a fixed clause with ``?`` placeholders, never user text."""
    parts = ["SELECT", column_list(columns) if columns else "*", "FROM", quote_identifier(table)]
    if where:
        parts += ["WHERE", where]
    if order_by:
        parts += ["ORDER BY", column_list(order_by)]
    return " ".join(parts)


def insert(table, columns, verb="INSERT"):
    placeholders = ", ".join("?" for _ in columns)
    return " ".join([verb, "INTO", quote_identifier(table), "(" + column_list(columns) + ")",
                     "VALUES", "(" + placeholders + ")"])


def update(table, columns, where):
    assignments = ", ".join(quote_identifier(c) + " = ?" for c in columns)
    return " ".join(["UPDATE", quote_identifier(table), "SET", assignments, "WHERE", where])


def delete(table, where):
    return " ".join(["DELETE", "FROM", quote_identifier(table), "WHERE", where])


def count(table, where=""):
    parts = ["SELECT", "count(*)", "FROM", quote_identifier(table)]
    if where:
        parts += ["WHERE", where]
    return " ".join(parts)


class _QuotedIdentifiers(dict):
    """The values of a template's ``{placeholders}``: each quoted as an identifier, a list or
    tuple as a comma-separated list of quoted identifiers. A missing name is an error."""

    def __missing__(self, key):
        raise KeyError(f"SQL template placeholder {{{key}}} has no identifier")


def statement(template, **identifiers):
    """Fill a named SQL template: ``{name}`` placeholders take identifiers (quoted here, never
    values), ``?`` / ``:name`` placeholders take values bound by the caller.

    Templates are module-level constants written as plain SQL, so they can be read and pasted
    into ``sqlite3`` (or ``psql``) with the names filled in by hand::

        COUNT_GEOMETRY_TYPES = 'SELECT count(*), min(typeof(geom)) FROM {table}'
        cursor.execute(sql.statement(COUNT_GEOMETRY_TYPES, table=layer_name))
    """
    quoted = _QuotedIdentifiers()
    for key, value in identifiers.items():
        if isinstance(value, (list, tuple)):
            quoted[key] = column_list(value)
        else:
            quoted[key] = quote_identifier(value)
    return template.format_map(quoted)
