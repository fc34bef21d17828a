"""Qt6 (QGIS 4) readiness: scripts/qt6_check.py resolves every Qt name the plugin spells in
Debian's PyQt6 and finds the Qt5-only APIs by their shape.

The check runs in a child process: PyQt6 and QGIS's PyQt5 are not loaded into one interpreter.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / "scripts" / "qt6_check.py"
PLUGIN = ROOT / "remix_plugin"


def run_check(*paths):
    result = subprocess.run([sys.executable, str(CHECK), "--json", *map(str, paths)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return result.returncode, report


def test_pyqt6_is_installed_for_the_check():
    # scripts/setup.sh installs python3-pyqt6; without it the check cannot say anything.
    result = subprocess.run([sys.executable, "-c", "import PyQt6.QtWidgets"], capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_the_plugin_is_qt6_ready():
    returncode, report = run_check(PLUGIN)
    assert report["files"] > 50  # the whole package, not one file
    assert report["findings"] == [], "\n".join(
        f"{f['path']}:{f['line']}: {f['code']} {f['message']}" for f in report["findings"])
    assert returncode == 0


# Each case: a snippet and the (line, code, words of the message) findings it must give.
HEADER = """\
from qgis.PyQt.QtCore import Qt, QVariant, QDateTime
from qgis.PyQt.QtWidgets import QApplication, QDialog, QDialogButtonBox, QSizePolicy
from qgis.PyQt.QtGui import QFontMetrics
from qgis.PyQt import QtWidgets
"""
CASES = {
    "unscoped_enum": ("align = Qt.AlignLeft", "QT6-ENUM", "Qt.AlignmentFlag.AlignLeft"),
    "unscoped_button": ("ok = QDialogButtonBox.Ok", "QT6-ENUM", "QDialogButtonBox.StandardButton.Ok"),
    "unscoped_via_module": ("p = QtWidgets.QSizePolicy.Expanding", "QT6-ENUM",
                            "QtWidgets.QSizePolicy.Policy.Expanding"),
    "renamed_member": ("b = Qt.MidButton", "QT6-ENUM", "Qt.MouseButton.MiddleButton"),
    "variant_type": ("t = QVariant.String", "QT6-NAME", "QMetaType.Type"),
    "dialog_code": ("QDialog.Accepted", "QT6-ENUM", "QDialog.DialogCode.Accepted"),
    "exec_call": ("QDialog().exec_()", "QT6-API", "use exec()"),
    "exec_def": ("class D(QDialog):\n    def exec_(self):\n        pass", "QT6-API", "def exec_"),
    "font_metrics_var": ("fm = QFontMetrics(None)\nfm.width('x')", "QT6-API", "horizontalAdvance"),
    "font_metrics_call": ("w = widget.fontMetrics().width('x')", "QT6-API", "horizontalAdvance"),
    "desktop_widget": ("screen = QApplication.desktop()", "QT6-API", "QScreen"),
    "signal_overload": ("combo.activated[str].connect(print)", "QT6-API", "activated[str]"),
    "flag_arithmetic": ("n = QDialogButtonBox.StandardButton.Ok + 1", "QT6-ENUM", ".value"),
    "null_variant": ("v = QVariant()", "QT6-API", "qgis.core.NULL"),
    "qdatetime_8_args": ("d = QDateTime(2026, 1, 2, 3, 4, 5, 6, 0)", "QT6-API", "QDate"),
    "header_resize": ("view.header().setResizeMode(0)", "QT6-API", "setSectionResizeMode"),
    "no_such_name": ("x = Qt.NoSuchEnum.Value", "QT6-NAME", "Qt.NoSuchEnum"),
}
IMPORT_CASES = {
    "qregexp": ("from qgis.PyQt.QtCore import QRegExp", "QT6-API", "QRegularExpression"),
    "desktop_import": ("from qgis.PyQt.QtWidgets import QDesktopWidget", "QT6-API", "QScreen"),
    "direct_pyqt5": ("from PyQt5.QtCore import QTimer", "QT6-IMPORT", "qgis.PyQt"),
    "qt_module": ("from qgis.PyQt.Qt import Qt", "QT6-IMPORT", "qgis.PyQt.QtCore"),
    "missing_name": ("from qgis.PyQt.QtGui import QNoSuchThing", "QT6-IMPORT", "PyQt6.QtGui"),
    "resources": ("from . import resources_rc", "QT6-API", "resources_rc"),
}


@pytest.fixture(scope="module")
def case_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("qt5_spellings")
    for name, (snippet, _code, _words) in CASES.items():
        (folder / f"{name}.py").write_text(HEADER + snippet + "\n", encoding="utf-8")
    for name, (snippet, _code, _words) in IMPORT_CASES.items():
        (folder / f"{name}.py").write_text(snippet + "\n", encoding="utf-8")
    returncode, report = run_check(folder)
    assert returncode == 1
    return report


@pytest.mark.parametrize("name", sorted(CASES) + sorted(IMPORT_CASES))
def test_each_qt5_spelling_is_found(case_report, name):
    snippet, code, words = {**CASES, **IMPORT_CASES}[name]
    first_line = 1 if name in IMPORT_CASES else HEADER.count("\n") + 1
    found = [f for f in case_report["findings"] if Path(f["path"]).stem == name]
    assert found, f"{name}: no finding"
    assert all(f["line"] >= first_line for f in found), found
    assert any(f["code"] == code and words in f["message"] for f in found), found


def test_qt6_spellings_and_qgis_names_pass(tmp_path):
    (tmp_path / "good.py").write_text(textwrap.dedent("""\
        from qgis.core import QgsWkbTypes, Qgis
        from qgis.PyQt.QtCore import Qt, QMetaType
        from qgis.PyQt.QtWidgets import QAction, QDialog, QDialogButtonBox, QSizePolicy
        from qgis.PyQt import QtWidgets

        geometry = QgsWkbTypes.Polygon          # a QGIS class: not PyQt6's business
        level = Qgis.Info
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        role = Qt.ItemDataRole.UserRole + 1     # an IntEnum: arithmetic is fine
        buttons = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        policy = QtWidgets.QSizePolicy.Policy.Expanding
        kind = QMetaType.Type.QString
        action = QAction("x")                   # qgis.PyQt.QtWidgets keeps QAction on QGIS 4
        result = QDialog().exec()
        accepted = QDialog.DialogCode.Accepted
    """), encoding="utf-8")
    returncode, report = run_check(tmp_path)
    assert report["findings"] == []
    assert returncode == 0


# The plugin's scoped spellings, undone: Owner.Enum.Member → Owner.Member (what Qt5 allowed).
SCOPED = re.compile(r"\b(Qt|Q[A-Z][A-Za-z]+)\.([A-Z][A-Za-z]+)\.([A-Z][A-Za-z0-9]+)\b")


def test_every_scoped_enum_of_the_plugin_is_checked(tmp_path):
    # Mutation test against the real code: unscope every Qt enum the plugin spells and expect a
    # finding at each, so a check that silently resolves nothing cannot pass.
    mutated = 0
    for source in sorted(PLUGIN.rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        if "qgis.PyQt" not in text:
            continue
        new_text, count = SCOPED.subn(lambda m: f"{m.group(1)}.{m.group(3)}", text)
        if count:
            target = tmp_path / source.relative_to(PLUGIN)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new_text, encoding="utf-8")
            mutated += sum(1 for m in SCOPED.finditer(text))
    assert mutated >= 20, "the plugin spells fewer scoped Qt enums than expected"
    _returncode, report = run_check(tmp_path)
    enum_findings = [f for f in report["findings"] if f["code"] == "QT6-ENUM"]
    # Measured: 62 of 62. A match inside a docstring or comment is not code: allow a few.
    print(f"{mutated} scoped spellings unscoped, {len(enum_findings)} reported")
    assert len(enum_findings) >= 0.9 * mutated
    assert all("use " in f["message"] for f in enum_findings)
