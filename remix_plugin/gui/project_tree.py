"""The dock's tree: programmi → progetti → lavori, azioni, criticità, built from the layers.

Reading is attribute-only (``NoGeometry`` + a subset of attributes) and goes through the layers,
so uncommitted edits in QGIS's edit buffer are shown too. The read gives a plain Python snapshot
(:class:`TreeData`) that the filter proxy uses to decide which projects are visible, and the
:class:`RemixTreeModel` (a ``QStandardItemModel``: item data lives in C++, so views and the proxy
read it fast) is filled from that snapshot in one pass on detached items.
"""

from qgis.core import QgsApplication, QgsFeatureRequest, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QStandardItem, QStandardItemModel

from ..codes import parse_codes
from ..compat import no_geometry_flag
from ..i18n import tr
from .tree_roles import (  # noqa: F401 (re-exported)
    CHILD_KINDS,
    FID_ROLE,
    KIND_ROLE,
    KIND_TABLE,
    LAZY_ROLE,
    UUID_ROLE,
)
from .tree_snapshot import ProjectInfo, TreeSnapshot

TABLE_PROPERTY = "remix/table"
TREE_TABLES = ("programmi", "progetti", "lavori", "azioni", "criticita", "comuni",
               "progetto_attori", "attori", "fasi", "misure", "indicatori")

ORPHANS_UUID = ""
READ_FIELDS = {  # what the tree reads of each layer (attribute-only requests)
    "comuni": ["istat", "nome", "zona_omogenea"],
    "programmi": ["uuid", "titolo"],
    "progetti": ["uuid", "titolo", "programma_uuid", "comune_istat", "ambito_opportunita",
                 "scala_impatto", "stato_progetto"],
    "lavori": ["uuid", "titolo", "progetto_uuid", "comune_istat"],
    "azioni": ["uuid", "titolo", "progetto_uuid"],
    "criticita": ["uuid", "titolo", "progetto_uuid", "comune_istat"],
    "attori": ["uuid", "nome"],
    "progetto_attori": ["uuid", "progetto_uuid", "attore_uuid"],
    "fasi": ["uuid", "progetto_uuid", "numero", "titolo"],
    "indicatori": ["uuid", "nome", "unita_misura"],
    "misure": ["uuid", "progetto_uuid", "indicatore_uuid", "data_misura", "valore"],
}  # uuid role of the "Progetti senza programma" node


# -- finding the layers ---------------------------------------------------------------------
def _gpkg_source(layer):
    """(path, layername) of an OGR GeoPackage layer, else (None, None)."""
    if not isinstance(layer, QgsVectorLayer) or layer.providerType() != "ogr":
        return None, None
    parts = layer.source().split("|")
    name = None
    for part in parts[1:]:
        if part.startswith("layername="):
            name = part.split("=", 1)[1]
    return parts[0], name


def _same_file(a, b):
    from pathlib import Path

    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


def find_layers(gpkg_path=None, project=None, tables=TREE_TABLES):
    """table name -> QgsVectorLayer of the RE.MIX GeoPackage in ``project``.

    Layers made by ``qgis_project.builder`` carry the custom property ``remix/table``; layers added by
    hand are recognised by their ``layername=`` (only from ``gpkg_path`` when it is given).
    """
    project = project or QgsProject.instance()
    found, fallback = {}, {}
    for layer in project.mapLayers().values():
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            continue
        path, layername = _gpkg_source(layer)
        if gpkg_path is not None and path is not None and not _same_file(path, gpkg_path):
            continue
        table = layer.customProperty(TABLE_PROPERTY)
        if table in tables and table not in found:
            found[table] = layer
        elif layername in tables and layername not in fallback and gpkg_path is not None:
            fallback[layername] = layer
    for table, layer in fallback.items():
        found.setdefault(table, layer)
    return found


# -- reading the data -----------------------------------------------------------------------
def _request(layer, names):
    request = QgsFeatureRequest()
    request.setFlags(no_geometry_flag())
    fields = layer.fields()
    present = [n for n in names if fields.indexOf(n) >= 0]
    request.setSubsetOfAttributes(present, fields)
    return request, [fields.indexOf(n) if fields.indexOf(n) >= 0 else None for n in names]


def _rows(layer, names):
    """Yield (fid, [values of names]) with NULL as None; missing fields read as None."""
    if layer is None:
        return
    request, indexes = _request(layer, names)
    for feature in layer.getFeatures(request):
        attributes = feature.attributes()
        values = []
        for index in indexes:
            value = attributes[index] if index is not None else None
            if value is not None and not isinstance(value, (str, int, float)):
                value = None if _is_null(value) else value
            values.append(value)
        yield feature.id(), values


def _is_null(value):
    is_null = getattr(value, "isNull", None)
    return bool(is_null()) if callable(is_null) else value is None


def _text(value):
    return "" if value is None else str(value)


def _number_text(value):
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _date_text(value):
    to_string = getattr(value, "toString", None)
    if callable(to_string):  # QDate / QDateTime from the provider
        return to_string("yyyy-MM-dd")
    return str(value)


def phase_label(numbered, title):
    """"Fase 2 — Cantiere", or the title alone when it already names the phase ("Fase I: …"):
    the number is not said twice."""
    word = numbered.split(" ", 1)[0].casefold()
    if title and title.casefold().startswith((word, "fase", "phase")):
        return title
    return f"{numbered} — {title}" if title else numbered


class TreeData(TreeSnapshot):
    """A snapshot of what the tree shows, as plain Python (fast to filter), read from the layers."""

    @staticmethod
    def read_table(layers, table):
        """The rows the tree needs from one layer (list of (fid, values))."""
        names = READ_FIELDS[table]
        return list(_rows(layers.get(table), names))

    @classmethod
    def read(cls, layers, cache=None, dirty=None):
        """Snapshot of ``layers``. ``cache`` (table -> rows) is reused for the tables not in
        ``dirty`` (None = re-read everything) and updated in place."""
        cache = {} if cache is None else cache
        for table in READ_FIELDS:
            if dirty is None or table in dirty or table not in cache:
                cache[table] = cls.read_table(layers, table)
        data = cls()
        for _fid, (istat, nome, zona) in cache["comuni"]:
            if istat:
                data.comuni[istat] = (_text(nome), _text(zona))
        for fid, (uuid, title) in cache["programmi"]:
            data.programmes[_text(uuid)] = (fid, _text(title))
        projects = []
        for fid, (uuid, title, programma, comune, ambiti, scala, stato) in cache["progetti"]:
            codes = tuple(parse_codes(ambiti).codes) if ambiti not in (None, "") else ()
            projects.append(ProjectInfo(fid, _text(uuid), _text(title), _text(programma), _text(comune),
                                        codes, _text(scala), _text(stato)))
        projects.sort(key=lambda p: (p.title.casefold(), p.fid))
        data.projects = {p.uuid: p for p in projects}
        for table, attr in (("lavori", "lavori"), ("azioni", "azioni"), ("criticita", "criticita")):
            extra = table != "azioni"
            for fid, values in cache[table]:
                uuid, title, project_uuid = values[0], values[1], values[2]
                comune = _text(values[3]) if extra else ""
                entry = (fid, _text(uuid), _text(title), comune)
                project = data.projects.get(_text(project_uuid))
                data.parent_of[entry[1]] = project.uuid if project is not None else ""
                if project is None:
                    data.unlinked[table].append(entry)
                else:
                    getattr(project, attr).append(entry)
        cls._read_details(data, cache)
        for project in projects:
            for children in (project.lavori, project.azioni, project.criticita, project.attori,
                             project.misure):
                children.sort(key=lambda e: (e[2].casefold(), e[0]))
        data.counts = {
            "programmi": len(data.programmes), "progetti": len(projects),
            "lavori": sum(len(p.lavori) for p in projects) + len(data.unlinked["lavori"]),
            "azioni": sum(len(p.azioni) for p in projects) + len(data.unlinked["azioni"]),
            "criticita": sum(len(p.criticita) for p in projects) + len(data.unlinked["criticita"]),
        }
        return data

    @staticmethod
    def _read_details(data, cache):
        """Actors, phases and measurements of each project (rows of tables without geometry)."""
        actors = {_text(uuid): _text(name) for _fid, (uuid, name) in cache.get("attori", [])}
        indicators = {_text(uuid): (_text(name), _text(unit))
                      for _fid, (uuid, name, unit) in cache.get("indicatori", [])}
        unnamed = tr("(untitled)")
        for fid, (uuid, project_uuid, actor_uuid) in cache.get("progetto_attori", []):
            project = data.projects.get(_text(project_uuid))
            if project is not None:
                project.attori.append((fid, _text(uuid), actors.get(_text(actor_uuid)) or unnamed, ""))
                data.parent_of[_text(uuid)] = project.uuid
        phases = []
        for fid, (uuid, project_uuid, number, title) in cache.get("fasi", []):
            project = data.projects.get(_text(project_uuid))
            if project is not None:
                label = phase_label(tr("Phase {number}").format(number=_text(number) or "?"), _text(title))
                data.parent_of[_text(uuid)] = project.uuid
                phases.append((project, number if isinstance(number, int) else 1 << 30,
                               (fid, _text(uuid), label, "")))
        for project, _number, entry in sorted(phases, key=lambda item: (item[1], item[2][0])):
            project.fasi.append(entry)
        for fid, (uuid, project_uuid, indicator_uuid, when, value) in cache.get("misure", []):
            project = data.projects.get(_text(project_uuid))
            if project is None:
                continue
            name, unit = indicators.get(_text(indicator_uuid), (unnamed, ""))
            label = f"{name or unnamed}: {_number_text(value)}{(' ' + unit) if unit else ''}"
            if when:
                label += f" ({_date_text(when)})"
            project.misure.append((fid, _text(uuid), label, ""))
            data.parent_of[_text(uuid)] = project.uuid


# -- the Qt model ---------------------------------------------------------------------------
def _icon(name):
    return QgsApplication.getThemeIcon(name)


class RemixTreeModel(QStandardItemModel):
    """Programmes, their projects (and "Progetti senza programma"), each with its lavori, azioni
    and criticità under a group row that shows the count."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.data_snapshot = TreeData()
        self._icons = None

    def _load_icons(self):
        if self._icons is None:
            self._icons = {
                "programma": _icon("/mIconFolder.svg"), "orphans": _icon("/mIconFolderOpen.svg"),
                "progetto": _icon("/mActionFileNew.svg"), "lavoro": _icon("/mIconPolygonLayer.svg"),
                "azione": _icon("/mIconTableLayer.svg"), "criticita": _icon("/mIconWarning.svg"),
                "attore": _icon("/mActionNewAttribute.svg"), "fase": _icon("/mActionNewTableRow.svg"),
                "misura": _icon("/mActionMeasure.svg"),
            }
        return self._icons

    @staticmethod
    def _item(text, kind, uuid, fid=None, icon=None, tooltip=None):
        item = QStandardItem(text)
        item.setEditable(False)
        item.setData(kind, KIND_ROLE)
        item.setData(uuid, UUID_ROLE)
        if fid is not None:
            item.setData(fid, FID_ROLE)
        if icon is not None:
            item.setIcon(icon)
        if tooltip:
            item.setToolTip(tooltip)
        return item

    def _project_item(self, project, icons, untitled):
        """The project row; its children are created when first needed (:meth:`fetchMore`)."""
        data = self.data_snapshot
        comune = data.comuni.get(project.comune, ("", ""))[0]
        tooltip = project.title + (f" — {comune}" if comune else "")
        item = self._item(project.title or untitled, "progetto", project.uuid, project.fid,
                          icons["progetto"], tooltip)
        item.setData(True, LAZY_ROLE)
        return item

    def _populate(self, item):
        """Create the Lavori / Azioni / Criticità groups of a project item."""
        item.setData(False, LAZY_ROLE)
        project = self.data_snapshot.projects.get(item.data(UUID_ROLE))
        if project is None:
            return
        icons = self._load_icons()
        untitled = tr("(untitled)")
        groups = ((tr("Works"), "lavoro", project.lavori), (tr("Actions"), "azione", project.azioni),
                  (tr("Problems"), "criticita", project.criticita),
                  (tr("Actors"), "attore", project.attori), (tr("Phases"), "fase", project.fasi),
                  (tr("Measurements"), "misura", project.misure))
        rows = []
        for label, kind, entries in groups:
            if kind in ("attore", "fase", "misura") and not entries:
                continue  # shown once the project has one (keeps empty projects short)
            group = self._item(f"{label} ({len(entries)})", "group", project.uuid, None, None)
            group.setData(kind, FID_ROLE)  # which children the group holds
            if entries:
                icon = icons[kind]
                group.appendRows([self._item(e[2] or untitled, kind, e[1], e[0], icon) for e in entries])
            rows.append(group)
        item.appendRows(rows)

    # -- lazy children (the tree creates a project's rows when it is expanded) --------------
    def hasChildren(self, parent=None):  # noqa: N802 (Qt API)
        if parent is not None and parent.isValid() and parent.data(LAZY_ROLE):
            return True
        return super().hasChildren(parent) if parent is not None else super().hasChildren()

    def canFetchMore(self, parent):  # noqa: N802 (Qt API)
        return parent.isValid() and bool(parent.data(LAZY_ROLE))

    def fetchMore(self, parent):  # noqa: N802 (Qt API)
        if self.canFetchMore(parent):
            self._populate(self.itemFromIndex(parent))

    def ensure_children(self, index):
        """Create the children of a project index now (no-op when they exist)."""
        self.fetchMore(index)

    def rebuild(self, data):
        """Replace the content with ``data`` (a :class:`TreeData`)."""
        self.data_snapshot = data
        icons = self._load_icons()
        untitled = tr("(untitled)")
        by_programme = {}
        orphans = []
        for project in data.projects.values():
            if project.programma and project.programma in data.programmes:
                by_programme.setdefault(project.programma, []).append(project)
            else:
                orphans.append(project)
        rows = []
        programmes = sorted(data.programmes.items(), key=lambda kv: (kv[1][1].casefold(), kv[1][0]))
        for uuid, (fid, title) in programmes:
            projects = by_programme.get(uuid, [])
            item = self._item(f"{title or untitled} ({len(projects)})", "programma", uuid, fid,
                              icons["programma"], title)
            if projects:
                item.appendRows([self._project_item(p, icons, untitled) for p in projects])
            rows.append(item)
        orphan_item = self._item(f"{tr('Projects without programme')} ({len(orphans)})", "orphans",
                                 ORPHANS_UUID, None, icons["orphans"])
        if orphans:
            orphan_item.appendRows([self._project_item(p, icons, untitled) for p in orphans])
        rows.append(orphan_item)
        unlinked = sum(len(v) for v in data.unlinked.values())
        if unlinked:
            extra = self._item(f"{tr('Not linked to a project')} ({unlinked})", "unlinked", "", None,
                               icons["criticita"],
                               tr("Works, actions and problems whose project is missing or not set"))
            for kind, table in (("lavoro", "lavori"), ("azione", "azioni"), ("criticita", "criticita")):
                extra.appendRows([self._item(e[2] or untitled, kind, e[1], e[0], icons[kind])
                                  for e in data.unlinked[table]])
            rows.append(extra)
        self.beginResetModel()
        self.blockSignals(True)
        self.clear()
        root = self.invisibleRootItem()
        root.appendRows(rows)
        self.blockSignals(False)
        self.endResetModel()

    # -- lookups used by the dock ----------------------------------------------------------
    def find(self, kind, uuid):
        """The source index of the item of ``kind`` with ``uuid`` (invalid index if absent);
        creates the children of its project when needed."""
        invalid = self.index(-1, -1)
        if not uuid:
            return invalid
        if kind in CHILD_KINDS:
            project_uuid = self.data_snapshot.parent_of.get(uuid)
            if project_uuid:
                project = self.find("progetto", project_uuid)
                if not project.isValid():
                    return invalid
                self.ensure_children(project)
                for group_row in range(self.rowCount(project)):
                    group = self.index(group_row, 0, project)
                    for row in range(self.rowCount(group)):
                        child = self.index(row, 0, group)
                        if child.data(UUID_ROLE) == uuid and child.data(KIND_ROLE) == kind:
                            return child
                return invalid
        matches = self.match(self.index(0, 0), UUID_ROLE, uuid, -1,
                             Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        for index in matches:
            if index.data(KIND_ROLE) == kind:
                return index
        return invalid
