"""Availability import: every shape coordinators send, merged into people and their time.

``load_availability`` never raises on bad content: every problem becomes a located
finding in ``Intake.findings`` (``file › sheet › cell: what is wrong, what was expected``),
all at once (the first 200 of each kind, then a count). Shapes are detected per sheet (see
:mod:`scheduler.intake.layout`), or read with a saved column mapping
(:mod:`scheduler.intake.mapping`) when a sheet has the headers it was made for.

Never silently wrong: every column of every sheet read is used or named in a warning; a
sheet whose people offer no time in the plan period is an error naming the columns that
were not understood; a header without a name column, a header merged across columns and an
Availability sheet without time columns are errors.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ..domain import AvailabilityPiece, Horizon, Person, Rules, normalise_name
from ..errors import Findings, Location
from ..i18n import T, Text, Tn
from .canonical import read_people, read_pieces
from .context import ReadContext
from .layout import Layout, NoLayout, detect
from .mapping import ColumnMapping, find_mapping, load_mappings
from .merge import merge
from .persons import SheetResult
from .readers import MAX_FILE_BYTES, Sheet, has_value, read_sheets
from .report import check_report, format_report
from .review import joined, review
from .rows import read_rows
from .template import write_template
from .timeparse import DEFAULT_DAY_PARTS, DayParts, span
from .turned import read_calendar, read_when2meet
from .vocabulary import AVAILABILITY_SHEETS, INSTRUCTION_SHEETS, PART_LABELS, label

__all__ = [
    "DEFAULT_DAY_PARTS",
    "MAX_FILE_BYTES",
    "ColumnMapping",
    "Intake",
    "SheetSummary",
    "check_report",
    "clear_caches",
    "describe_parts",
    "format_report",
    "load_availability",
    "load_mappings",
    "write_template",
]

SHAPE_NAMES: dict[str, Text] = {
    "people": T("People (template)"),
    "availability": T("Availability (template)"),
    "signup": T("sign-up list, a row a shift"),
    "free_text": T("a row a person, weekday or date columns of free text"),
    "ms_forms": T("Microsoft Forms export"),
    "google_forms": T("Google Forms export"),
    "grid": T("hour grid"),
    "options": T("survey export, a column an option (Webropol-style)"),
    "poll": T("poll export (Doodle, Framadate)"),
    "when2meet": T("a row a time, a column a person (When2meet-style)"),
    "calendar": T("weekly calendar, names in the cells"),
}


@dataclass(frozen=True)
class SheetSummary:
    """How one sheet was read: its shape, how many rows gave people or time, and which
    columns were not read (``unread``: not understood; ``skipped``: a form's own
    bookkeeping, or left out by the column mapping)."""

    file: str
    sheet: str | None
    shape: str
    people: int
    pieces: int
    unread: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    poll: bool = False
    mapped: bool = False

    @property
    def description(self) -> Text:
        return SHAPE_NAMES.get(self.shape, T("{shape}", shape=self.shape))


@dataclass(frozen=True)
class Intake:
    people: tuple[Person, ...]
    availability: tuple[AvailabilityPiece, ...]
    findings: Findings
    sheets: tuple[SheetSummary, ...] = field(default=())
    day_parts: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    parts_used: Mapping[str, int] = field(default_factory=dict)
    left_out: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.findings.errors


Reader = Callable[[Sheet, Layout, ReadContext], SheetResult]
READERS: dict[str, Reader] = {
    "people": read_people,
    "free_text": read_rows,
    "ms_forms": read_rows,
    "google_forms": read_rows,
    "grid": read_rows,
    "options": read_rows,
    "poll": read_rows,
    "mapped": read_rows,
    "when2meet": read_when2meet,
    "calendar": read_calendar,
}


@dataclass
class _Read:
    """A sheet read, with what the checks after merging need."""

    result: SheetResult
    errors_before: int
    errors_after: int


def _layout(
    sheet: Sheet, ctx: ReadContext, mappings: Sequence[ColumnMapping], applied: set[int]
) -> Layout | NoLayout | None:
    if sheet.name is not None and label(sheet.name) in INSTRUCTION_SHEETS:
        return None
    if sheet.is_empty:
        return None
    found = find_mapping(mappings, sheet)
    if found is not None:
        index, header_row = found
        applied.add(index)
        return mappings[index].layout(sheet, header_row, ctx.near, ctx.parts)
    return detect(sheet, ctx.near, ctx.parts)


def _header_text(sheet: Sheet, layout: Layout, c: int) -> str:
    texts = []
    for r in layout.header_rows:
        value = sheet.value(r, c)
        if has_value(value):
            text = " ".join(str(value).split())
            if text not in texts:
                texts.append(text)
    return " / ".join(texts)


def _unused_columns(sheet: Sheet, layout: Layout, ctx: ReadContext) -> list[str]:
    """Warn about every column that is neither used nor recognised; their headers."""
    used = layout.used
    unread = []
    for c in range(sheet.width):
        if c in used:
            continue
        header = _header_text(sheet, layout, c)
        filled = sum(
            1 for r in range(layout.first_data_row, len(sheet.rows)) if has_value(sheet.value(r, c))
        )
        if not header and not filled:
            continue
        where = sheet.where(layout.header_row, c)
        if header:
            unread.append(header)
            ctx.findings.warning(
                where,
                Tn(
                    "column '{column}' was not understood: its {n} filled cell was not read; "
                    "if it holds availability or a person's details, map the columns",
                    "column '{column}' was not understood: its {n} filled cells were not read; "
                    "if it holds availability or a person's details, map the columns",
                    filled,
                    column=header,
                ),
            )
        else:
            unread.append(where.cell or str(c + 1))
            ctx.findings.warning(
                where,
                Tn(
                    "this column has no header: its {n} filled cell was not read",
                    "this column has no header: its {n} filled cells were not read",
                    filled,
                ),
            )
    return unread


def _read_sheet(
    sheet: Sheet, layout: Layout, ctx: ReadContext, creates_people: bool
) -> SheetResult:
    for r, c, problem in layout.problems:
        ctx.findings.error(sheet.where(r, c), problem)
    if layout.shape in ("availability", "signup"):
        result = read_pieces(sheet, layout, ctx, creates_people=creates_people)
    else:
        result = READERS[layout.shape](sheet, layout, ctx)
    result.unread = _unused_columns(sheet, layout, ctx)
    skipped = [_header_text(sheet, layout, c) for c in sorted(layout.skipped)]
    result.skipped = [s for s in skipped if s] + [
        _header_text(sheet, layout, c) or str(c + 1) for c in sorted(layout.ignored)
    ]
    if layout.skipped:
        ctx.findings.warning(
            sheet.where(layout.header_row),
            T(
                "the survey tool's own columns {columns} were recognised and not read",
                columns=", ".join(f"'{s}'" for s in skipped if s),
            ),
        )
    return result


def read_file(
    path: Path,
    display: str,
    ctx: ReadContext,
    mappings: Sequence[ColumnMapping] = (),
    applied: set[int] | None = None,
) -> list[_Read]:
    findings = ctx.findings
    applied = applied if applied is not None else set()
    sheets = read_sheets(path, display, findings)
    before = len(findings.errors)
    layouts: list[tuple[Sheet, Layout]] = []
    for sheet in sheets:
        if sheet.hidden and not sheet.is_empty:
            findings.warning(
                sheet.location,
                T(
                    "this sheet is hidden and was not read: if it holds availability, unhide "
                    "it in Excel (right-click a sheet tab › Unhide) and save the file again"
                ),
            )
            continue
        layout = _layout(sheet, ctx, mappings, applied)
        if layout is None:
            continue
        if isinstance(layout, NoLayout):
            where = sheet.where(layout.row) if layout.row is not None else sheet.location
            if layout.error:
                findings.error(where, layout.message)
            else:
                findings.warning(
                    where, T("this sheet was not read: {reason}", reason=layout.message)
                )
            continue
        layouts.append((sheet, layout))
    has_people = any(layout.shape == "people" for _, layout in layouts)
    reads = []
    for sheet, layout in layouts:
        creates = not has_people and label(sheet.name) not in AVAILABILITY_SHEETS
        start = len(findings.errors)
        result = _read_sheet(sheet, layout, ctx, creates)
        result.mapped = layout.mapped
        reads.append(_Read(result, start, len(findings.errors)))
    if sheets and all(s.is_empty for s in sheets):
        findings.error(
            sheets[0].location.at(sheet=None),
            T(
                "the workbook is empty: expected the template's People and Availability "
                "sheets, or a sheet with a row per person"
            ),
        )
    elif sheets and not reads and len(findings.errors) == before:
        findings.error(
            sheets[0].location.at(sheet=None),
            T(
                "nothing could be read from this file: expected the template's People and "
                "Availability sheets, or a header row with a name column (Nimi, Namn, Name) "
                "and weekday, date or hour columns"
            ),
        )
    return reads


def _check_time_offered(
    reads: list[_Read], name_of: Mapping[str, str], offered: set[str], findings: Findings
) -> None:
    """A sheet whose people offer no time in the plan period is an error (unless its cells
    already gave errors), naming the columns that were not understood."""
    for read in reads:
        result = read.result
        if not result.people or read.errors_after > read.errors_before:
            continue
        names = {name_of[k] for r in result.people if (k := normalise_name(r.name)) in name_of}
        if not names or names & offered:
            continue  # no person made it through merging (said why), or someone offers time
        count = len(names)
        if result.unread:
            message = Tn(
                "the {n} person of this sheet offers no time in the plan period: the columns "
                "{columns} were not understood; expected weekday, date or time columns (or map "
                "the columns)",
                "the {n} people of this sheet offer no time in the plan period: the columns "
                "{columns} were not understood; expected weekday, date or time columns (or map "
                "the columns)",
                count,
                columns=", ".join(f"'{c}'" for c in result.unread),
            )
        else:
            message = Tn(
                "the {n} person of this sheet offers no time in the plan period: expected "
                "times in weekday, date or hour columns, or in the Availability sheet",
                "the {n} people of this sheet offer no time in the plan period: expected "
                "times in weekday, date or hour columns, or in the Availability sheet",
                count,
            )
        findings.error(result.where, message)


def load_availability(
    paths: Sequence[str | PathLike[str]],
    horizon: Horizon,
    rules: Rules | None = None,
    *,
    display_names: Sequence[str] | None = None,
    mappings: Sequence[ColumnMapping] = (),
    day_parts: DayParts | None = None,
    leave_out: Sequence[str] = (),
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
    mappings
        Column mappings (:class:`ColumnMapping`): a sheet whose header they were made for is
        read with them instead of being guessed. A mapping that fits no sheet is warned
        about.
    day_parts
        Hours of the day-part words (``{"evening": (1020, 1260)}``), over
        :data:`DEFAULT_DAY_PARTS` and any a mapping gives.
    leave_out
        Display names of files the coordinator chose to leave out: they are not read, and a
        warning says so.
    """
    rules = rules or Rules()
    findings = Findings()
    files = [Path(p) for p in paths]
    names = list(display_names) if display_names is not None else [p.name for p in files]
    if len(names) != len(files):
        raise ValueError("display_names must name every path")
    parts: dict[str, tuple[int, int]] = dict(DEFAULT_DAY_PARTS)
    for mapping in mappings:
        parts.update(mapping.day_parts)
    parts.update(day_parts or {})
    ctx = ReadContext(horizon.start, findings, parts)
    applied: set[int] = set()
    reads: list[_Read] = []
    left_out = tuple(n for n in names if n in set(leave_out))
    for path, name in zip(files, names, strict=True):
        if name in left_out:
            findings.warning(
                Location(name),
                T("left out on request: the people and time of this file are not in the plan"),
            )
            continue
        reads.extend(read_file(path, name, ctx, mappings, applied))
    for index, mapping in enumerate(mappings):
        if index not in applied:
            findings.warning(
                Location(mapping.source or None),
                T(
                    "the column mapping made for the headers {headers} fits no sheet read, so "
                    "it was not used",
                    headers=mapping.headers_text(),
                ),
            )
    results = [r.result for r in reads]
    records = [p for r in results for p in r.people]
    raw = [p for r in results for p in r.pieces]
    merged = merge(records, raw, findings)
    if not records and not findings.errors:
        findings.warning(
            Location(", ".join(n for n in names if n not in left_out)),
            T("no people found: the files have headers but no rows of people"),
        )
    offered = review(merged.where_of, merged.availability, horizon, rules, findings)
    name_of = merged.name_of
    _check_time_offered(reads, name_of, offered, findings)
    used: Counter[str] = Counter()
    for r in results:
        used.update(r.parts)
    sheets = tuple(
        SheetSummary(
            r.where.file or "",
            r.where.sheet,
            r.shape,
            len(r.people),
            len(r.pieces),
            tuple(r.unread),
            tuple(r.skipped),
            r.poll,
            r.mapped,
        )
        for r in results
    )
    return Intake(
        tuple(merged.people),
        tuple(merged.availability),
        findings.capped(),
        sheets,
        parts,
        dict(used),
        left_out,
    )


def clear_caches() -> None:
    """Forget the parsed cell texts kept between imports (the benchmark measures cold
    imports with it)."""
    from . import timeparse, vocabulary

    timeparse._ranges_cached.cache_clear()
    timeparse._when_cached.cache_clear()
    vocabulary._label.cache_clear()


def describe_parts(parts: Mapping[str, tuple[int, int]], used: Mapping[str, int]) -> Any:
    """The day-part words that were read, with the hours they were read as (for reports):
    ``ilta / kväll / evening = 17.00–21.00 (3 cells)``."""
    items = [
        Tn(
            "{words} = {span} ({n} cell)",
            "{words} = {span} ({n} cells)",
            count,
            words=" / ".join(PART_LABELS[key]),
            span=span(*parts.get(key, DEFAULT_DAY_PARTS[key])),
        )
        for key, count in sorted(used.items())
    ]
    return joined(items, ";")
