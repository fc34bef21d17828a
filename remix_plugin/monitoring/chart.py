"""The small KPI chart as data (no QGIS, no Qt): one indicator's measurements over time against
its baseline and target, scaled into a box. The dock's view paints it with QPainter
(gui/monitoring_view.py); ``svg()`` writes the same drawing as SVG (vector, for layouts and
reports). One geometry, two renderers, so both show the same thing.

The time axis runs from the earliest of the baseline date and the first measurement to the
latest of the target date and the last measurement; the value axis covers the measurements, the
baseline and the target with a little margin. The planned path is the straight line from
(baseline date, baseline) to (target date, target): a measurement above it (below, when lower is
better) is ahead of schedule, as in the status ``in_linea``.
"""

import datetime
from dataclasses import dataclass, field

from ..i18n import tr
from ..xmltext import escape
from .kpi import status_label

STATUS_COLOURS = {
    "raggiunto": "#1b7a3a",
    "in_linea": "#1f6fb2",
    "in_ritardo": "#a4262c",
    "senza_riferimento": "#6b7280",
    "senza_obiettivo": "#6b7280",
    "senza_misure": "#6b7280",
}
BASELINE_COLOUR, TARGET_COLOUR, AXIS_COLOUR = "#7a7a7a", "#1b7a3a", "#9aa3ab"


@dataclass
class ChartModel:
    """Coordinates in the box (origin top left, y downwards) of everything the chart draws."""

    left: float
    top: float
    right: float
    bottom: float
    points: list = field(default_factory=list)  # [(x, y, measurement)]
    baseline_y: float = None
    target_y: float = None
    target_point: tuple = None  # (x, y) at the target date
    planned: tuple = None  # ((x0, y0), (x1, y1))
    x_ticks: list = field(default_factory=list)  # [(x, "2024")]
    y_ticks: list = field(default_factory=list)  # [(y, "12")]
    colour: str = "#6b7280"


def _number(value):
    return f"{value:.6g}"


def chart_model(kpi, width, height, margin_left=44, margin_bottom=20, margin_top=8, margin_right=10):
    """The ChartModel of a ``Kpi`` row in a ``width`` × ``height`` box, or None without data."""
    indicator, series = kpi.indicator, kpi.series
    if indicator is None or not series:
        return None
    dates = [m.date for m in series]
    if indicator.baseline_date:
        dates.append(indicator.baseline_date)
    if indicator.target_date:
        dates.append(indicator.target_date)
    start, end = min(dates), max(dates)
    if end <= start:
        start, end = start - datetime.timedelta(days=182), end + datetime.timedelta(days=182)
    values = [m.value for m in series] + [v for v in (indicator.baseline, indicator.target) if v is not None]
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 if high > low else max(abs(high) * 0.1, 1.0)
    low, high = low - pad, high + pad
    if min(values) >= 0 > low:
        low = 0.0  # counts and shares do not go below zero
    model = ChartModel(margin_left, margin_top, width - margin_right, height - margin_bottom)
    model.colour = STATUS_COLOURS.get(kpi.status, "#6b7280")
    span_days = (end - start).days

    def x_of(day):
        return model.left + (model.right - model.left) * (day - start).days / span_days

    def y_of(value):
        return model.bottom - (model.bottom - model.top) * (value - low) / (high - low)

    model.points = [(x_of(m.date), y_of(m.value), m) for m in series]
    if indicator.baseline is not None:
        model.baseline_y = y_of(indicator.baseline)
    if indicator.target is not None:
        model.target_y = y_of(indicator.target)
        if indicator.target_date:
            model.target_point = (x_of(indicator.target_date), model.target_y)
    if indicator.baseline is not None and indicator.target is not None and indicator.target_date:
        begin = indicator.baseline_date or series[0].date
        model.planned = (
            (x_of(begin), y_of(indicator.baseline)),
            (x_of(indicator.target_date), model.target_y),
        )
    years = range(start.year + (0 if (start.month, start.day) == (1, 1) else 1), end.year + 1)
    step = max(1, -(-len(years) // 6))
    model.x_ticks = [(x_of(datetime.date(y, 1, 1)), str(y)) for y in list(years)[::step]]
    references = [v for v in (indicator.baseline, indicator.target) if v is not None]
    if len(set(references)) < 2:  # label the range of the values instead
        references = sorted({min(m.value for m in series), max(m.value for m in series)} | set(references))
    model.y_ticks = [(y_of(v), _number(v)) for v in sorted(set(references))]
    return model


def caption(kpi, language="it"):
    """One line: status, share reached (and expected), latest value with its date."""
    if kpi.indicator is None:
        return status_label(kpi.status, language)
    parts = [status_label(kpi.status, language)]
    if kpi.share is not None:
        share = f"{kpi.share * 100:.0f}%"
        text = tr("{share} of the target", language=language).format(share=share)
        if kpi.expected is not None and kpi.status != "raggiunto":
            expected = f"{kpi.expected * 100:.0f}%"
            text += " (" + tr("expected {share}", language=language).format(share=expected) + ")"
        parts.append(text)
    else:
        parts.append(tr("share n/a", language=language))
    latest = kpi.latest
    unit = f" {kpi.indicator.unit}" if kpi.indicator.unit else ""
    parts.append(
        tr("latest value", language=language)
        + f" {_number(latest.value)}{unit} ({latest.date.isoformat()})"
    )
    return " · ".join(parts)


def reference_text(kpi, language="it"):
    """Baseline and target in words, e.g. "partenza 0 (2020-05-04) → obiettivo 6 entro 2026-12-31"."""
    ind = kpi.indicator
    if ind is None:
        return ""
    base = (
        f"{_number(ind.baseline)}" + (f" ({ind.baseline_date.isoformat()})" if ind.baseline_date else "")
        if ind.baseline is not None
        else "n/d"
    )
    target = (
        f"{_number(ind.target)}"
        + (f" {tr('by', language=language)} {ind.target_date.isoformat()}" if ind.target_date else "")
        if ind.target is not None
        else "n/d"
    )
    return tr("baseline {base} → target {target}", language=language).format(base=base, target=target)


def _line(x1, y1, x2, y2, colour, width, dash):
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
        f'stroke-width="{width}" stroke-dasharray="{dash}"/>'
    )


def _label(x, y, anchor, text):
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="#444">{escape(text)}</text>'


def svg(kpi, width=320, height=120, language="it"):
    """The chart as a standalone SVG document (text), or "" without data."""
    model = chart_model(kpi, width, height)
    if model is None:
        return ""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="9">',
        f'<rect x="{model.left:.1f}" y="{model.top:.1f}" width="{model.right - model.left:.1f}" '
        f'height="{model.bottom - model.top:.1f}" fill="#ffffff" stroke="{AXIS_COLOUR}" stroke-width="0.6"/>',
    ]
    out += [_label(x, model.bottom + 12, "middle", label) for x, label in model.x_ticks]
    out += [_label(model.left - 4, y + 3, "end", label) for y, label in model.y_ticks]
    if model.baseline_y is not None:
        out.append(
            _line(model.left, model.baseline_y, model.right, model.baseline_y, BASELINE_COLOUR, 0.8, "3 2")
        )
    if model.target_y is not None:
        out.append(_line(model.left, model.target_y, model.right, model.target_y, TARGET_COLOUR, 0.8, "5 2"))
    if model.planned is not None:
        (x0, y0), (x1, y1) = model.planned
        out.append(_line(x0, y0, x1, y1, TARGET_COLOUR, 0.6, "1 2"))
    if model.target_point is not None:
        x, y = model.target_point
        corners = ((x, y - 4), (x + 4, y), (x, y + 4), (x - 4, y))
        out.append(
            '<polygon points="'
            + " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)
            + f'" fill="{TARGET_COLOUR}"/>'
        )
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in model.points)
    out.append(f'<polyline points="{path}" fill="none" stroke="{model.colour}" stroke-width="1.6"/>')
    for x, y, _ in model.points:
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.4" fill="{model.colour}"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def project_svg(rows, width=320, height=120, language="it"):
    """The charts of one project's indicators stacked in one SVG document, each under two short
    lines: the indicator's name (and unit), its status and share. Texts are kept short because
    SVG renderers do not wrap or clip them."""
    title_height = 26
    parts, top = [], 0
    for row in rows:
        inner = svg(row, width, height, language)
        if not inner:
            continue
        unit = f" ({row.indicator.unit})" if row.indicator.unit else ""
        colour = STATUS_COLOURS.get(row.status, "#6b7280")
        status = " · ".join(caption(row, language).split(" · ")[:2])  # status and share, not the latest value
        parts.append(
            f'<text x="2" y="{top + 10}" font-family="sans-serif" font-size="9" font-weight="bold" '
            f'fill="#222">{escape(row.indicator.nome + unit)}</text>'
        )
        parts.append(
            f'<text x="2" y="{top + 21}" font-family="sans-serif" font-size="8.5" fill="{colour}">'
            f"{escape(status)}</text>"
        )
        body = inner.split(">", 1)[1].rsplit("</svg>", 1)[0]  # the drawing without its <svg> wrapper
        parts.append(
            f'<g transform="translate(0 {top + title_height})" font-family="sans-serif" font-size="9">'
        )
        parts.append(body.strip())
        parts.append("</g>")
        top += title_height + height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{max(top, 1)}" '
        f'viewBox="0 0 {width} {max(top, 1)}">\n' + "\n".join(parts) + "\n</svg>\n"
    )
