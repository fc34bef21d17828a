"""What the validation engine found in one exact GeoPackage, remembered so that an export of that
same file does not validate it a second time (QGIS-free core).

Validation is most of an export's cost (at 100,000 lavori about twice what copying the data
costs), and the usual day runs it twice on the same file: *Valida*, then *Esporta*. A memo is
keyed by everything the findings depend on:

* the file's content: sha256 of its bytes and of its ``-wal`` file (a changed byte, a commit, a
  checkpoint or a new accepted exception gives another key, so at worst the file is validated
  again);
* the validation code: sha256 of the plugin's own source and data files (rules, scheme, model);
* the profile and the date of the run (some rules compare dates with today).

Memos live in ``$REMIX_VALIDATION_MEMO`` (``off`` turns them off), else in
``$XDG_CACHE_HOME/remix/validation`` (``~/.cache/remix/validation``), one JSON file each, the
newest ``KEEP`` kept (a run with more than ``MAX_FINDINGS`` findings is not remembered). A memo
that cannot be read or does not match is simply not used. The memo is the user's own cache: the
bundle is still checked for structure by the export, and by the receiving office on import.
"""

import dataclasses
import datetime
import hashlib
import json
import os
import tempfile
from pathlib import Path

from ..log import get_logger

LOG = get_logger("export")

MEMO_FORMAT = 1
KEEP = 20
MAX_FINDINGS = 20_000  # about 10 MB of JSON: a file with more is validated again, not remembered
_CHUNK = 1 << 20
_PLUGIN_DIR = Path(__file__).resolve().parent.parent
_CODE_SUFFIXES = (".py", ".json", ".csv", ".geojson")
_code_digest = []  # computed once per process


def memo_folder():
    """The folder of the memos, or None when they are turned off."""
    chosen = os.environ.get("REMIX_VALIDATION_MEMO", "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    cache = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(cache) / "remix" / "validation"


def file_state(path):
    """(size, mtime) of a GeoPackage and of its -wal file: changes whenever a commit lands."""
    state = []
    for name in (str(path), str(path) + "-wal"):
        try:
            info = os.stat(name)
        except FileNotFoundError:
            state.append(None)
            continue
        state.append((info.st_size, info.st_mtime_ns))
    return tuple(state)


def file_digest(path):
    """sha256 of a GeoPackage's bytes and of its -wal file (what a reader of it sees)."""
    digest = hashlib.sha256()
    for name in (str(path), str(path) + "-wal"):
        try:
            stream = open(name, "rb")  # noqa: SIM115 (closed below; a missing -wal is normal)
        except FileNotFoundError:
            digest.update(b"-")
            continue
        with stream:
            digest.update(b"+")
            while True:
                block = stream.read(_CHUNK)
                if not block:
                    break
                digest.update(block)
    return digest.hexdigest()


def code_digest():
    """sha256 of the plugin's source and data files: other rules, another memo."""
    if not _code_digest:
        digest = hashlib.sha256()
        for path in sorted(_PLUGIN_DIR.rglob("*")):
            if path.suffix in _CODE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(_PLUGIN_DIR).as_posix().encode("utf-8") + b"\0")
                digest.update(path.read_bytes())
        _code_digest.append(digest.hexdigest())
    return _code_digest[0]


@dataclasses.dataclass(frozen=True)
class MemoKey:
    file: str
    profile: str
    today: str
    code: str

    @classmethod
    def of(cls, path, profile, today=None):
        return cls(file_digest(path), profile, (today or datetime.date.today()).isoformat(), code_digest())

    def name(self):
        label = hashlib.sha256(f"{self.file}|{self.profile}|{self.today}|{self.code}".encode()).hexdigest()
        return label[:40] + ".json"


def recall(key):
    """The findings remembered for ``key`` (a list of Finding), or None."""
    folder = memo_folder()
    if folder is None:
        return None
    try:
        with open(folder / key.name(), encoding="utf-8") as stream:
            memo = json.load(stream)
        if memo.get("format") != MEMO_FORMAT or memo.get("key") != dataclasses.asdict(key):
            return None
        from ..validation.findings import Finding

        findings = [Finding(**item) for item in memo["findings"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    LOG.info("Validation of %s reused (same content, profile %s)", key.file[:12], key.profile)
    return findings


def remember(key, findings):
    """Store the findings of a validation of exactly the content of ``key``; never fails."""
    folder = memo_folder()
    if folder is None or len(findings) > MAX_FINDINGS:
        return
    memo = {
        "format": MEMO_FORMAT,
        "key": dataclasses.asdict(key),
        "findings": [dataclasses.asdict(f) for f in findings],
    }
    temp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temp = tempfile.mkstemp(prefix=".memo.", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(memo, stream, ensure_ascii=False, default=str)
        os.replace(temp, folder / key.name())  # a memo is a cache: no fsync needed
        temp = None
        _prune(folder)
    except (OSError, TypeError, ValueError) as exc:
        LOG.info("Validation memo not written: %s", exc)
    finally:
        if temp is not None and os.path.exists(temp):
            os.unlink(temp)


def _prune(folder):
    memos = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in memos[KEEP:]:
        old.unlink(missing_ok=True)


def validate_remembering(path, profile, validate):
    """``validate()`` (a validation of the file ``path`` with ``profile``, returning a Report),
    its findings remembered for a later export when the file did not change while it ran."""
    if memo_folder() is None:
        return validate()
    state = file_state(path)
    key = MemoKey.of(path, profile)
    report = validate()
    if file_state(path) == state:
        remember(key, report.findings)
    return report
