"""``roster.csv`` and ``coverage.csv`` exactly as DESIGN.md fixes them, and reading a roster back."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from ..domain import ROLES, Person, Role, Shift
from ..errors import Findings
from ..roster import CoverageRow
from ..rosterfile import (
    ROSTER_COLUMNS,
    iso,
    read_roster_rows,
    safe_text,
    unsafe_text,
)
from .calendars import PreviousRoster

__all__ = [
    "COVERAGE_COLUMNS",
    "ROSTER_COLUMNS",
    "iso",
    "read_roster_csv",
    "roster_rows",
    "safe_text",
    "unsafe_text",
    "write_coverage_csv",
    "write_roster_csv",
]

COVERAGE_COLUMNS = (
    "service",
    "start",
    "end",
    "staffed",
    "min_staff",
    "forecast_contacts",
    "expected_answered",
)


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


def read_roster_csv(path: Path | str) -> PreviousRoster:
    """Read a ``roster.csv`` back (e.g. for ``--previous``); every bad row is reported.

    The shifts come with who their people were (``.people``: e-mail, organisation, role from
    the file), so a person who has left since still has their cancellations published in
    their organisation's calendar."""
    path = Path(path)
    findings = Findings()
    rows = read_roster_rows(path, path.name, findings)
    findings.raise_if_errors()
    shifts = [Shift(r.name, r.service, r.start, r.end) for r in rows]
    people: dict[str, Person] = {}
    for r in rows:
        if r.name not in people:
            people[r.name] = Person(
                r.name,
                email=r.email,
                organisation=r.organisation,
                role=cast(Role, r.role if r.role in ROLES else "volunteer"),
            )
    return PreviousRoster(shifts, people, languages_known=False, folder=path.parent)
