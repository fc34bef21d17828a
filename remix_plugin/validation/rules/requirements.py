"""The requirement rule of an empty field: the code ``catalogue.requirement_rule`` answers for
it, the same answer the forms turn into their constraint (required → SCH-006, or REF-005 for a
link to a parent record; recommended → SCH-007). Either-or fields are judged together by SCH-011
(``records``)."""

from ..catalogue import requirement_rule

CODES = ("SCH-006", "SCH-007", "REF-005")  # every code requirement_rule gives for an empty field


def check_empty(context, row, model_field):
    state, code = requirement_rule(row.table, model_field)
    if state in ("required", "recommended"):
        context.emit(code, row.table, row, field_name=model_field.name)
