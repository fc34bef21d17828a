"""The incubator views' test window: the view docked on the right of a window of the screen's
size, as in QGIS (a grey "mappa" where the map canvas would be), and its screenshot.

Used by test_funding_view, test_monitoring_view and test_networks_views (import it as
``view_windows``, like ``dock_data``)."""

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QApplication, QDockWidget, QLabel, QMainWindow

SIZES = ((1366, 768), (1920, 1080))


def shot_folder(artifacts_dir, name):
    """tests/artifacts/<name>/, made when missing."""
    folder = artifacts_dir / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def docked_window(widget, width, height, title, share=0.38):
    """``widget`` in a dock ``share`` of the width of a ``width``×``height`` main window, shown."""
    window = QMainWindow()
    window.setWindowTitle(title)
    placeholder = QLabel("mappa")
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    placeholder.setStyleSheet("background: #e8eef2; color: #889;")
    window.setCentralWidget(placeholder)
    dock = QDockWidget(title, window)
    dock.setWidget(widget)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(width, height)
    window.show()
    window.resizeDocks([dock], [int(width * share)], Qt.Orientation.Horizontal)
    for _ in range(5):
        QApplication.processEvents()
    return window


def save_shot(window, path):
    """The window's screenshot saved at ``path`` (a real PNG, not an empty one); the image."""
    image = window.grab()
    assert image.save(str(path))
    assert path.stat().st_size > 10000
    return image
