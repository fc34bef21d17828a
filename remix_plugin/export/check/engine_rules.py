"""The validation engine's rules on the bundle (seen as an editing GeoPackage through
``bundle_source.BundleSource``); its findings keep their rule codes."""

import dataclasses
import sqlite3
from pathlib import Path

from ...layers.errors import RemixFileError
from .opening import unreadable
from .report import VALUE_LIMIT


def _as_reported(finding):
    """The engine's finding as the bundle report shows it: no None for a place or a value."""
    value = "" if finding.value is None else str(finding.value)[:VALUE_LIMIT]
    return dataclasses.replace(
        finding, feature_uuid=finding.feature_uuid or "", field=finding.field or "", value=value
    )


def check_rules(gpkg, profile, out):
    from ...validation.engine import validate_source
    from ..bundle_source import BundleSource

    try:
        report = validate_source(BundleSource(gpkg), profile=profile)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        raise unreadable(exc, Path(gpkg).name) from exc
    except RemixFileError as exc:
        message_it = getattr(exc, "message_it", str(exc))
        message_en = getattr(exc, "message_en", str(exc))
        out.add("BND-041", detail=(message_it, message_en))
        return
    for finding in report.sorted_findings():
        out.append(_as_reported(finding))
