"""Funding rules: the form of the CUP (Codice Unico di Progetto) on every table that has a
``cup`` field (progetti, finanziamenti; data model 2).

A CUP is 15 characters (law 3/2003 art. 11, CIPE deliberation 143/2002). SCH-030: the value is
not 15 upper-case letters or digits. SCH-031 (warning): it is, but not in the layout every
published CUP follows: a letter, two digits, a letter, two digits (the year of the decision),
nine digits (progressive number and control character), e.g. ``C11G06000000001`` (the example
of the CUP system's documentation) or ``F81C23001370006`` (Italia Domani open data). The control
character's algorithm is not public, so it is not checked. Source: docs/funding.md.

Hooks follow ``records.row_hooks``: ``row_hooks(context, table, names)`` gives the functions
``hook(row, values)`` the engine calls for each streamed row (fid first, then ``names``).
"""

import re

from ..context import is_empty

CODES = ("SCH-030", "SCH-031")
MALFORMED = "SCH-030"  # not 15 upper-case letters or digits (funding/opendata.py refuses such a row)
CUP_FIELD = "cup"
CUP_LENGTH = 15
CUP_CHARACTERS = re.compile(r"[A-Z0-9]{15}")
CUP_LAYOUT = re.compile(r"[A-Z][0-9]{2}[A-Z][0-9]{11}")


def cup_problem(value):
    """None for a well-formed CUP (or an empty value), else the rule code it breaks."""
    if is_empty(value):
        return None
    text = str(value).strip()
    if not CUP_CHARACTERS.fullmatch(text):
        return MALFORMED
    if not CUP_LAYOUT.fullmatch(text):
        return "SCH-031"
    return None


def row_hooks(context, table, names):
    if CUP_FIELD not in names:
        return []
    position = 1 + names.index(CUP_FIELD)
    emit = context.emit

    def cup(row, values):
        value = values[position]
        code = cup_problem(value)
        if code is not None:
            emit(code, row.table, row, field_name=CUP_FIELD, value=value, detail=str(len(str(value).strip())))

    return [cup]
