"""The check-bundle command's output: one line per finding and a verdict (text), or JSON Lines
with a summary line. The shape is stable for the scripts of receiving offices."""

import json
import os

from ...i18n import tr
from ...textsafe import safe_json_line, safe_text

JSONL_KEYS = ("code", "severity", "layer", "feature_uuid", "field", "message_it", "message_en", "value")


def finding_record(finding):
    """One JSON Lines record: both languages, no map position (a bundle is read, not shown)."""
    return {key: getattr(finding, key) for key in JSONL_KEYS}


def _summary(report):
    counts = report.counts
    return {"error": counts["error"], "warning": counts["warning"]}


def _verdict(report, language):
    counts = _summary(report)
    if report.exit_code == 0:
        return tr("Bundle conforms.", language=language)
    if report.exit_code == 1:
        return tr("Bundle does NOT conform: {errors} errors, {warnings} warnings.", language=language).format(
            errors=counts["error"], warnings=counts["warning"])
    return tr("Bundle unreadable.", language=language)


def format_report(report, language="it", fmt="text"):
    if fmt == "jsonl":
        lines = [safe_json_line(json.dumps(finding_record(f), ensure_ascii=False)) for f in report.findings]
        summary = {
            "summary": _summary(report),
            "exit_code": report.exit_code,
            "spec_version": report.spec_version,
            "content_hash": report.content_hash,
        }
        lines.append(json.dumps(summary, ensure_ascii=False))
        return os.linesep.join(lines)
    lines = []
    for f in report.findings:
        where = " ".join(safe_text(x) for x in (f.layer, f.feature_uuid) if x)
        lines.append(f"{f.severity.upper()} [{safe_text(f.code)}] {where}: {safe_text(f.message(language))}")
    lines.append(_verdict(report, language))
    return os.linesep.join(lines)
