"""The one translation mechanism of the plugin: English source strings marked ``tr("…")``, their
Italian in ``i18n/remix_it.ts`` (Qt Linguist format; ``make translations-update`` adds new strings,
``tests/unit/test_translations.py`` fails on an untranslated one).

- In QGIS (GUI, Processing): ``tr("Open")`` returns the text in QGIS's language, through the
  ``.qm`` compiled from the same ``.ts`` (``install_translator``).
- Without Qt (core, CLI, reports in both languages): ``tr("Open", language="it")`` reads the
  ``.ts`` itself (pure Python, read once); ``tr("Open", language=BOTH)`` gives the
  ``Bilingual`` (Italian, English) pair that ``RemixError`` and the findings carry:
  ``RemixError("code", *tr("Cannot read {name}", language=BOTH).format(name=name))``.

Placeholders are ``str.format`` names: ``tr("{n} projects", language=lang).format(n=3)``. Always
call ``tr`` with a string literal (``scripts/translations.py`` collects them) and pass the language
by keyword or as a variable (a second positional literal is read as the Qt context).
Data in two languages (scheme terms, base-map presets) stays data: ``label_it``/``label_en``.
This module imports no Qt at import time, so the core can use it.
"""

import html
import re
from collections import namedtuple
from functools import cache
from pathlib import Path

I18N_DIR = Path(__file__).resolve().parent / "i18n"
TRANSLATION_CONTEXT = "RemixPlugin"
SUPPORTED = ("it", "en")
SOURCE_LANGUAGE = "en"
BOTH = "it+en"

# The .ts is our own file, written by scripts/translations.py in one regular shape: a small
# pattern reader keeps the core free of XML parsers (and of the plugin site's XML warnings).
_CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.S)
_MESSAGE = re.compile(r"<message>.*?<source>(.*?)</source>\s*<translation([^>]*)>(.*?)</translation>", re.S)


@cache
def catalogue(language):
    """{(context, English source): translation} of a language's finished translations."""
    entries = {}
    path = I18N_DIR / f"remix_{language}.ts"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return entries
    for context, body in _CONTEXT.findall(text):
        for source, attributes, translation in _MESSAGE.findall(body):
            if "unfinished" in attributes or "vanished" in attributes or "obsolete" in attributes:
                continue
            entries[(html.unescape(context), html.unescape(source))] = html.unescape(translation)
    return entries


class Bilingual(namedtuple("Bilingual", "it en")):
    """A text in Italian and English; ``format`` fills both."""

    __slots__ = ()

    def format(self, *args, **values):
        """Both texts filled; a ``Bilingual`` value gives each language its own part."""
        def part(index, value):
            return value[index] if isinstance(value, Bilingual) else value

        return Bilingual(*(text.format(*(part(i, arg) for arg in args),
                                       **{key: part(i, value) for key, value in values.items()})
                           for i, text in enumerate(self)))

    def get(self, language):
        return pick(language, self.it, self.en)


def tr(text, context=TRANSLATION_CONTEXT, language=None):
    """``text`` (English) in ``language`` ("it", "en", or ``BOTH``: a ``Bilingual``); without a
    language, in QGIS's (through Qt's translator)."""
    if language is None:
        from qgis.PyQt.QtCore import QCoreApplication

        return QCoreApplication.translate(context, text)
    if language == BOTH:
        return Bilingual(tr(text, context, "it"), text)
    if language == SOURCE_LANGUAGE:
        return text
    return catalogue(language).get((context, text), text)


def pick(language, italian, english):
    """The one of two texts given as data (``label_it``/``label_en`` of the scheme, presets)."""
    return italian if language == "it" else english


def thousands_separator(language):
    """1.234 in Italian, 1,234 in English (numbers printed on maps and layouts)."""
    return pick(language, ".", ",")


def qgis_locale():
    """The two-letter language QGIS runs in ("it", "en", ...)."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QLocale

    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        name = settings.value("locale/userLocale", "", type=str)
    else:
        name = settings.value("locale/userLocale", "", type=str) or QLocale.system().name()
    return (name or "en")[:2].lower()


def ui_language():
    """"it" when QGIS runs in Italian, otherwise "en" (labels, tooltips, messages)."""
    return "it" if qgis_locale() == "it" else "en"


def install_translator(parent=None):
    """Load the .qm for QGIS's language; returns the translator (or None) for ``unload``."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    language = qgis_locale()
    qm_file = I18N_DIR / f"remix_{language}.qm"
    if not qm_file.is_file():
        return None
    translator = QTranslator(parent)
    if not translator.load(str(qm_file)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator):
    if translator is not None:
        from qgis.PyQt.QtCore import QCoreApplication

        QCoreApplication.removeTranslator(translator)
