"""A person's details as written in one row, and the records every shape produces."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..domain import LANGUAGES, PREFERENCES, ROLES, normalise_name
from ..errors import CellError, Findings, Location
from ..i18n import T
from .readers import Sheet, has_value
from .vocabulary import (
    ANONYMOUS_WORDS,
    LANGUAGE_WORDS,
    NO_WORDS,
    PREFERENCE_WORDS,
    ROLE_WORDS,
    YES_WORDS,
    label,
)

HOUR_FIELDS = ("min_hours", "max_hours", "max_hours_per_week", "min_shift_hours", "max_shift_hours")


@dataclass
class PersonRecord:
    """One mention of a person: the name as written and the details given there."""

    name: str
    where: Location
    details: dict[str, object] = field(default_factory=dict)
    places: dict[str, Location] = field(default_factory=dict)


@dataclass
class RawPiece:
    """A piece of time before its person is resolved.

    ``owner`` is set when the row that gave the time also names the person (free text,
    grid, a sign-up list); canonical Availability rows name a person of the People sheet
    by ``name``.
    """

    owner: PersonRecord | None
    name: str
    name_where: Location
    where: Location
    start: int
    end: int
    preference: str = "available"
    day: date | None = None
    weekday: int | None = None
    source: PieceSource | None = None


@dataclass(frozen=True)
class PieceSource:
    """Where a piece of time was written: its time, and its date or weekday when these are
    in another cell (so a date outside the period is reported at the date)."""

    time: Location
    day: Location | None = None

    def __str__(self) -> str:
        return str(self.time)


@dataclass
class SheetResult:
    """What one sheet gave."""

    where: Location
    shape: str
    people: list[PersonRecord] = field(default_factory=list)
    pieces: list[RawPiece] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # headers of columns not understood
    skipped: list[str] = field(default_factory=list)  # recognised and not read
    poll: bool = False
    mapped: bool = False
    parts: dict[str, int] = field(default_factory=dict)  # day-part words read, by part


def clean_name(value: object) -> str:
    """A name cell as text, spacing tidied (numbers and '=…' stay as written)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


# --------------------------------------------------------------------------- detail values


def _text(value: object) -> str:
    return " ".join(str(value).split())


def parse_email(value: object) -> str:
    text = _text(value)
    if text.casefold().startswith("mailto:"):
        text = text[7:]
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise CellError(
            T("'{text}' is not an email address: expected e.g. anna@example.fi", text=text)
        )
    return text.casefold()


def parse_role(value: object) -> str:
    role = ROLE_WORDS.get(label(value))
    if role is None:
        raise CellError(
            T(
                "unknown role '{text}': expected one of {choices}",
                text=_text(value),
                choices=", ".join(ROLES),
            )
        )
    return role


def parse_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = label(value)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise CellError(
        T("'{text}' is not yes or no: expected yes/no (kyllä/ei, ja/nej)", text=_text(value))
    )


def parse_languages(value: object) -> tuple[str, ...]:
    found: list[str] = []
    for word in re.split(r"[,;/&+\s]+|\bja\b|\boch\b|\band\b", label(value)):
        if not word:
            continue
        code = LANGUAGE_WORDS.get(word)
        if code is None:
            raise CellError(
                T(
                    "unknown language '{word}': expected a list of {choices} (or suomi, "
                    "ruotsi, englanti)",
                    word=word,
                    choices=", ".join(LANGUAGES),
                )
            )
        if code not in found:
            found.append(code)
    if not found:
        raise CellError(T("no language given: expected e.g. fi, sv"))
    # in the order written: the first is the language of the person's own texts
    return tuple(found)


def same_detail(key: str, a: object, b: object) -> bool:
    """Whether two rows for one person agree on a detail (languages in any order)."""
    if key == "languages" and isinstance(a, tuple) and isinstance(b, tuple):
        return set(a) == set(b)
    return a == b


def warn_first_language(
    findings: Findings,
    person: str,
    value: object,
    where: Location,
    earlier: object,
    earlier_where: Location,
) -> None:
    """Two rows for one person list the same languages with another first: the earlier
    row's first is kept (it is the language of their calendar, schedule and e-mails), and
    the coordinator is told which."""
    if isinstance(value, tuple) and isinstance(earlier, tuple) and value[:1] != earlier[:1]:
        findings.warning(
            where,
            T(
                "{person}: languages are '{value}' here but '{earlier}' at {place}; their "
                "calendar, schedule and e-mails will be in the first listed there, {first}",
                person=person,
                value=_show(value),
                earlier=_show(earlier),
                place=str(earlier_where),
                first=str(earlier[0]),
            ),
        )


def parse_hours(value: object) -> float:
    if isinstance(value, bool):
        raise CellError(T("'{text}' is not a number of hours", text=str(value)))
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value).replace(",", ".").removesuffix("h").strip()
        try:
            number = float(text)
        except ValueError:
            raise CellError(
                T(
                    "'{text}' is not a number of hours: expected e.g. 8 or 7,5",
                    text=_text(value),
                )
            ) from None
    if not math.isfinite(number) or number < 0 or number > 24 * 7 * 53:
        raise CellError(T("'{text}' is not a possible number of hours", text=_text(value)))
    return number


def parse_count(value: object) -> int:
    number = parse_hours(value)
    if not number.is_integer():
        raise CellError(T("'{text}' is not a whole number: expected e.g. 3", text=_text(value)))
    return int(number)


def parse_preference(value: object) -> str:
    if value is None or not str(value).strip():
        return "available"
    word = PREFERENCE_WORDS.get(label(value))
    if word is None:
        raise CellError(
            T(
                "unknown preference '{text}': expected one of {choices}",
                text=_text(value),
                choices=", ".join(PREFERENCES),
            )
        )
    return word


#: Names of the details for messages.
FIELD_TEXT = {
    "name": T("name"),
    "email": T("email"),
    "organisation": T("organisation"),
    "role": T("role"),
    "languages": T("languages"),
    "mentor": T("mentor"),
    "trainee": T("trainee"),
    "min_hours": T("min_hours"),
    "max_hours": T("max_hours"),
    "max_hours_per_week": T("max_hours_per_week"),
    "max_shifts_per_week": T("max_shifts_per_week"),
    "min_shift_hours": T("min_shift_hours"),
    "max_shift_hours": T("max_shift_hours"),
}

PARSERS: dict[str, Any] = {
    "email": parse_email,
    "organisation": _text,
    "role": parse_role,
    "languages": parse_languages,
    "mentor": parse_yes_no,
    "trainee": parse_yes_no,
    "max_shifts_per_week": parse_count,
    **{name: parse_hours for name in HOUR_FIELDS},
}


def _given(value: object) -> bool:
    """A cell that gives a value (a survey's 'anonymous' gives none)."""
    return has_value(value) and label(value) not in ANONYMOUS_WORDS


def person_from_row(
    sheet: Sheet,
    r: int,
    fields: dict[str, int],
    findings: Findings,
    fallback: dict[str, int] | None = None,
) -> PersonRecord | None:
    """The person a row names with the details it gives; None for a row without a name.

    A row with content but no name is reported as an error. ``fallback`` columns are read
    when a field's own column is empty or 'anonymous' (a form's own Name and Email).
    """
    fallback = fallback or {}

    def column(key: str) -> int:
        c = fields[key]
        if not _given(sheet.value(r, c)) and key in fallback:
            return fallback[key]
        return c

    name_col = column("name")
    value = sheet.value(r, name_col)
    name = clean_name(value) if _given(value) else ""
    if not name:
        if any(has_value(v) for v in sheet.rows[r]):
            findings.error(
                sheet.where(r, fields["name"]),
                T("this row has content but no name: expected the person's name"),
            )
        return None
    record = PersonRecord(name, sheet.where(r, name_col))
    for key in fields:
        parse = PARSERS.get(key)
        if parse is None:
            continue
        c = column(key)
        value = sheet.value(r, c)
        if not _given(value):
            continue
        where = sheet.where(r, c)
        try:
            record.details[key] = parse(value)
        except CellError as exc:
            findings.error(where, _about(exc.text, name))
            continue
        record.places[key] = where
    return record


def _about(text: Any, person: str) -> Any:
    """A cell's problem as a finding about ``person`` (for filtering by person)."""
    return T("{person}: {problem}", person=person, problem=text)


def about(text: Any, person: str | None) -> Any:
    return _about(text, person) if person else text


class PeopleOfSheet:
    """One record per person named in a sheet that lists people by name only (a sign-up
    list, a calendar, a poll transposed): the first mention is where the person is."""

    def __init__(self) -> None:
        self.records: dict[str, PersonRecord] = {}

    def named(self, name: str, where: Location) -> PersonRecord:
        key = normalise_name(name)
        if key not in self.records:
            self.records[key] = PersonRecord(name, where)
        return self.records[key]

    def add_details(self, record: PersonRecord, found: PersonRecord, findings: Findings) -> None:
        """Details of a later row for the same person; a different value is an error."""
        for key, value in found.details.items():
            if key not in record.details:
                record.details[key] = value
                record.places[key] = found.places[key]
            elif key == "languages" and same_detail(key, record.details[key], value):
                warn_first_language(
                    findings,
                    record.name,
                    value,
                    found.places[key],
                    record.details[key],
                    record.places[key],
                )
            elif not same_detail(key, record.details[key], value):
                findings.error(
                    found.places[key],
                    T(
                        "{person}: {field} is '{value}' here but '{earlier}' at {place}: a "
                        "person listed twice must have the same details",
                        person=record.name,
                        field=FIELD_TEXT.get(key, key),
                        value=_show(value),
                        earlier=_show(record.details[key]),
                        place=str(record.places[key]),
                    ),
                )

    @property
    def people(self) -> list[PersonRecord]:
        return list(self.records.values())


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
