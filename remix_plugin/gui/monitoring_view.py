"""The dock's "Monitoraggio" view: for the selected project, each indicator's measurements over
time against its baseline and target (a small chart painted with QPainter from
``monitoring.chart.chart_model``, the same geometry as the SVG of the atlas card), with the
status, the share of the target reached and the latest value (docs/monitoring.md).

``MonitoringView.set_source(path)`` computes the KPI report of a GeoPackage (or DSN) once
(``monitoring.kpi``: milliseconds for a comune's file; give a big file's report computed in a
RemixTask with ``set_report``). ``show_project(uuid)`` shows that project's indicators. Texts are
``i18n.tr(..., language=view.language)``.
"""

from qgis.PyQt.QtCore import QPointF, QRectF, Qt
from qgis.PyQt.QtGui import QColor, QFont, QPainter, QPen, QPolygonF, QTextOption
from qgis.PyQt.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ..i18n import tr, ui_language
from ..monitoring.chart import (
    AXIS_COLOUR,
    BASELINE_COLOUR,
    TARGET_COLOUR,
    caption,
    chart_model,
    reference_text,
)

CHART_HEIGHT = 130


class KpiChart(QWidget):
    """One indicator's chart; paints ``chart_model`` scaled to the widget."""

    def __init__(self, kpi, parent=None):
        super().__init__(parent)
        self.kpi = kpi
        self.setMinimumHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def model(self):
        return chart_model(self.kpi, self.width(), self.height())

    def paintEvent(self, event):  # noqa: N802 (Qt API)
        model = self.model()
        if model is None:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(self.rect(), QColor("#ffffff"))
            painter.setPen(QPen(QColor(AXIS_COLOUR), 1))
            painter.drawRect(
                QRectF(model.left, model.top, model.right - model.left, model.bottom - model.top)
            )
            font = QFont(painter.font())
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            painter.setPen(QColor("#444444"))
            centred = QTextOption(Qt.AlignmentFlag.AlignHCenter)  # QTextOption: no int() of flags (Qt 6)
            right = QTextOption(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for x, label in model.x_ticks:
                painter.drawText(QRectF(x - 30, model.bottom + 2, 60, 16), label, centred)
            for y, label in model.y_ticks:
                painter.drawText(QRectF(0, y - 8, model.left - 4, 16), label, right)
            if model.baseline_y is not None:
                painter.setPen(QPen(QColor(BASELINE_COLOUR), 1, Qt.PenStyle.DashLine))
                painter.drawLine(
                    QPointF(model.left, model.baseline_y), QPointF(model.right, model.baseline_y)
                )
            if model.target_y is not None:
                painter.setPen(QPen(QColor(TARGET_COLOUR), 1, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(model.left, model.target_y), QPointF(model.right, model.target_y))
            if model.planned is not None:
                (x0, y0), (x1, y1) = model.planned
                painter.setPen(QPen(QColor(TARGET_COLOUR), 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(x0, y0), QPointF(x1, y1))
            if model.target_point is not None:
                x, y = model.target_point
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(TARGET_COLOUR))
                painter.drawPolygon(
                    QPolygonF([QPointF(x, y - 5), QPointF(x + 5, y), QPointF(x, y + 5), QPointF(x - 5, y)])
                )
            colour = QColor(model.colour)
            painter.setPen(QPen(colour, 2))
            points = [QPointF(x, y) for x, y, _ in model.points]
            if len(points) > 1:
                painter.drawPolyline(QPolygonF(points))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, 3.5, 3.5)
        finally:
            painter.end()


class IndicatorCard(QFrame):
    def __init__(self, kpi, language, parent=None):
        super().__init__(parent)
        from ..monitoring.chart import STATUS_COLOURS

        self.kpi = kpi
        self.setFrameShape(QFrame.Shape.StyledPanel)
        unit = f" ({kpi.indicator.unit})" if kpi.indicator.unit else ""
        self.title = QLabel(f"<b>{_html(kpi.indicator.nome)}</b>{_html(unit)}")
        self.status = QLabel(caption(kpi, language))
        self.status.setWordWrap(True)
        self.status.setStyleSheet(f"color: {STATUS_COLOURS.get(kpi.status, '#6b7280')}; font-weight: bold;")
        self.reference = QLabel(reference_text(kpi, language))
        self.reference.setWordWrap(True)
        self.chart = KpiChart(kpi)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        for widget in (self.title, self.status, self.reference, self.chart):
            layout.addWidget(widget)


def _html(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MonitoringView(QWidget):
    def __init__(self, parent=None, language=None):
        super().__init__(parent)
        self.language = language or ui_language()
        self.report = None
        self.cards = []
        self.heading = QLabel(tr("Select a project.", language=self.language))
        self.heading.setWordWrap(True)
        self.heading.setObjectName("monitoringHeading")
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.body)
        self.legend = QLabel(
            tr(
                "Grey dashed line: baseline; green dashed: target (◆ at the target date); green "
                "dotted: planned path. Series colour: green achieved, blue on track, red late.",
                language=self.language,
            )
        )
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.legend)


    def set_source(self, path):
        """The KPI report of ``path`` (GeoPackage or DSN); raises RemixError when unreadable."""
        from ..monitoring.kpi import kpi_report

        self.set_report(kpi_report(str(path)))

    def set_report(self, report):
        self.report = report
        self.clear()

    def clear(self):
        for card in self.cards:
            self.body_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        self.heading.setText(tr("Select a project.", language=self.language))

    def show_project(self, uuid):
        """Show the indicators of project ``uuid``; False (and an empty view) for an unknown one."""
        self.clear()
        rows = self.report.of_project(uuid) if self.report is not None else []
        if not rows:
            return False
        title = rows[0].titolo
        measured = [row for row in rows if row.indicator is not None]
        if not measured:
            self.heading.setText(
                tr("«{title}»: no indicator measurement.", language=self.language).format(title=title)
            )
            return True
        self.heading.setText(
            tr(
                "Indicators of «{title}»: {n_measured}",
                language=self.language,
            ).format(title=title, n_measured=len(measured))
        )
        for index, row in enumerate(measured):
            card = IndicatorCard(row, self.language, self.body)
            self.body_layout.insertWidget(index, card)
            self.cards.append(card)
        return True

    def card_texts(self):
        """(indicator, status line, baseline → target) of each card shown (tests, accessibility)."""
        return [(c.kpi.indicator.nome, c.status.text(), c.reference.text()) for c in self.cards]
