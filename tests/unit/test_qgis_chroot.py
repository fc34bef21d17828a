"""scripts/qgis_chroot.sh: the newest-LTR chroot of `make test` (cache key, package lists shared
with scripts/setup.sh, mounts that never outlive a run)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "qgis_chroot.sh"
SETUP = ROOT / "scripts" / "setup.sh"


def chroot_script(*args, env=None, timeout=120):
    result = subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True,
                            timeout=timeout, check=False, env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr
    return result.stdout


def setup_list(name):
    out = subprocess.run(["bash", "-c", f'source "{SETUP}"; printf "%s\\n" "${{{name}[@]}}"'],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    return out.split()


def test_the_cache_key_follows_suite_mirror_and_package_lists():
    key = chroot_script("key").strip()
    assert len(key) == 64 and key == chroot_script("key").strip()
    assert chroot_script("key", env={"REMIX_CHROOT_SUITE": "trixie"}).strip() != key
    assert chroot_script("key", env={"REMIX_CHROOT_MIRROR": "http://example.invalid/debian"}).strip() != key
    assert chroot_script("path", env={"REMIX_CHROOT_CACHE": "/srv/x"}).strip() == "/srv/x/sid"


def test_the_chroot_gets_the_hosts_package_lists():
    listed = chroot_script("packages").splitlines()
    apt = [line.split(" ", 1)[1] for line in listed if line.startswith("apt ")]
    pip = [line.split(" ", 1)[1] for line in listed if line.startswith("pip ")]
    assert set(setup_list("APT_PACKAGES")) <= set(apt)
    assert "debootstrap" not in apt  # a host tool
    assert pip == setup_list("PIP_PACKAGES") and any(p.startswith("pytest==") for p in pip)


def _chroot_ready():
    if os.geteuid() != 0 or os.environ.get("REMIX_QGIS_RUNTIME", "host") != "host":
        return False
    chroot = Path(chroot_script("path").strip())
    key_file = chroot / ".remix-chroot-key"
    return key_file.is_file() and key_file.read_text().strip() == chroot_script("key").strip()


def _mounts_under(folder):
    with open("/proc/self/mountinfo", encoding="utf-8") as mountinfo:
        return [line.split()[4] for line in mountinfo if line.split()[4].startswith(f"{folder}/")]


needs_chroot = pytest.mark.skipif(not _chroot_ready(),
                                  reason="needs root on the host and a current chroot (make qgis-chroot)")


@needs_chroot
def test_a_run_names_the_newer_qgis_and_leaves_no_mount_behind():
    chroot = chroot_script("path").strip()
    banner = chroot_script("run", "python", "scripts/runtime_banner.py", timeout=300)
    assert "chroot:sid" in banner and "GDAL 3." in banner
    version = banner.split("QGIS ", 1)[1].split("-", 1)[0]
    assert tuple(int(part) for part in version.split(".")[:2]) >= (3, 40), banner
    inside = [line.split()[4] for line in
              chroot_script("run", "cat", "/proc/self/mountinfo").splitlines()]
    assert {"/proc", "/sys", "/dev", "/dev/pts", "/dev/shm", "/tmp", str(ROOT)} <= set(inside)
    assert _mounts_under(chroot) == []


@needs_chroot
def test_a_killed_run_leaves_no_mount_behind():
    chroot = chroot_script("path").strip()
    run = subprocess.Popen(["bash", str(SCRIPT), "run", "sleep", "60"], start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    # the mounts live in the run's own mount namespace: wait until its chroot shell is running
    while time.monotonic() < deadline and run.poll() is None:
        if subprocess.run(["pgrep", "-s", str(run.pid), "-x", "sleep"], capture_output=True,
                          check=False).returncode == 0:
            break
        time.sleep(0.2)
    assert run.poll() is None, "the run ended before it could be killed"
    # mounted in the run's private namespace: the host never sees them, so nothing can leak
    assert _mounts_under(chroot) == []
    os.killpg(run.pid, signal.SIGKILL)  # no trap runs: the namespace must take the mounts along
    run.wait(timeout=30)
    assert _mounts_under(chroot) == []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # SIGKILL is delivered, but not instantly
        left = subprocess.run(["pgrep", "-a", "-s", str(run.pid)], capture_output=True, text=True,
                              check=False).stdout
        if not left:
            break
        time.sleep(0.2)
    assert left == ""
