"""Shared pieces of the app tests: a tiny availability workbook, an app on a temporary
store, a plan already optimised. (No tests here.)"""

from __future__ import annotations

import functools
import shutil
import tempfile
import time
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from scheduler.domain import Horizon, Rules

ROOT = Path(__file__).resolve().parents[1]
HORIZON = Horizon(date(2026, 3, 23), 1)  # the week of the DST Sunday 2026-03-29
RULES = Rules(services=("fi",))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PEOPLE = [
    ["name", "email", "organisation", "role", "languages", "mentor", "trainee"],
    ["Aino Virtanen", "aino@example.org", "MIELI", "chat_team", "fi", "no", "no"],
    ["Bea Laine", "bea@example.org", "MIELI", "volunteer", "fi", "yes", "no"],
    ["Carl Ek", "carl@example.org", "Röda korset", "volunteer", "fi, sv", "no", "no"],
    ["Dani Koski", "dani@example.org", "SPR", "student", "fi", "no", "no"],
    ["Eeva Salo", "eeva@example.org", "SPR", "staff", "fi", "no", "no"],
]
AVAILABILITY = [
    ["name", "date", "weekday", "start", "end", "preference"],
    ["Aino Virtanen", None, "ma-pe", "09:00", "17:00", "available"],
    ["Bea Laine", None, "ma-su", "17:00", "24:00", "preferred"],
    ["Carl Ek", None, "ma-su", "15:00", "21:00", "available"],
    ["Dani Koski", None, "ti", "12:00", "18:00", "available"],
    ["Eeva Salo", None, "la-su", "15:00", "24:00", "available"],
]


def workbook_bytes(people=PEOPLE, availability=AVAILABILITY) -> bytes:
    """A small availability workbook in the template's shape."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in (("People", people), ("Availability", availability)):
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def new_app(db: Path, monkeypatch: pytest.MonkeyPatch, *, password: str | None = None) -> AppTest:
    """The app on the store file ``db`` (no sample plan)."""
    monkeypatch.setenv("SEKASIN_DB", str(db))
    monkeypatch.setenv("SEKASIN_SAMPLE", "off")
    if password is None:
        monkeypatch.delenv("SEKASIN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("SEKASIN_PASSWORD", password)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def make_optimised_store(path: Path, seconds: float = 2.0, *, optimise: bool = True) -> int:
    """A store with one tiny plan: imported, built-in demand, optimised (unless not asked).
    Returns the plan's id."""
    from scheduler.solve import solve
    from scheduler.store import Plan, SqliteStore
    from scheduler.ui.workflow import (
        import_availability,
        problem_of,
        version_of,
        with_builtin_demand,
    )

    store = SqliteStore(path)
    plan, ok = import_availability(
        Plan("Tiny week", HORIZON, RULES), [("tiny.xlsx", workbook_bytes())]
    )
    assert ok, plan.findings
    plan = store.save_plan(with_builtin_demand(plan.but(settings={"time_limit": seconds})))
    if not optimise:
        return plan.id
    result = solve(problem_of(plan), time_limit=seconds, workers=1)
    store.save_roster(version_of(plan, result, "optimised for the test"))
    return plan.id


@functools.cache
def optimised_template() -> Path:
    """A store file with an optimised tiny plan, made once per test run."""
    path = Path(tempfile.mkdtemp(prefix="sekasin-test-")) / "optimised.sqlite"
    make_optimised_store(path)
    return path


def optimised_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, Path]:
    """The app on a fresh copy of a store holding an optimised tiny plan, and the copy."""
    db = tmp_path / "plans.sqlite"
    shutil.copy(optimised_template(), db)
    return new_app(db, monkeypatch), db


def ok(at: AppTest) -> AppTest:
    """Assert the page ran without an exception, shown or raised."""
    assert not at.exception, at.exception
    failed = [e.value for e in at.error if "Something went wrong" in e.value]
    assert not failed, failed
    return at


def goto(at: AppTest, page: str) -> AppTest:
    at.radio(key="nav").set_value(page).run()
    return ok(at)


def open_availability(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str = "en"
) -> tuple[AppTest, Path]:
    """A new app on a new plan database, at step 2 (availability), in ``lang``."""
    from scheduler.i18n import set_language

    monkeypatch.setenv("SEKASIN_LANG", lang)
    set_language(lang)  # AppTest formats widget options in the test's own thread
    db = tmp_path / "plans.sqlite"
    at = new_app(db, monkeypatch)
    at.run()
    ok(at)
    return goto(at, "availability"), db


def upload(at: AppTest, *files) -> AppTest:
    """Upload ``files`` on the availability step and read them."""
    at.file_uploader(key="availability_upload").set_value(list(files))
    at.run()
    at.button(key="availability_import").click().run()
    return ok(at)


def texts(at: AppTest) -> str:
    """All text the page shows (markdown, captions, alerts, metrics)."""
    parts = [
        e.value
        for e in (
            *at.markdown,
            *at.caption,
            *at.success,
            *at.info,
            *at.warning,
            *at.error,
            *at.header,
            *at.subheader,
        )
    ]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    return "\n".join(str(p) for p in parts)


def wait_for_solve(at: AppTest, timeout: float = 30.0) -> AppTest:
    """Rerun the app until the background solve is over and its result shown."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        time.sleep(0.3)
        ok(at.run())
        if not any(b.key == "stop_solve" for b in at.button):
            return at
    raise AssertionError("the solve did not end in time")


def element(at: AppTest, kind: str, key: str):
    """The element of ``kind`` (``dataframe``, ``plotly_chart``, ...) with ``key``."""
    found = [e for e in at.get(kind) if getattr(e, "key", None) == key]
    assert found, f"no {kind} with key {key!r} on the page"
    return found[0]


def table(at: AppTest, column: str):
    """The table (a pandas DataFrame) that has ``column`` (tables have no keys in tests)."""
    found = [e.value for e in at.dataframe if column in e.value.columns]
    assert found, f"no table with a column {column!r} on the page"
    return found[0]


def has(at: AppTest, kind: str, key: str) -> bool:
    return any(getattr(e, "key", None) == key for e in at.get(kind))


def plotly_figure(at: AppTest, key: str) -> dict:
    import json

    return json.loads(element(at, "plotly_chart", key).proto.spec)


def stored(db: Path):
    from scheduler.store import SqliteStore

    return SqliteStore(db)
