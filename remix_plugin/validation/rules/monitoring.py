"""Monitoring rules: indicators and their measurements (data model 2; docs/monitoring.md).

- SCH-032 (warning): a misura dated before its progetto's data_inizio (a join: SQL in the store).
- SCH-033 (warning): a misura dated after the day of the validation (a row hook).
- SCH-034 (warning): a misura's unit, when filled, differs from its indicator's (a join).
- SCH-035 (error): an indicatore's target date (data_obiettivo) before its baseline date
  (data_base) (a row hook).

Row hooks follow ``records.row_hooks``: ``row_hooks(context, table, names)`` gives the functions
``hook(row, values)`` the engine calls for each streamed row (fid first, then ``names``);
``check_measurements(context)`` runs the checks across records after the row pass.
"""

from ..context import iso_date

CODES = ("SCH-032", "SCH-033", "SCH-034", "SCH-035")

# dates are ISO texts in the store: their first ten characters compare as dates
MEASUREMENTS_BEFORE_PROJECT_START = (
    "SELECT m.fid, m.data_misura, p.data_inizio FROM misure AS m JOIN progetti AS p"
    " ON p.uuid = m.progetto_uuid"
    " WHERE length(m.data_misura) >= 10 AND length(p.data_inizio) >= 10"
    " AND substr(m.data_misura, 1, 10) < substr(p.data_inizio, 1, 10)"
    " ORDER BY m.fid"
)
MEASUREMENT_UNITS_DIFFERING = (
    "SELECT m.fid, m.unita_misura, i.unita_misura FROM misure AS m JOIN indicatori AS i"
    " ON i.uuid = m.indicatore_uuid"
    " WHERE trim(coalesce(m.unita_misura, '')) <> '' AND trim(coalesce(i.unita_misura, '')) <> ''"
    " AND lower(trim(m.unita_misura)) <> lower(trim(i.unita_misura))"
    " ORDER BY m.fid"
)


def row_hooks(context, table, names):
    emit = context.emit

    def index(name):
        return 1 + names.index(name) if name in names else None

    hooks = []
    if table.name == "misure" and index("data_misura") is not None:
        day = index("data_misura")

        def future(row, values):
            measured = iso_date(values[day])
            if measured is not None and measured > context.today:
                emit("SCH-033", row.table, row, field_name="data_misura", value=values[day])

        hooks.append(future)
    if table.name == "indicatori" and index("data_base") is not None and index("data_obiettivo") is not None:
        base, target = index("data_base"), index("data_obiettivo")

        def target_before_baseline(row, values):
            begin, end = iso_date(values[base]), iso_date(values[target])
            if begin is not None and end is not None and end < begin:
                emit(
                    "SCH-035",
                    row.table,
                    row,
                    field_name="data_obiettivo",
                    value=values[target],
                    detail=str(values[base]),
                )

        hooks.append(target_before_baseline)
    return hooks


def check_measurements(context):
    """SCH-032 and SCH-034: each misura against its progetto and its indicatore."""
    columns = context.columns
    measures = columns.get("misure", {})
    if (
        {"data_misura", "progetto_uuid"} <= set(measures)
        and {"uuid", "data_inizio"} <= set(columns.get("progetti", {}))
        and context.profile.enabled("SCH-032")
    ):
        for fid, measured, started in context.reader.query(MEASUREMENTS_BEFORE_PROJECT_START):
            context.emit(
                "SCH-032",
                "misure",
                context.record_at("misure", fid),
                field_name="data_misura",
                value=measured,
                detail=str(started)[:10],
            )
    if (
        {"unita_misura", "indicatore_uuid"} <= set(measures)
        and {"uuid", "unita_misura"} <= set(columns.get("indicatori", {}))
        and context.profile.enabled("SCH-034")
    ):
        for fid, unit, expected in context.reader.query(MEASUREMENT_UNITS_DIFFERING):
            context.emit(
                "SCH-034",
                "misure",
                context.record_at("misure", fid),
                field_name="unita_misura",
                value=unit,
                detail=str(expected).strip(),
            )
