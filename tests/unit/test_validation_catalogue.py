"""The catalogue is well formed, the profiles refer to real rules, docs/rules.md is up to date."""

from __future__ import annotations

import re
import string

import gen_rules_doc
import pytest

from remix_plugin.validation import catalogue
from remix_plugin.validation.profiles import PROFILES, ProfileError, get_profile

PREFIX = {"structure": "STR", "scheme": "SCH", "references": "REF", "geometry": "GEO"}
PLACEHOLDERS = {"feature", "layer", "field", "value", "detail"}


def test_codes_are_stable_unique_and_grouped():
    codes = catalogue.codes()
    assert len(codes) == len(set(codes))
    for rule in catalogue.RULES:
        assert re.fullmatch(r"(STR|SCH|REF|GEO)-\d{3}", rule.code)
        assert rule.code.startswith(PREFIX[rule.group])
        assert rule.severity in catalogue.SEVERITIES
        assert rule.doc and rule.reason and rule.title_it and rule.title_en
        for template in (rule.message_it, rule.message_en):
            names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
            assert names <= PLACEHOLDERS, (rule.code, names)


def test_profiles():
    assert set(PROFILES) == {"strict", "draft"}
    assert all(
        PROFILES["strict"].severity(code) == catalogue.rule(code).severity for code in catalogue.codes()
    )
    assert PROFILES["draft"].severity("SCH-007") is None
    with pytest.raises(ProfileError):
        get_profile("nope")


def test_rules_doc_is_generated_from_the_catalogue(repo_root):
    assert (repo_root / "docs" / "rules.md").read_text(encoding="utf-8") == gen_rules_doc.render(), (
        "docs/rules.md is out of date: run python3 scripts/gen_rules_doc.py"
    )


def test_validation_doc_explains_every_rule(repo_root):
    text = (repo_root / "docs" / "validation.md").read_text(encoding="utf-8")
    missing = [code for code in catalogue.codes() if code not in text]
    assert missing == []
