"""The forms as a technician sees them on QGIS 3.22: real QgsAttributeDialogs, offscreen.

A RE.MIX GeoPackage is created with its stored project (layers/geopackage.py, in Italian or in
English) and opened as the plugin opens it; each form is opened in a QgsAttributeDialog with a
new feature, as QGIS desktop does, with the plugin's desktop hints (forms/desktop.py). The
helpers are those of scripts/form_screenshots.py, which saves the same dialogs as PNGs.
"""

import html

import form_screenshots as shots
import pytest
from qgis.core import (
    NULL,
    QgsApplication,
    QgsAttributeEditorElement,
    QgsAttributeEditorHtmlElement,
    QgsProject,
)
from qgis.gui import QgsEditorWidgetWrapper, QgsRelationReferenceWidget
from qgis.PyQt import sip
from qgis.PyQt.QtWidgets import QApplication, QDialogButtonBox, QLabel, QTableWidget, QTabWidget

from remix_plugin.forms import form_spec
from remix_plugin.forms.desktop import STATUS_NAME
from remix_plugin.forms.language import project_language, switch_stored_language
from remix_plugin.forms.spec import ENTITY_LINES
from remix_plugin.layers.geopackage import create_geopackage
from remix_plugin.layers.model import load_model
from remix_plugin.qgis_project.builder import remix_layers
from remix_plugin.qgis_project.storage import open_project

MODEL = load_model()
TABLES = [t.name for t in MODEL.data_tables]
TOOLS = shots.layer_tools()


@pytest.fixture()
def project_it(tmp_path, qgis_new_project):
    layers = shots.build_project(tmp_path, "it")
    yield layers
    _clear(layers)


@pytest.fixture()
def project_en(tmp_path, qgis_new_project):
    layers = shots.build_project(tmp_path, "en")
    yield layers
    _clear(layers)


def _clear(layers):
    for layer in layers.values():
        if layer.isEditable():
            layer.rollBack()
    layers.clear()
    QgsProject.instance().clear()


def _dialog(layers, table_name, decorate=True):
    return shots.open_dialog(layers[table_name], TOOLS, decorate=decorate)


def _wrappers(dialog):
    return {w.field().name(): w for w in dialog.findChildren(QgsEditorWidgetWrapper)}


def _set(dialog, name, value):
    wrapper = _wrappers(dialog)[name]
    wrapper.setValues(value, [])
    wrapper.emitValueChanged()
    QApplication.processEvents()
    QApplication.processEvents()  # the status line is refreshed on the next turn of the loop


def _table(wrapper):
    widget = wrapper.widget()
    return widget if isinstance(widget, QTableWidget) else widget.findChild(QTableWidget)


def _ok(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)


# -- tabs and size ------------------------------------------------------------------------------
def test_top_level_containers_are_tabs(project_it):
    for table_name in TABLES:
        layer = project_it[table_name]
        config = layer.editFormConfig()
        containers = [t for t in config.tabs() if hasattr(t, "isGroupBox")]
        assert containers and not [t.name() for t in containers if t.isGroupBox()], table_name
        dialog = _dialog(project_it, table_name, decorate=False)
        tabs = dialog.findChildren(QTabWidget)
        assert len(tabs) == 1, table_name
        assert [tabs[0].tabText(i) for i in range(tabs[0].count())] == \
            [t.label for t in form_spec(table_name, "it").tabs], table_name
        shots.close_dialog(dialog)
        layer.rollBack()


@pytest.mark.parametrize("screen", shots.SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_form_fits_the_screen_with_ok_and_cancel_visible(project_it, screen):
    width, height = shots.available(screen)
    sizes = {}
    for table_name in TABLES:
        dialog = _dialog(project_it, table_name)
        hint = dialog.sizeHint()
        assert hint.height() <= height and hint.width() <= width, (table_name, hint)
        size = shots.fit_to_screen(dialog, screen)
        box = dialog.findChild(QDialogButtonBox)
        for kind in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel):
            button = box.button(kind)
            corner = button.mapTo(dialog, button.rect().bottomRight())
            assert button.isVisible() and dialog.rect().contains(corner), (table_name, kind, corner, size)
        sizes[table_name] = size.height()
        shots.close_dialog(dialog)
        project_it[table_name].rollBack()
    assert max(sizes.values()) <= height  # was 2,689 px for progetti, 1,044 px for lavori


def test_stored_forms_fit_without_the_desktop_hints(project_it):
    # what QField, Mergin or a QGIS without the plugin get: tabs alone make them fit
    for table_name in ("progetti", "lavori", "criticita"):
        dialog = _dialog(project_it, table_name, decorate=False)
        assert dialog.sizeHint().height() <= shots.available((1366, 768))[1], table_name
        shots.close_dialog(dialog)
        project_it[table_name].rollBack()


# -- what the form explains ----------------------------------------------------------------------
def _label_tooltips(dialog):
    return {label.text(): label.toolTip() for label in dialog.findChildren(QLabel) if label.toolTip()}


@pytest.mark.parametrize("language", ["it", "en"])
def test_label_tooltips_carry_the_scheme_definition(language, request):
    layers = request.getfixturevalue(f"project_{language}")
    scheme = MODEL.scheme
    progetti = MODEL.table("progetti")
    dialog = _dialog(layers, "progetti")
    tips = _label_tooltips(dialog)
    for field_name in ("livello_rigenerazione", "provenienza", "ambito_azione_prevalente"):
        model_field = progetti.field(field_name)
        definition = (model_field.definition(language)
                      or scheme.dimension(model_field.dimension).definition(language))
        assert definition
        label = model_field.label(language)
        assert html.escape(definition, quote=False) in tips[label], (label, tips.get(label))
    shots.close_dialog(dialog)
    layers["progetti"].rollBack()


def test_each_form_opens_with_a_line_saying_what_the_entity_is(project_en):
    for table_name in TABLES:
        config = project_en[table_name].editFormConfig()
        first_tab = config.tabs()[0]
        texts = [sip.cast(child, QgsAttributeEditorHtmlElement).htmlCode() for child in first_tab.children()
                 if child.type() == QgsAttributeEditorElement.AttributeEditorType.AeTypeHtmlElement]
        assert texts and ENTITY_LINES[table_name][1] in texts[0], table_name


def test_multi_select_lists_follow_the_scheme_and_show_every_tick(project_it):
    layers = project_it
    checked = 0
    for table in MODEL.data_tables:
        multi = [f for f in table.coded_fields if f.multi]
        if not multi:
            continue
        dialog = _dialog(layers, table.name)
        tabs = dialog.findChild(QTabWidget)
        spec = form_spec(table.name, "it")
        for model_field in multi:
            tab_index = [t.label for t in spec.tabs].index(spec.tab_of(model_field.name))
            tabs.setCurrentIndex(tab_index)
            shots.fit_to_screen(dialog, (1366, 768))
            table_widget = _table(_wrappers(dialog)[model_field.name])
            cells = [table_widget.item(r, c) for r in range(table_widget.rowCount())
                     for c in range(table_widget.columnCount())]
            shown = [cell.text() for cell in cells if cell is not None and cell.text()]
            terms = [t.label("it") for t in MODEL.scheme.dimension(model_field.dimension).terms
                     if not t.deprecated]
            assert [text.partition(". ")[2] or text for text in shown] == terms, model_field.name
            rows = sum(table_widget.rowHeight(r) for r in range(table_widget.rowCount()))
            assert table_widget.viewport().height() >= rows, (model_field.name, rows)
            assert not table_widget.verticalScrollBar().isVisible(), model_field.name
            checked += 1
        shots.close_dialog(dialog)
        layers[table.name].rollBack()
    # ambito_criticita, ambito_opportunita, finalita, servizi_realizzati, and the calls' criteria
    assert checked == sum(f.multi for t in MODEL.data_tables for f in t.coded_fields) >= 4


def test_a_disabled_ok_says_in_words_which_field_blocks_it(project_it):
    layers = project_it
    dialog = _dialog(layers, "lavori")
    status = dialog.findChild(QLabel, STATUS_NAME)
    ok = _ok(dialog)
    assert not ok.isEnabled()
    assert status.isVisible()
    text = status.text()
    assert text.startswith("<b>Per salvare (OK) compila:</b>")
    assert "«Titolo»" in text and "«Progetto»" in text and "scheda Identificazione" in text
    assert "«Oggetto del progetto fisico»" in text and "scheda Lavoro" in text
    assert text.lower().count("indica almeno uno tra") == 1  # one rule on two fields, said once
    # next to the field: QGIS's ✘ beside it carries the same sentence
    marks = [label.toolTip() for label in dialog.findChildren(QLabel) if "✘" in label.text()]
    assert any("Campo obbligatorio: compila «Titolo»." in tip for tip in marks)
    _set(dialog, "titolo", "Recupero ambito ferroviario")
    assert "«Titolo»" not in status.text()
    shots.close_dialog(dialog)
    layers["lavori"].rollBack()


def test_the_reason_disappears_when_the_form_can_be_saved(project_it):
    layers = project_it
    dialog = _dialog(layers, "indicatori")
    status = dialog.findChild(QLabel, STATUS_NAME)
    assert "«Nome»" in status.text() and not _ok(dialog).isEnabled()
    _set(dialog, "nome", "Nuovi posti di lavoro")
    assert "«Nome»" not in status.text() and not _ok(dialog).isEnabled()
    _set(dialog, "categoria_indicatore", MODEL.scheme.dimension("categoria_indicatore").terms[0].code)
    assert _ok(dialog).isEnabled()
    assert status.text() == "" and not status.isVisible()
    shots.close_dialog(dialog)
    layers["indicatori"].rollBack()


def test_an_actor_or_an_indicator_can_be_created_from_the_link(project_it):
    layers = project_it
    for table_name, field_name, target in (("progetto_attori", "attore_uuid", "attori"),
                                           ("misure", "indicatore_uuid", "indicatori")):
        assert not layers[target].isEditable()
        dialog = _dialog(layers, table_name)
        widget = _wrappers(dialog)[field_name].widget()
        reference = widget if isinstance(widget, QgsRelationReferenceWidget) else \
            widget.findChild(QgsRelationReferenceWidget)
        assert reference.allowAddFeatures(), table_name  # its button: gui/link_create.py
        other = _wrappers(dialog)["progetto_uuid"].widget()
        assert not other.allowAddFeatures()  # a project is never made from a child's form
        shots.close_dialog(dialog)
        layers[table_name].rollBack()
        layers[target].rollBack()


# -- language -------------------------------------------------------------------------------------
def test_the_project_is_built_in_the_language_asked(project_en):
    assert project_en["lavori"].name() == "Physical works"
    lavori = project_en["lavori"]
    assert lavori.attributeDisplayName(lavori.fields().indexOf("intervento_oggetto")) == \
        MODEL.table("lavori").field("intervento_oggetto").label("en")
    groups = [g.name() for g in QgsProject.instance().layerTreeRoot().children()]
    assert groups == ["Projects", "Reference"]
    assert project_language(QgsProject.instance()) == "en"


def test_switching_a_stored_project_between_italian_and_english(tmp_path, qgis_new_project):
    path = create_geopackage(tmp_path / "rho.gpkg", with_project=True, language="it")
    switch_stored_language(path, "en")
    project = QgsProject()
    assert open_project(path, project)
    layers = remix_layers(project)
    assert layers["progetti"].name() == "Projects" and layers["criticita"].name() == "Problems"
    progetti = layers["progetti"]
    assert progetti.attributeDisplayName(progetti.fields().indexOf("livello_progettuale")) == \
        MODEL.table("progetti").field("livello_progettuale").label("en")
    assert [t.name() for t in progetti.editFormConfig().tabs()][:2] == ["Identification",
                                                                        "Problems and opportunities"]
    assert project_language(project) == "en"
    layers = None
    project.clear()
    switch_stored_language(path, "it")
    project = QgsProject()
    assert open_project(path, project)
    assert remix_layers(project)["progetti"].name() == "Progetti"
    assert [g.name() for g in project.layerTreeRoot().children()] == ["Progetti", "Riferimento"]
    project.clear()


# -- empty fields ---------------------------------------------------------------------------------
def _null_looking(dialog):
    """Text widgets whose text is QGIS's "NULL", with the alpha of the colour it is drawn in."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtGui import QPalette
    from qgis.PyQt.QtWidgets import QLineEdit, QPlainTextEdit

    found = []
    for edit in dialog.findChildren(QLineEdit) + dialog.findChildren(QPlainTextEdit):
        parent = edit.parentWidget()
        if parent is not None and parent.inherits("QDateTimeEdit"):
            continue
        text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
        if text == QgsApplication.nullRepresentation():
            found.append((edit, edit.palette().color(QPalette.ColorRole.Text).alpha()))
    return found


def _is_null(value):
    return value is None or value == NULL


def test_an_empty_field_shows_no_null_and_is_still_saved_as_null(project_it):
    layers = project_it
    layer = layers["indicatori"]
    plain = _dialog(layers, "indicatori", decorate=False)
    alphas = [alpha for _edit, alpha in _null_looking(plain)]
    assert alphas and set(alphas) == {255}  # without the hints QGIS writes "NULL" in them
    shots.close_dialog(plain)
    layer.rollBack()

    dialog = _dialog(layers, "indicatori")
    # while a RE.MIX form is open QGIS's "show NULL as" text is empty (forms.desktop): the empty
    # field reads empty and its value is still NULL
    assert QgsApplication.nullRepresentation() == ""
    unit = _wrappers(dialog)["unita_misura"]
    assert unit.widget().text() == "" and _is_null(unit.value())
    _set(dialog, "nome", "Nuovi posti di lavoro")
    _set(dialog, "categoria_indicatore", MODEL.scheme.dimension("categoria_indicatore").terms[0].code)
    assert _ok(dialog).isEnabled()
    dialog.accept()
    assert layer.commitChanges(), layer.commitErrors()
    import sqlite3

    with sqlite3.connect(layer.source().split("|")[0]) as connection:
        stored = connection.execute("SELECT nome, unita_misura, descrizione FROM indicatori").fetchall()
    assert stored == [("Nuovi posti di lavoro", None, None)]  # SQL NULL, not "NULL" nor ""


def test_the_hints_come_with_the_first_focus_and_only_once(project_it):
    from remix_plugin.forms.desktop import DONE_PROPERTY
    from remix_plugin.gui.form_watch import FormHints

    layers = project_it
    # The watcher starts after the dialog is shown: the focus show() gives would decorate it.
    dialog = _dialog(layers, "progetti", decorate=False)
    hints = FormHints().install()
    try:
        form = dialog.attributeForm()
        assert not form.property(DONE_PROPERTY)
        assert dialog.findChild(QLabel, STATUS_NAME) is None
        title = _wrappers(dialog)["titolo"].widget()
        hints.on_focus_changed(None, title)  # what QApplication.focusChanged passes
        assert form.property(DONE_PROPERTY)
        assert len(dialog.findChildren(QLabel, STATUS_NAME)) == 1
        hints.on_focus_changed(title, _wrappers(dialog)["note"].widget())
        assert len(dialog.findChildren(QLabel, STATUS_NAME)) == 1
        hints.on_focus_changed(None, None)  # focus leaving the application
        shots.close_dialog(dialog)
        layers["progetti"].rollBack()
    finally:
        hints.uninstall()


def test_a_read_only_form_asks_for_nothing(project_it):
    layers = project_it
    layer = layers["indicatori"]
    dialog = _dialog(layers, "indicatori")
    status = dialog.findChild(QLabel, STATUS_NAME)
    assert status.text()
    layer.rollBack()  # editing stopped: the form shows, it cannot save
    QApplication.processEvents()
    QApplication.processEvents()
    assert status.text() == "" and not status.isVisible()
    shots.close_dialog(dialog)


def test_a_dialog_opened_by_qgis_is_decorated_without_any_focus(project_it):
    # QGIS opens attribute dialogs as children of its main window; under Xvfb (no window manager)
    # they never get focus: the hints come from the main window's ChildAdded event.
    from qgis.core import QgsVectorLayerUtils
    from qgis.gui import QgsAttributeDialog, QgsAttributeEditorContext
    from qgis.PyQt.QtWidgets import QMainWindow

    from remix_plugin.forms.desktop import DONE_PROPERTY
    from remix_plugin.gui.form_watch import FormHints

    layers = project_it
    layer = layers["progetti"]
    main_window = QMainWindow()
    hints = FormHints().install(main_window)
    try:
        layer.startEditing()
        feature = QgsVectorLayerUtils.createFeature(layer, context=layer.createExpressionContext())
        context = QgsAttributeEditorContext()
        context.setVectorLayerTools(TOOLS)
        dialog = QgsAttributeDialog(layer, feature, False, main_window, True, context)
        dialog.setMode(QgsAttributeEditorContext.Mode.AddFeatureMode)
        dialog.show()
        for _ in range(3):
            QApplication.processEvents()
        assert dialog.attributeForm().property(DONE_PROPERTY)
        status = dialog.findChild(QLabel, STATUS_NAME)
        assert status is not None and "«Titolo»" in status.text()
        tips = _label_tooltips(dialog)
        assert "l.r. 18/2019" in tips["Livello di rigenerazione"]
        shots.close_dialog(dialog)
        layer.rollBack()
    finally:
        hints.uninstall()
        from qgis.PyQt.QtCore import QCoreApplication, QEvent

        main_window.deleteLater()  # now, while the layers still exist
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
