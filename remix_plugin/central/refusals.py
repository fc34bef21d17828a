"""What the central database's refusals mean, in one Italian (or English) sentence.

The one table of the refusals the central schema raises (``central/ddl.py``: the rights trigger,
row-level security, the row-version trigger, the code checks) and of the connection failures a
user meets. Plain Python (no Qt, no QGIS, no psycopg2): the QGIS layers (their ``commitErrors()``
or ``raiseError`` text, which carries no SQLSTATE), the CLI and the bundle import (a psycopg2
error: ``pgcode`` + ``diag``) read the same entries.

``explain(text, sqlstate=None)`` -> ``Refusal`` (kind, Italian, English); ``connection_refusal``
for a failed connection (wrong password, database missing, server not answering).
"""

import re
from dataclasses import dataclass

from ..i18n import BOTH, pick, tr
from . import ddl


@dataclass(frozen=True)
class Refusal:
    kind: str  # "rights", "shared", "stale", "code", "value", "read_only", "rls", "reference", ...
    message_it: str
    message_en: str

    def message(self, language="it"):
        return pick(language, self.message_it, self.message_en)


@dataclass(frozen=True)
class Entry:
    kind: str
    sqlstate: str  # "" = any
    pattern: str  # regex on the server's primary message (case-insensitive)
    # i18n.Bilingual of templates: {primary}, {hint}, {detail} and the pattern's named groups.
    # The triggers write their MESSAGE and HINT in Italian and their DETAIL in English, so the
    # English source takes {detail} and its Italian (i18n/remix_it.ts) {primary} and {hint}.
    text: tuple


# Order matters: the first entry whose SQLSTATE (when known) and pattern match wins. The
# triggers' own messages are Italian already (primary text), English in DETAIL, the remedy in
# HINT: they are shown as they are, with what happened to the edits.
ENTRIES = (
    Entry("stale", ddl.SQLSTATE_STALE,
          r"Conflitto di modifica: (?P<table>\S+) (?P<row>\S+) è stato modificato da (?P<who>.+?) "
          r"il (?P<when>\S+) UTC \(versione (?P<current>\d+)\) dopo che lo hai letto "
          r"\(versione (?P<base>\d+)\)",
          tr("Save refused: {who} changed this {table} row on {when} UTC (version {current}) after you "
             "read it (version {base}); the edits are still in the layer, unsaved: reload the layer, "
             "look at their change and redo yours.",
             language=BOTH)),
    Entry("rights", ddl.SQLSTATE_REFUSED,
          r"non è tra quelli assegnati a",
          tr("Save refused: {detail}. Undo the edits of this feature, or ask the RE.MIX administrator "
             "to assign you the municipality. The edits are still in the layer, unsaved.",
             language=BOTH)),
    Entry("rights", ddl.SQLSTATE_REFUSED,
          r"(senza comune non è tra quelli|Il progetto .* non esiste)",
          # its own context: the same English as the "value" entry, an Italian with the trigger's hint
          tr("Save refused: {detail}. The edits are still in the layer, unsaved.",
             context="RemixCentralRights", language=BOTH)),
    Entry("shared", ddl.SQLSTATE_REFUSED,
          r"è condivisa da tutti i comuni",
          tr("Save refused: {detail}. Ask CMM to make the change, or undo your edits of this table. "
             "The edits are still in the layer, unsaved.",
             language=BOTH)),
    Entry("read_only", ddl.SQLSTATE_REFUSED,
          r"permission denied for (table|relation|view) (?P<table>\S+)",
          tr("Save refused: your access to the RE.MIX database is read-only for {table}; ask the "
             "RE.MIX administrator for editing rights. The edits are still in the layer, unsaved.",
             language=BOTH)),
    Entry("rls", ddl.SQLSTATE_REFUSED,
          r"row-level security policy",
          tr("Save refused: the feature does not belong to a municipality assigned to your login. The "
             "edits are still in the layer, unsaved.",
             language=BOTH)),
    Entry("code", ddl.SQLSTATE_BAD_CODE,
          r"non è un termine di",
          tr("Save refused: {detail}. Choose a value from the form's list. The edits are still in the "
             "layer, unsaved.",
             language=BOTH)),
    Entry("value", ddl.SQLSTATE_BAD_VALUE,
          r"(deve contenere un elenco JSON|non si modifica)",
          tr("Save refused: {detail}. The edits are still in the layer, unsaved.",
             language=BOTH)),
    Entry("reference", "23503",
          r"violates foreign key constraint",
          tr("Save refused: a link points to a feature the database does not hold (save the parent "
             "first, then its children). The edits are still in the layer, unsaved.",
             language=BOTH)),
    Entry("duplicate", "23505",
          r"duplicate key value",
          tr("Save refused: a feature with the same identifier exists in the database already. The "
             "edits are still in the layer, unsaved.",
             language=BOTH)),
    Entry("not_null", "23502",
          r"null value in column \"?(?P<column>[^\" ]+)",
          tr("Save refused: the field {column} is required by the database. The edits are still in the "
             "layer, unsaved.",
             language=BOTH)),
    Entry("connection", "",
          r"(server closed the connection|connection to server .* failed|"
                            r"could not connect|no connection to the server|terminating connection)",
          tr("Save failed: the connection to the RE.MIX database was lost. The edits are still in the "
             "layer, unsaved. Try again when the server answers.",
             language=BOTH)),
)
FALLBACK = tr("Save refused by the RE.MIX database: {primary}. The edits are still in the layer, "
             "unsaved.", language=BOTH)

# QGIS's prefixes before the server's text ("PostGIS error while changing attributes: ERROR: …").
# QGIS puts its own "ERROR: 1 attribute value change(s) not applied." first: the server's
# message is the last "ERROR:" before the first DETAIL/HINT section.
_PREFIX = re.compile(r"\b(ERROR|ERRORE|FATAL):\s*")
_SECTION = re.compile(r"\b(DETAIL|DETTAGLI|HINT|SUGGERIMENTO|CONTEXT|CONTESTO):\s*")


def _server_start(text):
    section = _SECTION.search(text)
    starts = [m for m in _PREFIX.finditer(text) if section is None or m.start() < section.start()]
    return starts[-1].end() if starts else None


def split_server_message(text):
    """(primary, detail, hint) of a server error as QGIS or libpq prints it."""
    text = str(text or "").strip()
    start = _server_start(text)
    body = text[start:] if start is not None else text
    parts = _SECTION.split(body)
    primary = parts[0].strip()
    sections = {}
    for index in range(1, len(parts) - 1, 2):
        key = parts[index].upper()
        key = {"DETTAGLI": "DETAIL", "SUGGERIMENTO": "HINT", "CONTESTO": "CONTEXT"}.get(key, key)
        sections.setdefault(key, parts[index + 1].strip())
    primary = primary.splitlines()[0].strip() if primary else ""
    detail = sections.get("DETAIL", "").splitlines()[0].strip() if sections.get("DETAIL") else ""
    hint = sections.get("HINT", "").splitlines()[0].strip() if sections.get("HINT") else ""
    return primary, detail, hint


def _clean(text):
    return text.rstrip(" .")


def _fill(template, values):
    """A Bilingual template filled, each language's spaces tidied: (Italian, English)."""
    filled = template.format(**values)
    return tuple(re.sub(r"\s+", " ", text).replace(". .", ".").strip() for text in filled)


def explain(text, sqlstate=None, primary=None, detail=None, hint=None):
    """The Refusal for a server error: ``text`` as QGIS shows it (commitErrors, raiseError), or
    ``sqlstate`` + ``primary``/``detail``/``hint`` from a psycopg2 error's diag."""
    parsed = split_server_message(text)
    primary = primary or parsed[0] or str(text or "").strip()
    detail = detail or parsed[1]
    hint = hint or parsed[2]
    for entry in ENTRIES:
        if sqlstate and entry.sqlstate and entry.sqlstate != sqlstate:
            continue
        match = re.search(entry.pattern, primary, re.IGNORECASE)
        if match is None:
            continue
        values = {"primary": _clean(primary), "detail": _clean(detail or primary),
                  "hint": hint, **{k: v for k, v in match.groupdict().items() if v is not None}}
        return Refusal(entry.kind, *_fill(entry.text, values))
    return Refusal("other", *_fill(FALLBACK, {"primary": _clean(primary)}))


def explain_psycopg2(error):
    """The Refusal for a psycopg2 error (its SQLSTATE and diagnostic fields)."""
    diag = getattr(error, "diag", None)
    return explain(str(error), getattr(error, "pgcode", None),
                   getattr(diag, "message_primary", None), getattr(diag, "message_detail", None),
                   getattr(diag, "message_hint", None))


def is_refusal_text(text):
    """Does a layer's error text come from the server refusing a write (not, e.g., a warning)?"""
    return _server_start(str(text or "")) is not None


# -- connecting ---------------------------------------------------------------------------
CONNECTION_ENTRIES = (
    ("password", r"password authentication failed for user \"?(?P<user>[^\"]+)\"?|"
                 r"autenticazione con password fallita per l'utente \"?(?P<user_it>[^\"]+)\"?",
     tr("Wrong password for the user {user}: check the QGIS connection (or authentication "
        "configuration) or the pg_service.conf file.", language=BOTH)),
    ("no_password", r"no password supplied|fe_sendauth",
     tr("The server asks for a password the connection does not give: add it with a QGIS "
        "authentication configuration or in ~/.pgpass.", language=BOTH)),
    ("no_database", r"database \"?(?P<database>[^\"]+)\"? does not exist",
     tr("The database {database} does not exist on this server.", language=BOTH)),
    ("no_role", r"role \"?(?P<user>[^\"]+)\"? does not exist",
     tr("The user {user} does not exist on this server: ask the database administrator.", language=BOTH)),
    ("no_service", r"definition of service \"?(?P<service>[^\"]+)\"? not found|service file .* not found",
     tr("The service {service} is not in the pg_service.conf file.", language=BOTH)),
    ("not_answering", r"could not connect|connection refused|timeout expired|could not translate host|"
                      r"Connection timed out|No route to host|Name or service not known|"
                      r"is the server running",
     tr("The database server does not answer: check address, port and network, or try again "
        "later.", language=BOTH)),
)


def connection_refusal(text):
    """The Refusal (kind, it, en) for a failed connection's libpq message."""
    text = str(text or "")
    for kind, pattern, template in CONNECTION_ENTRIES:
        match = re.search(pattern, text, re.IGNORECASE)
        if match is None:
            continue
        values = {k: v for k, v in match.groupdict().items() if v is not None}
        if "user_it" in values:
            values["user"] = values.pop("user_it")
        values.setdefault("user", "?")
        values.setdefault("service", "?")
        return Refusal(kind, *template.format(**values))
    first = text.strip().splitlines()[0] if text.strip() else "?"
    return Refusal("other", *tr("Cannot connect to the database: {first}", language=BOTH).format(first=first))


# -- importing a bundle (central/bundle_import.py) -------------------------------------------
IMPORT_REFUSED = tr("Bundle import refused by the RE.MIX database, nothing was written: {detail}.",
                    language=BOTH)  # Italian: the server's own {primary}


def import_refusal(error):
    """The one sentence for a psycopg2 error that stopped a bundle import (its transaction rolled
    back): the server's own Italian message (the triggers' MESSAGE), English from its DETAIL."""
    diag = getattr(error, "diag", None)
    primary, detail, _hint = split_server_message(str(error))
    primary = getattr(diag, "message_primary", None) or primary or str(error).strip()
    detail = getattr(diag, "message_detail", None) or detail or primary
    kind = explain(str(error), getattr(error, "pgcode", None), primary, detail).kind
    values = {"primary": _clean(primary.splitlines()[0] if primary else "?"),
              "detail": _clean(detail.splitlines()[0] if detail else "?")}
    return Refusal(kind, *_fill(IMPORT_REFUSED, values))
