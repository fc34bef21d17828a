"""The one canonical form of a UUID, for every comparison and every key (QGIS-free).

QGIS writes UUIDs in lower case without braces (``uuid('WithoutBraces')``); another program may
write the same UUID in upper case or with braces. Everything that compares, indexes or merges
records by UUID goes through ``canonical_uuid``, so ``ABC…`` and ``abc…`` are one record.
"""

import re

_HEX = "[0-9a-fA-F]"
_UUID_RE = re.compile(r"^\{?(" + "-".join(_HEX + "{" + str(n) + "}" for n in (8, 4, 4, 4, 12)) + r")\}?$")


def canonical_uuid(value):
    """Lower case, no braces, no surrounding blanks; a value that is not a UUID comes back
    unchanged (the validation rules report it), None stays None."""
    if value is None or not isinstance(value, str):
        return value
    match = _UUID_RE.match(value.strip())
    return match.group(1).lower() if match else value


def is_uuid_field(name):
    """The record's own key (``uuid``) and every link to another record (``*_uuid``)."""
    return name == "uuid" or name.endswith("_uuid")
