"""Forty bad command lines, run through geo.cli.main as a user would type them: each ends with a
clear message (argparse's usage line and one error line, or our one-line errors), never a traceback,
and where good input stands beside the bad, the good is still processed."""

from __future__ import annotations

import json
import os

import pytest

from geo.cli import main
from tests.conftest import ROOT

ARABIC = "سيطرت قوات النظام على بلدة مسكنة في ريف حلب الشرقي أمس."
SEED = str(ROOT / "seeds" / "000_8df6f48f5ac7b80d.txt")


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    """A folder of bad inputs, each made the way a user might end up with it."""
    d = tmp_path_factory.mktemp("bad")
    (d / "utf16_odd.txt").write_bytes(ARABIC.encode("utf-16")[:-1])
    (d / "utf16_nul.txt").write_bytes(("\x00" + ARABIC).encode("utf-16"))
    (d / "utf32.txt").write_bytes(ARABIC.encode("utf-32"))
    (d / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (d / "empty.txt").write_bytes(b"")
    (d / "english.txt").write_text("Nothing Arabic in here at all.", encoding="utf-8")
    with (d / "huge.txt").open("wb") as fh:
        fh.truncate(6_000_000)
    (d / "surrogate.jsonl").write_text(
        '{"id": "s1", "text": "' + ARABIC + ' \\ud800", "published": "2017-06-01"}\n', encoding="utf-8"
    )
    (d / "deep.jsonl").write_text("[" * 100_000 + "\n", encoding="utf-8")
    (d / "olddate.jsonl").write_text(
        json.dumps({"id": "o1", "text": ARABIC, "published": "0001-01-01"}) + "\n", encoding="utf-8"
    )
    (d / "notutf8.jsonl").write_bytes(b'{"id": "x", "text": "\xff\xfe"}\n')
    os.mkfifo(d / "pipe.txt")
    (d / "empty_dir").mkdir()
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")
    (d / "loop.txt").symlink_to(d / "loop.txt")
    (d / os.fsdecode(b"\xff\xfe.txt")).write_text(ARABIC, encoding="utf-8")
    (d / "junk.duckdb").write_bytes(os.urandom(4096))
    (d / "a_file").write_text("x")
    return d


def run(argv, capsys) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse and load_gazetteer_or_exit leave this way
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    for line in err.splitlines():
        assert not line.startswith("  File "), err
    return code, out, err


def errors(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if ln.startswith(("error:", "warning:")) or ": error:" in ln]


# (argv with {d} for the bad folder, expected exit code, a phrase the error must hold)
CASES = [
    ([], 2, "required"),
    (["frobnicate"], 2, "invalid choice"),
    (["mentions"], 2, "required"),
    (["mentions", "{d}/missing.txt"], 1, "no such file"),
    (["mentions", "{d}/empty_dir"], 1, "holds no .txt"),
    (["mentions", "{d}/binary.txt"], 1, "binary"),
    (["mentions", "{d}/empty.txt"], 1, "empty"),
    (["mentions", "{d}/english.txt"], 1, "no Arabic"),
    (["mentions", "{d}/huge.txt"], 1, "too large"),
    (["mentions", "{d}/utf16_odd.txt"], 1, "malformed UTF-16"),
    (["mentions", "{d}/utf16_nul.txt"], 1, "binary"),
    (["mentions", "{d}/utf32.txt"], 1, "binary"),
    (["mentions", "{d}/pipe.txt"], 1, "named pipe"),
    (["mentions", "/dev/null"], 1, "device"),
    (["mentions", "{d}/dangling.txt"], 1, "link to nothing"),
    (["mentions", "{d}/loop.txt"], 1, ""),
    (["mentions", "{d}/deep.jsonl"], 1, "nested too deeply"),
    (["mentions", "{d}/notutf8.jsonl"], 1, "not UTF-8"),
    (["mentions", "--published", "2017-13-01", SEED], 2, "malformed date"),
    (["mentions", "--published", "9999-12-31", SEED], 2, "out of range"),
    (["mentions", "--published", "", SEED], 2, "empty date"),
    (["mentions", "--published", "0001-01-01", SEED], 2, "out of range"),
    (["events", "--format", "xml", SEED], 2, "invalid choice"),
    (["events", "{d}/utf16_odd.txt", "{d}/pipe.txt", SEED], 1, "malformed UTF-16"),
    (["events", "{d}/surrogate.jsonl"], 0, "surrogate"),
    (["events", "{d}/olddate.jsonl"], 0, "out of range"),
    (["control", SEED], 2, "required"),
    (["control", "--date", "0001-01-01", SEED], 2, "out of range"),
    (
        ["snapshot", "--date", "2017-06-15", "--out", "{d}/m.html", "--window-days", "-5", SEED],
        2,
        "between 1",
    ),
    (["snapshot", "--date", "2017-06-15", "--out", "{d}/m.html", "--window-days", "1e9", SEED], 2, "whole"),
    (["snapshot", "--date", "2017-06-15", "--out", "", SEED], 2, "empty file name"),
    (["snapshot", "--date", "2017-06-15", "--out", "{d}", SEED], 2, "is a folder"),
    (["snapshot", "--date", "2017-06-15", "--out", "{d}/a_file/m.html", SEED], 2, "is a file"),
    (["snapshot", "--date", "2017-02-30", "--out", "{d}/m.html", SEED], 2, "malformed date"),
    (["snapshot", "--date", "2017-06-15", "--out", "{d}/m.html", "--lang", "fr", SEED], 2, "invalid choice"),
    (["ingest", SEED, "--db", "{d}/junk.duckdb"], 1, "move it aside"),
    (["ingest", SEED, "--db", "{d}/empty_dir"], None, ""),
    (["ingest", SEED, "--db", "/proc/geo.duckdb"], None, ""),
    (["ingest", SEED, "--workers", "0"], 2, "processes"),
    (["mentions", "{d}/" + os.fsdecode(b"\xff\xfe.txt")], 0, ""),
]


@pytest.mark.parametrize("argv, code, phrase", CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_bad_command_line_gets_a_clear_message(bad, capsys, argv, code, phrase):
    argv = [a.replace("{d}", str(bad)) for a in argv]
    got, out, err = run(argv, capsys)
    if code is not None:
        assert got == code, err
    else:
        assert got != 0 and errors(err), err
    if phrase:
        assert any(phrase in ln for ln in errors(err)), err


def test_good_input_beside_bad_still_gives_its_events(bad, capsys):
    code, out, err = run(
        ["events", "--format", "jsonl", f"{bad}/utf16_odd.txt", f"{bad}/pipe.txt", SEED], capsys
    )
    assert code == 1
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and {r["article_id"] for r in rows} == {"000_8df6f48f5ac7b80d"}
    assert len(errors(err)) == 2


def test_ingest_of_seeds_beside_a_surrogate_jsonl_commits_all_six(bad, capsys, tmp_path):
    """Issue 12 §2: the bad record used to crash the reader after the seeds were analysed, leaving 0."""
    import duckdb

    db = tmp_path / "s.duckdb"
    code, out, err = run(
        ["ingest", ROOT / "seeds", bad / "surrogate.jsonl", "--db", db, "--workers", "1"], capsys
    )
    assert code == 0, err
    assert [ln for ln in errors(err)] == [
        f"warning: {bad}/surrogate.jsonl:1: lone surrogate escapes (\\ud800…) replaced with U+FFFD"
    ]
    con = duckdb.connect(str(db), read_only=True)
    ids = sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall())
    con.close()
    assert len(ids) == 6 and "s1" in ids and sum(i.startswith("00") for i in ids) == 5


def test_an_undated_txt_warns_in_one_line_like_an_undated_record(bad, capsys, tmp_path):
    """QA item 17: a .txt outside seeds/ with no --published gave undated events with no word."""
    txt = tmp_path / "a3_airstrike.txt"
    txt.write_text(ARABIC, encoding="utf-8")
    jl = tmp_path / "undated.jsonl"
    jl.write_text(json.dumps({"id": "u1", "text": ARABIC}) + "\n", encoding="utf-8")
    code, out, err = run(["events", "--format", "csv", txt, jl], capsys)
    assert code == 0  # a caveat, not a failure: the events are still given
    lines = errors(err)
    assert [ln.split(": ")[0:2] for ln in lines] == [["warning", str(txt)], ["warning", str(jl)]]
    assert all("no publication date" in ln and "--published YYYY-MM-DD" in ln for ln in lines)
    code, out, err = run(["events", "--format", "csv", "--published", "2018-03-14", txt], capsys)
    assert code == 0 and errors(err) == []
    code, out, err = run(["events", "--format", "csv", ROOT / "seeds"], capsys)  # dated by seeds.csv
    assert code == 0 and errors(err) == []


def test_an_html_page_gives_the_events_of_its_visible_text_only(capsys, tmp_path):
    """QA item 4: the script's «قصفت طائرات روسية مدينة حلب» was an air strike on Aleppo, tags in the quote."""
    from tests.test_reader import PAGE

    page = tmp_path / "html.txt"
    page.write_text(PAGE, encoding="utf-8")
    code, out, err = run(["events", "--format", "jsonl", "--published", "2018-03-14", page], capsys)
    assert code == 0 and [ln for ln in errors(err) if "HTML page" in ln] == [
        f"warning: {page}: "
        + ("an HTML page: read its visible text (scripts, styles, comments and menus left out)")
    ]
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["location"], r["fatalities"]) for r in rows] == [("Saraqib", 8)]
    assert "<" not in rows[0]["quote"] and "&nbsp;" not in rows[0]["notes"]
