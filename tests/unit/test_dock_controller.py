"""The dock's controller without a QGIS window: filters, enabled actions (and why not), the
operation each declared action runs, the status line, the tree's current item. Driven with a
snapshot written by hand, plain objects for the layers and recording operations."""

import subprocess
import sys

import pytest

from remix_plugin.gui import dock_definitions
from remix_plugin.gui.dock_controller import CurrentItem, DockController, item_of_row
from remix_plugin.gui.dock_definitions import ACTIONS, FILTERS
from remix_plugin.gui.tree_snapshot import ProjectInfo, TreeSnapshot
from remix_plugin.taxonomy import load_scheme

RHO, PERO, CASTANO = "015182", "015170", "015058"
P_SCALO, P_MARCONI, P_VERDE, P_SOLO = "p-scalo", "p-marconi", "p-verde", "p-solo"


def snapshot():
    data = TreeSnapshot()
    data.comuni = {RHO: ("Rho", "nord_ovest"), PERO: ("Pero", "nord_ovest"),
                   CASTANO: ("Castano Primo", "alto_milanese")}
    data.programmes = {"prog-verde": (1, "Tema verde")}
    projects = [
        ProjectInfo(1, P_SCALO, "Ex scalo merci", "prog-verde", RHO, ("sociale", "urbanistico"),
                    "comunale", "in_corso"),
        ProjectInfo(2, P_MARCONI, "Piazza Marconi", "", RHO, ("urbanistico",), "sovracomunale", "proposta"),
        ProjectInfo(3, P_VERDE, "Parco lineare", "prog-verde", CASTANO, ("ambientale",), "comunale",
                    "proposta"),
        ProjectInfo(4, P_SOLO, "Casa dei Castanesi", "", CASTANO, ("culturale",), "comunale", "concluso"),
    ]
    projects[1].lavori.append((10, "l-pero", "Tratto Pero", PERO))  # Marconi also touches Pero
    projects[3].azioni.append((20, "a-1", "Laboratorio di quartiere", ""))
    data.projects = {p.uuid: p for p in projects}
    data.counts = {"programmi": 1, "progetti": 4, "lavori": 1, "azioni": 1, "criticita": 0}
    return data


LAYERS = {table: object() for table in ("progetti", "lavori", "azioni", "criticita", "progetto_attori",
                                        "fasi", "misure", "comuni")}


@pytest.fixture
def controller():
    controller = DockController()
    assert controller.show_file("/tmp/remix.gpkg", LAYERS)
    controller.set_snapshot(snapshot())
    return controller


def shown(controller):
    return sorted(controller.visible_projects())


def test_the_controller_needs_neither_qt_nor_qgis():
    code = ("import sys; import remix_plugin.gui.dock_controller, remix_plugin.gui.dock_definitions; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6', 'sip')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_without_filters_every_project_is_shown(controller):
    assert controller.visibility is None and not controller.filters_active
    assert shown(controller) == sorted([P_SCALO, P_MARCONI, P_VERDE, P_SOLO])


def test_each_declared_filter_narrows_the_projects(controller):
    controller.set_filter("comune", PERO)  # Marconi's own comune is Rho, one of its lavori is in Pero
    assert shown(controller) == [P_MARCONI]
    controller.set_filter("comune", "")
    controller.set_filter("zona_omogenea", "alto_milanese")
    assert shown(controller) == [P_SOLO, P_VERDE]
    controller.set_filter("stato_progetto", "proposta")  # combined with the zone
    assert shown(controller) == [P_VERDE]
    controller.clear_filters()
    controller.set_filter("ambito_opportunita", "urbanistico")
    assert shown(controller) == [P_MARCONI, P_SCALO]
    controller.set_filter("scala_impatto", "sovracomunale")
    assert shown(controller) == [P_MARCONI]
    with pytest.raises(KeyError):
        controller.set_filter("no_such_filter", "x")


def test_search_reads_titles_programme_comune_and_children(controller):
    for text, expected in (("marconi", [P_MARCONI]), ("tratto pero", [P_MARCONI]),
                           ("tema verde", [P_SCALO, P_VERDE]), ("castano", [P_SOLO, P_VERDE]),
                           ("laboratorio", [P_SOLO]), ("nessuno", [])):
        controller.set_search(text)
        assert shown(controller) == expected, text
    visibility = controller.set_search("marconi")
    # Marconi has no programme: only "Progetti senza programma" stays, "Non collegati" goes
    assert visibility.programmes == set() and visibility.orphans and not visibility.unlinked
    visibility = controller.set_search("ex scalo")
    assert visibility.programmes == {"prog-verde"} and not visibility.orphans
    controller.set_search("  ")
    assert controller.visibility is None


def test_only_with_problems_needs_a_validation(controller):
    controller.set_filters({}, only_problems=True)
    assert not controller.problems_available and controller.visibility is None  # no validation yet
    controller.set_problem_projects({P_VERDE})
    assert shown(controller) == [P_VERDE]
    controller.set_problem_projects(None)
    assert controller.visibility is None


def test_a_new_snapshot_is_filtered_again(controller):
    controller.set_filter("comune", RHO)
    data = snapshot()
    data.projects[P_SOLO].comune = RHO
    controller.set_snapshot(data)
    assert shown(controller) == [P_MARCONI, P_SCALO, P_SOLO]


def test_filter_choices_come_from_the_file_and_the_scheme(controller):
    by_name = {spec.name: spec for spec in FILTERS}
    scheme = load_scheme()
    assert controller.filter_choices(by_name["comune"], scheme, "it") == [
        ("Castano Primo", CASTANO), ("Pero", PERO), ("Rho", RHO)]
    zones = controller.filter_choices(by_name["zona_omogenea"], scheme, "it")
    assert ("Alto Milanese", "alto_milanese") in zones
    states = [code for _label, code in controller.filter_choices(by_name["stato_progetto"], scheme, "en")]
    assert states[0] == "proposta" and "concluso" in states


def test_actions_without_a_file_say_to_open_one():
    states = DockController().action_states()
    assert set(states) == {spec.name for spec in ACTIONS}
    assert all(not enabled and reason == "Open a RE.MIX GeoPackage first"
               for enabled, reason in states.values())


def test_actions_follow_the_current_item(controller):
    states = controller.action_states()
    assert states["RemixNewProject"] == (True, "Open a RE.MIX GeoPackage first")  # reason unused
    no_project = "Select a project (or one of its items) in the tree first"
    assert states["RemixAddFase"] == (False, no_project)
    assert states["RemixDrawPerimeter"] == (False, no_project)
    controller.current = item_of_row("lavoro", "l-pero", 10, "group", P_MARCONI)
    states = controller.action_states(map_selection=(False, "Select one or more features"))
    assert states["RemixDrawPerimeter"] == (True, no_project)
    assert states["RemixAddFase"][0] and states["RemixAttachAzione"][0]
    assert states["RemixPerimeterFromSelection"] == (False, "Select one or more features")
    states = controller.action_states(map_selection=(True, ""))
    assert states["RemixPerimeterFromSelection"][0]


def test_a_missing_layer_disables_its_action_with_the_reason():
    looked_up = []

    def find_layers(path, tables):
        looked_up.append((path, tables))
        return {"fasi": object()} if "fasi" in tables else {}

    layers = {table: layer for table, layer in LAYERS.items() if table not in ("fasi", "misure", "lavori")}
    controller = DockController(find_layers=find_layers)
    controller.show_file("/tmp/remix.gpkg", layers)
    controller.current = CurrentItem("progetto", P_SCALO, 1, project_uuid=P_SCALO)
    states = controller.action_states()
    assert states["RemixAddMisura"] == (False, "The layer of this table is not in the project")
    assert states["RemixAddFase"][0]  # added to the QGIS project after the file was shown: found
    assert not states["RemixDrawPerimeter"][0]  # no lavori layer
    assert ("/tmp/remix.gpkg", ("misure",)) in looked_up
    before = len(looked_up)
    controller.action_states()
    assert len(looked_up) == before + 1  # "misure" asked again ("fasi" is known now), nothing more


def test_trigger_runs_the_declared_operation_on_the_current_item(controller):
    calls = []
    def recorder(name):
        return lambda spec, item: calls.append((name, spec.table, item.project_uuid))

    controller.operations = {name: recorder(name)
                             for name in ("new_project", "draw_perimeter", "perimeter_from_selection",
                                          "attach_azione", "add_row")}
    controller.current = item_of_row("progetto", P_VERDE, 3, "programma", "prog-verde")
    for spec in ACTIONS:
        if ":" not in spec.operation:  # those of another module open QGIS dialogs (the next test)
            controller.trigger(spec.name)
    assert calls == [("new_project", "", P_VERDE), ("draw_perimeter", "", P_VERDE),
                     ("perimeter_from_selection", "", P_VERDE), ("attach_azione", "azioni", P_VERDE),
                     ("add_row", "criticita", P_VERDE), ("add_row", "progetto_attori", P_VERDE),
                     ("add_row", "fasi", P_VERDE), ("add_row", "misure", P_VERDE)]


RECORDED = []


def record_call(context, item):
    RECORDED.append((context, item.project_uuid))
    return "done"


def test_an_action_declared_with_a_module_calls_it(controller, monkeypatch):
    from remix_plugin.gui.dock_definitions import ActionSpec

    spec = ActionSpec("RemixNewActor", "action_new_actor", "/mActionAdd.svg", "New actor…", "Tip",
                      f"{__name__}:record_call")  # what a request of another module adds: one entry
    monkeypatch.setattr(dock_definitions, "ACTIONS", dock_definitions.ACTIONS + (spec,))
    controller.context = "the dock"
    controller.current = CurrentItem("progetto", P_SCALO, 1, project_uuid=P_SCALO)
    assert controller.trigger("RemixNewActor") == "done"
    assert RECORDED == [("the dock", P_SCALO)]


def test_declarations_are_unique_and_complete():
    for specs, key in ((ACTIONS, "name"), (ACTIONS, "attribute"), (FILTERS, "name"), (FILTERS, "widget")):
        values = [getattr(spec, key) for spec in specs]
        assert len(values) == len(set(values)), key
    assert all(spec.needs in ("file", "project") for spec in ACTIONS)
    assert all(spec.operation in ("new_project", "draw_perimeter", "perimeter_from_selection",
                                  "attach_azione", "add_row") or ":" in spec.operation for spec in ACTIONS)


def test_current_item_of_each_kind_of_row():
    project = item_of_row("progetto", P_SCALO, 1, "programma", "prog-verde")
    assert (project.project_uuid, project.programme_uuid) == (P_SCALO, "prog-verde")
    assert item_of_row("progetto", P_SOLO, 4, "orphans", "").programme_uuid == ""
    assert item_of_row("programma", "prog-verde", 1).programme_uuid == "prog-verde"
    group = item_of_row("group", P_SCALO, 99, "progetto", P_SCALO)
    assert group.project_uuid == P_SCALO and group.fid is None
    lavoro = item_of_row("lavoro", "l-pero", 10, "group", P_MARCONI)
    assert (lavoro.project_uuid, lavoro.lavoro_uuid) == (P_MARCONI, "l-pero")
    assert item_of_row("fase", "f-1", 5, "group", P_SCALO).lavoro_uuid == ""
    assert item_of_row("lavoro", "l-x", 11, "unlinked", "").project_uuid == ""
    assert item_of_row(None, None, None).kind == ""


def test_status_line_and_the_added_message(controller):
    assert controller.status_text() == "1 programmes · 4 projects · 1 works · 1 actions · 0 problems"
    controller.set_filter("comune", CASTANO)
    assert controller.status_text().startswith("2 of 4 projects shown · ")
    controller.current = CurrentItem("fase", "f-1", 5, project_uuid=P_SOLO)
    assert controller.added_text("Fasi") == ("Added to “Fasi” of the project “Casa dei Castanesi” — not "
                                             "saved yet: use Save in the RE.MIX panel")
    assert controller.added_kind("progetto_attori") == "attore"


def test_closing_the_file_forgets_it(controller):
    controller.set_filter("comune", RHO)
    controller.close_file()
    assert controller.gpkg_path is None and controller.qgis_layers == {} and shown(controller) == []
    assert not controller.show_file("/tmp/other.gpkg", {"lavori": object()})  # no progetti layer
    assert not controller.has_file
