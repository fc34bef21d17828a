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
