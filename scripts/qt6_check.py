#!/usr/bin/python3
"""Static Qt6 (QGIS 4) readiness check of the plugin's own code.

QGIS 4 cannot be installed on these machines, but Debian's ``python3-pyqt6`` can: every Qt name
the plugin spells through ``qgis.PyQt`` (``Qt.AlignmentFlag.AlignLeft``,
``QDialogButtonBox.StandardButton.Ok``, ``QSizePolicy.Policy.Expanding``…) is resolved in
PyQt6 itself, and the Qt5-only APIs that cannot be resolved statically (``exec_()``,
``QFontMetrics.width()``, ``QDesktopWidget``, ``activated[str]``…) are found by their shape in
the syntax tree, as QGIS's own ``scripts/pyqt5_to_pyqt6/pyqt5_to_pyqt6.py`` finds them.

Only names imported from ``qgis.PyQt.*`` are checked: QGIS classes (``qgis.core``, ``qgis.gui``)
are not PyQt6 classes. Exit code 0: ready; 1: findings (one ``path:line:col: CODE message`` a
line, or JSON with ``--json``); 2: PyQt6 missing or a file that does not parse.

    /usr/bin/python3 scripts/qt6_check.py [--json] [PATH ...]   (default: remix_plugin/)
"""

from __future__ import annotations

import argparse
import ast
import enum
import importlib
import json
import sys
import types
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TARGET = ROOT / "remix_plugin"

# qgis.PyQt.QtWidgets keeps these Qt5 homes importable on QGIS 4 (QGIS PR #55658, #57467);
# in PyQt6 itself they live in QtGui.
QGIS_SHIM_ALIASES = {
    ("QtWidgets", "QAction"): ("QtGui", "QAction"),
    ("QtWidgets", "QActionGroup"): ("QtGui", "QActionGroup"),
    ("QtWidgets", "QShortcut"): ("QtGui", "QShortcut"),
}

# Qt5 names with no PyQt6 counterpart of the same name, and what to use instead.
QT5_ONLY_NAMES = {
    "QRegExp": "QRegExp is removed in Qt6: use QRegularExpression",
    "QRegExpValidator": "QRegExpValidator is removed in Qt6: use QRegularExpressionValidator",
    "QDesktopWidget": "QDesktopWidget is removed in Qt6: use QScreen (QGuiApplication.screens())",
    "QStringRef": "QStringRef is removed in Qt6: use str",
    "QTextCodec": "QTextCodec is not in Qt6 core: use Python's codecs",
    "QMatrix": "QMatrix is removed in Qt6: use QTransform",
    "QGLWidget": "QGLWidget is removed in Qt6: use QOpenGLWidget",
    "qApp": "qApp is removed in PyQt6: use QApplication.instance()",
}
# Qt5 methods renamed in PyQt6 (any receiver).
QT5_ONLY_METHODS = {
    "exec_": "exec_() is removed in PyQt6: use exec()",
    "print_": "print_() is removed in PyQt6: use print()",
    "setResizeMode": "QHeaderView.setResizeMode() is removed: use setSectionResizeMode()",
}
# Signal overloads selected by a type that Qt6 no longer has.
QT5_ONLY_SIGNAL_OVERLOADS = {"activated", "currentIndexChanged", "highlighted"}
# Enum members Qt6 removed under one name and kept under another.
RENAMED_ENUM_MEMBERS = {
    ("Qt", "MidButton"): "Qt.MouseButton.MiddleButton",
    ("Qt", "TextColorRole"): "Qt.ItemDataRole.ForegroundRole",
    ("Qt", "BackgroundColorRole"): "Qt.ItemDataRole.BackgroundRole",
    ("QPainter", "HighQualityAntialiasing"): "QPainter.RenderHint.Antialiasing",
}
FONT_METRICS = {"QFontMetrics", "QFontMetricsF"}
ARITHMETIC = (ast.Add, ast.Sub, ast.Mult, ast.FloorDiv, ast.Mod, ast.Div)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    col: int
    code: str
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}"


class PyQt6Names:
    """Looks names up in PyQt6 (the modules are imported on first use)."""

    def __init__(self):
        self._modules = {}

    def module(self, name):
        """``PyQt6.<name>``, or None when PyQt6 has no such module."""
        if name not in self._modules:
            try:
                self._modules[name] = importlib.import_module(f"PyQt6.{name}")
            except ImportError:
                self._modules[name] = None
        return self._modules[name]

    def imported(self, module_name, name):
        """What ``from qgis.PyQt.<module_name> import <name>`` gives on QGIS 4, or None."""
        module_name, name = QGIS_SHIM_ALIASES.get((module_name, name), (module_name, name))
        module = self.module(module_name)
        if module is None:
            return None
        return getattr(module, name, None)


def _is_namespace(obj):
    """A module, class or enum: something whose attributes the check can follow statically."""
    return isinstance(obj, (types.ModuleType, type))


def _scoped_suggestion(owner, owner_name, member):
    """``Owner.Enum.member`` spellings that exist in PyQt6 for an unscoped ``Owner.member``."""
    found = []
    for klass in getattr(owner, "__mro__", (owner,)):
        for enum_name, value in vars(klass).items():
            if isinstance(value, type) and issubclass(value, enum.Enum) and member in value.__members__:
                found.append(f"{owner_name}.{enum_name}.{member}")
    return sorted(set(found))


def _attribute_chain(node):
    """``a.b.c`` → (Name node a, ["b", "c"]); None when the chain does not start at a name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return node, list(reversed(parts))
    return None


class _FileChecker(ast.NodeVisitor):
    def __init__(self, path, names):
        self.path = path
        self.names = names
        self.findings = []
        self.qt_names = {}  # local name → (qgis.PyQt module, imported name) or (module, None)
        self.font_metrics_vars = set()

    def add(self, node, code, message):
        self.findings.append(Finding(self.path, node.lineno, node.col_offset + 1, code, message))

    # -- imports ------------------------------------------------------------------------------
    def collect_imports(self, tree):
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                self._import_from(node)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    self._import(node, alias)

    def _import(self, node, alias):
        top = alias.name.split(".")[0]
        if top in ("PyQt5", "PyQt6"):
            self.add(node, "QT6-IMPORT", f"import {alias.name}: import Qt through qgis.PyQt")
        elif alias.name.startswith("qgis.PyQt.") and alias.asname:
            module = alias.name.split(".", 2)[2]
            self._check_module(node, module)
            self.qt_names[alias.asname] = (module, None)
        if alias.name.rsplit(".", 1)[-1] == "resources_rc":
            self._resources_rc(node)

    def _import_from(self, node):
        module = node.module or ""
        if module.split(".")[0] in ("PyQt5", "PyQt6"):
            self.add(node, "QT6-IMPORT", f"from {module} import …: import Qt through qgis.PyQt")
            return
        if module.rsplit(".", 1)[-1] == "resources_rc" or any(
            alias.name == "resources_rc" for alias in node.names
        ):
            self._resources_rc(node)
        if module == "qgis.PyQt":
            for alias in node.names:
                self._check_module(node, alias.name)
                self.qt_names[alias.asname or alias.name] = (alias.name, None)
            return
        if not module.startswith("qgis.PyQt."):
            return
        qt_module = module.split(".", 2)[2]
        if qt_module == "Qt":
            self.add(node, "QT6-IMPORT", "qgis.PyQt.Qt is gone in QGIS 4: import from qgis.PyQt.QtCore")
            return
        if not self._check_module(node, qt_module):
            return
        for alias in node.names:
            if alias.name == "*":
                self.add(node, "QT6-IMPORT", f"from {module} import *: import the names used")
                continue
            if alias.name in QT5_ONLY_NAMES:
                self.add(node, "QT6-API", QT5_ONLY_NAMES[alias.name])
            elif self.names.imported(qt_module, alias.name) is None:
                self.add(node, "QT6-IMPORT", f"{alias.name} is not in PyQt6.{qt_module}")
            self.qt_names[alias.asname or alias.name] = (qt_module, alias.name)

    def _check_module(self, node, qt_module):
        if qt_module in ("sip", "uic"):
            return True
        if self.names.module(qt_module) is None:
            self.add(node, "QT6-IMPORT",
                     f"PyQt6 has no module {qt_module} (or its Debian package is missing)")
            return False
        return True

    def _resources_rc(self, node):
        self.add(node, "QT6-API",
                 "compiled resources (resources_rc) do not exist in PyQt6: load files by path")

    # -- names and attributes -----------------------------------------------------------------
    def resolve_root(self, name):
        qt_module, qt_name = self.qt_names[name]
        if qt_name is None:
            if qt_module in ("sip", "uic"):
                return None
            return self.names.module(qt_module)
        return self.names.imported(qt_module, qt_name)

    def visit_Attribute(self, node):
        if node.attr in QT5_ONLY_METHODS:
            self.add(node, "QT6-API", QT5_ONLY_METHODS[node.attr])
        if node.attr == "width" and self._is_font_metrics(node.value):
            self.add(node, "QT6-API", "QFontMetrics.width() is removed in Qt6: use horizontalAdvance()")
        chain = _attribute_chain(node)
        if chain is not None and chain[0].id in self.qt_names:
            self._check_chain(node, chain[0].id, chain[1])
            return  # the inner attributes are prefixes of this chain
        self.generic_visit(node)

    def _check_chain(self, node, root_name, parts):
        obj = self.resolve_root(root_name)
        if obj is None:
            return
        spelled = root_name
        for part in parts:
            if not _is_namespace(obj):
                return  # an enum member, a method, a constant: nothing static left to resolve
            if part in QT5_ONLY_METHODS:
                return  # reported by visit_Attribute
            owner, owner_name = obj, spelled
            spelled = f"{spelled}.{part}"
            if not hasattr(owner, part):
                message = f"{spelled} does not exist in PyQt6"
                renamed = RENAMED_ENUM_MEMBERS.get((owner_name, part))
                scoped = _scoped_suggestion(owner, owner_name, part) if isinstance(owner, type) else []
                if renamed:
                    message += f": use {renamed}"
                elif scoped:
                    message += f" (unscoped enum): use {' or '.join(scoped)}"
                elif owner_name.endswith("QVariant") or owner_name == "QVariant":
                    message += ": field types are QMetaType.Type (compat.field_type)"
                self.add(node, "QT6-ENUM" if scoped or renamed else "QT6-NAME", message)
                return
            obj = getattr(owner, part)

    def _resolved(self, node):
        """The PyQt6 object a ``Qt…`` attribute chain names, or None."""
        chain = _attribute_chain(node)
        if chain is None or chain[0].id not in self.qt_names:
            return None
        obj = self.resolve_root(chain[0].id)
        for part in chain[1]:
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    def _not_an_int_enum(self, node):
        value = self._resolved(node) if isinstance(node, ast.Attribute) else None
        return isinstance(value, enum.Enum) and not isinstance(value, int)

    def visit_BinOp(self, node):
        if isinstance(node.op, ARITHMETIC):
            for side in (node.left, node.right):
                if self._not_an_int_enum(side):
                    self.add(side, "QT6-ENUM", "arithmetic on a PyQt6 enum that is not an int: use .value")
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        qt_class = self.qt_names.get(func.id, (None, None))[1] if isinstance(func, ast.Name) else None
        if isinstance(func, ast.Name) and func.id == "int" and node.args \
                and self._not_an_int_enum(node.args[0]):
            self.add(node, "QT6-ENUM", "int() of a PyQt6 enum that is not an int: use .value")
        if isinstance(func, ast.Attribute) and func.attr == "desktop" and not node.args:
            self.add(node, "QT6-API",
                     "QApplication.desktop() (QDesktopWidget) is removed in Qt6: use QScreen")
        if qt_class == "QVariant" and not node.args:
            self.add(node, "QT6-API", "QVariant() as NULL: use qgis.core.NULL")
        if qt_class == "QDateTime" and len(node.args) >= 7:
            self.add(node, "QT6-API",
                     "QDateTime(y, m, d, h, min, s, ms…) is removed: use QDateTime(QDate(…), QTime(…))")
        self.generic_visit(node)

    def visit_Subscript(self, node):
        if (isinstance(node.value, ast.Attribute) and node.value.attr in QT5_ONLY_SIGNAL_OVERLOADS
                and isinstance(node.slice, ast.Name) and node.slice.id == "str"):
            self.add(node, "QT6-API", f"{node.value.attr}[str] is removed in Qt6: connect the int signal "
                                      "or textActivated / currentTextChanged")
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id == "qApp" and node.id in self.qt_names:
            self.add(node, "QT6-API", QT5_ONLY_NAMES["qApp"])

    def visit_FunctionDef(self, node):
        if node.name in QT5_ONLY_METHODS:
            self.add(node, "QT6-API", f"def {node.name}: {QT5_ONLY_METHODS[node.name]}")
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # noqa: N815 (the name ast.NodeVisitor calls)

    def visit_Assign(self, node):
        if self._is_font_metrics(node.value):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    self.font_metrics_vars.add(target.id)
        self.generic_visit(node)

    def _is_font_metrics(self, node):
        if isinstance(node, ast.Name):
            return node.id in self.font_metrics_vars
        if not isinstance(node, ast.Call):
            return False
        func = node.func
        if isinstance(func, ast.Name):
            return self.qt_names.get(func.id, (None, None))[1] in FONT_METRICS
        return isinstance(func, ast.Attribute) and func.attr == "fontMetrics"


def check_source(source, path, names):
    """Findings for one file's text."""
    tree = ast.parse(source, filename=str(path))
    checker = _FileChecker(str(path), names)
    checker.collect_imports(tree)
    checker.visit(tree)
    return sorted(set(checker.findings), key=lambda f: (f.path, f.line, f.col, f.code))


def python_files(targets):
    for target in targets:
        target = Path(target)
        if target.is_dir():
            yield from sorted(p for p in target.rglob("*.py") if "__pycache__" not in p.parts)
        else:
            yield target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(DEFAULT_TARGET)])
    parser.add_argument("--json", action="store_true", help="one JSON document with every finding")
    args = parser.parse_args(argv)

    names = PyQt6Names()
    if names.module("QtCore") is None:
        print("qt6_check: PyQt6 is not installed (Debian package python3-pyqt6; scripts/setup.sh)",
              file=sys.stderr)
        return 2
    findings, files = [], 0
    for path in python_files(args.paths):
        files += 1
        try:
            shown = path.resolve().relative_to(ROOT)
        except ValueError:
            shown = path
        try:
            findings += check_source(path.read_text(encoding="utf-8"), shown, names)
        except (SyntaxError, UnicodeDecodeError) as exc:
            print(f"qt6_check: {shown}: cannot parse: {exc}", file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps({"files": files, "findings": [asdict(f) for f in findings]}, indent=1))
    else:
        for finding in findings:
            print(finding)
        qt = importlib.import_module("PyQt6.QtCore")
        print(f"qt6_check: {files} files, {len(findings)} findings (PyQt {qt.PYQT_VERSION_STR}, "
              f"Qt {qt.QT_VERSION_STR})", file=sys.stderr)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
