"""The hard rules posted on the CP-SAT model: each rule's rows from :mod:`scheduler.rules`.

The rules give solver-neutral rows (``Σ coef·x ≤ upper``, ``≥ lower``); this module only
turns them into CP-SAT constraints, named after the rule and what the row is about. The
LP bound (:mod:`scheduler.solve.bound`) posts the very same rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from ortools.sat.python import cp_model

from .. import rules
from ..rules import Row
from .variables import Variables


def post_row(v: Variables, row: Row) -> None:
    """One rule row as a named CP-SAT constraint."""
    x = [v.x[c] for c in row.cands]
    name = f"{row.rule}: {row.label}"
    if row.coefs is None and row.upper == 1 and row.lower is None and len(x) > 1:
        v.model.add_at_most_one(x).with_name(name)
        return
    coefs = row.coefs if row.coefs is not None else (1,) * len(x)
    expr = cp_model.LinearExpr.weighted_sum(x, list(coefs))
    if row.lower is not None and row.upper is not None:
        v.model.add_linear_constraint(expr, row.lower, row.upper).with_name(name)
    elif row.upper is not None:
        v.model.add(expr <= row.upper).with_name(name)
    elif row.lower is not None:
        v.model.add(expr >= row.lower).with_name(name)


def post_hard_rules(v: Variables, pins: Collection[int]) -> dict[str, int]:
    """Post every rule's rows (``pins``: the candidates this stage keeps); returns the
    rows posted per rule."""
    counts: Counter[str] = Counter({rule.name: 0 for rule in rules.RULES})
    for row in rules.rows(v.inst, pins):
        post_row(v, row)
        counts[row.rule] += 1
    return dict(counts)
