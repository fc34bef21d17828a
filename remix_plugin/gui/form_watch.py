"""Watches QGIS's main window for attribute dialogs and has the RE.MIX ones decorated by
``forms.desktop`` (definitions as tooltips, why OK is disabled, empty fields without "NULL") and
given the "Nuovo attore…" / "Nuovo indicatore…" buttons of ``gui.link_create``. Kept apart from
the form code so that installing it at start-up imports nothing of the scheme: the form code is
imported when the first attribute form appears."""

from qgis.PyQt.QtCore import QObject, QTimer
from qgis.PyQt.QtWidgets import QApplication


class FormHints(QObject):
    """Decorates each RE.MIX attribute form: when a window is added to QGIS's main window (the
    attribute dialogs QGIS opens are its children; without a window manager they never get
    focus), and the first time one of its widgets gets focus (forms embedded elsewhere)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._application = None
        self._window = None

    def install(self, window=None):
        self._application = QApplication.instance()
        if self._application is not None:
            self._application.focusChanged.connect(self.on_focus_changed)
        if window is not None:
            self._window = window
            window.installEventFilter(self)
        return self

    def uninstall(self):
        import sys

        desktop = sys.modules.get(__package__.rpartition(".")[0] + ".forms.desktop")
        if desktop is not None:  # no RE.MIX form left to show empty fields: QGIS's own text back
            desktop.restore_null_representation()
        if self._application is not None:
            self._application.focusChanged.disconnect(self.on_focus_changed)
            self._application = None
        if self._window is not None:
            self._window.removeEventFilter(self)
            self._window = None

    def eventFilter(self, watched, event):  # noqa: N802 (Qt API)
        from qgis.PyQt.QtCore import QEvent

        if event.type() == QEvent.Type.ChildAdded:
            # the child is still being built: look once the event loop turns
            QTimer.singleShot(0, self.scan)
        return False

    def scan(self):
        """Decorate the RE.MIX forms of the attribute dialogs of the main window (once each)."""
        from qgis.gui import QgsAttributeDialog
        from qgis.PyQt import sip

        if self._window is None:
            return 0
        from qgis.PyQt.QtWidgets import QApplication, QDialog

        done = 0
        # also those parented to a dock, and the one QGIS opens after drawing (a Tool window)
        dialogs = self._window.findChildren(QDialog) + [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
        for child in dialogs:
            if child.inherits("QgsAttributeDialog"):
                dialog = child if isinstance(child, QgsAttributeDialog) else \
                    sip.cast(child, QgsAttributeDialog)
                done += int(decorate(dialog.attributeForm()))
        return done

    def on_focus_changed(self, _old, now):
        # cheap test first: the form code is imported only when a RE.MIX form may be there
        widget = now
        while widget is not None and not widget.inherits("QgsAttributeForm"):
            widget = widget.parentWidget()
        if widget is not None:
            from ..forms.desktop import _attribute_form

            decorate(_attribute_form(now))


def decorate(form):
    """The form's hints (once) and its create-and-link buttons (once); True if the hints were
    added now. The dock decorates the forms it opens before showing them: their buttons come
    with the first focus."""
    from ..forms.desktop import decorate_form
    from .link_create import add_create_buttons

    done = decorate_form(form)
    add_create_buttons(form)
    return done
