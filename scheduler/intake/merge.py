"""Merge the people of many sheets and files into one list, and attach their time.

The same person is recognised by email, else by name. Details given in two places must
agree; names must stay unique (two different people with one name are reported, never
merged); availability must name a listed person.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain import AvailabilityPiece, DomainError, Person, normalise_name
from ..errors import Findings, Location
from ..i18n import T
from .persons import (
    FIELD_TEXT,
    PersonRecord,
    RawPiece,
    _show,
    same_detail,
    warn_first_language,
)


@dataclass
class Group:
    """The records taken to be one person."""

    records: list[PersonRecord] = field(default_factory=list)

    @property
    def first(self) -> PersonRecord:
        return self.records[0]

    @property
    def email(self) -> str | None:
        return next((str(r.details["email"]) for r in self.records if "email" in r.details), None)


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
        key = str(email)
        if key not in by_email:
            by_email[key] = Group()
            groups.append(by_email[key])
        by_email[key].records.append(record)
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


def check_conflicts(group: Group, findings: Findings) -> bool:
    """Report details that disagree within a group; True when they all agree."""
    ok = True
    first = group.first
    for index, record in enumerate(group.records[1:], start=1):
        if normalise_name(record.name) != normalise_name(first.name):
            findings.error(
                record.where,
                T(
                    "'{person}' has the same email as '{other}' ({place}): one person cannot "
                    "have two names; use one spelling, or give each person their own email",
                    person=record.name,
                    other=first.name,
                    place=str(first.where),
                ),
            )
            ok = False
        for key, value in record.details.items():
            for earlier in group.records[:index]:
                if key == "languages" and same_detail(key, earlier.details.get(key), value):
                    warn_first_language(
                        findings,
                        record.name,
                        value,
                        record.places[key],
                        earlier.details[key],
                        earlier.places[key],
                    )
                    break
                if key in earlier.details and not same_detail(key, earlier.details[key], value):
                    findings.error(
                        record.places[key],
                        T(
                            "{person}: {field} is '{value}' here but '{earlier}' at {place}: a "
                            "person listed twice must have the same details",
                            person=record.name,
                            field=FIELD_TEXT.get(key, key),
                            value=_show(value),
                            earlier=_show(earlier.details[key]),
                            place=str(earlier.places[key]),
                        ),
                    )
                    ok = False
                    break
        if (record.where.file, record.where.sheet) == (first.where.file, first.where.sheet):
            findings.warning(
                record.where,
                T(
                    "{person} is listed again (first at {place}); the rows were taken as one "
                    "person",
                    person=record.name,
                    place=str(first.where),
                ),
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
        places = "; ".join(f"{g.email or '-'} ({g.first.where})" for g in same)
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
            T(
                "two different people are named '{person}' ({places}): names must be unique; "
                "add an initial or a surname to one of them, or correct the email if they are "
                "the same person",
                person=same[0].first.name,
                places=places,
            ),
        )
    return clashing


def _details_problem(details: dict[str, object]):
    """What would make the details impossible, as a finding's text (None when fine)."""
    if details.get("mentor") and details.get("trainee"):
        return T("cannot be both mentor and trainee: a trainee is on duty beside a mentor")
    for low, high in (("min_hours", "max_hours"), ("min_shift_hours", "max_shift_hours")):
        a, b = details.get(low), details.get(high)
        if isinstance(a, int | float) and isinstance(b, int | float) and a > b:
            return T(
                "{low} ({a}) is above {high} ({b}): expected the minimum at most the maximum",
                low=FIELD_TEXT[low],
                a=a,
                high=FIELD_TEXT[high],
                b=b,
            )
    return None


def build_person(group: Group, findings: Findings) -> Person | None:
    details: dict[str, object] = {}
    for record in group.records:
        for key, value in record.details.items():
            details.setdefault(key, value)
    first = group.first
    problem = _details_problem(details)
    if problem is not None:
        findings.error(first.where, T("{person}: {problem}", person=first.name, problem=problem))
        return None
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
    name_of: dict[str, str] = field(default_factory=dict)  # folded name as written -> person


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
                    T(
                        "'{person}' is not listed in People: add the person to the People "
                        "sheet, or correct the name to match it",
                        person=raw.name,
                    ),
                )
        if name is None:
            continue
        availability.append(
            AvailabilityPiece(
                name=name,
                start_minute=raw.start,
                end_minute=raw.end,
                preference=raw.preference,  # type: ignore[arg-type]
                day=raw.day,
                weekday=raw.weekday,
                source=raw.source or raw.where,
            )
        )
    return Merged(people, availability, where_of, name_of)
