"""Open every RE.MIX attribute form in a real QgsAttributeDialog and save what it looks like.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/form_screenshots.py [OUT_DIR]
    xvfb-run -a -s "-screen 0 1920x1080x24" env QT_QPA_PLATFORM=xcb \
        /usr/bin/python3 scripts/form_screenshots.py [OUT_DIR]      # the desktop's fonts

For each data table, in Italian and in English, a new feature's form is opened as QGIS desktop
opens it (QgsAttributeDialog, with the plugin's desktop hints), sized as it would be on a
1366×768 and on a 1920×1080 screen (its size hint, bounded by the screen minus the window's
title bar and a task bar), and saved as ``<table>_<language>_<width>x<height>.png`` in
OUT_DIR (default tests/artifacts/forms). The test tier imports the helpers (tests/qgis/test_forms_fit.py).
"""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SCREENS = ((1366, 768), (1920, 1080))
CHROME_HEIGHT = 70  # a window title bar (~30 px) and a desktop task bar (~40 px)


def available(screen):
    width, height = screen
    return width, height - CHROME_HEIGHT


def layer_tools():
    """What QGIS desktop passes as iface.vectorLayerTools(): a relation editor in a form whose
    context has none crashes QGIS 3.22."""
    from qgis.core import QgsVectorLayerTools

    class LayerTools(QgsVectorLayerTools):
        def addFeature(self, layer, defaultValues=None, defaultGeometry=None, feature=None):  # noqa: N802,N803
            return False, feature

        def startEditing(self, layer):  # noqa: N802
            return layer.startEditing()

        def stopEditing(self, layer, allowCancel=True):  # noqa: N802,N803
            return True

        def saveEdits(self, layer):  # noqa: N802
            return True

        def copyMoveFeatures(self, *args, **kwargs):  # noqa: N802
            return False

    return LayerTools()


def open_dialog(layer, tools, feature=None, decorate=True):
    """A shown QgsAttributeDialog for a new feature of ``layer`` (add mode), as QGIS opens it."""
    from qgis.core import QgsVectorLayerUtils
    from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext
    from qgis.PyQt.QtWidgets import QApplication

    from remix_plugin.forms.desktop import decorate_form

    if not layer.isEditable():
        layer.startEditing()
    if feature is None:
        feature = QgsVectorLayerUtils.createFeature(layer, context=layer.createExpressionContext())
    context = QgsAttributeEditorContext()
    context.setVectorLayerTools(tools)
    dialog = QgsAttributeDialog(layer, feature, False, None, True, context)
    dialog.setMode(QgsAttributeEditorContext.Mode.AddFeatureMode)
    dialog.show()
    QApplication.processEvents()
    if decorate:
        decorate_form(dialog.attributeForm())
        QApplication.processEvents()
    return dialog


def close_dialog(dialog):
    """Close and delete now: a dialog deleted later, after its layers, crashes QGIS 3.22."""
    from qgis.PyQt.QtCore import QCoreApplication, QEvent

    dialog.reject()
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def fit_to_screen(dialog, screen):
    """Size the dialog as a window manager would on ``screen``: its size hint, bounded."""
    from qgis.PyQt.QtWidgets import QApplication

    width, height = available(screen)
    hint = dialog.sizeHint()
    dialog.resize(min(hint.width(), width), min(hint.height(), height))
    QApplication.processEvents()
    return dialog.size()


def build_project(folder, language):
    """A new RE.MIX GeoPackage in ``folder`` opened in QgsProject.instance(); {table: layer}."""
    from qgis.core import QgsProject

    from remix_plugin.layers.geopackage import create_geopackage
    from remix_plugin.qgis_project.builder import remix_layers
    from remix_plugin.qgis_project.storage import open_project

    path = create_geopackage(Path(folder) / f"forms_{language}.gpkg", with_project=True,
                             language=language, overwrite=True)
    project = QgsProject.instance()
    project.clear()
    if not open_project(path, project):
        raise RuntimeError(f"{path} does not open")
    return remix_layers(project)


def save_all(out_dir, languages=("it", "en")):
    from qgis.core import QgsProject
    from qgis.PyQt.QtWidgets import QApplication, QTabWidget

    from remix_plugin.layers.model import load_model

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tools = layer_tools()
    written = []
    with tempfile.TemporaryDirectory() as folder:
        for language in languages:
            layers = build_project(folder, language)
            for table in load_model().data_tables:
                layer = layers[table.name]
                for screen in SCREENS:
                    dialog = open_dialog(layer, tools)
                    size = fit_to_screen(dialog, screen)
                    tabs = dialog.findChild(QTabWidget)
                    for index in range(tabs.count() if tabs is not None else 1):
                        if tabs is not None:
                            tabs.setCurrentIndex(index)
                            QApplication.processEvents()  # lay the tab out before the picture
                        png = out_dir / f"{table.name}_{language}_{screen[0]}x{screen[1]}_tab{index + 1}.png"
                        dialog.grab().save(str(png))
                        written.append((png, size))
                    close_dialog(dialog)
                layer.rollBack()
            layers = None
            QgsProject.instance().clear()
    return written


def main(argv):
    from qgis.core import QgsApplication

    out_dir = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "artifacts" / "forms"
    # a throw-away profile: QGIS would otherwise write its style database into the working folder
    profile = tempfile.mkdtemp(prefix="remix-forms-profile-")
    application = QgsApplication([], True, profile)
    application.initQgis()
    from qgis.gui import QgsGui

    QgsGui.editorWidgetRegistry().initEditors()
    written = save_all(out_dir)
    for png, size in written:
        print(f"{png}  {size.width()}×{size.height()}")
    written = None
    application.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
