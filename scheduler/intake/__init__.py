"""Availability import: every shape coordinators send, merged into people and their time.

``load_availability`` never raises on bad content: every problem becomes a located
finding in ``Intake.findings`` (``file › sheet › cell: what is wrong, what was expected``),
all at once. Shapes are detected per sheet (see :mod:`scheduler.intake.layout`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from ..domain import AvailabilityPiece, Horizon, Person, Rules
from ..errors import Findings, Location
from .canonical import read_availability, read_people
from .freetext import read_free_text
from .grid import read_grid
from .layout import Layout, NoLayout, detect
from .merge import merge
from .persons import SheetResult
from .readers import MAX_FILE_BYTES, Sheet, read_sheets
from .report import check_report, format_report
from .review import review
from .template import write_template
from .vocabulary import INSTRUCTION_SHEETS, label

__all__ = [
    "Intake",
    "SheetSummary",
    "load_availability",
    "check_report",
    "format_report",
    "write_template",
    "MAX_FILE_BYTES",
]

SHAPE_NAMES = {
    "people": "People (template)",
    "availability": "Availability (template)",
    "free_text": "a row a person, weekday columns of free text",
    "grid": "hour grid",
}


@dataclass(frozen=True)
class SheetSummary:
    """How one sheet was read: its shape and how many rows gave people or time."""

    file: str
    sheet: str | None
    shape: str
    people: int
    pieces: int

    @property
    def description(self) -> str:
        return SHAPE_NAMES.get(self.shape, self.shape)


@dataclass(frozen=True)
class Intake:
    people: tuple[Person, ...]
    availability: tuple[AvailabilityPiece, ...]
    findings: Findings
    sheets: tuple[SheetSummary, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.findings.errors


READERS = {
    "people": lambda sheet, layout, near, findings: read_people(sheet, layout, findings),
    "availability": read_availability,
    "free_text": lambda sheet, layout, near, findings: read_free_text(sheet, layout, findings),
    "grid": lambda sheet, layout, near, findings: read_grid(sheet, layout, findings),
}


def read_sheet(sheet: Sheet, horizon: Horizon, findings: Findings) -> SheetResult | None:
    """One sheet in whatever shape it has; None (with a finding if it matters) otherwise."""
    if sheet.name is not None and label(sheet.name) in INSTRUCTION_SHEETS:
        return None
    if sheet.is_empty:
        return None
    layout: Layout | NoLayout = detect(sheet, horizon.start)
    if isinstance(layout, NoLayout):
        where = sheet.where(layout.row) if layout.row is not None else sheet.location
        if layout.error:
            findings.error(where, layout.message)
        else:
            findings.warning(where, f"this sheet was not read: {layout.message}")
        return None
    return READERS[layout.shape](sheet, layout, horizon.start, findings)


def read_file(path: Path, display: str, horizon: Horizon, findings: Findings) -> list[SheetResult]:
    sheets = read_sheets(path, display, findings)
    before = len(findings.errors)
    results = [r for s in sheets if (r := read_sheet(s, horizon, findings)) is not None]
    if sheets and all(s.is_empty for s in sheets):
        findings.error(
            sheets[0].location.at(sheet=None),
            "the workbook is empty: expected the template's People and "
            "Availability sheets, or a sheet with a row per person",
        )
    elif sheets and not results and len(findings.errors) == before:
        findings.error(
            sheets[0].location.at(sheet=None),
            "nothing could be read from this file: expected the template's People "
            "and Availability sheets, or a header row with a name column (Nimi, "
            "Namn, Name) and weekday, date or hour columns",
        )
    return results


def load_availability(
    paths: Sequence[str | PathLike[str]],
    horizon: Horizon,
    rules: Rules | None = None,
    *,
    display_names: Sequence[str] | None = None,
) -> Intake:
    """Read availability files of any accepted shape and merge them.

    Parameters
    ----------
    paths
        ``.xlsx`` workbooks or ``.csv`` files, one per organisation or all in one.
    horizon, rules
        The plan period and rules (slot size and services, for the warnings).
    display_names
        Names to show for the files in findings (same length as ``paths``), e.g. the
        original names of uploaded files; default the file names.
    """
    rules = rules or Rules()
    findings = Findings()
    paths = [Path(p) for p in paths]
    names = list(display_names) if display_names is not None else [p.name for p in paths]
    if len(names) != len(paths):
        raise ValueError("display_names must name every path")
    results: list[SheetResult] = []
    for path, name in zip(paths, names, strict=True):
        results.extend(read_file(path, name, horizon, findings))
    records = [p for r in results for p in r.people]
    raw = [p for r in results for p in r.pieces]
    merged = merge(records, raw, findings)
    if not records and not findings.errors:
        findings.warning(
            Location(", ".join(names)),
            "no people found: the files have headers but no rows of people",
        )
    review(merged.where_of, merged.availability, horizon, rules, findings)
    sheets = tuple(
        SheetSummary(r.where.file or "", r.where.sheet, r.shape, len(r.people), len(r.pieces))
        for r in results
    )
    return Intake(tuple(merged.people), tuple(merged.availability), findings, sheets)
