"""Where to recruit: weekly blocks ranked by what one more duty worker there would add.

Blocks (weekday, a start on the hour, ``block_hours`` long, per chat) are ranked by the
expected answered contacts a month that one more person on duty throughout the block would
add at the roster's staffing. When national demand is far above staff, many blocks add
about the same (one more person answers as many as they can handle wherever the queue is
long); blocks within :data:`TIE_SHARE` of each other are a tie, and within a tie what else
the block needs decides: hours below the minimum staff, hours with a single person on duty
(one cancellation leaves them short), hours without supervision, the Swedish chat (fewer
speakers), trainees waiting for a mentor. Each block says why it ranks where it does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time as clock
from typing import Any

from ..domain import HELSINKI, SERVICES, Problem, Shift
from ..i18n import T, Text, render
from ..problem import Instance, goal_values
from ..roster import Roster
from .evaluation import instance_of

DAYS_PER_MONTH = 365.25 / 12
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
TIE_SHARE = 0.02
"""Blocks whose answered contacts are within 2 % of the first of their group tie."""


@dataclass(frozen=True)
class RecruitBlock:
    """A weekly block and what one more available duty worker there would do (a month)."""

    service: str
    weekday: int
    start: clock
    end: clock
    answered_per_month: float
    short_hours_per_month: float
    single_hours_per_month: float = 0.0
    """Hours with one person on duty, where one cancellation leaves the hour short."""
    unsupervised_hours_per_month: float = 0.0
    swedish_hours_per_month: float = 0.0
    trainee_hours_per_month: float = 0.0
    """Hours trainees offered there but cannot work: no mentor on."""
    tied: int = 1
    """Blocks in its tie (itself included)."""
    reasons: tuple[Text, ...] = ()

    def why(self, lang: str | None = None) -> str:
        """Why the block ranks where it does, in ``lang`` (else the current language)."""
        return "; ".join(render(r, lang) for r in self.reasons)

    def needs(self) -> tuple[float, ...]:
        """What else the block needs, most pressing first (larger is more)."""
        return (
            self.short_hours_per_month,
            self.single_hours_per_month,
            self.unsupervised_hours_per_month,
            self.swedish_hours_per_month,
            self.trainee_hours_per_month,
        )

    def as_row(self, rank: int) -> dict[str, Any]:
        """The ``recruit.csv`` row (English, numbers with a point)."""
        return {
            "rank": rank,
            "service": self.service,
            "weekday": WEEKDAYS[self.weekday],
            "start": self.start.strftime("%H:%M"),
            "end": "24:00" if self.end == clock(0) else self.end.strftime("%H:%M"),
            "answered_per_month": f"{self.answered_per_month:.2f}",
            "short_hours_per_month": f"{self.short_hours_per_month:.2f}",
            "single_person_hours_per_month": f"{self.single_hours_per_month:.2f}",
            "unsupervised_hours_per_month": f"{self.unsupervised_hours_per_month:.2f}",
            "swedish_hours_per_month": f"{self.swedish_hours_per_month:.2f}",
            "trainee_waiting_hours_per_month": f"{self.trainee_hours_per_month:.2f}",
            "tied_with": self.tied - 1,
            "why": self.why("en"),
        }


RECRUIT_COLUMNS = tuple(
    RecruitBlock("fi", 0, clock(0), clock(0), 0.0, 0.0).as_row(1)  # the keys, in order
)


def recruit_blocks(
    problem: Problem,
    roster: Roster | Iterable[Shift],
    *,
    instance: Instance | None = None,
    block_hours: int = 3,
) -> list[RecruitBlock]:
    """Weekly blocks of each chat, best first (see the module)."""
    inst = instance_of(problem, instance)
    values = goal_values(inst, list(roster))
    names = inst.person_index()
    per_month = DAYS_PER_MONTH / (7 * problem.horizon.weeks)
    sums: dict[tuple[str, int, int], list[float]] = defaultdict(lambda: [0.0] * 6)
    starts: set[tuple[str, int, int]] = set()
    trainees = [p for p, person in enumerate(inst.people) if person.trainee]
    for i, slot in enumerate(inst.slots):
        local = slot.start.astimezone(HELSINKI)
        weekday = local.weekday()
        if local.minute == 0:
            starts.add((slot.service, weekday, local.hour))
        n, need = values.staffed[i], inst.min_staff[i]
        on = [names[x] for x in values.on_duty[i] if x in names]
        mentor_on = any(inst.people[q].mentor for q in on)
        waiting = 0
        if not mentor_on:
            waiting = sum(1 for p in trainees if i in inst.offered[p] and p not in on)
        bosses = sum(inst.people[q].supervises for q in on)
        hours = slot.hours
        adds = (
            inst.answered(i, n + 1) - inst.answered(i, n),
            hours if n < need else 0.0,
            hours if 0 < n <= need else 0.0,
            hours if inst.supervised[i] and bosses == 0 else 0.0,
            hours if SERVICES[slot.service].language == "sv" else 0.0,
            hours * waiting,
        )
        for h in range(max(0, local.hour - block_hours + 1), local.hour + 1):
            into = sums[(slot.service, weekday, h)]
            for k, value in enumerate(adds):
                into[k] += value
    blocks = []
    for service, weekday, h in starts:
        if h + block_hours > 24:
            continue
        answered, short, single, unsupervised, swedish, trainee = (
            v * per_month for v in sums[(service, weekday, h)]
        )
        blocks.append(
            RecruitBlock(
                service,
                weekday,
                clock(h),
                clock((h + block_hours) % 24),
                answered,
                short,
                single,
                unsupervised,
                swedish,
                trainee,
            )
        )
    return rank(blocks)


def rank(blocks: Iterable[RecruitBlock]) -> list[RecruitBlock]:
    """Best first: by answered contacts, ties (within :data:`TIE_SHARE`) by their needs;
    each block gets its reasons."""
    ordered = sorted(blocks, key=lambda b: (-b.answered_per_month, b.service, b.weekday, b.start))
    tiers: list[list[RecruitBlock]] = []
    for b in ordered:
        lead = tiers[-1][0].answered_per_month if tiers else None
        if lead is not None and b.answered_per_month >= lead * (1 - TIE_SHARE) - 1e-9:
            tiers[-1].append(b)
        else:
            tiers.append([b])
    out: list[RecruitBlock] = []
    for tier in tiers:
        tier.sort(
            key=lambda b: (
                tuple(-round(v, 6) for v in b.needs()),
                -b.answered_per_month,
                b.service,
                b.weekday,
                b.start,
            )
        )
        for b in tier:
            out.append(_with_reasons(b, len(tier)))
    return out


def _with_reasons(b: RecruitBlock, tied: int) -> RecruitBlock:
    reasons: list[Text] = [
        T(
            "one more person here answers {answered:.1f} more contacts a month",
            answered=b.answered_per_month,
        )
    ]
    if tied > 1:
        reasons.append(
            T(
                "as many as {n} other blocks (within {share:.0%}), so what else it needs decides",
                n=tied - 1,
                share=TIE_SHARE,
            )
        )
    if b.short_hours_per_month > 0:
        reasons.append(
            T("{hours:.1f} h a month below the minimum staff", hours=b.short_hours_per_month)
        )
    if b.single_hours_per_month > 0:
        reasons.append(
            T(
                "{hours:.1f} h a month with a single person on duty: one cancellation "
                "leaves them short",
                hours=b.single_hours_per_month,
            )
        )
    if b.unsupervised_hours_per_month > 0:
        reasons.append(
            T(
                "{hours:.1f} h a month without supervision",
                hours=b.unsupervised_hours_per_month,
            )
        )
    if b.swedish_hours_per_month > 0:
        reasons.append(T("the Swedish chat: Swedish speakers are fewer"))
    if b.trainee_hours_per_month > 0:
        reasons.append(
            T(
                "{hours:.1f} h a month that trainees offered but no mentor is on",
                hours=b.trainee_hours_per_month,
            )
        )
    return RecruitBlock(
        b.service,
        b.weekday,
        b.start,
        b.end,
        b.answered_per_month,
        b.short_hours_per_month,
        b.single_hours_per_month,
        b.unsupervised_hours_per_month,
        b.swedish_hours_per_month,
        b.trainee_hours_per_month,
        tied,
        tuple(reasons),
    )
