"""A row a person, a column per weekday (or date) holding free text such as ``klo 15–19, 21–24``."""

from __future__ import annotations

from ..errors import Findings
from .layout import Layout
from .persons import RawPiece, SheetResult, person_from_row
from .readers import Sheet
from .timeparse import TimeFormatError, ranges_from_cell


def read_free_text(sheet: Sheet, layout: Layout, findings: Findings) -> SheetResult:
    result = SheetResult(sheet.location, "free_text")
    for r in range(layout.first_data_row, len(sheet.rows)):
        record = person_from_row(sheet, r, layout.fields, findings)
        if record is None:
            continue
        result.people.append(record)
        for c, day in layout.days.items():
            value = sheet.value(r, c)
            try:
                spans = ranges_from_cell(value)
            except TimeFormatError as exc:
                findings.error(sheet.where(r, c), str(exc))
                continue
            for span in spans:
                result.pieces.append(
                    RawPiece(
                        record,
                        record.name,
                        record.where,
                        sheet.where(r, c),
                        span.start,
                        span.end,
                        "preferred" if span.preferred else "available",
                        day=day.day,
                        weekday=day.weekday,
                    )
                )
    return result
