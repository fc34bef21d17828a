"""Atomic, durable replacement of a file by a finished temporary one.

``os.replace`` alone is atomic for running programs, but after a power cut the renamed file's
content may not be on disk yet: the temporary file is flushed first, then renamed, then the
folder's entry is flushed, so the target is always either the old file or the complete new one.

``tempfile.mkstemp`` creates its file with mode 0600 (owner only): a PDF or GeoPackage written
that way could not be opened by colleagues on a shared folder. The finished file therefore gets
the mode an ordinary program would give it: the mode of the file it replaces, or 0666 less the
process's umask for a new file (0644 / 0664 on usual systems).
"""

import os
import stat

DEFAULT_FILE_MODE = 0o666


def current_umask():
    """The process's umask, read without changing it where the system allows it (Linux 4.7+),
    so that threads writing files at the same time never see a temporary umask."""
    mask = _umask_from_proc()
    if mask is None:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _umask_from_proc():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        return None
    return None


def office_mode(target):
    """Permission bits for ``target``: those of the existing file, else 0666 & ~umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return DEFAULT_FILE_MODE & ~current_umask()


def durable_replace(temp, target):
    if os.name == "posix":  # Windows has no permission bits to fix
        os.chmod(temp, office_mode(target))
    _fsync(temp, os.O_RDONLY)
    os.replace(temp, target)
    if os.name == "posix":  # folders cannot be opened for fsync on Windows
        _fsync(os.path.dirname(os.path.abspath(target)), os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))


def _fsync(path, flags):
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
