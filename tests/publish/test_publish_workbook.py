"""roster.xlsx: the sheets people need, formula-safe text, frozen headers, print setup."""

from __future__ import annotations

import re
import zipfile
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from test_publish_fixtures import SPRING, TRICKY, problem, result, shift, spring_shifts, summary

from scheduler.publish.sheets import FONT_NAME, print_scale
from scheduler.publish.workbook import write_roster_xlsx


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    prob = problem()
    res = result(prob, spring_shifts())
    path = tmp_path_factory.mktemp("xlsx") / "roster.xlsx"
    write_roster_xlsx(path, prob, res, summary(prob, res))
    return path


def rows(ws) -> list[tuple]:
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def test_workbook_has_the_sheets_people_need(book):
    wb = load_workbook(book)
    assert wb.sheetnames == ["Shifts", "Week 1", "People", "Coverage", "Heatmap", "Summary"]


def test_shifts_sheet_one_row_a_shift_filterable(book):
    ws = load_workbook(book)["Shifts"]
    table = rows(ws)
    header = table[0]
    assert header[:8] == ("Date", "Weekday", "Week", "Start", "End", "Hours", "Service", "Name")
    body = [dict(zip(header, r, strict=True)) for r in table[1:]]
    assert len(body) == len(spring_shifts())
    sunday = [
        r for r in body if r["Name"] == "Anna Virtanen" and r["Date"].date() == date(2026, 3, 29)
    ]
    assert [(r["Start"], r["End"], r["Hours"]) for r in sunday] == [("18:00", "22:00", 4)]
    saturday = [
        r for r in body if r["Name"] == "Anna Virtanen" and r["Date"].date() == date(2026, 3, 28)
    ]
    assert [(r["Start"], r["End"]) for r in saturday] == [("20:00", "24:00")]
    assert {r["Service"] for r in body} == {"Sekasin-chat", "Sekasin-chatten"}
    assert ws.auto_filter.ref == f"A1:K{len(body) + 1}"
    assert ws.freeze_panes == "A2"


def test_formula_like_input_stays_text(book):
    wb = load_workbook(book)
    found = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and TRICKY in cell.value:
                    found.append((ws.title, cell.data_type))
                if cell.value in ("+358 40 123", "@org"):
                    found.append((ws.title, cell.data_type))
    sheets = {title for title, _ in found}
    assert {"Shifts", "Week 1", "People"} <= sheets  # names are not on the Coverage sheet
    assert all(kind == "s" for _, kind in found)
    shifts = load_workbook(book)["Shifts"]
    names = [c for c in shifts["H"] if c.value == TRICKY]
    assert names and names[0].data_type == "s" and names[0].quotePrefix
    with zipfile.ZipFile(book) as archive:
        for member in archive.namelist():
            if member.startswith("xl/worksheets/"):
                assert not re.search(r"<f[ >]", archive.read(member).decode()), member


def test_week_grid_names_by_day_and_hour_coloured_by_service(tmp_path):
    prob = problem()
    res = result(prob, spring_shifts())
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(path, prob, res, summary(prob, res))
    ws = load_workbook(path, rich_text=True)["Week 1"]
    header = [c.value for c in ws[4]]
    assert header[0] == "Time"
    assert header[1] == "Mon\n23 Mar" and header[7] == "Sun\n29 Mar"
    times = {ws.cell(row=r, column=1).value: r for r in range(5, ws.max_row + 1)}
    assert "09:00–10:00" in times and "23:00–24:00" in times
    monday_14 = ws.cell(row=times["14:00–15:00"], column=2).value
    assert "Åsa Öberg (sv)" in str(monday_14)
    colours = {block.text: block.font.color.rgb for block in monday_14 if hasattr(block, "font")}
    assert colours["Åsa Öberg (sv)"].endswith("C55A11")
    sunday_18 = str(ws.cell(row=times["18:00–19:00"], column=8).value)
    assert "Anna Virtanen" in sunday_18 and "Åsa Öberg" in sunday_18
    # Saturday 28.3. 23–24 is Anna's last hour; nobody Sunday 29.3. at 23 (open, short).
    assert "Anna Virtanen" in str(ws.cell(row=times["23:00–24:00"], column=7).value)
    short = ws.cell(row=times["23:00–24:00"], column=8)
    assert str(short.value) == "⚠ Sekasin-chat: 0 of 1"  # says which chat is short
    assert short.fill.fgColor.rgb.endswith("F8CBAD")
    # Monday 14–15 both chats are open; only the Finnish one is short (Åsa is on the Swedish).
    assert str(monday_14).endswith("⚠ Sekasin-chat: 0 of 1")
    assert "Sekasin-chatten:" not in str(monday_14)
    closed = ws.cell(row=times["09:00–10:00"], column=7)  # Saturday morning: closed
    assert closed.fill.fgColor.rgb.endswith("EDEDED")
    assert ws.freeze_panes == "B5"
    assert ws.print_title_rows == "$4:$4"


def test_people_hours_against_offered_and_limits(book):
    ws = load_workbook(book)["People"]
    table = rows(ws)
    header = table[0]
    body = {r[0]: dict(zip(header, r, strict=True)) for r in table[1:]}
    anna = body["Anna Virtanen"]
    # Every evening 14–24 for 7 days (70 h) plus Monday 09–14 preferred (Mon 09–24 preferred).
    assert anna["Offered h"] == pytest.approx(75)
    assert anna["Preferred offered h"] == pytest.approx(15)
    assert anna["Assigned h"] == pytest.approx(12)
    assert anna["Shifts"] == 3
    assert anna["Share of offered"] == pytest.approx(12 / 75)
    assert (anna["Min hours"], anna["Max hours"]) == (10, 20)
    assert body["Åsa Öberg"]["Offered h"] == pytest.approx(60)  # away on Tuesday
    assert body["Matti Meikäläinen"]["Assigned h"] == 0
    assert "below min_hours" not in (anna["Note"] or "")


def test_people_sheet_flags_below_min_hours(tmp_path):
    prob = problem()
    res = result(prob, [shift("Anna Virtanen", SPRING, 18, 22)])
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(path, prob, res, summary(prob, res))
    body = {r[0]: r for r in rows(load_workbook(path)["People"])[1:]}
    assert "below min hours (4 < 10)" in body["Anna Virtanen"][-1]


def test_coverage_heatmap_with_colour_scales_and_short_rows(book):
    ws = load_workbook(book)["Coverage"]
    table = rows(ws)
    header = table[0]
    assert header[:11] == (
        "Service",
        "Date",
        "Weekday",
        "Start",
        "End",
        "Staffed",
        "Minimum",
        "Below minimum",
        "Forecast contacts",
        "Expected answered",
        "Expected answer rate",
    )
    body = [dict(zip(header, r, strict=True)) for r in table[1:]]
    prob = problem()
    assert len(body) == len(result(prob, spring_shifts()).coverage)
    short = [r for r in body if r["Below minimum"]]
    assert short and all(r["Staffed"] < r["Minimum"] for r in short)
    assert all(not r["Below minimum"] for r in body if r["Staffed"] >= r["Minimum"])
    covered = next(r for r in body if r["Staffed"] == 2)
    assert covered["Expected answer rate"] == pytest.approx(0.16)
    ranges = {str(cf.sqref): [rule.type for rule in cf.rules] for cf in ws.conditional_formatting}
    last = len(body) + 1
    assert ranges == {
        f"F2:F{last}": ["colorScale"],
        f"I2:I{last}": ["colorScale"],
        f"K2:K{last}": ["colorScale"],
    }
    row = 1 + body.index(short[0]) + 1
    assert ws.cell(row=row, column=1).fill.fgColor.rgb.endswith("F8CBAD")


def test_heatmap_day_by_hour_answer_rate_per_service(book):
    ws = load_workbook(book)["Heatmap"]
    column_a = [c.value for c in ws["A"]]
    fi_header = column_a.index("Time") + 1
    sv_header = column_a.index("Time", fi_header) + 1
    assert ws.cell(row=fi_header - 1, column=1).value == "Sekasin-chat (fi)"
    assert ws.cell(row=sv_header - 1, column=1).value == "Sekasin-chatten (sv)"
    assert ws.cell(row=fi_header, column=8).value == "Sun\n29 Mar"
    fi_rows = {column_a[r - 1]: r for r in range(fi_header + 1, sv_header - 1)}
    # Sunday 29.3. 18–19: Anna and Åsa on, 1.6 of 10 contacts answered.
    assert ws.cell(row=fi_rows["18:00"], column=8).value == pytest.approx(0.16)
    sunday_23 = ws.cell(row=fi_rows["23:00"], column=8)  # open, nobody on: below minimum
    assert sunday_23.value == 0 and sunday_23.border.left.style == "medium"
    saturday_9 = ws.cell(row=fi_rows["09:00"], column=7)  # closed
    assert saturday_9.value is None and saturday_9.fill.fgColor.rgb.endswith("EDEDED")
    monday_14_sv = ws.cell(row=sv_header + 1, column=2)
    assert ws.cell(row=sv_header + 1, column=1).value == "14:00"
    assert monday_14_sv.value == pytest.approx(0.08) and monday_14_sv.border.left.style is None
    assert [rule.type for cf in ws.conditional_formatting for rule in cf.rules] == [
        "colorScale",
        "colorScale",
    ]


def test_summary_shows_figures_and_settings(book):
    ws = load_workbook(book)["Summary"]
    values = {r[0]: r[1] for r in rows(ws) if r and r[0]}
    assert values["Status"] == "OPTIMAL"
    assert values["Expected answer rate"] == pytest.approx(
        summary(problem(), result(problem(), spring_shifts()))["expected_answer_rate"]
    )
    assert values["aht_minutes"] == 70.0
    assert values["patience_minutes"] == 10.0
    assert values["time_limit"] == 30.0
    assert values["Open slots below minimum staff"] > 0


def test_every_sheet_prints_readably_on_a4_in_one_sans_font(tmp_path):
    # A four-week plan with many long names: the sheets that were too small in print.
    prob = problem(SPRING - timedelta(days=21), weeks=4)
    many = [
        shift(
            f"Pitkänimi-Henkilö Numero {i:02d} Virtanen-Korhonen", SPRING + timedelta(i % 7), 18, 22
        )
        for i in range(19)
    ]
    res = result(prob, [*spring_shifts(), *many])
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(path, prob, res, summary(prob, res))
    wb = load_workbook(path)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert int(setup.paperSize) == int(ws.PAPERSIZE_A4), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows, ws.title
        assert ws.freeze_panes, ws.title
        # Excel and LibreOffice shrink the sheet to its pages wide: never below 8 pt.
        smallest = min(
            (c.font.sz for row in ws.iter_rows() for c in row if c.value is not None),
            default=11,
        )
        assert smallest * print_scale(ws) >= 8.0, (ws.title, print_scale(ws))
        if setup.fitToWidth > 1:
            assert ws.print_title_cols == "$A:$A", ws.title
        # Every text cell names the one sans font (no serif fallback for "bold" only).
        fonts = {c.font.name for row in ws.iter_rows() for c in row if c.value is not None}
        assert fonts == {FONT_NAME}, (ws.title, fonts)
    assert wb["Shifts"].page_setup.orientation == "landscape"
    assert wb["Shifts"].page_setup.fitToWidth == 1
    assert wb["Coverage"].page_setup.fitToWidth == 1
    assert FONT_NAME == "Calibri"  # a sans font, the workbook's own default
    widths = wb["Shifts"].column_dimensions
    assert widths["H"].width >= len(TRICKY)
    # Rich text (the names on the week sheets) in the same font.
    week = load_workbook(path, rich_text=True)["Week 4"]
    runs = [
        block.font.rFont
        for row in week.iter_rows(min_row=5)
        for c in row
        if hasattr(c.value, "__iter__") and not isinstance(c.value, str)
        for block in c.value
        if hasattr(block, "font")
    ]
    assert runs and set(runs) == {FONT_NAME}


def test_date_headers_are_not_clipped_and_numbers_stand_apart(book):
    wb = load_workbook(book)
    for title, row in (("Heatmap", None), ("Week 1", 4)):
        ws = wb[title]
        rows = [row] if row else [c.row for c in ws["A"] if c.value == "Time"]
        for r in rows:
            height = ws.row_dimensions[r].height
            for cell in ws[r][1:]:
                if not cell.value:
                    continue
                lines = cell.value.split("\n")
                width = ws.column_dimensions[cell.column_letter].width
                assert max(len(line) for line in lines) + 1 <= width, (title, cell.value, width)
                assert height >= len(lines) * 11 * 1.2, (title, cell.value, height)
    shifts = wb["Shifts"]
    hours = shifts.cell(row=2, column=6)
    assert isinstance(hours.value, int | float)
    assert hours.alignment.horizontal == "right" and hours.alignment.indent >= 1
    assert shifts.cell(row=1, column=6).alignment.horizontal == "right"  # over its numbers
    assert shifts.cell(row=2, column=7).alignment.horizontal != "right"


def test_summary_rounds_answered_and_shows_no_folders(tmp_path):
    prob = problem()
    res = result(prob, spring_shifts())
    data = summary(prob, res)
    data["expected_answered"] = 1234.5678
    data["settings"]["previous"] = "/home/koordinaattori/Salainen kansio/roster.csv"
    data["settings"]["mapping"] = "C:\\Users\\anna\\mapping.json"
    data["hours_by_organisation"] = {"(none)": 4.0, "MIELI ry": 8.0}
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(path, prob, res, data)
    ws = load_workbook(path)["Summary"]
    values = {r[0]: r[1] for r in rows(ws) if r and r[0]}
    assert values["Expected answered contacts"] == 1235
    assert values["previous"] == "roster.csv" and values["mapping"] == "mapping.json"
    text = " ".join(str(v) for r in rows(ws) for v in r if v is not None)
    assert "/home/" not in text and "Users" not in text
    assert values["no organisation given"] == 4.0 and "(none)" not in values


def test_a_finnish_workbook_has_finnish_sheets_headers_and_times(tmp_path):
    prob = problem()
    res = result(prob, spring_shifts())
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(path, prob, res, summary(prob, res), lang="fi")
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Vuorot",
        "Viikko 1",
        "Henkilöt",
        "Kattavuus",
        "Lämpökartta",
        "Yhteenveto",
    ]
    shifts = rows(wb["Vuorot"])
    assert shifts[0][:5] == ("Päivä", "Viikonpäivä", "Viikko", "Alkaa", "Päättyy")
    anna = [r for r in shifts[1:] if r[7] == "Anna Virtanen"]
    assert ("la", "20.00", "24.00") in [(r[1], r[3], r[4]) for r in anna]
    week = wb["Viikko 1"]
    assert week.cell(row=4, column=1).value == "Klo"
    assert week.cell(row=4, column=8).value == "su\n29.3."
    assert week.cell(row=5, column=1).value == "09.00–10.00"
    assert week.cell(row=1, column=1).value == "Viikko 1 (ISO-viikko 13): 23.3.–29.3.2026"
    assert wb["Kattavuus"].cell(row=2, column=4).value.count(".") == 1  # 09.00
    sv = tmp_path / "sv.xlsx"
    write_roster_xlsx(sv, prob, res, summary(prob, res), lang="sv")
    assert load_workbook(sv).sheetnames[0] == "Pass"


def test_a_four_week_horizon_has_a_grid_a_week(tmp_path):
    prob = problem(SPRING - timedelta(days=21), weeks=4)
    res = result(prob, spring_shifts())
    path = tmp_path / "roster.xlsx"
    write_roster_xlsx(path, prob, res, summary(prob, res))
    wb = load_workbook(path)
    assert wb.sheetnames[1:5] == ["Week 1", "Week 2", "Week 3", "Week 4"]
    last = wb["Week 4"]
    times = {last.cell(row=r, column=1).value: r for r in range(5, last.max_row + 1)}
    assert "Anna Virtanen" in str(last.cell(row=times["18:00–19:00"], column=8).value)
    first = wb["Week 1"]
    assert all(  # nobody on duty in week 1: only the lines saying which chat is short
        first.cell(row=r, column=c).value is None
        or str(first.cell(row=r, column=c).value).startswith("⚠ Sekasin-chat")
        for r in range(5, first.max_row + 1)
        for c in range(2, 9)
    )


def test_cells_share_a_few_named_styles_not_one_per_cell(tmp_path):
    # Each distinct format is one named style (what a spreadsheet program lists under cell
    # styles), however many cells carry it: a month has no more styles than a week.
    counts = []
    for weeks in (1, 4):
        prob = problem(SPRING - timedelta(days=7 * (weeks - 1)), weeks=weeks)
        res = result(prob, spring_shifts())
        path = tmp_path / f"{weeks}.xlsx"
        write_roster_xlsx(path, prob, res, summary(prob, res))
        wb = load_workbook(path)
        styles = [name for name in wb.named_styles if name != "Normal"]
        assert 0 < len(styles) <= 30
        used = {c.style for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value}
        assert used <= set(styles) | {"Normal"}
        counts.append(len(styles))
    assert counts[0] == counts[1]
