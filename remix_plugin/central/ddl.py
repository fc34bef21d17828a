"""The PostgreSQL dialect of the RE.MIX model: schema ``remix`` generated from ``layers/model.py``
and the classification scheme, as a list of (statement, parameters) pairs.

Every statement is idempotent (``IF NOT EXISTS``, ``CREATE OR REPLACE``, ``DROP … IF EXISTS``
then ``CREATE``), so ``db init`` and ``db upgrade`` run the same list: an upgrade is additive
(missing tables, columns, codes, triggers and policies are created; data are never dropped).
Identifiers are quoted by ``sql.statement``; values (codes, labels, role names inside function
bodies, trigger arguments) are bound as psycopg2 parameters. Why each choice: see
docs/central-database.md ("Dialect differences").
"""

from dataclasses import dataclass

from .. import sql
from ..layers.model import (
    AREA_EXPRESSION,
    CODELIST_TABLE,
    COMUNE_EXPRESSION,
    COMUNI_TABLE,
    GEOMETRY_COLUMN,
    GEOMETRY_TYPE,
    METADATA_TABLE,
)

SCHEMA = "remix"
HISTORY_TABLE = "history"
# QGIS's project storage table (QgsPostgresProjectStorage's name and columns): created here so it is
# owned by the administrator role and readable by every RE.MIX login, not by whoever saves first.
PROJECTS_TABLE_QGIS = "qgis_projects"
LOGINS_TABLE = "login_comuni"
CODE_TABLE_PREFIX = "codes_"  # one table per scheme dimension: codes_<dimension>
KEY = "uuid"
VERSION_COLUMN = "versione"  # row version, PostgreSQL only (optimistic concurrency)
# The QGIS default value (applied on update) of VERSION_COLUMN that makes QGIS's postgres provider
# send the version an edit is based on: "-v" once the feature is first changed, stable after.
QGIS_VERSION_DEFAULT = '-abs("versione")'
CREATED_AT, CREATED_BY, MODIFIED_AT, MODIFIED_BY = "creato_il", "creato_da", "modificato_il", "modificato_da"
PROJECTS_TABLE, PROJECT_LINK, COMUNE_FIELD = "progetti", "progetto_uuid", "comune_istat"

ADMIN_ROLE, CMM_ROLE, COMUNE_ROLE, READER_ROLE = "remix_admin", "remix_cmm", "remix_comune", "remix_reader"
ROLES = (ADMIN_ROLE, CMM_ROLE, COMUNE_ROLE, READER_ROLE)
# Shared tables a comune technician may add rows to (a new actor of their project), never change.
COMUNE_MAY_INSERT = ("attori",)

# SQLSTATEs of the refusals raised by the triggers (a client tells them apart by code).
SQLSTATE_REFUSED = "42501"  # insufficient_privilege: the comune is not assigned to the login
SQLSTATE_STALE = "RMX01"  # the row changed since the client read it (row version)
SQLSTATE_BAD_CODE = "23503"  # foreign_key_violation: a code not in the scheme
SQLSTATE_BAD_VALUE = "23514"  # check_violation: not a JSON array, uuid changed

PG_TYPES = {
    "text": "text",
    "integer": "bigint",  # OGR Integer64 in the GeoPackage
    "real": "double precision",
    "boolean": "boolean",
    "date": "date",
    "datetime": "timestamptz",
    "codes": "jsonb",
}
ON_DELETE = {"composition": " ON DELETE CASCADE", "association": " ON DELETE SET NULL"}


@dataclass(frozen=True)
class Statement:
    text: str
    params: tuple = ()


def code_table(dimension_id):
    return CODE_TABLE_PREFIX + dimension_id


# -- templates ----------------------------------------------------------------------------
CREATE_SCHEMA = "CREATE SCHEMA IF NOT EXISTS {schema}"
CREATE_CODE_TABLE = (
    "CREATE TABLE IF NOT EXISTS {schema}.{table} (code text PRIMARY KEY, label_it text NOT NULL, "
    "label_en text NOT NULL, definition_it text, definition_en text, ordine integer NOT NULL, "
    "deprecated boolean NOT NULL DEFAULT false)"
)
UPSERT_CODE = (
    "INSERT INTO {schema}.{table} "
    "(code, label_it, label_en, definition_it, definition_en, ordine, deprecated) "
    "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (code) DO UPDATE SET label_it = EXCLUDED.label_it, "
    "label_en = EXCLUDED.label_en, definition_it = EXCLUDED.definition_it, "
    "definition_en = EXCLUDED.definition_en, ordine = EXCLUDED.ordine, deprecated = EXCLUDED.deprecated"
)
SELECT_CODES_OF = (
    "SELECT %s::text AS dimension, code, label_it, label_en, definition_it, definition_en, "
    "ordine, deprecated FROM {schema}.{table}"
)
CREATE_CODELIST_VIEW = "CREATE OR REPLACE VIEW {schema}.{view} AS "
CREATE_DATA_TABLE = (
    "CREATE TABLE IF NOT EXISTS {schema}.{table} ({key} uuid PRIMARY KEY DEFAULT gen_random_uuid())"
)
CREATE_KEYED_TABLE = "CREATE TABLE IF NOT EXISTS {schema}.{table} ({key} text PRIMARY KEY)"
ADD_COLUMN = "ALTER TABLE {schema}.{table} ADD COLUMN IF NOT EXISTS {column} "
ADD_GEOMETRY = "ALTER TABLE {schema}.{table} ADD COLUMN IF NOT EXISTS {column} {postgis}.geometry(%s, %s)"
REFERENCES = " REFERENCES {schema}.{target} ({target_field})"
DEFERRABLE = " DEFERRABLE INITIALLY DEFERRED"
CODES_ARRAY_CHECK = " CHECK (jsonb_typeof({column}) = 'array')"
ADD_VERSION = (
    "ALTER TABLE {schema}.{table} ADD COLUMN IF NOT EXISTS {column} bigint NOT NULL DEFAULT 1 "
    "CHECK ({column} > 0)"
)
CREATE_INDEX = "CREATE INDEX IF NOT EXISTS {index} ON {schema}.{table} ({column})"
CREATE_SPATIAL_INDEX = "CREATE INDEX IF NOT EXISTS {index} ON {schema}.{table} USING gist ({column})"
CREATE_METADATA = "CREATE TABLE IF NOT EXISTS {schema}.{table} (key text PRIMARY KEY, value text)"
UPSERT_METADATA = (
    "INSERT INTO {schema}.{table} (key, value) VALUES (%s, %s) "
    "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
)
CREATE_HISTORY = (
    "CREATE TABLE IF NOT EXISTS {schema}.{table} ("
    "id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
    "changed_at timestamptz NOT NULL DEFAULT now(), "
    "changed_by text NOT NULL DEFAULT session_user, "
    "operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')), "
    "table_name text NOT NULL, row_uuid uuid, "
    "txid bigint NOT NULL DEFAULT txid_current(), "
    "before jsonb, after jsonb)"
)
CREATE_QGIS_PROJECTS = (
    "CREATE TABLE IF NOT EXISTS {schema}.{table} (name TEXT PRIMARY KEY, metadata JSONB, content BYTEA)"
)
CREATE_HISTORY_INDEX = "CREATE INDEX IF NOT EXISTS {index} ON {schema}.{table} (row_uuid, txid)"
CREATE_LOGINS = (
    "CREATE TABLE IF NOT EXISTS {schema}.{table} ("
    "login text NOT NULL, istat text NOT NULL REFERENCES {schema}.{comuni} ({istat}), "
    "assigned_at timestamptz NOT NULL DEFAULT now(), assigned_by text NOT NULL DEFAULT session_user, "
    "PRIMARY KEY (login, istat))"
)
ENABLE_RLS = "ALTER TABLE {schema}.{table} ENABLE ROW LEVEL SECURITY"
DROP_POLICY = "DROP POLICY IF EXISTS {policy} ON {schema}.{table}"
POLICY_READ = "CREATE POLICY {policy} ON {schema}.{table} FOR SELECT TO {role} USING (true)"
POLICY_ALL = "CREATE POLICY {policy} ON {schema}.{table} FOR ALL TO {role} USING (true) WITH CHECK (true)"
# USING (true) on UPDATE/DELETE on purpose: a USING filter would skip other comuni's rows
# silently ("UPDATE 0") and QGIS would believe the edit saved; the rights trigger refuses instead.
POLICY_INSERT = "CREATE POLICY {policy} ON {schema}.{table} FOR INSERT TO {role} WITH CHECK "
POLICY_UPDATE = "CREATE POLICY {policy} ON {schema}.{table} FOR UPDATE TO {role} USING (true) WITH CHECK "
POLICY_DELETE = "CREATE POLICY {policy} ON {schema}.{table} FOR DELETE TO {role} USING (true)"
OWN_COMUNE = "({column} IN (SELECT a.istat FROM {schema}.{logins} a WHERE a.login = current_user))"
OWN_PROJECT = (
    "({column} IN (SELECT p.{key} FROM {schema}.{projects} p JOIN {schema}.{logins} a "
    "ON a.istat = p.{comune} WHERE a.login = current_user))"
)
POLICY_OWN_LOGINS = (
    "CREATE POLICY {policy} ON {schema}.{table} FOR SELECT TO {role} "
    "USING (login = current_user OR {schema}.{edits_all}())"
)
DROP_TRIGGER = "DROP TRIGGER IF EXISTS {trigger} ON {schema}.{table}"
CREATE_TRIGGER = (
    "CREATE TRIGGER {trigger} {timing} ON {schema}.{table} FOR EACH ROW EXECUTE FUNCTION {schema}.{function}"
)
GRANT_USAGE = "GRANT USAGE ON SCHEMA {schema} TO {role}"
GRANT_SELECT = "GRANT SELECT ON {schema}.{table} TO {role}"
GRANT_WRITE = "GRANT INSERT, UPDATE, DELETE ON {schema}.{table} TO {role}"
GRANT_ROLE = "GRANT {group} TO {role}"

# May the current role edit every row (administrator, CMM, superuser)?
FUNCTION_EDITS_ALL = """CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog AS $body$
    SELECT pg_has_role(current_user, %s, 'USAGE') OR pg_has_role(current_user, %s, 'USAGE')
$body$"""

# Rights of a comune technician, checked BEFORE the row is written so the refusal is a clear
# Italian message (RLS's own is "new row violates row-level security policy"). One trigger
# function per table, naming its link column statically (a generic one would serialise the
# whole row, geometry included, to find it); the checks and messages live in CHECK_KEY.
# TG_ARGV[0]: 'comune' (the column is the row's comune) or 'progetto' (the row's project).
FUNCTION_CHECK_RIGHTS = """CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $body$
BEGIN
    IF {schema}.{edits_all}() THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM {schema}.{check_key}(TG_TABLE_NAME, TG_ARGV[0], OLD.{link}::text, TG_OP);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.{link} IS DISTINCT FROM OLD.{link}) THEN
        PERFORM {schema}.{check_key}(TG_TABLE_NAME, TG_ARGV[0], NEW.{link}::text, TG_OP);
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END
$body$"""

# Shared tables (programmi, attori, indicatori): CMM only; TG_ARGV[0] = 'insert' lets a
# technician add rows.
FUNCTION_CHECK_SHARED = """CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $body$
BEGIN
    IF {schema}.{edits_all}() OR (TG_OP = 'INSERT' AND TG_ARGV[0] = 'insert') THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING ERRCODE = '42501',
        MESSAGE = format('La tabella %s è condivisa da tutti i comuni e la modifica solo CMM: '
                         'modifica di %s rifiutata', TG_TABLE_NAME, current_user),
        DETAIL = format('The table %s is shared by all municipalities and only CMM edits it: '
                        'change by %s refused', TG_TABLE_NAME, current_user),
        HINT = 'Chiedi a CMM di fare la modifica, oppure annulla le modifiche a questa tabella.';
END
$body$"""

# May the current login write a row whose comune (mode 'comune') or project (mode 'progetto')
# is ``key``? Raises the refusal; returns nothing.
FUNCTION_CHECK_KEY = """CREATE OR REPLACE FUNCTION {schema}.{function}(
    table_name text, mode text, key text, operation text) RETURNS void
LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS $body$
DECLARE
    who text := current_user;
    row_istat text := key;
    comune_name text;
BEGIN
    IF mode = 'progetto' THEN
        SELECT p.{comune} INTO row_istat FROM {schema}.{projects} p WHERE p.{key_column} = key::uuid;
        IF NOT FOUND THEN
            IF operation = 'DELETE' THEN RETURN; END IF;  -- its project is gone already
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = format('Il progetto %s di questo elemento di %s non esiste: '
                                 'modifica di %s rifiutata', coalesce(key, '(vuoto)'), table_name, who),
                DETAIL = format('The project %s of this %s row does not exist: change by %s refused',
                                coalesce(key, '(empty)'), table_name, who),
                HINT = 'Salva prima il progetto, poi i suoi elementi.';
        END IF;
    END IF;
    IF row_istat IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('Un elemento di %s senza comune non è tra quelli che %s può modificare: '
                             'modifica rifiutata', table_name, who),
            DETAIL = format('A %s row without a municipality is not one %s may edit: change refused',
                            table_name, who),
            HINT = 'Indica il comune (codice ISTAT) del progetto o della criticità.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM {schema}.{logins} a WHERE a.login = who AND a.istat = row_istat) THEN
        SELECT c.{comune_label} INTO comune_name FROM {schema}.{comuni} c WHERE c.{istat} = row_istat;
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = format('Il comune %s%s non è tra quelli assegnati a %s: modifica rifiutata',
                             row_istat, coalesce(' (' || comune_name || ')', ''), who),
            DETAIL = format('The municipality %s is not assigned to %s: change refused', row_istat, who),
            HINT = 'Annulla le modifiche a questo elemento, oppure chiedi all''amministratore '
                   'RE.MIX di assegnarti il comune.';
    END IF;
END
$body$"""

# Server-side audit fields and row version on INSERT; identity kept on UPDATE. session_user,
# not current_user: inside a cascaded delete (ON DELETE SET NULL) current_user is the owner.
FUNCTION_AUDIT = """CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $body$
DECLARE
    stamp text := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.{key} IS NULL THEN NEW.{key} := gen_random_uuid(); END IF;
        NEW.{created_at} := stamp;
        NEW.{created_by} := session_user;
        NEW.{version} := 1;
    ELSE
        NEW.{created_at} := OLD.{created_at};
        NEW.{created_by} := OLD.{created_by};
    END IF;
    NEW.{modified_at} := stamp;
    NEW.{modified_by} := session_user;
    RETURN NEW;
END
$body$"""

# Optimistic concurrency. A client states the version its edit is based on by sending the row
# version in the UPDATE (as v or -v: QGIS's default value on update "-abs(versione)" sends -v
# once and keeps it stable across further edits of the feature). Not sent: no check possible.
# A second UPDATE of the same row in the same transaction compares with the version the
# transaction started from (the history's first "before" of this row in this transaction).
FUNCTION_CHECK_VERSION = """CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $body$
DECLARE
    base bigint;
    started bigint;
BEGIN
    IF NEW.{key} IS DISTINCT FROM OLD.{key} THEN
        RAISE EXCEPTION USING ERRCODE = '23514',
            MESSAGE = format('L''identificativo (uuid) %s di %s non si modifica: modifica rifiutata',
                             OLD.{key}, TG_TABLE_NAME),
            DETAIL = format('The identifier (uuid) %s of %s never changes: change refused',
                            OLD.{key}, TG_TABLE_NAME);
    END IF;
    IF NEW.{version} IS DISTINCT FROM OLD.{version} THEN
        base := abs(NEW.{version});
        IF base IS DISTINCT FROM OLD.{version} THEN
            SELECT (h.before ->> TG_ARGV[0])::bigint INTO started FROM {schema}.{history} h
             WHERE h.row_uuid = OLD.{key} AND h.txid = txid_current() AND h.table_name = TG_TABLE_NAME
               AND h.operation = 'UPDATE'
             ORDER BY h.id LIMIT 1;
            IF started IS NULL OR started <> base THEN
                RAISE EXCEPTION USING ERRCODE = 'RMX01',
                    MESSAGE = format('Conflitto di modifica: %s %s è stato modificato da %s il %s UTC '
                                     '(versione %s) dopo che lo hai letto (versione %s): modifica rifiutata',
                                     TG_TABLE_NAME, OLD.{key}, coalesce(OLD.{modified_by}, '?'),
                                     coalesce(OLD.{modified_at}, '?'), OLD.{version}, base),
                    DETAIL = format('Edit conflict: %s %s was changed by %s on %s UTC (version %s) after '
                                    'you read it (version %s): change refused', TG_TABLE_NAME, OLD.{key},
                                    coalesce(OLD.{modified_by}, '?'), coalesce(OLD.{modified_at}, '?'),
                                    OLD.{version}, base),
                    HINT = 'Ricarica il layer, guarda la modifica dell''altro utente e ripeti la tua.';
            END IF;
        END IF;
    END IF;
    NEW.{version} := OLD.{version} + 1;
    RETURN NEW;
END
$body$"""

# Coded fields: each value must be a code of its dimension. One function per table with a
# block per coded field (static columns and code tables: cached plans, index lookups). The
# foreign keys of single-valued fields stay as the backstop; this runs first so the refusal
# names the field and the dimension in Italian (REFUSE_CODE). A JSON null becomes NULL.
FUNCTION_CHECK_CODES_HEAD = """CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $body$
DECLARE
    bad jsonb;
BEGIN"""
FUNCTION_CHECK_CODES_TAIL = """
    RETURN NEW;
END
$body$"""
CHECK_SINGLE_CODE = """
    IF NEW.{column} IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM {schema}.{codes} c WHERE c.code = NEW.{column}) THEN
        PERFORM {schema}.{refuse}(TG_TABLE_NAME, %s, %s, to_jsonb(NEW.{column}), false);
    END IF;"""
CHECK_MULTI_CODES = """
    IF jsonb_typeof(NEW.{column}) = 'null' THEN NEW.{column} := NULL; END IF;
    IF NEW.{column} IS NOT NULL THEN
        IF jsonb_typeof(NEW.{column}) <> 'array' THEN
            PERFORM {schema}.{refuse}(TG_TABLE_NAME, %s, %s, NEW.{column}, true);
        END IF;
        SELECT e INTO bad FROM jsonb_array_elements(NEW.{column}) AS e
         WHERE jsonb_typeof(e) <> 'string'
            OR NOT EXISTS (SELECT 1 FROM {schema}.{codes} c WHERE c.code = e #>> '{{}}')
         LIMIT 1;
        IF FOUND THEN
            PERFORM {schema}.{refuse}(TG_TABLE_NAME, %s, %s, bad, false);
        END IF;
    END IF;"""
FUNCTION_REFUSE_CODE = """CREATE OR REPLACE FUNCTION {schema}.{function}(
    table_name text, column_name text, dimension_name text, stored jsonb, not_array boolean)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog AS $body$
BEGIN
    IF not_array THEN
        RAISE EXCEPTION USING ERRCODE = '23514',
            MESSAGE = format('Il campo multiplo %s di %s deve contenere un elenco JSON di codici, '
                             'contiene %s: valore rifiutato', column_name, table_name, stored),
            DETAIL = format('The multi-valued field %s of %s must hold a JSON array of codes, '
                            'it holds %s: value refused', column_name, table_name, stored),
            HINT = 'Scegli i valori dall''elenco del modulo.';
    END IF;
    RAISE EXCEPTION USING ERRCODE = '23503',
        MESSAGE = format('Il codice %s del campo %s di %s non è un termine di «%s»: valore rifiutato',
                         stored, column_name, table_name, dimension_name),
        DETAIL = format('The code %s of the field %s of %s is not a term of "%s": value refused',
                        stored, column_name, table_name, dimension_name),
        HINT = 'Scegli un valore dall''elenco del modulo.';
END
$body$"""

# A lavoro's comune (the comune containing a point on its perimeter's surface, the highest
# code when on a border, as the QGIS expression) and its area, from the server's geometry.
FUNCTION_DERIVE = """CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {postgis} AS $body$
BEGIN
    IF NEW.{geom} IS NULL THEN
        NEW.{comune} := NULL;
        NEW.{area} := NULL;
        RETURN NEW;
    END IF;
    SELECT max(c.{istat}) INTO NEW.{comune} FROM {schema}.{comuni} c
     WHERE ST_Intersects(c.{comuni_geom}, ST_PointOnSurface(NEW.{geom}));
    NEW.{area} := round(ST_Area(NEW.{geom})::numeric, 1);
    RETURN NEW;
END
$body$"""

# Every change, with the row before and after; SECURITY DEFINER so nobody writes history by hand.
# The geometry goes in as EWKB hex, not GeoJSON: to_jsonb of a geometry parses its GeoJSON into
# jsonb numbers, a hundred times slower (measured: 0.13 ms against 1 µs per small polygon).
# TG_ARGV[0] = 'geometry' for tables with GEOMETRY_COLUMN (read at run time only there).
FUNCTION_HISTORY = """CREATE OR REPLACE FUNCTION {schema}.{function}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {postgis} AS $body$
DECLARE
    before jsonb;
    after jsonb;
    without_geometry jsonb := jsonb_build_object(%s, NULL);
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF TG_ARGV[0] = 'geometry' THEN
            before := to_jsonb(jsonb_populate_record(OLD, without_geometry))
                      || jsonb_build_object(%s, encode(ST_AsEWKB(OLD.{geom}), 'hex'));
        ELSE
            before := to_jsonb(OLD);
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF TG_ARGV[0] = 'geometry' THEN
            after := to_jsonb(jsonb_populate_record(NEW, without_geometry))
                     || jsonb_build_object(%s, encode(ST_AsEWKB(NEW.{geom}), 'hex'));
        ELSE
            after := to_jsonb(NEW);
        END IF;
    END IF;
    INSERT INTO {schema}.{history} (changed_by, operation, table_name, row_uuid, before, after)
    VALUES (session_user, TG_OP, TG_TABLE_NAME,
            CASE WHEN TG_OP = 'DELETE' THEN OLD.{key} ELSE NEW.{key} END, before, after);
    RETURN NULL;
END
$body$"""

EDITS_ALL, CHECK_KEY, CHECK_SHARED, AUDIT = "edits_all", "check_rights_of", "check_rights_shared", "set_audit"
CHECK_VERSION, REFUSE_CODE, RECORD_HISTORY = "check_version", "refuse_code", "record_history"


def rights_function(table_name):
    return f"check_rights_{table_name}"


def codes_function(table_name):
    return f"check_codes_{table_name}"
# BEFORE triggers fire in name order: rights first, then identity/version, codes, audit, derived.
TRIGGERS = ("a_rights", "b_version", "c_codes", "d_audit", "e_derive", "z_history")
# Timing clauses are fixed keyword phrases, put into the template before the identifiers.
TIMINGS = {
    "row": "BEFORE INSERT OR UPDATE OR DELETE",
    "update": "BEFORE UPDATE",
    "write": "BEFORE INSERT OR UPDATE",
    "after": "AFTER INSERT OR UPDATE OR DELETE",
}


def _s(template, params=(), **identifiers):
    return Statement(sql.statement(template, schema=SCHEMA, **identifiers), tuple(params))


def rights_mode(model, table):
    """('comune', field) / ('progetto', link field) / ('shared', 'insert'|'') for a data table."""
    composed = [
        r
        for r in model.relations_of_child(table.name)
        if r.parent == PROJECTS_TABLE and r.strength == "composition"
    ]
    if composed:
        return "progetto", composed[0].child_field
    if table.has_field(COMUNE_FIELD):
        return "comune", COMUNE_FIELD
    return "shared", "insert" if table.name in COMUNE_MAY_INSERT else ""


def _column_type(model, table, model_field):
    """The column definition of a model field: type, foreign key, CHECK (identifiers filled)."""
    if model_field.references:
        target, target_field = model_field.references.split(".")
        pg_type = "uuid" if target_field == KEY else "text"
        relation = [r for r in model.relations_of_child(table.name) if r.child_field == model_field.name]
        tail = ON_DELETE.get(relation[0].strength, "") if relation else ""
        return (
            sql.statement(pg_type + REFERENCES, schema=SCHEMA, target=target, target_field=target_field)
            + tail
            + DEFERRABLE
        )
    if model_field.coded and not model_field.multi:
        return sql.statement(
            "text" + REFERENCES, schema=SCHEMA, target=code_table(model_field.dimension), target_field="code"
        )
    if model_field.multi:
        return "jsonb" + sql.statement(CODES_ARRAY_CHECK, column=model_field.name)
    return PG_TYPES[model_field.kind]


def _check_audit_fields(table):
    for name in (KEY, CREATED_AT, CREATED_BY, MODIFIED_AT, MODIFIED_BY):
        if not table.has_field(name):
            raise ValueError(f"model table {table.name} has no {name} field: central/ddl.py is out of date")


def schema_statements(model, scheme, srid, postgis_schema):
    """Every statement creating (or completing) schema ``remix``, in order."""
    out = [_s(CREATE_SCHEMA)]
    out += _codelist_statements(scheme)
    out += [_s(CREATE_METADATA, table=METADATA_TABLE)]
    out += _table_statements(model, srid, postgis_schema)
    out += [
        _s(CREATE_HISTORY, table=HISTORY_TABLE),
        _s(CREATE_HISTORY_INDEX, table=HISTORY_TABLE, index="idx_history_row"),
        _s(CREATE_LOGINS, table=LOGINS_TABLE, comuni=COMUNI_TABLE, istat="istat"),
    ]
    out += projects_table_statements()
    out += bundle_table_statements()
    out += _function_statements(model, postgis_schema)
    out += _trigger_statements(model)
    out += _privilege_statements(model)
    out += import_rights_statements(model)
    return out


def projects_table_statements():
    """``remix.qgis_projects`` (QGIS's project storage), SELECT for readers, CMM editors and comune
    technicians (they load the stored project; only the administrator writes it). Run as the
    administrator role, who then owns it. The one definition: ``db init``/``db upgrade`` and
    qgis_project/central_storage.ensure_projects_table both run this list."""
    out = [_s(CREATE_QGIS_PROJECTS, table=PROJECTS_TABLE_QGIS)]
    for role in (READER_ROLE, CMM_ROLE, COMUNE_ROLE):
        out.append(_s(GRANT_SELECT, table=PROJECTS_TABLE_QGIS, role=role))
    return out


def _codelist_statements(scheme):
    out = []
    for dimension in scheme.dimensions:
        table = code_table(dimension.id)
        out.append(_s(CREATE_CODE_TABLE, table=table))
        for term in dimension.terms:
            out.append(
                _s(
                    UPSERT_CODE,
                    (
                        term.code,
                        term.label("it"),
                        term.label("en"),
                        term.definition("it"),
                        term.definition("en"),
                        term.order,
                        bool(term.deprecated),
                    ),
                    table=table,
                )
            )
    selects = [
        sql.statement(SELECT_CODES_OF, schema=SCHEMA, table=code_table(d.id)) for d in scheme.dimensions
    ]
    view = sql.statement(CREATE_CODELIST_VIEW, schema=SCHEMA, view=CODELIST_TABLE)
    out.append(Statement(view + " UNION ALL ".join(selects), tuple(d.id for d in scheme.dimensions)))
    return out


def _table_statements(model, srid, postgis_schema):
    out = []
    for table in model.tables:  # keys first, so every foreign key finds its target
        if table.has_uuid:
            out.append(_s(CREATE_DATA_TABLE, table=table.name, key=KEY))
        else:
            out.append(_s(CREATE_KEYED_TABLE, table=table.name, key=table.fields[0].name))
    for table in model.tables:
        if table.has_uuid:
            _check_audit_fields(table)
        for model_field in table.fields:
            if model_field.name == KEY or (not table.has_uuid and model_field is table.fields[0]):
                continue
            out.append(
                Statement(
                    sql.statement(ADD_COLUMN, schema=SCHEMA, table=table.name, column=model_field.name)
                    + _column_type(model, table, model_field)
                )
            )
        if table.geometry:
            out.append(
                _s(
                    ADD_GEOMETRY,
                    (GEOMETRY_TYPE, int(srid)),
                    table=table.name,
                    column=GEOMETRY_COLUMN,
                    postgis=postgis_schema,
                )
            )
            out.append(
                _s(
                    CREATE_SPATIAL_INDEX,
                    table=table.name,
                    column=GEOMETRY_COLUMN,
                    index=f"idx_{table.name}_{GEOMETRY_COLUMN}",
                )
            )
        if not table.reference:
            out.append(_s(ADD_VERSION, table=table.name, column=VERSION_COLUMN))
        for model_field in table.fields:
            if model_field.references:
                out.append(
                    _s(
                        CREATE_INDEX,
                        table=table.name,
                        column=model_field.name,
                        index=f"idx_{table.name}_{model_field.name}",
                    )
                )
    return out


def _function_statements(model, postgis_schema):
    comuni = model.table(COMUNI_TABLE)
    names = dict(
        key=KEY,
        created_at=CREATED_AT,
        created_by=CREATED_BY,
        modified_at=MODIFIED_AT,
        modified_by=MODIFIED_BY,
        version=VERSION_COLUMN,
    )
    out = [
        _s(FUNCTION_EDITS_ALL, (ADMIN_ROLE, CMM_ROLE), function=EDITS_ALL),
        _s(
            FUNCTION_CHECK_KEY,
            function=CHECK_KEY,
            comune=COMUNE_FIELD,
            projects=PROJECTS_TABLE,
            key_column=KEY,
            logins=LOGINS_TABLE,
            comuni=COMUNI_TABLE,
            comune_label=comuni.fields[1].name,
            istat=comuni.fields[0].name,
        ),
        _s(FUNCTION_CHECK_SHARED, function=CHECK_SHARED, edits_all=EDITS_ALL),
        _s(FUNCTION_REFUSE_CODE, function=REFUSE_CODE),
        _s(FUNCTION_AUDIT, function=AUDIT, **names),
        _s(FUNCTION_CHECK_VERSION, function=CHECK_VERSION, history=HISTORY_TABLE, **names),
        _s(FUNCTION_HISTORY, (GEOMETRY_COLUMN,) * 3, function=RECORD_HISTORY, history=HISTORY_TABLE, key=KEY,
           geom=GEOMETRY_COLUMN, postgis=postgis_schema),
    ]
    for table in model.data_tables:
        mode, link = rights_mode(model, table)
        if mode != "shared":
            out.append(_s(FUNCTION_CHECK_RIGHTS, function=rights_function(table.name), edits_all=EDITS_ALL,
                          check_key=CHECK_KEY, link=link))
        if table.coded_fields:
            out.append(_codes_function(table))
    for table in model.data_tables:
        derived = derived_fields(table)
        if derived:
            out.append(
                _s(
                    FUNCTION_DERIVE,
                    function=f"derive_{table.name}",
                    geom=GEOMETRY_COLUMN,
                    comune=derived[0],
                    area=derived[1],
                    comuni=COMUNI_TABLE,
                    istat=comuni.fields[0].name,
                    comuni_geom=GEOMETRY_COLUMN,
                    postgis=postgis_schema,
                )
            )
    return out


def _codes_function(table):
    """The per-table codes check: head, one block per coded field, tail; values bound."""
    text = sql.statement(FUNCTION_CHECK_CODES_HEAD, schema=SCHEMA, function=codes_function(table.name))
    params = []
    for model_field in table.coded_fields:
        template = CHECK_MULTI_CODES if model_field.multi else CHECK_SINGLE_CODE
        text += sql.statement(template, schema=SCHEMA, column=model_field.name, refuse=REFUSE_CODE,
                              codes=code_table(model_field.dimension))
        params += [model_field.name, model_field.dimension] * (2 if model_field.multi else 1)
    return Statement(text + FUNCTION_CHECK_CODES_TAIL, tuple(params))


def derived_fields(table):
    """(comune field, area field) derived from the geometry in the model, or None."""
    comune = [f.name for f in table.fields if f.default_expression == COMUNE_EXPRESSION]
    area = [f.name for f in table.fields if f.default_expression == AREA_EXPRESSION]
    if table.geometry and comune and area:
        return comune[0], area[0]
    return None


def _trigger(table, name, timing, function, args=()):
    placeholders = ", ".join("%s" for _ in args)
    template = CREATE_TRIGGER.replace("{timing}", TIMINGS[timing]) + "(" + placeholders + ")"
    return [
        _s(DROP_TRIGGER, trigger=name, table=table),
        _s(template, tuple(args), trigger=name, table=table, function=function),
    ]


def _trigger_statements(model):
    out = []
    for table in model.data_tables:
        mode, link = rights_mode(model, table)
        if mode == "shared":
            out += _trigger(table.name, TRIGGERS[0], "row", CHECK_SHARED, (link,))
        else:
            out += _trigger(table.name, TRIGGERS[0], "row", rights_function(table.name), (mode,))
        out += _trigger(table.name, TRIGGERS[1], "update", CHECK_VERSION, (VERSION_COLUMN,))
        if table.coded_fields:
            out += _trigger(table.name, TRIGGERS[2], "write", codes_function(table.name))
        out += _trigger(table.name, TRIGGERS[3], "write", AUDIT)
        if derived_fields(table):
            out += _trigger(table.name, TRIGGERS[4], "write", f"derive_{table.name}")
        has_geometry = "geometry" if table.geometry else ""
        out += _trigger(table.name, TRIGGERS[5], "after", RECORD_HISTORY, (has_geometry,))
    return out


def _privilege_statements(model):
    out = [_s(GRANT_USAGE, role=READER_ROLE)]
    readable = [t.name for t in model.tables] + [METADATA_TABLE, HISTORY_TABLE, LOGINS_TABLE, CODELIST_TABLE]
    readable += [code_table(d) for d in sorted({f.dimension for t in model.tables for f in t.coded_fields})]
    for table in readable:
        out.append(_s(GRANT_SELECT, table=table, role=READER_ROLE))
    out += [
        _s(ENABLE_RLS, table=LOGINS_TABLE),
        _s(DROP_POLICY, policy="own_rows", table=LOGINS_TABLE),
        _s(POLICY_OWN_LOGINS, policy="own_rows", table=LOGINS_TABLE, role=READER_ROLE, edits_all=EDITS_ALL),
    ]
    for table in model.data_tables:
        out.append(_s(GRANT_WRITE, table=table.name, role=CMM_ROLE))
        out.append(_s(GRANT_WRITE, table=table.name, role=COMUNE_ROLE))
        out.append(_s(ENABLE_RLS, table=table.name))
        for policy in ("remix_read", "remix_cmm", "comune_insert", "comune_update", "comune_delete"):
            out.append(_s(DROP_POLICY, policy=policy, table=table.name))
        condition = _comune_condition(model, table)
        out += [
            _s(POLICY_READ, policy="remix_read", table=table.name, role=READER_ROLE),
            _s(POLICY_ALL, policy="remix_cmm", table=table.name, role=CMM_ROLE),
            Statement(
                sql.statement(
                    POLICY_INSERT, schema=SCHEMA, policy="comune_insert", table=table.name, role=COMUNE_ROLE
                )
                + condition[0]
            ),
            Statement(
                sql.statement(
                    POLICY_UPDATE, schema=SCHEMA, policy="comune_update", table=table.name, role=COMUNE_ROLE
                )
                + condition[1]
            ),
            _s(POLICY_DELETE, policy="comune_delete", table=table.name, role=COMUNE_ROLE),
        ]
    return out


def role_statements():
    """CMM editors and comune technicians read what readers read (run as a role administrator)."""
    return [
        _s(GRANT_ROLE, group=READER_ROLE, role=CMM_ROLE),
        _s(GRANT_ROLE, group=READER_ROLE, role=COMUNE_ROLE),
    ]


def _comune_condition(model, table):
    """(INSERT check, UPDATE check) of the comune technicians' policies on ``table``."""
    mode, link = rights_mode(model, table)
    if mode == "comune":
        own = sql.statement(OWN_COMUNE, schema=SCHEMA, column=link, logins=LOGINS_TABLE)
        return own, own
    if mode == "progetto":
        own = sql.statement(
            OWN_PROJECT,
            schema=SCHEMA,
            column=link,
            key=KEY,
            projects=PROJECTS_TABLE,
            logins=LOGINS_TABLE,
            comune=COMUNE_FIELD,
        )
        return own, own
    return ("(true)" if link == "insert" else "(false)"), "(false)"


# -- the bundle import's own tables (issue 14, central/bundle_import.py) ------------------------
# The GeoPackage's remix_import_log / remix_import_conflicts (export/merge.py LOG_FIELDS,
# CONFLICT_FIELDS: the one definition of their columns), here in schema remix. Every RE.MIX
# writer adds rows (an import is written by its login); readers see them.
IMPORT_LOG_TABLE, IMPORT_CONFLICTS_TABLE = "import_log", "import_conflicts"
CREATE_BUNDLE_TABLE = (
    "CREATE TABLE IF NOT EXISTS {schema}.{table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)"
)
ADD_TEXT_COLUMN = "ALTER TABLE {schema}.{table} ADD COLUMN IF NOT EXISTS {column} text"
CREATE_BUNDLE_INDEX = "CREATE INDEX IF NOT EXISTS {index} ON {schema}.{table} (record_uuid, table_name)"
GRANT_APPEND = "GRANT SELECT, INSERT ON {schema}.{table} TO {role}"


def bundle_tables():
    """{table in schema remix: its columns} of the bundle import."""
    from ..export.merge import CONFLICT_FIELDS, LOG_FIELDS

    return {IMPORT_LOG_TABLE: LOG_FIELDS, IMPORT_CONFLICTS_TABLE: CONFLICT_FIELDS}


def bundle_table_statements():
    out = []
    for table, columns in bundle_tables().items():
        out.append(_s(CREATE_BUNDLE_TABLE, table=table))
        out += [_s(ADD_TEXT_COLUMN, table=table, column=c) for c in columns]
        out.append(_s(CREATE_BUNDLE_INDEX, table=table, index=f"idx_{table}_record"))
        out.append(_s(GRANT_SELECT, table=table, role=READER_ROLE))
        for role in (CMM_ROLE, COMUNE_ROLE):
            out.append(_s(GRANT_APPEND, table=table, role=role))
    return out


# -- who sees and writes the import's rows (row-level security, docs/central-database.md) -------
# Each row of import_log / import_conflicts carries the comune of its record (NULL: a shared
# record, or one the database does not hold), from RECORD_COMUNE: the same rights_mode the rights
# triggers follow, one static branch per table. A comune login sees and adds only the rows of its
# comuni (and the shared records'), and may not claim a comune its record does not have; CMM
# editors and the administrator everything; readers read everything.
IMPORT_COMUNE_COLUMN = COMUNE_FIELD
RECORD_COMUNE, MAY_LOG = "record_comune", "may_log"
FUNCTION_RECORD_COMUNE_HEAD = """CREATE OR REPLACE FUNCTION {schema}.{function}(
    which_table text, record_key text) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS $body$
DECLARE
    found text;
BEGIN
"""
RECORD_COMUNE_OWN = """    IF which_table = %s THEN
        SELECT t.{comune} INTO found FROM {schema}.{table} t WHERE t.{key} = record_key::uuid;
        RETURN found;
    END IF;
"""
RECORD_COMUNE_OF_PROJECT = """    IF which_table = %s THEN
        SELECT p.{comune} INTO found FROM {schema}.{table} t JOIN {schema}.{projects} p
            ON p.{key} = t.{link} WHERE t.{key} = record_key::uuid;
        RETURN found;
    END IF;
"""
FUNCTION_RECORD_COMUNE_TAIL = """    RETURN NULL;
END
$body$"""
# May the current login write an import row of the comune ``istat`` (NULL: a shared record)?
FUNCTION_MAY_LOG = """CREATE OR REPLACE FUNCTION {schema}.{function}(istat text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog AS $body$
    SELECT {schema}.{edits_all}() OR istat IS NULL
        OR istat IN (SELECT a.istat FROM {schema}.{logins} a WHERE a.login = current_user)
$body$"""
# The merge plan's last row hash of each record (bundle_import.DatabaseTarget.last_import): read
# past the row-level security (the owner's rights), so a comune login's import is planned, and
# another comune's row refused by the rights trigger, exactly as for CMM. Hashes and producers
# only: what changed and by whom is in remix.history, which every reader reads anyway.
LAST_IMPORT_FUNCTION = "last_import"
FUNCTION_LAST_IMPORT = """CREATE OR REPLACE FUNCTION {schema}.{function}(record_uuids text[])
RETURNS TABLE (table_name text, record_uuid text, row_hash text, producer text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $body$
    SELECT DISTINCT ON (l.table_name, l.record_uuid) l.table_name, l.record_uuid, l.row_hash, l.producer
    FROM {schema}.{table} l WHERE l.record_uuid = ANY(record_uuids)
    ORDER BY l.table_name, l.record_uuid, l.id DESC
$body$"""
ADD_IMPORT_COMUNE = "ALTER TABLE {schema}.{table} ADD COLUMN IF NOT EXISTS {column} text"
FILL_IMPORT_COMUNE = (
    "UPDATE {schema}.{table} SET {column} = {schema}.{function}(table_name, record_uuid) "
    "WHERE {column} IS NULL AND {schema}.{function}(table_name, record_uuid) IS NOT NULL"
)
POLICY_IMPORT_READ = (
    "CREATE POLICY {policy} ON {schema}.{table} FOR SELECT TO {role} "
    "USING (NOT pg_has_role(current_user, %s, 'USAGE') OR {schema}.{may_log}({column}))"
)
POLICY_IMPORT_INSERT = (
    "CREATE POLICY {policy} ON {schema}.{table} FOR INSERT TO {role} WITH CHECK "
    "({schema}.{may_log}({column}) "
    "AND {column} IS NOT DISTINCT FROM {schema}.{function}(table_name, record_uuid))"
)
IMPORT_POLICIES = ("import_read", "import_cmm", "import_comune")


def record_comune_statement(model):
    """``remix.record_comune(table, uuid)``: the comune of a record, by the rights triggers' modes."""
    text = sql.statement(FUNCTION_RECORD_COMUNE_HEAD, schema=SCHEMA, function=RECORD_COMUNE)
    params = []
    for table in model.data_tables:
        mode, link = rights_mode(model, table)
        if mode == "comune":
            text += sql.statement(RECORD_COMUNE_OWN, schema=SCHEMA, table=table.name, comune=link, key=KEY)
        elif mode == "progetto":
            text += sql.statement(RECORD_COMUNE_OF_PROJECT, schema=SCHEMA, table=table.name, link=link,
                                  key=KEY, projects=PROJECTS_TABLE, comune=COMUNE_FIELD)
        else:
            continue
        params.append(table.name)
    return Statement(text + FUNCTION_RECORD_COMUNE_TAIL, tuple(params))


def import_rights_statements(model):
    """The comune column, its functions and the row-level security of import_log/import_conflicts."""
    out = [
        record_comune_statement(model),
        _s(FUNCTION_MAY_LOG, function=MAY_LOG, edits_all=EDITS_ALL, logins=LOGINS_TABLE),
        _s(FUNCTION_LAST_IMPORT, function=LAST_IMPORT_FUNCTION, table=IMPORT_LOG_TABLE),
    ]
    names = dict(column=IMPORT_COMUNE_COLUMN, function=RECORD_COMUNE, may_log=MAY_LOG)
    for table in bundle_tables():
        out += [
            _s(ADD_IMPORT_COMUNE, table=table, column=IMPORT_COMUNE_COLUMN),
            _s(FILL_IMPORT_COMUNE, table=table, column=IMPORT_COMUNE_COLUMN, function=RECORD_COMUNE),
            _s(ENABLE_RLS, table=table),
        ]
        out += [_s(DROP_POLICY, policy=policy, table=table) for policy in IMPORT_POLICIES]
        out += [
            _s(POLICY_IMPORT_READ, (COMUNE_ROLE,), policy="import_read", table=table, role=READER_ROLE,
               **names),
            _s(POLICY_ALL, policy="import_cmm", table=table, role=CMM_ROLE),
            _s(POLICY_IMPORT_INSERT, policy="import_comune", table=table, role=COMUNE_ROLE, **names),
        ]
    return out
