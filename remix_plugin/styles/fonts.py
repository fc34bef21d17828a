"""The one font family of maps and atlas pages: Noto Sans where installed, otherwise a family
the system has (QGIS warns "Font not available" on every layer load for a missing family)."""

from functools import lru_cache

from qgis.PyQt.QtGui import QFont, QFontDatabase

PREFERRED_FAMILIES = ("Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial", "Helvetica")


@lru_cache(maxsize=1)
def font_family():
    try:
        available = set(QFontDatabase().families())
    except TypeError:  # Qt6: QFontDatabase is static-only
        available = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in available:
            return family
    return QFont().family()


def map_font():
    return QFont(font_family())
