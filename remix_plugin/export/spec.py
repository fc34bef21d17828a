"""The RE.MIX regional bundle specification, as data ("RE.MIX bundle 1.0").

Pure Python (no QGIS, no GDAL): the writer, the independent checker, the merge and
docs/bundle-spec.md all follow this one description. The bundle is derived from the data model
(``layers/model.py``): every data table travels with its single-valued fields; multi-valued
coded fields (JSON arrays in the editing GeoPackage) travel as link tables
``<table>_<dimension>(fid, <parent key>, code, ordine)``.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from ..layers.model import load_model

SPEC_NAME = "RE.MIX bundle"
SPEC_VERSION = "1.0"
SPEC_ID = SPEC_NAME + " " + SPEC_VERSION  # "RE.MIX bundle 1.0"
SUPPORTED_SPEC_IDS = (SPEC_ID,)
BUNDLE_CRS = "EPSG:32632"
BUNDLE_SRS_ID = 32632
GPKG_VERSION = "1.2"

# Data tables in dependency order (parents first): also the order of the content hash.
DATA_TABLES = load_model().data_table_names
CODELIST_TABLE = "remix_codelist"
MANIFEST_TABLE = "bundle_manifest"
WARNINGS_TABLE = "bundle_warnings"
RELATIONS_TABLE = "gpkgext_relations"
RELATED_TABLES_EXTENSION = "related_tables"
RELATED_TABLES_DEFINITION = "http://www.opengis.net/doc/IS/gpkg-rte/1.0"
STYLES_TABLE = "layer_styles"
# Tables that never travel (editing-only parts of the RE.MIX GeoPackage).
EXCLUDED_TABLES = ("qgis_projects", "remix_exceptions", "remix_metadata", "comuni")

# Key of the parent record in a link table, by parent table.
PARENT_KEYS = {"progetti": "progetto_uuid", "criticita": "criticita_uuid", "lavori": "lavoro_uuid",
               "bandi": "bando_uuid"}

# Bundle column types (SQLite declared types written by GDAL for each model kind).
SQL_TYPES = {
    "text": "TEXT",
    "integer": "INTEGER",
    "real": "REAL",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "datetime": "DATETIME",
}

CODELIST_FIELDS = (
    ("dimension", "text"),
    ("code", "text"),
    ("label_it", "text"),
    ("label_en", "text"),
    ("definition_it", "text"),
    ("definition_en", "text"),
    ("ordine", "integer"),
    ("deprecated", "boolean"),
)
MANIFEST_FIELDS = (("key", "text"), ("value", "text"))
WARNING_FIELDS = (
    ("code", "text"),
    ("severity", "text"),
    ("layer", "text"),
    ("feature_uuid", "text"),
    ("field", "text"),
    ("message_it", "text"),
    ("message_en", "text"),
)
MANIFEST_KEYS = (
    "spec_version",
    "scheme_name",
    "scheme_version",
    "schema_version",
    "producer",
    "producer_name",
    "created_at",
    "crs",
    "selection",
    "validation_profile",
    "validation_errors",
    "validation_warnings",
    "content_hash",
    "hash_algorithm",
    "feature_counts",
    "application",
    "plugin_version",
)

# REMIX_<ISTAT 6 digits | CMM>_<YYYYMMDD>_<sequence 2 digits>.gpkg
FILE_NAME_PATTERN = re.compile(r"^REMIX_(\d{6}|CMM)_(\d{8})_(\d{2})\.gpkg$")
SAFE_CHARACTERS = re.compile(r"^[A-Za-z0-9_.-]+$")
PRODUCER_PATTERN = re.compile(r"^(\d{6}|CMM)$")


@dataclass(frozen=True)
class BundleField:
    name: str
    kind: str  # model kind (never "codes": those travel as link tables)
    required: bool
    dimension: str = ""
    references: str = ""
    max_length: int = 0

    @property
    def sql_type(self):
        return SQL_TYPES[self.kind]


@dataclass(frozen=True)
class BundleTable:
    name: str
    fields: tuple  # BundleFields, in column order (fid and geom not included)
    geometry: str = ""  # "MultiPolygon" or ""
    geometry_required: bool = False

    @property
    def field_names(self):
        return [f.name for f in self.fields]

    def field(self, name):
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)


@dataclass(frozen=True)
class LinkTable:
    """A multi-valued coded field as rows: (fid, <parent_key>, code, ordine)."""

    name: str
    parent: str
    parent_key: str
    field: str  # the model field (JSON array in the editing GeoPackage)
    dimension: str
    required: bool  # the parent must have at least one code (strict profile)


@dataclass(frozen=True)
class RelatedTable:
    """A model relation declared in gpkgext_relations with a mapping table (base_id, related_id)."""

    relation_id: str
    base: str  # parent table
    related: str  # child table
    child_field: str
    mapping_table: str
    relation_name: str  # "features" | "attributes"


@dataclass(frozen=True)
class BundleSpec:
    id: str
    tables: tuple
    link_tables: tuple
    related_tables: tuple

    def table(self, name):
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    def link_tables_of(self, table):
        return [lt for lt in self.link_tables if lt.parent == table]

    @property
    def table_names(self):
        return [t.name for t in self.tables]

    def all_layer_names(self):
        return (
            self.table_names
            + [lt.name for lt in self.link_tables]
            + [r.mapping_table for r in self.related_tables]
            + [CODELIST_TABLE, MANIFEST_TABLE, WARNINGS_TABLE]
        )


def _build():
    model = load_model()
    tables, links, related = [], [], []
    for name in DATA_TABLES:
        table = model.table(name)
        fields = []
        for f in table.fields:
            if f.kind == "codes":
                links.append(
                    LinkTable(
                        f"{name}_{f.name}",
                        name,
                        PARENT_KEYS[name],
                        f.name,
                        f.dimension,
                        f.requirement == "required",
                    )
                )
                continue
            fields.append(
                BundleField(
                    f.name, f.kind, f.requirement == "required", f.dimension, f.references, f.max_length
                )
            )
        tables.append(BundleTable(name, tuple(fields), table.geometry, table.geometry_required))
    spatial = {t.name for t in tables if t.geometry}
    for r in model.relations:
        related.append(
            RelatedTable(
                r.id,
                r.parent,
                r.child,
                r.child_field,
                f"rel_{r.id}",
                "features" if r.child in spatial else "attributes",
            )
        )
    return BundleSpec(SPEC_ID, tuple(tables), tuple(links), tuple(related))


@lru_cache(maxsize=1)
def load_spec():
    return _build()


def file_name(producer, date, sequence):
    """REMIX_<producer>_<YYYYMMDD>_<NN>.gpkg; ``date`` is a datetime.date."""
    if not PRODUCER_PATTERN.match(str(producer)):
        raise ValueError(f"producer must be a 6-digit ISTAT code or CMM, not {producer!r}")
    if not 1 <= int(sequence) <= 99:
        raise ValueError("sequence must be 1..99")
    return f"REMIX_{producer}_{date.strftime('%Y%m%d')}_{int(sequence):02d}.gpkg"


def check_file_name(name):
    """Messages (it, en) about a bundle file name; empty when it follows the rule."""
    problems = []
    if not SAFE_CHARACTERS.match(name):
        problems.append(
            (
                "Il nome del file contiene caratteri non ammessi (solo A-Z a-z 0-9 _ . -).",
                "The file name has characters outside A-Z a-z 0-9 _ . -.",
            )
        )
    if not FILE_NAME_PATTERN.match(name):
        problems.append(
            (
                "Il nome del file non segue la regola REMIX_<ISTAT|CMM>_<AAAAMMGG>_<NN>.gpkg.",
                "The file name does not follow REMIX_<ISTAT|CMM>_<YYYYMMDD>_<NN>.gpkg.",
            )
        )
    return problems


def next_file_name(folder, producer, date):
    """The first free REMIX_<producer>_<date>_<NN>.gpkg in ``folder`` (also skips .zip twins)."""
    from pathlib import Path

    folder = Path(folder)
    for sequence in range(1, 100):
        name = file_name(producer, date, sequence)
        if not (folder / name).exists() and not (folder / (name[:-5] + ".zip")).exists():
            return name
    raise ValueError(f"no free sequence number left for {producer} on {date.isoformat()}")
