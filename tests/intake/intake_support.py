"""Helpers for the intake tests: real workbooks and CSV files written in the test."""

from __future__ import annotations

from datetime import date

from openpyxl import Workbook

from scheduler.domain import Horizon, Rules
from scheduler.hours import offered_hours, offered_intervals
from scheduler.intake import load_availability

H = Horizon(date(2026, 3, 2), 4)  # includes the DST Sunday 2026-03-29


def write_book(path, sheets, merges=None):
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(name, ()):
            ws.merge_cells(rng)
    wb.save(path)
    return path


def write_csv(path, rows, *, delimiter=",", encoding="utf-8", newline="\n", bom=False):
    def cell(v):
        text = "" if v is None else str(v)
        return '"' + text.replace('"', '""') + '"' if (delimiter in text or '"' in text) else text

    text = newline.join(delimiter.join(cell(v) for v in row) for row in rows) + newline
    data = text.encode(encoding)
    if bom and encoding == "utf-8":
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def hours(intake, name, horizon=H):
    """(offered hours, preferred hours) of ``name`` in the horizon."""
    return offered_hours(offered_intervals(intake.availability, horizon).get(name, ()))


def pieces(intake, name):
    return sorted(
        (p.weekday, p.day, p.start_minute, p.end_minute, p.preference)
        for p in intake.availability
        if p.name == name
    )


def load(*paths, rules=None, **kwargs):
    return load_availability(list(paths), H, rules or Rules(), **kwargs)


def texts(findings):
    return {str(f.where): f.text() for f in findings}
