"""Accepted exceptions: stored in the GeoPackage, not reported again while the feature is unchanged."""

from __future__ import annotations

import helpers_corpus as hc
import pytest

from remix_plugin.validation import exceptions_store
from remix_plugin.validation.engine import validate_geopackage


@pytest.fixture
def with_duplicate(tmp_path):
    path = tmp_path / "exceptions.gpkg"
    ids = hc.build_clean(path)
    x, y = ids["points"][hc.COMUNE_A]
    writer = hc.Writer(path)
    ids["copy"] = writer.add("lavori", hc.square_wkt(x, y), progetto_uuid=ids["p2"], comune_istat=hc.COMUNE_A)
    writer.close()
    return path, ids


def test_accepted_finding_is_suppressed_until_the_feature_changes(with_duplicate):
    path, ids = with_duplicate
    report = validate_geopackage(path)
    duplicate = next(f for f in report.findings if f.code == "GEO-012")
    assert duplicate.feature_uuid == ids["copy"]
    with pytest.raises(ValueError):
        exceptions_store.accept_finding(path, duplicate, "  ")
    exception_uuid = exceptions_store.accept_finding(
        path, duplicate, "Stesso edificio, due lavori", accepted_by="tecnico"
    )
    stored = exceptions_store.list_exceptions(path)
    assert [(e["uuid"], e["rule_code"], e["feature_uuid"], e["accepted_by"]) for e in stored] == [
        (exception_uuid, "GEO-012", ids["copy"], "tecnico")
    ]
    again = validate_geopackage(path)
    assert not any(f.code == "GEO-012" for f in again.findings)
    assert again.counts["suppressed"] == 1 and again.suppressed[0].code == "GEO-012"
    # the audit fields are not part of the hash: touching them keeps the exception
    hc.update(path, "lavori", ids["copy"], modificato_il="2025-01-01T00:00:00Z")
    assert validate_geopackage(path).counts["suppressed"] == 1
    # a real change brings the finding back
    hc.update(path, "lavori", ids["copy"], descrizione="Descrizione cambiata")
    changed = validate_geopackage(path)
    assert any(f.code == "GEO-012" for f in changed.findings) and changed.counts["suppressed"] == 0
    assert exceptions_store.remove_exception(path, exception_uuid) is True
    assert exceptions_store.list_exceptions(path) == []


def test_exception_file_stays_a_valid_geopackage(with_duplicate):
    import subprocess

    path, ids = with_duplicate
    finding = next(f for f in validate_geopackage(path).findings if f.code == "GEO-012")
    exceptions_store.accept_finding(path, finding, "ok", accepted_by="me")
    result = subprocess.run(
        [
            "/usr/bin/python3",
            "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
            "-k",
            "--extra",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (result.returncode, result.stdout.strip(), result.stderr.strip()) == (0, "", "")
