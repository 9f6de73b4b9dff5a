"""Column mappings: the coordinator says once what each column of a file holds.

When no shape fits a file, or the guess is wrong, the coordinator maps its columns: which
is the name, the e-mail, the organisation, the languages, and how availability is written.
The mapping is saved (a JSON file, or with the plan in the app) and re-applied to every
sheet whose header row has the same headers, next month too. The format is in
``docs/intake.md``::

    {
      "format": "sekasin-column-mapping", "version": 1,
      "header_row": 1,
      "headers": ["Nimi", "Sähköposti", "Maanantai", "Tiistai", "Lisätietoja"],
      "columns": [
        {"column": "A", "header": "Nimi", "means": "name"},
        {"column": "B", "header": "Sähköposti", "means": "email"},
        {"column": "C", "header": "Maanantai", "means": "ma"},
        {"column": "D", "header": "Tiistai", "means": "2026-03-03"},
        {"column": "E", "header": "Lisätietoja", "means": "ignore"}
      ],
      "day_parts": {"evening": "17-21"}
    }

``means`` is a detail (``name``, ``email``, ``organisation``, ``role``, ``languages``,
``mentor``, ``trainee``, the limits), a part of a row-a-shift table (``date``, ``weekday``,
``start``, ``end``, ``time``, ``shift``, ``preference``), ``ignore``, ``when`` (cells hold days
with times), a day (``ma``, ``Monday``, ``2026-03-02``: cells hold times or chosen options),
a day and a time (``ma 18-20``: cells hold marks) or a time (``18-20``: cells name days).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from ..errors import Findings, InputError, Location
from ..i18n import T, Text
from .layout import (
    HEADER_SCAN_ROWS,
    Column,
    DayKey,
    DayText,
    Layout,
    NoLayout,
    Slot,
    TimeDays,
    WhenText,
    _is_poll,
    header_day,
    header_slot,
    header_time,
)
from .persons import HOUR_FIELDS
from .readers import Sheet, has_value
from .timeparse import DayParts, TimeFormatError, ranges_from_text
from .vocabulary import DAY_PARTS, label

FORMAT = "sekasin-column-mapping"
VERSION = 1
DETAILS = ("name", "email", "organisation", "role", "languages", "mentor", "trainee") + (
    "max_shifts_per_week",
    *HOUR_FIELDS,
)
ROW_FIELDS = ("date", "weekday", "start", "end", "time", "shift", "preference")
SPECIAL = ("ignore", "when")
#: How availability is written, as the app offers it (what the day columns mean).
KINDS = ("day_text", "day_marks", "time_days", "when", "shift_rows")


#: The help of ``--mapping`` (``check`` and ``solve``).
MAPPING_HELP = T(
    "a column mapping (JSON, as the app downloads it or docs/intake.md describes): sheets "
    "with the headers it was made for are read with it; may be given more than once"
)


class MappingError(ValueError):
    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


def header_key(cells: Iterable[Any]) -> tuple[str, ...]:
    """The headers a mapping is recognised by: every filled header cell, folded, in order."""
    return tuple(label(v) for v in cells if has_value(v))


def meaning(means: str, near: date, parts: DayParts | None = None) -> str | Column:
    """What a ``means`` text says a column holds: a field name, ``ignore``, or a column kind."""
    text = " ".join(str(means).split())
    key = label(text).replace(" ", "_")
    if key in DETAILS or key in ROW_FIELDS or key in SPECIAL:
        return key
    if key in ("weekday_text", "day_text"):
        raise MappingError(T("'{means}' needs a day: write e.g. ma or 2026-03-02", means=text))
    if key == "when":
        return "when"
    slot = header_slot(text, near, parts)
    if slot is not None:
        return slot
    day = header_day(text, near)
    if day is not None:
        return DayText(day)
    span = header_time(text, parts)
    if span is not None and span[1] is not None:
        return TimeDays(span[0], span[1])
    raise MappingError(
        T(
            "'{means}' is not something a column can hold: expected a detail (name, email, "
            "organisation, languages, ...), ignore, when, a day (ma, 2026-03-02), a day and "
            "a time (ma 18-20) or a time (18-20)",
            means=text,
        )
    )


def _parse_parts(raw: Any) -> dict[str, tuple[int, int]]:
    if raw in (None, {}):
        return {}
    if not isinstance(raw, Mapping):
        raise MappingError(T("day_parts must map a part of the day to its hours"))
    found: dict[str, tuple[int, int]] = {}
    for key, value in raw.items():
        if key not in DAY_PARTS:
            raise MappingError(
                T(
                    "unknown part of the day '{part}': expected one of {choices}",
                    part=str(key),
                    choices=", ".join(DAY_PARTS),
                )
            )
        if isinstance(value, list | tuple) and len(value) == 2:
            start, end = int(value[0]), int(value[1])
        else:
            try:
                ranges = ranges_from_text(str(value))
            except TimeFormatError as exc:
                raise MappingError(
                    T("{part}: {problem}", part=str(key), problem=exc.text)
                ) from None
            if len(ranges) != 1:
                raise MappingError(T("{part}: expected one time range like 17-21", part=str(key)))
            start, end = ranges[0].start, ranges[0].end
        if not 0 <= start < end <= 24 * 60:
            raise MappingError(T("{part}: expected one time range like 17-21", part=str(key)))
        found[str(key)] = (start, end)
    return found


@dataclass(frozen=True)
class ColumnMapping:
    """What each column of one kind of file holds (see the module docstring)."""

    headers: tuple[str, ...]
    columns: tuple[tuple[int, str, str], ...]  # (column, header as written, means)
    header_row: int | None = None  # 0-based
    day_parts: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    source: str = ""
    kind: str = ""  # how availability is written (one of KINDS), as the coordinator said

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(label(h) for h in self.headers)

    def headers_text(self) -> str:
        shown = [f"'{h}'" for h in self.headers[:6]]
        return ", ".join(shown) + (", …" if len(self.headers) > 6 else "")

    @classmethod
    def for_sheet(
        cls,
        sheet: Sheet,
        header_row: int,
        means: Mapping[int, str],
        day_parts: Mapping[str, tuple[int, int]] | None = None,
        kind: str = "",
    ) -> ColumnMapping:
        """A mapping of ``sheet``'s header row (0-based) from what each column means."""
        cells = sheet.rows[header_row] if header_row < len(sheet.rows) else []
        return cls(
            headers=tuple(" ".join(str(v).split()) for v in cells if has_value(v)),
            columns=tuple(
                (c, " ".join(str(sheet.value(header_row, c) or "").split()), str(m))
                for c, m in sorted(means.items())
                if str(m).strip()
            ),
            header_row=header_row,
            day_parts=dict(day_parts or {}),
            kind=kind,
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "header_row": None if self.header_row is None else self.header_row + 1,
            "headers": list(self.headers),
            "columns": [
                {"column": get_column_letter(c + 1), "header": h, "means": m}
                for c, h, m in self.columns
            ],
        }
        if self.kind:
            data["availability"] = self.kind
        if self.day_parts:
            data["day_parts"] = {
                k: f"{s // 60:02d}:{s % 60:02d}-{e // 60:02d}:{e % 60:02d}"
                for k, (s, e) in self.day_parts.items()
            }
        return data

    @classmethod
    def from_json(cls, data: Any, source: str = "") -> ColumnMapping:
        if not isinstance(data, Mapping):
            raise MappingError(T("expected a JSON object with headers and columns"))
        if data.get("format", FORMAT) != FORMAT:
            raise MappingError(
                T('this is not a column mapping: expected "format": "{format}"', format=FORMAT)
            )
        headers = data.get("headers")
        raw_columns = data.get("columns")
        row = data.get("header_row")
        if row is not None and (not isinstance(row, int) or row < 1):
            raise MappingError(T("header_row must be a row number, 1 or more"))
        columns: list[tuple[int, str, str]] = []
        if isinstance(raw_columns, Mapping) and headers is None:
            headers = [str(h) for h in raw_columns]
        if not isinstance(headers, list) or not all(
            isinstance(h, str | int | float) and not isinstance(h, bool) for h in headers
        ):
            raise MappingError(T('expected "headers": the header row\'s texts, in order'))
        folded = [label(h) for h in headers]
        if isinstance(raw_columns, Mapping):  # {"Nimi": "name", ...}: by header text
            for header, means in raw_columns.items():
                if label(header) not in folded:
                    raise MappingError(
                        T("'{header}' is not one of the mapping's headers", header=str(header))
                    )
                columns.append((-1 - folded.index(label(header)), str(header), str(means)))
        elif isinstance(raw_columns, list):
            for item in raw_columns:
                if not isinstance(item, Mapping) or "means" not in item or "column" not in item:
                    raise MappingError(
                        T('each column needs "column" (a letter such as C) and "means"')
                    )
                try:
                    index = column_index_from_string(str(item["column"]).strip().upper()) - 1
                except ValueError:
                    raise MappingError(
                        T("'{column}' is not a column letter", column=str(item["column"]))
                    ) from None
                columns.append((index, str(item.get("header", "")), str(item["means"])))
        else:
            raise MappingError(T('expected "columns": a list of columns and what they mean'))
        mapping = cls(
            headers=tuple(str(h) for h in headers),
            columns=tuple(columns),
            header_row=None if row is None else row - 1,
            day_parts=_parse_parts(data.get("day_parts")),
            source=source,
            kind=str(data.get("availability") or ""),
        )
        for _, _, means in mapping.columns:
            meaning(means, date(2026, 1, 1))  # every meaning is readable
        if not any(label(m) == "name" for _, _, m in mapping.columns):
            raise MappingError(T("the mapping names no name column: say which column is the name"))
        return mapping

    def _index(self, sheet: Sheet, header_row: int, column: int, header: str) -> int | None:
        if column >= 0:
            return column
        wanted = label(header)
        for c, value in enumerate(sheet.rows[header_row]):
            if has_value(value) and label(value) == wanted:
                return c
        return None

    def layout(
        self, sheet: Sheet, header_row: int, near: date, parts: DayParts | None = None
    ) -> Layout | NoLayout:
        """The layout this mapping gives ``sheet`` (its header on ``header_row``)."""
        fields: dict[str, int] = {}
        columns: dict[int, Column] = {}
        ignored: set[int] = set()
        for column, header, means in self.columns:
            c = self._index(sheet, header_row, column, header)
            if c is None:
                continue
            try:
                found = meaning(means, near, parts)
            except MappingError as exc:
                return NoLayout(exc.text, header_row, error=True)
            if found == "ignore":
                ignored.add(c)
            elif found == "when":
                columns[c] = WhenText()
            elif isinstance(found, str):
                fields.setdefault(found, c)
            else:
                columns[c] = found
        if "name" not in fields:
            return NoLayout(
                T("the column mapping names no name column: say which column is the name"),
                header_row,
                error=True,
            )
        timed = ("start" in fields and "end" in fields) or "time" in fields
        dated = "date" in fields or "weekday" in fields
        shape = "mapped"
        if "shift" in fields:
            shape = "signup"
        elif timed and dated:
            shape = "availability"
        layout = Layout(
            shape, header_row, fields, columns, ignored=ignored, first_header_row=header_row
        )
        layout.mapped = True
        layout.poll = _is_poll(sheet, layout)
        return layout


def find_mapping(mappings: Sequence[ColumnMapping], sheet: Sheet) -> tuple[int, int] | None:
    """(index of the mapping, its header row) for the first mapping whose headers ``sheet``
    has on one of its first rows."""
    if not mappings:
        return None
    rows = sheet.rows[:HEADER_SCAN_ROWS]
    keys = [header_key(row) for row in rows]
    for index, mapping in enumerate(mappings):
        wanted = mapping.key
        hint = mapping.header_row
        order = ([hint] if hint is not None and hint < len(keys) else []) + list(range(len(keys)))
        for r in order:
            if keys[r] == wanted:
                return index, r
    return None


def read_mapping_file(path: str | Path, display: str | None = None) -> list[ColumnMapping]:
    """The mappings in a JSON file (one mapping, or a list of them); :class:`InputError`
    saying what is wrong otherwise."""
    path = Path(path)
    where = Location(display or path.name)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(T("file not found"), where) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(
            T(
                "not a column mapping file ({problem}): expected the JSON file the app or "
                "docs/intake.md describes",
                problem=str(exc),
            ),
            where,
        ) from None
    return mappings_from_json(data, where)


def mappings_from_json(data: Any, where: Location) -> list[ColumnMapping]:
    items = data if isinstance(data, list) else [data]
    findings = Findings()
    found = []
    for i, item in enumerate(items, start=1):
        try:
            found.append(ColumnMapping.from_json(item, where.file or ""))
        except MappingError as exc:
            place = where if len(items) == 1 else where.at(row=i)
            findings.error(place, exc.text)
    findings.raise_if_errors()
    return found


def load_mappings(stored: Any, source: str = "") -> list[ColumnMapping]:
    """Mappings kept with a plan (``plan.settings["column_mappings"]``); unreadable ones are
    left out (they were checked when saved)."""
    found = []
    for item in stored or []:
        try:
            found.append(ColumnMapping.from_json(item, source))
        except MappingError:
            continue
    return found


def day_spec(day: DayKey) -> str:
    """A day as a mapping writes it: ``ma`` … ``su``, or ``2026-03-02``."""
    if day.day is not None:
        return day.day.isoformat()
    return ("ma", "ti", "ke", "to", "pe", "la", "su")[day.weekday or 0]


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def column_spec(column: Column) -> str:
    """What a column holds, as a mapping's ``means`` writes it."""
    if isinstance(column, Slot):
        return f"{day_spec(column.day)} {_clock(column.start)}-{_clock(column.end)}"
    if isinstance(column, DayText):
        return day_spec(column.day)
    if isinstance(column, TimeDays):
        return f"{_clock(column.start)}-{_clock(column.end)}"
    return "when"


def guess(sheet: Sheet, near: date, parts: DayParts | None = None) -> tuple[int, dict[int, str]]:
    """The header row (0-based) and what each column seems to hold, as a starting point
    for the coordinator's mapping (empty meanings where the reader has no guess)."""
    from .layout import detect

    found = detect(sheet, near, parts)
    if isinstance(found, NoLayout):
        row = found.row if found.row is not None else _first_text_row(sheet)
        return row, {}
    means: dict[int, str] = {c: name for name, c in found.fields.items()}
    means.update({c: column_spec(col) for c, col in found.columns.items()})
    means.update({c: "ignore" for c in found.skipped})
    return found.header_row, means


def _first_text_row(sheet: Sheet) -> int:
    for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        if sum(1 for v in row if isinstance(v, str) and v.strip()) >= 2:
            return r
    return 0
