"""Python's cyclic garbage collector paused while a validation run builds its findings (one
home for the switch, shared by concurrent runs: the dock's task and Processing may overlap)."""

import contextlib
import gc
import threading

_GC_LOCK = threading.Lock()
_GC_PAUSES = [0, False]  # runs under way, whether the collector was on when the first began


@contextlib.contextmanager
def collector_paused():
    """Python's cyclic garbage collector off while a run builds its (acyclic) findings and
    records: with 100,000 of them alive its full passes took 14 % of the run (issue 11).
    Reference counting still frees everything; the collector is switched back on, if it was on,
    when the last concurrent run ends, and then collects what cycles there are."""
    with _GC_LOCK:
        if _GC_PAUSES[0] == 0:
            _GC_PAUSES[1] = gc.isenabled()
            gc.disable()
        _GC_PAUSES[0] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_PAUSES[0] -= 1
            if _GC_PAUSES[0] == 0 and _GC_PAUSES[1]:
                gc.enable()
