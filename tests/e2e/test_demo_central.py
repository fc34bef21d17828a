"""``make demo-central`` (scripts/demo_central.py, issue 14): a throw-away cluster, comune logins,
bundles in and out, a refused cross-comune import, an offline check-in, the regional bundle from
the database accepted by check-bundle; the cluster is gone afterwards."""

import re
import subprocess
import sys
from pathlib import Path

from tests.pg_cluster import ROOT, host_only


@host_only
def test_demo_central_writes_its_summary_and_a_bundle_check_bundle_accepts(tmp_path):
    before = set(p.name for p in Path("/tmp").glob("remix-pg-demo-*"))
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "demo_central.py"), "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    summary = (tmp_path / "SUMMARY.md").read_text(encoding="utf-8")
    assert (
        "Importazione del bundle rifiutata dal database RE.MIX, nulla è stato scritto: Il comune" in summary
    )
    assert re.search(r"non è tra quelli assegnati a tecnico_\d{6}", summary)
    assert re.search(r"imports it back: 1 updated, 0 conflicts", summary)
    assert "`check-bundle`: exit 0" in summary
    rows = dict(re.findall(r"^\| (\w+) \| (\d+) \| \d+ \|$", summary, re.MULTILINE))
    same = re.findall(r"^\| (\w+) \| (\d+) \| (\d+) \|$", summary, re.MULTILINE)
    assert rows["progetti"] == "6" and all(a == b for _t, a, b in same), same
    bundle = tmp_path / "REMIX_CMM_central.gpkg"
    info = subprocess.run(
        ["ogrinfo", "-ro", "-so", str(bundle), "progetti"], capture_output=True, text=True, check=True
    ).stdout
    assert "Feature Count: 6" in info
    check = subprocess.run(
        [sys.executable, "-m", "remix_plugin", "check-bundle", str(bundle)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    after = set(p.name for p in Path("/tmp").glob("remix-pg-demo-*"))
    assert after <= before  # the cluster's folder destroyed
