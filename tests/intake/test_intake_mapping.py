"""Column mappings: when no shape fits (or the guess is wrong) the coordinator says once what
each column holds; the mapping is saved as JSON and re-applied to files with the same headers
(``--mapping FILE`` on ``check`` and ``solve``)."""

import json

from intake_support import H, hours, load, pieces, texts, write_book

from scheduler.cli import main
from scheduler.errors import Findings
from scheduler.intake import ColumnMapping
from scheduler.intake.mapping import read_mapping_file
from scheduler.intake.readers import read_sheets

ARGS = ["--start", "2026-03-02", "--weeks", "4"]
HEADERS = ["Kuka", "Posti", "Viikko A", "Viikko B", "Terveiset"]


def unguessable(path, people=(("Anna Virtanen", "anna@example.org", "18-22", "ilta"),)):
    rows = [["Vuorolista"], HEADERS, *[[*p, "kiitos"] for p in people]]
    return write_book(path, {"Taul1": rows})


def mapping_file(path):
    data = {
        "format": "sekasin-column-mapping",
        "version": 1,
        "header_row": 2,
        "headers": HEADERS,
        "columns": [
            {"column": "A", "header": "Kuka", "means": "name"},
            {"column": "B", "header": "Posti", "means": "email"},
            {"column": "C", "header": "Viikko A", "means": "ma"},
            {"column": "D", "header": "Viikko B", "means": "torstai"},
            {"column": "E", "header": "Terveiset", "means": "ignore"},
        ],
        "day_parts": {"evening": "18-24"},
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_without_a_mapping_the_file_is_refused(tmp_path, capsys):
    path = unguessable(tmp_path / "org.xlsx")
    assert main(["check", str(path), *ARGS]) == 2
    assert "ready to plan" not in capsys.readouterr().out


def test_check_with_a_mapping_reads_the_file(tmp_path, capsys):
    path = unguessable(tmp_path / "org.xlsx")
    mapping = mapping_file(tmp_path / "org-mapping.json")
    assert main(["check", str(path), *ARGS, "--mapping", str(mapping), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (anna,) = report["people"]
    # Mondays 18-22 and Thursdays 18-24 (the mapping's evening), four weeks
    assert anna["email"] == "anna@example.org" and anna["available_hours"] == 40.0
    assert report["warnings"] == []  # Terveiset is ignored by the coordinator's choice


def test_the_mapping_is_reapplied_to_next_months_file(tmp_path):
    mappings = read_mapping_file(mapping_file(tmp_path / "m.json"))
    april = unguessable(
        tmp_path / "huhtikuu.xlsx",
        [("Bo Ek", "bo@example.org", "9-12", None), ("Cilla Nieminen", None, None, "ilta")],
    )
    intake = load(april, mappings=mappings)
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].mapped
    assert pieces(intake, "Bo Ek") == [(0, None, 540, 720, "available")]
    assert hours(intake, "Cilla Nieminen") == (24.0, 0.0)
    assert intake.sheets[0].skipped == ("Terveiset",)


def test_a_mapping_wins_over_the_guess(tmp_path):
    rows = [["Nimi", "ma", "ti"], ["Bo Ek", "18-22", "9-12"]]
    path = write_book(tmp_path / "f.xlsx", {"S": rows})
    sheet = read_sheets(path, "f.xlsx", Findings())[0]
    # the coordinator says the columns are the weekend
    mapping = ColumnMapping.for_sheet(sheet, 0, {0: "name", 1: "la", 2: "su"})
    intake = load(path, mappings=[mapping])
    assert pieces(intake, "Bo Ek") == [
        (5, None, 1080, 1320, "available"),
        (6, None, 540, 720, "available"),
    ]


def test_a_mapping_that_fits_no_sheet_is_warned_about(tmp_path):
    mappings = read_mapping_file(mapping_file(tmp_path / "m.json"))
    path = write_book(tmp_path / "f.xlsx", {"S": [["Nimi", "ma"], ["Bo Ek", "18-22"]]})
    intake = load(path, mappings=mappings)
    assert not intake.findings.errors
    assert "fits no sheet read, so it was not used" in texts(intake.findings.warnings)["m.json"]


def test_a_bad_mapping_file_is_bad_input(tmp_path, capsys):
    path = unguessable(tmp_path / "org.xlsx")
    bad = tmp_path / "bad.json"
    bad.write_text('{"headers": ["Kuka"], "columns": [{"column": "A", "means": "nimi?"}]}')
    assert main(["check", str(path), *ARGS, "--mapping", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "'nimi?' is not something a column can hold" in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    assert main(["check", str(path), *ARGS, "--mapping", str(broken)]) == 2
    assert "not a column mapping file" in capsys.readouterr().err


def test_a_mapping_round_trips_through_json(tmp_path):
    (mapping,) = read_mapping_file(mapping_file(tmp_path / "m.json"))
    again = ColumnMapping.from_json(json.loads(json.dumps(mapping.to_json())))
    assert again.columns == mapping.columns and again.key == mapping.key
    assert again.day_parts == {"evening": (18 * 60, 24 * 60)}
    assert again.header_row == 1


def test_solve_takes_a_mapping_too(tmp_path, capsys):
    people = [(f"Henkilö {i}", f"h{i}@example.org", "9-24", "15-24") for i in range(4)]
    path = unguessable(tmp_path / "org.xlsx", people)
    mapping = mapping_file(tmp_path / "m.json")
    out = tmp_path / "out"
    code = main(
        ["solve", str(path), *ARGS, "--mapping", str(mapping), "--time-limit", "3", "-o", str(out)]
    )
    assert code == 0
    roster = (out / "roster.csv").read_text(encoding="utf-8")
    assert "Henkilö 0" in roster
    assert H.weeks == 4
