"""The findings panel reads as sentences: the message and the feature first, the rule's code in
its own column (never cut), grammatical counts ("1 errore", "2 errori") and the profile's name in
Italian; *Apri la scheda* offers to start editing so the form can correct the feature."""

from __future__ import annotations

import helpers_corpus as hc
import pytest
from qgis.core import QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QTimer, QTranslator
from qgis.PyQt.QtWidgets import QApplication, QHeaderView, QMessageBox

from remix_plugin.gui.findings_panel import (
    COLUMN_FINDING,
    COLUMN_RULE,
    FINDING_ROLE,
    FindingsPanel,
    summary_text,
)
from remix_plugin.i18n import I18N_DIR
from remix_plugin.validation.task import ValidationTask


@pytest.fixture
def italian(compiled_translations):
    translator = QTranslator()
    assert translator.load(str(I18N_DIR / "remix_it.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def _report(tmp_path):
    path = tmp_path / "panel.gpkg"
    ids = hc.build_clean(path)
    x, y = ids["points"][hc.COMUNE_A]
    hc.update(path, "lavori", ids["p1_lavoro1"], geom=hc.bowtie_wkt(x, y))
    hc.update(path, "progetti", ids["p1"], descrizione=None)
    task = ValidationTask(path)
    assert task.run()
    return path, ids, task.report


def test_counts_and_profile_are_grammatical_italian(italian):
    assert summary_text({"error": 1, "warning": 2, "suppressed": 0}, "strict") == (
        "1 errore, 2 avvisi, 0 eccezioni accettate — profilo: rigoroso (ciò che la Regione accetta).")
    assert summary_text({"error": 3, "warning": 1, "suppressed": 1}, "draft") == (
        "3 errori, 1 avviso, 1 eccezione accettata — profilo: bozza (lavoro in corso).")


def test_counts_in_english():
    assert summary_text({"error": 1, "warning": 0, "suppressed": 2}, "strict") == (
        "1 error, 0 warnings, 2 accepted exceptions — profile: strict (what the Region accepts).")


def test_rows_read_as_sentences_with_the_feature_and_the_code_last(qgis_app, tmp_path):
    path, ids, report = _report(tmp_path)
    panel = FindingsPanel()
    panel.set_geopackage(path)
    panel.resize(520, 400)
    panel.show_report(report)
    assert panel.tree.headerItem().text(COLUMN_RULE) == "Rule"
    group = panel.tree.topLevelItem(0).child(0)
    assert group.text(COLUMN_RULE) == "GEO-004"
    assert not group.text(COLUMN_FINDING).startswith("GEO")  # the rule's title, not its code
    row = group.child(0)
    finding = row.data(0, FINDING_ROLE)
    title = hc_title(path, "lavori", ids["p1_lavoro1"])
    # the message names its feature already: the title is not said twice
    assert f"«{title}»" in finding.message("en")
    assert row.text(COLUMN_FINDING) == finding.message("en")
    assert panel.finding_text(finding, {("lavori", finding.feature_uuid): "Altro"}) == (
        f"{finding.message('en')} — «Altro»")  # a title the message does not say is added
    assert row.text(COLUMN_RULE) == "GEO-004"
    assert row.text(1) == "Physical works"  # the layer's name, not the table's
    header = panel.tree.header()
    assert header.sectionResizeMode(COLUMN_RULE) == QHeaderView.ResizeMode.ResizeToContents
    panel.show()
    QApplication.processEvents()
    width = panel.tree.fontMetrics().horizontalAdvance("GEO-004")
    assert panel.tree.columnWidth(COLUMN_RULE) >= width  # "GEO-004", never "GEO-0…"
    panel.hide()
    assert panel.summary.text().startswith("1 error, 1 warning, 0 accepted exceptions")


def hc_title(path, table, uuid):
    from remix_plugin.gui.bundle_reports import record_titles

    return record_titles(path, table, [uuid])[uuid]


class OpenedForms:
    def __init__(self):
        self.opened = []

    def openFeatureForm(self, layer, feature, *_args):  # noqa: N802 (QgisInterface API)
        self.opened.append((layer.isEditable(), feature["uuid"]))


@pytest.mark.parametrize("answer", [True, False])
def test_open_form_offers_edit_mode(qgis_app, tmp_path, answer):
    path, ids, report = _report(tmp_path)
    layer = QgsVectorLayer(f"{path}|layername=lavori", "lavori", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        iface = OpenedForms()
        panel = FindingsPanel(iface)
        panel.set_geopackage(path)
        panel.show_report(report)
        asked = []
        panel.ask_edit = lambda target: asked.append(target.name()) or answer
        panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0).child(0))
        assert panel.open_form_of_current()
        assert asked == ["lavori"]
        assert iface.opened == [(answer, ids["p1_lavoro1"])]  # editable form when accepted
        assert layer.isEditable() is answer
        asked.clear()
        assert panel.open_form_of_current()
        assert asked == ([] if answer else ["lavori"])  # already editing: no question
    finally:
        if layer.isEditable():
            layer.rollBack()
        QgsProject.instance().removeAllMapLayers()


def test_the_real_edit_question_is_a_message_box(qgis_app, tmp_path):
    path, _ids, _report_ = _report(tmp_path)
    layer = QgsVectorLayer(f"{path}|layername=lavori", "lavori", "ogr")
    panel = FindingsPanel()
    seen = {}

    def press():
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
                    and w.objectName() == "remixEditModeQuestion" and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(50, press)
            return
        seen["text"] = box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(50, press)
    assert panel._ask_edit(layer) is True
    assert "lavori" in seen["text"] and "edit mode" in seen["text"]


def test_the_field_column_shows_the_label_and_long_messages_wrap(qgis_app, tmp_path):
    """"Descrizione", not "descrizione" (the stored name is its tooltip); in a dock 360 px wide
    a message wraps onto more lines instead of being cut (issue 12, the 1366 screenshots)."""
    from qgis.PyQt.QtCore import QRect, Qt

    from remix_plugin.layers.model import load_model

    path, _ids, report = _report(tmp_path)
    panel = FindingsPanel()
    panel.language = "en"
    panel.set_geopackage(path)
    panel.resize(360, 500)
    panel.show_report(report)
    panel.show()
    panel.tree.expandAll()
    QApplication.processEvents()
    QApplication.processEvents()
    rows = []
    for top in range(panel.tree.topLevelItemCount()):
        for group in range(panel.tree.topLevelItem(top).childCount()):
            parent = panel.tree.topLevelItem(top).child(group)
            rows.extend(parent.child(i) for i in range(parent.childCount()))
    described = [row for row in rows if row.data(0, FINDING_ROLE).field == "descrizione"]
    assert described, [row.data(0, FINDING_ROLE).field for row in rows]
    label = load_model().table("progetti").field("descrizione").label("en")
    assert described[0].text(2) == label and described[0].toolTip(2) == "descrizione"
    metrics = panel.tree.fontMetrics()
    room = panel.tree.columnWidth(COLUMN_FINDING) - 24  # indentation of the rows' text aside
    wrapped = 0
    for row in rows:
        text = row.text(COLUMN_FINDING)
        needed = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, text).height()
        if metrics.horizontalAdvance(text) > room:
            wrapped += 1
            assert panel.tree.visualItemRect(row).height() >= needed - 2, text  # every line shown
    assert wrapped  # the messages are longer than the column: the test looks at wrapped rows
    panel.hide()
