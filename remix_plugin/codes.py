"""Multi-valued coded fields: stored as a JSON array of codes (``["riuso","servizi"]``).

``parse_codes`` also reads what other writers may leave in such a field: QGIS's
``{a,b}`` array string (value-relation widget on a text field), a bare code, a Python list.
It never raises: unreadable content comes back in ``ParsedCodes.error`` for the validator.
"""

import json
from dataclasses import dataclass, field


@dataclass
class ParsedCodes:
    codes: list = field(default_factory=list)
    error: str = ""  # why the raw value could not be read as a list of codes
    is_null: bool = False


def parse_codes(value):
    if value is None:
        return ParsedCodes(is_null=True)
    if isinstance(value, (list, tuple)):
        items = list(value)
    else:
        text = str(value).strip()
        if text in ("", "NULL", "[]", "{}"):
            return ParsedCodes(is_null=True)
        if text.startswith('"'):
            # QGIS 3.44's value-relation widget hands its "{a,b}" string to a JSON field, which
            # OGR then stores as a JSON string: read what is inside the quotes.
            try:
                inner = json.loads(text)
            except ValueError:
                return ParsedCodes(error="malformed JSON string")
            if isinstance(inner, str) and not inner.strip().startswith('"'):  # one level only
                return parse_codes(inner)
            return ParsedCodes(error="not a JSON array")
        if text.startswith("["):
            try:
                items = json.loads(text)
            except ValueError:
                return ParsedCodes(error="malformed JSON array")
            if not isinstance(items, list):
                return ParsedCodes(error="not a JSON array")
        elif text.startswith("{") and text.endswith("}"):
            items = [part.strip().strip('"') for part in text[1:-1].split(",")]
        else:
            items = [text]
    codes = []
    for item in items:
        if not isinstance(item, str):
            return ParsedCodes(codes=[str(i) for i in items], error="a value is not text")
        codes.append(item.strip())
    if not codes:
        return ParsedCodes(is_null=True)
    return ParsedCodes(codes=codes)


def format_codes(codes):
    """The stored form: a compact JSON array in the order given (None for no codes)."""
    codes = [c for c in codes if c]
    if not codes:
        return None
    return json.dumps(codes, ensure_ascii=False, separators=(",", ":"))
