"""Bad input: exit 2, every problem located, all at once, never a traceback."""

import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from intake_support import H
from intake_support import write_book as book
from openpyxl import Workbook

from scheduler.cli import main
from scheduler.domain import Rules
from scheduler.intake import load_availability
from scheduler.intake import readers as readers_module

ARGS = ["--start", "2026-03-02", "--weeks", "4"]


def check(capsys, *paths):
    code = main(["check", *map(str, paths), *ARGS])
    out = capsys.readouterr()
    return code, out.out + out.err


def errors_of(*paths, rules=None):
    intake = load_availability(list(paths), H, rules or Rules())
    return {str(f.where): f.text() for f in intake.findings.errors}


def test_every_problem_of_a_workbook_at_once(tmp_path, capsys):
    people = [
        ["name", "email", "role", "mentor"],
        ["Anna Virtanen", "anna@example.org", "boss", "maybe"],
    ]
    avail = [
        ["name", "weekday", "start", "end", "preference"],
        ["Anna Virtanen", "ma", "25:00", "26:00", "available"],
        ["Anna Virtanen", "ti", "22:00", "18:00", "available"],
        ["Ghost Person", "ke", "18:00", "22:00", "available"],
        ["Anna Virtanen", "to", "18:00", "22:00", "sometimes"],
        ["Anna Virtanen", "someday", "18:00", "22:00", None],
    ]
    path = book(tmp_path / "bad.xlsx", {"People": people, "Availability": avail})
    code, text = check(capsys, path)
    assert code == 2
    found = errors_of(path)
    assert "unknown role 'boss'" in found["bad.xlsx › People › C2"]
    assert "'maybe' is not yes or no" in found["bad.xlsx › People › D2"]
    assert "'25:00' is not a time of day" in found["bad.xlsx › Availability › C2"]
    # the end time is what is wrong: reported at the end cell
    assert "runs backwards" in found["bad.xlsx › Availability › D3"]
    assert "'Ghost Person' is not listed in People" in found["bad.xlsx › Availability › A4"]
    assert "unknown preference 'sometimes'" in found["bad.xlsx › Availability › E5"]
    assert "is not a weekday" in found["bad.xlsx › Availability › B6"]
    assert len(found) == 7
    for where in found:
        assert where in text
    assert "Traceback" not in text


def test_free_text_bad_times_are_located(tmp_path, capsys):
    rows = [
        ["Vuorotoiveet"],
        ["Nimi", "ma", "ti", "ke"],
        ["Eetu Aalto", "25:00-26", "22–18", "joskus"],
    ]
    path = book(tmp_path / "f.xlsx", {"Taul1": rows})
    code, text = check(capsys, path)
    assert code == 2
    found = errors_of(path)
    assert set(found) == {"f.xlsx › Taul1 › B3", "f.xlsx › Taul1 › C3", "f.xlsx › Taul1 › D3"}
    assert "expected a time range like 18-22" in found["f.xlsx › Taul1 › D3"]


def test_missing_name_column(tmp_path, capsys):
    free = book(tmp_path / "free.xlsx", {"S": [["Sähköposti", "ma", "ti"], ["a@b.fi", "18-22"]]})
    canon = book(
        tmp_path / "canon.xlsx",
        {"Availability": [["weekday", "start", "end"], ["ma", "18:00", "22:00"]]},
    )
    grid = book(
        tmp_path / "grid.xlsx",
        {"S": [["Email", "ma", "ma", "ma"], [None, 17, 18, 19], ["a@b.fi", "x", "x", None]]},
    )
    code, _ = check(capsys, free, canon, grid)
    assert code == 2
    found = errors_of(free, canon, grid)
    assert "no name column" in found["free.xlsx › S › row 1"]
    assert "no name column" in found["canon.xlsx › Availability › row 1"]
    assert "no name column" in found["grid.xlsx › S › row 2"]


def test_not_a_workbook_and_empty_files(tmp_path, capsys):
    fake = tmp_path / "roster.xlsx"
    fake.write_text("this is not a spreadsheet")
    zipped = tmp_path / "other.xlsx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "a zip, but not a workbook")
    empty = book(tmp_path / "empty.xlsx", {"Sheet1": []})
    nothing = tmp_path / "nothing.csv"
    nothing.write_bytes(b"")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\x01\x02name")
    missing = tmp_path / "missing.xlsx"
    code, text = check(capsys, fake, zipped, empty, nothing, binary, missing)
    assert code == 2
    found = errors_of(fake, zipped, empty, nothing, binary, missing)
    assert "not an Excel workbook" in found["roster.xlsx"]
    assert "not a readable Excel workbook" in found["other.xlsx"]
    assert "the workbook is empty" in found["empty.xlsx"]
    assert "the file is empty" in found["nothing.csv"]
    assert "binary data" in found["binary.csv"]
    assert "file not found" in found["missing.xlsx"]
    assert "Traceback" not in text


def test_old_xls_is_refused_with_advice(tmp_path, capsys):
    old = tmp_path / "vuorot.xls"
    old.write_bytes(readers_module.OLE2_MAGIC + b"\x00" * 504)
    disguised = tmp_path / "renamed.xlsx"
    disguised.write_bytes(readers_module.OLE2_MAGIC + b"\x00" * 504)
    code, text = check(capsys, old, disguised)
    assert code == 2
    assert "save it as .xlsx" in errors_of(old)["vuorot.xls"]
    assert "save it as .xlsx" in errors_of(disguised)["renamed.xlsx"]


def test_file_over_the_size_cap(tmp_path, capsys, monkeypatch):
    path = book(tmp_path / "big.xlsx", {"S": [["Nimi", "ma"], ["Bo Ek", "18-22"]]})
    monkeypatch.setattr(readers_module, "MAX_FILE_BYTES", path.stat().st_size - 1)
    code, text = check(capsys, path)
    assert code == 2
    assert "over the" in errors_of(path)["big.xlsx"] and "limit" in text


def test_sheet_without_header_is_reported_not_dropped(tmp_path):
    path = book(tmp_path / "notes.xlsx", {"Notes": [["just some notes"], ["and more"]]})
    intake = load_availability([path], H, Rules())
    assert "nothing could be read from this file" in intake.findings.errors[0].text()
    assert "this sheet was not read" in intake.findings.warnings[0].text()


def test_unknown_grid_mark_and_person_without_name(tmp_path):
    rows = [["Nimi", "ma", "ma"], [None, 18, 19], ["Bo Ek", "x", "?"], [None, "x", "x"]]
    found = errors_of(book(tmp_path / "g.xlsx", {"S": rows}))
    assert "unknown mark '?'" in found["g.xlsx › S › C3"]
    assert "no name" in found["g.xlsx › S › A4"]


def test_mentor_and_trainee_at_once_is_located(tmp_path):
    people = [["name", "mentor", "trainee"], ["Bo Ek", "yes", "yes"]]
    found = errors_of(book(tmp_path / "p.xlsx", {"People": people}))
    assert "cannot be both mentor and trainee" in found["p.xlsx › People › A2"]


TEXT = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=15)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(-5, 3000),
    st.floats(allow_nan=True),
    st.sampled_from(
        [
            "Nimi",
            "ma",
            "ti",
            "name",
            "start",
            "end",
            "weekday",
            "18-22",
            "x",
            "p",
            "25:00",
            "22-18",
            "Name",
            "Email",
            "a@b.fi",
            "sv",
            "yes",
            18,
            0.75,
        ]
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rows=st.lists(st.lists(CELL, max_size=6), max_size=6))
def test_fuzz_importer_gives_findings_never_exceptions(tmp_path, rows):
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append([c if not (isinstance(c, str) and c.startswith("=")) else " " + c for c in row])
    path = tmp_path / "fuzz.xlsx"
    wb.save(path)
    intake = load_availability([path], H, Rules())
    for piece in intake.availability:
        assert piece.name in {p.name for p in intake.people}


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_fuzz_arbitrary_bytes(tmp_path, data):
    for name in ("x.xlsx", "x.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        intake = load_availability([path], H, Rules())
        assert intake.findings.errors or intake.findings.warnings


@pytest.mark.parametrize("suffix", [".ods", ".numbers"])
def test_other_spreadsheet_formats_ask_for_xlsx(tmp_path, suffix):
    path = tmp_path / f"vuorot{suffix}"
    path.write_bytes(b"PK\x03\x04whatever")
    assert "save it as .xlsx" in errors_of(path)[f"vuorot{suffix}"]
