"""Import last year's contact statistics: one row a contact or conversation, or one row an
interval, in the shapes chat platforms export.

Accepted shapes (CSV or .xlsx, a header row anywhere in the first 20 rows, headers in
Finnish, Swedish or English):

- one row a contact: ``timestamp``, optional ``service`` (fi / sv; default fi), optional
  ``answered`` (yes / no, 1 / 0; an empty cell is no);
- one row a conversation or chat request: a start time, optional queue time, and a status
  (``accepted`` / ``dropped``, ``answered`` / ``abandoned``, ``vastattu`` / ``jonosta
  poistunut``...): every request is a contact, the accepted ones are answered;
- one row an interval: ``start`` and ``contacts``, optional ``answered`` (a count) and
  ``service``; or hourly statistics such as ``Aika;Yhteydenotot;Vastatut``, or a date column
  and an hour column (``Päivä;Tunti;Yhteydenotot``). Intervals are hourly or half-hourly
  (the length is read from the starts). Total rows (``Yhteensä``, ``Total``) are skipped with
  a note.

Times without an offset are Helsinki local time (the DST hours: see ``localtime``).
Contacts in hours when the chat is closed are kept out of the history and reported as
warnings with their rows. Every bad row is reported at once as an :class:`InputError`; a
count beyond what an hour can hold and a date outside 2000–2100 are errors at their cell.
A service day without a single contact is taken as missing data (a gap in the export),
not as a day when nobody came, and is reported as a warning.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import MAX_LISTED, Findings, Location
from ..i18n import T, Text, Tn
from ..intake.readers import HISTORY_LIMITS, Sheet, has_value, read_sheets
from .localtime import FoldTracker, TimeProblem, parse_datetime, to_utc
from .openhours import describe_hours, holiday_mask, local_parts, open_hour_starts, open_mask

EPOCH = pd.Timestamp(0, tz=UTC)
HEADER_SEARCH_ROWS = 20
MAX_LISTED_WARNINGS = 20  # individual warnings of one kind before a summary line
MAX_ERRORS = MAX_LISTED  # individual errors before a count of the rest
MIN_CONTACTS_A_DAY_FOR_GAPS = 20  # below this a day without contacts can be real
BIN_MINUTES = (15, 30, 60)
#: More contacts than this in one interval is not a count a chat can have.
MAX_CONTACTS_PER_INTERVAL = 10_000
YEARS = (2000, 2100)

COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "timestamp": (
        "timestamp",
        "time",
        "datetime",
        "date and time",
        "aikaleima",
        "aika",
        "ajankohta",
        "tidpunkt",
        "tid",
        "started",
        "start time",
        "created",
        "created at",
        "aloitusaika",
        "alkamisaika",
        "alkoi",
        "saapumisaika",
        "luotu",
        "starttid",
        "påbörjad",
        "skapad",
    ),
    "start": (
        "start",
        "interval",
        "intervalstart",
        "slotstart",
        "hour start",
        "alku",
        "alkaa",
        "början",
        "borjan",
    ),
    "date": ("date", "day", "päivä", "päivämäärä", "pvm", "datum", "dag"),
    "hour": ("hour", "tunti", "klo", "kellonaika", "kello", "timme", "klockslag"),
    "contacts": (
        "contacts",
        "count",
        "yhteydenotot",
        "yhteydenottoja",
        "kontakter",
        "chats",
        "chat requests",
        "requests",
        "keskustelupyynnöt",
        "pyynnöt",
        "saapuneet",
        "incoming",
        "inkommande",
        "förfrågningar",
    ),
    "answered": (
        "answered",
        "vastattu",
        "vastatut",
        "vastattuja",
        "besvarade",
        "besvarad",
        "handled",
        "käsitellyt",
        "hanterade",
    ),
    "service": ("service", "chat", "palvelu", "tjänst", "tjanst", "kanava", "kanal", "channel"),
    "status": ("status", "tila", "tilanne", "state", "outcome", "tulos", "resultat"),
    "queue": (
        "queue time",
        "wait time",
        "waiting time",
        "queue",
        "jonotusaika",
        "odotusaika",
        "jonoaika",
        "kötid",
        "väntetid",
    ),
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
ANSWERED_STATUS = frozenset(
    {
        "accepted",
        "answered",
        "handled",
        "served",
        "completed",
        "closed",
        "vastattu",
        "käsitelty",
        "hyväksytty",
        "palveltu",
        "keskusteltu",
        "besvarad",
        "hanterad",
        "accepterad",
        "genomförd",
    }
)
DROPPED_STATUS = frozenset(
    {
        "dropped",
        "abandoned",
        "missed",
        "left",
        "left queue",
        "unanswered",
        "timeout",
        "timed out",
        "rejected",
        "jonosta poistunut",
        "poistui jonosta",
        "poistunut",
        "hylätty",
        "vastaamatta",
        "ei vastattu",
        "keskeytetty",
        "lämnade",
        "lämnade kön",
        "avbruten",
        "obesvarad",
        "missad",
    }
)
TOTAL_WORDS = frozenset({"yhteensä", "total", "totals", "sum", "summa", "totalt", "kaikki", "all"})


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

    def summary(self) -> Text:
        """What was read, in the reader's language."""
        parts = [
            T(
                "{service}: {contacts} contacts {first} – {last}",
                service=s,
                contacts=self.contacts_of(s),
                first=self.spans[s][0],
                last=self.spans[s][1],
            )
            for s in self.services
        ]
        listed: Any = parts[0] if parts else ""
        for part in parts[1:]:
            listed = T("{first}; {second}", first=listed, second=part)
        share = self.answered_share
        if share is not None:
            return T(
                "{source} ({shape}): {services}; {share:.0%} answered",
                source=self.source,
                shape=SHAPES.get(self.shape, self.shape),
                services=listed,
                share=share,
            )
        return T(
            "{source} ({shape}): {services}",
            source=self.source,
            shape=SHAPES.get(self.shape, self.shape),
            services=listed,
        )


SHAPES = {
    "contacts": T("a row a contact"),
    "conversations": T("a row a conversation"),
    "intervals": T("a row an interval"),
}


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
        if "contacts" in roles and "timestamp" in roles and "start" not in roles:
            roles["start"] = roles.pop("timestamp")  # hourly statistics: Aika;Yhteydenotot
        if "date" in roles and "hour" in roles and "start" not in roles:
            return r, roles
        if "timestamp" in roles or "start" in roles:
            return r, roles
    return None


class _Bad(ValueError):
    """One cell that cannot be read; the text says what was expected."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


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
        self.totals: list[int] = []

    def error(self, where: Location, message: Text) -> None:
        self.error_count += 1
        if self.error_count <= MAX_ERRORS:
            self.findings.error(where, message)

    def read(self, r: int, c: int, reader, *args):
        """``reader(value, *args)`` of cell (r, c); a problem is recorded and gives None."""
        try:
            return reader(self.sheet.value(r, c), *args)
        except _Bad as exc:
            self.error(self.sheet.where(r, c), exc.text)
            return None


_SERVICE_CACHE: dict[object, str | None] = {}


def _shown(value: object) -> str:
    return str(value).strip() if value is not None else ""


def _service(value: object) -> str:
    if value not in _SERVICE_CACHE:
        _SERVICE_CACHE[value] = SERVICE_NAMES.get(_key(value)) if value is not None else None
    code = _SERVICE_CACHE[value]
    if code is None:
        raise _Bad(
            T(
                "'{text}' is not a service: expected fi (Sekasin-chat) or sv (Sekasin-chatten)",
                text=_shown(value),
            )
        )
    return code


def _count(value: object, what: Text) -> int:
    number: float | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except ValueError:
            number = None
    if number is None or not math.isfinite(number) or number < 0 or number != int(number):
        raise _Bad(
            T(
                "'{text}' is not a number of {what}: expected a whole number 0 or more",
                text=_shown(value),
                what=what,
            )
        )
    if number > MAX_CONTACTS_PER_INTERVAL:
        raise _Bad(
            T(
                "{count} {what} in one interval is more than a chat can have in an hour: "
                "expected at most {limit} (is this a total row, or a column of another "
                "number?)",
                count=int(number),
                what=what,
                limit=MAX_CONTACTS_PER_INTERVAL,
            )
        )
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
    raise _Bad(T("'{text}' is not yes or no: expected yes/no, 1/0 or kyllä/ei", text=_shown(value)))


def _status(value: object) -> float:
    text = " ".join(str(value).casefold().split()) if value is not None else ""
    if text in ANSWERED_STATUS or text in YES:
        return 1.0
    if text in DROPPED_STATUS or text in NO:
        return 0.0
    raise _Bad(
        T(
            "'{text}' is not a status this reader knows: expected accepted or answered "
            "(vastattu, besvarad) for a conversation held, dropped or abandoned (jonosta "
            "poistunut, lämnade kön) for one that was not",
            text=_shown(value),
        )
    )


def _check_year(year: int, value: object) -> None:
    if not YEARS[0] <= year < YEARS[1]:
        raise _Bad(
            T(
                "'{text}' is in the year {year}: expected a date between 2000 and 2100",
                text=_shown(value),
                year=str(year),
            )
        )


def _in_years(moment: datetime, value: object) -> datetime:
    _check_year(moment.year, value)
    return moment


def _moment(value: object, folds: FoldTracker) -> datetime:
    try:
        return to_utc(_in_years(parse_datetime(value), value), folds)
    except TimeProblem as exc:
        raise _Bad(exc.text) from None
    except (OverflowError, ValueError) as exc:
        if isinstance(exc, _Bad):
            raise
        raise _Bad(
            T("'{text}' cannot be read as a time ({problem})", text=_shown(value), problem=str(exc))
        ) from None


_HOUR = re.compile(
    r"^(?:klo\s*|kl\.?\s*)?([0-9]{1,2})(?:[:.]([0-9]{2}))?(?:\s*[-–—]\s*[0-9:. ]+)?$"
)


def _hour(value: object) -> time:
    """The start of an hour cell: ``18``, ``18:00``, ``18-19``, ``klo 18``, an Excel time."""
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, time):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 0 <= value <= 23:
            return time(int(value))
        if 0 <= value < 1:
            minutes = round(float(value) * 24 * 60)
            return time(minutes // 60, minutes % 60)
    match = _HOUR.match(str(value).strip().casefold()) if isinstance(value, str) else None
    if match and int(match.group(1)) <= 23 and int(match.group(2) or 0) <= 59:
        return time(int(match.group(1)), int(match.group(2) or 0))
    raise _Bad(T("'{text}' is not an hour: expected 0–23, 18:00 or 18-19", text=_shown(value)))


def _date(value: object) -> date:
    day = _day(value)
    _check_year(day.year, value)
    return day


def _day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _shown(value)
    for pattern, order in (
        (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", "ymd"),
        (r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", "dmy"),
        (r"^(\d{1,2})/(\d{1,2})/(\d{4})$", "dmy"),
    ):
        match = re.match(pattern, text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise _Bad(T("'{text}' is not a date: expected a date like 2025-03-01 or 1.3.2025", text=text))


def _is_total(sheet: Sheet, r: int, roles: dict[str, int]) -> bool:
    cols = [roles[k] for k in ("timestamp", "start", "date") if k in roles]
    return any(_key(sheet.value(r, c)) in TOTAL_WORDS for c in cols)


def _parse_rows(header: int, roles: dict[str, int], rows: _Rows) -> str:
    sheet = rows.sheet
    if "timestamp" in roles:
        shape = "conversations" if "status" in roles else "contacts"
    else:
        shape = "intervals"
    folds = FoldTracker(strict=shape != "intervals")
    service_col, answered_col = roles.get("service"), roles.get("answered")
    by_date = "start" not in roles and "timestamp" not in roles
    for r in range(header + 1, len(sheet.rows)):
        if not any(has_value(v) for v in sheet.rows[r]):
            continue
        if _is_total(sheet, r, roles):
            rows.totals.append(r)
            continue
        service = "fi" if service_col is None else rows.read(r, service_col, _service)
        if by_date:
            day = rows.read(r, roles["date"], _date)
            hour = rows.read(r, roles["hour"], _hour)
            moment = None
            if day is not None and hour is not None:
                local = datetime.combine(day, hour)
                try:
                    moment = to_utc(_in_years(local, local.isoformat(sep=" ")), folds)
                except (TimeProblem, _Bad) as exc:
                    rows.error(sheet.where(r, roles["hour"]), exc.text)
        else:
            time_col = roles["timestamp" if shape != "intervals" else "start"]
            moment = rows.read(r, time_col, _moment, folds)
        if shape == "contacts":
            contacts: int | None = 1
            answered = math.nan if answered_col is None else rows.read(r, answered_col, _yes_no)
        elif shape == "conversations":
            contacts = 1
            answered = rows.read(r, roles["status"], _status)
        else:
            contacts = rows.read(r, roles["contacts"], _count, T("contacts"))
            answered = math.nan
            if answered_col is not None and sheet.value(r, answered_col) is not None:
                value = rows.read(r, answered_col, _count, T("answered contacts"))
                if value is not None and contacts is not None and value > contacts:
                    rows.error(
                        sheet.where(r, answered_col),
                        T(
                            "{answered} answered is more than the {contacts} contacts of the "
                            "row: expected at most the contacts",
                            answered=value,
                            contacts=contacts,
                        ),
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
    for day, count in folds.counts():
        rows.findings.warning(
            sheet.location,
            Tn(
                "{date:year} 03:00–03:59 happened twice (clocks went back from 04:00 to "
                "03:00); {n} row without an offset there was read in file order: summer time "
                "(+03:00) until the time went back, then winter time (+02:00). Give times "
                "with their offset to be exact.",
                "{date:year} 03:00–03:59 happened twice (clocks went back from 04:00 to "
                "03:00); {n} rows without an offset there were read in file order: summer "
                "time (+03:00) until the time went back, then winter time (+02:00). Give times "
                "with their offset to be exact.",
                count,
                date=day,
            ),
        )
    if rows.totals:
        rows.findings.warning(
            sheet.location,
            Tn(
                "{n} total row was skipped (row {rows}): only the rows of single intervals "
                "are counted",
                "{n} total rows were skipped (rows {rows}): only the rows of single intervals "
                "are counted",
                len(rows.totals),
                rows=", ".join(str(r + 1) for r in rows.totals[:10])
                + (", …" if len(rows.totals) > 10 else ""),
            ),
        )
    return shape


def _local(moment: pd.Timestamp) -> datetime:
    return moment.tz_convert("Europe/Helsinki").to_pydatetime()


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
            T(
                "every interval starts at midnight: daily totals cannot place contacts in the "
                "hours of the day; expected hourly or half-hourly rows"
            ),
        )
        return 60
    if minutes is None:
        rows.error(
            sheet.location,
            T(
                "interval starts are {minutes} minutes apart at the closest: expected hourly "
                "or half-hourly rows (60 or 30 minutes)",
                minutes=closest,
            ),
        )
        return 60
    offset = frame["utc"].dt.minute % minutes + frame["utc"].dt.second
    for i in np.flatnonzero(offset.to_numpy() != 0)[:MAX_LISTED_WARNINGS]:
        rows.error(
            sheet.where(frame["row"].iloc[i]),
            T(
                "the interval start {start} is not on a {minutes}-minute boundary",
                start=_local(frame["utc"].iloc[i]),
                minutes=minutes,
            ),
        )
    dupes = frame.duplicated(subset=["service", "utc"], keep="first").to_numpy()
    for i in np.flatnonzero(dupes)[:MAX_LISTED_WARNINGS]:
        rows.error(
            sheet.where(frame["row"].iloc[i]),
            T(
                "the interval {service} {start} is listed twice: expected one row an interval",
                service=frame["service"].iloc[i],
                start=_local(frame["utc"].iloc[i]),
            ),
        )
    return minutes


def _closed_warnings(
    frame: pd.DataFrame, closed: np.ndarray, shape: str, sheet: Sheet, findings: Findings
) -> None:
    idx = np.flatnonzero(closed & (frame["contacts"].to_numpy() > 0))
    for i in idx[:MAX_LISTED_WARNINGS]:
        s = frame["service"].iloc[i]
        findings.warning(
            sheet.where(frame["row"].iloc[i]),
            Tn(
                "{n} contact at {time} when the {service} chat is closed ({hours}; holidays "
                "Sunday hours): kept out of the forecast",
                "{n} contacts at {time} when the {service} chat is closed ({hours}; holidays "
                "Sunday hours): kept out of the forecast",
                int(frame["contacts"].iloc[i]),
                time=_local(frame["utc"].iloc[i]),
                service=s,
                hours=describe_hours(s),
            ),
        )
    if len(idx) > MAX_LISTED_WARNINGS:
        rest = idx[MAX_LISTED_WARNINGS:]
        listed = ", ".join(str(frame["row"].iloc[i] + 1) for i in rest[:10])
        findings.warning(
            sheet.location,
            Tn(
                "{n} more row ({contacts} contacts) falls in closed hours and was kept out "
                "(rows {rows}, …)",
                "{n} more rows ({contacts} contacts) fall in closed hours and were kept out "
                "(rows {rows}, …)",
                len(rest),
                contacts=int(frame["contacts"].iloc[rest].sum()),
                rows=listed,
            ),
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
    sheets = read_sheets(path, display, findings, HISTORY_LIMITS)
    findings.raise_if_errors()
    found = next(((s, h) for s in sheets if (h := _find_header(s)) is not None), None)
    if found is None:
        where = sheets[0].location if sheets else Location(display)
        findings.error(
            where,
            T(
                "no header row found: expected a column `timestamp` (one row a contact), "
                "columns `start` and `contacts` (one row an interval, also Aika;Yhteydenotot "
                "or a date and an hour column), or a start time and a status (one row a "
                "conversation), optionally `service` and `answered`, in the first 20 rows"
            ),
        )
        findings.raise_if_errors()
    assert found is not None
    sheet, (header, roles) = found
    timed = "timestamp" in roles or "start" in roles or ("date" in roles and "hour" in roles)
    if "timestamp" not in roles and "contacts" not in roles and timed:
        findings.error(
            sheet.where(header),
            T(
                "a `start` column needs a `contacts` column beside it (one row an interval "
                "with its number of contacts)"
            ),
        )
    if "timestamp" in roles and "start" in roles:
        findings.error(
            sheet.where(header),
            T(
                "both `timestamp` and `start` columns: expected one row a contact "
                "(`timestamp`) or one row an interval (`start`, `contacts`), not both"
            ),
        )
    findings.raise_if_errors()
    used = set(roles.values())
    if "queue" in roles:
        findings.warning(
            sheet.where(header, roles["queue"]),
            T(
                "the queue time column '{column}' was recognised: the forecast counts every "
                "request as a contact, so queue times are not needed and were not read",
                column=_shown(sheet.value(header, roles["queue"])),
            ),
        )
    for c, v in enumerate(sheet.rows[header]):
        if v is not None and c not in used:
            findings.warning(
                sheet.where(header, c),
                T("column '{column}' was not understood and not read", column=_shown(v)),
            )
    rows = _Rows(sheet, findings)
    shape = _parse_rows(header, roles, rows)
    if not rows.utc and not rows.error_count:
        findings.error(sheet.location, T("no data rows under the header"))
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
            sheet.location,
            Tn(
                "and {n} more error like these",
                "and {n} more errors like these",
                rows.error_count - MAX_ERRORS,
            ),
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
        findings.error(Location(display), T("no contacts in open hours: nothing to forecast from"))
        findings.raise_if_errors()
    missing = _missing_days(hourly, spans)
    for s, days in missing.items():
        listed: Any = ""
        for day in days[:8]:
            item = T("{date}", date=day)
            listed = item if listed == "" else T("{first}, {second}", first=listed, second=item)
        if len(days) > 8:
            listed = T("{first}, {second}", first=listed, second="…")
        findings.warning(
            Location(display),
            Tn(
                "{service}: no contacts at all on {n} open day ({days}): taken as missing "
                "data, not as zero",
                "{service}: no contacts at all on {n} open days ({days}): taken as missing "
                "data, not as zero",
                len(days),
                service=s,
                days=listed,
            ),
        )
    return History(display, shape, hourly, spans, missing, findings, bin_minutes)
