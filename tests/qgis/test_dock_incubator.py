"""The dock's incubator panels on the demo GeoPackage with its two illustrative calls: "Bandi
compatibili" of the selected project and a call's candidates, its indicators (monitoring), its
metropolitan priority, the network proposals (hull on the map, accepting one makes a programma the tree
shows); "Pubblica sul web…" written in a RemixTask, opened through the loopback preview server,
and refused with nothing written; on the central database, Salva and "N modifiche non salvate"
see the PostgreSQL layers (tests/qgis/test_dock_incubator_central.py)."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import dock_data
import pytest
from dock_data import FakePlugin
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QDate

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.demo.funding import DEMO_DATE, call_uuid, write_calls
from remix_plugin.demo.monitoring import add_monitoring

CASTANESI = "51886fd4-e04e-58b2-8ae3-703f74eb4792"
FONDAZIONE = call_uuid("fondazione-comunita")


@pytest.fixture
def demo_dock(tmp_path, qgis_iface):
    from remix_plugin.gui.dock import RemixDock

    path = build_demo_geopackage(tmp_path / "demo.gpkg")
    write_calls(path)
    add_monitoring(path)
    layers = dock_data.load_layers(path, language="en")
    dock = RemixDock(FakePlugin(qgis_iface), qgis_iface.mainWindow())
    assert dock.set_geopackage(path)
    yield dock, path, layers
    dock.teardown()
    dock.deleteLater()
    for layer in layers.values():
        if layer.isEditable():
            layer.rollBack()
    QgsProject.instance().clear()


def _wait(predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while not predicate() and time.monotonic() < deadline:
        QgsApplication.processEvents()
        time.sleep(0.02)
    QgsApplication.processEvents()
    return predicate()


def _panel(dock, name):
    """Show the tab ``name`` and wait for its data (computed in a RemixTask)."""
    panel = dock.panels[name]
    dock.panel_tabs.setCurrentWidget(panel.page)
    assert _wait(lambda: not panel.loading, 60)
    return panel


def _set_date(panel, text):
    panel.date.setDate(QDate.fromString(text, "yyyy-MM-dd"))
    assert panel.loading  # the match runs in the background…
    assert _wait(lambda: not panel.loading, 60)  # …and its result is shown when it is done


def test_funding_panel_follows_the_project_and_lists_a_calls_candidates(demo_dock):
    from remix_plugin.funding.match import match_source

    dock, path, _layers = demo_dock
    panel = _panel(dock, "RemixFundingPanel")
    assert panel.date.date() == QDate.currentDate()  # today by default
    _set_date(panel, DEMO_DATE)
    assert panel.source == str(path) and not panel.problem.isVisibleTo(panel.page)
    # the chooser lists exactly the calls open on that day
    expected = match_source(str(path), DEMO_DATE)
    chooser = [panel.calls.itemData(i) for i in range(1, panel.calls.count())]
    assert sorted(chooser) == sorted(c.uuid for c in expected.calls) and len(chooser) == 2
    assert dock.select_item("progetto", CASTANESI)
    view = dock.funding_view
    assert view.heading.text() == "Calls for «Casa dei Castanesi»: 1 eligible of 2 open"
    rows = view.row_texts()
    assert [r[1] for r in rows] == ["✔ eligible", "✘ 6/8"]
    assert [len(r[2]) for r in rows] == [8, 8]
    # a call: its candidate projects, as funding.match ranks them
    assert dock.show_call(FONDAZIONE)
    assert view.heading.text().startswith("Candidate projects for «ILLUSTRATIVO — Fondazione")
    ranked = [expected.projects[m.progetto_uuid].titolo for m in expected.of_call(FONDAZIONE)]
    assert [r[0].split(". ", 1)[1] for r in view.row_texts()] == ranked
    # the tree's next project replaces the call, and the chooser goes back to "(choose a call)"
    other = next(uuid for uuid in dock.data.projects if uuid != CASTANESI)
    assert dock.select_item("progetto", other)
    assert panel.calls.currentIndex() == 0
    assert view.heading.text().startswith(f"Calls for «{dock.data.projects[other].title}»")
    # on today's date (after the demo calls closed) the panel says so instead of inventing calls
    _set_date(panel, "2030-01-01")
    assert panel.calls.count() == 1 and "0 calls open on 2030-01-01" in view.footer.text()


def test_monitoring_panel_shows_the_selected_projects_indicators(demo_dock):
    from remix_plugin.monitoring.kpi import kpi_report

    dock, path, _layers = demo_dock
    tabs = dock.panel_tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Compatible calls", "Monitoring", "Priority", "Network proposals"]
    assert dock.select_item("progetto", CASTANESI)
    panel = _panel(dock, "RemixMonitoringPanel")
    assert panel.source == str(path)
    expected = [row for row in kpi_report(str(path)).of_project(CASTANESI) if row.indicator is not None]
    cards = dock.monitoring_view.card_texts()
    assert [card[0] for card in cards] == [row.indicator.nome for row in expected] == ["Fasi concluse"]
    assert cards[0][1].startswith("on track")
    # another project with its own series; then a programma: the cards go
    marconi = next(u for u, p in dock.data.projects.items() if p.title.startswith("Recupero ex edificio"))
    assert dock.select_item("progetto", marconi)
    assert [card[0] for card in dock.monitoring_view.card_texts()] == ["Suolo impermeabilizzato"]
    assert dock.select_item("programma", next(iter(dock.data.programmes)))
    assert dock.monitoring_view.card_texts() == []


def test_priority_panel_shows_the_selected_projects_breakdown(demo_dock):
    from remix_plugin.priority.score import score_projects

    dock, path, _layers = demo_dock
    assert dock.select_item("progetto", CASTANESI)
    panel = _panel(dock, "RemixPriorityPanel")
    assert panel.source == str(path)
    scored = {item.uuid: item for item in score_projects(str(path))}
    mine = scored[CASTANESI]
    heading = dock.priority_view.heading.text()
    assert heading.startswith("Metropolitan priority of «Casa dei Castanesi»: "
                              f"{mine.score:.1f} of 100 points (rank {mine.rank} of {len(scored)})".replace(
                                  ".0 of", " of"))
    rows = dock.priority_view.row_texts()
    assert [r[0] for r in rows] == [p.criterion.label("en") for p in mine.parts]
    assert all(" / " in r[2] for r in rows)
    # a programma selected: no project, the panel empties
    programma = next(iter(dock.data.programmes))
    assert dock.select_item("programma", programma)
    assert dock.priority_view.table.rowCount() == 0
    assert dock.priority_view.heading.text() == "Select a project to see its metropolitan priority."


def test_proposals_panel_shows_the_hull_and_an_accepted_proposal_becomes_a_programma(demo_dock):
    from remix_plugin.networks.suggest import suggest

    dock, path, _layers = demo_dock
    before = set(dock.data.programmes)
    panel = _panel(dock, "RemixProposalsPanel")
    assert panel.source == str(path)
    view = dock.proposals_view
    expected = [p.id for p in suggest(str(path), distance=view.distance.value()).proposals]
    assert view.proposal_ids() == expected and expected
    assert view.select(expected[0])
    QgsApplication.processEvents()
    assert dock.hull_band is not None and dock.hull_band.asGeometry().area() > 0
    hull = dock.hull_band.asGeometry().boundingBox()
    assert dock.iface.mapCanvas().extent().contains(hull), "the map shows the whole proposal"
    _panel(dock, "RemixPriorityPanel")
    assert dock.hull_band is None  # leaving the tab takes the hull off the map
    panel = _panel(dock, "RemixProposalsPanel")
    assert view.select(expected[1]) and dock.hull_band is not None
    assert view.select(expected[0])
    result = view.accept_current("Rete di prova")
    assert result is not None
    assert _wait(lambda: set(dock.data.programmes) - before, 10)
    (new,) = set(dock.data.programmes) - before
    assert dock.data.programmes[new][1] == "Rete di prova"
    assert expected[0] not in view.proposal_ids()


def _publish(dock, out_dir):
    from remix_plugin.gui.web_publish import publish_from_dock

    task = publish_from_dock(dock, None, out_dir=str(out_dir))
    assert task is not None
    publisher = dock.web_publisher
    assert _wait(lambda: publisher.task is None and publisher.dialog is not None, 120)
    return publisher.dialog


def test_publish_on_the_web_runs_in_a_task_and_opens_through_the_loopback(demo_dock, tmp_path):
    import json

    dock, _path, _layers = demo_dock
    action = dock.qactions["RemixPublishWeb"]
    assert action.isEnabled() and action.text() == "Publish on the web…"
    out_dir = tmp_path / "atlante"
    dialog = _publish(dock, out_dir)
    record = json.loads((out_dir / "publication.json").read_text(encoding="utf-8"))
    counts = record["counts"]
    assert counts["progetti"] == 6
    assert f"{counts['progetti']} projects and {counts['lavori']} physical works" in dialog.summary.text()
    assert dialog.browser_button.isVisibleTo(dialog) and dialog.folder_button.isVisibleTo(dialog)
    opened = []
    dialog.open_url = opened.append
    url = dialog.open_in_browser()
    assert opened == [url] and url.startswith("http://127.0.0.1:") and url.endswith("/index.html")
    with urllib.request.urlopen(url, timeout=10) as answer:
        assert answer.status == 200 and b"<html" in answer.read().lower()
    data_url = url.replace("index.html", "data/progetti.json")
    with urllib.request.urlopen(data_url, timeout=10) as answer:
        assert answer.status == 200 and len(answer.read()) > 1000
    dialog.open_folder()
    assert opened[-1] == "file://" + str(out_dir)
    dock.web_publisher.teardown()  # the dock's teardown stops the preview server
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url, timeout=3)


def test_publish_on_the_web_refuses_a_users_folder_and_writes_nothing(demo_dock, tmp_path):
    dock, _path, _layers = demo_dock
    folder = tmp_path / "cartella"
    folder.mkdir()
    (folder / "mio.txt").write_text("appunti", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    dialog = _publish(dock, folder)
    assert dialog.summary.text().startswith("Nothing was published: ")
    assert "is not empty and is not a previous web publication" in dialog.summary.text()
    assert not dialog.browser_button.isVisibleTo(dialog)
    assert sorted(p.name for p in folder.iterdir()) == ["mio.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary folder left


def test_publish_dialog_asks_folder_and_base_layer_checks_it_and_remembers_it(demo_dock, tmp_path):
    import json

    from qgis.core import QgsSettings
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    from remix_plugin.gui import web_publish

    dock, _path, _layers = demo_dock
    QgsSettings().remove("remix/web/base_layer")
    publisher = web_publish.publisher(dock)
    assert publisher.start() is None  # no folder given: the options dialog asks
    dialog = publisher.options
    assert dialog is not None and dialog.isVisible() and publisher.task is None
    assert dialog.type_combo.currentData() == "" and not dialog.url_edit.isEnabled()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # no folder: stays open and says so
    assert dialog.isVisible() and dialog.problem.text() == "Choose the folder of the web atlas."
    out_dir = tmp_path / "atlante_base"
    dialog.folder_edit.setText(str(out_dir))
    dialog.type_combo.setCurrentIndex(web_publish.BASE_LAYER_TYPES.index("xyz"))
    assert dialog.url_edit.isEnabled() and not dialog.layers_edit.isEnabled()
    dialog.url_edit.setText("https://tiles.example.org/tile.png")
    ok.click()  # publish.py's own rule refuses the address without {z}/{x}/{y}
    assert dialog.isVisible() and publisher.task is None
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text().startswith("An XYZ base layer's address needs {z}, {x} and {y}")
    dialog.type_combo.setCurrentIndex(web_publish.BASE_LAYER_TYPES.index("wms"))
    dialog.url_edit.setText("https://www.cartografia.servizirl.it/arcgis/services/wms/ortofoto2018/MapServer/WMSServer")
    ok.click()  # a WMS needs its layers
    assert dialog.isVisible() and dialog.problem.text() == "A WMS base layer needs the names of its layers."
    assert not out_dir.exists()
    dialog.layers_edit.setText("0")
    dialog.attribution_edit.setText("© Regione Lombardia")
    ok.click()
    assert not dialog.isVisible() and publisher.task is not None
    assert _wait(lambda: publisher.task is None and publisher.dialog is not None, 120)
    assert publisher.dialog.browser_button.isVisibleTo(publisher.dialog), publisher.dialog.summary.text()
    record = json.loads((out_dir / "publication.json").read_text(encoding="utf-8"))
    assert record["base_layer"] == {
        "type": "wms", "layers": "0", "attribution": "© Regione Lombardia",
        "url": "https://www.cartografia.servizirl.it/arcgis/services/wms/ortofoto2018/MapServer/WMSServer"}
    assert record["counts"]["progetti"] == 6
    # remembered: the next dialog starts from the same base map
    assert publisher.start() is None
    again = publisher.options
    assert again is not dialog and again.type_combo.currentData() == "wms"
    assert again.layers_edit.text() == "0" and again.attribution_edit.text() == "© Regione Lombardia"
    assert again.url_edit.text() == record["base_layer"]["url"] and again.folder_edit.text() == ""
    again.type_combo.setCurrentIndex(0)  # "None": no base map, and that is remembered too
    assert again.base_layer() is None
    again.folder_edit.setText(str(tmp_path / "senza_base"))
    again.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert _wait(lambda: publisher.task is None and publisher.dialog is not None, 120)
    record = json.loads((tmp_path / "senza_base" / "publication.json").read_text(encoding="utf-8"))
    assert record["base_layer"] is None and web_publish.stored_base_layer() is None
    QgsSettings().remove("remix/web/base_layer")


def _run_publish_algorithm(parameters):
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    from remix_plugin.processing.algorithms.publish_web import PublishWebAlgorithm

    algorithm = PublishWebAlgorithm()
    algorithm.initAlgorithm()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    ok, message = algorithm.checkParameterValues(parameters, context)
    assert ok, message
    return algorithm.processAlgorithm(parameters, context, feedback)


def test_publish_algorithm_takes_a_geopackage_and_a_base_layer(tmp_path, qgis_app):
    import json

    from qgis.core import QgsProcessingException

    path = build_demo_geopackage(tmp_path / "demo.gpkg")
    out_dir = tmp_path / "atlante_xyz"
    result = _run_publish_algorithm({
        "INPUT": str(path), "OUTPUT": str(out_dir), "BASE_LAYER_TYPE": 1,
        "BASE_LAYER_URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "BASE_LAYER_ATTRIBUTION": "© OpenStreetMap"})
    record = json.loads((out_dir / "publication.json").read_text(encoding="utf-8"))
    assert record["base_layer"] == {"type": "xyz", "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                                    "attribution": "© OpenStreetMap"}
    assert record["source"]["file"] == "demo.gpkg" and result["PROJECTS"] == record["counts"]["progetti"] > 0
    bad = tmp_path / "atlante_bad"
    with pytest.raises(QgsProcessingException, match="needs the names of its layers"):
        _run_publish_algorithm({"INPUT": str(path), "OUTPUT": str(bad), "BASE_LAYER_TYPE": 2,
                                "BASE_LAYER_URL": "https://example.org/wms"})
    with pytest.raises(QgsProcessingException, match="Choose the type of the base map"):
        _run_publish_algorithm({"INPUT": str(path), "OUTPUT": str(bad),
                                "BASE_LAYER_URL": "https://example.org/wms"})
    assert not bad.exists()
