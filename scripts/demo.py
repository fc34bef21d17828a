#!/usr/bin/env python3
"""`make demo`: build the plugin, install it into a fresh temporary QGIS profile, start QGIS under
Xvfb, enable the plugin, open its dock, run the demo steps and save screenshots in out/.

Later issues append steps (demo data, forms, validation, atlas): write the step in
scripts/demo_steps.py (it runs inside QGIS) and add its "module:function" name to DEMO_STEPS.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

import build_package  # noqa: E402
import qgis_desktop  # noqa: E402

OUT = ROOT / "out"
SCREENSHOT = OUT / "remix_plugin_screenshot.png"
DEMO_STEPS = [
    "demo_steps:plugin_summary",
    "demo_steps:open_demo_project",
    "demo_steps:dock_screenshot",
]


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--locale", help="e.g. it_IT for the Italian interface")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--keep", type=Path, help="keep the temporary profile in this folder")
    args = parser.parse_args(argv)

    OUT.mkdir(parents=True, exist_ok=True)
    zip_path = build_package.build(compile_translations=True)
    print(f"[demo] built {zip_path.relative_to(ROOT)}")
    with tempfile.TemporaryDirectory(prefix="remix-demo-") as tmp:
        workdir = args.keep or Path(tmp)
        print(f"[demo] starting QGIS under Xvfb with a fresh profile in {workdir}")
        result = qgis_desktop.run_desktop(workdir, zip_path, screenshot=SCREENSHOT, steps=DEMO_STEPS,
                                          timeout=args.timeout, locale=args.locale,
                                          extra_config={"out_dir": str(OUT)})
    (OUT / "demo_result.json").write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    ok = (result.get("ok") and result.get("loaded") and result.get("dock_visible")
          and not result.get("python_errors") and not result.get("timed_out"))
    startup = result.get("plugin_times", {}).get("remix_plugin")
    print(f"[demo] QGIS {result.get('qgis_version')}: plugin loaded={result.get('loaded')}, "
          f"dock visible={result.get('dock_visible')}, start-up {startup}")
    for step, summary in result.get("steps", {}).items():
        print(f"[demo] {step}: {json.dumps(summary, default=str)}")
    for error in result.get("python_errors", []):
        print(f"[demo] PYTHON ERROR from remix_plugin:\n{error}", file=sys.stderr)
    if result.get("probe_error"):
        print(f"[demo] probe error:\n{result['probe_error']}", file=sys.stderr)
    if result.get("timed_out"):
        print(f"[demo] QGIS did not finish within {args.timeout} s; output:\n{result.get('output_tail')}",
              file=sys.stderr)
    print(f"[demo] screenshot: {SCREENSHOT.relative_to(ROOT)}; details: out/demo_result.json")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
