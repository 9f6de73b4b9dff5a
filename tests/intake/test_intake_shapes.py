"""Every accepted shape, read from real workbooks written here."""

from datetime import date, datetime, time

import openpyxl
from intake_support import H
from intake_support import write_book as book
from openpyxl import Workbook

from scheduler.domain import Rules
from scheduler.hours import offered_intervals, offered_slots, slot_grid
from scheduler.intake import load_availability


def hours_of(intake, name, horizon=H):
    return sum(i.hours for i in offered_intervals(intake.availability, horizon).get(name, []))


def pieces_of(intake, name):
    return sorted(
        (p.weekday, p.day, p.start_minute, p.end_minute, p.preference)
        for p in intake.availability
        if p.name == name
    )


CANONICAL_PEOPLE = [
    ["name", "email", "organisation", "role", "languages", "mentor", "trainee", "max_hours"],
    ["Anna Virtanen", "Anna@Example.org", "MIELI", "volunteer", "fi, sv", "yes", "no", 12],
    ["Bo Ek", "bo@example.org", "Luckan", "chat_team", "sv", "no", "no", None],
    ["Cilla Nieminen", None, None, None, None, None, "kyllä", None],
]


def test_canonical_weekdays_dates_and_away(tmp_path):
    avail = [
        ["name", "date", "weekday", "start", "end", "preference"],
        ["Anna Virtanen", None, "ti (tue)", "18:00", "22:00", "preferred"],
        ["Anna Virtanen", date(2026, 3, 10), None, "18:00", "22:00", "away"],
        ["Bo Ek", datetime(2026, 3, 5), None, time(14), time(19), None],
        ["Cilla Nieminen", None, "ma-pe", 0.75, "24:00", "available"],
    ]
    path = book(tmp_path / "a.xlsx", {"People": CANONICAL_PEOPLE, "Availability": avail})
    intake = load_availability([path], H, Rules())
    assert not intake.findings.errors, intake.findings.items
    anna = next(p for p in intake.people if p.name == "Anna Virtanen")
    assert (anna.email, anna.languages, anna.mentor, anna.max_hours) == (
        "anna@example.org",
        ("fi", "sv"),
        True,
        12,
    )
    cilla = next(p for p in intake.people if p.name == "Cilla Nieminen")
    assert cilla.trainee and cilla.role == "volunteer" and cilla.languages == ("fi",)
    assert hours_of(intake, "Anna Virtanen") == 3 * 4  # four Tuesdays, one away
    assert hours_of(intake, "Bo Ek") == 5
    assert hours_of(intake, "Cilla Nieminen") == 20 * 6  # ma-pe 18-24, 4 weeks
    assert [s.shape for s in intake.sheets] == ["people", "availability"]


FREE_TEXT_HEADERS = {
    "fi": ["Nimi", "Sähköposti", "Järjestö", "Kielet", "ma", "ti", "ke", "to", "pe", "la", "su"],
    "sv": [
        "Namn",
        "E-post",
        "Organisation",
        "Språk",
        "måndag",
        "tisdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lördag",
        "söndag",
    ],
    "en": [
        "Name",
        "Email",
        "Organisation",
        "Languages",
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ],
}


def test_free_text_in_three_languages(tmp_path):
    for lang, header in FREE_TEXT_HEADERS.items():
        row = [
            "Anna Virtanen",
            "anna@example.org",
            "MIELI",
            "suomi, ruotsi",
            "18-22",
            "klo 15–19, 21–24",
            None,
            "9.00-12.00",
            "16:30–20",
            "ei",
            "20-24 *",
        ]
        path = book(tmp_path / f"{lang}.xlsx", {"Taul1": [header, row]})
        intake = load_availability([path], H, Rules())
        assert not intake.findings.errors, (lang, intake.findings.items)
        assert intake.sheets[0].shape == "free_text"
        assert pieces_of(intake, "Anna Virtanen") == [
            (0, None, 1080, 1320, "available"),
            (1, None, 900, 1140, "available"),
            (1, None, 1260, 1440, "available"),
            (3, None, 540, 720, "available"),
            (4, None, 990, 1200, "available"),
            (6, None, 1200, 1440, "preferred"),
        ]
        assert intake.people[0].languages == ("fi", "sv")


def test_free_text_title_rows_and_merged_headers(tmp_path):
    rows = [
        ["HelsinkiMissio – vuorotoiveet maaliskuu 2026"],
        [],
        ["Nimi", "Sähköposti", "Vuorotoiveet (klo)"],
        [None, None, "ma", "ti", "ke", "to", "pe", "la", "su"],
        ["Eetu Aalto", "eetu@example.org", "18-22", None, None, None, None, None, None],
        ["Iida Salo", "iida@example.org", "17–21"],
    ]
    merges = {
        "Vuorot": ["A1:I1", "C3:I3", "A3:A4", "B3:B4", "C6:G6"]
    }  # Iida: one merged cell over ma–pe
    path = book(tmp_path / "org.xlsx", {"Vuorot": rows}, merges)
    intake = load_availability([path], H, Rules())
    assert not intake.findings.errors, intake.findings.items
    assert sorted(p.name for p in intake.people) == ["Eetu Aalto", "Iida Salo"]
    assert hours_of(intake, "Eetu Aalto") == 4 * 4
    assert [w for w, *_ in pieces_of(intake, "Iida Salo")] == [0, 1, 2, 3, 4]


def test_free_text_with_date_columns(tmp_path):
    rows = [
        ["Nimi", "ma 2.3.", "ti 3.3.", datetime(2026, 3, 29)],
        ["Eetu Aalto", "18-22", None, "20-24"],
    ]
    intake = load_availability([book(tmp_path / "d.xlsx", {"S": rows})], H, Rules())
    assert not intake.findings.errors, intake.findings.items
    assert pieces_of(intake, "Eetu Aalto") == [
        (None, date(2026, 3, 2), 1080, 1320, "available"),
        (None, date(2026, 3, 29), 1200, 1440, "available"),
    ]
    # 2026-03-29 is the spring DST day: 20-24 is still four real hours.
    assert hours_of(intake, "Eetu Aalto") == 8


def grid_rows(day_labels, hours, marks):
    header = ["Nimi"] + [d for d in day_labels for _ in hours]
    hour_row = [None] + [h for _ in day_labels for h in hours]
    return [header, hour_row, *marks]


def test_hour_grid_under_merged_weekdays(tmp_path):
    hours = [17, 18, 19, 20, 21, 22, 23]
    rows = grid_rows(
        ["ma", "ti"],
        hours,
        [
            [
                "Eetu Aalto",
                "x",
                "x",
                "✓",
                None,
                "p",
                "2",
                None,
                "1",
                None,
                None,
                None,
                None,
                None,
                "X",
            ]
        ],
    )
    # Excel-style: the weekday written once, merged over its hour columns.
    for c in range(2, len(rows[0])):
        if (c - 1) % len(hours):
            rows[0][c] = None
    merges = {"Grid": ["B1:H1", "I1:O1", "A1:A2"]}
    intake = load_availability([book(tmp_path / "g.xlsx", {"Grid": rows}, merges)], H, Rules())
    assert not intake.findings.errors, intake.findings.items
    assert intake.sheets[0].shape == "grid"
    assert pieces_of(intake, "Eetu Aalto") == [
        (0, None, 1020, 1200, "available"),
        (0, None, 1260, 1380, "preferred"),
        (1, None, 1020, 1080, "available"),
        (1, None, 1380, 1440, "available"),
    ]


def test_hour_grid_with_dates_and_ranges_as_labels(tmp_path):
    rows = [
        ["Name", date(2026, 3, 7), None, None],
        [None, "15-16", "16-17", "17-18"],
        ["Bo Ek", "p", "p", "x"],
    ]
    intake = load_availability([book(tmp_path / "g.xlsx", {"S": rows})], H, Rules())
    assert not intake.findings.errors, intake.findings.items
    assert pieces_of(intake, "Bo Ek") == [
        (None, date(2026, 3, 7), 900, 1020, "preferred"),
        (None, date(2026, 3, 7), 1020, 1080, "available"),
    ]


def test_half_hour_grid_with_thirty_minute_slots(tmp_path):
    labels = ["18:00", "18:30", "19:00", "19:30"]
    rows = [["Nimi", "ke", None, None, None], [None, *labels], ["Bo Ek", None, "x", "x", None]]
    rules = Rules(slot_minutes=30)
    intake = load_availability([book(tmp_path / "h.xlsx", {"S": rows})], H, rules)
    assert not intake.findings.errors and not intake.findings.warnings
    assert pieces_of(intake, "Bo Ek") == [(2, None, 1110, 1170, "available")]
    slots = slot_grid(H, rules)
    offered = offered_slots(offered_intervals(intake.availability, H)["Bo Ek"], slots)
    assert len(offered) == 2 * 4  # 18:30-19:30 is two half-hour slots, four Wednesdays


def test_off_grid_time_warns_with_hour_slots_only(tmp_path):
    rows = [["Nimi", "ma"], ["Bo Ek", "16:30–20"]]
    path = book(tmp_path / "f.xlsx", {"S": rows})
    hourly = load_availability([path], H, Rules())
    assert [str(f.where) for f in hourly.findings.warnings] == ["f.xlsx › S › B2"]
    assert "slot grid" in hourly.findings.warnings[0].text()
    assert not load_availability([path], H, Rules(slot_minutes=30)).findings.warnings


def test_time_outside_opening_is_a_located_warning(tmp_path):
    rows = [["Nimi", "la", "ti"], ["Bo Ek", "10-16", "7-8"]]
    intake = load_availability([book(tmp_path / "f.xlsx", {"S": rows})], H, Rules())
    assert not intake.findings.errors
    by_cell = {str(f.where): f.text() for f in intake.findings.warnings}
    assert "10:00–15:00 is outside opening hours (20 h in the period)" in by_cell["f.xlsx › S › B2"]
    assert "all of this time is outside opening hours" in by_cell["f.xlsx › S › C2"]
    # Kept in the intake (check counts it), but no slot lies there.
    slots = slot_grid(H, Rules())
    offered = offered_slots(offered_intervals(intake.availability, H)["Bo Ek"], slots)
    assert all(slots[i].start.hour >= 15 for i in offered) and len(offered) == 4


def test_excel_numbers_and_times_in_canonical_rows(tmp_path):
    avail = [
        ["name", "weekday", "start", "end"],
        ["Bo Ek", "to", 14, 19],
        ["Bo Ek", "la", 0.6666666666666666, time(20, 0)],
        ["Bo Ek", 1, "9", "12"],
    ]
    people = [["name", "languages"], ["Bo Ek", "sv"]]
    intake = load_availability(
        [book(tmp_path / "n.xlsx", {"People": people, "Availability": avail})], H, Rules()
    )
    assert not intake.findings.errors, intake.findings.items
    assert pieces_of(intake, "Bo Ek") == [
        (0, None, 540, 720, "available"),
        (3, None, 840, 1140, "available"),
        (5, None, 960, 1200, "available"),
    ]


def test_csv_free_text_semicolons_and_windows_encoding(tmp_path):
    path = tmp_path / "vuorot.csv"
    path.write_bytes(
        "Nimi;Sähköposti;ma;ti\nÄijä Öhman;aija@example.org;18-22;klo 9–12\n".encode("cp1252")
    )
    intake = load_availability([path], H, Rules())
    assert not intake.findings.errors, intake.findings.items
    assert intake.people[0].name == "Äijä Öhman"
    assert hours_of(intake, "Äijä Öhman") == 7 * 4


def test_csv_locations_name_row_and_column(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("Name,Mon\nBo Ek,22-18\n", encoding="utf-8")
    intake = load_availability([path], H, Rules())
    assert [str(f.where) for f in intake.findings.errors] == ["v.csv › row 2, column B"]


def test_cells_starting_with_equals_are_values(tmp_path):
    path = tmp_path / "eq.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Nimi", "ma"])
    ws.append([None, "18-22"])
    ws["A2"].value = '=HYPERLINK("http://x")'
    ws["A2"].data_type = "s"  # text that looks like a formula
    wb.save(path)
    intake = load_availability([path], H, Rules())
    assert [p.name for p in intake.people] == ['=HYPERLINK("http://x")']


def test_formulas_are_not_evaluated(tmp_path):
    path = tmp_path / "f.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Nimi", "ma"])
    ws.append(["Bo Ek", "=1+1"])  # a formula with no saved value: nothing is computed
    wb.save(path)
    intake = load_availability([path], H, Rules())
    assert intake.availability == ()
    assert any("offered no time" in f.text() for f in intake.findings.warnings)


def test_defusedxml_guards_the_reader():
    assert openpyxl.DEFUSEDXML is True
