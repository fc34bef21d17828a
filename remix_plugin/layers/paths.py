"""A RE.MIX GeoPackage reads itself, under whatever name and in whatever folder it is.

The QGIS project stored inside a GeoPackage names its layers' file by a path relative to the
file's folder, *by file name* ("./remix_demo.gpkg|layername=lavori"). QGIS never fixes that for
a copy or a renamed file (QGIS issue #37440, "won't fix"): ``X - Copia.gpkg`` opened in plain QGIS
reads ``X.gpkg`` beside it, and edits go there. Two halves make the promise hold:

* writing: ``qgis_project.storage.store_project`` names the file the project will finally live in
  (never a temporary name) and records that name in the project (entry ``remix/file``);
  ``layers.stored_project.retarget_stored_project`` does the same for a copy the plugin makes;
* reading, with the plugin installed: a ``QgsPathResolver`` path preprocessor (registered by the
  plugin when the project is first cleared after ``initProcessing``, which ``initGui`` and
  ``qgis_process`` call, removed in ``unload``; and by ``open_project`` for the time of a read)
  points every layer path
  that names the recorded file back at the GeoPackage being read.

Which project is being read: ``open_project`` says so explicitly (``reading(project, path)``);
otherwise it is ``QgsProject.instance()`` (the Browser, *Project → Open From → GeoPackage*),
whose ``fileName()`` is already the ``geopackage:`` URI and whose entries are already read when
QGIS resolves the layers' paths. Imported by the plugin when QGIS first clears the project.
"""

from contextlib import contextmanager
from pathlib import Path

from qgis.core import QgsPathResolver, QgsProject
from qgis.PyQt.QtCore import QUrl, QUrlQuery

PROJECT_SCOPE = "remix"
FILE_ENTRY = "/file"  # the file name the stored project's own layers name
_READING = []  # (project, Path of the GeoPackage) for reads started by open_project
_REGISTERED = []  # the plugin's PathPreprocessor while the plugin is loaded


def gpkg_of_project_uri(uri):
    """The file of a ``geopackage:/path/file.gpkg?projectName=…`` URI, or None."""
    text = str(uri or "")
    if not text.lower().startswith("geopackage:"):
        return None
    url = QUrl(text)
    path = url.path()
    if len(path) > 2 and path[0] == "/" and path[2] == ":":  # "/C:/…" on Windows
        path = path[1:]
    if not path:
        return None
    query = QUrlQuery(url.query())
    if not query.hasQueryItem("projectName"):
        return None
    return Path(path)


def own_file_name(project):
    """The file name the project's own layers were written for ("" if not recorded)."""
    value, found = project.readEntry(PROJECT_SCOPE, FILE_ENTRY, "")
    return value if found else ""


def repoint_source(source, gpkg_path, own_name):
    """``source`` with its file replaced by ``gpkg_path`` when it names the project's own file.

    ``own_name`` is the recorded file name; projects written before it was recorded fall back to
    relative ``.gpkg`` paths that do not exist beside the file (a temporary or an old name)."""
    path_part, separator, rest = str(source).partition("|")
    if not path_part.lower().endswith(".gpkg"):
        return source
    target = Path(gpkg_path)
    written = Path(path_part.replace("\\", "/"))
    relative = not written.is_absolute()
    if own_name:  # relative: only the file itself ("./name.gpkg"), not one in another folder
        names_own_file = written.name == own_name and (not relative or written.parent == Path("."))
    else:
        names_own_file = relative and not (target.parent / written).exists()
    if not names_own_file:
        return source
    return str(target) + separator + rest


def _being_read():
    if _READING:
        return _READING[-1]
    if not any(registration.instance_reading for registration in _REGISTERED):
        return None  # another path (a layer definition file, a style…): not ours to change
    instance = QgsProject.instance()
    gpkg = gpkg_of_project_uri(instance.fileName())
    if gpkg is None:
        return None
    return instance, gpkg


def preprocess_path(source):
    """The path preprocessor: see the module docstring."""
    being_read = _being_read()
    if being_read is None:
        return source
    project, gpkg = being_read
    own_name = own_file_name(project)
    if not own_name and not project.readEntry(PROJECT_SCOPE, "/schema_version", "")[1]:
        return source  # not a RE.MIX project: its paths are the user's business
    return repoint_source(source, gpkg, own_name)


class PathPreprocessor:
    """The registration of ``preprocess_path``, undone by ``remove()`` (plugin unload)."""

    def __init__(self, reading_instance=False):
        """``reading_instance``: registered from a slot of ``QgsProject.instance().cleared``
        (the plugin's lazy registration), so the read that clear may start is seen."""
        self.preprocessor_id = QgsPathResolver.setPathPreprocessor(preprocess_path)
        self.project = QgsProject.instance()
        self.instance_reading = reading_instance
        # QgsProject.read clears the project, reads its entries, its layers, then emits readProject
        self.project.cleared.connect(self._before_read)
        self.project.readProject.connect(self._after_read)
        _REGISTERED.append(self)

    def _before_read(self):
        self.instance_reading = True

    def _after_read(self, _document):
        self.instance_reading = False
        remember_own_file(self.project)

    def remove(self):
        if self.preprocessor_id is None:
            return
        QgsPathResolver.removePathPreprocessor(self.preprocessor_id)
        self.preprocessor_id = None
        self.project.cleared.disconnect(self._before_read)
        self.project.readProject.disconnect(self._after_read)
        _REGISTERED.remove(self)


def remember_own_file(project, gpkg_path=None):
    """After a read: record the file the project now reads as its own, so that saving it from
    QGIS keeps the promise for the next copy. Does not make the project "modified"."""
    gpkg = Path(gpkg_path) if gpkg_path is not None else gpkg_of_project_uri(project.fileName())
    recorded = own_file_name(project)
    if gpkg is None or not recorded or recorded == gpkg.name:
        return
    dirty = project.isDirty()
    project.writeEntry(PROJECT_SCOPE, FILE_ENTRY, gpkg.name)
    project.setDirty(dirty)


@contextmanager
def reading(project, gpkg_path):
    """Resolve the own layers of ``project`` to ``gpkg_path`` while it is read (registers the
    preprocessor for that time when the plugin has not)."""
    _READING.append((project, Path(gpkg_path)))
    preprocessor_id = None if _REGISTERED else QgsPathResolver.setPathPreprocessor(preprocess_path)
    try:
        yield
    finally:
        if preprocessor_id is not None:
            QgsPathResolver.removePathPreprocessor(preprocessor_id)
        _READING.pop()
