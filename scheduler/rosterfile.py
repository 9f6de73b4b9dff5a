"""The ``roster.csv`` format of DESIGN.md: its columns, its formula-safe text, and reading
its rows back with every bad row located.

Publishing writes the file and reads it back for ``--previous``; delivery reads it from an
output folder. Both read it here, so the file is understood one way. This module needs
nothing heavier than the domain model: ``scheduler send`` loads it without the workbook
or the optimiser.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .domain import HELSINKI, SERVICES
from .errors import Findings, Location
from .i18n import T

ROSTER_COLUMNS = ("name", "email", "organisation", "role", "service", "start", "end", "hours")
SHIFT_COLUMNS = ("name", "service", "start", "end")
"""The columns a roster must have to give its shifts."""

# A cell starting with one of these is run as a formula by spreadsheet programs; the quote
# itself is in the set so that writing and reading back are exact inverses.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def iso(moment: datetime) -> str:
    """ISO 8601 with the UTC offset, in Helsinki local time (``2026-03-29T15:00:00+03:00``)."""
    return moment.astimezone(HELSINKI).isoformat()


def safe_text(value: str) -> str:
    """Text that spreadsheet programs will not run as a formula when the CSV is opened:
    a leading ``'`` before a risky first character (undone by :func:`unsafe_text`)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unsafe_text(value: str) -> str:
    """The text :func:`safe_text` was given."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def parse_instant(text: str) -> datetime:
    """A roster time: ISO 8601, Helsinki local time where it has no offset."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=HELSINKI)
    return moment.astimezone(HELSINKI)


@dataclass(frozen=True)
class RosterRow:
    """One good row of a ``roster.csv`` (``number`` is its row in the file)."""

    number: int
    name: str
    email: str
    organisation: str
    role: str
    service: str
    start: datetime
    end: datetime


def read_roster_rows(
    path: Path,
    display: str,
    findings: Findings,
    *,
    required: Sequence[str] = SHIFT_COLUMNS,
) -> list[RosterRow]:
    """The good rows of the ``roster.csv`` at ``path`` (named ``display`` in messages);
    every problem, located, goes to ``findings``: a file missing or unreadable, a
    ``required`` column missing, and each bad row (no name, an unknown service, times
    that are not ISO 8601 or end before they start)."""
    where = Location(file=display)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        findings.error(where, T("missing; expected the roster.csv that scheduler solve writes"))
        return []
    except (OSError, UnicodeDecodeError) as exc:
        findings.error(where, T("cannot be read: {error}", error=str(exc)))
        return []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        raw_rows = list(reader)
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KiB limit
        findings.error(
            where,
            T(
                "not a roster CSV ({error}): expected the roster.csv of scheduler solve",
                error=str(exc),
            ),
        )
        return []
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        findings.error(
            where,
            T(
                "lacks the column(s) {columns}; expected the columns {expected}",
                columns=", ".join(missing),
                expected=",".join(ROSTER_COLUMNS),
            ),
        )
        return []
    rows = []
    for number, raw in enumerate(raw_rows, start=2):
        at = where.at(row=number)
        name = unsafe_text((raw.get("name") or "").strip())
        service = (raw.get("service") or "").strip()
        if not name:
            findings.error(at.at(column="name"), T("empty; expected the person's name"))
            continue
        if service not in SERVICES:
            findings.error(
                at.at(column="service"),
                T(
                    "'{service}' is not a service; expected one of {services}",
                    service=service,
                    services=", ".join(SERVICES),
                ),
            )
            continue
        try:
            start = parse_instant(raw.get("start") or "")
            end = parse_instant(raw.get("end") or "")
        except (ValueError, OverflowError):  # 0001-01-01T00:30+02:00 overflows
            findings.error(
                at, T("start and end must be ISO 8601 times such as 2026-03-02T18:00:00+02:00")
            )
            continue
        if end <= start:
            findings.error(at, T("the shift ends before it starts"))
            continue
        rows.append(
            RosterRow(
                number,
                name,
                unsafe_text((raw.get("email") or "").strip()),
                unsafe_text((raw.get("organisation") or "").strip()),
                (raw.get("role") or "").strip(),
                service,
                start,
                end,
            )
        )
    return rows
