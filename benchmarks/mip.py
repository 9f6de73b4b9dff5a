"""The roster model as a MIP for HiGHS (highspy), for the benchmark comparison only.

The same candidates, hard rules (each rule's rows from :mod:`scheduler.rules`, the very
rows CP-SAT posts) and goals as the CP-SAT model (``scheduler.solve``), solved
lexicographically the same way: first ``cover`` (short staff-slots weighted over
unsupervised slots), then ``answered`` with ``cover`` held at its value. Staffing counts
are split into steps ``0 ≤ y[s,k] ≤ 1`` with ``Σ_k y[s,k] ≤ staffed[s]``, each earning the
k-th marginal of the slot's curve: the curves are concave, so an optimum fills the steps in
order and earns exactly the curve value at the whole staffed count.
"""

from __future__ import annotations

import time

import highspy
import numpy as np

from scheduler import rules
from scheduler.problem import ANSWER_SCALE, Instance, cover_weight

INF = highspy.kHighsInf


class _Rows:
    def __init__(self) -> None:
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.starts: list[int] = []
        self.index: list[int] = []
        self.value: list[float] = []

    def add(self, cols, coefs, lower=-INF, upper=INF) -> None:
        self.starts.append(len(self.index))
        self.index.extend(cols)
        self.value.extend(coefs)
        self.lower.append(lower)
        self.upper.append(upper)

    def push(self, h: highspy.Highs) -> None:
        if not self.lower:
            return
        h.addRows(
            len(self.lower),
            np.array(self.lower),
            np.array(self.upper),
            len(self.index),
            np.array(self.starts, dtype=np.int32),
            np.array(self.index, dtype=np.int32),
            np.array(self.value, dtype=float),
        )


class MipModel:
    """Columns: x per candidate, then short, unsupervised and curve steps per slot."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.cols = 0
        lower, upper, integer = [], [], []

        def col(lo, hi, is_int):
            lower.append(lo)
            upper.append(hi)
            integer.append(is_int)
            self.cols += 1
            return self.cols - 1

        pins = set(inst.pins)
        self.x = [col(1.0 if c in pins else 0.0, 1.0, True) for c in range(len(inst.candidates))]
        self.short = {s: col(0, need, True) for s, need in enumerate(inst.min_staff) if need}
        self.unsup = {s: col(0, 1, True) for s, sup in enumerate(inst.supervised) if sup}
        self.curves = {
            s: inst.scaled_curve(s)
            for s in range(len(inst.slots))
            if inst.covering[s] and len(inst.scaled_curve(s)) > 1
        }
        self.steps = {
            s: [col(0, 1, False) for _ in range(len(c) - 1)] for s, c in self.curves.items()
        }
        self.h.addVars(self.cols, np.array(lower, float), np.array(upper, float))
        ints = np.array([i for i, is_int in enumerate(integer) if is_int], dtype=np.int32)
        self.h.changeColsIntegrality(
            len(ints), ints, np.array([highspy.HighsVarType.kInteger] * len(ints))
        )
        rows = _Rows()
        self._rules(rows)
        self._goals(rows)
        rows.push(self.h)

    def _rules(self, rows: _Rows) -> None:
        for row in rules.rows(self.inst, self.inst.pins):
            coefs = [1.0] * len(row.cands) if row.coefs is None else [float(c) for c in row.coefs]
            rows.add(
                [self.x[c] for c in row.cands],
                coefs,
                lower=-INF if row.lower is None else row.lower,
                upper=INF if row.upper is None else row.upper,
            )

    def _goals(self, rows: _Rows) -> None:
        inst = self.inst
        for s, col in self.short.items():
            cov = inst.covering[s]
            rows.add(
                [self.x[c] for c in cov] + [col], [1.0] * (len(cov) + 1), lower=inst.min_staff[s]
            )
        for s, col in self.unsup.items():
            bosses = [
                c for c in inst.covering[s] if inst.people[inst.candidates[c].person].supervises
            ]
            rows.add([self.x[c] for c in bosses] + [col], [1.0] * (len(bosses) + 1), lower=1)
        for s, steps in self.steps.items():
            cov = inst.covering[s]
            rows.add(
                steps + [self.x[c] for c in cov], [1.0] * len(steps) + [-1.0] * len(cov), upper=0
            )

    def _answered(self) -> dict[int, float]:
        """Objective: each slot's k-th step (0–1) earns the k-th marginal of its curve."""
        return {
            col: float(self.curves[s][k + 1] - self.curves[s][k])
            for s, steps in self.steps.items()
            for k, col in enumerate(steps)
        }

    def _objective(self, coefs: dict[int, float], maximise: bool) -> None:
        cost = np.zeros(self.cols)
        for col, c in coefs.items():
            cost[col] = c
        self.h.changeColsCost(self.cols, np.arange(self.cols, dtype=np.int32), cost)
        self.h.changeObjectiveSense(
            highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        )

    def _run(self, seconds: float) -> tuple[float | None, float | None, str]:
        self.h.setOptionValue("time_limit", max(0.1, seconds))
        self.h.run()
        info = self.h.getInfo()
        status = self.h.modelStatusToString(self.h.getModelStatus())
        if info.primal_solution_status != 2:
            return None, None, status
        return info.objective_function_value, info.mip_dual_bound, status

    def solve(self, seconds: float, threads: int = 2) -> dict:
        """Cover, then answered; returns values, bound, status and the chosen candidates."""
        began = time.monotonic()
        self.h.setOptionValue("threads", threads)
        w = cover_weight(self.inst)
        cover = {col: float(w) for col in self.short.values()}
        cover.update({col: 1.0 for col in self.unsup.values()})
        self._objective(cover, maximise=False)
        value, _, status = self._run(seconds * 0.3)
        out = {"cover": value, "cover_status": status}
        if value is not None:
            cols = list(cover)
            self.h.addRow(
                -INF,
                value + 1e-6,
                len(cols),
                np.array(cols, dtype=np.int32),
                np.array([cover[c] for c in cols]),
            )
        left = seconds - (time.monotonic() - began)
        self._objective(self._answered(), maximise=True)
        value, bound, status = self._run(left)
        out.update(
            answered=None if value is None else value / ANSWER_SCALE,
            bound=None if bound is None else bound / ANSWER_SCALE,
            status=status,
            seconds=time.monotonic() - began,
        )
        if value is not None:
            x = self.h.getSolution().col_value
            out["chosen"] = [c for c, col in enumerate(self.x) if x[col] > 0.5]
        return out

    def lp_bound(self) -> float:
        """The answered goal's LP relaxation (no cover stage), for diagnosis."""
        self._objective(self._answered(), maximise=True)
        self.h.setOptionValue("solve_relaxation", True)
        self.h.run()
        self.h.setOptionValue("solve_relaxation", False)
        return self.h.getInfo().objective_function_value / ANSWER_SCALE
