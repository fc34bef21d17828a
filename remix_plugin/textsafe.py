"""The one place that makes text from a file safe to print in a terminal or a log (QGIS-free).

A value read from a GeoPackage can hold control characters (a NUL, an escape sequence, a
newline that forges a second report line) or Unicode bidirectional overrides (U+202A–U+202E,
U+2066–U+2069) that make a terminal show text in another order than it is stored. Text output
shows each of them as a visible escape (``\\u202e``, ``\\x1b``, ``\\n``) instead.
"""

import re

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f" + BIDI_CONTROLS + "\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match):
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(value):
    """``value`` as one printable line: control and bidi characters escaped, nothing dropped."""
    return _UNSAFE.sub(_escape, "" if value is None else str(value))


def safe_json_line(line):
    """A JSON text with the bidi and line-separator characters written as JSON escapes (the same
    string for a JSON reader, harmless on a terminal); JSON already escapes C0 controls."""
    return re.sub("[" + BIDI_CONTROLS + "\u2028\u2029\x7f-\x9f]", lambda m: f"\\u{ord(m.group(0)):04x}", line)
