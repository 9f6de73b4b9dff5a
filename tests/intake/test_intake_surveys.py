"""Survey exports: Microsoft Forms, Google Forms / Sheets and Webropol-style option columns,
with Finnish, Swedish and English headers, read with people, hours and preferred hours."""

from datetime import date, datetime

import pytest
from intake_support import hours, load, pieces, texts, write_book, write_csv

from scheduler.cli import main

ARGS = ["--start", "2026-03-02", "--weeks", "4"]

MS_FORMS_HEADERS = {
    "fi": [
        "Tunnus",
        "Aloitusaika",
        "Valmistumisaika",
        "Sähköposti",
        "Nimi",
        "Viimeksi muokattu",
        "Nimi",
        "Millä kielillä voit päivystää?",
        "Milloin voit päivystää maanantaisin?",
        "Milloin voit päivystää keskiviikkoisin?",
        "Milloin voit päivystää lauantaisin?",
    ],
    "sv": [
        "ID",
        "Starttid",
        "Sluttid",
        "E-post",
        "Namn",
        "Senast ändrad",
        "Ditt namn",
        "På vilka språk kan du ha jour?",
        "När kan du ha jour på måndagar?",
        "När kan du ha jour på onsdagar?",
        "När kan du ha jour på lördagar?",
    ],
    "en": [
        "ID",
        "Start time",
        "Completion time",
        "Email",
        "Name",
        "Last modified time",
        "Full name",
        "Which languages can you chat in?",
        "When can you be on duty on Mondays?",
        "When can you be on duty on Wednesdays?",
        "When can you be on duty on Saturdays?",
    ],
}


def ms_forms_rows(lang):
    stamp = datetime(2026, 2, 10, 12, 1, 5)
    return [
        MS_FORMS_HEADERS[lang],
        # an anonymous form: Email is "anonymous", the form's Name is empty
        [1, stamp, stamp, "anonymous", None, None, "Anna Virtanen", "suomi;ruotsi;",
         "18–20;20–22;", "klo 18-22;", "ilta;"],
        # a signed-in answer: the form's own Email and Name are the person's
        [2, stamp, stamp, "bo@example.org", "Bo Ek", None, None, "finska, svenska",
         None, "ei käy", "Evening (17-21);"],
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_microsoft_forms_export(tmp_path, lang):
    path = write_book(tmp_path / f"forms-{lang}.xlsx", {"Sheet1": ms_forms_rows(lang)})
    intake = load(path)
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].shape == "ms_forms"
    anna = next(p for p in intake.people if p.name == "Anna Virtanen")
    bo = next(p for p in intake.people if p.name == "Bo Ek")
    assert anna.email == "" and anna.languages == ("fi", "sv")
    assert bo.email == "bo@example.org" and bo.languages == ("fi", "sv")
    assert pieces(intake, "Anna Virtanen") == [
        (0, None, 18 * 60, 20 * 60, "available"),
        (0, None, 20 * 60, 22 * 60, "available"),
        (2, None, 18 * 60, 22 * 60, "available"),
        (5, None, 17 * 60, 21 * 60, "available"),  # ilta: 17-21 by the day-part table
    ]
    # four Mondays 4 h, four Wednesdays 4 h, four Saturdays 4 h (2 h of it before opening)
    assert hours(intake, "Anna Virtanen") == (48.0, 0.0)
    assert pieces(intake, "Bo Ek") == [(5, None, 17 * 60, 21 * 60, "available")]
    # the form's own ID and times are recognised and named, never silently dropped
    skipped = " ".join(f.text() for f in intake.findings.warnings if "own columns" in f.text())
    assert MS_FORMS_HEADERS[lang][0] in skipped and MS_FORMS_HEADERS[lang][2] in skipped


def test_microsoft_forms_unknown_question_is_warned_about(tmp_path):
    rows = ms_forms_rows("fi")
    rows[0].append("Milloin et pääse?")
    rows[1].append("11.3.")
    intake = load(write_book(tmp_path / "f.xlsx", {"Sheet1": rows}))
    assert not intake.findings.errors
    warned = texts(intake.findings.warnings)
    assert "column 'Milloin et pääse?' was not understood" in warned["f.xlsx › Sheet1 › L1"]
    assert "1 filled cell was not read" in warned["f.xlsx › Sheet1 › L1"]


GOOGLE_HEADERS = {
    "fi": ["Aikaleima", "Sähköpostiosoite", "Nimi", "Kielet", "Milloin voit päivystää?"],
    "sv": ["Tidstämpel", "E-postadress", "Namn", "Språk", "När kan du ha jour?"],
    "en": ["Timestamp", "Email address", "Name", "Languages", "When can you be on duty?"],
}
DAYS = {
    "fi": ["Maanantai", "Tiistai", "Lauantai"],
    "sv": ["Måndag", "Tisdag", "Lördag"],
    "en": ["Monday", "Tuesday", "Saturday"],
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_google_forms_checkbox_grid_by_day(tmp_path, lang):
    *head, question = GOOGLE_HEADERS[lang]
    header = head + [f"{question} [{d}]" for d in DAYS[lang]]
    rows = [
        header,
        ["2026/02/10 12:01:05 EET", "anna@example.org", "Anna Virtanen", "suomi, ruotsi",
         "18–20, 20–22", None, "Ilta"],
        ["2026/02/11 08:30:00 EET", "bo@example.org", "Bo Ek", "svenska", None,
         "klo 9–12", "16-20 *"],
    ]  # fmt: skip
    intake = load(write_csv(tmp_path / f"google-{lang}.csv", rows))
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].shape == "google_forms"
    assert [p.languages for p in intake.people] == [("fi", "sv"), ("sv",)]
    assert pieces(intake, "Anna Virtanen") == [
        (0, None, 1080, 1200, "available"),
        (0, None, 1200, 1320, "available"),
        (5, None, 1020, 1260, "available"),
    ]
    assert hours(intake, "Bo Ek") == (4 * 3 + 4 * 4, 4 * 4)  # Tuesdays 3 h, Saturdays 4 h preferred


def test_google_forms_grid_with_times_as_rows(tmp_path):
    rows = [
        ["Aikaleima", "Nimi", "Milloin voit päivystää? [18–20]", "Milloin voit päivystää? [20–22]"],
        [datetime(2026, 2, 10, 12, 1), "Anna Virtanen", "Maanantai, Keskiviikko", "Maanantai"],
        [datetime(2026, 2, 10, 12, 5), "Bo Ek", None, "ti 3.3."],
    ]
    intake = load(write_book(tmp_path / "g.xlsx", {"Lomakevastaukset 1": rows}))
    assert not intake.findings.errors, intake.findings.items
    assert pieces(intake, "Anna Virtanen") == [
        (0, None, 1080, 1200, "available"),
        (0, None, 1200, 1320, "available"),
        (2, None, 1080, 1200, "available"),
    ]
    assert pieces(intake, "Bo Ek") == [(None, date(2026, 3, 3), 1200, 1320, "available")]


WEBROPOL = {
    "fi": ("Nimi", "Sähköposti", "Milloin voit päivystää maanantaisin?", "Milloin voit päivystää torstaisin?", ("Aamu", "Päivä", "Ilta (17–21)")),
    "sv": ("Namn", "E-post", "När kan du ha jour på måndagar?", "När kan du ha jour på torsdagar?", ("Morgon", "Eftermiddag", "Kväll (17–21)")),
    "en": ("Name", "Email", "When can you be on duty on Mondays?", "When can you be on duty on Thursdays?", ("Morning", "Afternoon", "Evening (17–21)")),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_webropol_style_options_with_two_header_rows(tmp_path, lang):
    name, email, monday, thursday, options = WEBROPOL[lang]
    rows = [
        ["Vastaajan tunnus", name, email, monday, None, None, thursday, None, None],
        [None, None, None, *options, *options],
        [101, "Anna Virtanen", "anna@example.org", 1, 1, None, None, None, 1],
        [102, "Bo Ek", "bo@example.org", None, None, None, 1, 1, 1],
    ]
    intake = load(write_book(tmp_path / f"webropol-{lang}.xlsx", {"Vastaukset": rows}))
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].shape == "options"
    # morning 9-12 and afternoon 12-17 chosen next to each other: one piece 9-17
    assert pieces(intake, "Anna Virtanen") == [
        (0, None, 540, 1020, "available"),
        (3, None, 1020, 1260, "available"),
    ]
    assert pieces(intake, "Bo Ek") == [(3, None, 540, 1260, "available")]
    assert hours(intake, "Bo Ek") == (48.0, 0.0)


def test_check_reads_a_survey_and_says_what_it_read(tmp_path, capsys):
    path = write_book(tmp_path / "forms.xlsx", {"Sheet1": ms_forms_rows("en")})
    assert main(["check", str(path), *ARGS]) == 0
    out = capsys.readouterr().out
    assert "Microsoft Forms export, 2 people" in out
    assert "ilta / kväll / evening = 17:00–21:00 (1 cell)" in out
    assert "ready to plan" in out
