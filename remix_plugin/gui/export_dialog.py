"""The dock's "Esporta bundle regionale" dialog: what goes, who produces it, which validation
profile, where the file goes.

The lists (comuni with projects, zone omogenee, programmes) are read from the saved GeoPackage
with a read-only sqlite3 connection, as the writer will read it, so that the project counts shown
are the ones exported. ``export_arguments()`` gives what ``ExportBundleTask`` needs; the dialog
itself writes nothing (DockTools starts the task when the dialog is accepted).

On the central database (issue 14; the dock's path is then the store's label) the lists are read
from the database through the dock's connection, and ``export_task_for`` gives the task that writes
the bundle as ``export-bundle DSN`` does: ``central/checkout`` into a temporary GeoPackage, then the
same bundle writer (a selection of projects: the whole database checked out, the writer selects).
"""

import datetime
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import QgsSettings
from qgis.gui import QgsFileWidget
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
)

from ..export.task import ExportBundleTask
from ..i18n import tr, ui_language
from ..log import get_logger

LOG = get_logger("gui.export")
SETTINGS_PREFIX = "remix/export/"
CMM = "CMM"
CMM_NAME = "Città metropolitana di Milano"
CHOICES = ("all", "comune", "zona", "programma", "selected")
PROFILES = ("strict", "draft")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class ExportChoices:
    """What the saved GeoPackage holds, as far as the choice of what to export is concerned."""

    projects: dict = field(default_factory=dict)  # progetto uuid -> (comune_istat, programma_uuid)
    comuni: dict = field(default_factory=dict)  # istat -> (nome, zona omogenea code), all comuni
    programmi: list = field(default_factory=list)  # (uuid, titolo), sorted by title

    def comune_name(self, istat):
        return self.comuni.get(istat, ("", ""))[0] or ""

    def comuni_with_projects(self):
        """[(istat, nome)] of the comuni that have projects, sorted by name."""
        codes = {comune for comune, _programma in self.projects.values() if comune}
        pairs = [(code, self.comune_name(code)) for code in codes]
        return sorted(pairs, key=lambda item: (item[1] or item[0], item[0]))

    def zone_with_projects(self):
        """Zone omogenee codes of the comuni that have projects (as the writer selects them)."""
        zones = {self.comuni.get(istat, ("", ""))[1] for istat, _name in self.comuni_with_projects()}
        return sorted(zone for zone in zones if zone)

    def projects_of(self, kind, value=None, selected=()):
        """UUIDs of the projects a choice exports (the writer's rules: progetti.comune_istat, the
        comune's zona_omogenea in the file's comuni table, progetti.programma_uuid)."""
        if kind == "all":
            return set(self.projects)
        if kind == "comune":
            return {u for u, (comune, _p) in self.projects.items() if value and comune == value}
        if kind == "zona":
            return {u for u, (comune, _p) in self.projects.items()
                    if value and self.comuni.get(comune, ("", ""))[1] == value}
        if kind == "programma":
            return {u for u, (_c, programme) in self.projects.items() if value and programme == value}
        if kind == "selected":
            return set(selected) & set(self.projects)
        raise ValueError(f"unknown choice {kind!r}")


def export_source(path):
    """What the export reads for the dock's ``path``: the GeoPackage itself or, on the central
    database, the libpq DSN of the dock's RE.MIX layers (no password); ``path`` when neither."""
    from .findings_panel import source_of_path

    return source_of_path(path) or str(path)


def is_database(source):
    from ..central.dsn import looks_like_dsn

    return looks_like_dsn(source)


PROJECT_KEYS = (
    "SELECT uuid::text, comune_istat, programma_uuid::text FROM {schema}.{table} WHERE uuid IS NOT NULL"
)
COMUNE_NAMES = "SELECT istat, nome, zona_omogenea FROM {schema}.{table} WHERE istat IS NOT NULL"
PROGRAMME_TITLES = (
    "SELECT uuid::text, titolo FROM {schema}.{table} WHERE uuid IS NOT NULL ORDER BY titolo, uuid"
)


def read_database_choices(dsn):
    """ExportChoices of the central database at ``dsn`` (read-only; raises CentralError when it
    cannot be read)."""
    from .. import sql
    from ..central import ddl
    from ..central.database import connect

    connection = connect(dsn, application="RE.MIX export")
    try:
        connection.set_session(readonly=True)
        with connection.cursor() as cursor:
            def rows(template, table):
                cursor.execute(sql.statement(template, schema=ddl.SCHEMA, table=table))
                return cursor.fetchall()

            projects = {u: (c or "", p or "") for u, c, p in rows(PROJECT_KEYS, "progetti")}
            comuni = {i: (n or "", z or "") for i, n, z in rows(COMUNE_NAMES, "comuni")}
            programmi = [(u, t or u) for u, t in rows(PROGRAMME_TITLES, "programmi")]
    finally:
        connection.rollback()
        connection.close()
    return ExportChoices(projects, comuni, programmi)


def read_export_choices(path):
    """ExportChoices of the saved GeoPackage at ``path`` (read-only; raises sqlite3.Error or
    RemixFileError when the file cannot be read), or of the central database the dock shows."""
    from ..layers.inspect import connect_read_only, inspect_geopackage

    source = export_source(path)
    if is_database(source):
        import psycopg2

        from ..central.database import CentralError
        from ..layers.errors import RemixFileError

        try:
            return read_database_choices(source)
        except CentralError as exc:
            raise RemixFileError(exc.code, exc.message("it"), exc.message("en")) from exc
        except psycopg2.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise RemixFileError("unreadable", f"Lettura del database non riuscita: {first}",
                                 f"Cannot read the database: {first}") from exc
    inspect_geopackage(path)
    connection = connect_read_only(path)
    try:
        projects = {
            uuid: (comune or "", programme or "")
            for uuid, comune, programme in connection.execute(
                "SELECT uuid, comune_istat, programma_uuid FROM progetti WHERE uuid IS NOT NULL")
        }
        comuni = {
            istat: (nome or "", zona or "")
            for istat, nome, zona in connection.execute(
                "SELECT istat, nome, zona_omogenea FROM comuni WHERE istat IS NOT NULL")
        }
        programmi = [
            (uuid, titolo or uuid)
            for uuid, titolo in connection.execute(
                "SELECT uuid, titolo FROM programmi WHERE uuid IS NOT NULL ORDER BY titolo, uuid")
        ]
    finally:
        connection.close()
    return ExportChoices(projects, comuni, programmi)


def is_bundle(path):
    """True when ``path`` is a GeoPackage with a bundle manifest (a bundle we may replace)."""
    from ..export.spec import MANIFEST_TABLE
    from ..layers.inspect import connect_read_only

    try:
        connection = connect_read_only(path)
        try:
            row = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MANIFEST_TABLE,)
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return row is not None


def zone_labels(language=None):
    """zona omogenea code -> label in the UI language (from the RE.MIX scheme)."""
    from ..taxonomy import load_scheme

    language = language or ui_language()
    return {t.code: t.label(language) for t in load_scheme().dimension("zona_omogenea").terms}


def _counted(label, count):
    return tr("{label} — projects: {n}").format(label=label, n=count)


class ExportDialog(QDialog):
    """``export_arguments()`` after ``exec()`` (or directly, in tests) gives the task's arguments."""

    def __init__(self, gpkg_path, choices=None, selected_projects=(), parent=None, settings=None,
                 today=None):
        super().__init__(parent)
        self.setObjectName("RemixExportDialog")
        self.setWindowTitle(tr("Export regional bundle"))
        self.gpkg_path = Path(gpkg_path)
        self.source = export_source(gpkg_path)  # the file, or the central database's DSN
        self.on_database = is_database(self.source)
        self.settings = settings if settings is not None else QgsSettings()
        # where the bundle goes by default: beside the file; from the database, the last folder
        self.folder = (Path(self._setting("folder") or Path.home()) if self.on_database
                       else self.gpkg_path.parent)
        self.choices = choices if choices is not None else read_export_choices(gpkg_path)
        self.selected_projects = {u for u in selected_projects if u}
        self.today = today or datetime.date.today()
        self.language = ui_language()
        self._producer_manual = False
        self._name_manual = False
        self._auto_target = ""
        self._target_manual = False
        self._build()
        self._load_settings()
        self._refresh()

    # -- construction ----------------------------------------------------------------------
    def _build(self):
        layout = QVBoxLayout(self)
        intro = QLabel(tr("The bundle is the GeoPackage sent to CMM and Regione Lombardia. It is "
                          "written from the data saved in the central database (one snapshot read "
                          "through your connection); the database is not modified.") if self.on_database
                       else tr("The bundle is the GeoPackage sent to CMM and Regione Lombardia. It is "
                               "written from the saved data; this GeoPackage is not modified."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        what = QGroupBox(tr("What to export"), self)
        grid = QGridLayout(what)
        self.radios = {
            "all": QRadioButton(tr("All the projects of the database") if self.on_database
                                else tr("All the projects of the file"), what),
            "comune": QRadioButton(tr("The projects of a comune"), what),
            "zona": QRadioButton(tr("The projects of a zona omogenea"), what),
            "programma": QRadioButton(tr("The projects of a programme"), what),
            "selected": QRadioButton(tr("The selected projects"), what),
        }
        self.comune_box = QComboBox(what)
        for istat, name in self.choices.comuni_with_projects():
            count = len(self.choices.projects_of("comune", istat))
            self.comune_box.addItem(_counted(f"{name or '?'} ({istat})", count), istat)
        self.zona_box = QComboBox(what)
        labels = zone_labels(self.language)
        for code in self.choices.zone_with_projects():
            count = len(self.choices.projects_of("zona", code))
            self.zona_box.addItem(_counted(labels.get(code, code), count), code)
        self.programma_box = QComboBox(what)
        for uuid, title in self.choices.programmi:
            count = len(self.choices.projects_of("programma", uuid))
            self.programma_box.addItem(_counted(title, count), uuid)
        self.boxes = {"comune": self.comune_box, "zona": self.zona_box, "programma": self.programma_box}
        for row, key in enumerate(CHOICES):
            radio = self.radios[key]
            radio.setObjectName(f"RemixExportChoice_{key}")
            grid.addWidget(radio, row, 0)
            if key in self.boxes:
                grid.addWidget(self.boxes[key], row, 1)
                if self.boxes[key].count() == 0:
                    radio.setEnabled(False)
                    radio.setToolTip(tr("The file has none"))
        self.radios["all"].setChecked(True)
        saved_selection = self.choices.projects_of("selected", selected=self.selected_projects)
        self.radios["selected"].setText(
            tr("The selected projects ({n})").format(n=len(saved_selection)))
        if not saved_selection:
            self.radios["selected"].setEnabled(False)
            self.radios["selected"].setToolTip(
                tr("Select projects in the RE.MIX panel, on the map or in the attribute table first"))
        elif len(saved_selection) < len(self.selected_projects):
            self.radios["selected"].setToolTip(
                tr("Selected but not saved yet, so not exported: {n}").format(
                    n=len(self.selected_projects) - len(saved_selection)))
        self.count_label = QLabel(what)
        self.count_label.setObjectName("RemixExportCount")
        self.count_label.setWordWrap(True)
        grid.addWidget(self.count_label, len(CHOICES), 0, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(what)

        producer = QGroupBox(tr("Producer"), self)
        form = QFormLayout(producer)
        self.producer_edit = QLineEdit(producer)
        self.producer_edit.setMaxLength(6)
        self.producer_edit.setPlaceholderText(tr("ISTAT code of the comune, or CMM"))
        self.producer_edit.setToolTip(tr("The 6-digit ISTAT code of the comune that sends the bundle, "
                                         "or CMM for the Città metropolitana; it is part of the file name"))
        form.addRow(tr("Code"), self.producer_edit)
        self.name_edit = QLineEdit(producer)
        self.name_edit.setPlaceholderText(tr("e.g. Comune di Rho"))
        form.addRow(tr("Name"), self.name_edit)
        self.email_edit = QLineEdit(producer)
        self.email_edit.setPlaceholderText(tr("contact e-mail for the metadata"))
        form.addRow(tr("E-mail"), self.email_edit)
        layout.addWidget(producer)

        validation = QGroupBox(tr("Validation"), self)
        form = QFormLayout(validation)
        self.profile_box = QComboBox(validation)
        self.profile_box.addItem(tr("strict (what the Region accepts)"), "strict")
        self.profile_box.addItem(tr("draft (work in progress)"), "draft")
        form.addRow(tr("Profile"), self.profile_box)
        self.profile_hint = QLabel(validation)
        self.profile_hint.setWordWrap(True)
        form.addRow(self.profile_hint)
        layout.addWidget(validation)

        output = QGroupBox(tr("Output"), self)
        form = QFormLayout(output)
        self.file_widget = QgsFileWidget(output)
        self.file_widget.setStorageMode(QgsFileWidget.StorageMode.SaveFile)
        self.file_widget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.file_widget.setConfirmOverwrite(False)  # asked when OK is pressed, also for typed names
        self.file_widget.setDialogTitle(tr("Save the bundle as"))
        self.file_widget.setDefaultRoot(str(self.folder))
        form.addRow(tr("File"), self.file_widget)
        self.styles_check = QCheckBox(tr("Include the layer styles"), output)
        self.styles_check.setToolTip(tr("The default QGIS styles of the exported layers travel in the "
                                        "bundle (layer_styles)"))
        self.styles_check.setChecked(True)
        form.addRow(self.styles_check)
        layout.addWidget(output)

        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("RemixExportProblems")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #b2182b;")
        layout.addWidget(self.problem_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for radio in self.radios.values():
            radio.toggled.connect(self._choice_changed)
        for box in self.boxes.values():
            box.currentIndexChanged.connect(self._choice_changed)
        self.producer_edit.textEdited.connect(self._producer_edited)
        self.name_edit.textEdited.connect(self._name_edited)
        self.email_edit.textChanged.connect(self._refresh)
        self.profile_box.currentIndexChanged.connect(self._refresh)
        self.file_widget.fileChanged.connect(self._file_changed)

    def _setting(self, key, default=""):
        return self.settings.value(SETTINGS_PREFIX + key, default, type=str) or default

    def _load_settings(self):
        """The producer, name and e-mail of the last export; the last comune's projects are
        offered first when the file has some."""
        self._saved_producer = self._setting("producer")
        self._saved_name = self._setting("producer_name")
        self.email_edit.setText(self._setting("email"))
        profile = self._setting("profile", "strict")
        self.profile_box.setCurrentIndex(PROFILES.index(profile) if profile in PROFILES else 0)
        self.styles_check.setChecked(self._setting("include_styles", "true") != "false")
        index = self.comune_box.findData(self._saved_producer) if self._saved_producer != CMM else -1
        if index >= 0:
            self.comune_box.setCurrentIndex(index)
            self.radios["comune"].setChecked(True)
        self._choice_changed()

    def save_settings(self):
        for key, value in (("producer", self.producer()), ("producer_name", self.producer_name()),
                           ("email", self.email()), ("profile", self.profile()),
                           ("include_styles", "true" if self.styles_check.isChecked() else "false")):
            self.settings.setValue(SETTINGS_PREFIX + key, value)
        target = self.target_path()
        if self.on_database and target is not None:  # no file beside which to propose the next one
            self.settings.setValue(SETTINGS_PREFIX + "folder", str(target.parent))

    # -- the choice ------------------------------------------------------------------------
    def choice(self):
        """(kind, value): ("all", None), ("comune", istat), ("zona", code), ("programma", uuid),
        ("selected", None)."""
        for key in CHOICES:
            if self.radios[key].isChecked():
                box = self.boxes.get(key)
                return key, (box.currentData() if box is not None else None)
        return "all", None

    def set_choice(self, kind, value=None):
        """Choose what to export (as a user would); returns False when it is not available."""
        radio = self.radios[kind]
        if not radio.isEnabled():
            return False
        box = self.boxes.get(kind)
        if box is not None and value is not None:
            index = box.findData(value)
            if index < 0:
                return False
            box.setCurrentIndex(index)
        radio.setChecked(True)
        self._choice_changed()
        return True

    def chosen_projects(self):
        kind, value = self.choice()
        return self.choices.projects_of(kind, value, self.selected_projects)

    def export_scope(self):
        """The projects to export, as the writer selects them (``writer.Selection``; not the
        features selected on the map, nor the dock tree's current item)."""
        from ..export.writer import Selection as ExportScope

        kind, value = self.choice()
        if kind == "comune":
            return ExportScope(comune=value or "")
        if kind == "zona":
            return ExportScope(zona=value or "")
        if kind == "programma":
            return ExportScope(programma=value or "")
        if kind == "selected":
            return ExportScope(progetti=frozenset(self.chosen_projects()))
        return ExportScope()

    def default_producer(self):
        """The comune's ISTAT code when every chosen project is in one comune, otherwise CMM."""
        from ..export.spec import PRODUCER_PATTERN

        kind, value = self.choice()
        if kind == "comune" and value:
            return value
        comuni = {self.choices.projects[u][0] for u in self.chosen_projects()}
        if len(comuni) == 1:
            code = next(iter(comuni))
            if PRODUCER_PATTERN.match(code):
                return code
        return CMM

    def default_name(self, producer):
        if producer == self._saved_producer and self._saved_name:
            return self._saved_name
        if producer == CMM:
            return CMM_NAME
        name = self.choices.comune_name(producer)
        return f"Comune di {name}" if name else ""

    def _choice_changed(self, *_args):
        kind, _value = self.choice()
        for key, box in self.boxes.items():
            box.setEnabled(key == kind)
        chosen = self.chosen_projects()
        comuni = sorted({self.choices.comune_name(self.choices.projects[u][0])
                         or self.choices.projects[u][0] for u in chosen})
        text = tr("Projects to export: {n}").format(n=len(chosen))
        if comuni:
            shown = ", ".join(comuni[:4]) + (", …" if len(comuni) > 4 else "")
            text += " — " + tr("comuni: {names}").format(names=shown)
        self.count_label.setText(text)
        if not self._producer_manual:
            self.producer_edit.setText(self.default_producer())
        self._producer_changed()

    # -- producer and file -----------------------------------------------------------------
    def _producer_edited(self, _text):
        self._producer_manual = True
        self._producer_changed()

    def _name_edited(self, _text):
        self._name_manual = True

    def _producer_changed(self):
        from ..export.spec import PRODUCER_PATTERN, next_file_name

        producer = self.producer()
        if not self._name_manual:
            self.name_edit.setText(self.default_name(producer))
        if not self._target_manual and PRODUCER_PATTERN.match(producer):
            try:
                name = next_file_name(self.folder, producer, self.today)
            except ValueError:  # 99 bundles of that producer today: let the user choose
                name = ""
            if name:
                self._auto_target = str(self.folder / name)
                self.file_widget.setFilePath(self._auto_target)
        self._refresh()

    def _file_changed(self, path):
        if path != self._auto_target:
            self._target_manual = bool(path)
        self._refresh()

    def producer(self):
        text = self.producer_edit.text().strip()
        return CMM if text.upper() == CMM else text

    def producer_name(self):
        return self.name_edit.text().strip()

    def email(self):
        return self.email_edit.text().strip()

    def profile(self):
        return self.profile_box.currentData() or "strict"

    def target_path(self):
        """The bundle file: relative names go beside the GeoPackage; ``.gpkg`` is added if missing."""
        text = self.file_widget.filePath().strip().strip('"')
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        if path.suffix.lower() != ".gpkg":
            path = path.with_name(path.name + ".gpkg")
        return path

    # -- checks ----------------------------------------------------------------------------
    def problems(self):
        """What stops the export, as sentences for the user (empty: OK can be pressed)."""
        from ..export.spec import PRODUCER_PATTERN

        found = []
        kind, value = self.choice()
        if kind in self.boxes and not value:
            found.append(tr("Choose what to export."))
        if kind == "selected" and not self.chosen_projects():
            found.append(tr("None of the selected projects is saved in the database.") if self.on_database
                         else tr("None of the selected projects is saved in the file."))
        producer = self.producer()
        known = producer == CMM or not self.choices.comuni or producer in self.choices.comuni
        if not PRODUCER_PATTERN.match(producer) or not known:
            found.append(tr("The producer must be the 6-digit ISTAT code of a comune of the Città "
                            "metropolitana di Milano, or CMM."))
        if self.email() and not EMAIL_PATTERN.match(self.email()):
            found.append(tr("The e-mail address does not look valid."))
        target = self.target_path()
        if target is None:
            found.append(tr("Choose the file of the bundle."))
        elif not self.on_database and target.resolve() == self.gpkg_path.resolve():
            found.append(tr("The bundle cannot replace the RE.MIX GeoPackage it is exported from."))
        elif not target.parent.is_dir():
            found.append(tr("The folder {folder} does not exist.").format(folder=target.parent))
        elif target.is_dir():
            found.append(tr("{name} is a folder.").format(name=target.name))
        elif target.exists() and not is_bundle(target):
            found.append(tr("{name} already exists and is not a RE.MIX bundle: choose another name.").format(
                name=target.name))
        return found

    def _refresh(self, *_args):
        if self.profile() == "draft":
            self.profile_hint.setText(tr(
                "Draft: for work in progress; completeness checks are off or only warnings. Errors "
                "still block the export; the profile is written in the bundle's manifest."))
        else:
            self.profile_hint.setText(tr(
                "Strict: the checks of what Regione Lombardia accepts; every error blocks the export, "
                "warnings travel in the bundle."))
        problems = self.problems()
        self.problem_label.setText("\n".join(problems))
        self.problem_label.setVisible(bool(problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def export_arguments(self):
        """The arguments of ExportBundleTask (source, target, selection, producer, producer_name,
        email, profile, include_styles)."""
        return {
            "source": str(self.source),
            "target": str(self.target_path()) if self.target_path() is not None else "",
            "selection": self.export_scope(),
            "producer": self.producer(),
            "producer_name": self.producer_name(),
            "email": self.email(),
            "profile": self.profile(),
            "include_styles": self.styles_check.isChecked(),
        }

    def accept(self):
        problems = self.problems()
        if problems:
            QMessageBox.warning(self, tr("Export regional bundle"), "\n".join(problems))
            return
        target = self.target_path()
        if target.exists():
            answer = QMessageBox.question(
                self, tr("Export regional bundle"),
                tr("The bundle {name} already exists. Replace it with the new one?").format(name=target.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.save_settings()
        super().accept()


class DatabaseExportBundleTask(ExportBundleTask):
    """ExportBundleTask for the central database (``source`` a libpq DSN): as ``export-bundle
    DSN``, ``central/checkout`` then the same writer; ``result`` / ``blocked`` / ``error`` as the
    file's task, the target untouched on failure."""

    def work(self):
        from ..central.checkout import export_bundle_from_database, temporary_checkout
        from ..export.writer import ExportBlocked, export_bundle

        options = dict(self.arguments)
        selection = options.pop("selection")
        options.pop("remember_validation", None)  # a live database: nothing to remember
        options.update(progress=self.setProgress, is_cancelled=self.isCanceled)
        try:
            if selection.progetti is None:
                self.result = export_bundle_from_database(
                    self.source, self.target, comuni=[selection.comune] if selection.comune else [],
                    zona=selection.zona, programma=selection.programma, **options)
                return
            # chosen projects: the database checked out, the writer keeps those projects
            with temporary_checkout(self.source, Path(self.target).parent) as copy:
                self.result = export_bundle(copy, self.target, selection=selection, **options)
        except ExportBlocked as exc:
            self.blocked = list(exc.findings)
            raise


def export_task_for(arguments, on_finished=None):
    """The export task for ``arguments`` (ExportDialog.export_arguments()): the central database's
    (checkout + writer) for a DSN source, the GeoPackage's otherwise. Not queued."""
    kind = DatabaseExportBundleTask if is_database(arguments.get("source", "")) else ExportBundleTask
    return kind(arguments, on_finished=on_finished)
