"""The app in a real browser: Playwright drives Debian's Chromium against `streamlit run`.

A coordinator's path: the app opens on the sample plan, the sample workbook is uploaded,
the roster optimised with a short limit, the heatmap seen; on the Roster page a shift is
picked by clicking its bar and a shift assigned by hand, the two versions compared; the
calendars zip downloaded with the assigned shift in it; a reload returns to the same
place.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from scheduler.i18n import Text

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
STREAMLIT = Path(sys.executable).with_name("streamlit")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (make chromium installs it)"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, server: subprocess.Popen, timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if server.poll() is not None:
            raise AssertionError(f"the app exited: {server.stdout.read() if server.stdout else ''}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("the app did not start in time")


@pytest.fixture
def app_url(tmp_path):
    """`streamlit run app.py` on a free port with a new plan database holding the sample."""
    env = {
        **os.environ,
        "SEKASIN_DB": str(tmp_path / "plans.sqlite"),
        "SEKASIN_SAMPLE_SECONDS": "3",
        "SEKASIN_SAMPLE": str(ROOT / "data"),
        "SEKASIN_LANG": "fi",  # the app as coordinators see it
    }
    env.pop("SEKASIN_PASSWORD", None)
    subprocess.run(
        [sys.executable, "-m", "scheduler.ui.seed"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    port = free_port()
    server = subprocess.Popen(
        [
            str(STREAMLIT),
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, server)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def fi(msgid: str, **params: object) -> str:
    """A message as the Finnish app shows it (the words come from the catalogs)."""
    return Text(msgid, params).render("fi")


def fi_step(page: str) -> str:
    """A step of the sidebar as the Finnish app names it: ``4 · Optimointi``."""
    from scheduler.ui.main import PAGES

    return f"{list(PAGES).index(page) + 1} · {fi(PAGES[page][0])}"


def fi_pattern(
    msgid: str, plural: str | None = None, count: int = 2, **params: object
) -> re.Pattern[str]:
    """The Finnish message with the parameters given as ``None`` matching anything (each a
    group, in the order given); markdown's ``**`` left out. With ``plural``, the form for
    ``count``. (No named groups: the pattern also goes to the browser's JavaScript.)"""
    marks = {k: f"\x00{k}\x00" for k, v in params.items() if v is None}
    values = {**params, **marks}
    if plural is None:
        text = fi(msgid, **values)
    else:
        values.setdefault("n", count)
        text = Text(msgid, values, plural, count).render("fi")
    pattern = re.escape(text.replace("**", ""))
    for mark in marks.values():
        pattern = pattern.replace(re.escape(mark), "(.+?)")
    return re.compile(pattern)


def test_upload_optimise_see_the_heatmap_download_the_calendars(app_url, tmp_path):
    """The whole month in Finnish, through a real browser: the heatmap, a new upload,
    optimising, a shift picked by a click, a shift assigned by hand, two versions compared,
    a reload to the same place, and the calendars downloaded."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=30_000)  # the machine is shared: pages may take a while

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(60_000)
        page.goto(app_url)
        # opens ready on the sample plan's heatmap, in Finnish
        expect(page.get_by_role("heading", name=fi("Coverage"))).to_be_visible()
        expect(page.locator(".js-plotly-plot .heatmaplayer").first).to_be_attached()
        expect(page.get_by_text(fi("Sekasin shift scheduler")).first).to_be_visible()

        page.get_by_text(fi_step("availability")).click()
        page.locator("input[type=file]").first.set_input_files(
            str(ROOT / "data" / "availability.xlsx")
        )
        expect(page.get_by_text("availability.xlsx").first).to_be_visible()
        page.get_by_role("button", name=fi("Read the files")).click()
        read = fi_pattern(
            "Read {n} person from {files}.",
            "Read {n} people from {files}.",
            n=None,
            files="availability.xlsx",
        )
        expect(page.get_by_text(read)).to_be_visible()

        page.get_by_text(fi_step("optimise")).click()
        limit = page.get_by_role("spinbutton", name=fi("Time limit (seconds)"))
        limit.fill("4")
        limit.press("Enter")
        page.get_by_role("button", name=fi("Optimise"), exact=True).click()
        optimised = fi_pattern("Optimised: {status}, {shifts} shifts.", status=None, shifts=None)
        expect(page.get_by_text(optimised)).to_be_visible(timeout=60_000)

        page.get_by_text(fi_step("coverage")).click()
        heatmap = page.locator(".js-plotly-plot").first
        expect(heatmap.locator(".heatmaplayer")).to_be_attached()
        expect(page.get_by_text(fi("expected answer rate")).first).to_be_visible()
        page.screenshot(path=str(tmp_path / "heatmap.png"), full_page=False)

        # The Roster page: a click on a bar picks that shift.
        page.get_by_text(fi_step("roster")).click()
        bars = page.locator(".js-plotly-plot .barlayer .point")
        expect(bars.first).to_be_attached()
        box = bars.nth(3).bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        expect(page.get_by_role("button", name=fi("Remove from the roster"))).to_be_visible()

        # Assign a shift by hand: the first open slot, the first person offered (the freest).
        page.get_by_text(fi("Show the assign form")).click()
        expect(page.get_by_text(fi("would break")).first).to_be_visible()
        page.locator(".st-key-assign_person").click()  # a widget's key is its class
        page.keyboard.press("Enter")
        assign = page.locator(".st-key-assign_save").get_by_role("button")
        expect(assign).to_be_visible()
        label = assign.inner_text()
        if not assign.is_enabled():  # it breaks a rule: saved only when asked
            page.get_by_text(fi("Save anyway (I have agreed it with them)")).click()
        expect(assign).to_be_enabled()
        assign.click()
        saved = fi_pattern("Assigned {shift}.", shift=None)
        expect(page.locator('[data-testid="stAlert"]').filter(has_text=saved)).to_be_visible()
        assigned = fi_pattern(
            "Assign {name} to {chat} {day} {time}",
            name=None,
            chat="Sekasin-chat",
            day=None,
            time=None,
        ).match(label)
        assert assigned, label
        # The versions compared: what this edit changed.
        changed = fi_pattern(
            "From version {a} to version {b}: **{added} added, {removed} removed, {moved} "
            "moved** shifts.",
            a=None,
            b=None,
            added=1,
            removed=0,
            moved=0,
        )
        expect(page.get_by_text(changed)).to_be_visible()
        expect(page.get_by_text(fi("expected answered contacts")).first).to_be_attached()
        page.screenshot(path=str(tmp_path / "roster.png"), full_page=False)

        # A reload (a new browser session) returns to the same plan, step, version, language.
        url = page.url
        assert "page=roster" in url and "version=" in url and "lang=fi" in url
        page.reload()
        expect(page.get_by_role("heading", name=fi("Roster"), exact=True)).to_be_visible()

        page.get_by_text(fi_step("publish")).click()
        expect(page.get_by_text(fi("What people will receive"))).to_be_visible()
        page.get_by_role("button", name=fi("Build the files")).click()
        calendars = page.get_by_role(
            "button", name=fi("Calendars (.ics for each person, organisation and all)")
        )
        expect(calendars).to_be_visible()
        with page.expect_download() as download:
            calendars.click()
        data = Path(download.value.path()).read_bytes()
        browser.close()

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert "all.ics" in names
        assert sum(n.endswith(".ics") for n in names) > 50  # a calendar a person on duty
        text = archive.read("all.ics").decode()
    assert text.count("BEGIN:VEVENT") > 100
    assert "TZID=Europe/Helsinki" in text
    # the shared calendar in the plan's language (Finnish), holding the shift just assigned
    summary = fi("{service}: {name}", service="Sekasin-chat", name=assigned.group(1))
    assert f"SUMMARY;LANGUAGE=fi:{summary}" in text.replace("\r\n ", "")
