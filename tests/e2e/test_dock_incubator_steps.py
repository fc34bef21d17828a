"""Steps run *inside* the QGIS desktop by scripts/desktop_probe.py for
tests/e2e/test_dock_incubator.py (no tests here: pytest collects nothing from this module).

Each step is ``fn(iface, context) -> JSON-able summary`` and reads what is on screen: the
visible panel, its rows, tooltips, the buttons a person can click. Screenshots go to
``config["out_dir"]`` named ``incubator_<panel>_<W>x<H>.png`` (the whole Xvfb screen, dialogs
included, as the person sees it).
"""

import json
import os
import time
import urllib.request

CASTANESI = "51886fd4-e04e-58b2-8ae3-703f74eb4792"
DEMO_DATE = "2026-09-15"


def _dock(iface):
    from qgis.PyQt.QtWidgets import QDockWidget

    return iface.mainWindow().findChild(QDockWidget, "RemixDock")


def _shoot(context, name):
    from qgis.core import QgsApplication

    context["settle"](0.6)
    width, height = context["config"]["screen"]
    path = os.path.join(context["config"]["out_dir"], f"incubator_{name}_{width}x{height}.png")
    return path if QgsApplication.primaryScreen().grabWindow(0).save(path) else None


def _button_of(dock, action_name):
    """The tool button showing the dock's action ``action_name`` (what a person clicks)."""
    from qgis.PyQt.QtWidgets import QToolButton

    for button in dock.findChildren(QToolButton):
        action = button.defaultAction()
        if action is not None and action.objectName() == action_name:
            return button
    return None


def _rect_on_screen(widget):
    from qgis.PyQt.QtCore import QPoint

    top_left = widget.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]


def _loaded(context, panel, seconds=60):
    """Wait until the panel's data (computed in a RemixTask) are shown."""
    deadline = time.monotonic() + seconds
    while panel.loading and time.monotonic() < deadline:
        context["settle"](0.1)
    context["settle"](0.4)
    return not panel.loading


def _show_tab(context, dock, name):
    panel = dock.panels[name]
    dock.panel_tabs.setCurrentWidget(panel.page)
    _loaded(context, panel)
    return panel


def window_at_start(iface, context):
    """The main window and the dock before the demo is opened (the dock's empty state)."""
    window = iface.mainWindow()
    dock = _dock(iface)
    return {"window_rect": _rect_on_screen(window), "dock_rect": _rect_on_screen(dock),
            "window_min": window.minimumSizeHint().height()}


def monitoring_panel(iface, context):
    dock = _dock(iface)
    panel = _show_tab(context, dock, "RemixMonitoringPanel")
    view = dock.monitoring_view
    return {
        "tab_visible": panel.page.isVisible(),
        "heading": view.heading.text(),
        "cards": [list(card) for card in view.card_texts()],
        "cards_visible": [card.isVisible() for card in view.cards],
        "screenshot": _shoot(context, "monitoring"),
    }


def prepare_dock(iface, context):
    """Make the dock wide enough to read (a third of the screen), give the panels room, and
    select the seed's Casa dei Castanesi in the tree."""
    from qgis.PyQt.QtCore import Qt

    dock = _dock(iface)
    width, height = context["config"]["screen"]
    window = iface.mainWindow()
    probe = {"window_min": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
             "window_min_size": [window.minimumSize().width(), window.minimumSize().height()]}
    dock.panels_area.hide()
    context["settle"](0.3)
    probe["window_min_without_panels"] = window.minimumSizeHint().height()
    probe["dock_min_without_panels"] = dock.minimumSizeHint().height()
    dock.hide()
    context["settle"](0.3)
    probe["window_min_without_dock"] = window.minimumSizeHint().height()
    dock.show()
    dock.panels_area.show()
    window.resizeDocks([dock], [int(width * 0.36)], Qt.Orientation.Horizontal)
    dock.raise_()
    context["settle"](0.5)
    sizes = dock.splitter.sizes()
    total = sum(sizes)
    dock.splitter.setSizes([int(total * 0.42), total - int(total * 0.42)])
    selected = dock.select_item("progetto", CASTANESI)
    context["settle"](0.5)
    return {"selected": selected, "dock_rect": _rect_on_screen(dock), "splitter": dock.splitter.sizes(),
            "window_rect": _rect_on_screen(window), "dock_minimum": [dock.minimumSizeHint().width(),
                                                                     dock.minimumSizeHint().height()],
            "probe": probe}


def funding_panel(iface, context):
    from qgis.PyQt.QtCore import QDate

    dock = _dock(iface)
    panel = _show_tab(context, dock, "RemixFundingPanel")
    today = panel.date.date().toString("yyyy-MM-dd")
    panel.date.setDate(QDate.fromString(DEMO_DATE, "yyyy-MM-dd"))
    _loaded(context, panel)
    view = dock.funding_view
    tabs = dock.panel_tabs
    summary = {
        "tab_visible": panel.page.isVisible(),
        "tab_texts": [tabs.tabText(i) for i in range(tabs.count())],
        "tab_tooltips": [tabs.tabToolTip(i) for i in range(tabs.count())],
        "today_by_default": today,
        "heading": view.heading.text(),
        "heading_visible": view.heading.isVisible(),
        "rows": view.row_texts(),
        "table_rect": _rect_on_screen(view.table),
        "table_rows_shown": view.table.rowCount(),
        "calls": [panel.calls.itemText(i) for i in range(panel.calls.count())],
        "screenshot": _shoot(context, "funding"),
    }
    # a call's candidate projects, chosen in the panel's chooser as a person would
    panel.calls.setCurrentIndex(next(i for i in range(panel.calls.count())
                                     if "Fondazione" in panel.calls.itemText(i)))
    context["settle"](0.5)
    summary["call_heading"] = view.heading.text()
    summary["call_rows"] = [row[0] for row in view.row_texts()]
    summary["call_screenshot"] = _shoot(context, "funding_call")
    dock.select_item("progetto", CASTANESI)
    context["settle"](0.3)
    return summary


def priority_panel(iface, context):
    dock = _dock(iface)
    panel = _show_tab(context, dock, "RemixPriorityPanel")
    view = dock.priority_view
    first = view.table.item(0, 0) if view.table.rowCount() else None
    return {
        "tab_visible": panel.page.isVisible(),
        "heading": view.heading.text(),
        "rows": [list(row) for row in view.row_texts()],
        "first_tooltip": first.toolTip() if first is not None else "",
        "bars_visible": [view.table.cellWidget(r, 1).isVisible() for r in range(view.table.rowCount())],
        "footer": view.footer.text(),
        "screenshot": _shoot(context, "priority"),
    }


def proposals_panel(iface, context):
    dock = _dock(iface)
    panel = _show_tab(context, dock, "RemixProposalsPanel")
    view = dock.proposals_view
    ids = view.proposal_ids()
    if ids:
        view.select(ids[0])
        view.tree.expandAll()
    context["settle"](0.5)
    first = view.tree.topLevelItem(0) if ids else None
    band = dock.hull_band
    return {
        "tab_visible": panel.page.isVisible(),
        "proposals": len(ids),
        "first_row": [first.text(c) for c in range(3)] if first is not None else [],
        "first_tooltip": first.toolTip(0) if first is not None else "",
        "members": [first.child(i).text(2) for i in range(first.childCount())] if first is not None else [],
        "reason": view.reason.text(),
        "reason_visible": view.reason.isVisible(),
        "accept_enabled": view.accept_button.isEnabled() and view.accept_button.isVisible(),
        "hull_on_map": band is not None and band.isVisible() and band.asGeometry().area() > 0,
        "status": view.status.text(),
        "screenshot": _shoot(context, "proposals"),
    }


def publish_web(iface, context):
    """Click "Publish on the web…": in its options dialog "Browse…" (the folder asked by the
    test: a new folder in out_dir), a WMS without layers (refused), then an XYZ base map; OK; wait
    for the task, read the result dialog, press "Open in the browser" (the page is fetched from
    the loopback preview server instead of launching a browser)."""
    from qgis.PyQt.QtWidgets import QApplication

    from remix_plugin.gui import web_publish

    dock = _dock(iface)
    button = _button_of(dock, "RemixPublishWeb")
    out_dir = os.path.join(context["config"]["out_dir"], "atlante_web")
    summary = {
        "button_visible": bool(button is not None and button.isVisible()),
        "button_enabled": bool(button is not None and button.isEnabled()),
        "button_text": button.text() if button is not None else "",
        "button_tooltip": button.defaultAction().toolTip() if button is not None else "",
    }
    chosen = []
    # the probe's watchdog closes any dialog left open after a second: not this one, we read it
    import builtins

    watchdog = getattr(builtins, "_remix_probe_watchdog", None)
    if watchdog is not None:
        watchdog.stop()
    original = web_publish.WebPublisher.choose_folder
    web_publish.WebPublisher.choose_folder = lambda self: chosen.append(out_dir) or out_dir
    try:
        button.click()
        context["settle"](0.5)
        options = dock.web_publisher.options if dock.web_publisher is not None else None
        summary["options_dialog"] = bool(options is not None and options.isVisible())
        if options is None:
            summary["dialog"] = False
            if watchdog is not None:
                watchdog.start()
            return summary
        from qgis.PyQt.QtWidgets import QDialogButtonBox, QLabel

        options.move(int(context["config"]["screen"][0] * 0.15), 120)
        options.browse_button.click()  # "Browse…": the folder asked by the test
        options.type_combo.setCurrentIndex(web_publish.BASE_LAYER_TYPES.index("wms"))
        options.url_edit.setText("https://example.org/wms")
        ok = options.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.click()  # a WMS without its layers: refused by publish.py's rule, the dialog stays
        context["settle"](0.3)
        summary["options_refused"] = options.isVisible() and options.problem.isVisible()
        summary["options_problem"] = options.problem.text()
        options.type_combo.setCurrentIndex(web_publish.BASE_LAYER_TYPES.index("xyz"))
        options.url_edit.setText("https://tile.openstreetmap.org/{z}/{x}/{y}.png")
        options.attribution_edit.setText("© OpenStreetMap contributors")
        options.problem.hide()
        summary["options_screenshot"] = _shoot(context, "publish_options")
        geometry = options.frameGeometry()
        screen = context["config"]["screen"]
        summary["options_on_screen"] = (geometry.left() >= 0 and geometry.top() >= 0
                                        and geometry.right() <= screen[0] and geometry.bottom() <= screen[1])
        summary["options_fields"] = {
            widget.objectName(): widget.isVisible() for widget in (
                options.folder_edit, options.browse_button, options.type_combo, options.url_edit,
                options.layers_edit, options.attribution_edit)}
        summary["options_labels"] = [label.text() for label in options.findChildren(QLabel)
                                     if label.isVisible() and label.text()]
        summary["options_folder"] = options.folder_edit.text()
        summary["options_layers_enabled"] = options.layers_edit.isEnabled()
        ok.click()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            publisher = dock.web_publisher
            if publisher is not None and publisher.task is None and publisher.dialog is not None:
                break
            context["settle"](0.2)
    finally:
        web_publish.WebPublisher.choose_folder = original
    dialog = dock.web_publisher.dialog if dock.web_publisher is not None else None
    summary["folder_asked"] = chosen
    if dialog is None:
        summary["dialog"] = False
        if watchdog is not None:
            watchdog.start()
        return summary
    dialog.move(int(context["config"]["screen"][0] * 0.15), 120)
    dialog.raise_()
    context["settle"](0.5)
    opened = []
    dialog.open_url = opened.append
    summary.update({
        "dialog": dialog.isVisible(),
        "summary": dialog.summary.text(),
        "browser_button_visible": dialog.browser_button.isVisible(),
        "folder_button_visible": dialog.folder_button.isVisible(),
        "screenshot": _shoot(context, "publish"),
        "index_exists": os.path.exists(os.path.join(out_dir, "index.html")),
    })
    publication = os.path.join(out_dir, "publication.json")
    if os.path.exists(publication):
        with open(publication, encoding="utf-8") as stream:
            summary["base_layer"] = json.load(stream).get("base_layer")
    dialog.browser_button.click()
    QApplication.processEvents()
    summary["opened"] = list(opened)
    if opened:
        with urllib.request.urlopen(opened[0], timeout=10) as answer:
            summary["served_status"] = answer.status
            summary["served_html"] = b"maplibre" in answer.read().lower()
    dialog.close()
    if watchdog is not None:
        watchdog.start()
    return summary
