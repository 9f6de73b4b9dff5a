"""The web app in Chromium: from ``make run`` to the heatmap, and from a click to a saved edit.

Two starts on a fresh plan database: the first (the sample plan is imported, forecast with
the built-in profile, optimised and saved) and a restart (the saved plan is reopened).
Then, on that sample month (~350 people, ~1,200 shifts), the Roster page's edits: a bar
of the week view clicked and the shift removed, and a shift assigned by hand, each
repeated; the clock runs from the click on the button to the new version in the plan
database (read by this script) and to the page showing it saved. Uses Debian's chromium
through Playwright, headless.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import common  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
REMOVED = re.compile(r"^Removed ")  # the message a saved edit shows (not "removed" in others)
ASSIGNED = re.compile(r"^Assigned ")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(db: Path) -> Iterator[tuple[int, float]]:
    """``make run`` on a free port with the plan database ``db``: (port, seconds until the
    server answers). Stopped (its process group) on leaving."""
    port = free_port()
    env = {**os.environ, "SEKASIN_DB": str(db), "BROWSER": "none", "SEKASIN_LANG": "en"}
    began = time.monotonic()
    proc = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError("make run ended before the app answered")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=1
                ) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.2)
        yield port, time.monotonic() - began
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def time_to_heatmap(db: Path) -> tuple[float, float]:
    """Seconds from ``make run`` until the server answers, and until the heatmap is drawn."""
    began = time.monotonic()
    with running_app(db) as (port, served), sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1440, "height": 1100})
        page.goto(f"http://127.0.0.1:{port}")
        page.locator(".js-plotly-plot .heatmaplayer").first.wait_for(
            state="attached", timeout=180_000
        )
        rendered = time.monotonic() - began
        browser.close()
    return served, rendered


def latest_version(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return int(conn.execute("SELECT MAX(id) FROM rosters").fetchone()[0] or 0)


def _until_saved(db: Path, before: int, began: float, limit: float = 120.0) -> float:
    while latest_version(db) == before:
        if time.monotonic() - began > limit:
            raise RuntimeError("the edit was not saved")
        time.sleep(0.01)
    return time.monotonic() - began


def settle(page: Page, limit: float = 120.0) -> None:
    """Wait until the page's run is over: no element left over from the run before
    (Streamlit marks them stale) and no "running" indicator. A click while a run is in
    progress can be lost, as a coordinator clicking too early would see."""
    page.wait_for_function(
        "() => !document.querySelector('[data-stale=\"true\"]')"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"] button')",
        timeout=limit * 1000,
    )
    time.sleep(0.3)


def time_edits(db: Path, repeats: int = 5) -> dict[str, list[tuple[float, float, float]]]:
    """(click → new version in the database, → the page says it is saved, → the page has
    finished drawing) for removing a clicked shift and for assigning a shift by hand,
    ``repeats`` times each."""
    from playwright.sync_api import expect

    expect.set_options(timeout=120_000)
    timings: dict[str, list[tuple[float, float, float]]] = {"remove": [], "assign": []}
    with running_app(db) as (port, _served), sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1440, "height": 1100})
        page.set_default_timeout(120_000)
        page.goto(f"http://127.0.0.1:{port}/?page=roster")
        alert = page.locator('[data-testid="stAlert"]')
        page.locator(".js-plotly-plot .barlayer").first.wait_for(state="attached")
        settle(page)
        for i in range(repeats):
            bar = page.locator(".js-plotly-plot .barlayer .point").nth(3 + 5 * i)
            box = bar.bounding_box()
            assert box is not None
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            settle(page)
            remove = page.get_by_role("button", name="Remove from the roster")
            expect(remove).to_be_visible()
            expect(alert.filter(has_text=REMOVED)).to_have_count(0)
            before = latest_version(db)
            began = time.monotonic()
            remove.click()
            saved = _until_saved(db, before, began)
            expect(alert.filter(has_text=REMOVED)).to_be_visible()
            shown = time.monotonic() - began
            settle(page)
            timings["remove"].append((saved, shown, time.monotonic() - began))
        page.get_by_text("Show the assign form").click()
        settle(page)
        for _ in range(repeats):
            page.locator(".st-key-assign_person").click()
            page.keyboard.press("Enter")
            settle(page)
            expect(alert.filter(has_text=ASSIGNED)).to_have_count(0)
            button = page.get_by_role("button", name="Assign ", exact=False).last
            expect(button).to_be_visible()
            if not button.is_enabled():
                page.get_by_text("Save anyway").click()
                settle(page)
                expect(button).to_be_enabled()
            before = latest_version(db)
            began = time.monotonic()
            button.click()
            saved = _until_saved(db, before, began)
            expect(alert.filter(has_text=ASSIGNED)).to_be_visible()
            shown = time.monotonic() - began
            settle(page)
            timings["assign"].append((saved, shown, time.monotonic() - began))
        browser.close()
    return timings


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def load() -> str:
    """The load average when measured (the machine is shared)."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "plans.sqlite"
        before = load()
        first = time_to_heatmap(db)
        again = time_to_heatmap(db)
        started = load()
        edits = time_edits(db)
        after = load()
    rows = [
        "| start | app answers s | heatmap drawn s |",
        "|---|---:|---:|",
        f"| first (sample plan made and optimised) | {first[0]:.1f} | {first[1]:.1f} |",
        f"| restart (saved plan reopened) | {again[0]:.1f} | {again[1]:.1f} |",
    ]
    edit_rows = [
        "| edit on the Roster page | click → saved in the database s | → message shown s "
        "| → page drawn again s |",
        "|---|---:|---:|---:|",
    ]
    names = {
        "remove": "remove a shift picked by clicking its bar",
        "assign": "assign a shift by hand (rule check shown first)",
    }
    for kind, values in edits.items():
        edit_rows.append(
            f"| {names[kind]} | {_spread([v[0] for v in values])} | "
            f"{_spread([v[1] for v in values])} | {_spread([v[2] for v in values])} |"
        )
    body = (
        "`make run` with the virtual environment already installed, a fresh plan database "
        "(`SEKASIN_DB` in a temporary folder); the clock stops when the coverage heatmap "
        "is drawn in headless Chromium.\n\n"
        + "\n".join(rows)
        + "\n\n### From a click to a saved edit\n\n"
        "The sample month just made (~350 people, ~1,200 shifts, both chats), its Roster "
        f"page in headless Chromium; each edit {len(edits['remove'])} times, median "
        "(min–max). *Saved in the database*: from the click on the button until the new "
        "roster version is in the plan database (read by the benchmark from the file); "
        "*message shown*: until the page shows that it is saved; *page drawn again*: until "
        "the page has finished its run (the version evaluated again: coverage, rules, "
        "the week drawn, the versions compared).\n\n"
        + "\n".join(edit_rows)
        + f"\n\nLoad average (1, 5, 15 min) before the starts {before}, before the edits "
        f"{started}, after {after}."
    )
    print(
        common.write_result(
            "app", "Web app: from make run to the heatmap, from a click to a saved edit", body
        ).read_text()
    )


if __name__ == "__main__":
    main()
