"""What the pages do to a plan, without any user interface: import, demand, evaluate, publish.

Everything here works on :class:`scheduler.store.Plan` and roster versions and can be
tested (and used from a script) without Streamlit.
"""

from __future__ import annotations

import csv
import io
import tempfile
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..domain import Horizon, Problem, Rules, Shift
from ..hours import slot_grid
from ..intake import load_availability, write_template
from ..kpi import (
    RECRUIT_COLUMNS,
    Evaluation,
    RecruitBlock,
    Violation,
    evaluate,
    recruit_blocks,
    summary,
    violations,
)
from ..plan import build_problem
from ..problem import build_instance
from ..roster import Result, Roster, SolveStatus
from ..store import Plan, RosterVersion

BUILTIN_SOURCE = "built-in profile"


# --------------------------------------------------------------------------- availability


def import_availability(plan: Plan, uploads: Sequence[tuple[str, bytes]]) -> tuple[Plan, bool]:
    """Read uploaded availability files (``(file name, content)``) into the plan.

    The validation report always replaces the plan's ``findings``. People and their time
    replace the plan's only when the files have no errors, so a bad upload never loses a
    good import. Returns the new plan and whether the people were replaced.
    """
    names = [name for name, _ in uploads]
    with tempfile.TemporaryDirectory(prefix="sekasin-upload-") as folder:
        paths = []
        for i, (name, content) in enumerate(uploads):
            path = Path(folder) / f"{i}{Path(name).suffix.lower()[:8]}"
            path.write_bytes(content)
            paths.append(path)
        intake = load_availability(paths, plan.horizon, plan.rules, display_names=names)
    findings = tuple(intake.findings)
    if intake.findings.errors:
        return plan.but(findings=findings), False
    return plan.but(
        people=intake.people,
        availability=intake.availability,
        findings=findings,
        sources=tuple(names),
    ), True


def template_bytes(horizon: Horizon) -> bytes:
    """The canonical availability workbook for the plan period, as a file's bytes."""
    with tempfile.TemporaryDirectory(prefix="sekasin-template-") as folder:
        path = Path(folder) / "availability-template.xlsx"
        write_template(path, horizon)
        return path.read_bytes()


# --------------------------------------------------------------------------- demand


def open_slot_keys(horizon: Horizon, rules: Rules) -> set[tuple[str, Any]]:
    return {slot.key for slot in slot_grid(horizon, rules)}


def with_builtin_demand(plan: Plan) -> Plan:
    """The plan with the built-in demand profile (labelled as an assumption)."""
    from ..demand import builtin_demand

    return plan.but(
        demand=builtin_demand(plan.horizon, plan.rules),
        demand_info={"source": BUILTIN_SOURCE, "assumption": True},
    )


def with_history_forecast(
    plan: Plan, name: str, content: bytes, quantile: float | None = None
) -> Plan:
    """The plan with demand forecast from an uploaded contact history.

    Raises :class:`scheduler.errors.InputError` (every located problem) on a bad file.
    """
    from ..demand import forecast, read_history

    with tempfile.TemporaryDirectory(prefix="sekasin-history-") as folder:
        path = Path(folder) / f"history{Path(name).suffix.lower()[:8]}"
        path.write_bytes(content)
        history = read_history(path, display_name=name)
    fc = forecast(history, plan.horizon, plan.rules, quantile=quantile)
    info: dict[str, Any] = {
        "source": f"forecast from {name}",
        "assumption": bool(fc.assumption),
        "detail": str(fc.source),
        "quantile": quantile,
        "notes": [str(n) for n in getattr(fc, "notes", ())],
    }
    if fc.backtest is not None:
        info["backtest"] = {
            **_plain(fc.backtest),
            "improvement": fc.backtest.improvement,
            "text": fc.backtest.describe(),
        }
    return plan.but(demand=dict(fc.demand), demand_info=info)


def with_demand_csv(plan: Plan, name: str, content: bytes) -> Plan:
    """The plan with demand read from a demand CSV (``service,start,contacts``).

    Raises :class:`scheduler.errors.InputError` (every located problem) on a bad file.
    """
    from ..demand import load_demand_csv

    with tempfile.TemporaryDirectory(prefix="sekasin-demand-") as folder:
        path = Path(folder) / "demand.csv"
        path.write_bytes(content)
        demand, findings = load_demand_csv(path, plan.horizon, plan.rules, display_name=name)
    return plan.but(
        demand=dict(demand),
        demand_info={
            "source": f"demand file {name}",
            "assumption": False,
            "notes": [str(f) for f in findings],
        },
    )


def _plain(value: Any) -> Any:
    """A JSON-storable copy of a backtest (a dataclass, a mapping or a number)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def demand_fits(plan: Plan) -> bool:
    """Whether the plan's demand has a value for every open slot of its period and rules."""
    return bool(plan.demand) and open_slot_keys(plan.horizon, plan.rules) <= set(plan.demand)


def with_period_and_rules(plan: Plan, horizon: Horizon, rules: Rules) -> Plan:
    """The plan with a new period or rules; the built-in demand follows, a forecast that no
    longer fits the open slots is dropped (the demand page asks for it again)."""
    changed = plan.but(horizon=horizon, rules=rules)
    if changed.demand_info.get("source") == BUILTIN_SOURCE or not plan.demand:
        return with_builtin_demand(changed) if plan.demand else changed
    if demand_fits(changed):
        return changed
    return changed.but(
        demand={}, demand_info={"source": "", "dropped": plan.demand_info.get("source", "")}
    )


# --------------------------------------------------------------------------- rosters


def problem_of(plan: Plan, previous: Iterable[Shift] = ()) -> Problem:
    """The optimisation problem of the plan (pins and forbids included)."""
    return build_problem(
        plan,
        plan.horizon,
        plan.rules,
        plan.demand,
        pins=plan.pins,
        forbids=plan.forbids,
        previous=tuple(previous),
    )


@dataclass(frozen=True)
class Outcome:
    """A roster version with everything recomputed from its shifts: coverage, KPIs, gaps."""

    version: RosterVersion
    problem: Problem
    result: Result
    evaluation: Evaluation
    recruit: tuple[RecruitBlock, ...]
    summary: dict[str, Any]
    violations: tuple[Violation, ...] = ()
    """Hard rules the roster breaks under the plan as it is now (after its people, period
    or rules changed, or a pin was added), empty when it keeps them all."""


def outcome_of(
    plan: Plan, version: RosterVersion, settings: Mapping[str, Any] | None = None
) -> Outcome:
    """Evaluate a stored roster version against the plan as it is now."""
    problem = problem_of(plan)
    inst = build_instance(problem)
    ev = evaluate(problem, version.shifts, instance=inst)
    result = Result(
        status=SolveStatus(version.status),
        roster=Roster.of(version.shifts),
        objective=version.objective,
        best_bound=version.best_bound,
        gap=version.gap,
        solve_seconds=version.solve_seconds,
        breakdown=dict(version.breakdown),
        coverage=ev.coverage,
        uncovered=ev.uncovered,
        notes=version.notes,
    )
    data = summary(problem, result, settings, instance=inst)
    blocks = tuple(recruit_blocks(problem, version.shifts, instance=inst))
    broken = tuple(violations(problem, version.shifts, instance=inst))
    return Outcome(version, problem, result, ev, blocks, data, broken)


def version_of(plan: Plan, result: Result, label: str) -> RosterVersion:
    """A draft roster version from a solve result."""
    assert plan.id is not None
    return RosterVersion(
        plan.id,
        tuple(result.roster),
        result.status,
        objective=result.objective,
        best_bound=result.best_bound,
        gap=result.gap,
        solve_seconds=result.solve_seconds,
        label=label,
        breakdown=dict(result.breakdown),
        notes=result.notes_text(),
    )


def edited(version: RosterVersion, shifts: Iterable[Shift], label: str) -> RosterVersion:
    """A new draft from a coordinator's change to a roster (status ``EDITED``)."""
    return RosterVersion(
        version.plan_id,
        tuple(shifts),
        "EDITED",
        objective=version.objective,
        best_bound=version.best_bound,
        gap=version.gap,
        solve_seconds=version.solve_seconds,
        label=label,
        breakdown=dict(version.breakdown),
        notes=version.notes,
    )


def recruit_csv(blocks: Sequence[RecruitBlock]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECRUIT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(b.as_row(i) for i, b in enumerate(blocks, start=1))
    return out.getvalue()


# --------------------------------------------------------------------------- publishing


def publish_files(
    outcome: Outcome, previous: Iterable[Shift] = (), contact_info: str | None = None
) -> dict[str, bytes]:
    """Every published file as bytes: ``roster.xlsx``, ``calendars.zip``, ``schedules.zip``
    (a text per person), the CSVs, ``summary.json`` and ``recruit.csv``, built in a
    temporary folder that is removed afterwards."""
    import json

    from ..publish import publish_all

    with tempfile.TemporaryDirectory(prefix="sekasin-publish-") as folder:
        out = Path(folder)
        publish_all(
            out,
            outcome.problem,
            outcome.result,
            summary=outcome.summary,
            previous=tuple(previous),
            contact_info=contact_info,
        )
        files = {
            name: (out / name).read_bytes()
            for name in ("roster.xlsx", "roster.csv", "coverage.csv")
            if (out / name).is_file()
        }
        files["calendars.zip"] = zip_folder(out / "calendars")
        if (out / "schedules").is_dir():
            files["schedules.zip"] = zip_folder(out / "schedules")
    files["summary.json"] = (
        json.dumps(outcome.summary, ensure_ascii=False, indent=2) + "\n"
    ).encode()
    files["recruit.csv"] = recruit_csv(outcome.recruit).encode()
    return files


def zip_folder(folder: Path) -> bytes:
    """The files under ``folder`` as a zip (paths relative to it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()
