"""What every rule module is given: the run's ``RuleContext`` (profile, model, what the source
holds, the reader, and ``emit`` which turns a rule code into a Finding) and the ``Record`` a
finding is about. No rule lives here."""

import datetime
import math
import re

from ..layers.model import load_model
from .catalogue import rule
from .findings import Finding
from .profiles import get_profile
from .readers import BlobError, parse_blob
from .rules import geometry_checks as gc

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
VALUE_MAX = 80
CACHE_MAX = 20000
# where a message's feature label goes (a control character never left in shown values or labels)
_FEATURE = "\x00feature\x00"


class ValidationCancelled(Exception):  # noqa: N818 (reads better at call sites)
    """The caller's ``is_cancelled()`` returned True."""


def shorten(value, limit=VALUE_MAX):
    """A printable, bounded rendering of any stored value (bytes, huge text, None)."""
    if type(value) is str and len(value) <= limit and value.isprintable():
        return value  # nothing to replace or cut (isprintable: no line break, no control character)
    if value is None:
        return "NULL"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<blob {len(bytes(value))} byte>"
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = CONTROL_RE.sub("\ufffd", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def json_value(value):
    if value is None or isinstance(value, (int, float, str)):
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        return value if not isinstance(value, str) else shorten(value, 200)
    return shorten(value, 200)


def is_empty(value):
    return value is None or (isinstance(value, str) and not value.strip())


def iso_date(value):
    """The date of an ISO text (its first ten characters), or None."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


class Record:
    """What findings need to know about the record being checked."""

    __slots__ = ("table", "fid", "uuid", "title", "geometry", "xy", "project")

    def __init__(self, table, fid, uuid, title, project=None):
        self.table = table
        self.fid = fid
        self.uuid = uuid
        self.title = title
        self.geometry = None
        self.xy = None
        self.project = project

    def point(self):
        if self.xy is None:
            self.xy = gc.point_on_surface(self.geometry) if self.geometry is not None else (None, None)
        return self.xy

    def project_uuid(self):
        project = self.uuid if self.table == "progetti" else self.project
        return project if isinstance(project, str) and project else None


class RuleContext:
    """One validation run's shared state. The engine fills ``columns``, ``geometry_columns`` and
    ``comuni`` as it reads the source; rules read them and report through ``emit``."""

    def __init__(self, profile, today, reader=None, progress=None, is_cancelled=None):
        self.profile = get_profile(profile)
        self.today = today
        self.reader = reader
        self.progress = progress
        self.is_cancelled = is_cancelled
        self.model = load_model()
        self.scheme = self.model.scheme
        self.findings = []
        self.columns = {}  # table -> {column: declared type} for tables that exist
        self.geometry_columns = {}
        self.comuni = None
        self._labels = {}  # (table[, field], language) -> label shown in messages
        self._messages = {}  # emit's messages with a placeholder for the feature's label
        self.steps_done = 0
        self.steps_total = 1

    def tick(self, weight=1):
        self.steps_done += weight
        if self.is_cancelled is not None and self.is_cancelled():
            raise ValidationCancelled()
        if self.progress is not None:
            self.progress(min(100.0, 100.0 * self.steps_done / max(1, self.steps_total)))

    # -- labels in messages ---------------------------------------------------------------------
    def _table_label(self, table_name, language):
        key = (table_name, language)
        name = self._labels.get(key)
        if name is None:
            table = self.model.table(table_name) if self.model.has_table(table_name) else None
            name = self._labels[key] = table.label(language) if table is not None else table_name
        return name

    @staticmethod
    def _feature_name(title, uuid, fid):
        """What names a feature after its table's label: «title», else its UUID, else its fid."""
        if isinstance(title, str) and title.strip():
            return f"«{shorten(title, 60)}»"
        if isinstance(uuid, str) and uuid:
            return shorten(uuid, 40)
        return f"fid {fid}"

    def _field_label(self, table_name, field_name, language):
        """«Label» (field) for users: the form's label, and the column name a script sees."""
        if not field_name:
            return ""
        key = (table_name, field_name, language)
        label = self._labels.get(key)
        if label is None:
            table = self.model.table(table_name) if self.model.has_table(table_name) else None
            if table is None or not table.has_field(field_name):
                label = field_name
            else:
                label = f"«{table.field(field_name).label(language)}» ({field_name})"
            self._labels[key] = label
        return label

    def _messages_of(self, code, layer, field_name, shown, detail):
        """(it, en) messages with a placeholder for the feature's label: formatted once per
        distinct message (a rule on 100,000 features repeats a few hundred messages)."""
        key = (code, layer, field_name, shown, detail)
        messages = self._messages.get(key)
        if messages is None:
            spec = rule(code)
            detail_it, detail_en = (detail[0], detail[1]) if isinstance(detail, tuple) else (detail, detail)
            messages = (
                spec.message_it.format(feature=_FEATURE, layer=layer, value=shown, detail=detail_it,
                                       field=self._field_label(layer, field_name, "it")),
                spec.message_en.format(feature=_FEATURE, layer=layer, value=shown, detail=detail_en,
                                       field=self._field_label(layer, field_name, "en")),
            )
            if len(self._messages) > CACHE_MAX:
                self._messages.clear()
            self._messages[key] = messages
        return messages

    def emit(self, code, layer, row=None, field_name=None, value=None, detail="", xy=None):
        severity = self.profile.severity(code)
        if severity is None:
            return
        message_it, message_en = self._messages_of(code, layer, field_name, shorten(value), detail)
        if row is None:
            uuid = fid = project = None
            message_it, message_en = message_it.replace(_FEATURE, layer), message_en.replace(_FEATURE, layer)
        else:
            uuid, fid, project = row.uuid, row.fid, row.project_uuid()
            named = self._feature_name(row.title, uuid, fid)
            message_it = message_it.replace(_FEATURE, f"{self._table_label(layer, 'it')} {named}")
            message_en = message_en.replace(_FEATURE, f"{self._table_label(layer, 'en')} {named}")
            if xy is None and row.geometry is not None:
                xy = row.point()
        x, y = xy if xy is not None else (None, None)
        self.findings.append(
            Finding(
                code,
                severity,
                layer,
                uuid if isinstance(uuid, str) else (None if uuid is None else str(uuid)),
                field_name,
                message_it,
                message_en,
                round(x, 3) if x is not None else None,
                round(y, 3) if y is not None else None,
                json_value(value),
                fid,
                project,
            )
        )

    # -- a record found by a cross-record check -------------------------------------------------
    def record_at(self, table, fid):
        """The Record (uuid, title, project, valid geometry) of the row ``fid`` of ``table``."""
        columns = self.columns.get(table, {})
        wanted = ["fid"] + [c for c in ("uuid", "titolo", "nome", "progetto_uuid") if c in columns]
        geometry_column = self.geometry_columns.get(table, (None,))[0]
        if geometry_column:
            wanted.append(geometry_column)
        values = self.reader.row(table, wanted, "fid", fid)
        items = dict(zip(wanted, values)) if values else {}
        row = Record(
            table, fid, items.get("uuid"), items.get("titolo", items.get("nome")), items.get("progetto_uuid")
        )
        blob = items.get(geometry_column) if geometry_column else None
        if blob is not None:
            try:
                geometry = gc.ogr_geometry(parse_blob(blob).wkb)
                if not geometry.IsEmpty() and geometry.IsValid():
                    row.geometry = geometry
            except (BlobError, gc.GeometryReadError):
                row.geometry = None
        return row
