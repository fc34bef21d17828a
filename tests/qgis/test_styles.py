"""Default styles of the RE.MIX layers (QGIS, offscreen).

Run: QT_QPA_PLATFORM=offscreen .venv/bin/pytest tests/qgis/test_styles.py
"""

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsLinePatternFillSymbolLayer,
    QgsProject,
    QgsSymbolLayer,
    QgsVectorLayer,
)

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.styles import STATO_JOIN_FIELD, add_stato_join, apply_default_style
from remix_plugin.styles.palette import INTERVENTO_COLOURS
from remix_plugin.taxonomy import load_scheme


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build_demo_geopackage(tmp_path_factory.mktemp("styles") / "demo.gpkg")


def _layer(path, table):
    layer = QgsVectorLayer(f"{path}|layername={table}", table, "ogr")
    assert layer.isValid()
    return layer


@pytest.mark.parametrize("language", ["it", "en"])
def test_lavori_categories_are_the_scheme_terms_in_order(demo, language):
    layer = _layer(demo, "lavori")
    assert apply_default_style(layer, "lavori", language)
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "intervento_oggetto"
    terms = [t for t in load_scheme().dimension("intervento_oggetto").terms if not t.deprecated]
    categories = renderer.categories()
    assert [c.value() for c in categories[:len(terms)]] == [t.code for t in terms]
    assert [c.label() for c in categories[:len(terms)]] == [t.label(language) for t in terms]
    # one catch-all class for works not classified yet (the field is recommended, not required)
    assert len(categories) == len(terms) + 1
    assert categories[-1].label() == ("Non classificato" if language == "it" else "Not classified")
    colours = [c.symbol().symbolLayer(0).color().name().upper() for c in categories[:len(terms)]]
    assert colours == [INTERVENTO_COLOURS[t.code].upper() for t in terms]
    assert len(set(colours)) == len(colours)
    labeling = layer.labeling().settings()
    assert layer.labelsEnabled() and labeling.fieldName == "titolo"
    assert labeling.scaleVisibility and labeling.minimumScale == 50000


def test_outline_follows_the_project_status_through_a_join(demo):
    project = QgsProject()
    lavori, progetti = _layer(demo, "lavori"), _layer(demo, "progetti")
    project.addMapLayers([lavori, progetti])
    apply_default_style(lavori, "lavori", "it")
    assert add_stato_join(lavori, progetti)
    assert lavori.fields().indexOf(STATO_JOIN_FIELD) >= 0
    states = {f["titolo"]: f[STATO_JOIN_FIELD] for f in lavori.getFeatures()}
    assert states["Ex sede scolastica di Via Moroni"] == "in_corso"
    assert states["Rigenerazione ex scalo ferroviario"] == "proposta"
    categories = lavori.renderer().categories()  # keep the copies alive while using their symbols
    outline = categories[0].symbol().symbolLayer(1)
    prop = outline.dataDefinedProperties().property(QgsSymbolLayer.PropertyStrokeStyle)
    assert prop.isActive()
    styles = {}
    for feature in lavori.getFeatures():
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(lavori))
        context.setFeature(feature)
        styles[feature["titolo"]] = prop.valueAsString(context, "")[0]
    assert styles["Ex sede scolastica di Via Moroni"] == "solid"
    assert styles["Rigenerazione ex scalo ferroviario"] == "dash"
    del outline, categories, prop
    lavori = progetti = None
    project.removeAllMapLayers()


def test_criticita_hatched_and_scale_limited(demo):
    layer = _layer(demo, "criticita")
    assert apply_default_style(layer, "criticita", "it")
    renderer = layer.renderer()
    symbol = renderer.symbol()
    assert isinstance(symbol.symbolLayer(0), QgsLinePatternFillSymbolLayer)
    assert layer.hasScaleBasedVisibility() and layer.minimumScale() == 50000


def test_comuni_by_zona_omogenea_and_labelled(demo):
    layer = _layer(demo, "comuni")
    assert apply_default_style(layer, "comuni", "it")
    renderer = layer.renderer()
    assert renderer.classAttribute() == "zona_omogenea"
    zone = load_scheme().dimension("zona_omogenea")
    assert [c.value() for c in renderer.categories()] == zone.codes()
    assert [c.label() for c in renderer.categories()] == [t.label("it") for t in zone.terms]
    assert layer.labelsEnabled()
    settings = layer.labeling().settings()
    assert settings.fieldName == "nome"
    assert settings.minimumScale == 150000


def test_non_spatial_tables_are_left_alone(demo):
    assert apply_default_style(_layer(demo, "progetti"), "progetti", "it") is False


def test_demo_with_project_stores_styles_and_the_status_join(tmp_path):
    from remix_plugin.qgis_project.builder import remix_layers
    from remix_plugin.qgis_project.storage import open_project

    path = build_demo_geopackage(tmp_path / "demo.gpkg", with_project=True)
    layer = QgsVectorLayer(f"{path}|layername=lavori", "lavori", "ogr")  # loads the default style
    assert isinstance(layer.renderer(), QgsCategorizedSymbolRenderer)
    assert layer.renderer().classAttribute() == "intervento_oggetto"
    project = QgsProject()
    assert open_project(path, project)
    lavori = remix_layers(project)["lavori"]
    assert lavori.fields().indexOf(STATO_JOIN_FIELD) >= 0
    assert {f[STATO_JOIN_FIELD] for f in lavori.getFeatures()} == {"proposta", "in_corso"}
    layer = lavori = None
    project.clear()
