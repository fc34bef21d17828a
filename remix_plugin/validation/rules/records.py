"""Cross-field rules: fields of one record read together (dates in order, a lavoro states what
it does, a concluded phase has ended), and the records of one project (its phases numbered and
dated in order, a project with lavori or azioni and answering a criticità)."""

from ...codes import parse_codes
from ...i18n import BOTH, tr
from ..catalogue import date_order
from ..context import Record, is_empty, iso_date

CODES = ("SCH-011", "SCH-012", "SCH-013", "SCH-014", "SCH-015", "SCH-016", "SCH-017", "SCH-018")

# records of one kind with no record of another pointing at them (identifiers filled by
# sql.statement; children among lavori and azioni, whichever the store has)
PROJECTS_WITHOUT_CHILDREN = (
    "SELECT p.fid FROM progetti AS p WHERE p.uuid IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM {child} AS c WHERE c.progetto_uuid = p.uuid)"
)
PROJECTS_WITHOUT_EITHER_CHILD = (
    "SELECT p.fid FROM progetti AS p WHERE p.uuid IS NOT NULL"
    " AND NOT EXISTS (SELECT 1 FROM {child} AS c WHERE c.progetto_uuid = p.uuid)"
    " AND NOT EXISTS (SELECT 1 FROM {other_child} AS c WHERE c.progetto_uuid = p.uuid)"
)
PROJECTS_WITHOUT_CRITICITA = (
    "SELECT p.fid FROM progetti AS p WHERE p.uuid IS NOT NULL AND NOT EXISTS"
    " (SELECT 1 FROM criticita AS c WHERE c.progetto_uuid = p.uuid)"
)


def row_hooks(context, table, names):
    """The functions ``hook(row, values)`` of one table's cross-field rules; ``values`` is the
    streamed row (fid first, then ``names``)."""
    hooks = []
    emit = context.emit

    def index(name):
        return 1 + names.index(name) if name in names else None

    start_end = date_order(table.name)  # the catalogue's definition, also the forms' constraint
    start, end = (index(start_end[0]), index(start_end[1])) if start_end else (None, None)
    if start is not None and end is not None:

        def dates(row, values):
            begin, finish = iso_date(values[start]), iso_date(values[end])
            if begin is not None and finish is not None and finish < begin:
                emit(
                    "SCH-012",
                    row.table,
                    row,
                    field_name=start_end[1],
                    value=values[end],
                    detail=str(values[start]),
                )

        hooks.append(dates)
    if table.name == "lavori":
        what, services = index("intervento_oggetto"), index("servizi_realizzati")
        if what is not None and services is not None:

            def states_work(row, values):
                if is_empty(values[what]) and parse_codes(values[services]).is_null:
                    emit("SCH-011", row.table, row, field_name="intervento_oggetto")

            hooks.append(states_work)
    if table.name == "fasi":
        state, finish_index = index("stato_fase"), index("data_fine")
        if state is not None and finish_index is not None:

            def concluded(row, values):
                finish = iso_date(values[finish_index])
                if values[state] == "conclusa" and finish is not None and finish > context.today:
                    emit("SCH-018", row.table, row, field_name="data_fine", value=values[finish_index])

            hooks.append(concluded)
    return hooks


def check_projects(context):
    """SCH-016 (no lavoro and no azione) and SCH-017 (no criticità) for each progetto."""
    columns = context.columns
    if "progetti" not in columns or "uuid" not in columns["progetti"]:
        return
    children = [t for t in ("lavori", "azioni") if "progetto_uuid" in columns.get(t, {})]
    if children and context.profile.enabled("SCH-016"):
        if len(children) == 2:
            found = context.reader.query(
                PROJECTS_WITHOUT_EITHER_CHILD, child=children[0], other_child=children[1]
            )
        else:
            found = context.reader.query(PROJECTS_WITHOUT_CHILDREN, child=children[0])
        for (fid,) in found:
            context.emit("SCH-016", "progetti", context.record_at("progetti", fid))
    if "progetto_uuid" in columns.get("criticita", {}) and context.profile.enabled("SCH-017"):
        for (fid,) in context.reader.query(PROJECTS_WITHOUT_CRITICITA):
            context.emit("SCH-017", "progetti", context.record_at("progetti", fid))


def check_phases(context):
    """SCH-013..015 over the phases of each project, streamed in (project, number) order."""
    columns = context.columns.get("fasi", {})
    if not {"progetto_uuid", "numero"} <= set(columns):
        return
    wanted = [
        "fid",
        "uuid" if "uuid" in columns else "fid",
        "titolo" if "titolo" in columns else "fid",
        "progetto_uuid",
        "numero",
        "data_inizio" if "data_inizio" in columns else "fid",
    ]
    group, current = [], object()
    rows = context.reader.rows("fasi", wanted, order_by=("progetto_uuid", "numero", "fid"))
    for fid, uuid, title, project, number, start in rows:
        if project != current:
            _phase_group(context, group)
            group, current = [], project
        if project is not None and not is_empty(project):
            row = Record("fasi", fid, uuid if uuid != fid else None, title if title != fid else None, project)
            group.append((row, number, start if start != fid else None))
    _phase_group(context, group)


def _phase_group(context, group):
    if not group:
        return
    numbers = [n for _, n, _ in group if isinstance(n, int) and not isinstance(n, bool)]
    seen = set()
    for row, number, _ in group:
        if number in seen and isinstance(number, int):
            context.emit("SCH-013", "fasi", row, field_name="numero", value=number)
        seen.add(number)
    distinct = sorted(set(numbers))
    if distinct and distinct != list(range(1, len(distinct) + 1)):
        context.emit(
            "SCH-014",
            "fasi",
            group[0][0],
            field_name="numero",
            value=", ".join(str(n) for n in distinct),
            detail=str(len(distinct)),
        )
    previous = None
    for row, number, start in group:
        begin = iso_date(start)
        if begin is None or not isinstance(number, int):
            continue
        if previous is not None and previous[0] < number and begin < previous[1]:
            context.emit(
                "SCH-015",
                "fasi",
                row,
                field_name="data_inizio",
                value=number,
                detail=tr("phase {number}: {start}", language=BOTH).format(
                    number=previous[0], start=previous[1].isoformat()),
            )
        previous = (number, begin)
