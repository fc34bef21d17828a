"""Proposals of networks of projects: exact groups for projects placed at known distances, themes,
determinism, decisions, the output GeoPackage and the CLI (real GeoPackages, no mocks)."""

import argparse
import json
import sqlite3
import subprocess
import uuid

import pytest
from osgeo import ogr
from test_networks_fixtures import CORNAREDO, MILANO, PERO, RHO, key, make_gpkg

from remix_plugin.errors import RemixError
from remix_plugin.networks import cli
from remix_plugin.networks.accept import accept, reject
from remix_plugin.networks.decisions import DECISIONS_TABLE, decision_rows
from remix_plugin.networks.output import read_proposals, write_proposals
from remix_plugin.networks.suggest import NAMESPACE, close_pairs, proposal_id, suggest

VALIDATOR = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"

# A (Rho) --1,000 m-- B (Pero) --2,000 m-- C (Cornaredo); D (Milano) has two lavori: one 1,200 m
# beyond C, one far away. E has no lavori. 100 m squares along x: gap = offset difference - 100.
LINE = [
    {"name": "A", "comune": RHO, "lavori": [(0, 0, None)], "ambiti": ["sociale", "culturale"]},
    {"name": "B", "comune": PERO, "lavori": [(1100, 0, None)], "ambiti": ["sociale", "culturale"]},
    {"name": "C", "comune": CORNAREDO, "lavori": [(3200, 0, None)], "ambiti": ["economico"]},
    {"name": "D", "comune": MILANO, "lavori": [(4500, 0, None), (20000, 0, MILANO)], "ambiti": ["economico"]},
    {"name": "E", "comune": RHO, "ambiti": ["sociale", "culturale"]},
]


@pytest.fixture()
def line(tmp_path):
    return make_gpkg(tmp_path / "line.gpkg", LINE)


def members(*names):
    return tuple(sorted(key(n) for n in names))


def territorial(result):
    return [p for p in result.proposals if p.kind == "territoriale"]


def test_known_distances_give_exact_groups(line):
    result = suggest(line, distance=1500, themes=False)
    [ab, cd] = territorial(result)  # larger first, then by members: both have two
    assert {ab.members, cd.members} == {members("A", "B"), members("C", "D")}
    ab = next(p for p in result.proposals if p.members == members("A", "B"))
    assert ab.pairs == ((key("A"), key("B"), 1000.0),) or ab.pairs == ((key("B"), key("A"), 1000.0),)
    assert ab.comuni == tuple(sorted((RHO, PERO)))  # across the comune border
    assert set(ab.comuni_names) == {"Rho", "Pero"}
    assert "1.000 m" in ab.reason.it and "1,000 m" in ab.reason.en
    cd = next(p for p in result.proposals if p.members == members("C", "D"))
    assert [pair[2] for pair in cd.pairs] == [1200.0]
    assert result.projects == 5 and result.lavori == 5


def test_a_larger_distance_joins_the_chain(line):
    result = suggest(line, distance=2000, themes=False)
    [chain] = territorial(result)
    assert chain.members == members("A", "B", "C", "D")
    assert sorted(pair[2] for pair in chain.pairs) == [1000.0, 1200.0, 2000.0]
    assert suggest(line, distance=999.9, themes=False).proposals == []
    broad = suggest(line, distance=2000, themes=False, max_members=3)
    assert (broad.proposals, broad.too_broad) == ([], 1)  # a network of 4 is above 3: counted only


def test_ids_are_uuid5_of_kind_and_sorted_members_and_runs_are_identical(line):
    first = suggest(line, distance=1500)
    second = suggest(line, distance=1500)
    assert [(p.id, p.members, p.reason, p.hull_wkb) for p in first.proposals] == [
        (p.id, p.members, p.reason, p.hull_wkb) for p in second.proposals
    ]
    expected = str(uuid.uuid5(NAMESPACE, "territoriale:" + ",".join(members("A", "B"))))
    assert proposal_id("territoriale", reversed(members("A", "B"))) == expected
    assert expected in [p.id for p in first.proposals]
    kinds = [p.kind for p in first.proposals]
    assert kinds == sorted(kinds, key=("territoriale", "tematica").index)


def test_themes_group_projects_of_different_comuni(tmp_path):
    path = make_gpkg(
        tmp_path / "themes.gpkg",
        [
            {"name": "P1", "comune": RHO, "ambiti": ["ambientale"]},
            {"name": "P2", "comune": PERO, "ambiti": ["paesistico", "sociale", "culturale"]},
            {"name": "P3", "comune": RHO, "ambiti": ["sociale", "culturale"]},
            {"name": "P4", "comune": CORNAREDO, "ambiti": ["economico"]},
            {"name": "P5", "comune": CORNAREDO, "ambiti": ["economico"]},
        ],
        criticita=[
            {"project": "P1", "ambiti": ["sociale"]},
            {"project": "P2", "ambiti": ["sociale", "ambientale"]},
            {"project": "P4", "ambiti": ["economico"]},  # P4, P5: one comune only -> no network
            {"project": "P5", "ambiti": ["economico"]},
            {"project": None, "ambiti": ["sociale"]},  # answered by nobody
        ],
    )
    result = suggest(path, distance=1500)
    found = {p.members: p.basis for p in result.proposals}
    assert found == {
        members("P1", "P2"): ("criticita:sociale",),  # ambientale: P2 only
        members("P2", "P3"): ("ambiti:culturale+sociale",),
    }
    proposal = next(p for p in result.proposals if p.members == members("P2", "P3"))
    assert proposal.kind == "tematica"
    assert "Culturale + Sociale" in proposal.reason.it and "Cultural + Social" in proposal.reason.en
    assert proposal.hull_wkb is None  # no lavori: no geometry


def test_too_broad_thematic_groups_are_counted_not_proposed(tmp_path):
    path = make_gpkg(
        tmp_path / "broad.gpkg",
        [
            {"name": f"P{i}", "comune": (RHO, PERO)[i % 2], "ambiti": ["sociale", "culturale"]}
            for i in range(5)
        ],
    )
    assert [len(p.members) for p in suggest(path).proposals] == [5]
    narrow = suggest(path, max_members=4)
    assert narrow.proposals == [] and narrow.too_broad == 1


def test_grid_pairs_match_a_brute_force_search():
    import random

    rng = random.Random(7)
    envelopes = []
    for _ in range(400):
        x, y = rng.uniform(0, 20000), rng.uniform(0, 20000)
        w, h = rng.uniform(5, 900), rng.uniform(5, 900)
        envelopes.append((x, x + w, y, y + h))
    distance = 700.0

    def gap(a, b):
        dx = max(b[0] - a[1], a[0] - b[1], 0.0)
        dy = max(b[2] - a[3], a[2] - b[3], 0.0)
        return (dx * dx + dy * dy) ** 0.5

    brute = {
        (i, j)
        for i in range(len(envelopes))
        for j in range(i + 1, len(envelopes))
        if gap(envelopes[i], envelopes[j]) <= distance
    }
    assert close_pairs(envelopes, distance) == brute
    assert len(brute) > 100


def test_rejected_proposals_are_not_proposed_again(line):
    [ab] = [p for p in suggest(line, 1500).proposals if p.members == members("A", "B")]
    reject(line, ab.id, nota="non pertinente", distance=1500, user="tester")
    after = suggest(line, 1500)
    assert ab.id not in [p.id for p in after.proposals]
    assert [(p.id, why.en) for p, why in after.suppressed if p.id == ab.id] == [(ab.id, "already rejected")]
    [row] = decision_rows(line)
    assert (row["proposta_id"], row["decisione"], row["nota"], row["deciso_da"]) == (
        ab.id,
        "respinta",
        "non pertinente",
        "tester",
    )
    assert json.loads(row["membri"]) == list(members("A", "B"))
    with pytest.raises(RemixError) as refused:
        reject(line, ab.id, distance=1500)
    assert refused.value.code == "proposal_decided"


def test_accepting_creates_a_programma_and_reports_members_of_another(tmp_path):
    projects = [dict(p) for p in LINE]
    projects[1]["programma"] = "Esistente"  # B is already in a programma
    path = make_gpkg(tmp_path / "accept.gpkg", projects, programmi=[{"name": "Esistente"}])
    [chain] = territorial(suggest(path, 2000, themes=False))
    result = accept(path, chain.id, "Rete del Nord Ovest", distance=2000, user="tester")
    assert result.assigned == sorted([key("A"), key("C"), key("D")])
    assert result.conflicts == [(key("B"), key("programma/Esistente"))]
    with sqlite3.connect(path) as connection:
        programma = connection.execute(
            "SELECT titolo, tipo_rete, creato_da FROM programmi WHERE uuid = ?", (result.programma_uuid,)
        ).fetchone()
        linked = dict(connection.execute("SELECT titolo, programma_uuid FROM progetti").fetchall())
        decision = connection.execute(f"SELECT decisione, programma_uuid FROM {DECISIONS_TABLE}").fetchall()  # noqa: S608 (constant)
    assert programma == ("Rete del Nord Ovest", "territoriale", "tester")
    assert linked == {
        "A": result.programma_uuid,
        "B": key("programma/Esistente"),
        "C": result.programma_uuid,
        "D": result.programma_uuid,
        "E": None,
    }
    assert decision == [("accettata", result.programma_uuid)]
    # accepted: not proposed again, and neither is a sub-group mostly inside the new programma
    again = suggest(path, 2000, themes=False)
    assert again.proposals == []
    assert [why.en for _p, why in again.suppressed] == ["already accepted"]
    rc = subprocess.run(
        ["/usr/bin/python3", VALIDATOR, "-k", "--extra", str(path)], capture_output=True, text=True
    )
    assert (rc.returncode, rc.stdout + rc.stderr) == (0, "")


def test_moving_members_is_explicit(tmp_path):
    projects = [dict(p) for p in LINE[:2]]
    projects[1]["programma"] = "Esistente"
    path = make_gpkg(tmp_path / "move.gpkg", projects, programmi=[{"name": "Esistente"}])
    [ab] = territorial(suggest(path, 1500, themes=False))
    result = accept(path, ab.id, "Rete", distance=1500, move_members=True)
    assert result.assigned == sorted([key("A"), key("B")])
    assert result.conflicts == [(key("B"), key("programma/Esistente"))]


def test_an_unknown_or_altered_proposal_is_refused(line, tmp_path):
    with pytest.raises(RemixError) as unknown:
        accept(line, str(uuid.uuid4()), "X", distance=1500)
    assert unknown.value.code == "proposal_unknown"
    output = tmp_path / "proposte.gpkg"
    write_proposals(suggest(line, 1500), output)
    first = read_proposals(output)[0]
    dataset = ogr.Open(str(output), update=1)
    layer = dataset.GetLayerByName("proposte")
    feature = layer.GetFeature(1)
    feature.SetField("membri", json.dumps([key("A"), key("E")]))
    layer.SetFeature(feature)
    dataset = None
    with pytest.raises(RemixError) as altered:
        accept(line, first["id"], "X", proposals=output)
    assert altered.value.code == "proposal_altered"


def test_output_geopackage_opens_and_is_valid(line, tmp_path):
    output = tmp_path / "proposte.gpkg"
    result = suggest(line, 1500)
    write_proposals(result, output, source_label="line.gpkg")
    rc = subprocess.run(
        ["/usr/bin/python3", VALIDATOR, "-k", "--extra", str(output)], capture_output=True, text=True
    )
    assert (rc.returncode, rc.stdout + rc.stderr) == (0, "")
    info = subprocess.run(
        ["ogrinfo", "-ro", "-q", str(output)], capture_output=True, text=True, check=True
    ).stdout
    for name in ("proposte (Multi Polygon)", "proposte_membri", "proposte_coppie", "proposte_info"):
        assert name in info
    rows = read_proposals(output)
    assert [r["id"] for r in rows] == [p.id for p in result.proposals]
    ab = next(r for r in rows if r["membri"] == list(members("A", "B")))
    assert (ab["tipo_rete"], ab["n_progetti"], ab["distanza_m"], ab["comuni"]) == (
        "territoriale",
        2,
        1500.0,
        "Pero, Rho",
    )
    dataset = ogr.Open(str(output))
    feature = next(f for f in dataset.GetLayerByName("proposte") if f.GetField("id") == ab["id"])
    hull = feature.GetGeometryRef().Clone()
    source = ogr.Open(str(line))
    for lavoro in source.GetLayerByName("lavori"):
        if lavoro.GetField("progetto_uuid") in (key("A"), key("B")):
            assert hull.Contains(lavoro.GetGeometryRef())
    assert round(hull.GetArea()) == 1200 * 100  # hull of two 100 m squares 1,000 m apart
    with sqlite3.connect(output) as connection:
        pairs = connection.execute(
            "SELECT progetto_a, progetto_b, distanza_m FROM proposte_coppie WHERE proposta_id = ?",
            (ab["id"],),
        ).fetchall()
        info_rows = dict(connection.execute("SELECT chiave, valore FROM proposte_info").fetchall())
    assert [p[2] for p in pairs] == [1000.0]
    assert info_rows["distanza_m"] == "1500.0" and info_rows["proposte"] == str(len(rows))
    assert not [p for p in tmp_path.iterdir() if ".tmp" in p.name]


def _cli(argv):
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command", required=True))
    return cli.run(parser.parse_args(argv))


def test_cli_suggest_accept_reject(line, tmp_path, capsys):
    output = tmp_path / "out.gpkg"
    assert _cli(["suggest-programmi", str(line), str(output), "--distance", "1500", "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "proposals (2 territorial" in printed
    rows = read_proposals(output)
    ab = next(r for r in rows if r["membri"] == list(members("A", "B")))
    cd = next(r for r in rows if r["membri"] == list(members("C", "D")))
    assert (
        _cli(["accept-proposta", str(line), ab["id"], "--titolo", "Rete AB", "--proposte", str(output)]) == 0
    )
    assert _cli(["accept-proposta", str(line), ab["id"], "--titolo", "Again", "--proposte", str(output)]) == 1
    assert _cli(["reject-proposta", str(line), cd["id"], "--distance", "1500"]) == 0
    assert _cli(["suggest-programmi", str(line), str(output), "--no-themes"]) == 0
    assert read_proposals(output) == []
    capsys.readouterr()
    assert _cli(["suggest-programmi", str(tmp_path / "missing.gpkg"), str(output)]) == 2
    assert "missing.gpkg" in capsys.readouterr().err
    not_gpkg = tmp_path / "x.gpkg"
    not_gpkg.write_text("not a database")
    assert _cli(["suggest-programmi", str(not_gpkg), str(output)]) == 2
    assert _cli(["suggest-programmi", str(line), str(tmp_path / "no" / "dir" / "o.gpkg")]) == 2


def test_cli_runs_as_a_module_without_qgis(line, tmp_path):
    output = tmp_path / "m.gpkg"
    code = (
        "import sys, runpy\nsys.argv = ['x', 'suggest-programmi', sys.argv[1], sys.argv[2]]\n"
        "try:\n    runpy.run_module('remix_plugin.networks.cli', run_name='__main__')\n"
        "except SystemExit as end:\n    print(end.code)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('qgis', 'PyQt5', 'PyQt6')))\n"
    )
    run = subprocess.run(
        ["/usr/bin/python3", "-c", code, str(line), str(output)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]),
    )
    assert run.stdout.splitlines()[-2:] == ["0", "[]"], run.stderr


def test_demo_nord_ovest_projects_form_one_proximity_proposal(tmp_path):
    from remix_plugin.demo.build import build_demo_geopackage
    from remix_plugin.demo.networks import NORD_OVEST_EXAMPLE, add_to_demo

    demo = build_demo_geopackage(tmp_path / "demo.gpkg")
    out = tmp_path / "out"
    out.mkdir()
    lines = add_to_demo(demo, out)
    assert not any("FAILED" in line for line in lines)
    [network] = [
        r for r in read_proposals(out / "proposte_programmi.gpkg") if r["tipo_rete"] == "territoriale"
    ]
    assert sorted(network["comuni_istat"]) == sorted(NORD_OVEST_EXAMPLE)
    assert network["comuni"] == "Cornaredo, Pero, Pogliano Milanese, Rho"
    assert "Cornaredo, Pero, Pogliano Milanese, Rho — 4 progetti" in "\n".join(lines)
    with open(out / "priorita_metropolitana.csv", encoding="utf-8") as stream:
        assert len(stream.read().splitlines()) == 7  # header + the six catalogue projects
