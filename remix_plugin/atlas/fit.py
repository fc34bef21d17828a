"""What fits in a text frame of the layout, measured as QGIS draws it; the rest continues.

A QgsLayoutItemLabel cannot grow or flow into another frame, so before the atlas prints, each
card text is measured against the frame that shows it (its size and font read from the layout,
so a planner's edited design is measured, not ours) and split at a word: the part that fits, then
a visible "continua a pagina N", and the rest goes to a continuation page after the card.

QGIS 3.22 draws a label's text with a pixel-sized font ten times larger on a scaled painter
(``QgsLayoutUtils::drawText``, FONT_WORKAROUND_SCALE); the measure does the same with
QFontMetricsF and keeps a small safety margin, because printer metrics are unhinted.
"""

import re

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QFont, QFontMetricsF

from .. import compat

SCALE = 10.0  # QgsLayoutUtils' FONT_WORKAROUND_SCALE
PT_TO_MM = 0.3527777778
WIDTH_MARGIN = 0.99  # measure in a slightly narrower frame: a wrap may differ on the printer
HEIGHT_MARGIN = 1.0


def label_font(label):
    """The QFont (point size set) a QgsLayoutItemLabel draws with, on QGIS 3.22 … 4."""
    if compat.takes_text_format(label):
        text_format = label.textFormat()
        font = QFont(text_format.font())
        font.setPointSizeF(text_format.size())
        return font
    return QFont(label.font())


def _flags():
    return int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)


class Measure:
    """Heights of wrapped text in millimetres for one font and frame width."""

    def __init__(self, font, width_mm):
        scaled = QFont(font)
        scaled.setPixelSize(max(1, int(font.pointSizeF() * PT_TO_MM * SCALE + 0.5)))
        scaled.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        self.metrics = QFontMetricsF(scaled)
        self.width = width_mm * SCALE * WIDTH_MARGIN
        self.line_mm = self.metrics.lineSpacing() / SCALE

    def height(self, text):
        if not text:
            return 0.0
        rect = self.metrics.boundingRect(QRectF(0, 0, self.width, 1e7), _flags(), text)
        return rect.height() / SCALE

    def fits(self, text, height_mm):
        return self.height(text) <= height_mm * HEIGHT_MARGIN


def split_to_fit(text, measure, height_mm, mark):
    """``(shown, rest)``: ``shown`` fits the frame with ``mark`` appended when something is
    left; ``rest`` is what continues elsewhere ("" when everything fits)."""
    if measure.fits(text, height_mm):
        return text, ""
    tokens = re.split(r"(\s+)", text)  # words and the spaces / line breaks between them
    low, high = 0, len(tokens)  # the longest prefix of tokens that fits with the mark
    while low < high:
        middle = (low + high + 1) // 2
        candidate = "".join(tokens[:middle]).rstrip() + mark
        if measure.fits(candidate, height_mm):
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return mark.strip(), text
    shown = "".join(tokens[:low]).rstrip()
    rest = "".join(tokens[low:]).strip()
    return shown + mark, rest


def paginate_text(text, measure, height_mm):
    """Split a long text into chunks that each fill one frame (continuation pages)."""
    chunks = []
    rest = text
    while rest:
        shown, rest = split_to_fit(rest, measure, height_mm, "")
        if not shown:  # a single word taller than the frame: never loop forever
            chunks.append(rest)
            break
        chunks.append(shown)
    return chunks
