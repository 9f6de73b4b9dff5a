"""``roster.csv`` and ``coverage.csv`` exactly as DESIGN.md fixes them, and reading a roster back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import cast

from ..domain import HELSINKI, ROLES, SERVICES, Person, Role, Shift
from ..errors import Findings, InputError, Location
from ..i18n import T
from ..roster import CoverageRow
from .calendars import PreviousRoster

ROSTER_COLUMNS = ("name", "email", "organisation", "role", "service", "start", "end", "hours")
COVERAGE_COLUMNS = (
    "service",
    "start",
    "end",
    "staffed",
    "min_staff",
    "forecast_contacts",
    "expected_answered",
)


def iso(moment: datetime) -> str:
    """ISO 8601 with the UTC offset, in Helsinki local time (``2026-03-29T15:00:00+03:00``)."""
    return moment.astimezone(HELSINKI).isoformat()


# A cell starting with one of these is run as a formula by spreadsheet programs; the quote
# itself is in the set so that writing and reading back are exact inverses.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def safe_text(value: str) -> str:
    """Text that spreadsheet programs will not run as a formula when the CSV is opened:
    a leading ``'`` before a risky first character (undone by :func:`unsafe_text`)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unsafe_text(value: str) -> str:
    """The text :func:`safe_text` was given."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def roster_rows(shifts: Iterable[Shift], people: Mapping[str, Person]) -> list[dict[str, str]]:
    rows = []
    for s in sorted(shifts, key=lambda s: (s.start, s.service, s.name)):
        p = people.get(s.name)
        rows.append(
            {
                "name": safe_text(s.name),
                "email": safe_text(p.email) if p else "",
                "organisation": safe_text(p.organisation) if p else "",
                "role": p.role if p else "",
                "service": s.service,
                "start": iso(s.start),
                "end": iso(s.end),
                "hours": f"{s.hours:g}",
            }
        )
    return rows


def write_roster_csv(
    path: Path | str, shifts: Iterable[Shift], people: Mapping[str, Person]
) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=ROSTER_COLUMNS)
        writer.writeheader()
        writer.writerows(roster_rows(shifts, people))


def write_coverage_csv(path: Path | str, coverage: Iterable[CoverageRow]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COVERAGE_COLUMNS)
        for row in coverage:
            writer.writerow(
                [
                    row.service,
                    iso(row.start),
                    iso(row.end),
                    row.staffed,
                    row.min_staff,
                    f"{row.forecast_contacts:.4f}",
                    f"{row.expected_answered:.4f}",
                ]
            )


def _parse_instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=HELSINKI)
    return moment.astimezone(HELSINKI)


def read_roster_csv(path: Path | str) -> PreviousRoster:
    """Read a ``roster.csv`` back (e.g. for ``--previous``); every bad row is reported.

    The shifts come with who their people were (``.people``: e-mail, organisation, role from
    the file), so a person who has left since still has their cancellations published in
    their organisation's calendar."""
    path = Path(path)
    findings = Findings()
    where = Location(file=path.name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(T("cannot read the roster: {error}", error=str(exc)), where) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:  # e.g. a field over the csv module's 128 KiB limit
        raise InputError(
            T(
                "not a roster CSV ({error}): expected the roster.csv of scheduler solve",
                error=str(exc),
            ),
            where,
        ) from None
    missing = [c for c in ("name", "service", "start", "end") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            T(
                "the roster lacks the column(s) {missing}; expected the columns {columns}",
                missing=", ".join(missing),
                columns=",".join(ROSTER_COLUMNS),
            ),
            where,
        )
    shifts: list[Shift] = []
    people: dict[str, Person] = {}
    for number, row in enumerate(rows, start=2):
        at = where.at(row=number)
        name = unsafe_text((row.get("name") or "").strip())
        service = (row.get("service") or "").strip()
        if not name:
            findings.error(at.at(column="name"), T("empty name; expected the person's name"))
            continue
        if service not in SERVICES:
            findings.error(
                at.at(column="service"),
                T(
                    "chat {service!r}; expected one of {services}",
                    service=service,
                    services=", ".join(SERVICES),
                ),
            )
            continue
        try:
            start = _parse_instant(row.get("start") or "")
            end = _parse_instant(row.get("end") or "")
        except (ValueError, OverflowError):  # 0001-01-01T00:30+02:00 overflows
            findings.error(
                at, T("start/end are not ISO 8601 times such as 2026-03-02T18:00:00+02:00")
            )
            continue
        if end <= start:
            findings.error(at, T("the shift ends before it starts"))
            continue
        shifts.append(Shift(name, service, start, end))
        if name not in people:
            role = (row.get("role") or "").strip()
            people[name] = Person(
                name,
                email=unsafe_text((row.get("email") or "").strip()),
                organisation=unsafe_text((row.get("organisation") or "").strip()),
                role=cast(Role, role if role in ROLES else "volunteer"),
            )
    findings.raise_if_errors()
    return PreviousRoster(shifts, people, languages_known=False, folder=path.parent)
