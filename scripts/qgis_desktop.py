#!/usr/bin/env python3
"""Start the real QGIS desktop under Xvfb with RE.MIX installed in a fresh temporary profile.

Used by ``make demo`` (scripts/demo.py), ``make bench`` (benchmarks/bench_startup.py) and the
end-to-end tests. The profile gets ``QGIS/QGIS3.ini`` with the plugin enabled and first-run
dialogs, news and version checks switched off; scripts/desktop_probe.py runs inside QGIS
(``--code``) and writes a JSON result; scripts/desktop_log_hook.py (``PYQGIS_STARTUP``) records
the message log from before the plugins load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))

import deploy  # noqa: E402
from desktop_probe import is_remix_error  # noqa: E402

PROFILE = "remix"
DEFAULT_SCREEN = (1600, 1000)
# The two screens of a technician's office the e2e day is checked on (laptop, desktop monitor).
SCREENS = ((1366, 768), (1920, 1080))
# Settings that keep a fresh profile from opening dialogs or going on line at start-up.
QUIET_SETTINGS = """
[qgis]
checkVersion=false
allowVersionCheck=false
showTips=false
showTips322=false
newProjectDefault=false
checkPluginUpdates=false
dockPersistent=false

[app]
qgis\\checkVersion=false

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[migration]
settings=true
fileVersion=999

[locale]
{locale}
"""


def make_profile(workdir: Path, zip_path: Path, locale: str | None = None) -> Path:
    """A profiles folder with profile "remix", the plugin unpacked and enabled; returns profiles root."""
    profiles_root = workdir / "qgis-profiles"
    profile_dir = profiles_root / "profiles" / PROFILE
    deploy.install(profile_dir / "python" / "plugins", zip_path)
    locale_lines = f"overrideFlag=true\nuserLocale={locale}" if locale else "overrideFlag=false"
    deploy.enable_in_profile(profile_dir, QUIET_SETTINGS.format(locale=locale_lines))
    return profiles_root


def run_desktop(workdir: Path, zip_path: Path = deploy.DEFAULT_ZIP, screenshot: Path | None = None,
                steps=(), timeout: float = 180, locale: str | None = None, delay_ms: int = 1500,
                extra_config: dict | None = None, keep_log: Path | None = None,
                screen: tuple[int, int] | None = None) -> dict:
    """Run QGIS once; returns the probe's result dict (plus returncode, wall time, log tail).

    ``screen`` (width, height) is the size of the Xvfb screen; the main window then fills it
    (there is no window manager under Xvfb: no title bars, windows sit where Qt puts them)."""
    width, height = screen or DEFAULT_SCREEN
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    profiles_root = make_profile(workdir, zip_path, locale)
    result_path = workdir / "probe-result.json"
    log_path = workdir / "message-log.jsonl"
    for stale in (result_path, log_path):
        if stale.exists():
            stale.unlink()
    config = {
        "result": str(result_path),
        "screenshot": str(screenshot) if screenshot else None,
        "steps": list(steps),
        "scripts_dir": str(SCRIPTS),
        "delay_ms": delay_ms,
        "screen": [width, height],
        **({"window_size": [width, height], "window_pos": [0, 0]} if screen else {}),
        **(extra_config or {}),
    }
    config_path = workdir / "probe-config.json"
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    if screenshot:
        Path(screenshot).parent.mkdir(parents=True, exist_ok=True)

    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the desktop draws on Xvfb, not offscreen
    env.pop("QGIS_CUSTOM_CONFIG_PATH", None)
    env.update({
        "PYQGIS_STARTUP": str(SCRIPTS / "desktop_log_hook.py"),
        "REMIX_PROBE_LOG": str(log_path),
        "REMIX_PROBE_CONFIG": str(config_path),
        "XDG_RUNTIME_DIR": str(workdir / "xdg-runtime"),
        "QGIS_DISABLE_MESSAGE_HOOKS": "1",
    })
    Path(env["XDG_RUNTIME_DIR"]).mkdir(mode=0o700, exist_ok=True)
    qgis_cmd = ["qgis", "--profiles-path", str(profiles_root), "--profile", PROFILE,
                "--nologo", "--noversioncheck", "--code", str(SCRIPTS / "desktop_probe.py")]
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24 -nolisten tcp", *qgis_cmd]
    started = time.monotonic()
    output_path = workdir / "qgis-output.txt"
    with open(output_path, "w", encoding="utf-8") as output:
        proc = subprocess.Popen(cmd, env=env, stdout=output, stderr=subprocess.STDOUT,
                                start_new_session=True, cwd=workdir)
        try:
            returncode = proc.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                returncode = proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                returncode = proc.wait()
    wall = time.monotonic() - started
    result = json.loads(result_path.read_text(encoding="utf-8")) if result_path.exists() else {"ok": False}
    if "python_errors" not in result:  # the probe never ran: read the start-up log ourselves
        result["python_errors"] = read_errors(log_path)
    result.update({"returncode": returncode, "timed_out": timed_out, "wall_s": round(wall, 2),
                   "output_tail": output_path.read_text(encoding="utf-8", errors="replace")[-3000:]})
    if keep_log and log_path.exists():
        shutil.copy(log_path, keep_log)
    return result


def read_errors(log_path: Path) -> list:
    errors = []
    if log_path.exists():
        for line in log_path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            if is_remix_error(entry["tag"], entry["level"], entry["message"]):
                errors.append(entry["message"])
    return errors


def parse_screen(text: str) -> tuple[int, int]:
    """"1366x768" -> (1366, 768)."""
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, e.g. 1366x768: {text!r}")
    return int(width), int(height)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--zip", type=Path, default=deploy.DEFAULT_ZIP)
    parser.add_argument("--screenshot", type=Path)
    parser.add_argument("--locale")
    parser.add_argument("--step", action="append", default=[], help="module:function run inside QGIS")
    parser.add_argument("--timeout", type=float, default=180)
    parser.add_argument("--screen", type=parse_screen, help="WIDTHxHEIGHT of the Xvfb screen "
                        f"(default {DEFAULT_SCREEN[0]}x{DEFAULT_SCREEN[1]})")
    parser.add_argument("--keep", type=Path, help="work folder to keep (default: a temporary one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="remix-qgis-") as tmp:
        result = run_desktop(args.keep or Path(tmp), args.zip, args.screenshot, args.step,
                             args.timeout, args.locale, screen=args.screen)
    print(json.dumps(result, indent=2))
    return 0 if result.get("ok") and result.get("loaded") and not result.get("python_errors") else 1


if __name__ == "__main__":
    sys.exit(main())
