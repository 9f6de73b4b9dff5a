"""Several files at once: the same person by email, else by name; conflicts reported."""

from datetime import date

from openpyxl import Workbook

from scheduler.domain import Horizon, Rules
from scheduler.intake import load_availability

H = Horizon(date(2026, 3, 2), 4)


def book(path, rows, title="S"):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def load(*paths, names=None):
    return load_availability(list(paths), H, Rules(), display_names=names)


def test_same_person_by_email_merges_time(tmp_path):
    a = book(
        tmp_path / "a.xlsx",
        [
            ["Nimi", "Sähköposti", "Kielet", "ma"],
            ["Anna Virtanen", "anna@example.org", "fi, sv", "18-22"],
        ],
    )
    b = book(
        tmp_path / "b.xlsx",
        [
            ["Namn", "E-post", "Språk", "ti"],
            ["anna  virtanen", "ANNA@example.org", "svenska, finska", "17-21"],
        ],
    )
    intake = load(a, b)
    assert not intake.findings.errors, intake.findings.items
    assert [p.name for p in intake.people] == ["Anna Virtanen"]
    assert sorted(p.weekday for p in intake.availability) == [0, 1]
    # the languages in another order are the same languages; the first file's order is
    # kept, since the first listed is the language of the person's own texts, and the
    # coordinator is told which language that is
    assert intake.people[0].languages == ("fi", "sv")
    (warning,) = [w for w in intake.findings.warnings if "languages" in w.text()]
    assert str(warning.where).endswith("C2")
    assert "'sv, fi' here but 'fi, sv' at" in warning.text()
    assert warning.text().endswith("the first listed there, fi")


def test_the_first_listed_language_stays_first(tmp_path):
    a = book(
        tmp_path / "a.xlsx", [["Namn", "Språk", "må"], ["Alva Björk", "svenska, finska", "18-22"]]
    )
    assert load(a).people[0].languages == ("sv", "fi")


def test_same_person_by_name_when_one_file_has_no_email(tmp_path):
    a = book(tmp_path / "a.xlsx", [["Name", "Email", "Mon"], ["Bo Ek", "bo@example.org", "18-22"]])
    b = book(tmp_path / "b.xlsx", [["Name", "Wed"], ["Bo Ek", "18-22"]])
    intake = load(a, b)
    assert not intake.findings.errors
    assert len(intake.people) == 1 and intake.people[0].email == "bo@example.org"


def test_conflicting_details_are_errors_naming_both_places(tmp_path):
    a = book(
        tmp_path / "a.xlsx",
        [["name", "email", "role"], ["Bo Ek", "bo@example.org", "staff"]],
        "People",
    )
    b = book(
        tmp_path / "b.xlsx",
        [["Nimi", "Sähköposti", "Rooli", "ma"], ["Bo Ek", "bo@example.org", "volunteer", "18-22"]],
    )
    intake = load(a, b, names=["org-a.xlsx", "org-b.xlsx"])
    (error,) = intake.findings.errors
    assert str(error.where) == "org-b.xlsx › S › C2"
    assert "'volunteer' here but 'staff' at org-a.xlsx › People › C2" in error.text()
    assert intake.people == ()


def test_two_people_with_one_name_are_not_merged(tmp_path):
    a = book(
        tmp_path / "a.xlsx",
        [["Nimi", "Sähköposti", "ma"], ["Anna Virtanen", "anna@a.example.org", "18-22"]],
    )
    b = book(
        tmp_path / "b.xlsx",
        [["Nimi", "Sähköposti", "ti"], ["Anna Virtanen", "anna@b.example.org", "18-22"]],
    )
    intake = load(a, b)
    (error,) = intake.findings.errors
    assert "two different people are named 'Anna Virtanen'" in error.text()
    assert "anna@a.example.org" in error.text() and "anna@b.example.org" in error.text()
    assert intake.people == () and intake.availability == ()


def test_one_email_two_names_is_a_conflict(tmp_path):
    a = book(
        tmp_path / "a.xlsx",
        [["Nimi", "Sähköposti", "ma"], ["Anna Virtanen", "anna@example.org", "18-22"]],
    )
    b = book(
        tmp_path / "b.xlsx",
        [["Nimi", "Sähköposti", "ti"], ["Anni Virtanen", "anna@example.org", "18-22"]],
    )
    (error,) = load(a, b).findings.errors
    assert "one person cannot have two names" in error.text()
    assert str(error.where) == "b.xlsx › S › A2"


def test_duplicate_row_in_one_sheet_is_merged_with_a_warning(tmp_path):
    path = book(
        tmp_path / "a.xlsx",
        [["Nimi", "ma", "ti"], ["Bo Ek", "18-22", None], ["Bo Ek", None, "18-22"]],
    )
    intake = load(path)
    assert not intake.findings.errors
    assert any("listed again" in f.text() for f in intake.findings.warnings)
    assert len(intake.people) == 1 and len(intake.availability) == 2


def test_display_names_name_the_files(tmp_path):
    path = book(tmp_path / "tmpab12.xlsx", [["Nimi", "ma"], ["Bo Ek", "25-26"]])
    intake = load(path, names=["HelsinkiMissio.xlsx"])
    assert str(intake.findings.errors[0].where) == "HelsinkiMissio.xlsx › S › B2"
