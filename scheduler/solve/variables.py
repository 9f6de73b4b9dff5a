"""Decision variables of the CP-SAT model: one Boolean per candidate shift.

Everything else (staffed counts, hours per person) is a linear expression over these;
the goals add their own auxiliary variables in :mod:`scheduler.solve.objective`. Every
variable is named in words (person, chat, local start, slots), so a model dump reads
like the roster.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from ..problem import Instance


@dataclass
class Variables:
    """``x[c]`` is 1 when candidate shift ``c`` is in the roster."""

    model: cp_model.CpModel
    inst: Instance
    x: list[cp_model.IntVar]

    def staffed(self, slot: int) -> cp_model.LinearExpr:
        """People on duty in ``slot``."""
        return cp_model.LinearExpr.sum([self.x[c] for c in self.inst.covering[slot]])

    def worked_slots(self, person: int, week: int | None = None) -> cp_model.LinearExpr:
        """Slots worked by ``person`` (in one week of the plan period, or all)."""
        cands = [
            c
            for c in self.inst.by_person[person]
            if week is None or self.inst.candidates[c].week == week
        ]
        return cp_model.LinearExpr.weighted_sum(
            [self.x[c] for c in cands], [self.inst.candidates[c].length for c in cands]
        )


def make_variables(model: cp_model.CpModel, inst: Instance) -> Variables:
    x = [model.new_bool_var(inst.label(c.index)) for c in inst.candidates]
    return Variables(model, inst, x)
