"""The bundle check's report: the one findings model (validation.findings) with what a bundle
adds (readable, manifest, spec version, content hash, exit code), and the collector that turns a
catalogue code and its placeholders into a Finding."""

from dataclasses import dataclass, field

from ...validation.catalogue import rule
from ...validation.findings import Finding, Report
from ...validation.profiles import get_profile

MAX_REPORTED_PER_CODE = 50
MORE_CASES = "BND-042"  # the marker after MAX_REPORTED_PER_CODE findings of one code
VALUE_LIMIT = 200


@dataclass
class BundleReport(Report):
    profile: str = "bundle"
    readable: bool = True
    manifest: dict = field(default_factory=dict)
    spec_version: str = ""
    content_hash: str = ""

    @property
    def errors(self):
        return self.by_severity("error")

    @property
    def has_errors(self):
        return bool(self.errors) or not self.readable

    @property
    def exit_code(self):
        """0 conforming, 1 not conforming, 2 unreadable (the check-bundle command's exit code)."""
        if not self.readable:
            return 2
        return 1 if self.has_errors else 0


class BundleUnreadable(Exception):  # noqa: N818 (public name)
    """The file cannot be read as a bundle at all (exit code 2); ``code`` is the file error's."""

    def __init__(self, code, message_it, message_en):
        super().__init__(message_en)
        self.code = code
        self.message_it = message_it
        self.message_en = message_en


def _text(value):
    return "" if value is None else str(value)[:VALUE_LIMIT]


def _in_language(detail, index):
    """A placeholder's text: the same in both languages, or an (it, en) pair."""
    return detail[index] if isinstance(detail, tuple) else detail


class Collector:
    """Adds findings to a BundleReport, at most MAX_REPORTED_PER_CODE per code (then one
    BND-042 marker); a code the profile switches off is not reported."""

    def __init__(self, report, profile="strict"):
        self.report = report
        self.profile = get_profile(profile)
        self.per_code = {}

    def add(self, code, layer="", uuid="", field_name="", value="", shown=None, detail=""):
        """A finding of catalogue rule ``code``: its message templates filled with ``layer``,
        ``field_name``, ``shown`` (the value as the message shows it; ``value`` by default) and
        ``detail`` (text, or an (it, en) pair)."""
        severity = self.profile.severity(code)
        if severity is None:
            return
        spec = rule(code)
        shown = value if shown is None else shown
        messages = [
            template.format(layer=layer, field=field_name, value=shown, detail=_in_language(detail, i))
            for i, template in enumerate((spec.message_it, spec.message_en))
        ]
        self.append(Finding(code, severity, layer, uuid or "", field_name or "", *messages,
                            value=_text(value)))

    def append(self, finding):
        """Add a finding made elsewhere (the validation engine's), counted against its code."""
        n = self.per_code.get(finding.code, 0) + 1
        self.per_code[finding.code] = n
        if n == MAX_REPORTED_PER_CODE + 1:
            more = rule(MORE_CASES)
            messages = (t.format(value=finding.code) for t in (more.message_it, more.message_en))
            self.report.findings.append(
                Finding(MORE_CASES, finding.severity, finding.layer, "", "", *messages, value=""))
        if n > MAX_REPORTED_PER_CODE:
            return
        self.report.findings.append(finding)

    def unreadable(self, code, message_it, message_en):
        """The one finding of a file that cannot be read (its file error's code, exit 2)."""
        self.report.readable = False
        self.report.findings.append(Finding(code, "error", "", "", "", message_it, message_en, value=""))

    def found(self, *codes):
        return any(code in self.per_code for code in codes)
