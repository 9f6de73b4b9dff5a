"""The sample plan a newcomer sees at once: the files in ``data/``, the built-in demand,
optimised for a short time and saved. Made on the first start with an empty store only;
later starts reopen it from the store.
"""

from __future__ import annotations

import ast
import logging
import os
from datetime import date, timedelta
from pathlib import Path

from ..domain import Horizon
from ..i18n import N_, _, current_language, translate
from ..store import Plan, Store
from .workflow import (
    import_availability,
    problem_of,
    version_of,
    with_builtin_demand,
    with_people,
)

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SAMPLE_FILES = ("availability.xlsx", "org_free_text.xlsx")
SAMPLE_NAME = N_("Sample: national month")
SAMPLE_ENV = "SEKASIN_SAMPLE"
"""``off`` to start with an empty plan instead of the sample; else a folder of sample files."""
SECONDS_ENV = "SEKASIN_SAMPLE_SECONDS"
DEFAULT_SECONDS = 15.0


def sample_dir() -> Path | None:
    """Where the sample files are, or None when turned off or missing."""
    setting = os.environ.get(SAMPLE_ENV, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    folder = Path(setting).expanduser() if setting else DATA_DIR
    return folder if all((folder / name).is_file() for name in SAMPLE_FILES) else None


def sample_horizon(folder: Path) -> Horizon:
    """The sample period: ``SAMPLE_START = date(y, m, d)`` and ``SAMPLE_WEEKS = n`` as
    written in ``make_sample.py`` (read, not run)."""
    tree = ast.parse((folder / "make_sample.py").read_text(encoding="utf-8"))
    values: dict[str, object] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            name, value = node.targets[0].id, node.value
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") == "date":
                values[name] = date(*(ast.literal_eval(a) for a in value.args))
            elif isinstance(value, ast.Constant):
                values[name] = value.value
    start, weeks = values.get("SAMPLE_START"), values.get("SAMPLE_WEEKS")
    if not isinstance(start, date) or not isinstance(weeks, int):
        raise ValueError(f"{folder / 'make_sample.py'} names no SAMPLE_START and SAMPLE_WEEKS")
    return Horizon(start, weeks)


def seed_sample(
    store: Store, folder: Path, *, time_limit: float | None = None, workers: int = 2
) -> Plan:
    """Import the sample files, use the built-in demand, optimise, save; return the plan."""
    from ..solve import solve

    seconds = (
        time_limit
        if time_limit is not None
        else float(os.environ.get(SECONDS_ENV, DEFAULT_SECONDS))
    )
    # the plan's name and first label are data, written in the language of the first start
    plan = Plan(
        translate(SAMPLE_NAME),
        sample_horizon(folder),
        settings={"time_limit": seconds, "language": current_language()},
    )
    uploads = [(name, (folder / name).read_bytes()) for name in SAMPLE_FILES]
    plan, _replaced = import_availability(plan, uploads)
    plan = store.save_plan(with_builtin_demand(plan))
    log.info("optimising the sample plan for %s s", seconds)
    result = solve(problem_of(plan), time_limit=seconds, workers=workers)
    store.save_roster(
        with_people(
            version_of(plan, result, _("sample, optimised {seconds} s", seconds=seconds)), plan
        )
    )
    return plan


def ensure_a_plan(store: Store) -> None:
    """On a first start (no plans yet), make the sample plan, or an empty plan without it."""
    if store.list_plans():
        return
    folder = sample_dir()
    if folder is not None:
        try:
            seed_sample(store, folder)
            return
        except Exception:  # an unreadable sample must not keep the app from opening
            log.exception("the sample plan could not be made")
    if not store.list_plans():
        store.save_plan(new_plan(_("My plan")))


def new_plan(name: str) -> Plan:
    """An empty plan for four weeks from next Monday, default rules."""
    today = date.today()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    return Plan(name, Horizon(monday, 4), settings={"time_limit": 30.0})


def main() -> int:
    """``python -m scheduler.ui.seed``: make the sample plan in an empty store, say where."""
    from ..store import default_path, open_store

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = default_path()
    store = open_store(path)
    had = bool(store.list_plans())
    ensure_a_plan(store)
    plans = store.list_plans()
    state = "opened" if had else "made"
    print(
        f"plan database {path}: {state}, {len(plans)} plan(s): "
        + ", ".join(p.name for p in plans[:5])
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
