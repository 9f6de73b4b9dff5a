"""The result of planning: a roster of shifts, per-slot coverage and the solve's result.

Everything here can be recomputed from the shifts alone, without the solver; the words
(status, stages, re-plan notes) are translated when shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .domain import Shift
from .i18n import N_, T, Text, Tn, render

MEANINGFUL_GAP = 1.0
"""A gap is shown only against a real bound and below this (100 %): above it the bound
says nothing a coordinator can use."""


@dataclass(frozen=True)
class Roster:
    """The set of shifts, sorted by start, service and name."""

    shifts: tuple[Shift, ...] = ()

    @classmethod
    def of(cls, shifts: Iterable[Shift]) -> Roster:
        return cls(tuple(sorted(shifts, key=lambda s: (s.start, s.service, s.name))))

    def __iter__(self) -> Iterator[Shift]:
        return iter(self.shifts)

    def __len__(self) -> int:
        return len(self.shifts)

    @property
    def hours(self) -> float:
        return sum(s.hours for s in self.shifts)

    def of_person(self, name: str) -> list[Shift]:
        return [s for s in self.shifts if s.name == name]

    def hours_by_person(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for s in self.shifts:
            out[s.name] = out.get(s.name, 0.0) + s.hours
        return out


@dataclass(frozen=True)
class CoverageRow:
    """One slot of coverage: the row of ``coverage.csv``."""

    service: str
    start: datetime
    end: datetime
    staffed: int
    min_staff: int
    forecast_contacts: float
    expected_answered: float
    on_duty: tuple[str, ...] = ()

    @property
    def short(self) -> int:
        return max(0, self.min_staff - self.staffed)


@dataclass(frozen=True)
class UncoveredSlot:
    """An open slot below its minimum staff, and why.

    ``reason`` and ``detail`` are English (``summary.json``); ``reason_text`` and
    ``details`` the same in words translated when shown.
    """

    service: str
    start: datetime
    end: datetime
    staffed: int
    min_staff: int
    reason: str
    detail: str = ""
    reason_text: Text | None = None
    details: tuple[Text, ...] = ()

    def why(self, lang: str | None = None) -> str:
        """The reason in ``lang`` (else the current language)."""
        return render(self.reason_text, lang) if self.reason_text is not None else self.reason

    def detail_words(self, lang: str | None = None) -> str:
        """The detail in ``lang`` (else the current language)."""
        if not self.details:
            return self.detail
        return "; ".join(render(d, lang) for d in self.details)

    def as_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "staffed": self.staffed,
            "min_staff": self.min_staff,
            "reason": self.reason,
            "detail": self.detail,
        }


# --------------------------------------------------------------------------- the solve


class SolveStatus(StrEnum):
    """How a solve ended (its value is what ``summary.json`` and the store keep)."""

    OPTIMAL = "OPTIMAL"
    """Every stage proven optimal."""
    FEASIBLE = "FEASIBLE"
    """A roster keeping every rule; some stage ran out of time (see the gap)."""
    STOPPED = "STOPPED"
    """Stopped on request: the best roster found so far."""
    INFEASIBLE = "INFEASIBLE"
    """The pins together break a rule: the roster was planned without them."""
    UNKNOWN = "UNKNOWN"
    """No roster was found in the time."""
    EDITED = "EDITED"
    """Not a solve's: a roster a coordinator changed by hand after a solve."""


STAGE_WORDS: dict[str, str] = {
    "greedy": N_("a first roster"),
    "repair": N_("the previous roster, what no longer fits taken out and gaps filled"),
    "restaff": N_("moving the fewest shifts to staff and supervise every hour"),
    "bound": N_("working out the most contacts any roster could answer"),
    "cover": N_("staffing every open hour, with supervision"),
    "keep": N_("the fewest changes that staffing every hour needs"),
    "improve": N_("moving shifts to where contacts wait"),
    "answered": N_("answering the most contacts"),
    "balance": N_("people's committed hours, preferred times and fair hours"),
    "changes": N_("keeping changes to the previous roster few"),
}
"""Each stage of a solve in plain words (translated when shown)."""


def stage_words(stage: str) -> Text:
    """A stage of the solve in plain words."""
    return Text(STAGE_WORDS[stage]) if stage in STAGE_WORDS else T("stage {stage}", stage=stage)


def gap_means_something(gap: float | None, bound_known: bool = True) -> bool:
    """Whether a gap on answered contacts is worth showing (a real bound, under 100 %)."""
    return bound_known and gap is not None and 0 <= gap < MEANINGFUL_GAP


def status_words(status: str, gap: float | None = None, *, bound_known: bool = True) -> Text:
    """A solve's (or a roster version's) status in plain words, with the proven gap when
    it means something: ``best found, proven within 0.4 % of the best possible``."""
    shown = gap_means_something(gap, bound_known)
    if status == SolveStatus.OPTIMAL:
        return T("the best roster possible (proven)")
    if status == SolveStatus.FEASIBLE:
        if shown:
            return T("best found, proven within {gap:.1%} of the best possible", gap=gap)
        return T("best found in the time (how close to the best possible is not known yet)")
    if status == SolveStatus.STOPPED:
        if shown:
            return T(
                "stopped: the best found so far, proven within {gap:.1%} of the best possible",
                gap=gap,
            )
        return T("stopped: the best found so far")
    if status == SolveStatus.INFEASIBLE:
        return T("the pinned shifts together break a rule: planned without them")
    if status == SolveStatus.UNKNOWN:
        return T("no roster found in the time")
    if status == SolveStatus.EDITED:
        return T("changed by hand")
    return T("status {status}", status=status)


@dataclass(frozen=True)
class StageRecord:
    """How one stage of a solve ended: the solver's word for it (``OPTIMAL``,
    ``FEASIBLE``, ``UNKNOWN``…; ``DONE`` for a stage without a solver; ``SKIPPED`` when
    the time left would not even build the model), the value and
    bound it reached in people's units (contacts for ``answered``; short slots weighted
    for ``cover``; shifts for ``keep`` and ``changes``), seconds and solutions found."""

    stage: str
    status: str
    objective: float | None = None
    best_bound: float | None = None
    seconds: float = 0.0
    solutions: int = 0

    @property
    def words(self) -> Text:
        return stage_words(self.stage)

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "status": self.status,
            "objective": self.objective,
            "best_bound": self.best_bound,
            "seconds": round(self.seconds, 3),
            "solutions": self.solutions,
        }


@dataclass(frozen=True)
class ReplanRecord:
    """What a re-plan did to the previous roster.

    ``kept``: previous shifts in the new roster; ``cancelled``: previous shifts that no
    longer fit (the person left or is away, a rule breaks now); ``moved``: previous shifts
    that still fit but were changed; ``added``: new shifts. ``fewest``: the fewest changes
    the minimum staff and supervision need (``fewest_proven`` when the solver proved it).
    ``given_up``: expected answered contacts the roster gives up against the best found
    with the same staffing, to keep shifts where they were (``tolerance`` allows a share).
    """

    previous: int
    kept: int
    cancelled: int
    moved: int
    added: int
    fewest: int | None = None
    fewest_proven: bool = False
    given_up: float = 0.0
    given_up_share: float = 0.0
    tolerance: float = 0.0

    @property
    def changes(self) -> int:
        return self.cancelled + self.moved + self.added

    def note(self) -> Text:
        return T(
            "re-plan: {kept} of {previous} previous shifts kept, {cancelled} cancelled "
            "(no longer fit), {moved} moved, {added} added; keeping them costs {lost:.1f} "
            "expected answered contacts ({share:.2%}; allowed {tolerance:.1%})",
            kept=self.kept,
            previous=self.previous,
            cancelled=self.cancelled,
            moved=self.moved,
            added=self.added,
            lost=self.given_up,
            share=self.given_up_share,
            tolerance=self.tolerance,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "previous_shifts": self.previous,
            "kept": self.kept,
            "cancelled": self.cancelled,
            "moved": self.moved,
            "added": self.added,
            "changes": self.changes,
            "fewest_changes": self.fewest,
            "fewest_proven": self.fewest_proven,
            "given_up_answered": round(self.given_up, 4),
            "given_up_share": round(self.given_up_share, 6),
            "tolerance": self.tolerance,
        }


@dataclass(frozen=True)
class Result:
    """What a solve returns, always, also when nothing better than empty was found.

    Attributes
    ----------
    status : SolveStatus
        How the solve ended (a plain string is accepted and converted).
    roster : Roster
        The roster returned: it keeps every hard rule and every pin that can be kept.
    objective : float
        Goal 3 of the roster: weighted expected answered contacts.
    best_bound : float
        The best upper bound known on goal 3 with goals 1–2 at the values found (from the
        LP relaxation or CP-SAT; the sum of every curve's top only when neither ran, then
        ``bound_from`` is ``"curves"`` and the gap means nothing).
    gap : float
        ``(best_bound − objective) / objective``.
    solve_seconds : float
        Seconds the solve took, model build included.
    breakdown : dict
        Every goal's value (short and unsupervised slots, answered, hours, changes).
    coverage, uncovered : tuple
        Per slot coverage and the slots below their minimum with the reason.
    stages : tuple of StageRecord
        Each stage of the solve as it ended.
    notes : tuple
        What could not be kept as asked (a pin that breaks a rule), in words.
    replan : ReplanRecord or None
        What a re-plan kept, cancelled, moved and added, and what keeping cost.
    bound_from : str
        Where ``best_bound`` comes from: ``"lp"``, ``"cp-sat"`` or ``"curves"``.
    """

    status: SolveStatus
    roster: Roster
    objective: float
    best_bound: float
    gap: float
    solve_seconds: float
    breakdown: dict[str, float] = field(default_factory=dict)
    coverage: tuple[CoverageRow, ...] = ()
    uncovered: tuple[UncoveredSlot, ...] = ()
    stages: tuple[StageRecord, ...] = ()
    notes: tuple[Text | str, ...] = ()
    replan: ReplanRecord | None = None
    bound_from: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.status, SolveStatus):
            object.__setattr__(self, "status", SolveStatus(str(self.status)))

    @property
    def bound_known(self) -> bool:
        """Whether ``best_bound`` is a real bound (not the sum of every curve's top)."""
        return self.bound_from in ("lp", "cp-sat")

    @property
    def status_words(self) -> Text:
        return status_words(self.status, self.gap, bound_known=self.bound_known)

    def stage(self, name: str) -> StageRecord | None:
        """The record of stage ``name``, if it ran."""
        return next((s for s in self.stages if s.stage == name), None)

    def summary(self, lang: str | None = None) -> str:
        """The result in a few readable lines, in ``lang`` (else the current language)."""
        lines = [render(self.status_words, lang)]
        hours = self.roster.hours
        lines.append(
            render(
                Tn(
                    "{n} shift, {hours:.1f} h; expected answered {answered:.1f} contacts; "
                    "{seconds:.1f} s",
                    "{n} shifts, {hours:.1f} h; expected answered {answered:.1f} contacts; "
                    "{seconds:.1f} s",
                    len(self.roster),
                    hours=hours,
                    answered=self.objective,
                    seconds=self.solve_seconds,
                ),
                lang,
            )
        )
        if gap_means_something(self.gap, self.bound_known):
            lines.append(
                render(
                    T(
                        "no roster can answer more than {bound:.1f} (gap {gap:.2%})",
                        bound=self.best_bound,
                        gap=self.gap,
                    ),
                    lang,
                )
            )
        for s in self.stages:
            lines.append(
                render(
                    T(
                        "  {stage}: {status}, {seconds:.1f} s",
                        stage=s.words,
                        status=s.status,
                        seconds=s.seconds,
                    ),
                    lang,
                )
            )
        if self.replan is not None:
            lines.append(render(self.replan.note(), lang))
        lines += [render(n, lang) for n in self.notes]
        return "\n".join(lines)

    def notes_text(self, lang: str | None = None) -> tuple[str, ...]:
        """The notes (and the re-plan note) as plain strings in ``lang``."""
        notes = [render(n, lang) for n in self.notes]
        if self.replan is not None:
            notes.insert(0, render(self.replan.note(), lang))
        return tuple(notes)
