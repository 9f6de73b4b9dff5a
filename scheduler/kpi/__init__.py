"""KPIs of a roster, recomputed from its shifts alone (no solver), one module a concern.

* :func:`evaluate` (:mod:`.evaluation`): coverage rows, the goals' values, expected
  answered contacts from each slot's Erlang A curve at its staffed count.
* :func:`explain_gaps` (:mod:`.gaps`): why each open slot below its minimum stayed short.
* :func:`recruit_blocks` (:mod:`.recruiting`): weekly blocks ranked by what one more duty
  worker there would add, and why.
* :func:`summary` (:mod:`.summary`): the ``summary.json`` object of DESIGN.md.
* :func:`violations`: every hard rule checked on any roster (:mod:`scheduler.rules`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..domain import Problem, Shift
from ..problem import Instance
from ..roster import Roster
from ..rules import Violation, check
from .evaluation import Evaluation, evaluate, instance_of
from .gaps import explain_gaps
from .recruiting import RECRUIT_COLUMNS, RecruitBlock, recruit_blocks
from .summary import summary

__all__ = [
    "RECRUIT_COLUMNS",
    "Evaluation",
    "RecruitBlock",
    "Violation",
    "evaluate",
    "explain_gaps",
    "recruit_blocks",
    "summary",
    "violations",
]


def violations(
    problem: Problem, roster: Roster | Iterable[Shift], *, instance: Instance | None = None
) -> list[Violation]:
    """Every breach of a hard rule in ``roster`` (empty when it keeps them all)."""
    return check(instance_of(problem, instance), roster)
