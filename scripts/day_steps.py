"""The technician's day (issue 12), run *inside* the real QGIS desktop by scripts/desktop_probe.py.

A technician of the comune of Pero, who is not a GIS expert, does the whole day through the real
widgets, as a person would: the buttons of the RE.MIX panel, QGIS's own file dialogs, forms and
questions, with clicks and keys (``QTest``) on widgets found by objectName or by their text. A
window that opens (modal or not) is answered by a handler waiting for it (``Driver.expect``);
a window nobody expected is recorded and closed, so QGIS never hangs.

What is on screen is measured and returned as JSON for tests/e2e/test_technician_day.py: each
window's size against the screen and its buttons inside the screen, the label tooltips of the
forms, the unsaved-edits question, the map's scale and extent after opening, the pixels of a
canvas grab at 1:500,000. Screenshots go to ``config["out_dir"]`` as ``<W>x<H>_<name>.png``:
the window alone and the whole screen (what the person sees, cut where the screen ends).

Step: ``day_steps:technician_day``; config keys: ``out_dir``, ``work_dir``, ``screen``.
"""

import os
import time
import traceback

COMUNE = "Pero"
PROJECT_TITLE = "Riuso dell'ex edificio scolastico di piazza Marconi"
# Labels of the project form whose tooltip must carry the scheme's definition (issue 12, item 7).
TOOLTIP_LABELS = ("Livello di rigenerazione", "Provenienza", "Ambito d'azione prevalente")
# objectNames the dock may give its save-all button and unsaved-edits label (H6), old and new style.
SAVE_ALL_NAMES = ("remixSaveAllButton", "remixSaveAll", "RemixSaveAll", "RemixSaveAllAction")
UNSAVED_LABEL_NAMES = ("remixUnsavedLabel", "RemixUnsavedLabel", "RemixUnsaved")


# -- the driver: windows, clicks, keys, screenshots --------------------------------------------
class Driver:
    """Clicks and keys on real widgets, handlers for the windows they open, screenshots."""

    _serial = 0

    def __init__(self, iface, context):
        from qgis.PyQt.QtCore import QTimer

        self.iface = iface
        self.context = context
        self.settle = context["settle"]
        from qgis.core import Qgis

        config = context["config"]
        width, height = config.get("screen") or (1600, 1000)
        self.tag = f"{width}x{height}"
        # One folder per QGIS version (the day also runs in the newest-LTR chroot): qgis-3.22/…
        version = Qgis.QGIS_VERSION_INT
        self.out_dir = os.path.join(config["out_dir"], f"qgis-{version // 10000}.{version // 100 % 100}")
        os.makedirs(self.out_dir, exist_ok=True)
        for name in os.listdir(self.out_dir):
            if name.startswith(self.tag + "_"):
                os.unlink(os.path.join(self.out_dir, name))
        self.shots = {}
        self.log_path = os.path.join(self.out_dir, f"{self.tag}_day_log.txt")
        with open(self.log_path, "w", encoding="utf-8"):
            pass
        self._started = time.monotonic()
        self.unexpected = []  # windows nobody waited for: their title and text (then closed)
        self.errors = []  # exceptions inside handlers
        self._pending = []  # [name, match, handler, deadline, record]
        self._first_seen = {}  # window key -> time first seen without a handler
        self._handled = set()
        self._timer = QTimer()
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        # desktop_log_hook.py closes every modal dialog after a second (unattended start-up);
        # the day answers its dialogs itself and closes only those nobody expected.
        import builtins

        self._hook_watchdog = getattr(builtins, "_remix_probe_watchdog", None)
        if self._hook_watchdog is not None:
            self._hook_watchdog.stop()

    def log(self, text):
        """One line of the day's progress (tells where a run stopped, if it ever does)."""
        with open(self.log_path, "a", encoding="utf-8") as handle:
            handle.write(f"{time.monotonic() - self._started:7.1f}s {text}\n")

    # windows ---------------------------------------------------------------------------------
    @staticmethod
    def _key(widget):
        """A key that a later window cannot inherit (C++ addresses are reused after a delete)."""
        key = widget.property("remix_day_key")
        if key is None:
            Driver._serial += 1
            key = Driver._serial
            widget.setProperty("remix_day_key", key)
        return key

    def _windows(self):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QApplication, QMenu

        main = self.iface.mainWindow()
        # QGIS shows the form of a feature drawn on the map as a Tool window (QgsFeatureAction).
        wanted = (Qt.WindowType.Dialog, Qt.WindowType.Window, Qt.WindowType.Sheet, Qt.WindowType.Tool)
        for widget in QApplication.topLevelWidgets():
            if widget is main or not widget.isVisible() or isinstance(widget, QMenu):
                continue
            if widget.windowType() in wanted:
                yield widget

    def expect(self, name, match, handler, timeout=30):
        """Call ``handler(window, record)`` when a new window with ``match(window)`` shows up.
        Returns the record (``appeared`` False until then)."""
        record = {"appeared": False}
        self._pending.append([name, match, handler, time.monotonic() + timeout, record])
        return record

    def _poll(self):
        from qgis.PyQt.QtCore import QTimer
        from qgis.PyQt.QtWidgets import QApplication

        now = time.monotonic()
        for entry in list(self._pending):
            if now > entry[3]:
                self._pending.remove(entry)
                entry[4]["timed_out"] = True
                self.errors.append(f"{entry[0]}: the expected window did not appear")
        self._close_stray_menus(now)
        from qgis.PyQt.QtWidgets import QApplication as _App

        for top in _App.topLevelWidgets():
            if top.isVisible() and top.property("remix_day_logged") is None and top.isWindow() \
                    and top is not self.iface.mainWindow():
                top.setProperty("remix_day_logged", True)
                self.log(f"new window: {type(top).__name__} type={int(top.windowType())} "
                         f"{top.windowTitle()!r}")
        for window in list(self._windows()):
            key = self._key(window)
            if key in self._handled:
                continue
            for entry in self._pending:
                name, match, handler, _deadline, record = entry
                try:
                    matched = bool(match(window))
                except Exception:  # noqa: BLE001 - a predicate looking at a half-built window
                    matched = False
                if matched:
                    self._pending.remove(entry)
                    self._handled.add(key)
                    record["appeared"] = True
                    record["title"] = window.windowTitle()
                    QTimer.singleShot(0, lambda w=window, h=handler, r=record, n=name: self._run(n, h, w, r))
                    break
            else:
                first = self._first_seen.setdefault(key, now)
                modal = window.isModal() or QApplication.activeModalWidget() is window
                if modal and now - first > 4 and not self._pending:
                    self._handled.add(key)
                    self.unexpected.append({"title": window.windowTitle(), "class": type(window).__name__,
                                            "text": visible_text(window)[:40]})
                    self.shoot(window, f"unexpected_{len(self.unexpected)}")
                    window.close()

    def _close_stray_menus(self, now):
        """A context menu nobody asked for (a right click on the wrong tool) would block the day."""
        from qgis.PyQt.QtWidgets import QApplication, QMenu

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMenu) and widget.isVisible():
                first = self._first_seen.setdefault(self._key(widget), now)
                if now - first > 3:
                    self.unexpected.append({"title": "menu", "class": "QMenu",
                                            "text": [a.text() for a in widget.actions()][:10]})
                    widget.close()
                    del self._first_seen[self._key(widget)]

    def _run(self, name, handler, window, record):
        self.log(f"window: {name} ({type(window).__name__} {window.windowTitle()!r})")
        try:
            handler(window, record)
            self.log(f"handled: {name}")
        except Exception:  # noqa: BLE001 - report it, close the window, go on with the day
            record["error"] = traceback.format_exc()
            self.log(f"handler failed: {name}\n{record['error']}")
            self.errors.append(f"{name}: {record['error']}")
            if window.isVisible():
                window.close()

    def wait(self, predicate, timeout=20.0, step=0.1):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                if predicate():
                    return True
            except Exception:  # noqa: BLE001 - a widget deleted while we look at it
                return False
            self.settle(step)
        return False

    def wait_tasks(self, timeout=120.0):
        from qgis.core import QgsApplication

        manager = QgsApplication.taskManager()
        self.settle(0.3)
        return self.wait(lambda: manager.countActiveTasks() == 0, timeout)

    # input -----------------------------------------------------------------------------------
    def click(self, widget, pos=None, button=None):
        """A left click (press and release) where a person would click; False if disabled."""
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtTest import QTest

        if widget is None or not widget.isEnabled():
            self.log(f"click refused: {describe(widget)}")
            return False
        self.log(f"click: {describe(widget)}")
        reveal(self, widget)
        target = widget
        if pos is None:
            pos = widget.rect().center()
        QTest.mouseMove(target, pos)
        QTest.mouseClick(target, button or Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        return True

    def type_text(self, widget, text, clear=True):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtTest import QTest

        self.log(f"type {text[:30]!r} into {describe(widget)}")
        reveal(self, widget)
        target = widget
        if hasattr(widget, "lineEdit") and callable(widget.lineEdit) and widget.lineEdit() is not None:
            target = widget.lineEdit()
        target.setFocus()
        if clear:
            QTest.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            QTest.keyClick(target, Qt.Key.Key_Delete)
        QTest.keyClicks(target, text)

    def key(self, widget, key, modifier=None):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtTest import QTest

        QTest.keyClick(widget, key, modifier or Qt.KeyboardModifier.NoModifier)

    # screenshots -----------------------------------------------------------------------------
    def shoot(self, widget, name, screen=True):
        """``<tag>_<name>.png`` of the widget and, with ``screen``, ``<tag>_<name>_screen.png`` of
        the whole screen (what the person sees). Returns the paths."""
        from qgis.core import QgsApplication

        self.settle(0.2)
        saved = {}
        if widget is not None:
            path = os.path.join(self.out_dir, f"{self.tag}_{name}.png")
            if widget.grab().save(path):
                saved["widget"] = path
        if screen:
            path = os.path.join(self.out_dir, f"{self.tag}_{name}_screen.png")
            if QgsApplication.primaryScreen().grabWindow(0).save(path):
                saved["screen"] = path
        self.shots[name] = saved
        return saved

    def forget(self, record):
        """Stop waiting for the window of ``record`` (its button was disabled)."""
        self._pending = [entry for entry in self._pending if entry[4] is not record]

    def stop(self):
        self._pending.clear()
        if self._hook_watchdog is not None:
            self._hook_watchdog.start()


def describe(widget):
    if widget is None:
        return "None"
    text = widget.text() if hasattr(widget, "text") and callable(widget.text) else ""
    return f"{type(widget).__name__}#{widget.objectName()} {str(text)[:30]!r}"


def reveal(driver, widget):
    """Bring ``widget`` into view as a person would: click the tab that holds it, scroll to it."""
    from qgis.PyQt.QtWidgets import QScrollArea, QTabWidget

    chain = []
    parent = widget.parentWidget()
    child = widget
    while parent is not None:
        chain.append((parent, child))
        child, parent = parent, parent.parentWidget()
    for parent, child in reversed(chain):
        if isinstance(parent, QTabWidget):
            index = parent.indexOf(child)
            if index < 0:  # the child is the tab's page inside the stacked widget
                for i in range(parent.count()):
                    if parent.widget(i) is child or parent.widget(i).isAncestorOf(widget):
                        index = i
                        break
            if index >= 0 and parent.currentIndex() != index:
                from qgis.PyQt.QtCore import Qt
                from qgis.PyQt.QtTest import QTest

                bar = parent.tabBar()
                QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 bar.tabRect(index).center())
                driver.settle(0.2)
    for parent, _child in chain:
        if isinstance(parent, QScrollArea) and parent.widget() is not None \
                and parent.widget().isAncestorOf(widget):
            parent.ensureWidgetVisible(widget, 20, 20)


def visible_text(window):
    """The texts a person reads in ``window``: labels, buttons, group and tab titles."""
    from qgis.PyQt.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabWidget

    texts = []
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.isVisible() and widget.text():
            texts.append(widget.text())
    for box in window.findChildren(QGroupBox):
        if box.isVisible() and box.title():
            texts.append(box.title())
    for tabs in window.findChildren(QTabWidget):
        texts.extend(tabs.tabText(i) for i in range(tabs.count()))
    if hasattr(window, "text") and callable(window.text):
        texts.insert(0, window.text())
    return texts


def global_rect(widget):
    from qgis.PyQt.QtCore import QPoint

    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def inside(rect, screen):
    x, y, w, h = rect
    return x >= 0 and y >= 0 and x + w <= screen[0] and y + h <= screen[1]


def screen_size():
    from qgis.core import QgsApplication

    geometry = QgsApplication.primaryScreen().availableGeometry()
    return [geometry.width(), geometry.height()]


def measure_window(window):
    """The window's frame, its buttons (text, rect, inside the screen), its tabs and size hint."""
    from qgis.PyQt.QtWidgets import QDialogButtonBox, QTabWidget

    screen = screen_size()
    frame = window.frameGeometry()
    rect = [frame.x(), frame.y(), frame.width(), frame.height()]
    hint = window.sizeHint()
    buttons = []
    for box in window.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if button.isVisible():
                button_rect = global_rect(button)
                buttons.append({"text": button.text(), "role": int(box.buttonRole(button)),
                                "enabled": button.isEnabled(), "rect": button_rect,
                                "inside_screen": inside(button_rect, screen)})
    tabs = []
    for widget in window.findChildren(QTabWidget):
        if widget.isVisible():
            tabs.append([widget.tabText(i) for i in range(widget.count())])
    return {"screen": screen, "rect": rect, "inside_screen": inside(rect, screen),
            "size_hint": [hint.width(), hint.height()], "buttons": buttons, "tabs": tabs}


# -- the forms -----------------------------------------------------------------------------------
def is_attribute_dialog(window):
    """QGIS's feature form; the one QGIS opens after drawing reaches Python as a plain QDialog."""
    from qgis.gui import QgsAttributeDialog, QgsAttributeForm
    from qgis.PyQt.QtWidgets import QDialog

    if isinstance(window, QgsAttributeDialog):
        return True
    return isinstance(window, QDialog) and (
        window.metaObject().className() == "QgsAttributeDialog"
        or any(isinstance(child, QgsAttributeForm) or child.metaObject().className() == "QgsAttributeForm"
               for child in window.children()))


def form_of(window):
    from qgis.gui import QgsAttributeForm

    if hasattr(window, "attributeForm"):  # QgsAttributeDialog: its own form, not a child form's
        return window.attributeForm()
    for child in window.children():  # the dialog's own form is its direct child
        if isinstance(child, QgsAttributeForm) or child.metaObject().className() == "QgsAttributeForm":
            return child
    return window.findChild(QgsAttributeForm)


def field_widget(window, field):
    """The editor widget of ``field`` in a QGIS attribute form (QGIS names it after the field)."""
    from qgis.gui import QgsAttributeForm, QgsEditorWidgetWrapper
    from qgis.PyQt import sip
    from qgis.PyQt.QtWidgets import QWidget

    own_form = form_of(window)
    own = sip.unwrapinstance(own_form) if own_form is not None else None
    candidates = window.findChildren(QWidget, field)
    for widget in own_form.findChildren(QWidget) if own_form is not None else ():
        wrapper = QgsEditorWidgetWrapper.fromWidget(widget)
        if wrapper is not None and wrapper.field().name() == field and wrapper.widget() is widget:
            candidates.insert(0, widget)
    for widget in candidates:
        parent = widget.parentWidget()
        while parent is not None and not (isinstance(parent, QgsAttributeForm)
                                          or parent.metaObject().className() == "QgsAttributeForm"):
            parent = parent.parentWidget()
        if parent is not None and sip.unwrapinstance(parent) == own:  # not a child form's field
            return widget
    return None


def editor_widgets(window):
    """{field: editor widget class} of the form's own fields."""
    from qgis.gui import QgsEditorWidgetWrapper
    from qgis.PyQt.QtWidgets import QWidget

    own_form = form_of(window)
    found = {}
    for widget in own_form.findChildren(QWidget) if own_form is not None else ():
        wrapper = QgsEditorWidgetWrapper.fromWidget(widget)
        if wrapper is not None and wrapper.widget() is widget:
            found.setdefault(wrapper.field().name(), type(widget).__name__)
    return found


def labels_of(window):
    """{label text: tooltip} of the form's visible field labels."""
    from qgis.PyQt.QtWidgets import QLabel

    labels = {}
    for label in window.findChildren(QLabel):
        text = label.text().strip()
        if text and len(text) < 80:
            labels.setdefault(text, label.toolTip())
    return labels


def find_label(window, text):
    from qgis.PyQt.QtWidgets import QLabel

    wanted = text.casefold()
    for label in window.findChildren(QLabel):
        label_text = strip_markup(label.text()).strip().casefold()
        if label_text == wanted or label_text.rstrip(" *:") == wanted:
            return label
    return None


def strip_markup(text):
    import re

    return re.sub(r"<[^>]+>", "", text or "")


def safe(fill_one):
    """A field helper that reports its exception as the field's result instead of stopping the form."""
    import functools

    @functools.wraps(fill_one)
    def wrapper(driver, window, field, *args):
        try:
            result = fill_one(driver, window, field, *args)
        except Exception:  # noqa: BLE001 - the form goes on; the test reads the error
            result = {"field": field, "ok": False, "error": traceback.format_exc()}
        driver.log(f"  {fill_one.__name__} {field}: {result}"[:400])
        return result

    return wrapper


@safe
def choose(driver, window, field, label):
    """Pick ``label`` in the drop-down of ``field``: focus it and type the label's first letters."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QComboBox

    widget = field_widget(window, field)
    combo = widget if isinstance(widget, QComboBox) else (widget.findChild(QComboBox) if widget else None)
    if combo is None:
        return {"field": field, "found": False}
    reveal(driver, combo)
    driver.click(combo)  # opens the list
    driver.settle(0.3)
    view = combo.view()
    for row in range(combo.count()):
        if combo.itemText(row) == label:
            index = combo.model().index(row, combo.modelColumn(), combo.rootModelIndex())
            view.scrollTo(index)
            rect = view.visualRect(index)
            driver.click(view.viewport(), rect.center())
            break
    driver.settle(0.2)
    if combo.view().isVisible():
        driver.key(combo.view(), Qt.Key.Key_Escape)
    if combo.currentText() != label and label in [combo.itemText(i) for i in range(combo.count())]:
        # The click missed (the list opened elsewhere): the keyboard, as a person would then.
        combo.setFocus()
        driver.key(combo, Qt.Key.Key_Home)
        for _ in range(combo.count()):
            if combo.currentText() == label:
                break
            driver.key(combo, Qt.Key.Key_Down)
        driver.log(f"  {field}: chosen with the keyboard")
    return {"field": field, "found": True, "chosen": combo.currentText(), "ok": combo.currentText() == label,
            "items": [combo.itemText(i) for i in range(combo.count())]}


@safe
def tick(driver, window, field, labels):
    """Tick ``labels`` in the multi-select list of ``field`` (check boxes in a table or list)."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QListWidget, QTableWidget

    widget = field_widget(window, field)
    if widget is None:
        return {"field": field, "found": False}
    views = ([widget] if isinstance(widget, (QTableWidget, QListWidget)) else []) + \
        widget.findChildren(QTableWidget) + widget.findChildren(QListWidget)
    if not views:
        return {"field": field, "found": False, "class": type(widget).__name__}
    view = views[0]
    reveal(driver, view)
    if isinstance(view, QTableWidget):
        items = [view.item(row, column) for row in range(view.rowCount())
                 for column in range(view.columnCount())]
    else:
        items = [view.item(row) for row in range(view.count())]
    items = [item for item in items if item is not None]
    order = [item.text() for item in items]
    rows_visible = sum(1 for item in items if view.viewport().rect().contains(view.visualItemRect(item)))
    ticked = []
    for item in items:
        # QGIS 3.22 lists the terms as "1. Urbanistico" (scheme order, forms/qgis_config.py)
        if item.text() in labels or item.text().partition(". ")[2] in labels:
            view.scrollToItem(item)
            rect = view.visualItemRect(item)
            driver.click(view.viewport(), rect.center())
            driver.settle(0.1)
            if item.checkState() != Qt.CheckState.Checked:  # a click on the text only selects
                driver.key(view, Qt.Key.Key_Space)
                driver.settle(0.1)
            if item.checkState() == Qt.CheckState.Checked:
                ticked.append(item.text())
    return {"field": field, "found": True, "order": order, "rows_visible": rows_visible,
            "ticked": ticked, "ok": len(ticked) == len(labels)}


@safe
def type_field(driver, window, field, text):
    widget = field_widget(window, field)
    if widget is None:
        return {"field": field, "found": False}
    from qgis.PyQt.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

    target = widget
    if not isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        target = widget.findChild(QLineEdit) or widget.findChild(QPlainTextEdit) or \
            widget.findChild(QTextEdit) or widget
    driver.click(target)
    driver.type_text(target, text)
    value = target.toPlainText() if hasattr(target, "toPlainText") else \
        (target.text() if hasattr(target, "text") else None)
    return {"field": field, "found": True, "value": value, "ok": value == text}


@safe
def type_comune(driver, window, field, name):
    """The comune: a line with completion (type the name, pick it from the list) or a drop-down."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QComboBox, QLineEdit

    widget = field_widget(window, field)
    if widget is None:
        return {"field": field, "found": False}
    is_line = isinstance(widget, QLineEdit)
    if isinstance(widget, QComboBox) or (not is_line and widget.findChild(QLineEdit) is None):
        return choose(driver, window, field, name)
    line = widget if isinstance(widget, QLineEdit) else widget.findChild(QLineEdit)
    driver.click(line)
    driver.type_text(line, name)
    driver.settle(0.5)
    completer = line.completer()
    popup = completer.popup() if completer is not None else None
    if popup is not None and popup.isVisible():
        model = popup.model()
        for row in range(model.rowCount()):
            if model.index(row, 0).data() == name:
                rect = popup.visualRect(model.index(row, 0))
                driver.click(popup.viewport(), rect.center())
                break
        else:
            driver.key(popup, Qt.Key.Key_Escape)
    driver.key(line, Qt.Key.Key_Tab)
    return {"field": field, "found": True, "value": line.text(), "ok": line.text() == name}


@safe
def click_date(driver, window, field):
    """A date field: a click fills today's date (QGIS's date editor), as a person would start."""
    widget = field_widget(window, field)
    if widget is None:
        return {"field": field, "found": False}
    driver.click(widget)
    driver.settle(0.2)
    text = widget.text() if hasattr(widget, "text") else ""
    return {"field": field, "found": True, "value": text, "ok": bool(text) and text != "NULL"}


@safe
def type_number(driver, window, field, value):
    widget = field_widget(window, field)
    if widget is None:
        return {"field": field, "found": False}
    driver.click(widget)
    driver.type_text(widget, str(value))
    from qgis.PyQt.QtCore import Qt

    driver.key(widget, Qt.Key.Key_Tab)
    shown = widget.text() if hasattr(widget, "text") else ""
    return {"field": field, "found": True, "value": shown, "ok": str(value) in shown.replace(",", ".")}


def ok_button(window):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    for box in window.findChildren(QDialogButtonBox):
        button = box.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None and button.isVisible():
            return button
    return None


def cancel_button(window):
    from qgis.PyQt.QtWidgets import QDialogButtonBox

    for box in window.findChildren(QDialogButtonBox):
        button = box.button(QDialogButtonBox.StandardButton.Cancel)
        if button is not None and button.isVisible():
            return button
    return None


def null_shown(window):
    """Editor widgets of the form that show the text "NULL" (an empty field, as QGIS writes it)."""
    from qgis.gui import QgsEditorWidgetWrapper
    from qgis.PyQt.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

    own_form = form_of(window)
    shown = []
    for widget in own_form.findChildren(QWidget) if own_form is not None else ():
        wrapper = QgsEditorWidgetWrapper.fromWidget(widget)
        if wrapper is None or wrapper.widget() is not widget:
            continue
        texts = [child.text() for child in [widget] + widget.findChildren(QLineEdit)
                 if isinstance(child, (QLineEdit, QAbstractSpinBox))]
        if isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        if isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        if "NULL" in texts and wrapper.field().name() not in shown:
            shown.append(wrapper.field().name())
    return shown


def hover_tooltip(driver, widget):
    """Rest the mouse on ``widget`` and read the tooltip QGIS shows (None if none appears)."""
    from qgis.PyQt.QtCore import QPoint
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QApplication, QToolTip

    reveal(driver, widget)
    QTest.mouseMove(widget, QPoint(5, widget.height() // 2))
    driver.settle(0.1)
    QTest.mouseMove(widget, widget.rect().center())
    shown = driver.wait(QToolTip.isVisible, timeout=3)
    text = QToolTip.text() if shown else None
    for top in QApplication.topLevelWidgets():
        if type(top).__name__ == "QTipLabel" and top.isVisible():
            text = top.text()
    return text


def focus_first_field(window):
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QApplication, QWidget

    focused = QApplication.focusWidget()
    if focused is not None and window.isAncestorOf(focused):
        return focused
    for widget in window.findChildren(QWidget):
        if widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            widget.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
            return widget
    return None


def form_handler(driver, name, fill, accept=True, hover=()):
    """A handler for a QGIS attribute form: measure, screenshot, fill, screenshot, OK (or Cancel)."""

    def handle(window, record):
        from qgis.PyQt.QtWidgets import QToolTip

        # What a window manager does with a new window: raise it and give the keyboard focus to
        # its first field (there is no window manager under Xvfb).
        window.raise_()
        window.activateWindow()
        driver.settle(0.5)
        focus_first_field(window)
        driver.settle(1.0)
        record["opened"] = measure_window(window)
        record["labels"] = labels_of(window)
        record["widgets"] = editor_widgets(window)
        record["null_shown"] = null_shown(window)
        button = ok_button(window)
        record["ok_enabled_at_start"] = bool(button and button.isEnabled())
        record["text_at_start"] = visible_text(window)
        driver.shoot(window, f"form_{name}")
        tooltips = {}
        for text in hover:
            label = find_label(window, text)
            if label is None:
                tooltips[text] = {"label": False}
                continue
            shown = hover_tooltip(driver, label)
            tooltips[text] = {"label": True, "tooltip": label.toolTip(), "shown": shown}
            if shown:
                driver.shoot(None, f"tooltip_{name}_{len(tooltips)}")
            QToolTip.hideText()
        record["tooltips"] = tooltips
        record["filled"] = fill(window, record) if fill else []
        driver.settle(0.5)
        button = ok_button(window)
        record["ok_enabled"] = bool(button and button.isEnabled())
        record["text_filled"] = visible_text(window)
        record["after_fill"] = measure_window(window)
        driver.shoot(window, f"form_{name}_filled")
        if accept and record["ok_enabled"]:
            record["accepted"] = driver.click(button)
        else:
            record["accepted"] = False
            driver.click(cancel_button(window)) or window.close()
            driver.settle(0.3)
            for other in list(driver._windows()):  # "discard the changes?" after Cancel
                if other is not window and type(other).__name__ == "QMessageBox":
                    other.close()

    return handle


def message_box_handler(driver, name, answer):
    """Record a question's text and buttons, screenshot it, click the button ``answer(box)``."""

    def handle(window, record):
        driver.settle(0.5)
        record["text"] = window.text() if hasattr(window, "text") else ""
        record["informative"] = window.informativeText() if hasattr(window, "informativeText") else ""
        buttons = window.buttons() if hasattr(window, "buttons") else []
        record["buttons"] = [button.text() for button in buttons]
        record["measure"] = measure_window(window)
        driver.shoot(window, f"question_{name}")
        button = answer(window)
        record["answered"] = button.text() if button is not None else None
        if button is not None:
            driver.click(button)
        else:
            window.close()

    return handle


def is_message_box(window):
    return type(window).__name__ == "QMessageBox" or window.objectName() == "remixUnsavedQuestion"


def is_file_dialog(window):
    from qgis.PyQt.QtWidgets import QFileDialog

    return isinstance(window, QFileDialog)


def file_dialog_handler(driver, name, path):
    """Type the file's path in QGIS's (Qt's) file dialog and press Enter; ``path`` None keeps the
    name the dialog suggests."""

    def handle(window, record):
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtWidgets import QLineEdit

        driver.settle(0.5)
        record["measure"] = measure_window(window)
        driver.shoot(window, f"file_{name}")
        line = window.findChild(QLineEdit, "fileNameEdit")
        if line is None:
            record["typed"] = False
            window.selectFile(path or "")
            window.accept()
            return
        if path is not None:
            driver.type_text(line, str(path))
        record["typed"] = line.text()
        driver.key(line, Qt.Key.Key_Return)

    return handle


# -- the dock -------------------------------------------------------------------------------
def dock(iface):
    from qgis.PyQt.QtWidgets import QDockWidget

    return iface.mainWindow().findChild(QDockWidget, "RemixDock")


def dock_button(iface, names=(), texts=()):
    """The dock's button with objectName (or action objectName) in ``names``, or text in ``texts``."""
    from qgis.core import QgsApplication
    from qgis.PyQt.QtWidgets import QAbstractButton

    panel = dock(iface)
    if panel is None:
        return None
    if panel.visibleRegion().isEmpty():
        bring_dock_forward(iface, panel)
        QgsApplication.processEvents()
    if panel.visibleRegion().isEmpty():
        panel.show()
        panel.raise_()
        QgsApplication.processEvents()
    buttons = [b for b in panel.findChildren(QAbstractButton) if b.isVisible()]
    for button in buttons:
        action = button.defaultAction() if hasattr(button, "defaultAction") else None
        if button.objectName() in names or (action is not None and action.objectName() in names):
            return button
    for button in buttons:
        label = button.text().replace("&", "")
        if any(label == text or label.startswith(text) for text in texts):
            return button
    return None


def bring_dock_forward(iface, panel):
    """Click the panel's tab when another dock (the findings) sits on top of it."""
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtTest import QTest
    from qgis.PyQt.QtWidgets import QTabBar

    for bar in iface.mainWindow().findChildren(QTabBar):
        if not bar.isVisible():
            continue
        for index in range(bar.count()):
            if bar.tabText(index) == panel.windowTitle() and bar.currentIndex() != index:
                QTest.mouseClick(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                                 bar.tabRect(index).center())
                return True
    panel.raise_()
    return False


def dock_label(iface, names):
    from qgis.PyQt.QtWidgets import QLabel

    panel = dock(iface)
    for name in names:
        label = panel.findChild(QLabel, name) if panel is not None else None
        if label is not None:
            return label
    return None


def remix_layer(table):
    from qgis.core import QgsProject

    for layer in QgsProject.instance().mapLayers().values():
        if layer.customProperty("remix/table") == table:
            return layer
    return None


def tree_click(driver, iface, kind, title=None):
    """Click the tree item of ``kind`` (and ``title``) in the dock, expanding its parents."""
    from qgis.PyQt.QtWidgets import QTreeView

    from remix_plugin.gui.tree_roles import KIND_ROLE

    panel = dock(iface)
    tree = panel.findChild(QTreeView)
    model = tree.model()

    def walk(parent):
        if model.canFetchMore(parent):
            model.fetchMore(parent)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(KIND_ROLE) == kind and (title is None or title in str(index.data())):
                return index
            found = walk(index)
            if found is not None:
                return found
        return None

    index = walk(tree.rootIndex())
    if index is None:
        return False
    parent = index.parent()
    while parent.isValid():
        tree.expand(parent)
        parent = parent.parent()
    tree.scrollTo(index)
    driver.settle(0.2)
    rect = tree.visualRect(index)
    driver.click(tree.viewport(), rect.center())
    driver.settle(0.5)
    return tree.currentIndex() == index


# -- the map --------------------------------------------------------------------------------
def map_view(iface, tables=("lavori",)):
    """The canvas's scale and extent, and whether it contains the extent of ``tables``."""
    from qgis.core import QgsCoordinateTransform, QgsProject

    canvas = iface.mapCanvas()
    extent = canvas.extent()
    view = {"scale": round(canvas.scale(), 1), "crs": canvas.mapSettings().destinationCrs().authid(),
            "extent": [extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum()],
            "contains": {}}
    for table in tables:
        layer = remix_layer(table)
        if layer is None or not layer.featureCount():
            view["contains"][table] = None
            continue
        layer.updateExtents()
        transform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(),
                                           QgsProject.instance())
        data_extent = transform.transformBoundingBox(layer.extent())
        view["contains"][table] = bool(extent.contains(data_extent))
        view[f"{table}_extent"] = [data_extent.xMinimum(), data_extent.yMinimum(),
                                   data_extent.xMaximum(), data_extent.yMaximum()]
    return view


def wait_render(driver, canvas):
    driver.settle(0.3)
    driver.wait(lambda: not canvas.isDrawing(), timeout=30)
    driver.settle(0.5)


def comune_geometry(iface, name):
    """The comune's boundary in the canvas CRS."""
    from qgis.core import QgsCoordinateTransform, QgsExpression, QgsFeatureRequest, QgsProject

    comuni = remix_layer("comuni")
    request = QgsFeatureRequest().setFilterExpression('"nome" = ' + QgsExpression.quotedValue(name))
    for feature in comuni.getFeatures(request):
        geometry = feature.geometry()
        canvas_crs = iface.mapCanvas().mapSettings().destinationCrs()
        geometry.transform(QgsCoordinateTransform(comuni.crs(), canvas_crs, QgsProject.instance()))
        return geometry
    return None


def is_capture_tool(tool):
    from qgis.gui import QgsMapToolCapture

    return isinstance(tool, QgsMapToolCapture)


def draw_polygon(driver, iface, centre, half_size_m, offset=(0.0, 0.0)):
    """Click four corners of a square around ``centre`` (map units of the canvas), right click."""
    from qgis.core import QgsPointXY
    from qgis.PyQt.QtCore import QPoint, Qt
    from qgis.PyQt.QtTest import QTest

    canvas = iface.mapCanvas()
    transform = canvas.getCoordinateTransform()
    cx, cy = centre.x() + offset[0], centre.y() + offset[1]
    corners = [(cx - half_size_m, cy - half_size_m), (cx + half_size_m, cy - half_size_m * 0.8),
               (cx + half_size_m * 0.9, cy + half_size_m), (cx - half_size_m, cy + half_size_m * 0.9)]
    viewport = canvas.viewport()
    pixels = []
    for x, y in corners:
        point = transform.transform(QgsPointXY(x, y))
        pixel = QPoint(int(round(point.x())), int(round(point.y())))
        pixels.append([pixel.x(), pixel.y()])
        QTest.mouseMove(viewport, pixel)
        driver.settle(0.1)
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pixel)
        driver.settle(0.2)
    last = QPoint(*pixels[-1])
    if not is_capture_tool(canvas.mapTool()):  # a right click would open the map's context menu
        driver.log(f"no drawing tool active ({type(canvas.mapTool()).__name__}): no right click")
        return pixels
    QTest.mouseClick(viewport, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, last)
    return pixels


def symbol_pixels(driver, iface, scale=500_000):
    """Centre the canvas on the first lavoro at 1:``scale``; grab the canvas with and without the
    lavori layer; count the pixels that differ around the lavoro (a visible symbol: many)."""
    from qgis.core import QgsCoordinateTransform, QgsProject
    from qgis.PyQt.QtGui import QColor

    canvas = iface.mapCanvas()
    lavori = remix_layer("lavori")
    feature = next(lavori.getFeatures(), None)
    if feature is None:
        return {"ok": False, "reason": "no lavoro"}
    centre = feature.geometry().pointOnSurface()
    centre.transform(QgsCoordinateTransform(lavori.crs(), canvas.mapSettings().destinationCrs(),
                                            QgsProject.instance()))
    canvas.setCenter(centre.asPoint())
    canvas.zoomScale(scale)
    canvas.refresh()
    wait_render(driver, canvas)
    with_layer = canvas.grab().toImage()
    node = QgsProject.instance().layerTreeRoot().findLayer(lavori.id())
    node.setItemVisibilityChecked(False)
    canvas.refresh()
    wait_render(driver, canvas)
    without_layer = canvas.grab().toImage()
    node.setItemVisibilityChecked(True)
    canvas.refresh()
    wait_render(driver, canvas)
    pixel = canvas.getCoordinateTransform().transform(centre.asPoint())
    px, py = int(round(pixel.x())), int(round(pixel.y()))
    radius = 15
    differing = 0
    colours = {}
    for x in range(max(0, px - radius), min(with_layer.width(), px + radius + 1)):
        for y in range(max(0, py - radius), min(with_layer.height(), py + radius + 1)):
            a, b = with_layer.pixel(x, y), without_layer.pixel(x, y)
            if a != b:
                differing += 1
                name = QColor(a).name()
                colours[name] = colours.get(name, 0) + 1
    path = os.path.join(driver.out_dir, f"{driver.tag}_map_1_500000.png")
    with_layer.save(path)
    driver.shots["map_1_500000"] = {"widget": path}
    crop = with_layer.copy(max(0, px - 60), max(0, py - 60), 120, 120).scaled(360, 360)
    crop_path = os.path.join(driver.out_dir, f"{driver.tag}_map_1_500000_zoom.png")
    crop.save(crop_path)
    return {"scale": round(canvas.scale()), "pixel": [px, py], "box": 2 * radius + 1,
            "differing_pixels": differing,
            "colours": dict(sorted(colours.items(), key=lambda kv: -kv[1])[:5])}


# -- the day --------------------------------------------------------------------------------
def technician_day(iface, context):
    """The whole day in one QGIS run; returns what each stage saw (see the module docstring)."""
    driver = Driver(iface, context)
    day = {"tag": driver.tag, "screen": screen_size(), "stages": {}, "failed": []}
    work_dir = context["config"]["work_dir"]
    os.makedirs(work_dir, exist_ok=True)
    state = {"gpkg": os.path.join(work_dir, "remix_pero.gpkg")}
    stages = (
        ("start", _start), ("new_geopackage", _new_geopackage), ("new_project", _new_project),
        ("draw_perimeter", _draw_perimeter), ("save", _save), ("azione", _azione),
        ("criticita", _criticita), ("attore", _attore), ("fase", _fase), ("misura", _misura),
        ("save_again", _save), ("validate", _validate), ("export", _export), ("atlas", _atlas),
        ("reopen_with_edits", _reopen_with_edits), ("view_after_open", _view_after_open),
        ("small_scale_symbol", _small_scale_symbol), ("panel", _panel),
    )
    for name, stage in stages:
        driver.log(f"== stage {name}")
        started = time.monotonic()
        record = {}
        day["stages"][name] = record
        try:
            stage(driver, iface, state, record)
        except Exception:  # noqa: BLE001 - one stage failing must not hide what the others saw
            record["error"] = traceback.format_exc()
            driver.log(record["error"])
            day["failed"].append(name)
        record["seconds"] = round(time.monotonic() - started, 2)
        driver.settle(0.3)
    _discard_leftover_edits(day)
    driver.stop()
    day["unexpected_windows"] = driver.unexpected
    day["handler_errors"] = driver.errors
    day["shots"] = driver.shots
    context["day_driver"] = driver  # keeps closing stray windows while QGIS quits
    return day


def _discard_leftover_edits(day):
    """Leave no edit session open: QGIS must quit without a question."""
    from qgis.core import QgsProject, QgsVectorLayer

    left = []
    for layer in QgsProject.instance().mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and layer.isEditable():
            if layer.isModified():
                left.append(layer.name())
            layer.rollBack()
    day["edits_left_at_end"] = left


def _start(driver, iface, state, record):
    panel = dock(iface)
    record["dock_visible"] = bool(panel and panel.isVisible())
    record["dock_text"] = visible_text(panel) if panel else []
    record["main_window"] = measure_window(iface.mainWindow())
    driver.shoot(panel, "panel_empty")


def _new_geopackage(driver, iface, state, record):
    button = dock_button(iface, texts=("Nuovo GeoPackage", "New RE.MIX GeoPackage"))
    record["button"] = button.text() if button else None
    file_record = driver.expect("new file", is_file_dialog, file_dialog_handler(driver, "new_geopackage",
                                                                              state["gpkg"]))
    crs_record = driver.expect("crs", lambda w: type(w).__name__ == "CrsDialog", _crs_handler(driver))
    driver.click(button)
    driver.wait(lambda: file_record["appeared"] and crs_record.get("answered") is not None, 30)
    record["file_dialog"] = file_record
    record["crs_dialog"] = crs_record
    driver.wait(lambda: remix_layer("progetti") is not None, 60)
    driver.wait(lambda: os.path.exists(state["gpkg"]), 10)
    canvas = iface.mapCanvas()
    wait_render(driver, canvas)
    record["created"] = os.path.exists(state["gpkg"])
    record["layers"] = sorted(filter(None, (remix_layer(t) and t for t in (
        "progetti", "lavori", "azioni", "criticita", "comuni", "attori", "fasi", "misure"))))
    record["view"] = map_view(iface, ("comuni",))
    driver.shoot(iface.mainWindow(), "after_new_geopackage")


def _crs_handler(driver):
    def handle(window, record):
        from qgis.PyQt.QtWidgets import QComboBox

        driver.settle(0.5)
        record["measure"] = measure_window(window)
        record["text"] = visible_text(window)
        combo = window.findChild(QComboBox)
        record["choices"] = [combo.itemText(i) for i in range(combo.count())] if combo else []
        driver.shoot(window, "dialog_crs")
        record["answered"] = driver.click(ok_button(window))

    return handle


def _new_project(driver, iface, state, record):
    def fill(window, form_record):
        return [
            type_field(driver, window, "titolo", PROJECT_TITLE),
            type_comune(driver, window, "comune_istat", COMUNE),
            choose(driver, window, "livello_progettuale", "Comunale"),
            choose(driver, window, "stato_progetto", "In progettazione"),
            choose(driver, window, "scala_impatto", "Comunale"),
            tick(driver, window, "ambito_opportunita", ["Sociale", "Culturale"]),
            choose(driver, window, "livello_rigenerazione", "Edilizia"),
            type_field(driver, window, "descrizione",
                       "Riuso dell'edificio scolastico dismesso come centro civico e spazio "
                       "per le associazioni."),
        ]

    question = driver.expect("draw now?", is_message_box, message_box_handler(
        driver, "draw_now", lambda box: _button_with_role(box, "YesRole") or _first_button(box)), timeout=90)
    form = driver.expect("project form", is_attribute_dialog,
                         form_handler(driver, "progetto", fill, hover=TOOLTIP_LABELS))
    button = dock_button(iface, ("RemixNewProject",), ("Nuovo progetto",))
    record["button"] = bool(button)
    driver.click(button)
    driver.wait(lambda: form.get("accepted") is not None, 60)
    driver.wait(lambda: question["appeared"] and question.get("answered") is not None, 10)
    record["form"] = form
    record["question"] = question
    layer = remix_layer("progetti")
    record["projects_in_buffer"] = layer.featureCount() if layer else 0


def _button_with_role(box, role_name):
    from qgis.PyQt.QtWidgets import QMessageBox

    role = getattr(QMessageBox.ButtonRole, role_name)
    for button in box.buttons():
        if box.buttonRole(button) == role:
            return button
    return None


def _standard_button(box, name):
    from qgis.PyQt.QtWidgets import QMessageBox

    return box.button(getattr(QMessageBox.StandardButton, name))


def _first_button(box):
    buttons = box.buttons()
    return buttons[0] if buttons else None


def _lavoro_fill(driver, title):
    def fill(window, record):
        return [
            type_field(driver, window, "titolo", title),
            choose(driver, window, "oggetto_fisico", "Edificio"),
            choose(driver, window, "intervento_oggetto", "Riuso"),
            tick(driver, window, "servizi_realizzati", ["Servizi"]),
        ]

    return fill


def _draw_perimeter(driver, iface, state, record):
    canvas = iface.mapCanvas()
    geometry = comune_geometry(iface, COMUNE)
    extent = geometry.boundingBox()
    extent.scale(1.1)
    canvas.setExtent(extent)  # the technician zooms to the comune (wheel / zoom tool)
    canvas.refresh()
    wait_render(driver, canvas)
    state["centre"] = geometry.pointOnSurface().asPoint()
    record["map_tool"] = canvas.mapTool().__class__.__name__ if canvas.mapTool() else None
    if not is_capture_tool(canvas.mapTool()):
        # The "draw now?" question did not start the tool: the panel's button, as a person would.
        record["project_selected"] = tree_click(driver, iface, "progetto")
        record["draw_button"] = driver.click(dock_button(iface, ("RemixDrawPerimeter",),
                                                         ("Disegna perimetro",)))
        driver.settle(0.5)
        record["map_tool_after_button"] = canvas.mapTool().__class__.__name__ if canvas.mapTool() else None
    lavori = remix_layer("lavori")
    before = lavori.featureCount()
    form = driver.expect("lavoro form", is_attribute_dialog,
                         form_handler(driver, "lavoro", _lavoro_fill(driver, "Ex scuola di piazza Marconi"),
                                      hover=("Intervento sull'oggetto", "Oggetto del progetto fisico")))
    driver.shoot(iface.mainWindow(), "map_before_drawing", screen=False)
    drawing = is_capture_tool(canvas.mapTool())
    record["clicks"] = draw_polygon(driver, iface, state["centre"], 120)
    if drawing:
        driver.wait(lambda: form.get("accepted") is not None or form.get("timed_out"), 60)
    else:
        driver.forget(form)
    record["form"] = form
    record["lavori_before"] = before
    record["lavori_after"] = lavori.featureCount()
    driver.settle(1)
    wait_render(driver, canvas)
    driver.shoot(iface.mainWindow(), "map_after_drawing")
    feature = next(lavori.getFeatures(), None)
    if feature is not None:
        record["comune_istat"] = feature["comune_istat"]
        record["area_m2"] = feature.geometry().area() if feature.hasGeometry() else None


def _save(driver, iface, state, record):
    label = dock_label(iface, UNSAVED_LABEL_NAMES)
    record["unsaved_label_before"] = label.text() if label is not None and label.isVisible() else None
    button = dock_button(iface, SAVE_ALL_NAMES, ("Salva tutto", "Salva le modifiche", "Salva"))
    record["save_button"] = button.text() if button else None
    if button is not None:
        record["clicked"] = driver.click(button)
    else:  # what a technician would find in QGIS itself: Save all layer edits
        record["clicked"] = False
        iface.actionSaveAllEdits().trigger()
    driver.settle(1.5)
    modified = [layer.name() for layer in (remix_layer(t) for t in (
        "progetti", "lavori", "azioni", "criticita", "attori", "progetto_attori", "fasi", "indicatori",
        "misure")) if layer is not None and layer.isModified()]
    record["still_modified"] = modified
    record["unsaved_label_after"] = label.text() if label is not None and label.isVisible() else None
    record["saved_counts"] = saved_counts(state["gpkg"])
    record["empty_strings"] = empty_strings(state["gpkg"])
    driver.shoot(dock(iface), "panel_after_save", screen=False)


def empty_strings(gpkg):
    """"table.field" of every text value of the RE.MIX data tables stored as '' (an empty
    field must be NULL; QGIS's own layer_styles is not the technician's)."""
    import sqlite3

    from remix_plugin.layers.model import load_model

    found = []
    with sqlite3.connect(gpkg) as connection:
        for table in load_model().data_table_names:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
                       if (row[2] or "").upper().startswith("TEXT")]
            for column in columns:
                count = connection.execute(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}" = \'\'').fetchone()[0]
                if count:
                    found.append(f"{table}.{column}")
    return found


def saved_counts(gpkg):
    """Rows per table in the file on disk (read apart from the layers' edit buffers)."""
    from qgis.core import QgsVectorLayer

    counts = {}
    for table in ("progetti", "lavori", "azioni", "criticita", "attori", "progetto_attori", "fasi",
                  "indicatori", "misure"):
        layer = QgsVectorLayer(f"{gpkg}|layername={table}", "count", "ogr")
        counts[table] = layer.featureCount() if layer.isValid() else None
        del layer
    return counts


def _child_form(driver, iface, state, record, table, button_names, texts, fill, hover=(), nested=None):
    """Select the project in the tree, click the dock's button, fill the form that opens."""
    record["project_selected"] = tree_click(driver, iface, "progetto")
    form = driver.expect(f"{table} form", is_attribute_dialog, form_handler(driver, table, fill, hover=hover))
    button = dock_button(iface, button_names, texts)
    record["button"] = button.text() if button else None
    record["button_enabled"] = bool(button and button.isEnabled())
    record["button_tooltip"] = button.toolTip() if button else None
    if driver.click(button):
        driver.wait(lambda: form.get("accepted") is not None or form.get("timed_out"), 60)
    else:
        driver.forget(form)
    record["form"] = form
    layer = remix_layer(table)
    record["rows_in_buffer"] = layer.featureCount() if layer else None


def _azione(driver, iface, state, record):
    def fill(window, form_record):
        return [type_field(driver, window, "titolo", "Laboratori di quartiere per ragazzi"),
                choose(driver, window, "tipo_progetto_azione", "Sociale")]

    _child_form(driver, iface, state, record, "azioni", ("RemixAttachAzione",), ("Collega azione",), fill,
                hover=("Tipo di progetto",))


def _criticita(driver, iface, state, record):
    def fill(window, form_record):
        return [type_field(driver, window, "titolo", "Edificio scolastico dismesso e degradato"),
                type_comune(driver, window, "comune_istat", COMUNE),
                choose(driver, window, "ambito_intervento", "Aspetti fisico-materiali"),
                tick(driver, window, "ambito_criticita", ["Urbanistico", "Sociale"]),
                choose(driver, window, "scala_criticita", "Comunale")]

    _child_form(driver, iface, state, record, "criticita", ("RemixAddCriticita",), ("Aggiungi criticità",),
                fill, hover=("Ambito di intervento",))


def create_on_the_spot(driver, window, field, nested_name, nested_fill):
    """Create the linked record from the link's own widget (issue 12, item 8): find the "add"
    button of ``field``'s widget, fill the nested form, come back. Returns what happened."""
    from qgis.PyQt.QtWidgets import QAbstractButton

    widget = field_widget(window, field)
    result = {"field": field, "widget": type(widget).__name__ if widget is not None else None}
    if widget is None:
        return result
    candidates = []
    container = widget.parentWidget() or widget
    # the plugin's own "Nuovo attore…" beside the drop-down first, then any add button QGIS shows
    ordered = widget.findChildren(QAbstractButton, "RemixCreateLinked") + \
        container.findChildren(QAbstractButton)
    for button in ordered:
        if not button.isVisible():
            continue
        words = (button.text() + " " + button.toolTip()).casefold()
        candidates.append(words.strip())
        if any(word in words for word in ("aggiungi", "nuovo", "nuova", "crea", "add", "new")):
            nested = driver.expect(nested_name, is_attribute_dialog,
                                   form_handler(driver, nested_name, nested_fill))
            result["button"] = button.text() or button.toolTip()
            result["button_enabled"] = button.isEnabled()
            if not driver.click(button):
                driver.forget(nested)
                break
            driver.wait(lambda done=nested: done.get("accepted") is not None or done.get("timed_out"), 40)
            result["nested"] = nested
            break
    result["buttons_seen"] = candidates
    driver.settle(0.5)
    from qgis.PyQt.QtWidgets import QComboBox

    combo = widget.findChild(QComboBox)
    result["value_after"] = combo.currentText() if combo is not None else None
    return result


def _attore(driver, iface, state, record):
    def actor_fill(window, form_record):
        return [type_field(driver, window, "nome", "Associazione genitori scuola Marconi"),
                choose(driver, window, "tipo_attore", "Associazioni")]

    def fill(window, form_record):
        created = create_on_the_spot(driver, window, "attore_uuid", "attori", actor_fill)
        form_record["create_on_the_spot"] = created
        return [created, choose(driver, window, "ruolo_attore", "Partner")]

    _child_form(driver, iface, state, record, "progetto_attori", ("RemixAddAttore",), ("Aggiungi attore",),
                fill)


def _fase(driver, iface, state, record):
    def fill(window, form_record):
        widget = field_widget(window, "numero")
        shown = widget.text() if widget is not None and hasattr(widget, "text") else None
        form_record["numero_shown"] = shown
        return [type_field(driver, window, "titolo", "Fase I: progettazione e primi laboratori"),
                choose(driver, window, "stato_fase", "In corso")]

    _child_form(driver, iface, state, record, "fasi", ("RemixAddFase",), ("Aggiungi fase",), fill)


def _misura(driver, iface, state, record):
    def indicator_fill(window, form_record):
        return [type_field(driver, window, "nome", "Ragazzi iscritti ai laboratori"),
                type_field(driver, window, "unita_misura", "persone"),
                choose(driver, window, "categoria_indicatore", "Impatti")]

    def fill(window, form_record):
        created = create_on_the_spot(driver, window, "indicatore_uuid", "indicatori", indicator_fill)
        form_record["create_on_the_spot"] = created
        return [created, click_date(driver, window, "data_misura"), type_number(driver, window, "valore", 35)]

    _child_form(driver, iface, state, record, "misure", ("RemixAddMisura",), ("Aggiungi misurazione",), fill)


def _validate(driver, iface, state, record):
    from qgis.PyQt.QtCore import Qt
    from qgis.PyQt.QtWidgets import QDockWidget, QTreeWidget

    button = dock_button(iface, ("RemixValidate",), ("Valida",))
    record["button"] = button.text() if button else None
    driver.click(button)
    driver.wait_tasks(120)
    driver.settle(1.0)
    findings = iface.mainWindow().findChild(QDockWidget, "RemixFindingsDock")
    record["findings_dock"] = bool(findings and findings.isVisible())
    if findings is None:
        return
    record["text"] = visible_text(findings)
    tree = findings.findChild(QTreeWidget)
    rows = []
    if tree is not None:
        tree.expandAll()
        header = tree.headerItem()
        record["header"] = [header.text(i) for i in range(header.columnCount())]
        iterator = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        items = []
        driver.settle(0.3)  # the wrapped rows are laid out again once expanded
        while iterator and len(rows) < 40:
            item = iterator.pop(0)
            rows.append([item.text(i) for i in range(item.columnCount())])
            items.append(item)
            iterator[0:0] = [item.child(i) for i in range(item.childCount())]
        # Short columns (layer, field, rule code) must read whole; the message column may be cut
        # on a narrow panel (its tooltip has it all): counted apart.
        elided, cut_messages = [], 0
        metrics = tree.fontMetrics()
        margin = 2 * (tree.style().pixelMetric(tree.style().PixelMetric.PM_FocusFrameHMargin) + 1)
        for item, row in zip(items, rows):
            for column, text in enumerate(row):
                room = tree.columnWidth(column) - margin
                if text and metrics.elidedText(text, Qt.TextElideMode.ElideRight, room) != text:
                    # the texts wrap: cut only if the row is shorter than the lines, or one
                    # word (a rule's code) is wider than its column
                    width = room
                    if column == 0:
                        depth, parent = 1, item.parent()
                        while parent is not None:
                            depth, parent = depth + 1, parent.parent()
                        width -= depth * tree.indentation()
                    needed = wrapped_height(tree.font(), text, max(width, 40))
                    import re

                    widest = max(metrics.horizontalAdvance(word)
                                 for word in re.split(r"[\s\u200b]+", text) if word)
                    if tree.visualItemRect(item).height() >= needed and widest <= width:
                        continue
                    if column == 0:
                        cut_messages += 1
                    else:
                        elided.append(text)
        record["cut_texts"] = elided[:20]
        record["cut_messages"] = cut_messages
        record["column_widths"] = [tree.columnWidth(i) for i in range(tree.columnCount())]
    record["rows"] = rows
    driver.shoot(findings, "panel_findings")


def wrapped_height(font, text, width):
    """The height of ``text`` wrapped at ``width`` px as Qt's item views wrap it (between words
    only: a longer word is cut, which the caller checks apart)."""
    from qgis.PyQt.QtGui import QTextLayout, QTextOption

    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        height += line.height()
    layout.endLayout()
    return int(height + 0.999)


def _export(driver, iface, state, record):
    folder = os.path.dirname(state["gpkg"])
    before = {name for name in os.listdir(folder) if name.startswith("REMIX_")}

    def handle(window, dialog_record):
        from qgis.PyQt.QtWidgets import QLabel

        driver.settle(1.0)
        dialog_record["measure"] = measure_window(window)
        dialog_record["text"] = visible_text(window)
        problems = window.findChild(QLabel, "RemixExportProblems")
        dialog_record["problems"] = problems.text() if problems is not None and problems.isVisible() else ""
        driver.shoot(window, "dialog_export")
        button = ok_button(window)
        dialog_record["export_enabled"] = bool(button and button.isEnabled())
        if dialog_record["export_enabled"]:
            dialog_record["clicked"] = driver.click(button)
        else:
            driver.click(cancel_button(window))

    dialog = driver.expect("export dialog", lambda w: w.objectName() == "RemixExportDialog", handle)
    blocked = driver.expect("blocked export", lambda w: type(w).__name__ == "BlockedExportDialog",
                            _report_handler(driver, "export_blocked"), timeout=120)
    button = dock_button(iface, ("RemixExportBundle",), ("Esporta",))
    record["button"] = button.text() if button else None
    if not driver.click(button):
        driver.forget(dialog)
        driver.forget(blocked)
    driver.wait(lambda: dialog.get("export_enabled") is not None or dialog.get("timed_out"), 30)
    driver.wait_tasks(120)
    driver.settle(1.0)
    record["dialog"] = dialog
    record["blocked"] = blocked if blocked["appeared"] else None
    driver._pending = [entry for entry in driver._pending if entry[4] is not blocked]
    written = sorted({name for name in os.listdir(folder) if name.startswith("REMIX_")} - before)
    record["written"] = written
    if written:
        record["bundle_bytes"] = os.path.getsize(os.path.join(folder, written[0]))
    driver.shoot(iface.mainWindow(), "after_export")


def _report_handler(driver, name):
    def handle(window, record):
        driver.settle(0.5)
        record["text"] = visible_text(window)
        record["measure"] = measure_window(window)
        driver.shoot(window, f"dialog_{name}")
        window.close()

    return handle


def _atlas(driver, iface, state, record):
    pdf = os.path.join(os.path.dirname(state["gpkg"]), "atlante_pero.pdf")
    chooser = driver.expect("atlas file", is_file_dialog, file_dialog_handler(driver, "atlas", pdf))
    button = dock_button(iface, ("RemixAtlasPdf",), ("Atlante",))
    record["button"] = button.text() if button else None
    if not driver.click(button):
        driver.forget(chooser)
    driver.wait(lambda: chooser["appeared"], 20)
    driver.wait_tasks(180)
    driver.wait(lambda: os.path.exists(pdf), 30)
    record["file_dialog"] = chooser
    record["pdf"] = os.path.exists(pdf)
    if record["pdf"]:
        record["pdf_bytes"] = os.path.getsize(pdf)
        record["pdf_mode"] = oct(os.stat(pdf).st_mode & 0o777)
        with open(pdf, "rb") as handle:
            data = handle.read()
        record["pdf_pages"] = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    driver.shoot(iface.mainWindow(), "after_atlas")


def _reopen_with_edits(driver, iface, state, record):
    """A second perimeter left unsaved, then *Apri GeoPackage RE.MIX…* on the same file: the
    question must come (first answer Cancel: nothing changes; then Save: reopened with it)."""
    from qgis.PyQt.QtWidgets import QAction

    canvas = iface.mapCanvas()
    lavori = remix_layer("lavori")
    record["lavoro_selected"] = tree_click(driver, iface, "progetto")
    geometry = comune_geometry(iface, COMUNE)
    extent = geometry.boundingBox()
    canvas.setExtent(extent)
    canvas.refresh()
    wait_render(driver, canvas)
    fill = _lavoro_fill(driver, "Cortile e giardino della scuola")
    form = driver.expect("second lavoro", is_attribute_dialog, form_handler(driver, "lavoro_2", fill))
    draw = dock_button(iface, ("RemixDrawPerimeter",), ("Disegna perimetro",))
    record["draw_button"] = bool(draw)
    driver.click(draw)
    driver.settle(0.5)
    drawing = is_capture_tool(canvas.mapTool())
    record["clicks"] = draw_polygon(driver, iface, state["centre"], 60, offset=(320.0, 0.0))
    if drawing:
        driver.wait(lambda: form.get("accepted") is not None or form.get("timed_out"), 60)
    else:
        driver.forget(form)
    record["second_form"] = {k: form.get(k) for k in ("accepted", "ok_enabled", "filled")}
    driver.settle(0.5)
    record["modified_before"] = bool(lavori.isModified())
    label = dock_label(iface, UNSAVED_LABEL_NAMES)
    record["unsaved_label"] = label.text() if label is not None and label.isVisible() else None
    driver.shoot(dock(iface), "panel_unsaved", screen=False)

    action = iface.mainWindow().findChild(QAction, "RemixOpenGeoPackageAction")
    attempts = []
    for answer in ("Cancel", "Save"):
        attempt = {"answer": answer}
        question = driver.expect(f"unsaved question ({answer})", is_message_box, message_box_handler(
            driver, f"unsaved_{answer.lower()}",
            lambda box, a=answer: _standard_button(box, a) or _button_with_role(
                box, "RejectRole" if a == "Cancel" else "AcceptRole")), timeout=30)
        chooser = driver.expect(f"open file ({answer})", is_file_dialog,
                                file_dialog_handler(driver, f"open_{answer.lower()}", state["gpkg"]),
                                timeout=30)
        action.trigger()  # Plugins → RE.MIX → Apri GeoPackage RE.MIX… (runs until the file is open)
        # The question may come before or after the file dialog: give it a few seconds either way.
        driver.wait(lambda asked=question: asked.get("answered") is not None, 8)
        driver.settle(2.0)
        driver._pending = [e for e in driver._pending if e[4] is not question and e[4] is not chooser]
        attempt["question"] = question
        attempt["file_dialog"] = chooser["appeared"]
        current = remix_layer("lavori")
        attempt["layer_replaced"] = current is not lavori
        attempt["modified_after"] = bool(current is not None and current.isModified())
        attempt["saved_lavori"] = saved_counts(state["gpkg"])["lavori"]
        attempts.append(attempt)
        if not question["appeared"]:
            break  # no question: the edits are gone already (or saved without asking)
    record["attempts"] = attempts
    driver.wait(lambda: remix_layer("lavori") is not None, 30)
    wait_render(driver, canvas)


def _view_after_open(driver, iface, state, record):
    canvas = iface.mapCanvas()
    if remix_layer("lavori") is not None and not record.get("reopened"):
        wait_render(driver, canvas)
    record["view"] = map_view(iface, ("lavori", "comuni"))
    driver.shoot(iface.mainWindow(), "map_after_open")


def _small_scale_symbol(driver, iface, state, record):
    record.update(symbol_pixels(driver, iface))
    driver.shoot(iface.mainWindow(), "map_small_scale")


def _panel(driver, iface, state, record):
    canvas = iface.mapCanvas()
    canvas.zoomScale(200_000)  # away from the project first: the click must bring it into view
    wait_render(driver, canvas)
    tree_click(driver, iface, "progetto")
    wait_render(driver, canvas)
    record["view_after_click"] = map_view(iface, ("lavori",))
    panel = dock(iface)
    record["text"] = visible_text(panel)
    record["measure"] = measure_window(iface.mainWindow())
    driver.shoot(panel, "panel")
    driver.shoot(iface.mainWindow(), "main_window", screen=False)
