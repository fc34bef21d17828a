"""Each RE.MIX layer's attribute form as plain data, built from the scheme and the data model.

Pure Python (no QGIS): ``form_spec(table_name, language)`` says which widget each field gets,
its alias, tooltip (the scheme's or the model's definition), constraints with their messages,
default value, read-only state, and how the fields are laid out in tabs and conditional groups,
with relation editors for child tables. ``forms.qgis_config`` turns it into QGIS objects
(``QgsEditorWidgetSetup``, ``QgsEditFormConfig``), in the manner of QGIS Model Baker.

Only QGIS core widget types and expressions are used, no Python form-init code, so the same
forms work in QField and Mergin Maps.

Why single-valued codes use a Value Map and multi-valued codes a Value Relation:
QGIS 3.22's value-relation widget sorts its items by key (or by value), never by a field
(``OrderByField`` arrived in 3.36 and QField ignores it), so only a value map can show the
scheme's terms in the scheme's order. Multi-valued dimensions need the value relation (a value
map cannot multi-select): they read the ``remix_codelist`` table, hide deprecated terms for new
values and keep them visible for features that already hold them.
"""

from dataclasses import dataclass, field
from typing import Union

from ..i18n import BOTH, SOURCE_LANGUAGE, SUPPORTED, tr
from ..layers.model import COMUNI_TABLE, load_model
from ..validation.catalogue import DATE_ORDER_RULE, FIELD_RULES, date_order, either_or_group
from ..validation.profiles import form_verdict

# QGIS's marker for "no value" in a value map (QgsValueMapFieldFormatter::NULL_VALUE).
VALUE_MAP_NULL = "{2839923C-8B7D-419E-B84B-CA2FE9B80EC7}"

# Placeholder keys resolved by qgis_config (layer ids are known only inside QGIS).
CODELIST_KEY = "codelist"
COMUNI_KEY = "comuni"
RELATION_KEY = "relation"
LAYER_ID_PLACEHOLDER = "{layer_id}"  # the edited layer's id, in value-relation filters

SYSTEM_TAB = "sistema"

TAB_LABELS = {
    "identificazione": tr("Identification", language=BOTH),
    "criticita_opportunita": tr("Problems and opportunities", language=BOTH),
    "lavori_azioni": tr("Physical works and actions", language=BOTH),
    "attori": tr("Actors", language=BOTH),
    "fasi": tr("Phases", language=BOTH),
    "finanziamenti": tr("Funding", language=BOTH),
    "monitoraggio": tr("Monitoring", language=BOTH),
    "classificazione": tr("Classification", language=BOTH),
    "lavoro": tr("Physical work", language=BOTH),
    "azioni_collegate": tr("Linked actions", language=BOTH),
    "azione": tr("Action", language=BOTH),
    "progetti": tr("Projects", language=BOTH),
    "misure": tr("Measurements", language=BOTH),
    SYSTEM_TAB: tr("System", language=BOTH),
}

GROUP_LABELS = {
    "ambito_territoriale": tr("Metropolitan or supra-municipal level", language=BOTH),
    "gestione_servizi": tr("Management of services", language=BOTH),
    "risposta_fisica": tr("Physical answer", language=BOTH),
    "risposta_sociale": tr("Social, cultural and economic answer", language=BOTH),
}

HINTS = {
    "risposta_fisica": tr(
        "The problem concerns physical aspects: the answer is a physical work (hardware) with a "
        "perimeter. Link the answering project and draw the perimeter of the problem, if known.",
        language=BOTH),
    "risposta_sociale": tr(
        "The problem concerns social, cultural or economic aspects: the answer is an action "
        "(software) without a perimeter, linked to the answering project.", language=BOTH),
}

# One line at the top of each form: what the entity is (DOMAIN.md, from the seed's wording).
ENTITY_LINES = {
    "progetti": tr(
        "Project: groups physical works (with a perimeter) and social, cultural and economic "
        "actions that answer one or more problems.", language=BOTH),
    "lavori": tr(
        "Physical work (hardware): a physical intervention identified by an areal perimeter, part "
        "of a project.", language=BOTH),
    "azioni": tr(
        "Action (software): a service or a social, cultural or economic programme without a "
        "perimeter of its own, attached to a project and optionally to one of its works.", language=BOTH),
    "criticita": tr(
        "Problem: an issue reported by the municipality (abandoned or derelict area, social "
        "need…), to classify and link to the project that answers it.", language=BOTH),
    "bandi": tr(
        "Call for funding: a funding opportunity (body, programme, dates, amounts) with who may "
        "apply and what it funds, in the codes of the RE.MIX scheme.", language=BOTH),
    "programmi": tr(
        "Programme: a network of projects tied by proximity (territorial) or by a shared theme "
        "(thematic); it has no geometry of its own.", language=BOTH),
    "attori": tr(
        "Actor: a party involved in projects (public body, private, association, informal group), "
        "e.g. 'Fondazione Cariplo'.", language=BOTH),
    "progetto_attori": tr(
        "Actor of a project: links an actor to a project with its role. If the actor is not there "
        "yet, create it with the button beside the list.", language=BOTH),
    "fasi": tr(
        "Phase: a step of the project (phase I, II, III…) with its content and dates.", language=BOTH),
    "indicatori": tr(
        "Indicator (KPI): a quantity used to monitor impacts, the actors' experience, learning and "
        "collaboration.", language=BOTH),
    "misure": tr(
        "Measurement: the value of an indicator for a project at a date. If the indicator is not "
        "there yet, create it with the button beside the list.", language=BOTH),
    "finanziamenti": tr(
        "Funding: a call or source funding the project, with its amount.", language=BOTH),
}

# Links whose target a technician may need to create on the spot (QGIS's "add new feature"
# button of the relation reference widget, also offered by QField).
ALLOW_ADD = {("progetto_attori", "attore_uuid"), ("misure", "indicatore_uuid")}

# Multi-select lists: two columns of ticks when the terms are short (half the rows to show),
# one when they are long enough to be cut in half a row.
MULTI_COLUMNS = 2
MULTI_SHORT_LABEL = 24  # characters


def multi_columns(dimension, language):
    longest = max((len(t.label(language)) for t in dimension.terms), default=0)
    return MULTI_COLUMNS if longest <= MULTI_SHORT_LABEL else 1

# Conditional groups: fields that only make sense for one kind of intervention.
VISIBILITY = {
    "ambito_territoriale": "\"livello_progettuale\" IN ('metropolitano', 'sovracomunale')",
    "gestione_servizi": "\"tipo_progetto_azione\" IS NOT NULL",
    "risposta_fisica": "\"ambito_intervento\" = 'fisico_materiale'",
    "risposta_sociale": "\"ambito_intervento\" = 'sociale_culturale_economico'",
}

MULTILINE_FIELDS = ("descrizione", "obiettivi", "obiettivo", "note", "ambito_territoriale")

# The form's wording of the catalogue rules it enforces (the rule's own message names a feature).
RULE_MESSAGES = {
    DATE_ORDER_RULE: tr("The end date cannot precede the start date.", language=BOTH),
}

# Value checks of the form alone (the Range widget keeps the same bounds; no catalogue rule):
# (table, field) -> (expression that must hold when the value is set, its message: Bilingual)
VALUE_RULES = {
    ("fasi", "numero"): ("\"numero\" > 0", tr("The phase number must be greater than 0.", language=BOTH)),
    ("progetti", "costo_stimato"): ("\"costo_stimato\" >= 0",
                                    tr("The estimated cost cannot be negative.", language=BOTH)),
    ("finanziamenti", "importo"): ("\"importo\" >= 0", tr("The amount cannot be negative.", language=BOTH)),
}

# Numeric ranges of the Range widget: (table, field) -> (min, max, step, precision)
RANGES = {
    ("fasi", "numero"): (1, 999, 1, 0),
    ("progetti", "costo_stimato"): (0, 1e12, 1000, 2),
    ("finanziamenti", "importo"): (0, 1e12, 1000, 2),
    ("misure", "valore"): (-1e12, 1e12, 1, 4),
    ("lavori", "superficie_mq"): (0, 1e12, 1, 1),
}

DISPLAY_EXPRESSIONS = {
    "attori": "\"nome\"",
    "indicatori": "\"nome\"",
    "progetto_attori": "represent_value(\"attore_uuid\") || ' – ' || represent_value(\"ruolo_attore\")",
    "fasi": "'Fase ' || \"numero\" || ' – ' || \"titolo\"",
    "misure": "represent_value(\"indicatore_uuid\") || ': ' || \"valore\" || ' (' || \"data_misura\" || ')'",
    COMUNI_TABLE: "\"nome\"",
}


# -- the spec objects --------------------------------------------------------------------------
@dataclass
class Constraint:
    """One QGIS field constraint. kind: "not_null" | "expression"; strength: "hard" | "soft"."""
    kind: str
    strength: str
    expression: str = ""
    message: str = ""


@dataclass
class FieldSpec:
    name: str
    alias: str
    tooltip: str
    widget_type: str
    widget_config: dict = field(default_factory=dict)
    constraints: list = field(default_factory=list)
    default_expression: str = ""
    apply_on_update: bool = False
    read_only: bool = False
    requirement: str = "optional"

    def constraint(self, kind):
        for item in self.constraints:
            if item.kind == kind:
                return item
        return None


@dataclass
class FieldItem:
    name: str


@dataclass
class RelationItem:
    relation_id: str
    label: str


@dataclass
class HintItem:
    name: str
    text: str


@dataclass
class GroupItem:
    name: str
    label: str
    visibility_expression: str = ""
    items: list = field(default_factory=list)


Item = Union[FieldItem, RelationItem, HintItem, GroupItem]


@dataclass
class TabSpec:
    name: str
    label: str
    items: list = field(default_factory=list)


@dataclass
class FormSpec:
    table: str
    language: str
    tabs: list
    fields: dict  # name -> FieldSpec, in the model's order
    display_expression: str = ""
    entity_line: str = ""

    def tab_of(self, field_name):
        """The label of the tab that holds a field ("" if it is not placed)."""
        for tab in self.tabs:
            if any(isinstance(item, FieldItem) and item.name == field_name for item in walk(tab.items)):
                return tab.label
        return ""

    def tab(self, name):
        for tab in self.tabs:
            if tab.name == name:
                return tab
        raise KeyError(name)

    def placed_fields(self):
        """Names of the fields in the layout, in order (with repetitions, if any)."""
        return [item.name for item in walk(self.tabs) if isinstance(item, FieldItem)]

    def relation_ids(self):
        return [item.relation_id for item in walk(self.tabs) if isinstance(item, RelationItem)]

    def groups(self):
        return [item for item in walk(self.tabs) if isinstance(item, GroupItem)]


def walk(items):
    """Every item of a layout, depth first (tabs and groups included)."""
    for item in items:
        yield item
        if isinstance(item, (TabSpec, GroupItem)):
            yield from walk(item.items)


# -- layouts -----------------------------------------------------------------------------------
def _f(*names):
    return [FieldItem(n) for n in names]


def _layout(table_name):
    """table -> [(tab name, [items or ("relation", id) or ("group", name, [fields])])]."""
    if table_name == "progetti":
        return [
            ("identificazione", _f("titolo", "comune_istat", "programma_uuid", "livello_progettuale")
             + [("group", "ambito_territoriale", ["ambito_territoriale"])]
             + _f("stato_progetto", "provenienza", "localizzazione", "data_inizio", "data_fine",
                  "costo_stimato", "note")),
            ("criticita_opportunita", _f("ambito_opportunita", "scala_impatto", "finalita",
                                         "livello_rigenerazione", "ambito_azione_prevalente",
                                         "obiettivi", "descrizione")
             + [("relation", "progetto_criticita")]),
            ("lavori_azioni", [("relation", "progetto_lavori"), ("relation", "progetto_azioni")]),
            ("attori", [("relation", "progetto_attori")]),
            ("fasi", [("relation", "progetto_fasi")]),
            ("finanziamenti", [("relation", "progetto_finanziamenti")]),
            ("monitoraggio", [("relation", "progetto_misure")]),
        ]
    if table_name == "lavori":
        return [
            ("identificazione", _f("titolo", "progetto_uuid", "comune_istat", "perimetro_illustrativo",
                                   "superficie_mq")),
            ("lavoro", _f("intervento_oggetto", "servizi_realizzati", "oggetto_fisico", "obiettivo",
                          "descrizione")),
            ("azioni_collegate", [("relation", "lavoro_azioni")]),
        ]
    if table_name == "azioni":
        return [
            ("identificazione", _f("progetto_uuid", "lavoro_uuid", "titolo", "tipo_progetto_azione")
             + [("group", "gestione_servizi", ["tipo_servizio", "popolazione_riferimento"])]),
            ("azione", _f("obiettivo", "descrizione")),
        ]
    if table_name == "criticita":
        return [
            ("identificazione", _f("titolo", "comune_istat", "progetto_uuid", "descrizione")),
            ("classificazione", _f("ambito_intervento", "ambito_criticita", "scala_criticita")
             + [("group", "risposta_fisica", []), ("group", "risposta_sociale", [])]),
        ]
    if table_name == "programmi":
        return [("identificazione", []), ("progetti", [("relation", "programma_progetti")])]
    if table_name == "attori":
        return [("identificazione", []), ("progetti", [("relation", "attore_progetti")])]
    if table_name == "indicatori":
        return [("identificazione", []), ("misure", [("relation", "indicatore_misure")])]
    return [("identificazione", [])]


# -- builders ----------------------------------------------------------------------------------
def _q(name):
    return '"' + name.replace('"', '""') + '"'


def _sql_string(text):
    return "'" + text.replace("'", "''") + "'"


def _not_empty_expression(model_field):
    name = _q(model_field.name)
    if model_field.multi:
        return f"{name} IS NOT NULL AND coalesce(array_length({name}), 0) > 0"
    if model_field.kind == "text":
        return f"{name} IS NOT NULL AND trim({name}) <> ''"
    return f"{name} IS NOT NULL"


def _requirement_message(model_field, requirement, language):
    label = model_field.label(language)
    if model_field.multi:
        what = tr("choose at least one value of '{label}'", language=language).format(label=label)
    elif model_field.coded or model_field.references:
        what = tr("choose '{label}'", language=language).format(label=label)
    else:
        what = tr("fill in '{label}'", language=language).format(label=label)
    if requirement == "required":
        return tr("Required field: {what}.", language=language).format(what=what)
    return tr("Recommended field: {what} (you can save without it).", language=language).format(what=what)


def _either_or_message(table, names, language):
    quoted = [tr("'{label}'", language=language).format(label=table.field(n).label(language)) for n in names]
    fields = quoted[0]
    for label in quoted[1:]:
        fields = tr("{fields} and {field}", language=language).format(fields=fields, field=label)
    return tr("State at least one of {fields}.", language=language).format(fields=fields)


def _date_order_expression(start, end):
    """SCH-012 as a QGIS expression that holds when ``end`` is set: it is not before ``start``."""
    return f"{_q(start)} IS NULL OR {_q(end)} >= {_q(start)}"


def _field_rule(table_name, field_name):
    """(expression, Bilingual message) of the extra rule a field's form enforces, or None: a catalogue rule
    (``catalogue.FIELD_RULES``) generated from its definition, else a value check of the form."""
    code = FIELD_RULES.get((table_name, field_name))
    if code == DATE_ORDER_RULE:
        start, end = date_order(table_name)
        return _date_order_expression(start, end), RULE_MESSAGES[code]
    if code is not None:
        raise ValueError(f"no form expression for rule {code}")
    return VALUE_RULES.get((table_name, field_name))


def _constraints(table_name, model_field, language, model=None):
    """The field's constraints from the validator's own verdict (``profiles.form_verdict``):
    an error under the strict profile is a hard constraint (OK disabled), a warning a soft one;
    extra rules (``_field_rule``) are hard."""
    if model_field.system:
        return []  # filled by default expressions; checked by the validator
    requirement, strength, _code = form_verdict(table_name, model_field)
    rule = _field_rule(table_name, model_field.name)
    rule_expr = rule[0] if rule else ""
    rule_msg = rule[1].get(language) if rule else ""
    result = []
    if requirement == "conditional" and strength:
        table = (model or load_model()).table(table_name)
        group = either_or_group(table_name, model_field.name)
        expression = " OR ".join(f"({_not_empty_expression(table.field(n))})" for n in group)
        result.append(Constraint("expression", strength, expression,
                                 _either_or_message(table, group, language)))
        return result
    if requirement == "required" and strength == "hard":
        expression = _not_empty_expression(model_field)
        message = _requirement_message(model_field, requirement, language)
        if rule_expr:
            expression = f"({expression}) AND ({rule_expr})"
            message = f"{message} {rule_msg}"
        result.append(Constraint("not_null", "hard", message=message))
        result.append(Constraint("expression", "hard", expression, message))
    elif requirement in ("required", "recommended") and strength:
        message = _requirement_message(model_field, requirement, language)
        if rule_expr:  # the rule is hard; the recommendation stays soft (QGIS's own wording)
            result.append(Constraint("not_null", "soft", message=message))
            result.append(Constraint("expression", "hard", f"{_q(model_field.name)} IS NULL OR ({rule_expr})",
                                     rule_msg))
        else:
            result.append(Constraint("expression", "soft", _not_empty_expression(model_field), message))
    elif rule_expr:
        result.append(Constraint("expression", "hard", f"{_q(model_field.name)} IS NULL OR ({rule_expr})",
                                 rule_msg))
    return result


def _value_map(dimension, language, allow_null):
    entries = []
    if allow_null:
        entries.append({"—": VALUE_MAP_NULL})
    for term in dimension.terms:
        if not term.deprecated:
            entries.append({term.label(language): term.code})
    return {"map": entries}


def codelist_filter(dimension_id, field_name, layer_placeholder=LAYER_ID_PLACEHOLDER):
    """Value-relation filter: the dimension's terms, deprecated ones only for features that hold them.

    It reads the *stored* value of the edited feature (``get_feature_by_id`` on the edited layer,
    by ``current_value('fid')``), not ``current_value(field)``: on QGIS 3.22 a filter that depends
    on its own field rebuilds the multi-select list on every tick and loses the tick. A new feature
    (fid 'Autogenerate' or negative) holds nothing, so deprecated terms stay hidden for it.
    ``layer_placeholder`` is replaced by the edited layer's id in qgis_config.
    """
    stored = (f"attribute(get_feature_by_id({_sql_string(layer_placeholder)}, current_value('fid')), "
              f"{_sql_string(field_name)})")
    return (f"\"dimension\" = {_sql_string(dimension_id)} AND (NOT coalesce(\"deprecated\", false) "
            f"OR array_contains(coalesce({stored}, array()), \"code\"))")


def _relation_for(model, table_name, field_name):
    for relation in model.relations:
        if relation.child == table_name and relation.child_field == field_name:
            return relation
    return None


def _widget(model, table_name, model_field, language):
    scheme = model.scheme
    allow_null = model_field.requirement != "required" or model_field.system
    if model_field.coded:
        dimension = scheme.dimension(model_field.dimension)
        if model_field.multi:
            return "ValueRelation", {
                CODELIST_KEY: True, "dimension": dimension.id, "multi": True,
                "Key": "code", "Value": f"label_{language}", "AllowMulti": True, "AllowNull": True,
                "OrderByValue": False, "OrderByField": True, "OrderByFieldName": "ordine",
                "NofColumns": multi_columns(dimension, language), "UseCompleter": False,
                "FilterExpression": codelist_filter(dimension.id, model_field.name),
                "Description": f"\"definition_{language}\"",
            }
        return "ValueMap", _value_map(dimension, language, allow_null=True)
    if model_field.references:
        target_table, target_field = model_field.references.split(".")
        if target_table == COMUNI_TABLE:
            return "ValueRelation", {
                COMUNI_KEY: True, "Key": target_field, "Value": "nome", "AllowMulti": False,
                "AllowNull": allow_null, "OrderByValue": True, "UseCompleter": True, "NofColumns": 1,
                "FilterExpression": "",
            }
        relation = _relation_for(model, table_name, model_field.name)
        return "RelationReference", {
            RELATION_KEY: relation.id, "Relation": relation.id, "AllowNULL": allow_null,
            "ShowForm": False, "ShowOpenFormButton": True, "OrderByValue": True,
            "MapIdentification": False, "ReadOnly": False,
            "AllowAddFeatures": (table_name, model_field.name) in ALLOW_ADD,
            "ChainFilters": False,
        }
    if model_field.kind == "boolean":
        return "CheckBox", {"CheckedState": "", "UncheckedState": "", "TextDisplayMethod": 0}
    if model_field.kind in ("integer", "real"):
        low, high, step, precision = RANGES.get((table_name, model_field.name), (-1e12, 1e12, 1, 2))
        if model_field.kind == "integer":
            low, high, step, precision = int(max(low, -2**31)), int(min(high, 2**31 - 1)), int(step), 0
        return "Range", {"AllowNull": True, "Min": low, "Max": high, "Step": step,
                         "Precision": precision, "Style": "SpinBox"}
    if model_field.kind == "date":
        return "DateTime", {"field_format": "yyyy-MM-dd", "display_format": "dd/MM/yyyy",
                            "calendar_popup": True, "allow_null": True}
    if model_field.kind == "datetime":
        return "DateTime", {"field_format": "yyyy-MM-ddTHH:mm:ss", "display_format": "dd/MM/yyyy HH:mm:ss",
                            "calendar_popup": True, "allow_null": True}
    return "TextEdit", {"IsMultiline": model_field.name in MULTILINE_FIELDS, "UseHtml": False}


def _tooltip(model, model_field, language):
    text = model_field.definition(language)
    if model_field.coded and not text:
        text = model.scheme.dimension(model_field.dimension).definition(language)
    return text


def json_list_expression(field_name):
    """The value of a multi-valued coded field as an array, whatever wrote it.

    QGIS >= 3.44 types a JSON field whose first value is an array of strings as a string list,
    and its value-relation widget then hands such a field a '{"a","b"}' text (it gives a list
    only to map and list fields), which OGR would store as a JSON *string*. Applied on every
    update, this default turns that text (or JSON text) back into an array, so the file holds
    a JSON array for every program; an array (what QGIS 3.22 and the other widgets give) is kept.
    """
    name = _q(field_name)
    return (f"CASE WHEN {name} IS NULL THEN NULL "
            f"WHEN try(array_length({name})) IS NOT NULL THEN {name} "
            f"WHEN try(array_length(from_json({name}))) IS NOT NULL THEN from_json({name}) "
            f"ELSE array_filter(string_to_array(regexp_replace({name}, '[{{}}\"]', ''), ','), "
            f"@element <> '') END")


def _default(model_field):
    """(expression, apply on update): the model's, or for a multi-valued field the array keeper."""
    if model_field.multi and not model_field.default_expression:
        return json_list_expression(model_field.name), True
    return model_field.default_expression, model_field.apply_on_update


def _field_spec(model, table_name, model_field, language):
    widget_type, config = _widget(model, table_name, model_field, language)
    default_expression, apply_on_update = _default(model_field)
    return FieldSpec(
        name=model_field.name,
        alias=model_field.label(language),
        tooltip=_tooltip(model, model_field, language),
        widget_type=widget_type,
        widget_config=config,
        constraints=_constraints(table_name, model_field, language, model),
        default_expression=default_expression,
        apply_on_update=apply_on_update,
        read_only=model_field.system,
        requirement=form_verdict(table_name, model_field)[0],
    )


def _label(pair, language):
    return pair.get(language)


def form_spec(table_name, language="it", model=None):
    """The form of one RE.MIX table (``language`` "it" or "en"; ``model`` for tests)."""
    model = model or load_model()
    language = language if language in SUPPORTED else SOURCE_LANGUAGE
    table = model.table(table_name)
    fields = {f.name: _field_spec(model, table_name, f, language) for f in table.fields}
    relations = {r.id: r for r in model.relations}

    tabs = []
    placed = set()
    for tab_name, raw_items in _layout(table_name):
        tab = TabSpec(tab_name, _label(TAB_LABELS[tab_name], language))
        for raw in raw_items:
            if isinstance(raw, FieldItem):
                tab.items.append(raw)
                placed.add(raw.name)
            elif raw[0] == "relation":
                tab.items.append(RelationItem(raw[1], relations[raw[1]].label(language)))
            else:
                _, group_name, group_fields = raw
                group = GroupItem(group_name, _label(GROUP_LABELS[group_name], language),
                                  VISIBILITY.get(group_name, ""))
                if group_name in HINTS:
                    group.items.append(HintItem(f"hint_{group_name}", _label(HINTS[group_name], language)))
                group.items.extend(FieldItem(n) for n in group_fields)
                placed.update(group_fields)
                tab.items.append(group)
        tabs.append(tab)

    # Every user field not placed explicitly goes to the first tab, in the model's order.
    first = tabs[0]
    for model_field in table.fields:
        if model_field.system or model_field.name in placed:
            continue
        first.items.append(FieldItem(model_field.name))
        placed.add(model_field.name)
    if table.has_uuid:
        system = TabSpec(SYSTEM_TAB, _label(TAB_LABELS[SYSTEM_TAB], language))
        system.items.extend(FieldItem(f.name) for f in table.fields if f.system and f.name not in placed)
        tabs.append(system)

    display = DISPLAY_EXPRESSIONS.get(table_name)
    if display is None:
        display = "\"titolo\"" if table.has_field("titolo") else "\"uuid\""
    entity = ENTITY_LINES.get(table_name)
    entity_line = _label(entity, language) if entity else ""
    if entity_line:
        tabs[0].items.insert(0, HintItem(f"entity_{table_name}", entity_line))
    return FormSpec(table_name, language, tabs, fields, display, entity_line)


def form_specs(language="it", model=None):
    """{table: FormSpec} for every data table."""
    model = model or load_model()
    return {t.name: form_spec(t.name, language, model) for t in model.data_tables}

