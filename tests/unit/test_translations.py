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
