"""A person's details as written in one row, and the records every shape produces."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date

from ..domain import LANGUAGES, PREFERENCES, ROLES
from ..errors import Findings, Location
from .readers import Sheet
from .vocabulary import (
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
    grid); canonical Availability rows name a person of the People sheet by ``name``.
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


@dataclass
class SheetResult:
    """What one sheet gave."""

    where: Location
    shape: str
    people: list[PersonRecord] = field(default_factory=list)
    pieces: list[RawPiece] = field(default_factory=list)


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
        raise ValueError(f"{text!r} is not an email address: expected e.g. anna@example.fi")
    return text.casefold()


def parse_role(value: object) -> str:
    role = ROLE_WORDS.get(label(value))
    if role is None:
        raise ValueError(f"unknown role {_text(value)!r}: expected one of {', '.join(ROLES)}")
    return role


def parse_yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = label(value)
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise ValueError(f"{_text(value)!r} is not yes or no: expected yes/no (kyllä/ei, ja/nej)")


def parse_languages(value: object) -> tuple[str, ...]:
    found: list[str] = []
    for word in re.split(r"[,;/&+\s]+|\bja\b|\boch\b|\band\b", label(value)):
        if not word:
            continue
        code = LANGUAGE_WORDS.get(word)
        if code is None:
            raise ValueError(
                f"unknown language {word!r}: expected a list of "
                f"{', '.join(LANGUAGES)} (or suomi, ruotsi, englanti)"
            )
        if code not in found:
            found.append(code)
    if not found:
        raise ValueError("no language given: expected e.g. fi, sv")
    return tuple(sorted(found, key=LANGUAGES.index))


def parse_hours(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{value} is not a number of hours")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = _text(value).replace(",", ".").removesuffix("h").strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                f"{_text(value)!r} is not a number of hours: expected e.g. 8 or 7,5"
            ) from None
    if not math.isfinite(number) or number < 0 or number > 24 * 7 * 53:
        raise ValueError(f"{_text(value)!r} is not a possible number of hours")
    return number


def parse_count(value: object) -> int:
    number = parse_hours(value)
    if not number.is_integer():
        raise ValueError(f"{_text(value)!r} is not a whole number: expected e.g. 3")
    return int(number)


def parse_preference(value: object) -> str:
    if value is None or not str(value).strip():
        return "available"
    word = PREFERENCE_WORDS.get(label(value))
    if word is None:
        raise ValueError(
            f"unknown preference {_text(value)!r}: expected one of {', '.join(PREFERENCES)}"
        )
    return word


PARSERS = {
    "email": parse_email,
    "organisation": _text,
    "role": parse_role,
    "languages": parse_languages,
    "mentor": parse_yes_no,
    "trainee": parse_yes_no,
    "max_shifts_per_week": parse_count,
    **{name: parse_hours for name in HOUR_FIELDS},
}


def person_from_row(
    sheet: Sheet, r: int, fields: dict[str, int], findings: Findings
) -> PersonRecord | None:
    """The person a row names with the details it gives; None for a row without a name.

    A row with content but no name is reported as an error.
    """
    name_col = fields["name"]
    name = clean_name(sheet.value(r, name_col))
    if not name:
        if any(v is not None and str(v).strip() for v in sheet.rows[r]):
            findings.error(
                sheet.where(r, name_col),
                "this row has content but no name: expected the person's name",
            )
        return None
    record = PersonRecord(name, sheet.where(r, name_col))
    for key, c in fields.items():
        parse = PARSERS.get(key)
        value = sheet.value(r, c)
        if parse is None or value is None or not str(value).strip():
            continue
        where = sheet.where(r, c)
        try:
            record.details[key] = parse(value)
        except ValueError as exc:
            findings.error(where, str(exc))
            continue
        record.places[key] = where
    return record
