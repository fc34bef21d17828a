""""Connetti al database RE.MIX…": choose a saved QGIS PostgreSQL connection or a pg_service.conf
service, check the database (schema version, stored project), load the stored project through
the user's own connection, show it in the dock; refused saves become one Italian sentence in the
message bar (central/refusals.py), the edits stay in the layers' buffers.

Entry points: ``connect_from_dock(dock, current_item)`` (the dock's action, dock_definitions),
``open_central(iface, dock, store)`` (no dialog: tests, a remembered choice).
"""

from dataclasses import dataclass

from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from ..compat import message_level
from ..i18n import tr, ui_language
from ..log import get_logger

LOG = get_logger("gui.central_connect")
CHOICE_ROLE = Qt.ItemDataRole.UserRole


@dataclass
class Choice:
    label: str
    kind: str  # "connection" (saved in QGIS) or "service" (pg_service.conf)
    store: object  # qgis_project.stores.PostgresStore (no password)
    dsn: str  # libpq DSN for the check, credentials expanded in memory only
    clear_password: bool = False  # the saved connection keeps its password in clear


def choices():
    """The saved QGIS PostgreSQL connections, then the pg_service.conf services."""
    from qgis.core import QgsDataSourceUri

    from ..compat import postgres_connections
    from ..qgis_project.stores import postgres_store_from_qgis_uri, read_services

    out = []
    for name, uri in sorted(postgres_connections().items(), key=lambda kv: kv[0].casefold()):
        parsed = QgsDataSourceUri(uri)
        out.append(Choice(name, "connection", postgres_store_from_qgis_uri(uri, name=name),
                          parsed.connectionInfo(True),
                          bool(parsed.password()) and not parsed.authConfigId()))
    for name in sorted(read_services(), key=str.casefold):
        from ..qgis_project.stores import PostgresStore

        out.append(Choice(name, "service", PostgresStore(service=name), f"service={name}"))
    return out


# -- checking -------------------------------------------------------------------------------
def check_database(dsn, language=None):
    """None when the database holds a current RE.MIX schema and a stored project, else the
    sentence saying why not (wrong password, not answering, no schema, older or newer schema)."""
    from ..central.database import CentralError, connect, inspect_database
    from ..central.refusals import connection_refusal
    from ..qgis_project.central_storage import has_database_project

    language = language or ui_language()
    try:
        connection = connect(dsn, application="RE.MIX QGIS")
    except CentralError as exc:
        if exc.code == "cannot_connect":
            return connection_refusal(str(exc.__cause__ or exc.message_en)).message(language)
        return exc.message(language)
    try:
        info = inspect_database(connection)
    except CentralError as exc:
        return exc.message(language)
    finally:
        connection.close()
    if not info.has_schema:
        return tr("The database {name} holds no RE.MIX schema: create it with the algorithm "
                  "'Create RE.MIX central database' (Processing) or with 'db init'.",
                  language=language).format(name=info.name)
    if info.needs_upgrade:
        return tr("The database {name} is at schema {version}, older than this plugin: ask the "
                  "administrator to upgrade it ('db upgrade').", language=language).format(
            name=info.name, version=info.schema_version)
    try:
        stored = has_database_project(dsn)
    except CentralError as exc:
        return exc.message(language)
    if not stored:
        return tr("The database {name} holds no RE.MIX QGIS project: the administrator stores it "
                  "with 'Create RE.MIX central database'.", language=language).format(name=info.name)
    return None


# -- refusals in the message bar ---------------------------------------------------------------
class RefusalWatcher:
    """Each RE.MIX postgres layer's provider error (a refused commit: rights, row version, codes)
    shown once as one sentence in the message bar. Nothing is rolled back."""

    def __init__(self, iface, layers, language=None):
        self.iface = iface
        self.language = language or ui_language()
        self.shown = []  # the sentences shown (tests read them)
        self._connections = []
        for layer in layers.values():
            if layer.providerType() != "postgres":
                continue
            slot = self._slot(layer)
            layer.raiseError.connect(slot)
            self._connections.append((layer, slot))

    def _slot(self, layer):
        return lambda text, layer=layer: self.show(layer, text)

    def show(self, layer, text):
        from ..central.refusals import explain, is_refusal_text

        if not is_refusal_text(text):
            LOG.info("%s: %s", layer.name(), text)
            return None
        sentence = f"{layer.name()}: " + explain(text).message(self.language)
        if self.shown and self.shown[-1] == sentence:
            return sentence  # QGIS raises the same error for each statement of one commit
        self.shown.append(sentence)
        LOG.warning("%s", sentence)
        bar = self.iface.messageBar() if self.iface is not None else None
        if bar is not None and hasattr(bar, "pushMessage"):
            bar.pushMessage("RE.MIX", sentence, message_level("Critical"), 0)
        return sentence

    def disconnect(self):
        for layer, slot in self._connections:
            try:
                layer.raiseError.disconnect(slot)
            except (TypeError, RuntimeError):  # the layer is gone already
                continue
        self._connections = []


# -- opening ----------------------------------------------------------------------------------
def open_central(iface, dock, store, ask_unsaved=None):
    """Load the project stored in the central database through ``store`` (the user's
    connection) into the current project and show it in the dock. True when shown."""
    from ..qgis_project.central_storage import open_database_project
    from .unsaved import confirm_unsaved, project_modified_layers

    modified = project_modified_layers()
    if modified and not confirm_unsaved(modified, tr("Connecting to the RE.MIX database"),
                                        ask=ask_unsaved, report=lambda text: _message(iface, text)):
        return False
    previous = getattr(dock, "_remix_refusals", None) if dock is not None else None
    if previous is not None:
        previous.disconnect()
    layers = open_database_project(store, QgsProject.instance())
    if not layers:
        _message(iface, tr("The RE.MIX project of the database {name} does not open: check your "
                           "login's rights (see the message log).").format(name=store.label), "Critical")
        return False
    watcher = RefusalWatcher(iface, layers)
    if dock is not None:
        dock._remix_refusals = watcher
        dock.set_geopackage(store.label)  # the dock finds its layers by their table property
    _message(iface, tr("Connected to the RE.MIX database {name}.").format(name=store.label), "Success")
    return True


def _message(iface, text, level="Warning"):
    LOG.info("%s", text)
    bar = iface.messageBar() if iface is not None else None
    if bar is not None and hasattr(bar, "pushMessage"):
        bar.pushMessage("RE.MIX", text, message_level(level), 10)


# -- the dialog --------------------------------------------------------------------------------
class ConnectDialog(QDialog):
    """The saved connections and the services; Connect checks the chosen database first."""

    def __init__(self, parent=None, available=None):
        super().__init__(parent)
        self.setObjectName("RemixConnectDialog")
        self.setWindowTitle(tr("Connect to the RE.MIX database"))
        self.chosen = None
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Choose a PostgreSQL connection saved in QGIS or a service of "
                          "pg_service.conf. The plugin checks the RE.MIX schema and loads the "
                          "project stored in the database. Passwords stay in QGIS's authentication "
                          "configurations or in the service file, never in the project."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("RemixConnectChoices")
        layout.addWidget(self.list, 1)
        self.status = QLabel(self)
        self.status.setObjectName("RemixConnectStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(self)
        buttons = QDialogButtonBox.StandardButton
        self.buttons.setStandardButtons(buttons.Ok | buttons.Cancel)
        self.buttons.button(buttons.Ok).setText(tr("Connect"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.try_connect())
        self.fill(choices() if available is None else available)

    def fill(self, available):
        from qgis.core import QgsApplication

        self.list.clear()
        icons = {"connection": QgsApplication.getThemeIcon("/mIconPostgis.svg"),
                 "service": QgsApplication.getThemeIcon("/mIconDbSchema.svg")}
        kinds = {"connection": tr("QGIS connection"), "service": tr("service")}
        for choice in available:
            item = QListWidgetItem(icons[choice.kind], f"{choice.label} — {kinds[choice.kind]}")
            item.setData(CHOICE_ROLE, choice)
            item.setToolTip(choice.store.connection_info())
            self.list.addItem(item)
        if available:
            self.list.setCurrentRow(0)
            self.status.setText("")
        else:
            self.status.setText(tr("No PostgreSQL connection is saved in QGIS and no pg_service.conf "
                                   "service was found: add one in the Data Source Manager."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(available))

    def current_choice(self):
        item = self.list.currentItem()
        return item.data(CHOICE_ROLE) if item is not None else None

    def show_problem(self, text):
        self.status.setStyleSheet("color: #b2182b;")
        self.status.setText(text)

    def try_connect(self):
        choice = self.current_choice()
        if choice is None:
            return
        problem = check_database(choice.dsn)
        if problem:
            self.show_problem(problem)
            return
        self.chosen = choice
        self.accept()


def connect_from_dock(dock, _current_item=None):
    """The dock's "Connetti al database RE.MIX…". Without a dock or a running GUI (a test driving
    the controller alone) there is nobody to ask: nothing happens."""
    from qgis.PyQt.QtWidgets import QApplication

    if dock is None or QApplication.instance() is None:
        return False
    iface = getattr(dock, "iface", None)
    dialog = ConnectDialog(iface.mainWindow() if iface is not None else None)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            return False
        if dialog.chosen.clear_password:
            _message(iface, tr("The connection keeps its password in clear: the project does not use "
                               "it; QGIS will ask for it. An authentication configuration or a "
                               "service is better."))
        return open_central(iface, dock, dialog.chosen.store)
    finally:
        dialog.deleteLater()
