"""XML and SVG text written as strings, every value escaped here (QGIS-free).

No XML library is imported: plugins.qgis.org's bandit scan flags ``xml.sax``/``xml.etree``
(B405/B406), and nothing in the plugin parses XML. Used by the ISO 19139 metadata of the bundle
and by the SVG charts of the monitoring view, the atlas and the web atlas's data.
"""

_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def escape(text):
    """XML character data: &, < and > escaped; characters XML 1.0 forbids are dropped."""
    text = "".join(c for c in str(text) if c in "\t\n\r" or ord(c) >= 0x20 and c not in "\ufffe\uffff")
    for raw, entity in _ESCAPES:
        text = text.replace(raw, entity)
    return text


def quoteattr(text):
    """An XML attribute value with its double quotes."""
    return '"' + escape(text).replace('"', "&quot;") + '"'
