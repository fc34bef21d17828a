"""Atomic, durable replacement of a file by a finished temporary one.

``os.replace`` alone is atomic for running programs, but after a power cut the renamed file's
content may not be on disk yet: the temporary file is flushed first, then renamed, then the
folder's entry is flushed, so the target is always either the old file or the complete new one.
"""

import os


def durable_replace(temp, target):
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
