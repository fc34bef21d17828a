"""`make translations-check` as a test: every tr() string of the sources is in each .ts and translated,
so new strings cannot ship untranslated. Fix with `make translations-update`, then translate."""

import translations


def test_extractor_finds_known_strings():
    found = translations.extract()
    assert "RE.MIX panel" in found[translations.DEFAULT_CONTEXT]


def test_every_tr_string_is_translated():
    problems = translations.problems()
    assert not problems, "\n".join(problems)


def test_italian_ts_has_good_key_translations():
    entries = translations.read_ts(translations.I18N_DIR / "remix_it.ts")
    ctx = translations.DEFAULT_CONTEXT
    assert entries[(ctx, "RE.MIX panel")][0] == "Pannello RE.MIX"
    assert entries[(ctx, "New RE.MIX GeoPackage…")][0] == "Nuovo GeoPackage RE.MIX…"


# -- the same catalogue without Qt (i18n.tr with a language; the CLI and the core) --------------
def test_pure_reader_agrees_with_the_ts_parser():
    """i18n's small reader and the XML parser of scripts/translations.py read the same entries."""
    from remix_plugin.i18n import catalogue

    entries = translations.read_ts(translations.I18N_DIR / "remix_it.ts")
    parsed = {key: text for key, (text, kind) in entries.items()
              if text and kind not in ("unfinished", "vanished", "obsolete")}
    assert catalogue("it") == parsed
    assert len(parsed) > 300


def test_tr_with_a_language_needs_no_qt():
    import subprocess
    import sys

    code = ("import sys\nfrom remix_plugin.i18n import BOTH, tr\n"
            "print(tr('RE.MIX panel', language='it'))\n"
            "print(tr('Legend', 'RemixAtlas', language='it'), tr('Legend', 'RemixAtlas', language='en'))\n"
            "text = tr('Cannot create {path}: {error}', language=BOTH)\n"
            "print(*text.format(path='a.gpkg', error='x'), sep='|')\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=translations.ROOT, capture_output=True, text=True,
                         check=True, timeout=60).stdout.splitlines()
    assert out == ["Pannello RE.MIX", "Legenda Legend",
                   "Impossibile creare a.gpkg: x|Cannot create a.gpkg: x", "[]"]


def test_untranslated_text_falls_back_to_english_and_errors_carry_both():
    from remix_plugin.errors import RemixError
    from remix_plugin.i18n import BOTH, tr

    assert tr("A sentence nobody translated", language="it") == "A sentence nobody translated"
    text = tr("The folder {folder} does not exist.", language=BOTH)
    error = RemixError("no_folder", *text.format(folder="/x"))
    assert error.message("it") == "La cartella /x non esiste."
    assert error.message("en") == "The folder /x does not exist."


def test_core_texts_are_collected_for_translation():
    """Texts of the core (tr with language=…) are in the .ts like the GUI's (so the check covers them)."""
    found = translations.extract()
    assert "Export failed: {path}: {error}" in found[translations.DEFAULT_CONTEXT]  # __main__.py
    assert "Legend" in found["RemixAtlas"]  # atlas/layout.py
