"""Metropolitan priority: known answers per criterion, the profile checks, the CSV and the CLI."""

import argparse
import csv
import json

import pytest
from test_networks_fixtures import CORNAREDO, PERO, RHO, key, make_gpkg

from remix_plugin.priority import cli
from remix_plugin.priority.score import (
    DEFAULT_PROFILE,
    ProfileError,
    card_line,
    load_profile,
    number_text,
    priority_line,
    score_projects,
    score_text,
    write_csv,
)

# "Top" touches 3 comuni, answers criticità of 3 ambiti, half its cost confirmed (the candidate
# funding does not count), is in progress, in a territorial programma, strategic: every criterion
# known. "Low" has nothing but its comune.
PROJECTS = [
    {
        "name": "Top",
        "comune": RHO,
        "scala": "strategico_metropolitano",
        "stato": "in_corso",
        "costo": 1_000_000,
        "programma": "Rete",
        "lavori": [(0, 0, RHO), (200, 0, PERO), (400, 0, CORNAREDO)],
    },
    {
        "name": "Mid",
        "comune": PERO,
        "scala": "sovracomunale",
        "stato": "in_progettazione",
        "costo": 400_000,
        "lavori": [(0, 500, PERO), (200, 500, RHO)],
    },
    {"name": "Low", "comune": CORNAREDO, "scala": "comunale", "stato": "proposta"},
]
CRITICITA = [
    {"project": "Top", "ambiti": ["sociale", "urbanistico"]},
    {"project": "Top", "ambiti": ["ambientale", "sociale"]},
    {"project": "Mid", "ambiti": ["sociale"]},
]
FUNDING = [
    {"project": "Top", "importo": 300_000, "stato": "assegnato"},
    {"project": "Top", "importo": 200_000, "stato": "erogato"},
    {"project": "Top", "importo": 900_000, "stato": "candidato"},
    {"project": "Mid", "importo": 600_000, "stato": "assegnato"},  # more than its cost: capped at 1
]


@pytest.fixture()
def gpkg(tmp_path):
    return make_gpkg(
        tmp_path / "p.gpkg",
        PROJECTS,
        programmi=[{"name": "Rete", "tipo_rete": "territoriale"}],
        criticita=CRITICITA,
        finanziamenti=FUNDING,
    )


def parts(item):
    return {part.criterion.id: (part.raw, round(part.value, 4), round(part.points, 4)) for part in item.parts}


def test_known_scores_and_breakdowns(gpkg):
    scores = {s.titolo: s for s in score_projects(gpkg)}
    top, mid, low = scores["Top"], scores["Mid"], scores["Low"]
    assert parts(top) == {
        "scala_impatto": ("Strategico metropolitano", 1.0, 25.0),
        "comuni_toccati": ("3", 1.0, 15.0),
        "criticita_risposte": ("3", 1.0, 20.0),
        "cofinanziamento": ("50 %", 0.5, 10.0),
        "avanzamento": ("In corso", 1.0, 10.0),
        "rete": ("Territoriale", 1.0, 10.0),
    }
    assert round(top.score, 6) == 90.0 and top.rank == 1
    # Mid: 0.6*25 + 0.5*15 (2 comuni of full_at 3) + 20/3 (1 ambito of 3) + 20 (capped) + 0.4*10 + 0
    assert parts(mid)["comuni_toccati"] == ("2", 0.5, 7.5)
    assert parts(mid)["cofinanziamento"] == ("150 %", 1.0, 20.0)
    assert round(mid.score, 4) == round(15 + 7.5 + 20 / 3 + 20 + 4, 4) and mid.rank == 2
    assert round(low.score, 6) == 5.0 and low.rank == 3  # comunale 0.2 * 25
    assert parts(low)["cofinanziamento"] == ("—", 0.0, 0.0)
    [explained] = [p.explanation for p in top.parts if p.criterion.id == "cofinanziamento"]
    assert explained.en == "500,000 € confirmed of 1,000,000 € estimated"
    assert explained.it.startswith("500.000 €")
    assert top.uuid == key("Top")


def test_card_line_and_priority_line(gpkg):
    top = next(s for s in score_projects(gpkg) if s.titolo == "Top")
    assert card_line(top, "en") == (
        "Metropolitan priority: 90 of 100 points (Scale of the expected impact 25/25; Comuni touched 15/15; "
        "Problems answered 20/20; Co-funding secured 10/20; How far the design has gone 10/10; "
        "Part of a network 10/10)"
    )
    assert priority_line(gpkg, key("Low"), "it").endswith("Appartenenza a una rete 0/10)")
    assert priority_line(gpkg, "no-such-project") == ""


def test_ties_share_a_rank(tmp_path):
    path = make_gpkg(
        tmp_path / "tie.gpkg",
        [
            {"name": "B", "comune": RHO},
            {"name": "A", "comune": PERO},
            {"name": "C", "comune": RHO, "scala": "sovracomunale"},
        ],
    )
    assert [(s.titolo, s.rank) for s in score_projects(path)] == [("C", 1), ("A", 2), ("B", 2)]


def _profile(tmp_path, change):
    data = json.loads(DEFAULT_PROFILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "profile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _crit(data, key_):
    return next(c for c in data["criteria"] if c["id"] == key_)


@pytest.mark.parametrize(
    "change, fragment",
    [
        (lambda d: d["criteria"].append({"id": "popolarita", "weight": 0}), "unknown criterion «popolarita»"),
        (lambda d: _crit(d, "rete").update(weight=20), "add up to 110, not 100"),
        (lambda d: _crit(d, "rete").update(weight="10"), "weight of «rete» must be a number"),
        (
            lambda d: (_crit(d, "rete").update(weight=-10), _crit(d, "scala_impatto").update(weight=45)),
            "weight of «rete» must be a number of 0 or more",
        ),
        (
            lambda d: _crit(d, "scala_impatto")["points"].update(regionale=1),
            "«regionale» is not a code of scala_impatto",
        ),
        (lambda d: _crit(d, "scala_impatto")["points"].update(comunale=2), "between 0 and 1"),
        (lambda d: _crit(d, "avanzamento").update(dimension="tipo_rete"), "cannot use the dimension"),
        (lambda d: _crit(d, "comuni_toccati").update(full_at=1), "full_at"),
        (lambda d: _crit(d, "cofinanziamento").update(confirmed=["promesso"]), "stato_finanziamento"),
        (lambda d: d["criteria"].append(dict(_crit(d, "rete"), weight=0)), "appears twice"),
        (lambda d: d.pop("version"), "no version"),
    ],
)
def test_bad_profiles_are_refused(tmp_path, change, fragment):
    with pytest.raises(ProfileError) as refused:
        load_profile(_profile(tmp_path, change))
    assert fragment in refused.value.message("en")


def test_a_profile_can_change_weights_and_use_livello_progettuale(gpkg, tmp_path):
    def change(data):
        _crit(data, "avanzamento").update(dimension="livello_progettuale", points={"metropolitano": 1.0})
        _crit(data, "scala_impatto").update(weight=0)
        _crit(data, "rete").update(weight=35)
        data["version"] = "2.0.0"

    profile = load_profile(_profile(tmp_path, change))
    low = next(s for s in score_projects(gpkg, profile) if s.titolo == "Low")
    assert parts(low)["avanzamento"] == ("Comunale", 0.0, 0.0)
    assert round(low.score, 6) == 0.0


def test_shipped_profile_is_valid_and_versioned():
    profile = load_profile()
    assert (profile.name, profile.version) == ("cmm-2026", "1.0.0")
    assert sum(c.weight for c in profile.criteria) == 100
    assert all(
        c.label("it") and c.label("en") and c.definition("it") and c.definition("en")
        for c in profile.criteria
    )


def test_csv_rows(gpkg, tmp_path):
    profile = load_profile()
    output = tmp_path / "scores.csv"
    write_csv(score_projects(gpkg, profile), profile, output)
    with open(output, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["rango"], r["titolo"], r["punteggio"]) for r in rows] == [
        ("1", "Top", "90.00"),
        ("2", "Mid", "53.17"),
        ("3", "Low", "5.00"),
    ]
    assert (
        rows[0]["cofinanziamento_valore"],
        rows[0]["cofinanziamento_norm"],
        rows[0]["cofinanziamento_punti"],
    ) == ("50 %", "0.500", "10.00")
    assert rows[0]["versione_profilo"] == "1.0.0"
    assert "Co-funding secured: 500,000 € confirmed of 1,000,000 € estimated" in rows[0]["dettaglio_en"]
    assert (
        "Problems answered: 3 ambiti of criticità answered (Environmental, Social, Urban planning"
        in rows[0]["dettaglio_en"]
    )


def _cli(argv):
    parser = argparse.ArgumentParser()
    cli.add_parser(parser.add_subparsers(dest="command", required=True))
    return cli.run(parser.parse_args(argv))


def test_cli(gpkg, tmp_path, capsys):
    output = tmp_path / "out.csv"
    assert _cli(["priority-score", str(gpkg), str(output)]) == 0
    assert output.read_text(encoding="utf-8").count("\n") == 4
    bad = _profile(tmp_path, lambda d: _crit(d, "rete").update(weight=11))
    capsys.readouterr()
    assert (
        _cli(["priority-score", str(gpkg), str(tmp_path / "x.csv"), "--profile", str(bad), "--lang", "en"])
        == 2
    )
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "add up to 101, not 100" in err
    assert not (tmp_path / "x.csv").exists()
    assert _cli(["priority-score", str(tmp_path / "none.gpkg"), str(output)]) == 2
    assert _cli(["priority-score", str(gpkg), str(tmp_path / "no" / "x.csv")]) == 2
    assert _cli(["priority-score", str(gpkg), str(output), "--profile", str(tmp_path / "none.json")]) == 2


def test_one_way_to_print_the_score_decimal_comma_in_italian(gpkg):
    assert [number_text(v, "it") for v in (18.25, 18.3, 47.0, 0, 100)] == ["18,2", "18,3", "47", "0", "100"]
    assert [number_text(v, "en") for v in (18.3, 47.0)] == ["18.3", "47"]
    low = next(s for s in score_projects(gpkg) if s.titolo == "Low")
    shown = f"{low.score:.1f}".removesuffix(".0")
    assert score_text(low, "it") == f"{shown.replace('.', ',')} su 100 punti"
    assert score_text(low, "en") == f"{shown} of 100 points"
    italian = shown.replace(".", ",")
    assert card_line(low, "it").startswith(f"Priorità metropolitana: {italian} su 100 punti (")
