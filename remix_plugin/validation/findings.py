"""The one findings model: a ``Finding`` names a catalogue rule, where it fails and why (in
Italian and English); a ``Report`` is one run's findings. The validation engine, the bundle
checker, the dock, Processing and the command line all report through these two types."""

from dataclasses import dataclass, field

from ..i18n import pick
from .catalogue import rule

SEVERITY_ORDER = {"error": 0, "warning": 1}


@dataclass
class Finding:
    code: str
    severity: str
    layer: str
    feature_uuid: object
    field: object
    message_it: str
    message_en: str
    x: object = None
    y: object = None
    value: object = None
    fid: object = None
    project_uuid: object = None  # the progetto the feature belongs to (for the dock tree)

    def message(self, language="it"):
        return pick(language, self.message_it, self.message_en)

    @property
    def group(self):
        return rule(self.code).group

    def as_dict(self, language="it"):
        """One line of the JSON Lines report."""
        return {
            "code": self.code,
            "severity": self.severity,
            "layer": self.layer,
            "feature_uuid": self.feature_uuid,
            "field": self.field,
            "message": self.message(language),
            "x": self.x,
            "y": self.y,
            "value": self.value,
            "fid": self.fid,
            "project_uuid": self.project_uuid,
        }

    def key(self):
        """What an accepted exception matches: (rule, layer, feature, field)."""
        return (self.code, self.layer, self.feature_uuid or "", self.field or "")


@dataclass
class Report:
    path: str
    profile: str
    profile_settings: dict = field(default_factory=dict)
    findings: list = field(default_factory=list)
    suppressed: list = field(default_factory=list)
    started_at: str = ""
    seconds: float = 0.0

    @property
    def counts(self):
        counts = {"error": 0, "warning": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        counts["suppressed"] = len(self.suppressed)
        return counts

    @property
    def has_errors(self):
        return any(f.severity == "error" for f in self.findings)

    def problem_projects(self):
        """uuids of the projects with findings (themselves or their lavori, azioni, phases…)."""
        return {f.project_uuid for f in self.findings if f.project_uuid}

    def by_severity(self, severity):
        return [f for f in self.findings if f.severity == severity]

    def sorted_findings(self):
        return sorted(
            self.findings,
            key=lambda f: (SEVERITY_ORDER[f.severity], f.code, f.layer, str(f.feature_uuid)),
        )
