"""Validation profiles: named configurations that switch rules off, change their severity and
set the thresholds of the geometry rules. The profile used is recorded with every report.

- ``strict``: what the Region will accept; every rule at its catalogue severity.
- ``draft``: lenient, for work in progress: completeness rules (recommended fields, a project
  answering a criticità, phase numbering) are off or warnings, nothing a technician is still
  drawing blocks the work.

A profile can also be read from a JSON file: ``{"name": "...", "base": "strict",
"rules": {"GEO-011": "off", "SCH-007": "error"}, "params": {"sliver_area_m2": 5}}``.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import SEVERITIES, requirement_rule, rule

OFF = "off"
DEFAULT_PARAMS = {
    "sliver_area_m2": 1.0,  # GEO-010: polygon parts smaller than this are slivers
    "thin_ratio_m": 0.25,  # GEO-011: area / perimeter below this (≈ half-metre-wide strips)
    "overlap_tolerance_m2": 0.01,  # GEO-009: overlaps smaller than this are ignored (snapping noise)
    "comune_share": 0.5,  # GEO-008: share of the area that must lie in the declared comune
    "area_tolerance_m2": 1.0,  # GEO-013: absolute tolerance on superficie_mq
    "area_tolerance_ratio": 0.01,  # GEO-013: relative tolerance on superficie_mq
}


class ProfileError(ValueError):
    """Unknown profile name or malformed profile file."""


@dataclass(frozen=True)
class Profile:
    name: str
    overrides: dict = field(default_factory=dict)  # code -> "error" | "warning" | "off"
    params: dict = field(default_factory=dict)

    def severity(self, code):
        """The severity of a rule under this profile, or None when it is switched off."""
        value = self.overrides.get(code, rule(code).severity)
        return None if value == OFF else value

    def enabled(self, code):
        return self.severity(code) is not None

    def param(self, name):
        return self.params.get(name, DEFAULT_PARAMS[name])

    def as_dict(self):
        return {
            "name": self.name,
            "overrides": dict(self.overrides),
            "params": {k: self.param(k) for k in DEFAULT_PARAMS},
        }


STRICT = Profile("strict")
DRAFT = Profile(
    "draft",
    overrides={
        "STR-003": OFF,
        "STR-004": "warning",
        "STR-005": "warning",
        "STR-007": OFF,
        "SCH-003": "warning",
        "SCH-007": OFF,
        "SCH-010": OFF,
        "SCH-011": "warning",
        "SCH-014": OFF,
        "SCH-015": OFF,
        "SCH-016": "warning",
        "SCH-017": OFF,
        "SCH-019": OFF,
        "GEO-009": "warning",
        "GEO-010": "warning",
        "GEO-011": OFF,
        "GEO-012": OFF,
        "GEO-013": OFF,
    },
    params={"overlap_tolerance_m2": 1.0},
)

PROFILES = {STRICT.name: STRICT, DRAFT.name: DRAFT}


def _check(profile):
    for code, value in profile.overrides.items():
        try:
            rule(code)
        except KeyError:
            raise ProfileError(f"profile {profile.name!r}: unknown rule {code!r}") from None
        if value not in SEVERITIES + (OFF,):
            raise ProfileError(f"profile {profile.name!r}: bad severity {value!r} for {code}")
    for name, value in profile.params.items():
        if name not in DEFAULT_PARAMS:
            raise ProfileError(f"profile {profile.name!r}: unknown parameter {name!r}")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
            raise ProfileError(f"profile {profile.name!r}: parameter {name} must be a number >= 0")
    return profile


def get_profile(name_or_path="strict"):
    """A Profile by name ("strict", "draft"), a Profile instance, or a JSON profile file."""
    if isinstance(name_or_path, Profile):
        return _check(name_or_path)
    key = str(name_or_path or "strict")
    if key in PROFILES:
        return PROFILES[key]
    path = Path(key)
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ProfileError(f"cannot read the profile {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise ProfileError(f"profile {path}: not a JSON object")
        base = PROFILES.get(data.get("base", "strict"))
        if base is None:
            raise ProfileError(f"profile {path}: unknown base {data.get('base')!r}")
        overrides = dict(base.overrides)
        overrides.update(data.get("rules") or {})
        params = dict(base.params)
        params.update(data.get("params") or {})
        return _check(Profile(str(data.get("name") or path.stem), overrides, params))
    raise ProfileError(f"unknown profile {key!r}: use one of {', '.join(PROFILES)} or a .json file")


def form_verdict(table_name, model_field, profile=None):
    """What a form says about an empty field, from the rule the validator applies to it:
    ``(state, strength, rule code)`` where state is "required" / "recommended" / "conditional" /
    "optional" and strength is "hard" (an error under the profile: the form blocks saving),
    "soft" (a warning: the form warns) or "" (the rule is off or there is none).

    The forms use the strict profile, what the Region accepts: what strict validation rejects,
    the form does not let through without saying so.
    """
    profile = get_profile(profile or "strict")
    state, code = requirement_rule(table_name, model_field)
    if code is None:
        return state, "", None
    severity = profile.severity(code)
    strength = {"error": "hard", "warning": "soft"}.get(severity, "")
    return state, strength, code
