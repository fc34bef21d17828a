"""The dock's actions and filters, declared once as data: the panel is generated from these
entries and the controller decides from them, so adding a button or a filter is one entry here.

Plain Python (no Qt): the unit tests read these declarations and drive the controller with them.
Texts are English source strings marked with :func:`tr` (a marker: the view translates them with
``i18n.tr`` when it builds the widgets, so `make translations-check` still finds them).
"""

from dataclasses import dataclass
from typing import Callable, Optional


def tr(text):
    """Marks a source string for translation; the view translates it (see the module docstring)."""
    return text


@dataclass(frozen=True)
class ActionSpec:
    """One button of the panel (a QAction in a two-column grid)."""

    name: str  # objectName of the QAction (e2e tests and screenshots find it by this name)
    attribute: str  # the view keeps the QAction as this attribute (dock.action_draw…)
    icon: str  # QGIS theme icon
    label: str
    tip: str
    operation: str  # what it runs: a DockController operation, or "module:function" (see below)
    table: str = ""  # add_row: the table the new row goes to (its layer must be in the project)
    needs: str = "project"  # "file": a RE.MIX file is shown; "project": a project is current too
    needs_layer: str = ""  # a layer that must be in the project (else: the "select a project" reason)
    needs_map_selection: bool = False  # a polygon layer with selected features must be active


# An ``operation`` "remix_plugin.gui.some_module:function" is imported when the button is clicked
# and called as ``function(dock, current_item)`` (a ``dock_controller.CurrentItem``).
ACTIONS = (
    ActionSpec("RemixNewProject", "action_new_project", "/mActionFileNew.svg", tr("New project"),
               tr("Create a new project: fill its form, then draw the perimeter of its first work"),
               "new_project", needs="file"),
    ActionSpec("RemixDrawPerimeter", "action_draw", "/mActionCapturePolygon.svg", tr("Draw perimeter"),
               tr("Draw the perimeter of a new work of the selected project, snapping to the comuni "
                  "and to the visible layers"),
               "draw_perimeter", needs_layer="lavori"),
    ActionSpec("RemixPerimeterFromSelection", "action_from_selection", "/mActionEditPaste.svg",
               tr("Perimeter from selection"),
               tr("Create a work of the selected project from each selected feature of the active "
                  "polygon layer (cadastral parcel, PGT area…), transformed to the working CRS"),
               "perimeter_from_selection", needs_map_selection=True),
    ActionSpec("RemixAttachAzione", "action_azione", "/mActionLink.svg", tr("Attach action"),
               tr("Add an action (social, cultural or economic) to the selected project or work"),
               "attach_azione", table="azioni"),
    ActionSpec("RemixAddCriticita", "action_criticita", "/mIconWarning.svg", tr("Add problem"),
               tr("Add a problem (criticità) answered by the selected project"),
               "add_row", table="criticita"),
    ActionSpec("RemixAddAttore", "action_attore", "/mActionNewAttribute.svg", tr("Add actor"),
               tr("Involve an actor in the selected project"),
               "add_row", table="progetto_attori"),
    ActionSpec("RemixAddFase", "action_fase", "/mActionNewTableRow.svg", tr("Add phase"),
               tr("Add the next phase of the selected project"),
               "add_row", table="fasi"),
    ActionSpec("RemixAddMisura", "action_misura", "/mActionMeasure.svg", tr("Add measurement"),
               tr("Record a measurement of an indicator (KPI) for the selected project"),
               "add_row", table="misure"),
    ActionSpec("RemixConnectCentral", "action_connect_central", "/mIconPostgis.svg",
               tr("Connect to the RE.MIX database…"),
               tr("Open the central RE.MIX database (PostgreSQL) from a saved QGIS connection or a "
                  "pg_service.conf service, with the project stored in it"),
               "remix_plugin.gui.central_connect:connect_from_dock", needs="file"),
    ActionSpec("RemixPublishWeb", "action_publish_web", "/mActionSharingExport.svg",
               tr("Publish on the web…"),
               tr("Write the static web atlas of the projects marked 'pubblicabile' into a folder "
                  "(in the background): map, cards, filters and story maps, no personal data"),
               "remix_plugin.gui.web_publish:publish_from_dock", needs="file"),
    ActionSpec("RemixPrepareServer", "action_prepare_server", "/mActionAddWmsLayer.svg",
               tr("Prepare for QGIS Server…"),
               tr("Write a QGIS project (.qgs) beside the data that QGIS Server, G3W-SUITE or Lizmap "
                  "can serve: WMS, WFS and OGC API – Features of the projects marked 'pubblicabile', "
                  "with their cards and the atlas for printing, no personal data"),
               "remix_plugin.gui.server_prepare:prepare_from_dock", needs="file"),
)

# Which kind of tree item a row added to a table becomes (it is made current after the form).
ADDED_KIND = {"azioni": "azione", "criticita": "criticita", "progetto_attori": "attore", "fasi": "fase",
              "misure": "misura"}


# -- filters --------------------------------------------------------------------------------------
def _in_comune(data, istat):
    return lambda project: istat in data.comuni_of(project)


def _in_zone(data, zona):
    zone_comuni = {istat for istat, (_name, zone) in data.comuni.items() if zone == zona}
    return lambda project: bool(data.comuni_of(project) & zone_comuni)


def _has_ambito(_data, code):
    return lambda project: code in project.ambiti


def _attribute_is(attribute):
    def prepare(_data, code):
        return lambda project: getattr(project, attribute) == code
    return prepare


@dataclass(frozen=True)
class FilterSpec:
    """One combo of the *Filters* box: "(all)" and the choices; a project passes when ``accepts``
    (``accepts(snapshot, code)`` returns the test of one project, prepared once per change)."""

    name: str
    widget: str  # the view keeps the QComboBox as this attribute (dock.comune_combo…)
    label: str
    tip: str
    accepts: Callable
    dimension: Optional[str] = None  # choices: the scheme dimension's terms; None: the file's comuni


FILTERS = (
    FilterSpec("comune", "comune_combo", tr("Comune"),
               tr("Only projects in this comune (their own or their works')"), _in_comune),
    FilterSpec("zona_omogenea", "zona_combo", tr("Zona omogenea"),
               tr("Only projects in a comune of this zona omogenea"), _in_zone, "zona_omogenea"),
    FilterSpec("ambito_opportunita", "ambito_combo", tr("Field of opportunity"),
               tr("Only projects with this field of opportunity"), _has_ambito, "ambito_opportunita"),
    FilterSpec("scala_impatto", "scala_combo", tr("Scale of impact"),
               tr("Only projects with this scale of expected impact"), _attribute_is("scala"),
               "scala_impatto"),
    FilterSpec("stato_progetto", "stato_combo", tr("State"),
               tr("Only projects in this state"), _attribute_is("stato"), "stato_progetto"),
)


# -- the incubator's panels (issue 16) -----------------------------------------------------------
@dataclass(frozen=True)
class PanelSpec:
    """One tab of the incubator's panels under the tree (objectName ``name``).

    ``widget`` "module:Class" is built with ``Class(parent)``; the page gives it the file shown
    with ``set_source(source)`` when its tab is shown (again after a save), and, when ``follows``
    is "project", the tree's current project with ``show_project(uuid)``. ``calls``: the tab also
    has a chooser of the open calls (``result.calls``) that shows one with ``show_call(uuid)``.
    ``dated``: the tab has a date (today by default) and is given ``set_source(source, date)``
    (which calls are open on that day). ``compute`` "module:function": the panel's data are
    computed in a RemixTask as ``function(source[, date])`` (a metropolitan file of thousands of
    projects takes seconds) and given to the view's method ``apply``; without it, ``set_source``
    runs in the GUI thread (fast: a comune's file)."""

    name: str
    attribute: str  # the view keeps the panel's widget as this attribute (dock.funding_view…)
    label: str
    tip: str
    widget: str
    follows: str = "project"  # "project": show_project(uuid) of the current project; "": nothing
    calls: bool = False
    dated: bool = False
    geopackage_only: bool = False  # the panel writes into the file (decisions): not on a database
    compute: str = ""
    apply: str = ""


PANELS = (
    PanelSpec("RemixFundingPanel", "funding_view", tr("Compatible calls"),
              tr("The open calls for funding the selected project may apply to, each criterion "
                 "with its reason; or the candidate projects of a call"),
              "remix_plugin.gui.funding_view:FundingView", calls=True, dated=True,
              compute="remix_plugin.funding.match:match_source", apply="set_result"),
    PanelSpec("RemixMonitoringPanel", "monitoring_view", tr("Monitoring"),
              tr("The indicators of the selected project: measurements over time against the "
                 "baseline and the target, and whether it is on track, late or achieved"),
              "remix_plugin.gui.monitoring_view:MonitoringView",
              compute="remix_plugin.monitoring.kpi:kpi_report", apply="set_report"),
    PanelSpec("RemixPriorityPanel", "priority_view", tr("Priority"),
              tr("The metropolitan priority score of the selected project, with the points of each "
                 "criterion of the profile"),
              "remix_plugin.gui.priority_view:PriorityView",
              compute="remix_plugin.priority.score:score_projects", apply="set_scores"),
    PanelSpec("RemixProposalsPanel", "proposals_view", tr("Network proposals"),
              tr("Proposals of networks of projects (programmi a rete) by proximity and by theme, to "
                 "accept or reject"),
              "remix_plugin.gui.proposals_view:ProposalsView", follows="", geopackage_only=True),
)
