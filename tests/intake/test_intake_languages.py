"""The import report in Finnish, Swedish and English: the command line's bad-input report in
each language, dates the local way, and findings kept in the plan database that still read
in any language when shown later."""

from datetime import date

import pytest
from intake_support import H, load, write_book

from scheduler.cli import main
from scheduler.i18n import _current
from scheduler.store import Plan, open_store

ARGS = ["--start", "2026-03-02", "--weeks", "4"]


def bad_file(tmp_path):
    people = [["name", "email", "role"], ["Anna Virtanen", "anna@example.org", "pomo"]]
    avail = [
        ["name", "date", "weekday", "start", "end"],
        ["Anna Virtanen", None, "ma", "18:00", "25:00"],
        ["Anna Virtanen", date(2026, 4, 14), None, "18:00", "22:00"],
        ["Anna Virtanen", None, "ti", "18:00", "22:00"],
    ]
    return write_book(tmp_path / "vuorot.xlsx", {"People": people, "Availability": avail})


EXPECTED = {
    "fi": [
        "virhe: vuorot.xlsx › Availability › E2: Anna Virtanen: '25:00' ei ole kellonaika: "
        "odotettiin 00.00–24.00",
        "virhe: vuorot.xlsx › People › C2: Anna Virtanen: tuntematon rooli 'pomo'",
        "varoitus: vuorot.xlsx › Availability › B3: Anna Virtanen: ti 14.4.2026 on "
        "suunnittelujakson ma 2.3. – su 29.3. ulkopuolella: tätä aikaa ei käytetä",
        "2 virhettä, 1 varoitus: korjaa yllä olevat virheet ja tarkista uudelleen",
        "Suunnittelujakso ma 2.3.2026 – su 29.3.2026 (4 viikkoa)",
    ],
    "sv": [
        "fel: vuorot.xlsx › Availability › E2: Anna Virtanen: '25:00' är inget klockslag: "
        "väntade 00.00–24.00",
        "fel: vuorot.xlsx › People › C2: Anna Virtanen: okänd roll 'pomo'",
        "varning: vuorot.xlsx › Availability › B3: Anna Virtanen: ti 14.4.2026 ligger utanför "
        "planeringsperioden må 2.3. – sö 29.3.: den här tiden används inte",
        "2 fel, 1 varning: rätta felen ovan och kontrollera igen",
        "Planeringsperiod må 2.3.2026 – sö 29.3.2026 (4 veckor)",
    ],
    "en": [
        "error: vuorot.xlsx › Availability › E2: Anna Virtanen: '25:00' is not a time of day: "
        "expected 00:00–24:00",
        "error: vuorot.xlsx › People › C2: Anna Virtanen: unknown role 'pomo'",
        "warning: vuorot.xlsx › Availability › B3: Anna Virtanen: Tue 14 Apr 2026 is outside "
        "the plan period Mon 2 Mar – Sun 29 Mar: this time is not used",
        "2 errors, 1 warning: fix the errors above and check again",
        "Plan period Mon 2 Mar 2026 – Sun 29 Mar 2026 (4 weeks)",
    ],
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_bad_input_report_in_each_language(tmp_path, capsys, monkeypatch, lang):
    path = bad_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", path.name, *ARGS, "--lang", lang]) == 2
    out = capsys.readouterr().out
    for line in EXPECTED[lang]:
        assert line in out, (line, out)


def test_the_language_comes_from_the_environment_too(tmp_path, capsys, monkeypatch):
    path = bad_file(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SEKASIN_LANG", "sv")
    token = _current.set(None)  # no language chosen yet: the environment decides
    try:
        assert main(["check", path.name, *ARGS]) == 2
    finally:
        _current.reset(token)
    assert "2 fel, 1 varning" in capsys.readouterr().out


def test_findings_kept_in_the_plan_database_read_in_any_language(tmp_path):
    intake = load(bad_file(tmp_path))
    store = open_store(tmp_path / "plans.sqlite")
    saved = store.save_plan(Plan("Maaliskuu", H, findings=tuple(intake.findings)))
    loaded = store.load_plan(saved.id)
    role = next(f for f in loaded.findings if "pomo" in f.text("en"))
    assert (
        role.text("fi")
        == "Anna Virtanen: tuntematon rooli 'pomo': odotettiin yhtä näistä: volunteer, student, staff, chat_team"
    )
    assert role.text("sv").startswith("Anna Virtanen: okänd roll 'pomo'")
    assert role.person == "Anna Virtanen"
    late = next(f for f in loaded.findings if f.severity == "warning")
    assert "ti 14.4.2026" in late.text("fi") and "Tue 14 Apr 2026" in late.text("en")
    assert str(late.where) == "vuorot.xlsx › Availability › B3"
