"""The data model is consistent with itself and with the scheme. Pure Python: no QGIS."""

import sys
from pathlib import Path

import pytest

from remix_plugin.layers.model import (
    COMUNI_TABLE,
    DEFAULT_CRS,
    KINDS,
    SUPPORTED_CRS,
    load_model,
)
from remix_plugin.taxonomy import load_scheme

AUDIT = ("creato_il", "creato_da", "modificato_il", "modificato_da")


@pytest.fixture(scope="module")
def model():
    return load_model()


def test_expected_tables(model):
    assert model.table_names == ["programmi", "progetti", "criticita", "lavori", "azioni", "attori",
                                 "progetto_attori", "fasi", "indicatori", "misure", "bandi", "finanziamenti",
                                 "comuni"]
    assert [t.name for t in model.data_tables] == model.table_names[:-1]


def test_field_kinds_known_and_names_unique(model):
    for table in model.tables:
        names = table.field_names
        assert len(names) == len(set(names)), table.name
        for field in table.fields:
            assert field.kind in KINDS, (table.name, field.name)
            assert field.requirement in ("required", "recommended", "optional")
            assert field.label("it") and field.label("en"), (table.name, field.name)


def test_every_coded_field_dimension_exists_and_is_used_by_the_table(model):
    scheme = load_scheme()
    for table in model.tables:
        for field in table.coded_fields:
            dimension = scheme.dimension(field.dimension)
            assert dimension.requirement_for(table.name), (table.name, field.name)
            assert field.requirement == dimension.requirement_for(table.name)
            assert field.multi is dimension.multi, (table.name, field.name)
            assert field.kind == ("codes" if dimension.multi else "text")


def test_every_dimension_used_by_an_entity_is_a_field_of_that_table(model):
    for dimension in load_scheme().dimensions:
        for entity, _requirement in dimension.used_by:
            assert model.table(entity).has_field(dimension.field_name), (entity, dimension.id)


def test_relations_point_at_existing_tables_and_fields(model):
    ids = [r.id for r in model.relations]
    assert len(ids) == len(set(ids))
    for relation in model.relations:
        parent, child = model.table(relation.parent), model.table(relation.child)
        assert parent.has_field(relation.parent_field)
        assert child.has_field(relation.child_field)
        assert child.field(relation.child_field).references == f"{relation.parent}.{relation.parent_field}"
        assert relation.strength in ("composition", "association")
        assert relation.label("it") and relation.label("en")


def test_relations_required_by_the_issue(model):
    pairs = {(r.parent, r.child) for r in model.relations}
    for child in ("lavori", "azioni", "criticita", "fasi", "progetto_attori", "finanziamenti", "misure"):
        assert ("progetti", child) in pairs
    assert ("programmi", "progetti") in pairs
    assert ("lavori", "azioni") in pairs


def test_every_reference_field_has_a_target(model):
    for table in model.tables:
        for field in table.fields:
            if field.references:
                target_table, target_field = field.references.split(".")
                assert model.table(target_table).has_field(target_field), (table.name, field.name)


def test_every_data_table_has_uuid_and_audit_fields(model):
    for table in model.data_tables:
        assert table.has_uuid
        uuid = table.field("uuid")
        assert uuid.system and uuid.requirement == "required"
        assert uuid.default_expression == "uuid('WithoutBraces')"
        for name in AUDIT:
            field = table.field(name)
            assert field.system and field.default_expression, (table.name, name)
        assert table.field("modificato_il").apply_on_update
        assert not table.field("creato_il").apply_on_update


def test_lavori_geometry_and_derived_fields(model):
    lavori = model.table("lavori")
    assert lavori.geometry == "MultiPolygon" and lavori.geometry_required
    comune = lavori.field("comune_istat")
    assert comune.system and comune.apply_on_update and "point_on_surface" in comune.default_expression
    assert lavori.field("superficie_mq").default_expression == "round($area, 1)"
    assert model.table("criticita").geometry == "MultiPolygon"
    assert not model.table("criticita").geometry_required
    assert model.table("azioni").geometry == ""
    comuni = model.table(COMUNI_TABLE)
    assert comuni.reference and not comuni.has_uuid


def test_crs_constants():
    assert DEFAULT_CRS == "EPSG:32632"
    assert SUPPORTED_CRS == ("EPSG:32632", "EPSG:7791")


def test_processing_algorithm_crs_list_matches_model():
    """The algorithm takes the accepted CRSs from remix_plugin.crs (as the model does), no copy."""
    import ast
    from pathlib import Path

    source = Path(__file__).resolve().parents[2] / "remix_plugin" / "processing" / "algorithms" / \
        "create_geopackage.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    copies = [node for node in ast.walk(tree)
              if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "SUPPORTED_CRS"
                                                      for t in node.targets)]
    imported = [node for node in ast.walk(tree)
                if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("crs")
                and any(alias.name == "SUPPORTED_CRS" for alias in node.names)]
    assert copies == [] and len(imported) == 1
    assert SUPPORTED_CRS == ("EPSG:32632", "EPSG:7791")


def test_data_model_doc_is_up_to_date():
    """docs/data-model.md's tables are generated: run scripts/gen_data_model_doc.py after a change."""
    import gen_data_model_doc  # scripts/ is on sys.path (tests/conftest.py)

    text = gen_data_model_doc.DOC.read_text(encoding="utf-8")
    assert gen_data_model_doc.render(text) == text
    for table in load_model().tables:
        assert f"### `{table.name}`" in text


def test_the_file_side_of_layers_needs_neither_qgis_nor_gdal():
    """The model and what reads a file without QGIS (the CLI, the central database's DDL) import
    neither QGIS nor GDAL; the QGIS project builder lives apart, in remix_plugin/qgis_project."""
    import subprocess

    code = ("import sys; import remix_plugin.layers.model, remix_plugin.layers.comuni, "
            "remix_plugin.layers.inspect, remix_plugin.layers.backup, remix_plugin.forms.spec, "
            "remix_plugin.qgis_project; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'qgis', 'osgeo', 'PyQt5', 'PyQt6'}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            cwd=str(Path(__file__).resolve().parents[2]))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
