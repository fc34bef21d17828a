"""Interface language: English source strings through ``tr()``, Italian from ``i18n/remix_it.qm``.

Core modules (taxonomy, validation) carry their own Italian and English texts as data; this
module serves the Qt side (GUI and Processing) and tells which of the two languages to show.
"""

from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
TRANSLATION_CONTEXT = "RemixPlugin"
SUPPORTED = ("it", "en")


def tr(text, context=TRANSLATION_CONTEXT):
    return QCoreApplication.translate(context, text)


def qgis_locale():
    """The two-letter language QGIS runs in ("it", "en", ...)."""
    from qgis.core import QgsSettings

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
        QCoreApplication.removeTranslator(translator)
