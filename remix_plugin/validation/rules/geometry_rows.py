"""What the geometry pass (``geometry.FeaturePass``) holds while it reads: a feature decoded
ahead of its checks (a batch at a time), and the private scratch database where the
duplicate-perimeter keys go instead of Python memory. No rule is emitted here."""

import sqlite3

from ..readers import POLYGONAL, BlobError, parse_blob
from . import geometry_checks as gc

# the private scratch database of duplicate-perimeter candidates
CREATE_KEYS = "CREATE TABLE k (key TEXT, fid INTEGER)"
INSERT_KEY = "INSERT INTO k VALUES (?, ?)"
REPEATED_KEYS = (
    "SELECT key, fid FROM k WHERE key IN (SELECT key FROM k GROUP BY key HAVING count(*) > 1) "
    "ORDER BY key, fid"
)


class DuplicateKeys:
    """A private temporary on-disk SQLite database (sqlite3.connect("")): cross-record keys
    go here instead of Python memory, and GROUP BY finds the duplicates."""

    def __init__(self):
        self.connection = sqlite3.connect("")
        self.connection.execute("PRAGMA cache_size = -1000")
        self.connection.execute(CREATE_KEYS)
        self._batch = []

    def add(self, key, fid):
        self._batch.append((key, fid))
        if len(self._batch) >= 5000:
            self._flush()

    def _flush(self):
        if self._batch:
            self.connection.executemany(INSERT_KEY, self._batch)
            self._batch = []

    def duplicates(self):
        """[[fid, ...]] of the keys seen more than once."""
        self._flush()
        groups = {}
        for key, fid in self.connection.execute(REPEATED_KEYS):
            groups.setdefault(key, []).append(fid)
        return list(groups.values())

    def close(self):
        self.connection.close()


class DecodedFeature:
    """One feature's geometry decoded ahead of its checks (``FeaturePass.prepare``): the parsed
    blob or its BlobError, the OGR geometry or its read error, GEOS validity, and for a valid one
    its point on the surface and whether that point lies in the declared comune / the territory
    (None: not tested)."""

    __slots__ = ("parsed", "error", "ogr", "read_error", "valid", "xy", "in_declared", "in_territory")

    def __init__(self, blob):
        self.parsed = self.error = self.ogr = self.read_error = self.xy = None
        self.valid = False
        self.in_declared = self.in_territory = None
        if blob is None:
            return
        try:
            self.parsed = parse_blob(blob)
        except BlobError as exc:
            self.error = exc
            return
        if self.parsed.empty or self.parsed.wkb_type not in POLYGONAL:
            return
        try:
            self.ogr = gc.ogr_geometry(self.parsed.wkb)
        except gc.GeometryReadError as exc:
            self.read_error = exc
            return
        self.valid = not self.ogr.IsEmpty() and self.ogr.IsValid()

    @property
    def geometry(self):
        """The valid OGR geometry, or None."""
        return self.ogr if self.valid else None
