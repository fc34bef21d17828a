"""The Italian interface: with QGIS set to Italian, install_translator loads remix_it.qm and tr()
answers in Italian; with English it loads nothing and tr() keeps the English source."""

import pytest
from qgis.core import QgsSettings


@pytest.fixture
def locale_setting(compiled_translations):
    settings = QgsSettings()
    saved = {key: settings.value(key) for key in ("locale/userLocale", "locale/overrideFlag")}

    def set_locale(name):
        settings.setValue("locale/overrideFlag", True)
        settings.setValue("locale/userLocale", name)

    yield set_locale
    for key, value in saved.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)


def test_italian(locale_setting):
    from remix_plugin.i18n import install_translator, remove_translator, tr, ui_language

    locale_setting("it_IT")
    assert ui_language() == "it"
    translator = install_translator()
    try:
        assert translator is not None
        assert tr("RE.MIX panel") == "Pannello RE.MIX"
        assert tr("New RE.MIX GeoPackage…") == "Nuovo GeoPackage RE.MIX…"
        assert tr("Open or create a RE.MIX GeoPackage to map regeneration projects.") == (
            "Apri o crea un GeoPackage RE.MIX per mappare i progetti di rigenerazione."
        )
    finally:
        remove_translator(translator)
    assert tr("RE.MIX panel") == "RE.MIX panel"


def test_english(locale_setting):
    from remix_plugin.i18n import install_translator, remove_translator, tr, ui_language

    locale_setting("en_GB")
    assert ui_language() == "en"
    translator = install_translator()
    try:
        assert translator is None
        assert tr("RE.MIX panel") == "RE.MIX panel"
    finally:
        remove_translator(translator)
