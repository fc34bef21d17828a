"""sql.statement: named templates filled with quoted identifiers, never with values."""
import sqlite3

import pytest

from remix_plugin import sql

SELECT_TITLES = "SELECT {columns} FROM {table} WHERE uuid = ? ORDER BY {order}"


def test_identifiers_are_quoted_and_the_statement_runs():
    table = "progetti d'Sant\"Angelo"
    text = sql.statement(SELECT_TITLES, columns=["uuid", "titolo"], table=table, order="titolo")
    assert text == ('SELECT "uuid", "titolo" FROM "progetti d\'Sant""Angelo" WHERE uuid = ? '
                    'ORDER BY "titolo"')
    con = sqlite3.connect(":memory:")
    con.execute(sql.statement("CREATE TABLE {t} ({c} TEXT, {d} TEXT)", t=table, c="uuid", d="titolo"))
    con.execute(sql.statement("INSERT INTO {t} VALUES (?, ?)", t=table), ("u1", "x'); DROP TABLE y; --"))
    assert con.execute(text, ("u1",)).fetchall() == [("u1", "x'); DROP TABLE y; --")]


def test_a_placeholder_without_identifier_is_an_error():
    with pytest.raises(KeyError, match="table"):
        sql.statement(SELECT_TITLES, columns=["uuid"], order="uuid")


def test_nul_in_an_identifier_is_refused():
    with pytest.raises(ValueError):
        sql.statement("SELECT * FROM {t}", t="a\x00b")
