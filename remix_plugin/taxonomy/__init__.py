"""The RE.MIX classification scheme: data in ``scheme.json``, a pure-Python API here.

No QGIS or Qt import: forms, validation, export and the headless checker all ask this module.
"""

from .scheme import (  # noqa: F401
    SCHEME_PATH,
    Dimension,
    Scheme,
    SchemeError,
    Term,
    load_scheme,
)
