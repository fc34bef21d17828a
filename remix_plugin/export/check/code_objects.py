"""Nothing in a bundle runs code: no view, no trigger other than those GDAL itself writes."""

import re

TRIGGERS = "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
TABLE_NAMES = "SELECT name FROM sqlite_master WHERE type = 'table'"

_SPACES = re.compile(r"\s+")
# GDAL's feature-count trigger, normalised (VERB, SIGN and TABLE are filled in)
_COUNT_TRIGGER = (
    r'create trigger "trigger_VERB_feature_count_TABLE" after VERB on "TABLE" begin '
    r"update gpkg_ogr_contents set feature_count = feature_count SIGN 1 "
    r"where lower\(table_name\) = lower\('TABLE'\); end"
)
_RTREE_VERBS = ("insert or replace into", "delete from", "update")


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
    match = re.match(r"^create trigger [\"']?([a-z0-9_]+)[\"']? (after|before) (insert|update|delete)", text)
    if not match:
        return False
    name = match.group(1)
    for table in [t for t in tables if t in name]:  # the trigger's name holds its table's
        quoted = re.escape(table)
        for verb, sign in (("insert", r"\+"), ("delete", "-")):
            pattern = _COUNT_TRIGGER.replace("VERB", verb).replace("SIGN", sign).replace("TABLE", quoted)
            if re.fullmatch(pattern, text):
                return True
        if name.startswith(f"rtree_{table}_"):
            index = name.rsplit("_", 1)[0]
            body = text.split(" begin ", 1)[-1]
            statements = [part.strip() for part in body.rsplit(" end", 1)[0].split(";") if part.strip()]
            on_table = re.search(rf' on "{quoted}"( |$)', text)
            if on_table and statements and " select " not in f" {body} " and all(
                _rtree_statement(st, index) for st in statements
            ):
                return True
    on_gpkg = re.search(r" on '?\"?(gpkg_[a-z_]+)", text)
    body = text.split(" begin ", 1)[-1]
    return bool(on_gpkg) and bool(
        re.fullmatch(r"(select raise\(abort, '(?:[^']|'')*'\) where [^;]*; )+end", body)
    )


def check_code_objects(connection, views, out):
    """Views (one named like an excluded table is reported there too) and foreign triggers."""
    tables = [r[0] for r in connection.execute(TABLE_NAMES)]
    for name in sorted(views):
        out.add("BND-017", name)
    for name, table, text in connection.execute(TRIGGERS):
        if not allowed_trigger(text, tables):
            out.add("BND-018", table, value=name)
