"""Bar charts of the summary page, made of ordinary layout items (vector in the PDF).

QGIS 3.22 has no chart item. Each bar is a rectangle whose width is data-defined on an integer
field of the atlas coverage (``g_zona_nord_ovest``…, the longest bar of a chart full width);
beside it a label with the scheme's term and a label with the value. A planner can recolour,
move or delete any of them in the layout designer. Rows follow the scheme's order; colours come
from ``styles.palette`` (zone tints as on the maps, Okabe-Ito for the ambiti, the lavori's
intervento colours).
"""

from qgis.core import QgsLayoutObject, QgsProperty

from ..i18n import tr
from ..styles import palette
from ..taxonomy import load_scheme

ROW_MM = 5.0
BAR_MM = 3.4
LABEL_MM = 38.0
VALUE_MM = 13.0

# ambito code (scheme order) -> Okabe-Ito colour; the poster colours projects the same way
AMBITO_COLOURS = dict(zip(
    ("urbanistico", "infrastrutturale", "ambientale", "paesistico", "sociale", "culturale", "economico"),
    (palette.OKABE_ITO[name] for name in
     ("vermillion", "blue", "bluish_green", "yellow", "reddish_purple", "orange", "sky_blue"))))
AZIONE_COLOURS = {"sociale": palette.OKABE_ITO["reddish_purple"], "culturale": palette.OKABE_ITO["orange"],
                  "economico": palette.OKABE_ITO["blue"]}
ZONE_BAR_OUTLINE = "#5A5A5A"
UNCLASSIFIED = "nc"


def ambito_colour(code):
    return AMBITO_COLOURS.get(code, palette.FALLBACK_FILL)


def _terms(dimension):
    return [t for t in load_scheme().dimension(dimension).terms if not getattr(t, "deprecated", False)]


def chart_rows(language="it"):
    """chart id -> [(field, value field for the label or None, term label, colour, outline)]."""
    unclassified = tr("Not classified", "RemixAtlas", language=language)
    works = tr("works", "RemixAtlas", language=language)
    actions = tr("actions", "RemixAtlas", language=language)
    zones = [(f"g_zona_{t.code}", f"g_zonac_{t.code}", t.label(language),
              palette.ZONE_TINTS.get(t.code, "#F0F0F0"), ZONE_BAR_OUTLINE) for t in _terms("zona_omogenea")]
    ambiti = [(f"g_ambito_{t.code}", None, t.label(language), ambito_colour(t.code), None)
              for t in _terms("ambito_opportunita")]
    kinds = [(f"g_lav_{t.code}", None, f"{t.label(language)} ({works})",
              palette.INTERVENTO_COLOURS.get(t.code, palette.FALLBACK_FILL), None)
             for t in _terms("intervento_oggetto")]
    kinds.append((f"g_lav_{UNCLASSIFIED}", None, f"{unclassified} ({works})", palette.FALLBACK_FILL, None))
    kinds += [(f"g_az_{t.code}", None, f"{t.label(language).capitalize()} ({actions})",
               AZIONE_COLOURS.get(t.code, palette.FALLBACK_FILL), None)
              for t in _terms("tipo_progetto_azione")]
    return {"zona": zones, "ambito": ambiti, "tipo": kinds}


def chart_fields():
    names = []
    for chart, rows in chart_rows().items():
        names.append(f"g_max_{chart}")
        for bar_field, value_field, _label, _colour, _outline in rows:
            names.append(bar_field)
            if value_field:
                names.append(value_field)
    return names


def chart_values(summary):
    """Coverage values of every chart field from ``cards.summarise``'s counts."""
    values = {}
    for code, (n_comuni, n_progetti) in summary.get("zone_codes", {}).items():
        values[f"g_zona_{code}"] = n_progetti
        values[f"g_zonac_{code}"] = n_comuni
    for code, count in summary.get("ambiti_codes", {}).items():
        values[f"g_ambito_{code}"] = count
    for code, count in summary.get("interventi", {}).items():
        values[f"g_lav_{code or UNCLASSIFIED}"] = values.get(f"g_lav_{code or UNCLASSIFIED}", 0) + count
    for code, count in summary.get("tipi_azione", {}).items():
        if code:
            values[f"g_az_{code}"] = count
    known = set(chart_fields())
    values = {name: value for name, value in values.items() if name in known}
    for chart, rows in chart_rows().items():
        values[f"g_max_{chart}"] = max([values.get(row[0], 0) for row in rows] + [0])
        for row in rows:
            values.setdefault(row[0], 0)
            if row[1]:
                values.setdefault(row[1], 0)
    return values


def add_bar_chart(builder, chart, x, y, width, pages, language="it"):
    """Rows of (term, bar, value) for ``chart`` ("zona", "ambito", "tipo"); returns the bottom y."""
    rows = chart_rows(language)[chart]
    bar_max = width - LABEL_MM - VALUE_MM - 1.0
    for index, (bar_field, value_field, label, colour, outline) in enumerate(rows):
        row_y = y + index * ROW_MM
        builder.text(label, x, row_y + 0.4, LABEL_MM - 1.0, ROW_MM, pages, size=7.0,
                     item_id=f"grafico_{chart}_{index}_voce")
        bar = builder.box(x + LABEL_MM, row_y + (ROW_MM - BAR_MM) / 2, bar_max, BAR_MM, pages, colour,
                          outline)
        bar.setId(f"grafico_{chart}_{index}_barra")
        listed = ", ".join(f"'{p}'" for p in pages)
        hidden = f"\"tipo_pagina\" NOT IN ({listed}) OR coalesce(\"{bar_field}\", 0) = 0"  # no bar for 0
        bar.dataDefinedProperties().setProperty(QgsLayoutObject.ExcludeFromExports,
                                                QgsProperty.fromExpression(hidden))
        bar.dataDefinedProperties().setProperty(QgsLayoutObject.ItemWidth, QgsProperty.fromExpression(
            f"max(0.01, {bar_max} * coalesce(\"{bar_field}\", 0) / max(coalesce(\"g_max_{chart}\", 0), 1))"))
        value = f'[% coalesce("{bar_field}", 0) %]'
        if value_field:
            value = f'[% coalesce("{value_field}", 0) %] · ' + value
        builder.text(value, x + width - VALUE_MM, row_y + 0.4, VALUE_MM, ROW_MM, pages, size=7.0, bold=True,
                     align="right", item_id=f"grafico_{chart}_{index}_valore")
    return y + len(rows) * ROW_MM


# -- KPI charts on the project card (monitoring.chart: the same drawing as the dock's view) ---------
KPI_CHART_FIELD = "grafico_kpi"  # coverage field: path of the project's SVG file ("" = none)
KPI_CHART_WIDTH = 320  # SVG user units of one indicator's chart (its height: KPI_CHART_HEIGHT)
KPI_CHART_HEIGHT = 120


def write_kpi_charts(gpkg_path, folder, language="it"):
    """One SVG file per project with measured indicators in ``folder`` (created), each indicator's
    chart under its name and status; returns {progetto uuid: path}. A layout picture reads an SVG
    *file* as vector (QGIS 3.22 rasterises ``base64:`` SVG data in the PDF)."""
    from pathlib import Path

    from ..files import durable_replace
    from ..monitoring.chart import project_svg
    from ..monitoring.kpi import kpi_report

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    report = kpi_report(str(gpkg_path))
    paths = {}
    by_project = {}
    for row in report.rows:
        if row.indicator is not None:
            by_project.setdefault(row.progetto_uuid, []).append(row)
    for uuid, rows in by_project.items():
        path = folder / f"kpi_{uuid}.svg"
        temp = path.with_name("." + path.name + ".tmp")
        temp.write_text(project_svg(rows, KPI_CHART_WIDTH, KPI_CHART_HEIGHT, language), encoding="utf-8")
        durable_replace(str(temp), str(path))
        paths[uuid] = str(path)
    return paths


def add_kpi_picture(builder, x, y, width, height, pages, field=KPI_CHART_FIELD):
    """A layout picture showing the SVG file named by the coverage field ``field`` (vector in the
    PDF), left out of pages whose field is empty. Returns the item."""
    from qgis.core import QgsLayoutItemPicture

    picture = QgsLayoutItemPicture(builder.layout)
    picture.setMode(QgsLayoutItemPicture.FormatSVG)  # resize mode: QGIS's default, Zoom (keeps the ratio)
    picture.setId("grafico_indicatori")
    builder.place(picture, x, y, width, height, pages)
    properties = picture.dataDefinedProperties()
    properties.setProperty(QgsLayoutObject.PictureSource, QgsProperty.fromField(field))
    listed = ", ".join(f"'{p}'" for p in pages)
    hidden = f"\"tipo_pagina\" NOT IN ({listed}) OR coalesce(\"{field}\", '') = ''"
    properties.setProperty(QgsLayoutObject.ExcludeFromExports, QgsProperty.fromExpression(hidden))
    return picture


# -- the card's strip of KPI charts (atlas/layout.py places it under the project map) -------------
CARD_CHART_WIDTH_MM = 186.0  # the strip on the card (layout.py), drawn in SVG units of 0.1 mm
CARD_CHART_HEIGHT_MM = 16.0
CARD_CHART_MAX = 3  # charts on a card; the indicators' text lists every indicator
_CARD_UNITS = 10.0  # SVG units per mm


def card_chart_rows(rows):
    """The rows of one project that get a chart on the card: measured, with a target."""
    return [row for row in rows if row.indicator is not None and row.series
            and row.indicator.target is not None]


def _shorten_svg(text, width_units, font_units):
    limit = max(4, int(width_units / (font_units * 0.56)))  # sans-serif: about 0.56 em a character
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def card_chart_svg(rows, language="it"):
    """The card's strip (``CARD_CHART_WIDTH_MM`` × ``CARD_CHART_HEIGHT_MM``, 1 SVG unit = 0.1 mm):
    up to ``CARD_CHART_MAX`` indicators with a target side by side, each under its name and its
    status, over the same geometry as the dock's chart (``monitoring.chart.chart_model``: series in
    the status colour, baseline grey dashed, target green dashed with ◆ at its date, planned path
    dotted). "" when no row has a chart."""
    from ..monitoring.chart import (
        AXIS_COLOUR,
        BASELINE_COLOUR,
        STATUS_COLOURS,
        TARGET_COLOUR,
        caption,
        chart_model,
    )
    from ..xmltext import escape

    rows = card_chart_rows(rows)[:CARD_CHART_MAX]
    if not rows:
        return ""
    width, height = CARD_CHART_WIDTH_MM * _CARD_UNITS, CARD_CHART_HEIGHT_MM * _CARD_UNITS
    cell = width / max(len(rows), 2)
    name_font, status_font, tick_font = 21, 19, 17  # 2.1 mm ≈ 6 pt; ticks 1.7 mm ≈ 4.8 pt
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{CARD_CHART_WIDTH_MM}mm" '
           f'height="{CARD_CHART_HEIGHT_MM}mm" viewBox="0 0 {width:.0f} {height:.0f}" '
           'font-family="sans-serif">']
    for index, row in enumerate(rows):
        x0 = index * cell
        usable = cell - 40  # a gap between two charts
        unit = f" ({row.indicator.unit})" if row.indicator.unit else ""
        colour = STATUS_COLOURS.get(row.status, "#6b7280")
        status = " · ".join(caption(row, language).split(" · ")[:2])
        out.append(f'<text x="{x0:.1f}" y="20" font-size="{name_font}" font-weight="bold" fill="#1A1A1A">'
                   f'{escape(_shorten_svg(row.indicator.nome + unit, usable, name_font))}</text>')
        out.append(f'<text x="{x0:.1f}" y="41" font-size="{status_font}" fill="{colour}">'
                   f'{escape(_shorten_svg(status, usable, status_font))}</text>')
        top = 48
        model = chart_model(row, usable, height - top, margin_left=70, margin_bottom=20, margin_top=4,
                            margin_right=14)
        if model is None:
            continue
        out.append(f'<g transform="translate({x0:.1f} {top})" font-size="{tick_font}" fill="#444">')
        out.append(f'<rect x="{model.left:.1f}" y="{model.top:.1f}" width="{model.right - model.left:.1f}" '
                   f'height="{model.bottom - model.top:.1f}" fill="#ffffff" stroke="{AXIS_COLOUR}" '
                   f'stroke-width="2"/>')
        for x, label in model.x_ticks:
            out.append(f'<text x="{x:.1f}" y="{model.bottom + 17:.1f}" text-anchor="middle">'
                       f'{escape(label)}</text>')
        for y, label in model.y_ticks:
            out.append(f'<text x="{model.left - 6:.1f}" y="{y + 6:.1f}" text-anchor="end">'
                       f'{escape(label)}</text>')
        lines, left, right = [], model.left, model.right
        if model.baseline_y is not None:
            lines.append((left, model.baseline_y, right, model.baseline_y, BASELINE_COLOUR, 2.5, "9 6"))
        if model.target_y is not None:
            lines.append((left, model.target_y, right, model.target_y, TARGET_COLOUR, 2.5, "14 6"))
        if model.planned is not None:
            (px0, py0), (px1, py1) = model.planned
            lines.append((px0, py0, px1, py1, TARGET_COLOUR, 2.0, "3 6"))
        for lx0, ly0, lx1, ly1, stroke, stroke_width, dash in lines:
            out.append(f'<line x1="{lx0:.1f}" y1="{ly0:.1f}" x2="{lx1:.1f}" y2="{ly1:.1f}" stroke="{stroke}" '
                       f'stroke-width="{stroke_width}" stroke-dasharray="{dash}"/>')
        if model.target_point is not None:
            tx, ty = model.target_point
            corners = ((tx, ty - 9), (tx + 9, ty), (tx, ty + 9), (tx - 9, ty))
            out.append('<polygon points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)
                       + f'" fill="{TARGET_COLOUR}"/>')
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _m in model.points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{model.colour}" stroke-width="4.5"/>')
        for x, y, _m in model.points:
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{model.colour}"/>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"

