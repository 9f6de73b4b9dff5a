"""Import last year's contact statistics: one row a contact, or one row an interval.

Accepted shapes (CSV or .xlsx, a header row anywhere in the first 20 rows):

- one row a contact: ``timestamp``, optional ``service`` (fi / sv; default fi), optional
  ``answered`` (yes / no, 1 / 0; an empty cell is no);
- one row an interval: ``start``, ``contacts``, optional ``answered`` (a count), optional
  ``service``; intervals are hourly or half-hourly (the length is read from the starts).

Times without an offset are Helsinki local time (the DST hours: see ``localtime``).
Contacts in hours when the chat is closed are kept out of the history and reported as
warnings with their rows. Every bad row is reported at once as an :class:`InputError`.
A service day without a single contact is taken as missing data (a gap in the export),
not as a day when nobody came, and is reported as a warning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Findings, Location
from ..intake.readers import Sheet, read_sheets
from .localtime import FoldTracker, TimeProblem, parse_datetime, to_utc
from .openhours import describe_hours, holiday_mask, local_parts, open_hour_starts, open_mask

EPOCH = pd.Timestamp(0, tz=UTC)
HEADER_SEARCH_ROWS = 20
MAX_LISTED = 20  # individual warnings of one kind before a summary line
MAX_ERRORS = 50  # individual errors before a count of the rest
MIN_CONTACTS_A_DAY_FOR_GAPS = 20  # below this a day without contacts can be real
BIN_MINUTES = (15, 30, 60)

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "timestamp": ("timestamp", "time", "datetime", "aikaleima", "aika", "tidpunkt", "tid"),
    "start": (
        "start",
        "interval",
        "intervalstart",
        "slotstart",
        "alku",
        "alkaa",
        "början",
        "borjan",
    ),
    "contacts": ("contacts", "count", "yhteydenotot", "yhteydenottoja", "kontakter"),
    "answered": ("answered", "vastattu", "vastatut", "besvarade", "besvarad"),
    "service": ("service", "chat", "palvelu", "tjänst", "tjanst"),
}
SERVICE_NAMES: dict[str, str] = {
    "fi": "fi",
    "fin": "fi",
    "finnish": "fi",
    "suomi": "fi",
    "sekasinchat": "fi",
    "sv": "sv",
    "swe": "sv",
    "swedish": "sv",
    "svenska": "sv",
    "ruotsi": "sv",
    "sekasinchatten": "sv",
    "chatten": "sv",
}
YES = frozenset({"yes", "y", "true", "1", "x", "kyllä", "kylla", "k", "ja", "answered", "vastattu"})
NO = frozenset({"no", "n", "false", "0", "ei", "nej", "unanswered"})


@dataclass(eq=False)
class History:
    """Contacts per service and open hour, read from one file.

    ``hourly`` has one row per service and hour with contacts: ``service``, ``start`` (UTC,
    the start of the local hour), ``contacts`` and ``answered`` (NaN where not given).
    ``spans`` are the first and last local day with data per service; ``missing_days``
    open days inside a span without any contact.
    """

    source: str
    shape: str
    hourly: pd.DataFrame
    spans: dict[str, tuple[date, date]]
    missing_days: dict[str, tuple[date, ...]] = field(default_factory=dict)
    findings: Findings = field(default_factory=Findings)
    bin_minutes: int = 60

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(sorted(self.spans))

    @property
    def total_contacts(self) -> int:
        return int(self.hourly["contacts"].sum())

    def contacts_of(self, service: str) -> int:
        return int(self.hourly.loc[self.hourly["service"] == service, "contacts"].sum())

    @property
    def answered_share(self) -> float | None:
        known = self.hourly.dropna(subset=["answered"])
        if known.empty or known["contacts"].sum() == 0:
            return None
        return float(known["answered"].sum() / known["contacts"].sum())

    def summary(self) -> str:
        parts = []
        for s in self.services:
            first, last = self.spans[s]
            parts.append(f"{s}: {self.contacts_of(s):,} contacts {first} – {last}")
        share = self.answered_share
        tail = f"; {share:.0%} answered" if share is not None else ""
        return f"{self.source} ({self.shape}): " + "; ".join(parts) + tail


def _key(text: object) -> str:
    return "".join(ch for ch in str(text).casefold() if ch.isalnum())


_LOOKUP = {_key(n): role for role, names in COLUMN_NAMES.items() for n in names}


def _find_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        roles: dict[str, int] = {}
        for c, value in enumerate(row):
            role = _LOOKUP.get(_key(value)) if value is not None else None
            if role and role not in roles:
                roles[role] = c
        if "timestamp" in roles or "start" in roles:
            return r, roles
    return None


class _Bad(ValueError):
    """One cell that cannot be read; the message says what was expected."""


class _Rows:
    """Collects parsed rows and located problems (capped, with a count of the rest)."""

    def __init__(self, sheet: Sheet, findings: Findings) -> None:
        self.sheet = sheet
        self.findings = findings
        self.error_count = 0
        self.utc: list[datetime] = []
        self.service: list[str] = []
        self.contacts: list[int] = []
        self.answered: list[float] = []
        self.row: list[int] = []

    def error(self, where: Location, message: str) -> None:
        self.error_count += 1
        if self.error_count <= MAX_ERRORS:
            self.findings.error(where, message)

    def read(self, r: int, c: int, reader, *args):
        """``reader(value, *args)`` of cell (r, c); a problem is recorded and gives None."""
        try:
            return reader(self.sheet.value(r, c), *args)
        except _Bad as exc:
            self.error(self.sheet.where(r, c), str(exc))
            return None


_SERVICE_CACHE: dict[object, str | None] = {}


def _service(value: object) -> str:
    if value not in _SERVICE_CACHE:
        _SERVICE_CACHE[value] = SERVICE_NAMES.get(_key(value)) if value is not None else None
    code = _SERVICE_CACHE[value]
    if code is None:
        raise _Bad(
            f"{value!r} is not a service: expected fi (Sekasin-chat) or sv (Sekasin-chatten)"
        )
    return code


def _count(value: object, what: str) -> int:
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number < 0 or number != int(number):
        raise _Bad(f"{value!r} is not a number of {what}: expected a whole number 0 or more")
    return int(number)


def _yes_no(value: object) -> float:
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0.0
    if isinstance(value, bool | int | float) and value in (0, 1):
        return float(value)
    text = str(value).strip().casefold()
    if text in YES:
        return 1.0
    if text in NO:
        return 0.0
    raise _Bad(f"{value!r} is not yes or no: expected yes/no, 1/0 or kyllä/ei")


def _moment(value: object, folds: FoldTracker) -> datetime:
    try:
        return to_utc(parse_datetime(value), folds)
    except TimeProblem as exc:
        raise _Bad(str(exc)) from None
    except (OverflowError, ValueError) as exc:
        raise _Bad(f"{value!r} cannot be read as a time ({exc})") from None


def _parse_rows(header: int, roles: dict[str, int], rows: _Rows) -> str:
    sheet = rows.sheet
    shape = "contacts" if "timestamp" in roles else "intervals"
    folds = FoldTracker(strict=shape == "contacts")
    time_col = roles["timestamp" if shape == "contacts" else "start"]
    service_col, answered_col = roles.get("service"), roles.get("answered")
    for r in range(header + 1, len(sheet.rows)):
        if not any(v is not None and str(v).strip() for v in sheet.rows[r]):
            continue
        service = "fi" if service_col is None else rows.read(r, service_col, _service)
        moment = rows.read(r, time_col, _moment, folds)
        if shape == "contacts":
            contacts: int | None = 1
            answered = math.nan if answered_col is None else rows.read(r, answered_col, _yes_no)
        else:
            contacts = rows.read(r, roles["contacts"], _count, "contacts")
            answered = math.nan
            if answered_col is not None and sheet.value(r, answered_col) is not None:
                value = rows.read(r, answered_col, _count, "answered contacts")
                if value is not None and contacts is not None and value > contacts:
                    rows.error(
                        sheet.where(r, answered_col),
                        f"{value} answered is more than the {contacts} contacts of the "
                        "row: expected at most the contacts",
                    )
                answered = math.nan if value is None else float(value)
        if (
            service is not None
            and moment is not None
            and contacts is not None
            and answered is not None
        ):
            rows.row.append(r)
            rows.utc.append(moment)
            rows.service.append(service)
            rows.contacts.append(contacts)
            rows.answered.append(answered)
    for note in folds.notes():
        rows.findings.warning(sheet.location, note)
    return shape


def _local_text(moment: pd.Timestamp) -> str:
    return moment.tz_convert("Europe/Helsinki").strftime("%Y-%m-%d %H:%M")


def _bin_minutes(frame: pd.DataFrame, rows: _Rows) -> int:
    """The interval length of interval rows, read from the gaps between starts."""
    sheet = rows.sheet
    gaps = []
    for _, part in frame.groupby("service"):
        starts = np.unique((part["utc"] - EPOCH).dt.total_seconds().to_numpy())
        if len(starts) > 1:
            gaps.append(int(np.diff(starts).min() // 60))
    closest = min(gaps) if gaps else 60
    minutes = next((m for m in sorted(BIN_MINUTES, reverse=True) if closest % m == 0), None)
    local = frame["utc"].dt.tz_convert("Europe/Helsinki")
    if len(frame) > 1 and ((local.dt.hour == 0) & (local.dt.minute == 0)).all():
        rows.error(
            sheet.location,
            "every interval starts at midnight: daily totals cannot place "
            "contacts in the hours of the day; expected hourly or "
            "half-hourly rows",
        )
        return 60
    if minutes is None:
        rows.error(
            sheet.location,
            f"interval starts are {closest} minutes apart at the closest: "
            "expected hourly or half-hourly rows (60 or 30 minutes)",
        )
        return 60
    offset = frame["utc"].dt.minute % minutes + frame["utc"].dt.second
    for i in np.flatnonzero(offset.to_numpy() != 0)[:MAX_LISTED]:
        rows.error(
            sheet.where(frame["row"].iloc[i]),
            f"the interval start "
            f"{_local_text(frame['utc'].iloc[i])} is not on a {minutes}-minute boundary",
        )
    dupes = frame.duplicated(subset=["service", "utc"], keep="first").to_numpy()
    for i in np.flatnonzero(dupes)[:MAX_LISTED]:
        rows.error(
            sheet.where(frame["row"].iloc[i]),
            f"the interval {frame['service'].iloc[i]} {_local_text(frame['utc'].iloc[i])} "
            "is listed twice: expected one row an interval",
        )
    return minutes


def _closed_warnings(
    frame: pd.DataFrame, closed: np.ndarray, shape: str, sheet: Sheet, findings: Findings
) -> None:
    idx = np.flatnonzero(closed & (frame["contacts"].to_numpy() > 0))
    for i in idx[:MAX_LISTED]:
        s = frame["service"].iloc[i]
        what = "a contact" if shape == "contacts" else f"{frame['contacts'].iloc[i]} contact(s)"
        findings.warning(
            sheet.where(frame["row"].iloc[i]),
            f"{what} at {_local_text(frame['utc'].iloc[i])} when the {s} chat is "
            f"closed ({describe_hours(s)}; holidays Sunday hours): kept out of the "
            "forecast",
        )
    if len(idx) > MAX_LISTED:
        rest = idx[MAX_LISTED:]
        listed = ", ".join(str(frame["row"].iloc[i] + 1) for i in rest[:10])
        findings.warning(
            sheet.location,
            f"{len(rest)} more rows ({int(frame['contacts'].iloc[rest].sum())} "
            f"contacts) fall in closed hours and were kept out (rows {listed}, …)",
        )


def _missing_days(
    hourly: pd.DataFrame, spans: dict[str, tuple[date, date]]
) -> dict[str, tuple[date, ...]]:
    """Open days without any contact, for services busy enough that this means a gap."""
    missing: dict[str, tuple[date, ...]] = {}
    for s, (first, last) in spans.items():
        mine = hourly[hourly["service"] == s]
        open_days = set(open_hour_starts(s, first, last).tz_convert("Europe/Helsinki").date)
        seen = set(local_parts(pd.DatetimeIndex(mine["start"]))["date"])
        if mine["contacts"].sum() < MIN_CONTACTS_A_DAY_FOR_GAPS * max(1, len(seen)):
            continue  # a quiet chat can have a day without contacts
        gaps = tuple(sorted(open_days - seen))
        if gaps:
            missing[s] = gaps
    return missing


def read_history(path: str | Path, *, display_name: str | None = None) -> History:
    """Read a contact history file; raises :class:`InputError` with every located problem."""
    path = Path(path)
    display = display_name or path.name
    findings = Findings()
    sheets = read_sheets(path, display, findings)
    findings.raise_if_errors()
    found = next(((s, h) for s in sheets if (h := _find_header(s)) is not None), None)
    if found is None:
        where = sheets[0].location if sheets else Location(display)
        findings.error(
            where,
            "no header row found: expected a column `timestamp` (one row a "
            "contact) or columns `start` and `contacts` (one row an interval), "
            "optionally `service` and `answered`, in the first 20 rows",
        )
        findings.raise_if_errors()
    sheet, (header, roles) = found
    if "timestamp" not in roles and "contacts" not in roles:
        findings.error(
            sheet.where(header),
            "a `start` column needs a `contacts` column beside it "
            "(one row an interval with its number of contacts)",
        )
    if "timestamp" in roles and "start" in roles:
        findings.error(
            sheet.where(header),
            "both `timestamp` and `start` columns: expected one "
            "row a contact (`timestamp`) or one row an interval "
            "(`start`, `contacts`), not both",
        )
    findings.raise_if_errors()
    used = set(roles.values())
    extra = [str(v) for c, v in enumerate(sheet.rows[header]) if v is not None and c not in used]
    if extra:
        findings.warning(sheet.where(header), f"column(s) {', '.join(extra)} not used")
    rows = _Rows(sheet, findings)
    shape = _parse_rows(header, roles, rows)
    if not rows.utc and not rows.error_count:
        findings.error(sheet.location, "no data rows under the header")
    frame = pd.DataFrame(
        {
            "service": rows.service,
            "contacts": rows.contacts,
            "answered": rows.answered,
            "row": rows.row,
        }
    )
    frame["utc"] = pd.DatetimeIndex(rows.utc, tz=UTC) if rows.utc else pd.DatetimeIndex([], tz=UTC)
    bin_minutes = _bin_minutes(frame, rows) if shape == "intervals" else 60
    if rows.error_count > MAX_ERRORS:
        findings.error(
            sheet.location, f"{rows.error_count - MAX_ERRORS} more problems like the above"
        )
    findings.raise_if_errors()
    return _build(display, shape, frame, bin_minutes, sheet, findings)


def _build(
    display: str,
    shape: str,
    frame: pd.DataFrame,
    bin_minutes: int,
    sheet: Sheet,
    findings: Findings,
) -> History:
    parts = local_parts(pd.DatetimeIndex(frame["utc"]))
    holidays = holiday_mask(parts["date"])
    closed = np.zeros(len(frame), dtype=bool)
    for s in frame["service"].unique():
        mine = (frame["service"] == s).to_numpy()
        closed[mine] = ~open_mask(s, parts[mine], holidays[mine])
    _closed_warnings(frame, closed, shape, sheet, findings)
    kept = frame[~closed].copy()
    kept["start"] = kept["utc"].dt.floor("h")
    kept["unknown"] = kept["answered"].isna()
    hourly = (
        kept.groupby(["service", "start"], sort=True)
        .agg(contacts=("contacts", "sum"), answered=("answered", "sum"), unknown=("unknown", "any"))
        .reset_index()
    )
    hourly.loc[hourly["unknown"], "answered"] = math.nan
    hourly = hourly[hourly["contacts"] > 0].drop(columns="unknown").reset_index(drop=True)
    spans: dict[str, tuple[date, date]] = {}
    for s, part in hourly.groupby("service"):
        days = part["start"].dt.tz_convert("Europe/Helsinki").dt.date
        spans[str(s)] = (days.min(), days.max())
    if not spans:
        findings.error(Location(display), "no contacts in open hours: nothing to forecast from")
        findings.raise_if_errors()
    missing = _missing_days(hourly, spans)
    for s, days in missing.items():
        listed = ", ".join(d.isoformat() for d in days[:8]) + (", …" if len(days) > 8 else "")
        findings.warning(
            Location(display),
            f"{s}: no contacts at all on {len(days)} open day(s) "
            f"({listed}): taken as missing data, not as zero",
        )
    return History(display, shape, hourly, spans, missing, findings, bin_minutes)
