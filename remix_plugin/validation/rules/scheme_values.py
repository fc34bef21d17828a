"""Scheme and value rules of one field: codes are terms of their dimension, stored as the
dimension says (one bare code, or a JSON array), not deprecated; values have their field's kind,
length and no control characters. An empty field goes to ``requirements``."""

import math
import re

from ...codes import parse_codes
from ..context import CACHE_MAX, CONTROL_RE, is_empty, iso_date
from .requirements import check_empty

CODES = ("SCH-001", "SCH-002", "SCH-003", "SCH-004", "SCH-005", "SCH-008", "SCH-009", "SCH-010", "SCH-019")

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")
KIND_TEXT = {
    "integer": ("un numero intero", "an integer"),
    "real": ("un numero", "a number"),
    "boolean": ("vero/falso (0 o 1)", "true/false (0 or 1)"),
    "date": ("una data AAAA-MM-GG", "a date YYYY-MM-DD"),
    "datetime": ("una data e ora ISO 8601", "an ISO 8601 date-time"),
    "text": ("un testo", "a text"),
    "codes": ("un elenco JSON di codici", "a JSON array of codes"),
}


class ValueChecks:
    """``check_for(model_field)``: the function ``check(row, model_field, value)`` of a field,
    built once per table; coded values' results are cached per distinct raw value."""

    def __init__(self, context):
        self.context = context
        self.scheme = context.scheme
        self._code_cache = {}

    def check_for(self, model_field):
        if model_field.coded:
            return self.check_codes if model_field.multi else self.check_code
        return self._fast_plain_check(model_field)

    def _fast_plain_check(self, model_field):
        """check_plain behind a fast path for the common case (a well-typed, non-empty value)."""
        slow = self.check_plain
        kind = model_field.kind
        if kind == "text":
            max_length = model_field.max_length or 1 << 62
            search = CONTROL_RE.search

            def check(row, field_, value):
                if (
                    type(value) is str
                    and value
                    and len(value) <= max_length
                    and not search(value)
                    and not value.isspace()
                ):
                    return
                slow(row, field_, value)
        elif kind == "real":

            def check(row, field_, value):
                if (type(value) is float and math.isfinite(value)) or type(value) is int:
                    return
                slow(row, field_, value)
        elif kind == "integer":

            def check(row, field_, value):
                if type(value) is int:
                    return
                slow(row, field_, value)
        else:
            return slow
        return check

    def check_plain(self, row, model_field, value):
        if is_empty(value):
            if model_field.requirement != "optional":
                check_empty(self.context, row, model_field)
            return
        emit = self.context.emit
        kind = model_field.kind
        problem = False
        if kind == "text":
            if not isinstance(value, str):
                problem = isinstance(value, (bytes, bytearray, memoryview))
            else:
                if model_field.max_length and len(value) > model_field.max_length:
                    emit(
                        "SCH-010",
                        row.table,
                        row,
                        field_name=model_field.name,
                        value=len(value),
                        detail=str(model_field.max_length),
                    )
                if CONTROL_RE.search(value):
                    emit("SCH-019", row.table, row, field_name=model_field.name, value=value)
        elif kind == "real":
            problem = isinstance(value, (str, bytes)) or (
                isinstance(value, float) and not math.isfinite(value)
            )
        elif kind == "integer":
            problem = not isinstance(value, int)
        elif kind == "boolean":
            problem = value not in (0, 1) or isinstance(value, float) and value not in (0.0, 1.0)
        elif kind == "date":
            problem = not (isinstance(value, str) and DATE_RE.match(value) and iso_date(value) is not None)
        elif kind == "datetime":
            problem = not (isinstance(value, str) and DATETIME_RE.match(value))
        if problem:
            emit("SCH-009", row.table, row, field_name=model_field.name, value=value, detail=KIND_TEXT[kind])

    def _code_results(self, model_field, value):
        """[(rule code, value, detail)] for a coded value; cached per distinct raw value."""
        key = (
            model_field.name,
            value if not isinstance(value, (bytes, bytearray, memoryview)) else bytes(value),
        )
        cached = self._code_cache.get(key)
        if cached is not None:
            return cached
        dimension = self.scheme.dimension(model_field.dimension)
        results = []
        if isinstance(value, (bytes, bytearray, memoryview)) or not isinstance(value, (str, int, float)):
            results.append(("SCH-009", value, KIND_TEXT["codes" if model_field.multi else "text"]))
        else:
            text = str(value).strip()
            parsed = parse_codes(text)
            as_list = text.startswith("[") or (text.startswith("{") and text.endswith("}"))
            if parsed.error:
                results.append(("SCH-004", value, parsed.error))
            elif model_field.multi:
                if not text.startswith("["):
                    results.append(("SCH-003", value, ""))
                seen = set()
                for code in parsed.codes:
                    if code in seen:
                        results.append(("SCH-005", code, ""))
                    seen.add(code)
            elif as_list or len(parsed.codes) > 1:
                results.append(("SCH-002", value, ""))
            if not parsed.error:
                for code in dict.fromkeys(parsed.codes):
                    if not dimension.is_valid_code(code):
                        results.append(("SCH-001", code, (dimension.label("it"), dimension.label("en"))))
                    elif dimension.is_deprecated(code):
                        results.append(("SCH-008", code, ""))
        if len(self._code_cache) > CACHE_MAX:
            self._code_cache.clear()
        self._code_cache[key] = results
        return results

    def check_code(self, row, model_field, value):
        if is_empty(value):
            if model_field.requirement != "optional":
                check_empty(self.context, row, model_field)
            return
        if isinstance(value, str):
            dimension = self.scheme.dimension(model_field.dimension)
            if dimension.is_valid_code(value) and not dimension.is_deprecated(value):
                return
        for code, shown, detail in self._code_results(model_field, value):
            self.context.emit(code, row.table, row, field_name=model_field.name, value=shown, detail=detail)

    def check_codes(self, row, model_field, value):
        if is_empty(value) or (isinstance(value, str) and value.strip() in ("[]", "{}")):
            if model_field.requirement != "optional":
                check_empty(self.context, row, model_field)
            return
        for code, shown, detail in self._code_results(model_field, value):
            self.context.emit(code, row.table, row, field_name=model_field.name, value=shown, detail=detail)
