"""The layout rules of docs/architecture.md, checked on the source (``ast``, nothing imported):

1. ``gui/`` is imported only by ``gui/`` and ``plugin.py`` (so core, ``processing/`` and the CLI
   never reach it); widgets (``qgis.gui``, ``QtWidgets``, ``qgis.utils.iface``) only there, in
   ``forms/desktop.py`` (the attribute form's desktop hints) and behind the doors listed below;
2. the command line (``python3 -m remix_plugin``) needs no QGIS: no module it can reach imports
   ``qgis`` at module level (``QGIS_DOORS``: the lazy imports that only run inside QGIS);
3. Qt only through ``qgis.PyQt`` (never PyQt5/PyQt6/sip/PySide);
4. no QGIS/Qt version shim outside ``compat.py`` (``QGIS_VERSION_INT``, ``qVersion``…,
   ``hasattr``/``getattr`` on a QGIS or Qt class);
5. one translation mechanism (``i18n.tr``): no ``language == "it"``, no ``{"it": …, "en": …}`` and
   no ``pick(language, "Italiano", "English")`` on two texts written in the code (``pick`` is for
   bilingual *data*: ``pick(language, term.label_it, term.label_en)``) outside ``i18n.py``, except
   the modules still listed in ``TRANSLATION_LEFT`` (no module may join it).

Each rule has a test that feeds it a mutated module, so each can fail."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "remix_plugin"

GUI_IMPORTERS = ("remix_plugin.gui", "remix_plugin.plugin")
WIDGET_MODULES = ("qgis.gui", "qgis.PyQt.QtWidgets", "qgis.utils")
WIDGET_USERS = ("remix_plugin.gui", "remix_plugin.plugin", "remix_plugin.forms.desktop")
# (module, lazy import): reached only inside QGIS, each with why
QGIS_DOORS = {
    ("remix_plugin.log", "remix_plugin.compat"): "QgisMessageLogHandler.emit, attached in initGui",
    ("remix_plugin.layers.geopackage", "remix_plugin.qgis_project.storage"):
        "create_geopackage(with_project=True): the plugin's 'New GeoPackage', never the CLI",
    ("remix_plugin.qgis_project.storage", "qgis.utils"): "_notify: the message bar of QGIS's window",
}
CLI_ENTRY = "remix_plugin.__main__"
FOREIGN_QT = ("PyQt5", "PyQt6", "sip", "PySide2", "PySide6", "shiboken2", "shiboken6")
VERSION_NAMES = {"QGIS_VERSION_INT", "QGIS_VERSION", "QGIS_RELEASE_NAME", "QT_VERSION", "QT_VERSION_STR",
                 "PYQT_VERSION", "PYQT_VERSION_STR", "qVersion"}
QT_OR_QGIS_CLASS = re.compile(r"^(Qgs|Qgis|Q[A-Z])")
SHIM_HOME = "remix_plugin.compat"
# modules that still choose a language inline, by owner (issue 13: convert to i18n.tr, then remove)
TRANSLATION_LEFT = {}  # {module: owner}; empty since issue 13 (every module converted)
TRANSLATION_HOME = "remix_plugin.i18n"


# -- reading the package ---------------------------------------------------------------------
def module_name(path, root=ROOT):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def package_sources(root=ROOT):
    """{module name: (source, is package)} of every module of remix_plugin."""
    sources = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        if "__pycache__" not in path.parts:
            sources[module_name(path, root)] = (path.read_text(encoding="utf-8"), path.name == "__init__.py")
    return sources


def imports(name, source, is_package, known=()):
    """[(imported module, lazy, line)]: lazy = inside a function (runs only when it is called)."""
    found = []

    def visit(node, lazy):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                found.extend((alias.name, lazy, child.lineno) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = name.split(".") if is_package else name.split(".")[:-1]
                    base = base[:len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module
                found.append((target, lazy, child.lineno))
                found.extend((f"{target}.{alias.name}", lazy, child.lineno) for alias in child.names
                             if f"{target}.{alias.name}" in known)
            visit(child, lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(ast.parse(source), False)
    return found


def import_graph(sources):
    return {name: imports(name, source, is_package, sources)
            for name, (source, is_package) in sources.items()}


def _inside(name, prefixes):
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


# -- the rules: each returns a list of violations as text ----------------------------------------
def gui_imported_outside_gui(graph):
    return [f"{module}:{line} imports {target}" for module, found in graph.items()
            for target, _lazy, line in found
            if _inside(target, ("remix_plugin.gui",)) and not _inside(module, GUI_IMPORTERS)]


def widgets_outside_gui(graph):
    return [f"{module}:{line} imports {target}" for module, found in graph.items()
            for target, _lazy, line in found
            if _inside(target, WIDGET_MODULES) and not _inside(module, WIDGET_USERS)
            and (module, target) not in QGIS_DOORS]


def reachable(graph, start):
    """Modules a run from ``start`` may import: every import, lazy ones too, except the doors
    into QGIS; a package's own lazy imports (``classFactory``) run only when QGIS calls them."""
    seen, stack = {}, [(start, "")]
    while stack:
        module, via = stack.pop()
        if module in seen:
            continue
        seen[module] = via
        for target, lazy, line in graph[module]:
            if (module, target) in QGIS_DOORS or (lazy and module == PACKAGE):
                continue
            parts = target.split(".")
            for end in range(1, len(parts) + 1):
                candidate = ".".join(parts[:end])
                if candidate in graph and candidate not in seen:
                    stack.append((candidate, f"{module}:{line}"))
    return seen


def qgis_on_the_cli_path(graph, start=CLI_ENTRY):
    path = reachable(graph, start)
    return [f"{module}:{line} imports {target} (reached from {path[module]})"
            for module in sorted(path) for target, lazy, line in graph[module]
            if not lazy and target.split(".")[0] == "qgis"]


def foreign_qt(graph):
    return [f"{module}:{line} imports {target}" for module, found in graph.items()
            for target, _lazy, line in found if target.split(".")[0] in FOREIGN_QT]


def _root_name(node):
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def version_shims(name, source):
    if name == SHIM_HOME:
        return []
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in VERSION_NAMES:
            found.append(f"{name}:{node.lineno} {node.attr}")
        elif isinstance(node, ast.Name) and node.id in VERSION_NAMES:
            found.append(f"{name}:{node.lineno} {node.id}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("hasattr", "getattr") and node.args
              and QT_OR_QGIS_CLASS.match(_root_name(node.args[0]))):
            found.append(f"{name}:{node.lineno} {node.func.id}({_root_name(node.args[0])}, …)")
    return found


def _written_text(node):
    """A text written in the code: a string literal or an f-string."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str))


def translation_dialects(name, source):
    """Inline language choices, it/en dictionaries and ``pick`` between two written texts outside
    i18n.py."""
    if name == TRANSLATION_HOME:
        return []
    found = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and len(node.args) >= 3 and
                (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == "pick"
                and _written_text(node.args[1]) and _written_text(node.args[2])):
            found.append(f"{name}:{node.lineno} pick(language, \"…\", \"…\") on two written texts")
        if isinstance(node, ast.Compare) and any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            values = [node.left, *node.comparators]
            if any(isinstance(v, ast.Constant) and v.value in ("it", "en") for v in values):
                found.append(f"{name}:{node.lineno} compares a language with \"it\"/\"en\"")
        elif isinstance(node, ast.Dict):
            keys = {key.value for key in node.keys if isinstance(key, ast.Constant)}
            if {"it", "en"} <= keys:
                found.append(f"{name}:{node.lineno} {{\"it\": …, \"en\": …}}")
    return found


# -- the tree as it is -----------------------------------------------------------------------------
SOURCES = package_sources()
GRAPH = import_graph(SOURCES)


def test_gui_is_imported_only_by_gui_and_the_plugin_shell():
    assert gui_imported_outside_gui(GRAPH) == []


def test_widgets_only_in_the_gui_shell():
    assert widgets_outside_gui(GRAPH) == []


def test_command_line_reaches_no_qgis():
    assert qgis_on_the_cli_path(GRAPH) == []
    path = reachable(GRAPH, CLI_ENTRY)
    assert {"remix_plugin.validation.engine", "remix_plugin.export.checker", "remix_plugin.export.merge",
            "remix_plugin.layers.geopackage"} <= set(path)  # the walk does reach the core
    assert not any(_inside(m, ("remix_plugin.gui", "remix_plugin.processing")) for m in path)


def test_processing_never_reaches_gui():
    for module in GRAPH:
        if _inside(module, ("remix_plugin.processing",)):
            reached = reachable(GRAPH, module)
            assert not [m for m in reached if _inside(m, ("remix_plugin.gui",))], module


def test_qt_only_through_qgis_pyqt():
    assert foreign_qt(GRAPH) == []


def test_no_version_shim_outside_compat():
    found = [v for name, (source, _pkg) in SOURCES.items() for v in version_shims(name, source)]
    assert found == []


def test_one_translation_mechanism():
    found = {name: translation_dialects(name, source) for name, (source, _pkg) in SOURCES.items()}
    new = {name: hits for name, hits in found.items() if hits and name not in TRANSLATION_LEFT}
    assert new == {}, "use i18n.tr (docs/architecture.md, Translation)"
    # a module converted by its owner simply stops matching; the lead prunes TRANSLATION_LEFT
    assert set(TRANSLATION_LEFT) <= set(SOURCES), "a module of TRANSLATION_LEFT is gone: remove it"


def test_translation_left_lists_only_modules_still_to_convert():
    """A converted module leaves TRANSLATION_LEFT (else it could slip back unnoticed)."""
    done = [name for name in TRANSLATION_LEFT
            if name in SOURCES and not translation_dialects(name, SOURCES[name][0])]
    assert done == [], f"converted: remove from TRANSLATION_LEFT {done}"


def test_doors_still_exist():
    """A door that is no longer there must leave the list (it would hide a future import)."""
    for module, target in QGIS_DOORS:
        assert any(t == target and lazy for t, lazy, _ in GRAPH[module]), (module, target)


# -- each rule can fail (the same checks on mutated modules) -------------------------------------
def _mutated(name, source, is_package=False):
    sources = dict(SOURCES)
    sources[name] = (source, is_package)
    return import_graph(sources)


def test_mutation_core_importing_gui_is_caught():
    source = SOURCES["remix_plugin.validation.engine"][0] + "\nfrom ..gui.dock import RemixDock\n"
    found = gui_imported_outside_gui(_mutated("remix_plugin.validation.engine", source))
    assert found and "remix_plugin.gui.dock" in found[0]


def test_mutation_processing_importing_gui_lazily_is_caught():
    source = "def process():\n    from ...gui import dock_view\n"
    algorithm = "remix_plugin.processing.algorithms.validate"
    graph = _mutated(algorithm, source)
    assert gui_imported_outside_gui(graph)
    assert any(_inside(m, ("remix_plugin.gui",)) for m in reachable(graph, algorithm))


def test_mutation_widget_in_core_is_caught():
    source = "from qgis.PyQt.QtWidgets import QMessageBox\n"
    assert widgets_outside_gui(_mutated("remix_plugin.export.writer", source))


def test_mutation_qgis_on_the_cli_path_is_caught():
    # a module-level QGIS import two steps away from __main__ (cli -> checker -> textsafe)
    source = SOURCES["remix_plugin.textsafe"][0] + "\nfrom qgis.core import QgsProject\n"
    found = qgis_on_the_cli_path(_mutated("remix_plugin.textsafe", source))
    assert found and found[0].startswith("remix_plugin.textsafe:")


def test_mutation_pyqt5_import_is_caught():
    assert foreign_qt(_mutated("remix_plugin.atlas.fit", "from PyQt5.QtGui import QFont\n"))


def test_mutation_version_shims_are_caught():
    source = ("from qgis.core import Qgis, QgsUnitTypes\n"
              "if Qgis.QGIS_VERSION_INT >= 33000:\n    pass\n"
              "unit = getattr(QgsUnitTypes, 'RenderPoints', None)\n"
              "ok = hasattr(Qgis.LabelPlacement, 'Line')\n")
    assert len(version_shims("remix_plugin.atlas.layout", source)) == 3
    assert version_shims(SHIM_HOME, source) == []
    assert version_shims("remix_plugin.atlas.layout", "ok = hasattr(layer, 'selectionChanged')\n") == []


def test_mutation_inline_translation_is_caught():
    source = ('def label(language):\n    return "Comuni" if language == "it" else "Municipalities"\n'
              'WORDS = {"it": {"a": "b"}, "en": {"a": "c"}}\n')
    assert len(translation_dialects("remix_plugin.atlas.poster", source)) == 2
    assert translation_dialects(TRANSLATION_HOME, source) == []


def test_mutation_pick_between_written_texts_is_caught():
    source = ('from ..i18n import pick\n'
              'def total(language):\n    return pick(language, "Totale", "Total")\n'
              'def goal(language, n):\n    return i18n.pick(language, f"obiettivo {n}", f"target {n}")\n'
              'def label(language, term):\n    return pick(language, term.label_it, term.label_en)\n')
    found = translation_dialects("remix_plugin.monitoring.output", source)
    assert [line.split(" ")[0] for line in found] == ["remix_plugin.monitoring.output:3",
                                                        "remix_plugin.monitoring.output:5"]
    assert translation_dialects(TRANSLATION_HOME, source) == []
