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
