"""``roster.xlsx``: the roster for people to read, filter and print, in the plan's language.

Sheets, in order (their names in the workbook's language, here in English):

* ``Shifts`` — one row a shift (date, weekday, time, hours, service, person), filterable;
* ``Week 1`` … ``Week N`` — a day × hour grid a week, names coloured by service
  (legend on top); an open hour below its minimum staff is shaded and says which chat is
  short; closed hours grey;
* ``People`` — each person's assigned hours against the hours they offered and their limits;
* ``Coverage`` — a row a slot: staffed, minimum, forecast contacts, expected answered and
  answer rate with colour scales; slots below their minimum marked (the names on duty are
  on the week sheets);
* ``Heatmap`` — per service, slot of the day × day of the horizon, the expected answer
  rate on a colour scale, slots below their minimum boxed in red;
* ``Summary`` — the solve's figures and the settings used (the ``summary.json`` object).

Every sheet prints on A4 at 78 % or more (see :mod:`scheduler.publish.sheets`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.formatting.rule import ColorScaleRule, DataBarRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain import SERVICES, Person, Problem, Shift
from ..hours import offered_hours, offered_intervals, slot_grid
from ..i18n import N_, _, current_language, fmt_date, normalise_language, use_language
from ..roster import CoverageRow, Result
from .sheets import (
    BOLD_FONT,
    CENTRED,
    CLOSED_FILL,
    FONT_NAME,
    FONT_SIZE,
    GRID_BORDER,
    SERVICE_COLOURS,
    SHORT_BORDER,
    SHORT_FILL,
    TITLE_FONT,
    TOP,
    WRAP_TOP,
    fit_widths,
    font,
    header,
    line_height,
    printable,
    put,
    table,
    wrapped_lines,
)
from .words import clock, local, minute_clock, service_name, weekday_short, word

HOURS_FORMAT = "0.0#"
PERCENT_FORMAT = "0.0%"
ONE_DECIMAL = "0.0"
WHOLE = "#,##0"
SHORT_COLOUR = "FFC00000"
DAY_COLUMN_WIDTH = 23

ROLE_WORDS = {
    "volunteer": N_("volunteer"),
    "student": N_("student"),
    "staff": N_("staff"),
    "chat_team": N_("chat team"),
}


def date_format(lang: str) -> str:
    """How a date cell shows: ``3.3.2026`` (fi, sv) or ``3 Mar 2026`` (en)."""
    return "d mmm yyyy" if lang == "en" else "d.m.yyyy"


def _minute(moment: datetime) -> int:
    here = local(moment)
    return here.hour * 60 + here.minute


def _day_header(day: date, lang: str) -> str:
    """``ma\\n23.3.``: weekday over the date, so a narrow column shows both whole."""
    return f"{weekday_short(day, lang)}\n{fmt_date(day, lang, weekday=False)}"


def role_word(role: str) -> str:
    return word(ROLE_WORDS[role]) if role in ROLE_WORDS else role


# --------------------------------------------------------------------------- shifts


def shifts_sheet(
    ws: Worksheet, problem: Problem, result: Result, people: Mapping[str, Person], lang: str
) -> None:
    titles = (
        _("Date"),
        _("Weekday"),
        _("Week"),
        _("Start"),
        _("End"),
        _("Hours"),
        _("Service"),
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Role"),
    )
    rows = []
    for s in result.roster:
        person = people.get(s.name)
        start = local(s.start)
        rows.append(
            (
                start.date(),
                weekday_short(start.date(), lang),
                problem.horizon.week_of(start.date()) + 1,
                clock(s.start, lang),
                clock(s.end, lang, end_of_day_from=s.start),
                s.hours,
                service_name(s.service),
                s.name,
                person.email if person else "",
                person.organisation if person else "",
                role_word(person.role) if person else "",
            )
        )
    table(ws, titles, rows, formats={1: date_format(lang), 6: HOURS_FORMAT})
    fit_widths(ws, header_rows=[1])
    printable(ws, title_rows="1:1")


# --------------------------------------------------------------------------- week grids


def _row_minutes(problem: Problem, shifts: list[Shift]) -> list[int]:
    """Minutes of the day the grid has rows for: every opening time and every shift's."""
    step = problem.rules.slot_minutes
    minutes = {
        m
        for code in problem.rules.services
        for day in SERVICES[code].weekly
        for start, end in day
        for m in range(start, end, step)
    }
    for s in shifts:
        t = s.start.astimezone(UTC)
        while t < s.end.astimezone(UTC):
            minutes.add(_minute(t))
            t += timedelta(minutes=step)
    if not minutes:
        return []
    return list(range(min(minutes), max(minutes) + 1, step))


def _on_duty(problem: Problem, shifts: list[Shift]) -> dict[tuple[date, int], list[Shift]]:
    """(local day, minute of day) → the shifts on then (stepping in elapsed time)."""
    step = timedelta(minutes=problem.rules.slot_minutes)
    out: dict[tuple[date, int], list[Shift]] = defaultdict(list)
    for s in sorted(shifts, key=lambda s: (s.service, s.name.casefold())):
        t = s.start.astimezone(UTC)
        while t < s.end.astimezone(UTC):
            out[(local(t).date(), _minute(t))].append(s)
            t += step
    return out


@lru_cache(maxsize=16)
def _inline(colour: str, *, bold: bool = False) -> InlineFont:
    return InlineFont(rFont=FONT_NAME, sz=FONT_SIZE, color=colour, b=bold)


def _label(shift: Shift) -> str:
    return shift.name if shift.service == "fi" else f"{shift.name} ({shift.service})"


def _cell_lines(shifts: list[Shift], short: list[CoverageRow]) -> list[tuple[str, str, bool]]:
    """(text, colour, bold) a line: the names on duty coloured by service, then a red line
    for each chat below its minimum staff in this hour (``⚠ Sekasin-chatten: 0 of 1``)."""
    lines = [
        (_label(s), SERVICE_COLOURS.get(s.service, "FF000000"), s.service != "fi") for s in shifts
    ]
    for row in short:
        text = _(
            "{service}: {staffed} of {minimum}",
            service=service_name(row.service),
            staffed=row.staffed,
            minimum=row.min_staff,
        )
        lines.append((f"⚠ {text}", SHORT_COLOUR, True))
    return lines


def _names_cell(lines: list[tuple[str, str, bool]]) -> CellRichText:
    parts: list[Any] = []
    for text, colour, bold in lines:
        if parts:
            parts.append("\n")
        parts.append(TextBlock(_inline(colour, bold=bold), text))
    return CellRichText(parts)


def _legend(ws: Worksheet, row: int, services: tuple[str, ...]) -> None:
    column = 2
    for code in services:
        put(
            ws,
            row,
            column,
            f"{service_name(code)} ({code})",
            font=font(bold=True, color=SERVICE_COLOURS.get(code, "FF000000")),
        )
        column += 1
    put(
        ws,
        row,
        column,
        "⚠ " + _("below the minimum staff (the line names the chat)"),
        fill=SHORT_FILL,
        font=font(bold=True, color=SHORT_COLOUR),
    )
    put(ws, row, column + 2, _("closed"), fill=CLOSED_FILL)


def week_sheet(ws: Worksheet, problem: Problem, result: Result, week: int, lang: str) -> None:
    first = problem.horizon.start + timedelta(days=7 * week)
    days = [first + timedelta(days=i) for i in range(7)]
    shifts = [s for s in result.roster if problem.horizon.week_of(s.day) == week]
    put(
        ws,
        1,
        1,
        _(
            "Week {week} (ISO week {iso}): {first}–{last}",
            week=week + 1,
            iso=first.isocalendar().week,
            first=fmt_date(days[0], lang, weekday=False),
            last=fmt_date(days[-1], lang, weekday=False, year=True),
        ),
        font=TITLE_FONT,
    )
    _legend(ws, 2, problem.rules.services)
    header(ws, 4, [_("Time"), *(_day_header(d, lang) for d in days)])
    open_at = {
        (slot.day, _minute(slot.start))
        for slot in slot_grid(problem.horizon, problem.rules)
        if slot.day in days
    }
    short_at: dict[tuple[date, int], list[CoverageRow]] = defaultdict(list)
    for row in result.coverage:
        if row.short and local(row.start).date() in days:
            short_at[(local(row.start).date(), _minute(row.start))].append(row)
    on_duty = _on_duty(problem, shifts)
    step = problem.rules.slot_minutes
    for r, minute in enumerate(_row_minutes(problem, shifts), start=5):
        put(
            ws,
            r,
            1,
            f"{minute_clock(minute, lang)}–{minute_clock(minute + step, lang)}",
            font=BOLD_FONT,
            alignment=TOP,
        )
        lines = 1
        for c, day in enumerate(days, start=2):
            key = (day, minute)
            fill = None
            if key in short_at:
                fill = SHORT_FILL
            elif key not in open_at and key not in on_duty:
                fill = CLOSED_FILL
            cell_lines = _cell_lines(on_duty.get(key, []), short_at.get(key, []))
            put(
                ws,
                r,
                c,
                _names_cell(cell_lines) if cell_lines else None,
                fill=fill,
                alignment=WRAP_TOP,
                border=GRID_BORDER,
            )
            if cell_lines:
                text = "\n".join(line for line, _colour, _bold in cell_lines)
                lines = max(lines, wrapped_lines(text, DAY_COLUMN_WIDTH - 2))
        ws.row_dimensions[r].height = line_height(lines)
    fit_widths(ws, fixed={1: 14, **{c: DAY_COLUMN_WIDTH for c in range(2, 9)}}, header_rows=[4])
    ws.freeze_panes = "B5"
    printable(ws, title_rows="4:4")


# --------------------------------------------------------------------------- people


def _limit(value: float | None) -> float | str:
    return "" if value is None else value


def people_sheet(
    ws: Worksheet, problem: Problem, result: Result, people: Mapping[str, Person]
) -> None:
    titles = (
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Role"),
        _("Languages"),
        _("Mentor"),
        _("Trainee"),
        _("Shifts"),
        _("Assigned h"),
        _("Offered h"),
        _("Preferred offered h"),
        _("Share of offered"),
        _("Min hours"),
        _("Max hours"),
        _("Max hours a week"),
        _("Max shifts a week"),
        _("Note"),
    )
    offered = offered_intervals(problem.availability, problem.horizon)
    assigned = result.roster.hours_by_person()
    counts: dict[str, int] = defaultdict(int)
    for s in result.roster:
        counts[s.name] += 1
    names = sorted(set(people) | set(assigned), key=str.casefold)
    rows, notes = [], []
    yes = _("yes")
    for name in names:
        person = people.get(name) or Person(name)
        total, preferred = offered_hours(offered.get(name, []))
        hours = assigned.get(name, 0.0)
        note = []
        if name not in people:
            note.append(_("not in the availability files"))
        if person.min_hours is not None and hours < person.min_hours - 1e-9:
            note.append(
                _("below min hours ({hours} < {limit})", hours=hours, limit=person.min_hours)
            )
        if person.max_hours is not None and hours > person.max_hours + 1e-9:
            note.append(
                _("over max hours ({hours} > {limit})", hours=hours, limit=person.max_hours)
            )
        if hours > total + 1e-9:
            note.append(_("more than offered"))
        notes.append(bool(note))
        rows.append(
            (
                name,
                person.email,
                person.organisation,
                role_word(person.role),
                ", ".join(person.languages),
                yes if person.mentor else "",
                yes if person.trainee else "",
                counts.get(name, 0),
                hours,
                total,
                preferred,
                hours / total if total else "",
                _limit(person.min_hours),
                _limit(person.max_hours),
                _limit(person.max_hours_per_week),
                _limit(person.max_shifts_per_week),
                "; ".join(note),
            )
        )
    last = table(
        ws,
        titles,
        rows,
        formats={9: HOURS_FORMAT, 10: HOURS_FORMAT, 11: HOURS_FORMAT, 12: PERCENT_FORMAT},
    )
    for r, flagged in enumerate(notes, start=2):
        if flagged:
            ws.cell(row=r, column=len(titles)).fill = SHORT_FILL
    if rows:
        ws.conditional_formatting.add(
            f"L2:L{last}",
            DataBarRule(
                start_type="num", start_value=0, end_type="num", end_value=1, color="FF5B9BD5"
            ),
        )
    fit_widths(ws, most=36, header_rows=[1])
    printable(ws, title_rows="1:1")


# --------------------------------------------------------------------------- coverage


def coverage_sheet(ws: Worksheet, result: Result, lang: str) -> None:
    titles = (
        _("Service"),
        _("Date"),
        _("Weekday"),
        _("Start"),
        _("End"),
        _("Staffed"),
        _("Minimum"),
        _("Below minimum"),
        _("Forecast contacts"),
        _("Expected answered"),
        _("Expected answer rate"),
    )
    rows = []
    for row in result.coverage:
        start = local(row.start)
        rate = row.expected_answered / row.forecast_contacts if row.forecast_contacts else ""
        rows.append(
            (
                service_name(row.service),
                start.date(),
                weekday_short(start.date(), lang),
                clock(row.start, lang),
                clock(row.end, lang, end_of_day_from=row.start),
                row.staffed,
                row.min_staff,
                _("{short} short", short=row.short) if row.short else "",
                row.forecast_contacts,
                row.expected_answered,
                rate,
            )
        )
    last = table(
        ws,
        titles,
        rows,
        formats={2: date_format(lang), 9: ONE_DECIMAL, 10: ONE_DECIMAL, 11: PERCENT_FORMAT},
    )
    for r, row in enumerate(result.coverage, start=2):
        if row.short:
            for c in range(1, 9):
                ws.cell(row=r, column=c).fill = SHORT_FILL
    if rows:
        ws.conditional_formatting.add(
            f"F2:F{last}",
            ColorScaleRule(
                start_type="min", start_color="FFFFFFFF", end_type="max", end_color="FF63BE7B"
            ),
        )
        ws.conditional_formatting.add(
            f"I2:I{last}",
            ColorScaleRule(
                start_type="min", start_color="FFFFFFFF", end_type="max", end_color="FFF8696B"
            ),
        )
        ws.conditional_formatting.add(
            f"K2:K{last}",
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="FFF8696B",
                mid_type="num",
                mid_value=0.5,
                mid_color="FFFFEB84",
                end_type="num",
                end_value=1,
                end_color="FF63BE7B",
            ),
        )
    fit_widths(ws, header_rows=[1])
    printable(ws, title_rows="1:1")


# --------------------------------------------------------------------------- heatmap


def heatmap_sheet(ws: Worksheet, problem: Problem, result: Result, lang: str) -> None:
    """Per service a block: rows the slots of the day, columns the days of the horizon,
    each cell the expected answer rate (colour scale); slots below minimum boxed in red."""
    by_key = {
        (row.service, local(row.start).date(), _minute(row.start)): row for row in result.coverage
    }
    days = problem.horizon.days
    put(ws, 1, 1, _("Expected answer rate"), font=TITLE_FONT)
    put(ws, 2, 1, _("red box = below the minimum staff"))
    r = 3
    header_rows = []
    for code in problem.rules.services:
        minutes = sorted({m for (service, _day, m) in by_key if service == code})
        if not minutes:
            continue
        r += 1
        put(
            ws,
            r,
            1,
            f"{service_name(code)} ({code})",
            font=font(bold=True, color=SERVICE_COLOURS.get(code, "FF000000")),
        )
        r += 1
        header(ws, r, [_("Time"), *(_day_header(d, lang) for d in days)])
        header_rows.append(r)
        first = r + 1
        for minute in minutes:
            r += 1
            put(ws, r, 1, minute_clock(minute, lang), font=BOLD_FONT)
            for c, day in enumerate(days, start=2):
                row = by_key.get((code, day, minute))
                if row is None:
                    ws.cell(row=r, column=c).fill = CLOSED_FILL
                    continue
                rate = (
                    row.expected_answered / row.forecast_contacts if row.forecast_contacts else None
                )
                put(
                    ws,
                    r,
                    c,
                    rate,
                    number_format="0%",
                    alignment=CENTRED,
                    border=SHORT_BORDER if row.short else None,
                    font=font(bold=True, color=SHORT_COLOUR) if row.short else None,
                )
        ws.conditional_formatting.add(
            f"B{first}:{get_column_letter(len(days) + 1)}{r}",
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color="FFF8696B",
                mid_type="num",
                mid_value=0.5,
                mid_color="FFFFEB84",
                end_type="num",
                end_value=1,
                end_color="FF63BE7B",
            ),
        )
        r += 1
    longest = max((len(line) for d in days for line in _day_header(d, lang).split("\n")), default=5)
    day_width = max(6, longest + 2)
    fit_widths(
        ws,
        fixed={1: 9, **{c: day_width for c in range(2, len(days) + 2)}},
        header_rows=header_rows,
    )
    ws.freeze_panes = "B6"
    printable(ws, title_rows="5:5")


# --------------------------------------------------------------------------- summary

FIGURES = (
    ("status", N_("Status"), None),
    ("objective", N_("Objective (weighted expected answered)"), ONE_DECIMAL),
    ("best_bound", N_("Best bound"), ONE_DECIMAL),
    ("gap", N_("Gap"), "0.00%"),
    ("solve_seconds", N_("Solve time (s)"), "0.0"),
    ("forecast_contacts", N_("Forecast contacts"), WHOLE),
    ("expected_answered", N_("Expected answered contacts"), WHOLE),
    ("expected_answer_rate", N_("Expected answer rate"), PERCENT_FORMAT),
    ("people", N_("People"), None),
    ("people_on_duty", N_("People on duty"), None),
    ("shifts", N_("Shifts"), None),
    ("assigned_hours", N_("Assigned hours"), "#,##0.0"),
    ("offered_hours", N_("Offered open hours"), "#,##0.0"),
)
NO_ORGANISATION = "(none)"
"""The key ``summary.json`` gives hours without an organisation (shown in words)."""


def _file_name(value: str) -> str:
    """A path shown by its file name only (no folders of the coordinator's machine)."""
    for kind in (PurePosixPath, PureWindowsPath):
        path = kind(value)
        if path.is_absolute() or len(path.parts) > 1:
            return path.name
    return value


def _shown(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ", ".join(str(_shown(v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, str):
        return _file_name(value)
    return value


def summary_sheet(ws: Worksheet, summary: Mapping[str, Any], lang: str) -> None:
    put(ws, 1, 1, _("Summary"), font=TITLE_FONT)
    header(ws, 2, (_("Figure"), _("Value")))
    r = 2
    for key, label, fmt in FIGURES:
        if key in summary:
            r += 1
            put(ws, r, 1, word(label))
            value = _shown(summary[key])
            if key in ("expected_answered", "forecast_contacts") and isinstance(value, float):
                value = round(value)
            put(ws, r, 2, value, number_format=fmt)
    gaps = summary.get("uncovered_slots") or []
    r += 1
    put(ws, r, 1, _("Open slots below minimum staff"))
    put(ws, r, 2, len(gaps))
    by_org = {
        (_("no organisation given") if k in (NO_ORGANISATION, "") else k): v
        for k, v in (summary.get("hours_by_organisation") or {}).items()
    }
    sections = (
        (_("Settings"), summary.get("settings") or {}),
        (_("Hours by organisation"), by_org),
        (_("Objective by goal"), summary.get("breakdown") or {}),
    )
    for title, values in sections:
        if not values:
            continue
        r += 2
        header(ws, r, (title, _("Value")))
        for key, value in values.items():
            r += 1
            put(ws, r, 1, str(key))
            put(ws, r, 2, _shown(value))
    notes = summary.get("notes") or []
    if notes:
        r += 2
        header(ws, r, (_("Notes"), ""))
        for note in notes:
            r += 1
            put(ws, r, 1, str(note))
    if gaps:
        r += 2
        header(
            ws,
            r,
            (
                _("Uncovered slot"),
                _("Service"),
                _("Staffed"),
                _("Minimum"),
                _("Reason"),
                _("Detail"),
            ),
        )
        for gap in gaps:
            r += 1
            start = gap.get("start", "")
            try:
                moment = datetime.fromisoformat(str(start))
                when = f"{fmt_date(moment, lang)} {clock(moment, lang)}"
            except ValueError:
                when = str(start)
            values = (
                when,
                service_name(str(gap.get("service", ""))),
                gap.get("staffed", ""),
                gap.get("min_staff", ""),
                gap.get("reason", ""),
                gap.get("detail", ""),
            )
            for c, value in enumerate(values, start=1):
                put(ws, r, c, value)
    fit_widths(ws, most=45)
    for column in ("E", "F"):
        for cell in ws[column]:
            if isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
    ws.freeze_panes = "A3"
    printable(ws, title_rows="2:2", landscape=False)


# --------------------------------------------------------------------------- workbook


def sheet_names(weeks: int, lang: str | None = None) -> list[str]:
    """The sheets' names in ``lang`` (default: the current language), in order."""
    with use_language(lang):
        return [
            _("Shifts"),
            *(_("Week {n}", n=w + 1) for w in range(weeks)),
            _("People"),
            _("Coverage"),
            _("Heatmap"),
            _("Summary"),
        ]


def write_roster_xlsx(
    path: Path | str,
    problem: Problem,
    result: Result,
    summary: Mapping[str, Any],
    *,
    lang: str | None = None,
) -> Path:
    """Write ``roster.xlsx`` (Shifts, Week 1…N, People, Coverage, Heatmap, Summary) in
    ``lang`` (default: the current language), sheet names included."""
    lang = normalise_language(lang) or current_language()
    people = {p.name: p for p in problem.people}
    names = sheet_names(problem.horizon.weeks, lang)
    weeks = problem.horizon.weeks
    wb = Workbook()
    with use_language(lang):
        first = wb.active
        assert first is not None
        first.title = names[0]
        shifts_sheet(first, problem, result, people, lang)
        for week in range(weeks):
            week_sheet(wb.create_sheet(names[1 + week]), problem, result, week, lang)
        people_sheet(wb.create_sheet(names[weeks + 1]), problem, result, people)
        coverage_sheet(wb.create_sheet(names[weeks + 2]), result, lang)
        heatmap_sheet(wb.create_sheet(names[weeks + 3]), problem, result, lang)
        summary_sheet(wb.create_sheet(names[weeks + 4]), summary, lang)
    path = Path(path)
    wb.save(path)
    return path
