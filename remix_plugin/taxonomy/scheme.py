"""Load, check and query the RE.MIX classification scheme (pure Python, stdlib only)."""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SCHEME_PATH = Path(__file__).resolve().parent / "scheme.json"
LANGUAGES = ("it", "en")
REQUIREMENTS = ("required", "recommended", "optional")


class SchemeError(ValueError):
    """The scheme file is malformed or inconsistent."""


@dataclass(frozen=True)
class Term:
    code: str
    labels: dict
    definitions: dict
    order: int
    deprecated: bool = False

    def label(self, language="it"):
        return self.labels.get(language) or self.labels["it"]

    def definition(self, language="it"):
        return self.definitions.get(language) or self.definitions.get("it", "")


@dataclass(frozen=True)
class Dimension:
    id: str
    labels: dict
    definitions: dict
    multi: bool
    used_by: tuple  # ((entity, requirement), ...)
    terms: tuple  # Terms in the scheme's order
    source: str = ""
    terms_from: str = ""
    _by_code: dict = field(default_factory=dict, compare=False, repr=False)

    def label(self, language="it"):
        return self.labels.get(language) or self.labels["it"]

    def definition(self, language="it"):
        return self.definitions.get(language) or self.definitions.get("it", "")

    @property
    def field_name(self):
        """Coded fields are named after their dimension in every table that uses it."""
        return self.id

    def codes(self, include_deprecated=True):
        return [t.code for t in self.terms if include_deprecated or not t.deprecated]

    def term(self, code):
        return self._by_code.get(code)

    def is_valid_code(self, code):
        return code in self._by_code

    def is_deprecated(self, code):
        term = self._by_code.get(code)
        return bool(term and term.deprecated)

    def requirement_for(self, entity):
        for name, requirement in self.used_by:
            if name == entity:
                return requirement
        return None

    def label_of(self, code, language="it"):
        term = self._by_code.get(code)
        return term.label(language) if term else code


class Scheme:
    def __init__(self, data):
        self.raw = data
        self.name = data.get("scheme", "")
        self.version = data.get("version", "")
        self.title = data.get("title", {})
        self.languages = tuple(data.get("languages", LANGUAGES))
        errors = check_integrity(data)
        if errors:
            raise SchemeError("; ".join(errors))
        raw_dims = {d["id"]: d for d in data["dimensions"]}
        self._dimensions = {}
        for raw in data["dimensions"]:
            terms_source = raw_dims[raw["terms_from"]] if raw.get("terms_from") else raw
            terms = tuple(
                Term(
                    code=t["code"],
                    labels=dict(t["label"]),
                    definitions=dict(t.get("definition", {})),
                    order=int(t["order"]),
                    deprecated=bool(t.get("deprecated", False)),
                )
                for t in sorted(terms_source["terms"], key=lambda t: t["order"])
            )
            dim = Dimension(
                id=raw["id"],
                labels=dict(raw["label"]),
                definitions=dict(raw.get("definition", {})),
                multi=bool(raw["multi"]),
                used_by=tuple((u["entity"], u["requirement"]) for u in raw["used_by"]),
                terms=terms,
                source=raw.get("source", ""),
                terms_from=raw.get("terms_from", ""),
            )
            dim._by_code.update({t.code: t for t in terms})
            self._dimensions[dim.id] = dim

    # -- queries ---------------------------------------------------------------------
    @property
    def dimensions(self):
        return list(self._dimensions.values())

    def dimension(self, dimension_id):
        try:
            return self._dimensions[dimension_id]
        except KeyError:
            raise KeyError(f"unknown dimension {dimension_id!r}") from None

    def has_dimension(self, dimension_id):
        return dimension_id in self._dimensions

    def dimensions_for(self, entity):
        """Dimensions an entity (table) uses, in the scheme's order."""
        return [d for d in self._dimensions.values() if d.requirement_for(entity)]

    def entities(self):
        seen = []
        for d in self._dimensions.values():
            for entity, _ in d.used_by:
                if entity not in seen:
                    seen.append(entity)
        return seen

    def codelist_rows(self):
        """Rows of the lookup table: (dimension, code, label_it, label_en, definition_it,
        definition_en, order, deprecated), dimension by dimension in the scheme's order."""
        rows = []
        for d in self._dimensions.values():
            for t in d.terms:
                rows.append(
                    (d.id, t.code, t.label("it"), t.label("en"), t.definition("it"),
                     t.definition("en"), t.order, int(t.deprecated))
                )
        return rows


def check_integrity(data):
    """Every problem with the scheme data, as a list of messages (empty when sound)."""
    errors = []
    if not data.get("version"):
        errors.append("the scheme has no version")
    dims = data.get("dimensions")
    if not isinstance(dims, list) or not dims:
        return errors + ["the scheme has no dimensions"]
    ids = [d.get("id") for d in dims]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        errors.append(f"dimension {dup!r} is defined twice")
    known = set(ids)
    for d in dims:
        did = d.get("id", "?")
        for lang in LANGUAGES:
            if not (d.get("label") or {}).get(lang):
                errors.append(f"dimension {did!r} has no {lang} label")
            if not (d.get("definition") or {}).get(lang):
                errors.append(f"dimension {did!r} has no {lang} definition")
        if not isinstance(d.get("multi"), bool):
            errors.append(f"dimension {did!r} does not say whether it is multi-valued")
        used_by = d.get("used_by") or []
        if not used_by:
            errors.append(f"dimension {did!r} is used by no entity")
        for use in used_by:
            if use.get("requirement") not in REQUIREMENTS:
                errors.append(f"dimension {did!r}: bad requirement {use.get('requirement')!r}")
        ref = d.get("terms_from")
        if ref:
            if ref not in known:
                errors.append(f"dimension {did!r} takes its terms from unknown dimension {ref!r}")
            elif d.get("terms"):
                errors.append(f"dimension {did!r} has both terms and terms_from")
            continue
        terms = d.get("terms") or []
        if not terms:
            errors.append(f"dimension {did!r} has no terms")
        codes = [t.get("code") for t in terms]
        for dup in sorted({c for c in codes if codes.count(c) > 1}, key=str):
            errors.append(f"dimension {did!r}: code {dup!r} is used twice")
        orders = [t.get("order") for t in terms]
        if len(set(orders)) != len(orders):
            errors.append(f"dimension {did!r}: two terms share an order")
        for t in terms:
            code = t.get("code")
            if not isinstance(code, str) or not code or not code.replace("_", "").isalnum() \
                    or code != code.lower():
                errors.append(f"dimension {did!r}: bad code {code!r} (lower-case letters, digits, _)")
            if not isinstance(t.get("order"), int):
                errors.append(f"dimension {did!r}: term {code!r} has no integer order")
            if not isinstance(t.get("deprecated", False), bool):
                errors.append(f"dimension {did!r}: term {code!r} has a non-boolean deprecated mark")
            for lang in LANGUAGES:
                if not (t.get("label") or {}).get(lang):
                    errors.append(f"dimension {did!r}: term {code!r} has no {lang} label")
                if not (t.get("definition") or {}).get(lang):
                    errors.append(f"dimension {did!r}: term {code!r} has no {lang} definition")
        if terms and all(t.get("deprecated") for t in terms):
            errors.append(f"dimension {did!r}: every term is deprecated")
    return errors


def load_scheme_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, json.JSONDecodeError) as exc:
        raise SchemeError(f"cannot read the scheme {path}: {exc}") from exc
    return Scheme(data)


@lru_cache(maxsize=1)
def load_scheme():
    """The scheme shipped with the plugin (read once per process)."""
    return load_scheme_file(SCHEME_PATH)
