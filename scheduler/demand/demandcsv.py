"""The demand CSV of DESIGN.md: ``service,start,contacts``, one row an open slot.

``start`` is ISO 8601 with its UTC offset in Helsinki local time (``2026-03-02T09:00:00+02:00``).
Reading checks the file against the horizon's open slots: every open slot needs exactly one
row, a row inside the horizon must start an open slot, contacts are numbers 0 or more.
Rows outside the horizon are allowed (a forecast may cover more weeks) and reported.
A start without an offset is read as Helsinki local time.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from ..domain import HELSINKI, Horizon, Rules
from ..errors import MAX_LISTED, Findings, Location
from ..hours import slot_grid
from ..i18n import T, Tn
from ..intake.readers import read_sheets
from .localtime import FoldTracker, TimeProblem, parse_datetime, to_utc

HEADER = ("service", "start", "contacts")
MAX_ERRORS = MAX_LISTED


def write_demand_csv(path: str | Path, demand: Mapping[tuple[str, datetime], float]) -> Path:
    """Write ``demand`` sorted by service and time; contacts with up to 3 decimals."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for (service, start), contacts in sorted(
            demand.items(), key=lambda kv: (kv[0][0], kv[0][1])
        ):
            text = f"{float(contacts):.3f}".rstrip("0").rstrip(".")
            out.writerow([service, start.astimezone(HELSINKI).isoformat(), text])
    return path


def _contacts(value: object) -> float | None:
    try:
        number = float(str(value).strip().replace(",", ".")) if value is not None else math.nan
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


def read_demand_csv(
    path: str | Path, horizon: Horizon, rules: Rules, *, display_name: str | None = None
) -> dict[tuple[str, datetime], float]:
    """Contacts per open slot of the horizon; :class:`InputError` lists every problem."""
    return load_demand_csv(path, horizon, rules, display_name=display_name)[0]


def load_demand_csv(
    path: str | Path, horizon: Horizon, rules: Rules, *, display_name: str | None = None
) -> tuple[dict[tuple[str, datetime], float], Findings]:
    """Like :func:`read_demand_csv`, also returning the warnings (rows outside the period)."""
    path = Path(path)
    display = display_name or path.name
    findings = Findings()
    sheets = read_sheets(path, display, findings)
    findings.raise_if_errors()
    sheet = sheets[0]
    header = [
        str(v).strip().casefold() if v is not None else ""
        for v in (sheet.rows[0] if sheet.rows else [])
    ]
    missing = [h for h in HEADER if h not in header]
    if missing:
        findings.error(
            sheet.where(0),
            T(
                "the header needs the columns service,start,contacts (missing: {missing}; "
                "found: {found})",
                missing=", ".join(missing),
                found=", ".join(h for h in header if h) or "-",
            ),
        )
        findings.raise_if_errors()
    col = {h: header.index(h) for h in HEADER}
    slots = {(s.service, s.start.timestamp()): s for s in slot_grid(horizon, rules)}
    begin, end = horizon.start_dt.timestamp(), horizon.end_dt.timestamp()
    demand: dict[tuple[str, datetime], float] = {}
    outside = 0
    folds = FoldTracker(strict=False)
    for r in range(1, len(sheet.rows)):
        if not any(v is not None for v in sheet.rows[r]):
            continue
        service = str(sheet.value(r, col["service"]) or "").strip()
        if service not in rules.services:
            findings.error(
                sheet.where(r, col["service"]),
                T(
                    "'{text}' is not a planned service: expected {choices}",
                    text=service,
                    choices=" / ".join(rules.services),
                ),
            )
            continue
        raw = sheet.value(r, col["start"])
        try:
            moment = to_utc(parse_datetime(raw), folds).timestamp()
        except TimeProblem as exc:
            findings.error(sheet.where(r, col["start"]), exc.text)
            continue
        contacts = _contacts(sheet.value(r, col["contacts"]))
        if contacts is None:
            findings.error(
                sheet.where(r, col["contacts"]),
                T(
                    "'{text}' is not a number of contacts: expected a number 0 or more (e.g. 12.5)",
                    text=str(sheet.value(r, col["contacts"])),
                ),
            )
            continue
        if not begin <= moment < end:
            outside += 1
            continue
        slot = slots.get((service, moment))
        if slot is None:
            findings.error(
                sheet.where(r, col["start"]),
                T(
                    "{text} is not the start of an open {minutes}-minute slot of {service} in "
                    "the plan (check the opening hours, holidays and the slot length)",
                    text=str(raw),
                    minutes=rules.slot_minutes,
                    service=service,
                ),
            )
        elif slot.key in demand:
            findings.error(
                sheet.where(r),
                T(
                    "{service} {text} is listed twice: expected one row a slot",
                    service=service,
                    text=str(raw),
                ),
            )
        else:
            demand[slot.key] = contacts
    absent = [s for s in slots.values() if s.key not in demand]
    if absent:
        listed: Any = ""
        for slot in absent[:5]:
            item = T("{service} {start}", service=slot.service, start=slot.start)
            listed = item if listed == "" else T("{first}, {second}", first=listed, second=item)
        findings.error(
            Location(display),
            Tn(
                "{n} open slot of the plan has no valid row (first: {first}): expected one row "
                "for every open slot (make the forecast for the same period and slot length)",
                "{n} open slots of the plan have no valid row (first: {first}): expected one "
                "row for every open slot (make the forecast for the same period and slot "
                "length)",
                len(absent),
                first=listed,
            ),
        )
    if outside:
        findings.warning(
            Location(display),
            Tn(
                "{n} row outside the plan period {start} – {end} was not used",
                "{n} rows outside the plan period {start} – {end} were not used",
                outside,
                start=horizon.start,
                end=horizon.days[-1],
            ),
        )
    errors = findings.errors
    if len(errors) > MAX_ERRORS:
        findings.items = [f for f in findings.items if f.severity == "warning"] + errors[
            :MAX_ERRORS
        ]
        findings.error(
            Location(display),
            Tn(
                "and {n} more error like these",
                "and {n} more errors like these",
                len(errors) - MAX_ERRORS,
            ),
        )
    findings.raise_if_errors()
    return demand, findings
