"""Files the plugin writes are readable by the group like any office file: durable_replace gives
a new file 0666 less the umask (mkstemp alone makes 0600) and keeps the mode of a file it replaces."""

import os
import stat
import subprocess
import sys
import tempfile

import pytest

from remix_plugin.files import current_umask, durable_replace, office_mode

pytestmark = pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def _write_temp(folder, text=b"%PDF-1.4\n"):
    handle, name = tempfile.mkstemp(prefix=".atlas.", suffix=".tmp.pdf", dir=folder)
    with os.fdopen(handle, "wb") as stream:
        stream.write(text)
    assert _mode(name) == 0o600  # what mkstemp does: the bug this module fixes
    return name


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_current_umask_reads_the_process_umask_without_changing_it(umask_022):
    assert current_umask() == 0o022
    os.umask(0o027)
    assert current_umask() == 0o027
    assert os.umask(0o022) == 0o027  # still what was set: reading did not change it


def test_new_file_gets_the_umask_mode(tmp_path, umask_022):
    target = tmp_path / "atlante.pdf"
    durable_replace(_write_temp(tmp_path), target)
    assert _mode(target) == 0o644
    assert target.read_bytes() == b"%PDF-1.4\n"


def test_group_writable_umask_is_respected(tmp_path):
    previous = os.umask(0o002)
    try:
        target = tmp_path / "pacchetto.gpkg"
        durable_replace(_write_temp(tmp_path), target)
    finally:
        os.umask(previous)
    assert _mode(target) == 0o664


def test_replacing_keeps_the_mode_of_the_old_file(tmp_path, umask_022):
    target = tmp_path / "remix.gpkg"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    assert office_mode(target) == 0o640
    durable_replace(_write_temp(tmp_path, b"new"), target)
    assert _mode(target) == 0o640
    assert target.read_bytes() == b"new"


def test_another_user_in_the_group_could_read_it(tmp_path, umask_022):
    """The bits other programs check: group and others may read, nobody but the owner writes."""
    target = tmp_path / "atlante.pdf"
    durable_replace(_write_temp(tmp_path), target)
    mode = _mode(target)
    assert mode & stat.S_IRGRP and mode & stat.S_IROTH
    assert not mode & (stat.S_IWGRP | stat.S_IWOTH | stat.S_IXUSR)


def test_umask_of_a_child_process_is_read_from_proc(tmp_path):
    """A fresh interpreter with umask 0007 reports it (the /proc path, no os.umask call)."""
    code = ("import os; os.umask(0o007); from remix_plugin.files import current_umask; "
            "print(oct(current_umask()))")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                            check=True)
    assert result.stdout.strip() == "0o7"
