"""Merge the people of many sheets and files into one list, and attach their time.

The same person is recognised by email, else by name. Details given in two places must
agree; names must stay unique (two different people with one name are reported, never
merged); availability must name a listed person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain import AvailabilityPiece, DomainError, Person, normalise_name
from ..errors import Findings, Location
from .persons import PersonRecord, RawPiece

FIELD_LABELS = {
    "name": "name",
    "email": "email",
    "organisation": "organisation",
    "role": "role",
    "languages": "languages",
    "mentor": "mentor",
    "trainee": "trainee",
}


@dataclass
class Group:
    """The records taken to be one person."""

    records: list[PersonRecord] = field(default_factory=list)

    @property
    def first(self) -> PersonRecord:
        return self.records[0]

    @property
    def email(self) -> str | None:
        return next((r.details["email"] for r in self.records if "email" in r.details), None)


def group_records(records: list[PersonRecord]) -> list[Group]:
    """Group records by email, then attach email-less records by name."""
    by_email: dict[str, Group] = {}
    groups: list[Group] = []
    without_email: list[PersonRecord] = []
    for record in records:
        email = record.details.get("email")
        if email is None:
            without_email.append(record)
            continue
        if email not in by_email:
            by_email[email] = Group()
            groups.append(by_email[email])
        by_email[email].records.append(record)
    by_name: dict[str, list[Group]] = {}
    for group in groups:
        for key in {normalise_name(r.name) for r in group.records}:
            by_name.setdefault(key, []).append(group)
    for record in without_email:
        key = normalise_name(record.name)
        matches = by_name.get(key)
        if matches and len(matches) == 1:
            matches[0].records.append(record)
            continue
        if matches:  # ambiguous: reported by the unique-name check
            continue
        group = Group([record])
        groups.append(group)
        by_name[key] = [group]
    return groups


def _describe(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def check_conflicts(group: Group, findings: Findings) -> bool:
    """Report details that disagree within a group; True when they all agree."""
    ok = True
    first = group.first
    for record in group.records[1:]:
        if normalise_name(record.name) != normalise_name(first.name):
            findings.error(
                record.where,
                f"{record.name!r} has the same email as {first.name!r} "
                f"({first.where}): one person cannot have two names; use one "
                "spelling, or give each person their own email",
            )
            ok = False
        for key, value in record.details.items():
            for earlier in group.records[: group.records.index(record)]:
                if key in earlier.details and earlier.details[key] != value:
                    findings.error(
                        record.places[key],
                        f"{record.name}: {FIELD_LABELS.get(key, key)} is "
                        f"{_describe(value)!r} here but {_describe(earlier.details[key])!r} at "
                        f"{earlier.places[key]}: a person listed twice must have the same "
                        "details",
                    )
                    ok = False
                    break
        if (record.where.file, record.where.sheet) == (first.where.file, first.where.sheet):
            findings.warning(
                record.where,
                f"{record.name} is listed again (first at "
                f"{first.where}); the rows were taken as one person",
            )
    return ok


def check_unique_names(
    groups: list[Group], records: list[PersonRecord], findings: Findings
) -> set[int]:
    """Report different people sharing one name; the ids of the groups involved."""
    by_name: dict[str, list[Group]] = {}
    for group in groups:
        for key in {normalise_name(r.name) for r in group.records}:
            by_name.setdefault(key, []).append(group)
    clashing: set[int] = set()
    for key, same in by_name.items():
        if len(same) < 2:
            continue
        clashing.update(id(g) for g in same)
        places = "; ".join(f"{g.email or 'no email'} at {g.first.where}" for g in same)
        stray = [
            r
            for r in records
            if normalise_name(r.name) == key
            and "email" not in r.details
            and not any(r in g.records for g in same)
        ]
        where = stray[0].where if stray else same[1].first.where
        findings.error(
            where,
            f"two different people are named {same[0].first.name!r} ({places}):"
            " names must be unique; add an initial or a surname to one of "
            "them, or correct the email if they are the same person",
        )
    return clashing


def build_person(group: Group, findings: Findings) -> Person | None:
    details: dict[str, object] = {}
    for record in group.records:
        for key, value in record.details.items():
            details.setdefault(key, value)
    first = group.first
    try:
        return Person(name=first.name, **details)  # type: ignore[arg-type]
    except DomainError as exc:
        findings.error(first.where, str(exc).replace(f"person {first.name!r}: ", ""))
        return None


@dataclass
class Merged:
    people: list[Person]
    availability: list[AvailabilityPiece]
    where_of: dict[str, Location]


def merge(records: list[PersonRecord], pieces: list[RawPiece], findings: Findings) -> Merged:
    """People and their availability from every sheet's records, problems to ``findings``."""
    groups = group_records(records)
    clashing = check_unique_names(groups, records, findings)
    people: list[Person] = []
    where_of: dict[str, Location] = {}
    owner_of: dict[int, str] = {}  # id(record) -> person name
    name_of: dict[str, str] = {}  # normalised name -> person name
    for group in groups:
        agreed = check_conflicts(group, findings)
        person = build_person(group, findings) if agreed else None
        if person is None or id(group) in clashing:
            continue
        people.append(person)
        where_of[person.name] = group.first.where
        for record in group.records:
            owner_of[id(record)] = person.name
            name_of[normalise_name(record.name)] = person.name
    known_names = {normalise_name(r.name) for r in records}
    availability: list[AvailabilityPiece] = []
    for raw in pieces:
        if raw.owner is not None:
            name = owner_of.get(id(raw.owner))
        else:
            key = normalise_name(raw.name)
            name = name_of.get(key)
            if name is None and key not in known_names:
                findings.error(
                    raw.name_where,
                    f"{raw.name!r} is not listed in People: add the person to the "
                    "People sheet, or correct the name to match it",
                )
        if name is None:
            continue
        availability.append(
            AvailabilityPiece(
                name=name,
                start_minute=raw.start,
                end_minute=raw.end,
                preference=raw.preference,
                day=raw.day,
                weekday=raw.weekday,
                source=raw.where,
            )
        )
    return Merged(people, availability, where_of)
