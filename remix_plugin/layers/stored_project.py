"""Point the QGIS project stored in a copy of a RE.MIX GeoPackage at the copy itself.

No QGIS needed (the import's backup is made by core code). QGIS stores the project in table
``qgis_projects`` as the hex text of a ``.qgz`` zip holding one ``.qgs`` XML document; its own
layers name their file relative to the file's folder, by name (``./X.gpkg|layername=lavori``),
so a copy ``X.backup-….gpkg`` would read ``X.gpkg`` in plain QGIS (QGIS issue #37440). Here the
copy's project is rewritten so that every reference to the original's file names the copy:
the layers' data sources and layer-tree sources (relative), the lookup widgets' ``LayerSource``
(absolute, in the project and in the default styles of ``layer_styles``), the recorded own file
name (entry ``remix/file``, see ``layers/paths.py``) and the title.

The XML is edited as text, token by token (an XML parser is what the plugin site's scan blocks,
and every token replaced here is one QGIS wrote for the original file name).
"""

import io
import re
import sqlite3
import zipfile
from pathlib import Path

from .. import sql
from ..log import get_logger

LOG = get_logger("layers.stored_project")

_FILE_ENTRY = re.compile(r'(<file type="QString">)([^<]*)(</file>)')


def _xml_forms(text):
    """The ways a QGIS-written XML document may spell ``text`` (text node or attribute value)."""
    base = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    forms = {base}
    for quote, entity in (('"', "&quot;"), ("'", "&apos;"), ("'", "&#39;")):
        forms |= {form.replace(quote, entity) for form in forms}
    return forms


def _unescape(text):
    for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"),
                         ("&#39;", "'"), ("&amp;", "&")):
        text = text.replace(entity, char)
    return text


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def retarget_xml(document, old_name, new_path, old_paths=()):
    """The project XML ``document`` with its own file ``old_name`` (and the absolute
    ``old_paths``) replaced by the file ``new_path``. Pure text in, text out."""
    new_path = Path(new_path)
    new_name = _escape(new_path.name)
    for form in _xml_forms(old_name):
        # "./X.gpkg" as a whole value, or followed by the provider's "|layername=…"
        document = re.sub(r'(?<=[>"])\./' + re.escape(form) + r'(?=[|<"])', "./" + new_name, document)
    for old_path in old_paths:
        for form in _xml_forms(str(old_path)):
            document = re.sub(r'(?<=[>"])' + re.escape(form) + r'(?=[|<"])',
                              lambda _match: _escape(str(new_path)), document)

    def own_entry(match):
        if _unescape(match.group(2)) != old_name:
            return match.group(0)
        return match.group(1) + new_name + match.group(3)

    document = _FILE_ENTRY.sub(own_entry, document)
    for form in _xml_forms(Path(old_name).stem):
        document = document.replace("<title>RE.MIX — " + form + "</title>",
                                    "<title>RE.MIX — " + _escape(new_path.stem) + "</title>")
    return document


def _own_name(document, fallback):
    match = _FILE_ENTRY.search(document)
    return _unescape(match.group(2)) if match else fallback


def _rewrite_content(content, copy_path, original_path):
    archive_bytes = bytes.fromhex(content) if isinstance(content, str) else bytes(content)
    source = zipfile.ZipFile(io.BytesIO(archive_bytes))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.lower().endswith(".qgs"):
                document = data.decode("utf-8")
                old_name = _own_name(document, Path(original_path).name)
                old_paths = {Path(original_path), Path(original_path).parent / old_name}
                data = retarget_xml(document, old_name, copy_path, sorted(old_paths)).encode("utf-8")
            target.writestr(info, data)
    rewritten = output.getvalue()
    return rewritten.hex() if isinstance(content, str) else rewritten


def retarget_stored_project(copy_path, original_path, final_path=None):
    """Make the project stored in ``copy_path`` (a copy of ``original_path``) read the copy, or
    ``final_path`` when the copy is a temporary file that will be moved there.
    Returns the number of stored projects rewritten (0: the file holds none)."""
    named = Path(final_path or copy_path).resolve()
    copy_path = Path(copy_path).resolve()
    original_path = Path(original_path).resolve()
    connection = sqlite3.connect(str(copy_path), timeout=10.0)
    try:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "qgis_projects" not in tables:
            return 0
        rows = connection.execute(sql.select("qgis_projects", ["name", "content"])).fetchall()
        with connection:
            for name, content in rows:
                connection.execute(sql.update("qgis_projects", ["content"], "name = ?"),
                                   (_rewrite_content(content, named, original_path), name))
            if "layer_styles" in tables:
                _retarget_styles(connection, named, original_path)
    finally:
        connection.close()
    LOG.info("Stored project of %s points at %s", copy_path, named)
    return len(rows)


def retarget_style_text(qml, original_path, new_path):
    """A style (QML) with the absolute path of ``original_path`` replaced by ``new_path``: the
    lookup widgets' ``LayerSource`` of the RE.MIX default styles."""
    rewritten = qml
    for form in _xml_forms(str(original_path)):
        rewritten = re.sub(r'(?<=[>"])' + re.escape(form) + r'(?=[|<"])',
                           lambda _match: _escape(str(new_path)), rewritten)
    return rewritten


def _retarget_styles(connection, copy_path, original_path):
    statement = sql.select("layer_styles", ["id", "styleQML"], "styleQML IS NOT NULL")
    rows = connection.execute(statement).fetchall()
    for style_id, qml in rows:
        rewritten = retarget_style_text(qml, original_path, copy_path)
        if rewritten != qml:
            connection.execute(sql.update("layer_styles", ["styleQML"], "id = ?"), (rewritten, style_id))
