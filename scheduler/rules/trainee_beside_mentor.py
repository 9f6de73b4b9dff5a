"""Rule: a trainee works only while a mentor is on in the same chat."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..domain import HELSINKI, Shift
from ..i18n import N_, T
from .base import Row, Rule, Tally, Violation, shift_text

if TYPE_CHECKING:
    from ..problem.instance import Instance


class TraineeBesideMentor(Rule):
    name = "trainee_beside_mentor"
    words = N_("a trainee only beside a mentor")
    about_one_person = False

    def rows(self, inst: Instance, pins: Collection[int]) -> Iterator[Row]:
        """In every slot a trainee could work: trainee on ≤ mentors on."""
        mentors_at: dict[int, tuple[int, ...]] = {}
        for p, person in enumerate(inst.people):
            if not person.trainee:
                continue
            own: dict[int, list[int]] = defaultdict(list)
            for c in inst.by_person[p]:
                for s in inst.candidates[c].slots:
                    own[s].append(c)
            for s, cands in sorted(own.items()):
                if s not in mentors_at:
                    mentors_at[s] = tuple(
                        c for c in inst.covering[s] if inst.people[inst.candidates[c].person].mentor
                    )
                mentors = mentors_at[s]
                yield Row(
                    self.name,
                    f"{person.name} {inst.slots[s].start.isoformat()}",
                    (*cands, *mentors),
                    (1,) * len(cands) + (-1,) * len(mentors),
                    upper=0,
                )

    def check(self, inst: Instance, shifts: Sequence[Shift]) -> Iterator[Violation]:
        mentors: dict[int, int] = defaultdict(int)
        for s in shifts:
            person = inst.person_of(s.name)
            if person is not None and person.mentor:
                for i in inst.slots_within(s.service, s.start, s.end):
                    mentors[i] += 1
        for s in shifts:
            person = inst.person_of(s.name)
            if person is None or not person.trainee:
                continue
            alone = [i for i in inst.slots_within(s.service, s.start, s.end) if not mentors[i]]
            if alone:
                at = inst.slots[alone[0]].start.astimezone(HELSINKI)
                yield Violation(
                    self.name,
                    s.name,
                    s,
                    T(
                        "{shift}: a trainee without a mentor at {at:time}",
                        shift=shift_text(s),
                        at=at,
                    ),
                )

    def fits(self, tally: Tally, cand: int) -> bool:
        inst = tally.inst
        c = inst.candidates[cand]
        return not inst.people[c.person].trainee or all(tally.mentors[s] > 0 for s in c.slots)

    def leaning(self, tally: Tally, cands: Iterable[int]) -> set[int]:
        """The slots of ``cands`` (a mentor's shifts, already taken out of ``tally``) where
        a trainee is on and no mentor would be left: the mentor must stay there."""
        return {
            s
            for c in cands
            for s in tally.inst.candidates[c].slots
            if tally.trainees[s] and not tally.mentors[s]
        }
