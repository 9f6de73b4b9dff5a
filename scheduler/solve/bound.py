"""An upper bound on expected answered contacts before the search: the LP relaxation.

The LP has the model's rows relaxed to ``0 ≤ x ≤ 1``: every rule's rows (the same
:class:`~scheduler.rules.Row` objects CP-SAT posts), each slot's curve steps
``Σ_k y[s,k] ≤ staffed[s]`` earning the curve's marginals, and goals 1–2 held once their
value is known: with no staff-slot short and every hour supervised in the best roster,
``staffed ≥ minimum`` and ``supervisors ≥ 1`` on every slot; otherwise the weighted
shortfall at most the best known. Any roster keeping goals 1–2 that well answers no more
than the LP's optimum.

It is solved by PDLP (OR-Tools' first-order LP solver: the simplex codes take minutes on
these LPs), for a set time or accuracy. PDLP's answer is approximate, so the bound is not
read from its objective: any multipliers of the rows give a valid bound by weak duality,
``Σ μ⁺·upper − Σ μ⁻·lower + Σ_j max over x_j's range of (c_j − (Aᵀμ)_j)·x_j``, and that is
computed exactly from PDLP's duals, whatever their accuracy. A second valid bound from the
same multipliers keeps each person's own limits whole (their best week, solved exactly by
the local search's dynamic programme) and relaxes only what ties people together; the
smaller of the two is the bound.

PDLP holds Python's lock while it runs, so it runs between stages, not beside them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from .. import rules
from ..problem import ANSWER_SCALE, Instance, cover_weight
from ..rules import LimitRule
from .improve import best_set

PERSON_RULES = frozenset(
    {r.name for r in rules.RULES if isinstance(r, LimitRule)} | {"one_service_at_a_time"}
)
"""Rules about one person alone: kept whole in the second bound."""


@dataclass(frozen=True)
class Bound:
    """A proven upper bound on goal 3 (weighted expected answered contacts)."""

    value: float
    seconds: float
    iterations: int
    accuracy: float

    @property
    def scaled(self) -> int:
        """The bound in the model's whole units (rounded down: values are whole)."""
        return math.floor(self.value * ANSWER_SCALE + 1e-6)


class LpBound:
    """The LP of one instance, built once and solved (warm) as often as time allows.

    Goals 1–2 are held by a limit given to :meth:`solve` (``None``: not held): each slot
    has a shortfall column (staffed + short ≥ minimum, supervisors + unsupervised ≥ 1) and
    one row keeps their weighted sum within the limit; at a limit of 0 the shortfalls are
    fixed at 0. Changing the limit changes only bounds, so the next solve starts warm.
    """

    def __init__(self, inst: Instance, pins: Collection[int]) -> None:
        self.inst = inst
        self._warm: Any = None
        self._qp: Any = None
        cols: list[int] = []
        rows_at: list[int] = []
        vals: list[float] = []
        lower: list[float] = []
        upper: list[float] = []
        person_row: list[bool] = []

        def add(
            cands: list[int] | tuple[int, ...], coefs: list[float], lo: float, hi: float, own: bool
        ) -> None:
            r = len(lower)
            rows_at.extend([r] * len(cands))
            cols.extend(cands)
            vals.extend(coefs)
            lower.append(lo)
            upper.append(hi)
            person_row.append(own)

        n = len(inst.candidates)
        for row in rules.rows(inst, pins):
            coefs = (
                [float(c) for c in row.coefs] if row.coefs is not None else [1.0] * len(row.cands)
            )
            add(
                row.cands,
                coefs,
                -math.inf if row.lower is None else row.lower,
                math.inf if row.upper is None else row.upper,
                row.rule in PERSON_RULES,
            )
        objective: list[float] = [0.0] * n
        col_hi: list[float] = [1.0] * n
        for s in range(len(inst.slots)):
            curve = inst.scaled[s]
            if len(curve) < 2 or not inst.covering[s]:
                continue
            steps = list(range(len(objective), len(objective) + len(curve) - 1))
            objective += [float(curve[k] - curve[k - 1]) for k in range(1, len(curve))]
            col_hi += [1.0] * len(steps)
            cov = list(inst.covering[s])
            add(steps + cov, [1.0] * len(steps) + [-1.0] * len(cov), -math.inf, 0.0, False)
        weight = cover_weight(inst)
        aux: list[tuple[int, float]] = []  # (column, weight in goals 1–2)
        self._aux_hi: list[float] = []
        for s, need in enumerate(inst.min_staff):
            if need > 0:
                col = len(objective)
                objective.append(0.0)
                col_hi.append(float(need))
                aux.append((col, float(weight)))
                cov = list(inst.covering[s])
                add([*cov, col], [1.0] * (len(cov) + 1), need, math.inf, False)
        for s, sup in enumerate(inst.supervised):
            if sup:
                col = len(objective)
                objective.append(0.0)
                col_hi.append(1.0)
                aux.append((col, 1.0))
                bosses = [
                    c for c in inst.covering[s] if inst.people[inst.candidates[c].person].supervises
                ]
                add([*bosses, col], [1.0] * (len(bosses) + 1), 1.0, math.inf, False)
        self._cover_row = len(lower)
        add([c for c, _ in aux], [w for _, w in aux], -math.inf, math.inf, False)
        self._aux = np.array([c for c, _ in aux], dtype=np.int64)
        self.n_x = n
        self.c = np.array(objective)
        self.lower = np.array(lower)
        self.upper = np.array(upper)
        self.col_lo = np.zeros(len(objective))
        self.col_hi = np.array(col_hi)
        self._aux_open = self.col_hi[self._aux].copy()
        self.person_row = np.array(person_row, dtype=bool)
        self.a = sp.csr_matrix(
            (np.array(vals), (np.array(rows_at, dtype=np.int64), np.array(cols, dtype=np.int64))),
            shape=(len(lower), len(objective)),
        )
        self.pins = sorted(pins)
        self.cover_limit: int | None = None

    def hold(self, cover_limit: int | None) -> None:
        """Hold goals 1–2 at ``cover_limit`` (``None``: not at all) from the next solve."""
        if self._qp is not None and cover_limit == self.cover_limit:
            return
        self.cover_limit = cover_limit
        self.upper[self._cover_row] = math.inf if cover_limit is None else float(cover_limit)
        self.col_hi[self._aux] = 0.0 if cover_limit == 0 else self._aux_open
        self._qp = None  # bounds changed; the last solution still starts the next one

    @property
    def size(self) -> tuple[int, int]:
        return self.a.shape

    def solve(self, seconds: float, accuracy: float = 1e-3, threads: int = 1) -> Bound | None:
        """Run PDLP for at most ``seconds`` (warm from the last run) and return the proven
        bound its duals give, or None when the LP could not be set up."""
        from ortools.pdlp import solvers_pb2
        from ortools.pdlp.python import pdlp

        began = time.monotonic()
        if self._qp is None:
            qp = pdlp.QuadraticProgram()
            qp.resize_and_initialize(self.a.shape[1], self.a.shape[0])
            qp.objective_vector = -self.c / ANSWER_SCALE  # PDLP minimises; contacts, not units
            qp.constraint_matrix = self.a.tocsc()
            qp.constraint_lower_bounds = self.lower
            qp.constraint_upper_bounds = self.upper
            qp.variable_lower_bounds = self.col_lo
            qp.variable_upper_bounds = self.col_hi
            self._qp = qp
        qp = self._qp
        params = solvers_pb2.PrimalDualHybridGradientParams()
        criteria = params.termination_criteria
        criteria.simple_optimality_criteria.eps_optimal_relative = accuracy
        criteria.simple_optimality_criteria.eps_optimal_absolute = accuracy
        criteria.time_sec_limit = max(0.05, seconds)
        params.num_threads = max(1, threads)
        params.verbosity_level = 0
        result = pdlp.primal_dual_hybrid_gradient(qp, params, initial_solution=self._warm)
        if not len(result.dual_solution):
            return None
        self._warm = pdlp.PrimalAndDualSolution()
        self._warm.primal_solution = result.primal_solution
        self._warm.dual_solution = result.dual_solution
        duals = np.asarray(result.dual_solution, dtype=float)
        if duals.shape[0] != self.a.shape[0] or not np.all(np.isfinite(duals)):
            return None
        mu = -duals * ANSWER_SCALE  # multipliers of the maximisation in the model's units
        value = min(self._dual_bound(mu), self._person_bound(mu))
        return Bound(
            value / ANSWER_SCALE,
            time.monotonic() - began,
            int(result.solve_log.iteration_count),
            accuracy,
        )

    def _dual_bound(self, mu: np.ndarray) -> float:
        """Weak duality with multipliers ``mu`` (positive on upper sides, negative on
        lower sides), in the model's units."""
        up = np.where(np.isfinite(self.upper), np.maximum(mu, 0.0), 0.0)
        down = np.where(np.isfinite(self.lower), np.maximum(-mu, 0.0), 0.0)
        mult = up - down
        reduced = self.c - self.a.T @ mult
        best = np.where(reduced > 0, reduced * self.col_hi, reduced * self.col_lo)
        rhs = float(up[up > 0] @ self.upper[up > 0]) - float(down[down > 0] @ self.lower[down > 0])
        return rhs + float(best.sum())

    def _person_bound(self, mu: np.ndarray) -> float:
        """As :meth:`_dual_bound`, but each person's own rows kept whole: their best set of
        shifts under their limits at the reduced prices (exact, by the best-week search)."""
        relaxed = ~self.person_row
        up = np.where(relaxed & np.isfinite(self.upper), np.maximum(mu, 0.0), 0.0)
        down = np.where(relaxed & np.isfinite(self.lower), np.maximum(-mu, 0.0), 0.0)
        mult = up - down
        reduced = self.c - self.a.T @ mult
        rhs = float(up[up > 0] @ self.upper[up > 0]) - float(down[down > 0] @ self.lower[down > 0])
        n = self.n_x
        other = reduced[n:]
        total = rhs + float(
            np.where(other > 0, other * self.col_hi[n:], other * self.col_lo[n:]).sum()
        )
        inst = self.inst
        pinned_by: dict[int, set[int]] = {}
        for c in self.pins:
            pinned_by.setdefault(inst.candidates[c].person, set()).add(c)
        for p, cands in enumerate(inst.by_person):
            pinned = pinned_by.get(p, set())
            total += sum(float(reduced[c]) for c in pinned)
            taken = {inst.candidates[c].day for c in pinned}
            score = {
                c: float(reduced[c])
                for c in cands
                if reduced[c] > 0 and inst.candidates[c].day not in taken
            }
            if score:
                total += best_set(inst, p, score, pinned)[1]
        return total
