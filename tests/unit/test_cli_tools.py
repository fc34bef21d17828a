"""cli_tools: the incubator commands' one way to print, to fail in one line and to exit."""

import sqlite3
import subprocess
import sys
from pathlib import Path

from remix_plugin import cli_tools
from remix_plugin.errors import RemixError

ROOT = Path(__file__).resolve().parents[2]


def test_remix_error_prints_its_message_in_the_language_and_exits_2(capsys):
    def work():
        raise RemixError("no_such", "Il file non c'è.", "The file is not there.")

    assert cli_tools.guarded("kpi-report", "it", work) == cli_tools.EXIT_UNREADABLE
    assert capsys.readouterr().err == "Il file non c'è.\n"
    assert cli_tools.guarded("kpi-report", "en", work) == 2
    assert capsys.readouterr().err == "The file is not there.\n"


def test_a_refused_code_exits_1(capsys):
    def work():
        raise RemixError("proposal_decided", "Già decisa.", "Already decided.")

    assert cli_tools.guarded("accept-proposta", "it", work, refused=("proposal_decided",)) == 1
    assert capsys.readouterr().err == "Già decisa.\n"


def test_file_and_database_errors_are_one_line_with_the_command(capsys):
    def broken():
        raise sqlite3.DatabaseError("file is not a database\nsecond line")

    assert cli_tools.guarded("priority-score", "it", broken) == 2
    assert capsys.readouterr().err == "Impossibile completare priority-score: file is not a database\n"
    assert cli_tools.guarded("priority-score", "en", lambda: (_ for _ in ()).throw(OSError())) == 2
    assert capsys.readouterr().err == "Cannot complete priority-score: OSError\n"


def test_work_exit_code_and_output_pass_through(capsys):
    assert cli_tools.guarded("x", "it", lambda: cli_tools.say("riga\u202e") or 0) == 0
    out = capsys.readouterr().out
    assert out.startswith("riga") and "\u202e" not in out  # bidi override escaped


def test_every_incubator_command_fails_in_one_line_without_a_traceback(tmp_path):
    not_gpkg = tmp_path / "x.gpkg"
    not_gpkg.write_text("not a GeoPackage")
    for command in ("kpi-report", "match-funding", "priority-score", "suggest-programmi"):
        out = tmp_path / f"{command}.out"
        done = subprocess.run([sys.executable, "-m", "remix_plugin", command, str(not_gpkg), str(out)],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, (command, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, (command, done.stderr)
        assert "Traceback" not in done.stderr
        assert not out.exists()


def test_a_tool_runs_alone_through_standalone_main(tmp_path):
    not_gpkg = tmp_path / "x.gpkg"
    not_gpkg.write_text("not a GeoPackage")
    done = subprocess.run([sys.executable, "-m", "remix_plugin.monitoring.cli", "kpi-report", str(not_gpkg),
                           str(tmp_path / "r.csv"), "--lang", "en"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
