"""Reference rules: every record has one well-formed UUID of its own, and every link names an
existing parent (an azione's lavoro in the azione's own project). Checks across records are SQL
queries run by the source, so memory does not grow with the number of records."""

import re

from ..context import is_empty

CODES = ("REF-001", "REF-002", "REF-003", "REF-004", "REF-006")  # REF-005: requirements.py

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

DUPLICATE_UUIDS = (
    "SELECT t.fid, t.uuid, d.n FROM {table} AS t"
    " JOIN (SELECT uuid, count(*) AS n FROM {table}"
    " WHERE uuid IS NOT NULL AND uuid <> '' GROUP BY uuid HAVING count(*) > 1) AS d"
    " ON d.uuid = t.uuid ORDER BY t.uuid, t.fid"
)
UNRESOLVED_LINKS = (
    "SELECT c.fid, c.{column} FROM {table} AS c"
    " WHERE c.{column} IS NOT NULL AND trim(c.{column}) <> ''"
    " AND NOT EXISTS (SELECT 1 FROM {parent} AS p WHERE p.{parent_column} = c.{column})"
)
ACTIONS_OF_ANOTHER_PROJECTS_WORK = (
    "SELECT a.fid, a.lavoro_uuid, l.progetto_uuid FROM azioni AS a JOIN lavori AS l"
    " ON l.uuid = a.lavoro_uuid WHERE a.progetto_uuid IS NOT NULL"
    " AND l.progetto_uuid IS NOT NULL"
    " AND a.progetto_uuid <> l.progetto_uuid"
)


def uuid_check(context):
    """``check(row, model_field, value)`` of a record's own ``uuid`` field."""
    emit = context.emit

    def check(row, model_field, value):
        if is_empty(value):
            emit("REF-001", row.table, row, field_name="uuid")
        elif not isinstance(value, str) or not UUID_RE.match(value):
            emit("REF-002", row.table, row, field_name="uuid", value=value)

    return check


def check_uuid_duplicates(context):
    for table in context.model.data_tables:
        if table.name not in context.columns or "uuid" not in context.columns[table.name]:
            continue
        for fid, uuid, count in context.reader.query(DUPLICATE_UUIDS, table=table.name):
            context.emit(
                "REF-003",
                table.name,
                context.record_at(table.name, fid),
                field_name="uuid",
                value=uuid,
                detail=str(count),
            )


def check_links(context):
    """REF-004: a link field's value names no record of its parent table."""
    for table in context.model.data_tables:
        columns = context.columns.get(table.name)
        if not columns:
            continue
        for model_field in table.fields:
            if not model_field.references or model_field.name not in columns:
                continue
            parent, parent_field = model_field.references.split(".")
            if parent_field not in context.columns.get(parent, {}):
                continue  # missing parent table/field is reported by STR-001/STR-002
            found = context.reader.query(
                UNRESOLVED_LINKS,
                table=table.name,
                column=model_field.name,
                parent=parent,
                parent_column=parent_field,
            )
            for fid, value in found:
                context.emit(
                    "REF-004",
                    table.name,
                    context.record_at(table.name, fid),
                    field_name=model_field.name,
                    value=value,
                    detail=parent,
                )


def check_action_projects(context):
    """REF-006: an azione's lavoro belongs to another progetto than the azione."""
    columns = context.columns
    if not (
        {"azioni", "lavori"} <= set(columns)
        and "lavoro_uuid" in columns["azioni"]
        and "progetto_uuid" in columns["azioni"]
        and "progetto_uuid" in columns["lavori"]
    ):
        return
    for fid, lavoro, project in context.reader.query(ACTIONS_OF_ANOTHER_PROJECTS_WORK):
        context.emit(
            "REF-006",
            "azioni",
            context.record_at("azioni", fid),
            field_name="lavoro_uuid",
            value=lavoro,
            detail=str(project),
        )
