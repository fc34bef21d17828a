"""Structure rules: the store has the model's tables and fields with their declared types, the
current schema and scheme versions, registered geometry columns and a complete code list."""

from ...layers.model import CODELIST_TABLE, EXCEPTIONS_TABLE, SCHEMA_VERSION

CODES = ("STR-001", "STR-002", "STR-003", "STR-004", "STR-005", "STR-006", "STR-007")

DECLARED_TYPES = {
    "text": ("TEXT",),
    "codes": ("TEXT",),
    "integer": ("INTEGER", "INT", "MEDIUMINT", "BIGINT", "SMALLINT"),
    "real": ("REAL", "DOUBLE", "FLOAT"),
    "boolean": ("BOOLEAN",),
    "date": ("DATE",),
    "datetime": ("DATETIME",),
}


def check_versions(context, info):
    if info.schema_version < SCHEMA_VERSION:
        context.emit("STR-004", "remix_metadata", value=info.schema_version, detail=str(SCHEMA_VERSION))
    if info.scheme_version != context.scheme.version:
        context.emit(
            "STR-005", "remix_metadata", value=info.scheme_version or "?", detail=context.scheme.version
        )


def check_table(context, table, existing):
    """STR-001..003 for one model table; records its columns in the context. False if absent."""
    if table.name not in existing:
        context.emit("STR-001", table.name)
        return False
    columns = context.reader.columns(table.name)
    context.columns[table.name] = columns
    for model_field in table.fields:
        declared = columns.get(model_field.name)
        if declared is None:
            context.emit("STR-002", table.name, field_name=model_field.name)
            continue
        base = declared.split("(")[0].strip()
        if base not in DECLARED_TYPES[model_field.kind]:
            context.emit(
                "STR-003",
                table.name,
                field_name=model_field.name,
                value=declared or "(none)",
                detail=DECLARED_TYPES[model_field.kind][0],
            )
    return True


def registered_geometry(context, table):
    """The table's (geometry column, type, srs_id) when registered and present, else STR-006
    (and the table is read without geometry)."""
    registered = context.geometry_columns.get(table.name)
    if registered is None or registered[0] not in context.columns[table.name]:
        context.emit("STR-006", table.name)
        context.geometry_columns.pop(table.name, None)
        return None
    return registered


def check_support_tables(context, existing, optional_tables):
    """The code list and the exceptions table (not data tables of the model) exist."""
    for name in (CODELIST_TABLE, EXCEPTIONS_TABLE):
        if name not in existing and name not in optional_tables:
            context.emit("STR-001", name)


def check_codelist(context, existing):
    if CODELIST_TABLE not in existing or not context.profile.enabled("STR-007"):
        return
    present = set()
    for dimension, code in context.reader.rows(CODELIST_TABLE, ("dimension", "code")):
        present.add((dimension, code))
    for dimension in context.scheme.dimensions:
        for code in dimension.codes():
            if (dimension.id, code) not in present:
                context.emit("STR-007", CODELIST_TABLE, field_name=dimension.id, value=code)
