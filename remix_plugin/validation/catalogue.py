"""The catalogue of validation rules, as data (pure Python, no QGIS).

Each rule has a stable code (never reused), a group, a default severity (the strict profile's),
a title and a message template (English source literals, their Italian in ``i18n/remix_it.ts``:
``i18n.tr``), a one-line documentation and the reason it exists (where in DOMAIN.md / the seed /
the model it comes from). ``docs/rules.md`` is generated from
this table by ``scripts/gen_rules_doc.py``; each rule is implemented exactly once, in one module
of ``validation/rules/`` (tests/unit/test_rule_homes.py).

Message placeholders: ``{feature}`` (layer and title or UUID of the feature), ``{layer}``,
``{field}``, ``{value}`` (the offending value, shortened) and ``{detail}`` (rule-specific).
"""

from dataclasses import dataclass

from ..i18n import BOTH, Bilingual, pick, tr

GROUPS = ("structure", "scheme", "references", "geometry")
SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Rule:
    code: str
    group: str
    severity: str
    title_it: str
    title_en: str
    message_it: str
    message_en: str
    doc: str
    reason: str

    def title(self, language="it"):
        return pick(language, self.title_it, self.title_en)


def _r(code, group, severity, title, message, doc, reason):
    """A rule from its title and message (``Bilingual``: ``tr("English", language=BOTH)``)."""
    return Rule(code, group, severity, title.it, title.en, message.it, message.en, doc, reason)


_DETAIL = Bilingual("{detail}", "{detail}")  # the whole message is the checker's own, per language


RULES = (
    # -- structure ---------------------------------------------------------------------------
    _r(
        "STR-001",
        "structure",
        "error",
        tr("Missing table", language=BOTH),
        tr("The RE.MIX table {layer} is missing.", language=BOTH),
        "Every table of layers/model.py must exist in the GeoPackage.",
        "The model (layers/model.py) is the contract between the plugin, the forms, the export "
        "bundle and the Region: a missing table cannot be filled or exported.",
    ),
    _r(
        "STR-002",
        "structure",
        "error",
        tr("Missing field", language=BOTH),
        tr("The field {field} is missing from the table {layer}.", language=BOTH),
        "Every field of layers/model.py must exist in its table.",
        "Forms, rules and the regional bundle read these fields by name.",
    ),
    _r(
        "STR-003",
        "structure",
        "warning",
        tr("Field type differs from the model", language=BOTH),
        tr("The field {layer}.{field} is declared {value}; the model expects {detail}.", language=BOTH),
        "The declared GeoPackage column type must match the model's kind (TEXT, INTEGER, REAL, "
        "BOOLEAN, DATE, DATETIME).",
        "QGIS and GDAL build widgets and conversions from the declared type; SQLite itself does not "
        "enforce it (values are checked by SCH-009).",
    ),
    _r(
        "STR-004",
        "structure",
        "error",
        tr("Schema needs an upgrade", language=BOTH),
        tr("The file uses RE.MIX schema {value}; the current one is {detail}: upgrade it from the plugin.",
           language=BOTH),
        "The schema_version in remix_metadata must be the current SCHEMA_VERSION.",
        "An older schema lacks tables or fields the Region's protocol expects (layers/geopackage.py "
        "upgrade_geopackage adds them).",
    ),
    _r(
        "STR-005",
        "structure",
        "error",
        tr("Unknown classification scheme version", language=BOTH),
        tr("The file declares classification scheme {value}; the plugin uses version {detail}.",
           language=BOTH),
        "The scheme_version in remix_metadata must be the version of taxonomy/scheme.json.",
        "Codes are only meaningful against the scheme version they were chosen from "
        "(scheme.json rule: codes are never reused, terms are deprecated instead).",
    ),
    _r(
        "STR-006",
        "structure",
        "error",
        tr("Geometry column not registered", language=BOTH),
        tr("The table {layer} has no geometry column registered in gpkg_geometry_columns.", language=BOTH),
        "Spatial tables of the model (lavori, criticita, comuni) must be GeoPackage feature tables.",
        "Without the registration GIS software does not see the perimeters (GeoPackage 1.2 spec).",
    ),
    _r(
        "STR-007",
        "structure",
        "warning",
        tr("Code list out of date", language=BOTH),
        tr("The code list {layer} lacks the code {value} of the dimension {field}.", language=BOTH),
        "remix_codelist must hold every term of the scheme (it feeds the drop-downs).",
        "The value-relation widgets of the forms read remix_codelist; a missing term cannot be chosen.",
    ),
    # -- scheme ------------------------------------------------------------------------------
    _r(
        "SCH-001",
        "scheme",
        "error",
        tr("Code not in the scheme", language=BOTH),
        tr("{feature}: the value '{value}' of the field {field} is not a term of '{detail}'.", language=BOTH),
        "Every code of a coded field must be a term of its dimension in scheme.json.",
        "The taxonomy is a closed list (DOMAIN.md, 'Classification dimensions (closed lists)'); "
        "GeoPackage and QGIS do not enforce it (FACTS.md: enum constraints are not enforced; the "
        "attribute table, field calculator and paste skip form constraints).",
    ),
    _r(
        "SCH-002",
        "scheme",
        "error",
        tr("Several values in a single-valued field", language=BOTH),
        tr("{feature}: the field {field} takes one value but holds '{value}'.", language=BOTH),
        "A single-valued dimension must hold one bare code, not a JSON array or a QGIS {a,b} list.",
        "scheme.json marks each dimension multi or not; the export maps single values to one column.",
    ),
    _r(
        "SCH-003",
        "scheme",
        "error",
        tr("Multi-valued field not a JSON array", language=BOTH),
        tr("{feature}: the multi-valued field {field} holds '{value}' instead of a JSON array.",
           language=BOTH),
        "A multi-valued dimension must be stored as a JSON array of codes (scheme rule multi_storage).",
        "scheme.json rules.multi_storage: 'JSON array of codes'; other tools read it with a JSON parser.",
    ),
    _r(
        "SCH-004",
        "scheme",
        "error",
        tr("Unreadable list of codes", language=BOTH),
        tr("{feature}: the field {field} holds an unreadable list '{value}' ({detail}).", language=BOTH),
        "A multi-valued field must parse as a JSON array of text codes.",
        "Malformed JSON cannot be read by the forms, the atlas or the Region.",
    ),
    _r(
        "SCH-005",
        "scheme",
        "warning",
        tr("Repeated code", language=BOTH),
        tr("{feature}: the code '{value}' is repeated in the field {field}.", language=BOTH),
        "A code appears at most once in a multi-valued field.",
        "A repeated code is a data-entry slip and would be counted twice in statistics.",
    ),
    _r(
        "SCH-006",
        "scheme",
        "error",
        tr("Required field empty", language=BOTH),
        tr("{feature}: the required field {field} is empty.", language=BOTH),
        "Fields whose requirement is 'required' (model.Field.requirement, from scheme used_by) "
        "must be filled.",
        "The seed's catalogue card (title, comune, classification, description) and the scheme's "
        "used_by requirements define what a record must state.",
    ),
    _r(
        "SCH-007",
        "scheme",
        "warning",
        tr("Recommended field empty", language=BOTH),
        tr("{feature}: the recommended field {field} is empty.", language=BOTH),
        "Fields whose requirement is 'recommended' should be filled.",
        "Recommended fields feed the atlas and the catalogue cards (DOMAIN.md, catalogue card).",
    ),
    _r(
        "SCH-008",
        "scheme",
        "warning",
        tr("Deprecated term", language=BOTH),
        tr("{feature}: the code '{value}' of the field {field} is deprecated: choose a current term.",
           language=BOTH),
        "A term marked deprecated in scheme.json should be replaced.",
        "scheme.json rule: codes are never reused, a retired term is deprecated; new data should not use it.",
    ),
    _r(
        "SCH-009",
        "scheme",
        "error",
        tr("Value of the wrong type", language=BOTH),
        tr("{feature}: the field {field} must hold {detail} but holds '{value}'.", language=BOTH),
        "Values must match the field's kind (integer, real, boolean 0/1, ISO date, ISO date-time, text).",
        "SQLite is dynamically typed: text can be stored in a REAL column by other tools or by paste.",
    ),
    _r(
        "SCH-010",
        "scheme",
        "warning",
        tr("Text too long", language=BOTH),
        tr("{feature}: the field {field} has {value} characters; the maximum is {detail}.", language=BOTH),
        "Text fields with a maximum length in the model must not exceed it.",
        "The declared width is what the regional exchange format and shapefile-based tools keep.",
    ),
    _r(
        "SCH-011",
        "scheme",
        "error",
        tr("Physical work states neither intervention nor services", language=BOTH),
        tr("{feature}: state the intervention on the object or the services created (at least one).",
           language=BOTH),
        "A lavoro must state intervento_oggetto or servizi_realizzati (or both).",
        "DOMAIN.md, Lavori: a physical project is an intervention on an object (sostituzione, riuso, "
        "riqualificazione, riorganizzazione) and/or the creation of services; both fields are only "
        "'recommended' in the scheme because either one suffices.",
    ),
    _r(
        "SCH-012",
        "scheme",
        "error",
        tr("Dates in reverse order", language=BOTH),
        tr("{feature}: the end date {value} is before the start date {detail}.", language=BOTH),
        "data_fine must not be earlier than data_inizio (progetti, fasi).",
        "A project or phase cannot end before it starts (DOMAIN.md: projects run in phases).",
    ),
    _r(
        "SCH-013",
        "scheme",
        "error",
        tr("Repeated phase number", language=BOTH),
        tr("{feature}: the project has several phases numbered {value}.", language=BOTH),
        "Within a project every phase number is used once.",
        "The seed numbers phases FASE I, II, III: each number names one phase.",
    ),
    _r(
        "SCH-014",
        "scheme",
        "warning",
        tr("Phases not numbered 1..n", language=BOTH),
        tr("{feature}: the project's phases are numbered {value}; expected 1…{detail}.", language=BOTH),
        "The phases of a project are numbered 1, 2, … n without gaps.",
        "The seed's cards (Castano Primo, three phases) list phases I, II, III in sequence.",
    ),
    _r(
        "SCH-015",
        "scheme",
        "warning",
        tr("Phases with dates out of order", language=BOTH),
        tr("{feature}: phase {value} starts before the previous phase ({detail}).", language=BOTH),
        "A phase with a higher number does not start before the previous one.",
        "Phases are successive steps of one project (seed: 'Progetti realizzati per fasi').",
    ),
    _r(
        "SCH-016",
        "scheme",
        "error",
        tr("Project with no physical work and no action", language=BOTH),
        tr("{feature}: the project has neither physical works nor actions.", language=BOTH),
        "A progetto groups at least one lavoro or azione.",
        "DOMAIN.md: 'A progetto groups lavori and azioni'; a project with neither has no content "
        "to monitor or export.",
    ),
    _r(
        "SCH-017",
        "scheme",
        "error",
        tr("Project answering no problem", language=BOTH),
        tr("{feature}: the project answers no criticità.", language=BOTH),
        "A progetto answers at least one criticità (criticita.progetto_uuid).",
        "DOMAIN.md: a progetto 'answers one or more criticità'; the seed pairs the knowledge of "
        "problems with the projects that answer them.",
    ),
    _r(
        "SCH-018",
        "scheme",
        "warning",
        tr("Concluded phase ending in the future", language=BOTH),
        tr("{feature}: the phase is 'concluded' but its end date {value} is in the future.", language=BOTH),
        "A phase with stato_fase 'conclusa' cannot end after today.",
        "Monitoring (DOMAIN.md: communicate phases and results) relies on consistent states and dates.",
    ),
    _r(
        "SCH-019",
        "scheme",
        "warning",
        tr("Value with control characters", language=BOTH),
        tr("{feature}: the field {field} contains control or non-printable characters.", language=BOTH),
        "Text values must not contain control characters (other than tab and newline).",
        "Control characters break CSV exports, labels and the Region's import.",
    ),
    _r(
        "SCH-030",
        "scheme",
        "error",
        tr("Invalid CUP", language=BOTH),
        tr("{feature}: the CUP '{value}' is not 15 upper-case letters or digits ({detail} characters).",
           language=BOTH),
        "A cup (Codice Unico di Progetto) is exactly 15 upper-case letters or digits.",
        "Public money in Italy is tracked by the CUP (law 3/2003 art. 11): a malformed one cannot be "
        "linked to the national open data (docs/funding.md).",
    ),
    _r(
        "SCH-031",
        "scheme",
        "warning",
        tr("CUP with an unusual layout", language=BOTH),
        tr("{feature}: the CUP '{value}' does not follow the layout letter, 2 digits, letter, 11 digits.",
           language=BOTH),
        "A cup follows the layout of every published CUP: letter, 2 digits, letter, 2 digits of the "
        "year, 9 digits (e.g. C11G06000000001).",
        "A 15-character code in another layout is most likely mistyped (letters O/I for 0/1) and will "
        "not match the open data (docs/funding.md).",
    ),
    _r(
        "SCH-032",
        "scheme",
        "warning",
        tr("Measurement before the project's start", language=BOTH),
        tr("{feature}: the measurement is dated {value}, before the project's start ({detail}).",
           language=BOTH),
        "A misura's data_misura is not earlier than its progetto's data_inizio.",
        "Monitoring compares achieved values with the project's baseline and target "
        "(docs/monitoring.md): a value measured before the project started is a baseline, which "
        "belongs to the indicator (valore_base), or a mistyped date.",
    ),
    _r(
        "SCH-033",
        "scheme",
        "warning",
        tr("Measurement dated in the future", language=BOTH),
        tr("{feature}: the measurement is dated {value}, a date in the future.", language=BOTH),
        "A misura's data_misura is not after the day of the validation.",
        "A measurement records an achieved value: it cannot have been taken yet; a planned value is "
        "the indicator's target (valore_obiettivo, data_obiettivo; docs/monitoring.md).",
    ),
    _r(
        "SCH-034",
        "scheme",
        "warning",
        tr("Measurement unit differs from the indicator's", language=BOTH),
        tr("{feature}: the unit '{value}' differs from the indicator's ({detail}).", language=BOTH),
        "A misura's unita_misura, when filled, is the unit of its indicator (compared without case "
        "and surrounding spaces).",
        "The KPI report compares every measurement with the indicator's baseline and target in the "
        "indicator's unit: values in another unit cannot be compared (docs/monitoring.md).",
    ),
    _r(
        "SCH-035",
        "scheme",
        "error",
        tr("Target date before the baseline date", language=BOTH),
        tr("{feature}: the target date {value} is before the baseline date {detail}.", language=BOTH),
        "An indicatore's data_obiettivo is not earlier than its data_base.",
        "The status 'on track' measures the elapsed share of the time from the baseline to the "
        "target date (docs/monitoring.md): a target dated before its baseline has no such time.",
    ),
    # -- references --------------------------------------------------------------------------
    _r(
        "REF-001",
        "references",
        "error",
        tr("Missing UUID", language=BOTH),
        tr("{feature}: the identifier (uuid) is empty.", language=BOTH),
        "Every record of a data table has a non-empty uuid.",
        "Links between tables and the regional bundle identify records by uuid (layers/model.py).",
    ),
    _r(
        "REF-002",
        "references",
        "error",
        tr("Malformed UUID", language=BOTH),
        tr("{feature}: the identifier '{value}' is not a valid UUID.", language=BOTH),
        "A uuid is 36 characters, hexadecimal in 8-4-4-4-12 groups.",
        "The forms generate uuid('WithoutBraces'); anything else was typed or imported by mistake.",
    ),
    _r(
        "REF-003",
        "references",
        "error",
        tr("Duplicate UUID", language=BOTH),
        tr("{feature}: the identifier '{value}' appears {detail} times in the table {layer}.", language=BOTH),
        "A uuid is unique within its table.",
        "A duplicated uuid makes every link to it ambiguous.",
    ),
    _r(
        "REF-004",
        "references",
        "error",
        tr("Unresolved link", language=BOTH),
        tr("{feature}: the field {field} points to '{value}', which does not exist in {detail}.",
           language=BOTH),
        "Every link (progetto_uuid, lavoro_uuid, programma_uuid, attore_uuid, indicatore_uuid, "
        "comune_istat) resolves to an existing record.",
        "The relations of layers/model.py: a dangling link is an orphan the forms cannot show.",
    ),
    _r(
        "REF-005",
        "references",
        "error",
        tr("Orphan record", language=BOTH),
        tr("{feature}: the required link {field} is empty (orphan record).", language=BOTH),
        "A lavoro, azione, fase, misura, finanziamento or actor link must name its parent.",
        "DOMAIN.md: lavori and azioni belong to a progetto; phases are phases of a project.",
    ),
    _r(
        "REF-006",
        "references",
        "error",
        tr("Action linked to another project's physical work", language=BOTH),
        tr("{feature}: the linked physical work {value} belongs to another project ({detail}).",
           language=BOTH),
        "An azione's lavoro_uuid must be a lavoro of the same progetto.",
        "DOMAIN.md: an azione is 'attached to a project and optionally to one or more lavori' of it.",
    ),
    # -- geometry ----------------------------------------------------------------------------
    _r(
        "GEO-001",
        "geometry",
        "error",
        tr("Missing or empty geometry", language=BOTH),
        tr("{feature}: the perimeter is missing.", language=BOTH),
        "Tables whose geometry is required (lavori) have a non-empty geometry on every record.",
        "DOMAIN.md: a lavoro is 'individuato da un perimetro areale' (seed).",
    ),
    _r(
        "GEO-002",
        "geometry",
        "error",
        tr("Unreadable geometry", language=BOTH),
        tr("{feature}: the geometry cannot be read ({detail}).", language=BOTH),
        "The geometry blob is a well-formed GeoPackage geometry (GP header + WKB).",
        "A corrupt blob crashes or is silently skipped by other software.",
    ),
    _r(
        "GEO-003",
        "geometry",
        "error",
        tr("Wrong geometry type", language=BOTH),
        tr("{feature}: the geometry is {value}; it must be a polygon or multipolygon.", language=BOTH),
        "Geometries of lavori and criticità are Polygon or MultiPolygon.",
        "DOMAIN.md: lavori are areal perimeters; the model's geometry type is MultiPolygon.",
    ),
    _r(
        "GEO-004",
        "geometry",
        "error",
        tr("Invalid geometry (GEOS)", language=BOTH),
        tr("{feature}: invalid geometry: {detail}.", language=BOTH),
        "Geometries are valid by GEOS (OGC simple features): no self-intersections, "
        "rings closed, holes inside shells.",
        "Invalid polygons give wrong areas and overlaps and are rejected by the regional database.",
    ),
    _r(
        "GEO-005",
        "geometry",
        "error",
        tr("Wrong reference system", language=BOTH),
        tr("{layer}: the reference system is {value}; the file declares {detail}.", language=BOTH),
        "Each spatial table uses the file's CRS (remix_metadata.crs), one of EPSG:32632 / EPSG:7791.",
        "FACTS.md: RDN2008/UTM 32N and WGS84/UTM 32N are the Lombardy working systems; areas, "
        "lengths and the comuni test need metres in one system.",
    ),
    _r(
        "GEO-006",
        "geometry",
        "error",
        tr("Geometry SRS differs from its table", language=BOTH),
        tr("{feature}: the geometry declares srs_id {value}; the table {detail}.", language=BOTH),
        "The srs_id of every geometry blob equals its table's srs_id.",
        "GeoPackage 1.2 requires it; mixed systems put features kilometres away.",
    ),
    _r(
        "GEO-007",
        "geometry",
        "error",
        tr("Outside the metropolitan territory", language=BOTH),
        tr("{feature}: the perimeter touches none of the 133 comuni of the Metropolitan City.",
           language=BOTH),
        "A perimeter intersects the union of the comuni layer.",
        "DOMAIN.md: the territorial frame is the 133 comuni of CMM.",
    ),
    _r(
        "GEO-008",
        "geometry",
        "warning",
        tr("Outside its declared comune", language=BOTH),
        tr("{feature}: the perimeter lies mostly outside its declared comune {value} ({detail}).",
           language=BOTH),
        "The point on surface of a perimeter lies in its comune_istat, or at least half its area does.",
        "comune_istat is derived from the perimeter (model COMUNE_EXPRESSION); a warning only, since "
        "inter-municipal (sovracomunale) projects exist (DOMAIN.md, livelli progettuali).",
    ),
    _r(
        "GEO-009",
        "geometry",
        "error",
        tr("Overlapping works of one project", language=BOTH),
        tr("{feature}: the perimeter overlaps the physical work {value} of the same project ({detail} m²).",
           language=BOTH),
        "Two lavori of the same progetto do not overlap by more than the profile's tolerance.",
        "Overlapping works of one project count the same ground twice (areas, atlas) and usually "
        "mean a perimeter was drawn twice.",
    ),
    _r(
        "GEO-010",
        "geometry",
        "error",
        tr("Sliver: area too small", language=BOTH),
        tr("{feature}: the perimeter has an area of {value} m², below the minimum of {detail} m².",
           language=BOTH),
        "A polygon part smaller than the profile's minimum area (default 1 m²) is a sliver.",
        "Tiny parts are digitising leftovers (snapping, clipping), not real perimeters.",
    ),
    _r(
        "GEO-011",
        "geometry",
        "warning",
        tr("Thin sliver", language=BOTH),
        tr("{feature}: a part of the perimeter is extremely thin "
           "(area/perimeter {value} m, minimum {detail} m).", language=BOTH),
        "A polygon part whose area/perimeter ratio is below the profile's minimum (default 0.25 m, "
        "i.e. about half a metre wide) is a thin sliver.",
        "Thin strips come from overlapping digitising or clipping; real works are wider.",
    ),
    _r(
        "GEO-012",
        "geometry",
        "warning",
        tr("Duplicate perimeter", language=BOTH),
        tr("{feature}: the perimeter is identical to that of {value}.", language=BOTH),
        "Two records of a table do not share the same (normalised) geometry.",
        "A copied perimeter is usually a record entered twice; when intended, accept it as an exception.",
    ),
    _r(
        "GEO-013",
        "geometry",
        "warning",
        tr("Area out of date", language=BOTH),
        tr("{feature}: the recorded area is {value} m², the perimeter measures {detail} m².", language=BOTH),
        "superficie_mq (derived) matches the perimeter's area within 1 m² and 1 %.",
        "superficie_mq is derived (model AREA_EXPRESSION); edits outside the form leave it stale.",
    ),
)

_BY_CODE = {rule.code: rule for rule in RULES}

# -- field requirements: the one rule the forms and the engine both read ------------------------
# Recommended fields of which one suffices (SCH-011): each is "conditional", not recommended.
EITHER_OR = {"lavori": ("intervento_oggetto", "servizi_realizzati")}
EITHER_OR_RULE = "SCH-011"
# SCH-012: per table, (start field, end field): the end date is not before the start date.
DATE_ORDER_RULE = "SCH-012"
DATE_ORDER = {"progetti": ("data_inizio", "data_fine"), "fasi": ("data_inizio", "data_fine"),
              "bandi": ("data_apertura", "data_chiusura")}
# Cross-field rules on one record that the forms also enforce: (table, field) -> rule code.
FIELD_RULES = {(table, end): DATE_ORDER_RULE for table, (_start, end) in DATE_ORDER.items()}


def date_order(table_name):
    """(start field, end field) of SCH-012 for a table, or ()."""
    return DATE_ORDER.get(table_name, ())


def requirement_rule(table_name, model_field):
    """(state, rule code) of a field left empty: state is "required", "recommended",
    "conditional" (one of an either-or group must be filled) or "optional" (code None).

    The validator emits exactly this code when the field is empty, and the forms turn the same
    answer into their constraint, so a field cannot be optional in one and required in the other.
    """
    if model_field.name in EITHER_OR.get(table_name, ()):
        return "conditional", EITHER_OR_RULE
    if model_field.requirement == "required":
        return "required", "REF-005" if model_field.references else "SCH-006"
    if model_field.requirement == "recommended":
        return "recommended", "SCH-007"
    return "optional", None


def either_or_group(table_name, field_name):
    """The either-or group ``field_name`` belongs to, in the catalogue's order (or ())."""
    group = EITHER_OR.get(table_name, ())
    return tuple(group) if field_name in group else ()


def rule(code):
    return _BY_CODE[code]


def codes():
    return [r.code for r in RULES]


def rules_of_group(group):
    return [r for r in RULES if r.group == group]


# -- bundle conformance (export/checker.py) ---------------------------------------------------
# What the independent bundle checker (export/check/) verifies beyond the rules above: the bundle
# as a file of the exchange specification (docs/bundle-spec.md). Kept apart from RULES, which the
# validation engine implements on every source; each code is emitted by one export/check module.
# Placeholders as above; {detail} may differ per language (the checker fills it).
BUNDLE_GROUP = "bundle"
BUNDLE_RULES = (
    _r(
        "BND-001",
        BUNDLE_GROUP,
        "warning",
        tr("File name does not conform", language=BOTH),
        _DETAIL,
        "The file name follows REMIX_<ISTAT|CMM>_<YYYYMMDD>_<NN>.gpkg with characters A-Z a-z 0-9 _ . -.",
        "The Region files bundles by name (bundle-spec: file name).",
    ),
    _r(
        "BND-002",
        BUNDLE_GROUP,
        "error",
        tr("Manifest missing", language=BOTH),
        tr("The bundle_manifest table is missing: not a RE.MIX bundle.", language=BOTH),
        "The bundle has a bundle_manifest table.",
        "Without the manifest a GeoPackage is not a RE.MIX bundle: no version, counts or hash.",
    ),
    _r(
        "BND-003",
        BUNDLE_GROUP,
        "error",
        tr("Unreadable manifest", language=BOTH),
        tr("Unreadable manifest ({detail}).", language=BOTH),
        "The bundle_manifest table reads as key/value text.",
        "Every other check reads the manifest's versions, counts and hash.",
    ),
    _r(
        "BND-004",
        BUNDLE_GROUP,
        "error",
        tr("Unknown specification version", language=BOTH),
        tr("Unknown specification version: {value} (supported: {detail}).", language=BOTH),
        "The manifest's spec_version is one this checker handles (export/spec.py SUPPORTED_SPEC_IDS).",
        "Tables and columns are only checked against the version of the specification they follow.",
    ),
    _r(
        "BND-005",
        BUNDLE_GROUP,
        "error",
        tr("Unreadable schema version", language=BOTH),
        tr("Manifest: unreadable schema version ({value}).", language=BOTH),
        "The manifest's schema_version is a whole number.",
        "The schema version says which fields and meanings the bundle's records have.",
    ),
    _r(
        "BND-006",
        BUNDLE_GROUP,
        "error",
        tr("Schema newer than the plugin", language=BOTH),
        tr("The bundle was written with schema {value}, newer than the one handled ({detail}): "
           "update the plugin.", language=BOTH),
        "The manifest's schema_version is not newer than the plugin's SCHEMA_VERSION.",
        "A newer plugin may write fields and meanings this checker does not know: reported, never certified.",
    ),
    _r(
        "BND-007",
        BUNDLE_GROUP,
        "error",
        tr("Manifest entry missing", language=BOTH),
        tr("Manifest: {detail} is missing.", language=BOTH),
        "The manifest states producer, created_at, scheme_version and validation_profile.",
        "The receiving office records who sent what, when, against which scheme and profile.",
    ),
    _r(
        "BND-008",
        BUNDLE_GROUP,
        "error",
        tr("Counts missing from the manifest", language=BOTH),
        tr("The manifest has no counts.", language=BOTH),
        "The manifest's feature_counts is an object table -> number of records.",
        "The counts let a receiver see at once that nothing was lost on the way.",
    ),
    _r(
        "BND-009",
        BUNDLE_GROUP,
        "error",
        tr("Count differs from the manifest", language=BOTH),
        tr("{layer}: {value} records, the manifest says {detail}.", language=BOTH),
        "Each table holds as many records as the manifest's feature_counts says.",
        "A different count means records were added or lost after the bundle was written.",
    ),
    _r(
        "BND-010",
        BUNDLE_GROUP,
        "error",
        tr("Unknown hash algorithm", language=BOTH),
        tr("Unknown hash algorithm: {value} (supported: {detail}).", language=BOTH),
        "The manifest's hash_algorithm is one the checker can verify (export/manifest.py).",
        "A content hash that cannot be recomputed certifies nothing.",
    ),
    _r(
        "BND-011",
        BUNDLE_GROUP,
        "error",
        tr("Content hash differs", language=BOTH),
        tr("The content hash does not match the manifest (data altered?).", language=BOTH),
        "The canonical content hash of the data tables equals the manifest's content_hash.",
        "The hash is what proves the data are the ones the producer exported.",
    ),
    _r(
        "BND-012",
        BUNDLE_GROUP,
        "error",
        tr("Table that must not travel", language=BOTH),
        tr("The table {layer} must not travel in the bundle.", language=BOTH),
        "No table or view of export/spec.py EXCLUDED_TABLES (the editing file's project, exceptions, "
        "styles) is in the bundle.",
        "The bundle carries data only; the editing GeoPackage's own tables stay with the office.",
    ),
    _r(
        "BND-013",
        BUNDLE_GROUP,
        "error",
        tr("Bundle table missing", language=BOTH),
        tr("The table {layer} is missing.", language=BOTH),
        "Every table of the specification (data, link tables, gpkgext_relations, gpkg_metadata) exists.",
        "The specification is the contract with the Region's loader.",
    ),
    _r(
        "BND-014",
        BUNDLE_GROUP,
        "error",
        tr("Bundle field missing", language=BOTH),
        tr("{layer}: the field {field} is missing.", language=BOTH),
        "Every column of the specification exists in its table.",
        "The Region's loader reads these columns by name.",
    ),
    _r(
        "BND-015",
        BUNDLE_GROUP,
        "error",
        tr("Bundle field type differs", language=BOTH),
        tr("{layer}.{field}: type {value} instead of {detail}.", language=BOTH),
        "Each column is declared with the specification's type (INT and MEDIUMINT accepted for INTEGER).",
        "Generic readers build their fields from the declared types.",
    ),
    _r(
        "BND-016",
        BUNDLE_GROUP,
        "warning",
        tr("Field not in the specification", language=BOTH),
        tr("{layer}: field {field} is not in the specification.", language=BOTH),
        "A table has no column beyond the specification's (fid and geom aside).",
        "Extra columns are not loaded by the Region: their values would be lost silently.",
    ),
    _r(
        "BND-017",
        BUNDLE_GROUP,
        "error",
        tr("View in the bundle", language=BOTH),
        tr("The view {layer} is not in the specification (a bundle holds no views).", language=BOTH),
        "The bundle holds no SQL view.",
        "A bundle holds data, never code that runs when it is read.",
    ),
    _r(
        "BND-018",
        BUNDLE_GROUP,
        "error",
        tr("Foreign trigger", language=BOTH),
        tr("The trigger {value} on {layer} is not one of GDAL's: a bundle holds no code.", language=BOTH),
        "The only triggers are GDAL's own (feature counts, R-tree index, gpkg_ constraint triggers).",
        "A trigger runs code in the receiver's database when records are written.",
    ),
    _r(
        "BND-019",
        BUNDLE_GROUP,
        "error",
        tr("Geometry column missing", language=BOTH),
        tr("{layer}: the geometry column is missing.", language=BOTH),
        "Every spatial table of the specification is registered in gpkg_geometry_columns.",
        "Without it no GIS software sees the perimeters.",
    ),
    _r(
        "BND-020",
        BUNDLE_GROUP,
        "error",
        tr("Wrong bundle CRS", language=BOTH),
        tr("{layer}: reference system {detail} instead of EPSG:32632.", language=BOTH),
        "Every geometry column uses EPSG:32632 (WGS 84 / UTM 32N), the exchange CRS.",
        "The Region loads every bundle into one reference system, without reprojecting.",
    ),
    _r(
        "BND-021",
        BUNDLE_GROUP,
        "error",
        tr("Wrong bundle geometry type", language=BOTH),
        tr("{layer}: geometry {value} instead of {detail}.", language=BOTH),
        "Each geometry column declares the specification's geometry type.",
        "The Region's tables have one geometry type per layer.",
    ),
    _r(
        "BND-022",
        BUNDLE_GROUP,
        "error",
        tr("Wrong CRS definition", language=BOTH),
        tr("{layer} {detail}: the definition does not match EPSG:32632.", language=BOTH),
        "The gpkg_spatial_ref_sys row the geometry columns use defines EPSG:32632 itself, not only its code.",
        "Readers take the definition, not the code: a wrong one moves every perimeter.",
    ),
    _r(
        "BND-023",
        BUNDLE_GROUP,
        "error",
        tr("Geometry column with Z or M", language=BOTH),
        tr("{layer}: the geometry column declares Z or M ({detail}), the spec wants 2D.", language=BOTH),
        "gpkg_geometry_columns declares z = 0 and m = 0.",
        "The exchange is 2D; a reader may drop or misread the third dimension.",
    ),
    _r(
        "BND-024",
        BUNDLE_GROUP,
        "error",
        tr("Geometry with Z or M", language=BOTH),
        tr("{layer}: geometry with Z or M coordinates in a 2D column.", language=BOTH),
        "No geometry of a 2D column has Z or M coordinates (WKB type or header envelope).",
        "The exchange is 2D; a reader may drop or misread the third dimension.",
    ),
    _r(
        "BND-025",
        BUNDLE_GROUP,
        "error",
        tr("Unreadable bundle geometry", language=BOTH),
        tr("{layer}: unreadable geometry ({detail}).", language=BOTH),
        "Every geometry is a well-formed GeoPackage geometry blob (header and WKB type).",
        "A malformed blob is skipped or crashes the receiver's reader.",
    ),
    _r(
        "BND-026",
        BUNDLE_GROUP,
        "error",
        tr("Impossible audit date", language=BOTH),
        tr("{layer}.{field}: impossible date {value}.", language=BOTH),
        "creato_il and modificato_il are real calendar instants, not before 1990 and not after the day "
        "after the bundle was made.",
        "The merge compares these dates to decide which copy of a record is newer.",
    ),
    _r(
        "BND-027",
        BUNDLE_GROUP,
        "error",
        tr("Modified before created", language=BOTH),
        tr("{layer}: modificato_il is before creato_il.", language=BOTH),
        "modificato_il is never before creato_il.",
        "The merge compares these dates to decide which copy of a record is newer.",
    ),
    _r(
        "BND-028",
        BUNDLE_GROUP,
        "error",
        tr("Code missing from the code list", language=BOTH),
        tr("Code list: {detail} is missing.", language=BOTH),
        "The bundle's code list holds every term of the scheme.",
        "Generic readers decode the codes with this table.",
    ),
    _r(
        "BND-029",
        BUNDLE_GROUP,
        "warning",
        tr("Code list entry not in the scheme", language=BOTH),
        tr("Code list: {detail} is not in the scheme.", language=BOTH),
        "The bundle's code list holds no term outside the scheme.",
        "A foreign term would decode codes the scheme does not define.",
    ),
    _r(
        "BND-030",
        BUNDLE_GROUP,
        "error",
        tr("Schema extension missing", language=BOTH),
        tr("The schema extension (gpkg_data_columns/constraints) is missing.", language=BOTH),
        "The GeoPackage schema extension (gpkg_data_columns, gpkg_data_column_constraints) is present.",
        "It carries the enum constraints that tell any reader the allowed codes.",
    ),
    _r(
        "BND-031",
        BUNDLE_GROUP,
        "error",
        tr("Wrong enum constraint", language=BOTH),
        tr("{layer}.{field}: enum constraint missing or different from the codes of {detail}.",
           language=BOTH),
        "Every coded column has an enum constraint listing exactly its dimension's codes.",
        "Readers that honour the schema extension offer or check these codes.",
    ),
    _r(
        "BND-032",
        BUNDLE_GROUP,
        "error",
        tr("Bundle record without UUID", language=BOTH),
        tr("{layer}: record without UUID.", language=BOTH),
        "Every record of a data table has a uuid (the bundle's key).",
        "The merge matches records by uuid: one without it cannot be imported.",
    ),
    _r(
        "BND-033",
        BUNDLE_GROUP,
        "error",
        tr("UUID repeated in the bundle", language=BOTH),
        tr("{layer}: duplicate UUID {value}.", language=BOTH),
        "A uuid (compared canonically) appears once in its table.",
        "The merge matches records by uuid: two alike make the import ambiguous.",
    ),
    _r(
        "BND-034",
        BUNDLE_GROUP,
        "error",
        tr("Link to a missing record", language=BOTH),
        tr("{layer}: {value} does not exist in {detail}.", language=BOTH),
        "Every row of a link table names an existing parent record.",
        "A link table row without its parent cannot be loaded or merged.",
    ),
    _r(
        "BND-035",
        BUNDLE_GROUP,
        "error",
        tr("Code repeated in a link table", language=BOTH),
        tr("{layer}: code {value} repeated.", language=BOTH),
        "A parent lists each code once in a link table.",
        "The link table is the normalised form of a multi-valued field: a pair is a set member.",
    ),
    _r(
        "BND-036",
        BUNDLE_GROUP,
        "error",
        tr("Relation not declared", language=BOTH),
        tr("Relation {detail} not declared in gpkgext_relations.", language=BOTH),
        "Every relation of the specification is declared in gpkgext_relations (OGC related tables).",
        "Generic readers find parent and child records through the declared relations.",
    ),
    _r(
        "BND-037",
        BUNDLE_GROUP,
        "error",
        tr("Relation mapping table incomplete", language=BOTH),
        tr("{layer}: {value} rows instead of {detail}.", language=BOTH),
        "Each mapping table of the related tables extension has one row per parent-child pair.",
        "A missing pair hides a child record from generic readers.",
    ),
    _r(
        "BND-038",
        BUNDLE_GROUP,
        "error",
        tr("Metadata missing", language=BOTH),
        tr("The ISO 19139 (RNDT) metadata record is missing.", language=BOTH),
        "gpkg_metadata holds a non-empty ISO 19139 record.",
        "The Region publishes the dataset in the national catalogue (RNDT) from this record.",
    ),
    _r(
        "BND-039",
        BUNDLE_GROUP,
        "error",
        tr("Layer not seen by a generic reader", language=BOTH),
        tr("fiona does not see the layer {layer}.", language=BOTH),
        "Every data and link table opens as a layer in a generic reader (fiona/GDAL).",
        "The receiving office may read the bundle with any GIS software.",
    ),
    _r(
        "BND-040",
        BUNDLE_GROUP,
        "error",
        tr("Count differs in a generic reader", language=BOTH),
        tr("fiona reads {value} records in {layer}.", language=BOTH),
        "A generic reader reads as many records as SQLite holds.",
        "The receiving office may read the bundle with any GIS software.",
    ),
    _r(
        "BND-041",
        BUNDLE_GROUP,
        "error",
        tr("Validation failed", language=BOTH),
        tr("Validation failed: {detail}", language=BOTH),
        "The validation engine's rules could run on the bundle.",
        "A bundle the rules cannot read is not certified.",
    ),
    _r(
        "BND-042",
        BUNDLE_GROUP,
        "warning",
        tr("More cases not listed", language=BOTH),
        tr("More cases of {value} not listed.", language=BOTH),
        "After 50 findings of one code the report lists no more (this finding takes that code's severity).",
        "A report of a very broken file stays readable; the count of the first 50 says enough.",
    ),
)
_BY_CODE.update((r.code, r) for r in BUNDLE_RULES)
# the checker's own codes before they joined the catalogue (issue 13), for scripts reading them
BUNDLE_FORMER_CODES = {
    "BND-001": "file_name", "BND-002": "no_manifest", "BND-003": "bad_manifest",
    "BND-004": "spec_version", "BND-005": "schema_version", "BND-006": "schema_version",
    "BND-007": "manifest_key", "BND-008": "manifest_counts", "BND-009": "manifest_counts",
    "BND-010": "hash_algorithm", "BND-011": "content_hash", "BND-012": "excluded_table",
    "BND-013": "missing_table", "BND-014": "missing_column", "BND-015": "column_type",
    "BND-016": "extra_column", "BND-017": "foreign_view", "BND-018": "foreign_trigger",
    "BND-019": "no_geometry_column", "BND-020": "crs", "BND-021": "geometry_type",
    "BND-022": "crs_definition", "BND-023": "geometry_dimension", "BND-024": "geometry_dimension",
    "BND-025": "geometry_blob", "BND-026": "audit_date", "BND-027": "audit_date",
    "BND-028": "codelist_missing", "BND-029": "codelist_extra", "BND-030": "schema_extension",
    "BND-031": "enum_constraint", "BND-032": "uuid_missing", "BND-033": "uuid_duplicate",
    "BND-034": "dangling_link", "BND-035": "duplicate_code", "BND-036": "related_tables",
    "BND-037": "related_tables", "BND-038": "metadata", "BND-039": "reader", "BND-040": "reader",
    "BND-041": "rules_unreadable", "BND-042": "<code>_more",
}


def bundle_codes():
    return [r.code for r in BUNDLE_RULES]
