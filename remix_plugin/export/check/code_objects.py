"""Nothing in a bundle runs code: no view, no trigger other than those GDAL itself writes."""

import re
from functools import lru_cache

TRIGGERS = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
TABLE_NAMES = "SELECT name FROM sqlite_master WHERE type = 'table'"

_SPACES = re.compile(r"\s+")
# GDAL's feature-count trigger, normalised (VERB, SIGN and TABLE are filled in): compared as text,
# not as a regular expression (a pattern per table cost ~70 compilations per self-check)
_COUNT_TRIGGER = (
    'create trigger "trigger_VERB_feature_count_TABLE" after VERB on "TABLE" begin '
    "update gpkg_ogr_contents set feature_count = feature_count SIGN 1 "
    "where lower(table_name) = lower('TABLE'); end"
)
_RTREE_VERBS = ("insert or replace into", "delete from", "update")
_TRIGGER_HEAD = re.compile(r"^create trigger [\"']?([a-z0-9_]+)[\"']? (after|before) (insert|update|delete)")
_ON_GPKG = re.compile(r" on '?\"?(gpkg_[a-z_]+)")
_GPKG_BODY = re.compile(r"(select raise\(abort, '(?:[^']|'')*'\) where [^;]*; )+end")


@lru_cache(maxsize=256)
def _count_triggers(table):
    """GDAL's insert and delete feature-count triggers of ``table``, normalised."""
    return tuple(
        _COUNT_TRIGGER.replace("VERB", verb).replace("SIGN", sign).replace("TABLE", table)
        for verb, sign in (("insert", "+"), ("delete", "-"))
    )


def _on_table(text, table):
    """The trigger is ``ON "table"`` (followed by a space or the end of the text)."""
    on = f' on "{table}"'
    return on + " " in text or text.endswith(on)


def _normal_sql(text):
    return _SPACES.sub(" ", (text or "").strip()).lower()


def _rtree_statement(statement, index):
    """One statement of GDAL's R-tree trigger: it writes the index table ``index`` only."""
    verb, _, rest = statement.partition(' "')
    return verb in _RTREE_VERBS and rest.startswith(index + '" ')


def allowed_trigger(text, tables):
    """True for the triggers GDAL itself writes: feature counts, the R-tree index of a geometry
    column, and the GeoPackage's own constraint triggers on its gpkg_ tables."""
    text = _normal_sql(text)
    match = _TRIGGER_HEAD.match(text)
    if not match:
        return False
    name = match.group(1)
    for table in [t for t in tables if t in name]:  # the trigger's name holds its table's
        if text in _count_triggers(table):
            return True
        if name.startswith(f"rtree_{table}_"):
            index = name.rsplit("_", 1)[0]
            body = text.split(" begin ", 1)[-1]
            statements = [part.strip() for part in body.rsplit(" end", 1)[0].split(";") if part.strip()]
            if _on_table(text, table) and statements and " select " not in f" {body} " and all(
                _rtree_statement(st, index) for st in statements
            ):
                return True
    on_gpkg = _ON_GPKG.search(text)
    body = text.split(" begin ", 1)[-1]
    return bool(on_gpkg) and bool(_GPKG_BODY.fullmatch(body))


def check_code_objects(connection, views, out):
    """Views (one named like an excluded table is reported there too) and foreign triggers."""
    tables = [r[0] for r in connection.execute(TABLE_NAMES)]
    for name in sorted(views):
        out.add("BND-017", name)
    for name, table, text in connection.execute(TRIGGERS):
        if not allowed_trigger(text, tables):
            out.add("BND-018", table, value=name)
