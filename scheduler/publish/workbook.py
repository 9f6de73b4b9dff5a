"""``roster.xlsx``: the roster for people to read, filter and print.

Sheets, in order:

* ``Shifts`` — one row a shift (date, weekday, time, hours, service, person), filterable;
* ``Week 1`` … ``Week N`` — a day × hour grid a week, names coloured by service
  (legend on top), open hours below their minimum staff shaded, closed hours grey;
* ``People`` — each person's assigned hours against the hours they offered and their limits;
* ``Coverage`` — a row a slot: staffed, minimum, forecast contacts, expected answered and
  answer rate with colour scales; slots below their minimum marked;
* ``Heatmap`` — per service, slot of the day × day of the horizon, the expected answer
  rate on a colour scale, slots below their minimum boxed in red;
* ``Summary`` — the solve's figures and the settings used (the ``summary.json`` object).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.formatting.rule import ColorScaleRule, DataBarRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..domain import SERVICES, Person, Problem, Shift
from ..hours import offered_hours, offered_intervals, slot_grid
from ..roster import Result
from .sheets import (
    CLOSED_FILL,
    GRID_BORDER,
    SERVICE_COLOURS,
    SHORT_BORDER,
    SHORT_FILL,
    TITLE_FONT,
    WRAP_TOP,
    fit_widths,
    header,
    printable,
    put,
    table,
)
from .words import WEEKDAYS_EN, WEEKDAYS_FI, clock, local, service_name

DATE_FORMAT = "d.m.yyyy"
HOURS_FORMAT = "0.0#"
PERCENT_FORMAT = "0.0%"
NUMBER_FORMAT = "0.00"
LINE_HEIGHT = 15


def _minute(moment: datetime) -> int:
    here = local(moment)
    return here.hour * 60 + here.minute


def _end_text(shift: Shift) -> str:
    return clock(shift.end, end_of_day_from=shift.start).replace(".", ":")


# --------------------------------------------------------------------------- shifts


def shifts_sheet(
    ws: Worksheet, problem: Problem, result: Result, people: Mapping[str, Person]
) -> None:
    titles = (
        "Date",
        "Weekday",
        "Week",
        "Start",
        "End",
        "Hours",
        "Service",
        "Name",
        "Email",
        "Organisation",
        "Role",
    )
    rows = []
    for s in result.roster:
        person = people.get(s.name)
        start = local(s.start)
        rows.append(
            (
                start.date(),
                f"{WEEKDAYS_FI[start.weekday()]} / {WEEKDAYS_EN[start.weekday()]}",
                problem.horizon.week_of(start.date()) + 1,
                clock(s.start).replace(".", ":"),
                _end_text(s),
                s.hours,
                service_name(s.service),
                s.name,
                person.email if person else "",
                person.organisation if person else "",
                person.role if person else "",
            )
        )
    table(ws, titles, rows, formats={1: DATE_FORMAT, 6: HOURS_FORMAT})
    fit_widths(ws)
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


def _names_cell(shifts: list[Shift]) -> CellRichText:
    parts: list[Any] = []
    for i, s in enumerate(shifts):
        if i:
            parts.append("\n")
        colour = SERVICE_COLOURS.get(s.service, "FF000000")
        label = s.name if s.service == "fi" else f"{s.name} ({s.service})"
        parts.append(TextBlock(InlineFont(color=colour, b=s.service != "fi"), label))
    return CellRichText(parts)


def _legend(ws: Worksheet, row: int, services: tuple[str, ...]) -> None:
    column = 2
    for code in services:
        put(
            ws,
            row,
            column,
            f"{service_name(code)} ({code})",
            font=Font(bold=True, color=SERVICE_COLOURS.get(code, "FF000000")),
        )
        column += 1
    put(ws, row, column, "alle minimin / below minimum", fill=SHORT_FILL)
    put(ws, row, column + 1, "suljettu / closed", fill=CLOSED_FILL)


def week_sheet(ws: Worksheet, problem: Problem, result: Result, week: int) -> None:
    first = problem.horizon.start + timedelta(days=7 * week)
    days = [first + timedelta(days=i) for i in range(7)]
    shifts = [s for s in result.roster if problem.horizon.week_of(s.day) == week]
    iso_week = first.isocalendar().week
    put(
        ws,
        1,
        1,
        f"Viikko / Week {week + 1} (ISO {iso_week}): {days[0]:%d.%m.}–{days[-1]:%d.%m.%Y}",
        font=TITLE_FONT,
    )
    _legend(ws, 2, problem.rules.services)
    header(
        ws,
        4,
        [
            "Klo / Time",
            *(
                f"{WEEKDAYS_FI[d.weekday()]} {d.day}.{d.month}. / {WEEKDAYS_EN[d.weekday()]}"
                for d in days
            ),
        ],
    )
    open_at = {
        (slot.day, _minute(slot.start))
        for slot in slot_grid(problem.horizon, problem.rules)
        if slot.day in days
    }
    short_at = {
        (local(row.start).date(), _minute(row.start))
        for row in result.coverage
        if row.short and local(row.start).date() in days
    }
    on_duty = _on_duty(problem, shifts)
    step = problem.rules.slot_minutes
    for r, minute in enumerate(_row_minutes(problem, shifts), start=5):
        put(
            ws,
            r,
            1,
            f"{minute // 60:02d}:{minute % 60:02d}–"
            f"{(minute + step) // 60:02d}:{(minute + step) % 60:02d}",
            font=Font(bold=True),
            alignment=Alignment(vertical="top"),
        )
        lines = 1
        for c, day in enumerate(days, start=2):
            key = (day, minute)
            cell = ws.cell(row=r, column=c)
            cell.border = GRID_BORDER
            cell.alignment = WRAP_TOP
            if key in short_at:
                cell.fill = SHORT_FILL
            elif key not in open_at and key not in on_duty:
                cell.fill = CLOSED_FILL
            if on_duty.get(key):
                put(ws, r, c, _names_cell(on_duty[key]))
                lines = max(lines, len(on_duty[key]))
        ws.row_dimensions[r].height = LINE_HEIGHT * lines + 3
    fit_widths(ws, fixed={1: 13, **{c: 24 for c in range(2, 9)}})
    ws.freeze_panes = "B5"
    printable(ws, title_rows="4:4")


# --------------------------------------------------------------------------- people


def _limit(value: float | None) -> float | str:
    return "" if value is None else value


def people_sheet(
    ws: Worksheet, problem: Problem, result: Result, people: Mapping[str, Person]
) -> None:
    titles = (
        "Name",
        "Email",
        "Organisation",
        "Role",
        "Languages",
        "Mentor",
        "Trainee",
        "Shifts",
        "Assigned h",
        "Offered h",
        "Preferred offered h",
        "Share of offered",
        "min_hours",
        "max_hours",
        "max_hours_per_week",
        "max_shifts_per_week",
        "Note",
    )
    offered = offered_intervals(problem.availability, problem.horizon)
    assigned = result.roster.hours_by_person()
    counts: dict[str, int] = defaultdict(int)
    for s in result.roster:
        counts[s.name] += 1
    names = sorted(set(people) | set(assigned), key=str.casefold)
    rows, notes = [], []
    for name in names:
        person = people.get(name) or Person(name)
        total, preferred = offered_hours(offered.get(name, []))
        hours = assigned.get(name, 0.0)
        note = []
        if name not in people:
            note.append("not in the availability files")
        if person.min_hours is not None and hours < person.min_hours - 1e-9:
            note.append(f"below min_hours ({hours:g} < {person.min_hours:g})")
        if person.max_hours is not None and hours > person.max_hours + 1e-9:
            note.append(f"over max_hours ({hours:g} > {person.max_hours:g})")
        if hours > total + 1e-9:
            note.append("more than offered")
        notes.append(bool(note))
        rows.append(
            (
                name,
                person.email,
                person.organisation,
                person.role,
                ", ".join(person.languages),
                "yes" if person.mentor else "",
                "yes" if person.trainee else "",
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
    fit_widths(ws)
    printable(ws, title_rows="1:1")


# --------------------------------------------------------------------------- coverage


def coverage_sheet(ws: Worksheet, result: Result) -> None:
    titles = (
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
        "On duty",
    )
    rows = []
    for row in result.coverage:
        start = local(row.start)
        rate = row.expected_answered / row.forecast_contacts if row.forecast_contacts else ""
        rows.append(
            (
                service_name(row.service),
                start.date(),
                WEEKDAYS_FI[start.weekday()],
                clock(row.start).replace(".", ":"),
                clock(row.end, end_of_day_from=row.start).replace(".", ":"),
                row.staffed,
                row.min_staff,
                f"yes, {row.short} short" if row.short else "",
                row.forecast_contacts,
                row.expected_answered,
                rate,
                ", ".join(row.on_duty),
            )
        )
    last = table(
        ws,
        titles,
        rows,
        formats={2: DATE_FORMAT, 9: NUMBER_FORMAT, 10: NUMBER_FORMAT, 11: PERCENT_FORMAT},
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
    fit_widths(ws, fixed={12: 60})
    printable(ws, title_rows="1:1")


# --------------------------------------------------------------------------- heatmap


def heatmap_sheet(ws: Worksheet, problem: Problem, result: Result) -> None:
    """Per service a block: rows the slots of the day, columns the days of the horizon,
    each cell the expected answer rate (colour scale); slots below minimum boxed in red."""
    by_key = {
        (row.service, local(row.start).date(), _minute(row.start)): row for row in result.coverage
    }
    days = problem.horizon.days
    put(ws, 1, 1, "Odotettu vastausosuus / Expected answer rate", font=TITLE_FONT)
    put(ws, 2, 1, "punainen kehys = alle minimin / red box = below minimum staff")
    r = 3
    for code in problem.rules.services:
        minutes = sorted({m for (service, _, m) in by_key if service == code})
        if not minutes:
            continue
        r += 1
        put(
            ws,
            r,
            1,
            f"{service_name(code)} ({code})",
            font=Font(bold=True, color=SERVICE_COLOURS.get(code, "FF000000")),
        )
        r += 1
        header(
            ws, r, ["Klo / Time", *(f"{WEEKDAYS_FI[d.weekday()]} {d.day}.{d.month}." for d in days)]
        )
        first = r + 1
        for minute in minutes:
            r += 1
            put(ws, r, 1, f"{minute // 60:02d}:{minute % 60:02d}", font=Font(bold=True))
            for c, day in enumerate(days, start=2):
                row = by_key.get((code, day, minute))
                if row is None:
                    ws.cell(row=r, column=c).fill = CLOSED_FILL
                    continue
                rate = (
                    row.expected_answered / row.forecast_contacts if row.forecast_contacts else None
                )
                cell = put(ws, r, c, rate, number_format="0%")
                if row.short:
                    cell.border = SHORT_BORDER
                    cell.font = Font(bold=True, color="FFC00000")
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
    fit_widths(ws, fixed={1: 11, **{c: 7 for c in range(2, len(days) + 2)}})
    ws.freeze_panes = "B6"
    printable(ws, title_rows="5:5")


# --------------------------------------------------------------------------- summary

FIGURES = (
    ("status", "Status", None),
    ("objective", "Objective (weighted expected answered)", NUMBER_FORMAT),
    ("best_bound", "Best bound", NUMBER_FORMAT),
    ("gap", "Gap", "0.00%"),
    ("solve_seconds", "Solve time (s)", "0.0"),
    ("forecast_contacts", "Forecast contacts", "#,##0"),
    ("expected_answered", "Expected answered contacts", "#,##0.0"),
    ("expected_answer_rate", "Expected answer rate", PERCENT_FORMAT),
    ("people", "People", None),
    ("people_on_duty", "People on duty", None),
    ("shifts", "Shifts", None),
    ("assigned_hours", "Assigned hours", "#,##0.0"),
    ("offered_hours", "Offered open hours", "#,##0.0"),
)


def _shown(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def summary_sheet(ws: Worksheet, summary: Mapping[str, Any]) -> None:
    put(ws, 1, 1, "Yhteenveto / Summary", font=TITLE_FONT)
    header(ws, 2, ("Figure", "Value"))
    r = 2
    for key, label, fmt in FIGURES:
        if key in summary:
            r += 1
            put(ws, r, 1, label)
            put(ws, r, 2, _shown(summary[key]), number_format=fmt)
    gaps = summary.get("uncovered_slots") or []
    r += 1
    put(ws, r, 1, "Open slots below minimum staff")
    put(ws, r, 2, len(gaps))
    sections = (
        ("Settings", summary.get("settings") or {}),
        ("Hours by organisation", summary.get("hours_by_organisation") or {}),
        ("Objective by goal", summary.get("breakdown") or {}),
    )
    for title, values in sections:
        if not values:
            continue
        r += 2
        header(ws, r, (title, "Value"))
        for key, value in values.items():
            r += 1
            put(ws, r, 1, str(key))
            put(ws, r, 2, _shown(value))
    notes = summary.get("notes") or []
    if notes:
        r += 2
        header(ws, r, ("Notes", ""))
        for note in notes:
            r += 1
            put(ws, r, 1, str(note))
    if gaps:
        r += 2
        header(ws, r, ("Uncovered slot", "Service", "Staffed", "Minimum", "Reason", "Detail"))
        for gap in gaps:
            r += 1
            values = (
                str(gap.get("start", ""))[:16].replace("T", " "),
                gap.get("service", ""),
                gap.get("staffed", ""),
                gap.get("min_staff", ""),
                gap.get("reason", ""),
                gap.get("detail", ""),
            )
            for c, value in enumerate(values, start=1):
                put(ws, r, c, value)
    fit_widths(ws, most=60)
    ws.freeze_panes = "A3"
    printable(ws, title_rows="2:2", landscape=False)


# --------------------------------------------------------------------------- workbook


def write_roster_xlsx(
    path: Path | str, problem: Problem, result: Result, summary: Mapping[str, Any]
) -> Path:
    """Write ``roster.xlsx`` (Shifts, Week 1…N, People, Coverage, Heatmap, Summary)."""
    people = {p.name: p for p in problem.people}
    wb = Workbook()
    shifts_sheet(wb.active, problem, result, people)
    wb.active.title = "Shifts"
    for week in range(problem.horizon.weeks):
        week_sheet(wb.create_sheet(f"Week {week + 1}"), problem, result, week)
    people_sheet(wb.create_sheet("People"), problem, result, people)
    coverage_sheet(wb.create_sheet("Coverage"), result)
    heatmap_sheet(wb.create_sheet("Heatmap"), problem, result)
    summary_sheet(wb.create_sheet("Summary"), summary)
    path = Path(path)
    wb.save(path)
    return path
