"""Indicator monitoring (remix_plugin/monitoring): statuses with known answers, the kpi-report
command on a demo GeoPackage (CSV read back with csv and pandas), the demo's illustrative series."""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import sqlite3

import pytest

from remix_plugin.demo.build import build_demo_geopackage
from remix_plugin.demo.monitoring import add_monitoring, add_to_demo
from remix_plugin.monitoring import cli
from remix_plugin.monitoring.kpi import (
    STATUS_BY_CODE,
    STATUSES,
    Indicator,
    Kpi,
    Measurement,
    compute,
    evaluate,
    parse_date,
)

D = datetime.date


def _series(*points):
    return tuple(Measurement(f"m{i}", D.fromisoformat(day), value) for i, (day, value) in enumerate(points))


def _ind(**values):
    base = dict(
        uuid="i1",
        nome="Attori",
        baseline=0.0,
        baseline_date=D(2020, 1, 1),
        target=10.0,
        target_date=D(2030, 1, 1),
    )
    base.update(values)
    return Indicator(**base)


@pytest.mark.parametrize(
    "indicator, points, share, expected, status",
    [
        # half way in time (2025-01-01 of 2020..2030: 1827/3653 days), 60% of the way: on track
        (_ind(), [("2020-06-01", 1.0), ("2025-01-01", 6.0)], 0.6, 1827 / 3653, "in_linea"),
        # the same time, 40%: late
        (_ind(), [("2025-01-01", 4.0)], 0.4, 1827 / 3653, "in_ritardo"),
        # past the target: share shown as is, achieved
        (_ind(), [("2022-01-01", 12.5)], 1.25, 731 / 3653, "raggiunto"),
        # after the target date without reaching it: late (expected share capped at 1)
        (_ind(), [("2031-01-01", 9.0)], 0.9, 1.0, "in_ritardo"),
        # lower is better: 80 -> 40 target, 60 measured = half way
        (
            _ind(higher_is_better=False, baseline=80.0, target=40.0),
            [("2025-01-01", 60.0)],
            0.5,
            1827 / 3653,
            "in_ritardo",
        ),
        # moved away from the target: negative share
        (_ind(), [("2021-01-01", -2.0)], -0.2, 366 / 3653, "in_ritardo"),
        # no baseline date: the time line starts at the first measurement
        (_ind(baseline_date=None), [("2030-01-01", 5.0)], 0.5, 1.0, "in_ritardo"),
        # no target date: on track while moving toward the target
        (_ind(target_date=None), [("2025-01-01", 1.0)], 0.1, None, "in_linea"),
        (_ind(target_date=None), [("2025-01-01", 0.0)], 0.0, None, "in_ritardo"),
        # target = baseline: share n/d; reached when at or beyond it in the better direction
        (_ind(target=0.0), [("2025-01-01", 0.0)], None, 1827 / 3653, "raggiunto"),
        (_ind(target=0.0, higher_is_better=False), [("2025-01-01", 3.0)], None, 1827 / 3653, "in_ritardo"),
        (_ind(target=0.0, higher_is_better=False), [("2025-01-01", -1.0)], None, 1827 / 3653, "raggiunto"),
        # no baseline value / no target value
        (_ind(baseline=None), [("2025-01-01", 5.0)], None, 1827 / 3653, "senza_riferimento"),
        (_ind(target=None, baseline=None), [("2025-01-01", 5.0)], None, 1827 / 3653, "senza_obiettivo"),
        (_ind(), [], None, None, "senza_misure"),
    ],
)
def test_status_of_known_series(indicator, points, share, expected, status):
    got_share, got_expected, got_status = evaluate(indicator, _series(*points))
    assert got_status == status
    assert got_share == pytest.approx(share) if share is not None else got_share is None
    assert got_expected == pytest.approx(expected) if expected is not None else got_expected is None


def test_statuses_are_data_with_both_languages():
    assert [s.code for s in STATUSES] == [
        "raggiunto",
        "in_linea",
        "in_ritardo",
        "senza_riferimento",
        "senza_obiettivo",
        "senza_misure",
    ]
    assert STATUS_BY_CODE["in_ritardo"].label("it") == "in ritardo"
    assert STATUS_BY_CODE["in_ritardo"].label("en") == "late"


def test_parse_date_reads_ogr_iso_and_objects():
    assert parse_date("2024/03/05") == D(2024, 3, 5)
    assert parse_date("2024-03-05T10:00:00") == D(2024, 3, 5)
    assert parse_date(datetime.datetime(2024, 3, 5, 9)) == D(2024, 3, 5)
    assert parse_date("") is None and parse_date("marzo") is None and parse_date(None) is None


def test_compute_sorts_series_and_skips_incomplete_measurements():
    tables = {
        "comuni": [{"istat": "015182", "nome": "Rho", "zona_omogenea": "nord_ovest"}],
        "progetti": [
            {"uuid": "p2", "titolo": "Zeta", "comune_istat": "015182", "ambito_opportunita": ["sociale"]},
            {"uuid": "p1", "titolo": "alfa", "comune_istat": "015182", "ambito_opportunita": []},
        ],
        "indicatori": [
            {
                "uuid": "i1",
                "nome": "Attori",
                "meglio_se_maggiore": None,
                "valore_base": 0.0,
                "data_base": "2020/01/01",
                "valore_obiettivo": 10.0,
                "data_obiettivo": "2030-01-01",
            }
        ],
        "misure": [
            {
                "uuid": "b",
                "progetto_uuid": "p2",
                "indicatore_uuid": "i1",
                "data_misura": "2025-01-01",
                "valore": 6,
            },
            {
                "uuid": "a",
                "progetto_uuid": "p2",
                "indicatore_uuid": "i1",
                "data_misura": "2021-01-01",
                "valore": 9,
            },
            {"uuid": "c", "progetto_uuid": "p2", "indicatore_uuid": "i1", "data_misura": None, "valore": 99},
            {
                "uuid": "d",
                "progetto_uuid": "p2",
                "indicatore_uuid": "ghost",
                "data_misura": "2022-01-01",
                "valore": 1,
            },
        ],
    }
    report = compute(tables)
    assert [(r.titolo, r.status) for r in report.rows] == [("alfa", "senza_misure"), ("Zeta", "in_linea")]
    zeta = report.rows[1]
    assert [m.uuid for m in zeta.series] == ["a", "b"]  # by date, not by the stored order
    assert zeta.latest.value == 6 and zeta.share == pytest.approx(0.6)
    assert zeta.indicator.higher_is_better is True  # empty direction: the model's default
    assert zeta.zona_omogenea == "nord_ovest" and zeta.comune == "Rho"
    assert compute(tables).rows == report.rows  # deterministic


def _run_cli(*argv):
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command"))
    return cli.run(parser.parse_args(list(argv)))


@pytest.fixture(scope="module")
def demo_gpkg(tmp_path_factory):
    path = tmp_path_factory.mktemp("kpi") / "demo.gpkg"
    build_demo_geopackage(path)
    add_monitoring(path)
    return path


def test_kpi_report_cli_writes_both_csv_files(demo_gpkg, tmp_path, capsys):
    output = tmp_path / "kpi.csv"
    assert _run_cli("kpi-report", str(demo_gpkg), str(output)) == 0
    with open(output, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    by_title = {r["progetto_titolo"]: r for r in rows}
    assert len(rows) == 6
    icoma = by_title["ARU ex ICOMA"]
    assert (icoma["indicatore"], icoma["misure"], icoma["ultimo_valore"], icoma["data_ultimo_valore"]) == (
        "Attori coinvolti",
        "3",
        "6",
        "2025-06-30",
    )
    assert (icoma["quota_raggiunta"], icoma["stato"], icoma["stato_descrizione"]) == (
        "1.0000",
        "raggiunto",
        "raggiunto",
    )
    assert icoma["comune"] == "Cornaredo" and icoma["zona_omogenea"] == "Nord Ovest"
    assert "Urbanistico" in icoma["ambito_opportunita"]
    rho = by_title["Ex scalo merci. Area ATTRACT"]
    assert (rho["quota_raggiunta"], rho["stato"]) == ("0.5000", "in_ritardo")
    pero = by_title["Recupero ex edificio scolastico in piazza Marconi"]
    assert (pero["meglio_se_maggiore"], pero["quota_raggiunta"], pero["stato"]) == (
        "no",
        "0.6000",
        "in_linea",
    )
    asilo = by_title["Ampliamento asilo di Largo Bernasconi"]
    assert (asilo["quota_raggiunta"], asilo["stato"]) == ("", "senza_riferimento")
    assert by_title["Cascina Gogna"]["stato"] == "senza_obiettivo"
    overview = tmp_path / "kpi_overview.csv"
    with open(overview, encoding="utf-8", newline="") as stream:
        totals = list(csv.DictReader(stream))[-1]
    assert totals["zona_omogenea_nome"] == "Totale"
    assert {k: totals[k] for k in ("raggiunto", "in_linea", "in_ritardo", "totale", "progetti")} == {
        "raggiunto": "1",
        "in_linea": "2",
        "in_ritardo": "1",
        "totale": "6",
        "progetti": "6",
    }
    printed = capsys.readouterr().out
    assert "in ritardo: 1" in printed and str(output) in printed
    assert sorted(os.listdir(tmp_path)) == ["kpi.csv", "kpi_overview.csv"]  # no temporary file left


def test_kpi_report_reads_in_pandas_and_in_english(demo_gpkg, tmp_path):
    pandas = pytest.importorskip("pandas")
    output, overview = tmp_path / "kpi.csv", tmp_path / "zones.csv"
    assert (
        _run_cli("kpi-report", str(demo_gpkg), str(output), "--overview", str(overview), "--lang", "en") == 0
    )
    frame = pandas.read_csv(output, dtype={"comune_istat": str})
    assert frame["quota_raggiunta"].dtype.kind == "f"  # numeric column, n/d cells empty (NaN)
    assert frame["quota_raggiunta"].isna().sum() == 2
    assert set(frame["stato_descrizione"]) == {"achieved", "on track", "late", "no baseline", "no target"}
    assert frame["comune_istat"].str.len().eq(6).all()
    zones = pandas.read_csv(overview)
    nord_ovest = zones[(zones["zona_omogenea"] == "nord_ovest") & (zones["ambito_opportunita"] == "sociale")]
    assert int(nord_ovest["totale"].iloc[0]) == 3  # Cornaredo, Pero, Pogliano
    assert zones.iloc[-1]["zona_omogenea_nome"] == "Total"


def test_kpi_report_cannot_read_or_write_exits_2(demo_gpkg, tmp_path, capsys):
    assert _run_cli("kpi-report", str(tmp_path / "missing.gpkg"), str(tmp_path / "k.csv")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.gpkg" in err and "Traceback" not in err
    not_gpkg = tmp_path / "text.gpkg"
    not_gpkg.write_text("not a GeoPackage")
    assert _run_cli("kpi-report", str(not_gpkg), str(tmp_path / "k.csv")) == 2
    assert _run_cli("kpi-report", str(demo_gpkg), str(tmp_path / "no" / "such" / "k.csv")) == 2
    assert "Traceback" not in capsys.readouterr().err
    same = tmp_path / "k.csv"
    assert _run_cli("kpi-report", str(demo_gpkg), str(same), "--overview", str(same)) == 2
    assert not same.exists()


def test_kpi_report_replaces_an_existing_output(demo_gpkg, tmp_path):
    output = tmp_path / "kpi.csv"
    output.write_text("old content\n")
    assert _run_cli("kpi-report", str(demo_gpkg), str(output)) == 0
    assert output.read_text(encoding="utf-8").startswith("progetto_uuid,progetto_titolo,")


def test_add_to_demo_is_repeatable_and_marks_invented_values(tmp_path):
    from remix_plugin.validation.engine import validate_geopackage

    path = tmp_path / "demo.gpkg"
    build_demo_geopackage(path)
    before = sorted((f.code, f.layer, f.field) for f in validate_geopackage(path).findings)
    first = add_to_demo(path, tmp_path / "out")
    second = add_to_demo(path, tmp_path / "out")
    assert first == second and "ILLUSTRATIVO" in first[0]
    connection = sqlite3.connect(str(path))
    try:
        sources = dict(connection.execute("SELECT fonte, count(*) FROM misure GROUP BY fonte"))
        indicators = connection.execute("SELECT count(*) FROM indicatori").fetchone()[0]
    finally:
        connection.close()
    assert sources["illustrativo (demo RE.MIX: valore inventato)"] == 11
    assert sum(sources.values()) == 14 and indicators == 5  # the seed's 3 measurements kept
    # the added rows are complete records: the validator finds nothing new (audit fields, codes)
    assert sorted((f.code, f.layer, f.field) for f in validate_geopackage(path).findings) == before
    assert (tmp_path / "out" / "kpi_report.csv").exists()
    assert (tmp_path / "out" / "kpi_report_overview.csv").exists()


def _monitoring_findings(path, today=datetime.date(2026, 1, 1)):
    from remix_plugin.validation.engine import validate_geopackage

    report = validate_geopackage(path, profile="strict", today=today)
    return sorted(
        (f.code, f.field, f.value)
        for f in report.findings
        if f.code in ("SCH-032", "SCH-033", "SCH-034", "SCH-035")
    )


def test_monitoring_rules_on_records_with_known_answers(tmp_path):
    path = tmp_path / "demo.gpkg"
    build_demo_geopackage(path)
    add_monitoring(path)
    assert _monitoring_findings(path) == []  # the demo's series are consistent
    connection = sqlite3.connect(str(path))
    try:
        with connection:
            connection.execute("UPDATE progetti SET data_inizio = '2022-06-30' WHERE titolo = 'ARU ex ICOMA'")
            # same unit in another case and with spaces: not a finding; another unit: a finding
            connection.execute(
                "UPDATE misure SET unita_misura = ' N. ' WHERE data_misura = '2023-06-30' AND valore = 5"
            )
            connection.execute("UPDATE misure SET unita_misura = 'persone' WHERE data_misura = '2024-06-30'")
            connection.execute(
                "UPDATE misure SET data_misura = '2026-01-02' WHERE data_misura = '2025-12-31'"
            )
            connection.execute(
                "UPDATE indicatori SET data_base = '2029-01-01' WHERE nome = 'Suolo impermeabilizzato'"
            )
    finally:
        connection.close()
    assert _monitoring_findings(path) == [
        # ICOMA starts 2022-06-30: its 2020-05-04 seed value is before; 2023-06-30 is not
        ("SCH-032", "data_misura", "2020-05-04"),
        ("SCH-033", "data_misura", "2026-01-02"),
        ("SCH-034", "unita_misura", "persone"),
        ("SCH-035", "data_obiettivo", "2028-12-31"),
    ]
    # the day of the validation decides "future": on 2026-01-02 it is today, not future
    assert [c for c, *_ in _monitoring_findings(path, today=datetime.date(2026, 1, 2))] == [
        "SCH-032",
        "SCH-034",
        "SCH-035",
    ]


def test_chart_geometry_and_svg_of_a_late_series(demo_gpkg):
    import xml.dom.minidom

    from remix_plugin.monitoring.chart import chart_model, svg
    from remix_plugin.monitoring.kpi import kpi_report

    report = kpi_report(str(demo_gpkg))
    rho = next(r for r in report.rows if r.titolo == "Ex scalo merci. Area ATTRACT")
    model = chart_model(rho, 320, 120)
    # time axis from the baseline date (2020-05-04) to the target date (2026-12-31)
    assert model.points[0][0] == pytest.approx(model.left)
    assert model.target_point[0] == pytest.approx(model.right)
    assert model.baseline_y == pytest.approx(model.bottom)  # baseline 0 at the bottom
    assert [label for _, label in model.y_ticks] == ["0", "6"]
    assert [label for _, label in model.x_ticks] == ["2021", "2022", "2023", "2024", "2025", "2026"]
    document = xml.dom.minidom.parseString(svg(rho))
    assert len(document.getElementsByTagName("circle")) == 3  # one dot per measurement
    (line,) = document.getElementsByTagName("polyline")
    assert line.getAttribute("stroke") == "#a4262c"  # late: red
    assert svg(Kpi("p", "senza misure", "", "", "", ())) == ""  # nothing to draw


def test_atlas_card_lines_carry_the_status_of_indicators_with_a_target(demo_gpkg, tmp_path):
    from remix_plugin.atlas.cards import read_cards

    lines = {c.titolo: c.values["indicatori_testo"] for c in read_cards(demo_gpkg, "it")}
    assert lines["Ex scalo merci. Area ATTRACT"] == (
        "• Attori coinvolti: 2 → 3 n. (+1; 04/05/2020 → 30/06/2024) ▁▁█ · in ritardo "
        "(50% dell'obiettivo 6 entro 31/12/2026)"
    )
    assert lines["Ampliamento asilo di Largo Bernasconi"].endswith(
        "· senza riferimento (obiettivo 60 entro 01/09/2026)"
    )
    assert " · " not in lines["Cascina Gogna"]  # no target: the progress alone, as before
    english = {c.titolo: c.values["indicatori_testo"] for c in read_cards(demo_gpkg, "en")}
    assert english["ARU ex ICOMA"].endswith("· achieved (100% of the target 6 by 31/12/2026)")
    plain = tmp_path / "seed.gpkg"
    build_demo_geopackage(plain)  # the seed's indicators have no target: card texts unchanged
    assert {c.values["indicatori_testo"] for c in read_cards(plain, "it")} == {
        "—",
        "• Fasi concluse: 0 n. (04/05/2020)",
        "• Attori coinvolti: 4 n. (04/05/2020)",
        "• Attori coinvolti: 2 n. (04/05/2020)",
    }


def test_cli_runs_as_a_module_without_qgis(demo_gpkg, tmp_path):
    import subprocess
    from pathlib import Path

    code = (
        "import sys, runpy\nsys.argv = ['x', 'kpi-report', sys.argv[1], sys.argv[2], '--lang', 'en']\n"
        "try:\n    runpy.run_module('remix_plugin.monitoring.cli', run_name='__main__')\n"
        "except SystemExit as end:\n    print(end.code)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6')))\n"
    )
    run = subprocess.run(
        ["/usr/bin/python3", "-c", code, str(demo_gpkg), str(tmp_path / "kpi.csv")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(Path(__file__).resolve().parents[2]),
    )
    assert run.stdout.splitlines()[-2:] == ["0", "[]"], run.stderr
    assert "late: 1" in run.stdout


def test_a_file_of_data_model_1_reads_without_baselines_and_targets(tmp_path):
    """Data model 1 had no baseline/target fields: every measured pair is "senza obiettivo"."""
    path = tmp_path / "old.gpkg"
    build_demo_geopackage(path)
    connection = sqlite3.connect(str(path))
    try:
        new_fields = ("meglio_se_maggiore", "valore_base", "data_base", "valore_obiettivo", "data_obiettivo")
        for column in new_fields:
            connection.execute(f'ALTER TABLE indicatori DROP COLUMN "{column}"')
        connection.execute('ALTER TABLE misure DROP COLUMN "fonte"')
        connection.commit()
    finally:
        connection.close()
    from remix_plugin.monitoring.kpi import kpi_report

    report = kpi_report(str(path))
    assert sorted(r.status for r in report.rows) == ["senza_misure"] * 3 + ["senza_obiettivo"] * 3
