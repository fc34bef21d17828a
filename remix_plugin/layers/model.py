"""The RE.MIX data model as plain data: tables, fields, geometry, relations.

Pure Python (no QGIS, no GDAL): the GeoPackage creator, the form builder, the validator, the
export and the headless checker all read this one description. Coded fields take their
requirement and their single/multi nature from the classification scheme, so the two cannot
drift apart.

Multi-valued dimensions are stored as a JSON array of codes in a TEXT column declared as
JSON (``gpkg_data_columns.mime_type = 'application/json'``, GDAL sub-type JSON): QGIS's
value-relation widget edits it natively as a multi-select, and any other tool reads it with a
JSON parser (SQLite: ``json_each``). The regional bundle turns these arrays into link tables.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from ..crs import DEFAULT_CRS, SUPPORTED_CRS  # noqa: F401 (part of the model's interface)
from ..i18n import pick
from ..taxonomy import load_scheme

# 2: publication flag, CUP, indicator baseline and target, sources, calls for funding (bandi).
SCHEMA_VERSION = 2  # bump with an upgrade step in layers/geopackage.py (_upgrade_in_place)
GEOMETRY_TYPE = "MultiPolygon"

# Kinds of field values; "codes" is a JSON array of scheme codes.
KINDS = ("text", "integer", "real", "boolean", "date", "datetime", "codes")

GEOMETRY_COLUMN = "geom"  # the geometry column of every spatial table

METADATA_TABLE = "remix_metadata"
CODELIST_TABLE = "remix_codelist"
EXCEPTIONS_TABLE = "remix_exceptions"
COMUNI_TABLE = "comuni"
# Licence terms of the shipped comuni boundaries (remix_plugin/data/ATTRIBUTION.md).
COMUNI_ATTRIBUTION = "© ISTAT, elaborazione openpolis (CC-BY 4.0)"
# Validation exceptions accepted by a user, stored in the file so they travel with the data:
# (column, kind of KINDS).
EXCEPTION_FIELDS = (
    ("uuid", "text"), ("rule_code", "text"), ("layer", "text"), ("feature_uuid", "text"),
    ("field", "text"), ("feature_hash", "text"), ("reason", "text"), ("accepted_by", "text"),
    ("accepted_at", "datetime"),
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    label_it: str
    label_en: str
    definition_it: str = ""
    definition_en: str = ""
    requirement: str = "optional"  # required | recommended | optional
    dimension: str = ""  # scheme dimension for coded fields
    references: str = ""  # "table.field" this field points to
    system: bool = False  # filled by the plugin: read-only in forms
    default_expression: str = ""  # QGIS expression for new (and updated) features
    apply_on_update: bool = False
    max_length: int = 0

    def label(self, language="it"):
        return pick(language, self.label_it, self.label_en)

    def definition(self, language="it"):
        return pick(language, self.definition_it, self.definition_en)

    @property
    def coded(self):
        return bool(self.dimension)

    @property
    def multi(self):
        return self.kind == "codes"


@dataclass(frozen=True)
class Table:
    name: str
    label_it: str
    label_en: str
    fields: tuple
    geometry: str = ""  # "" = no geometry
    geometry_required: bool = False
    reference: bool = False  # shipped reference data, not edited by users
    has_uuid: bool = True
    _by_name: dict = field(default_factory=dict, compare=False, repr=False)

    def label(self, language="it"):
        return pick(language, self.label_it, self.label_en)

    def field(self, name):
        return self._by_name[name]

    def has_field(self, name):
        return name in self._by_name

    @property
    def field_names(self):
        return [f.name for f in self.fields]

    @property
    def coded_fields(self):
        return [f for f in self.fields if f.coded]

    @property
    def user_fields(self):
        return [f for f in self.fields if not f.system]


@dataclass(frozen=True)
class Relation:
    """child.child_field -> parent.parent_field. on_delete: what deleting the parent does."""
    id: str
    parent: str
    child: str
    child_field: str
    parent_field: str = "uuid"
    strength: str = "composition"  # composition: children go with the parent; association
    label_it: str = ""
    label_en: str = ""

    def label(self, language="it"):
        return pick(language, self.label_it, self.label_en)


UUID_EXPRESSION = "uuid('WithoutBraces')"
# UTC time as ISO 8601 text ("2026-05-04T09:30:00Z"). Audit times are TEXT, not DATETIME: QGIS 3.22
# writes DATETIME values without the "Z" the GeoPackage standard requires (validate_gpkg.py --extra
# flags every edited row), and now() is local time. This expression is UTC on every QGIS version.
NOW_EXPRESSION = ("format_date(to_datetime('1970-01-01T00:00:00Z') "
                  "+ make_interval(seconds:=epoch(now()) / 1000), 'yyyy-MM-ddTHH:mm:ss') || 'Z'")
USER_EXPRESSION = "@user_account_name"
# The comune whose boundary contains a point inside the perimeter; recomputed on change.
COMUNE_EXPRESSION = (
    "aggregate(layer:='comuni', aggregate:='max', expression:=\"istat\", "
    "filter:=intersects($geometry, point_on_surface(geometry(@parent))))"
)
AREA_EXPRESSION = "round($area, 1)"


def _identity_fields():
    return [
        Field("uuid", "text", "Identificativo (UUID)", "Identifier (UUID)",
              "Identificativo univoco, generato automaticamente; non si modifica.",
              "Unique identifier, generated automatically; never edited.",
              "required", system=True, default_expression=UUID_EXPRESSION, max_length=36),
    ]


def _audit_fields():
    return [
        Field("creato_il", "text", "Creato il (UTC)", "Created on (UTC)", requirement="required", system=True,
              default_expression=NOW_EXPRESSION, max_length=20),
        Field("creato_da", "text", "Creato da", "Created by", system=True,
              default_expression=USER_EXPRESSION),
        Field("modificato_il", "text", "Modificato il (UTC)", "Modified on (UTC)", requirement="required",
              system=True, default_expression=NOW_EXPRESSION, apply_on_update=True, max_length=20),
        Field("modificato_da", "text", "Modificato da", "Modified by", system=True,
              default_expression=USER_EXPRESSION, apply_on_update=True),
    ]


def _text(name, it, en, requirement="optional", dit="", den="", max_length=0):
    return Field(name, "text", it, en, dit, den, requirement, max_length=max_length)


def _cup():
    """The Codice Unico di Progetto that tracks public money in Italy (15 characters)."""
    return _text("cup", "CUP", "CUP (project code)", "optional",
                 "Codice Unico di Progetto: 15 caratteri, lettere maiuscole e cifre.",
                 "Italy's single project code for public investment: 15 upper-case letters and digits.",
                 max_length=15)


def _ref(name, target, it, en, requirement="required"):
    return Field(name, "text", it, en, requirement=requirement, references=target, max_length=36)


def _coded(scheme, entity, dimension_id):
    dim = scheme.dimension(dimension_id)
    return Field(
        dim.field_name, "codes" if dim.multi else "text", dim.label("it"), dim.label("en"),
        dim.definition("it"), dim.definition("en"), dim.requirement_for(entity) or "optional",
        dimension=dim.id,
    )


def _table(scheme, name, it, en, fields, geometry="", geometry_required=False):
    coded = [_coded(scheme, name, d.id) for d in scheme.dimensions_for(name)]
    all_fields = tuple(_identity_fields() + fields[0] + coded + fields[1] + _audit_fields())
    table = Table(name, it, en, all_fields, geometry, geometry_required)
    table._by_name.update({f.name: f for f in all_fields})
    return table


def _bandi_table(scheme):
    """Calls for funding (bandi): who may apply and what they fund, as scheme codes (docs/funding.md)."""
    def euros(name, it, en, requirement="optional", dit="", den=""):
        return Field(name, "real", it, en, dit, den, requirement)

    return _table(scheme, "bandi", "Bandi di finanziamento", "Calls for funding", (
        [_text("titolo", "Titolo", "Title", "required", max_length=254),
         _text("ente", "Ente che finanzia", "Funding body", "recommended"),
         _text("descrizione", "Descrizione", "Description"),
         _text("url", "Indirizzo del bando (URL)", "Address of the call (URL)")],
        [Field("data_apertura", "date", "Data di apertura", "Opening date", requirement="required"),
         Field("data_chiusura", "date", "Data di chiusura", "Closing date", requirement="required",
               definition_it="Ultimo giorno utile per presentare domanda.",
               definition_en="Last day on which an application can be filed."),
         euros("dotazione", "Dotazione (€)", "Budget (€)", "recommended"),
         euros("importo_min", "Importo minimo per progetto (€)", "Minimum per project (€)"),
         euros("importo_max", "Importo massimo per progetto (€)", "Maximum per project (€)"),
         euros("cofinanziamento_min_pct", "Cofinanziamento minimo (%)", "Minimum co-funding (%)",
               dit="Quota del costo del progetto, in percento, da coprire con finanziamenti già assegnati.",
               den="Share of the project's cost, in percent, to be covered by funding already granted."),
         _text("note", "Note", "Notes")]))


def _build_tables(scheme):
    comune = _ref("comune_istat", "comuni.istat", "Comune (codice ISTAT)", "Municipality (ISTAT code)")
    comune_derived = Field(
        "comune_istat", "text", "Comune (codice ISTAT)", "Municipality (ISTAT code)",
        "Ricavato dal perimetro; si aggiorna quando il perimetro cambia.",
        "Derived from the perimeter; recomputed when the perimeter changes.",
        "required", references="comuni.istat", system=True,
        default_expression=COMUNE_EXPRESSION, apply_on_update=True, max_length=6,
    )
    tables = [
        _table(scheme, "programmi", "Programmi", "Programmes", (
            [_text("titolo", "Titolo", "Title", "required"),
             _text("descrizione", "Descrizione", "Description", "recommended"),
             _text("obiettivi", "Obiettivi", "Objectives", "recommended")],
            [])),
        _table(scheme, "progetti", "Progetti", "Projects", (
            [_ref("programma_uuid", "programmi.uuid", "Programma", "Programme", "optional"),
             _text("titolo", "Titolo", "Title", "required", max_length=254),
             comune,
             _text("descrizione", "Descrizione", "Description", "recommended"),
             _text("obiettivi", "Obiettivi di progetto", "Project objectives", "recommended"),
             _text("ambito_azione_prevalente", "Ambito d'azione prevalente", "Main field of action",
                   "recommended", "Es. «Valorizzazione patrimonio immobiliare esistente».",
                   "E.g. 'Enhancement of existing real estate'."),
             _text("ambito_territoriale", "Ambito territoriale di riferimento", "Territorial frame",
                   "optional")],
            [Field("data_inizio", "date", "Data di inizio", "Start date"),
             Field("data_fine", "date", "Data di fine", "End date"),
             Field("costo_stimato", "real", "Costo stimato (€)", "Estimated cost (€)"),
             _cup(),
             Field("pubblicabile", "boolean", "Pubblicabile sul web", "May be published on the web",
                   "Vero se il progetto può comparire nell'atlante web pubblico (mai i dati personali).",
                   "True when the project may appear in the public web atlas (never personal data).",
                   default_expression="false"),
             _text("note", "Note", "Notes")])),
        _table(scheme, "criticita", "Criticità", "Problems", (
            [_ref("progetto_uuid", "progetti.uuid", "Progetto che risponde", "Answering project", "optional"),
             _text("titolo", "Titolo", "Title", "required", max_length=254),
             comune,
             _text("descrizione", "Descrizione", "Description", "recommended")],
            []), geometry="MultiPolygon", geometry_required=False),
        _table(scheme, "lavori", "Lavori", "Physical works", (
            [_ref("progetto_uuid", "progetti.uuid", "Progetto", "Project"),
             _text("titolo", "Titolo", "Title", "required", max_length=254),
             comune_derived,
             _text("obiettivo", "Obiettivo di progetto", "Project objective", "recommended"),
             _text("descrizione", "Descrizione", "Description", "recommended")],
            [Field("perimetro_illustrativo", "boolean", "Perimetro illustrativo", "Illustrative perimeter",
                   "Vero se il perimetro è indicativo e non il disegno reale dell'intervento.",
                   "True when the perimeter is indicative, not the real outline of the work.",
                   default_expression="false"),
             Field("superficie_mq", "real", "Superficie (m²)", "Area (m²)", system=True,
                   default_expression=AREA_EXPRESSION, apply_on_update=True)]),
            geometry="MultiPolygon", geometry_required=True),
        _table(scheme, "azioni", "Azioni", "Actions", (
            [_ref("progetto_uuid", "progetti.uuid", "Progetto", "Project"),
             _ref("lavoro_uuid", "lavori.uuid", "Lavoro collegato", "Linked physical work", "optional"),
             _text("titolo", "Titolo", "Title", "required", max_length=254)],
            [_text("tipo_servizio", "Tipo di servizio", "Type of service", "recommended"),
             _text("popolazione_riferimento", "Popolazione di riferimento", "Target population",
                   "recommended"),
             _text("obiettivo", "Obiettivo di progetto", "Project objective", "recommended"),
             _text("descrizione", "Descrizione", "Description", "recommended")])),
        _table(scheme, "attori", "Attori", "Actors", (
            [_text("nome", "Nome", "Name", "required", max_length=254)],
            [_text("note", "Note", "Notes")])),
        _table(scheme, "progetto_attori", "Attori dei progetti", "Actors of projects", (
            [_ref("progetto_uuid", "progetti.uuid", "Progetto", "Project"),
             _ref("attore_uuid", "attori.uuid", "Attore", "Actor")],
            [_text("note", "Note", "Notes")])),
        _table(scheme, "fasi", "Fasi", "Phases", (
            [_ref("progetto_uuid", "progetti.uuid", "Progetto", "Project"),
             Field("numero", "integer", "Numero della fase", "Phase number", requirement="required"),
             _text("titolo", "Titolo", "Title", "required", max_length=254),
             _text("descrizione", "Contenuto della fase", "Content of the phase", "recommended")],
            [Field("data_inizio", "date", "Data di inizio", "Start date"),
             Field("data_fine", "date", "Data di fine", "End date")])),
        _table(scheme, "indicatori", "Indicatori (KPI)", "Indicators (KPI)", (
            [_text("nome", "Nome", "Name", "required", max_length=254),
             _text("unita_misura", "Unità di misura", "Unit", "recommended")],
            [_text("descrizione", "Che cosa misura", "What it measures", "recommended"),
             Field("meglio_se_maggiore", "boolean", "Meglio se maggiore", "Higher is better",
                   "Vero se un valore più alto è un risultato migliore.",
                   "True when a higher value is a better result.", default_expression="true"),
             Field("valore_base", "real", "Valore di partenza", "Baseline value"),
             Field("data_base", "date", "Data del valore di partenza", "Baseline date"),
             Field("valore_obiettivo", "real", "Valore obiettivo", "Target value"),
             Field("data_obiettivo", "date", "Data obiettivo", "Target date")])),
        _table(scheme, "misure", "Misure degli indicatori", "Indicator measurements", (
            [_ref("progetto_uuid", "progetti.uuid", "Progetto", "Project"),
             _ref("indicatore_uuid", "indicatori.uuid", "Indicatore", "Indicator"),
             Field("data_misura", "date", "Data della misura", "Measurement date", requirement="required"),
             Field("valore", "real", "Valore", "Value", requirement="required")],
            [_text("unita_misura", "Unità di misura", "Unit",
                   dit="Se vuota, quella dell'indicatore.", den="When empty, the indicator's."),
             _text("fonte", "Fonte del dato", "Source of the value"),
             _text("note", "Note", "Notes")])),
        _bandi_table(scheme),
        _table(scheme, "finanziamenti", "Finanziamenti", "Funding", (
            [_ref("progetto_uuid", "progetti.uuid", "Progetto", "Project"),
             _text("titolo", "Bando o fonte", "Call or source", "required", max_length=254),
             _ref("bando_uuid", "bandi.uuid", "Bando", "Call for funding", "optional")],
            [Field("importo", "real", "Importo (€)", "Amount (€)", requirement="recommended"),
             Field("data", "date", "Data", "Date"),
             _cup(),
             _text("fonte", "Fonte dei dati", "Source of the data",
                   dit="Es. il file di open data importato e la sua data.",
                   den="E.g. the imported open-data file and its date."),
             _text("note", "Note", "Notes")])),
    ]
    comuni_fields = (
        Field("istat", "text", "Codice ISTAT", "ISTAT code", requirement="required", max_length=6),
        Field("nome", "text", "Comune", "Municipality", requirement="required"),
        Field("codice_catastale", "text", "Codice catastale", "Cadastral code", max_length=4),
        _coded(scheme, "comuni", "zona_omogenea"),
        Field("fonte", "text", "Fonte", "Source"),
    )
    comuni = Table(COMUNI_TABLE, "Comuni", "Municipalities", comuni_fields, "MultiPolygon", True,
                   reference=True, has_uuid=False)
    comuni._by_name.update({f.name: f for f in comuni_fields})
    return tables + [comuni]


RELATIONS = (
    Relation("programma_progetti", "programmi", "progetti", "programma_uuid", strength="association",
             label_it="Progetti del programma", label_en="Projects of the programme"),
    Relation("progetto_lavori", "progetti", "lavori", "progetto_uuid",
             label_it="Lavori", label_en="Physical works"),
    Relation("progetto_azioni", "progetti", "azioni", "progetto_uuid",
             label_it="Azioni", label_en="Actions"),
    Relation("progetto_criticita", "progetti", "criticita", "progetto_uuid", strength="association",
             label_it="Criticità", label_en="Problems"),
    Relation("progetto_fasi", "progetti", "fasi", "progetto_uuid", label_it="Fasi", label_en="Phases"),
    Relation("progetto_attori", "progetti", "progetto_attori", "progetto_uuid",
             label_it="Attori", label_en="Actors"),
    Relation("attore_progetti", "attori", "progetto_attori", "attore_uuid",
             label_it="Progetti dell'attore", label_en="Projects of the actor"),
    Relation("progetto_finanziamenti", "progetti", "finanziamenti", "progetto_uuid",
             label_it="Finanziamenti", label_en="Funding"),
    Relation("progetto_misure", "progetti", "misure", "progetto_uuid",
             label_it="Misure degli indicatori", label_en="Indicator measurements"),
    Relation("indicatore_misure", "indicatori", "misure", "indicatore_uuid",
             label_it="Misure", label_en="Measurements"),
    Relation("lavoro_azioni", "lavori", "azioni", "lavoro_uuid", strength="association",
             label_it="Azioni collegate", label_en="Linked actions"),
    Relation("bando_finanziamenti", "bandi", "finanziamenti", "bando_uuid", strength="association",
             label_it="Finanziamenti del bando", label_en="Funding from the call"),
)


class Model:
    def __init__(self, scheme):
        self.scheme = scheme
        self.tables = _build_tables(scheme)
        self._by_name = {t.name: t for t in self.tables}
        self.relations = RELATIONS

    def table(self, name):
        return self._by_name[name]

    def has_table(self, name):
        return name in self._by_name

    @property
    def table_names(self):
        return [t.name for t in self.tables]

    @property
    def data_tables(self):
        """Tables users edit (everything but shipped reference data)."""
        return [t for t in self.tables if not t.reference]

    @property
    def data_table_names(self):
        """Names of the data tables, parents before children (export, hashing and checks rely on it)."""
        return tuple(t.name for t in self.data_tables)

    def relations_of_parent(self, parent):
        return [r for r in self.relations if r.parent == parent]

    def relations_of_child(self, child):
        return [r for r in self.relations if r.child == child]


@lru_cache(maxsize=1)
def load_model():
    return Model(load_scheme())
