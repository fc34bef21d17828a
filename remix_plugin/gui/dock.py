"""The RE.MIX dock panel."""

from qgis.gui import QgsDockWidget
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ..i18n import tr


class RemixDock(QgsDockWidget):
    def __init__(self, plugin, parent=None):
        super().__init__(tr("RE.MIX"), parent)
        self.plugin = plugin
        body = QWidget(self)
        layout = QVBoxLayout(body)

        self.prompt = QLabel(
            tr("Open or create a RE.MIX GeoPackage to map regeneration projects."), body
        )
        self.prompt.setObjectName("RemixDockPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)

        self.new_button = QPushButton(tr("New RE.MIX GeoPackage…"), body)
        self.new_button.setToolTip(tr("Create an empty RE.MIX GeoPackage with its forms, styles and project"))
        self.new_button.clicked.connect(plugin.new_geopackage)
        layout.addWidget(self.new_button)

        self.open_button = QPushButton(tr("Open RE.MIX GeoPackage…"), body)
        self.open_button.setToolTip(tr("Open a RE.MIX GeoPackage and the project stored inside it"))
        self.open_button.clicked.connect(plugin.open_geopackage)
        layout.addWidget(self.open_button)
        layout.addStretch(1)
        self.setWidget(body)

    def teardown(self):
        """Disconnect what we connected to objects that outlive the dock."""
        for button in (self.new_button, self.open_button):
            try:
                button.clicked.disconnect()
            except TypeError:  # nothing connected
                continue
