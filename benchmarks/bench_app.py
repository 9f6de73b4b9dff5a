"""Time from ``make run`` to a rendered coverage heatmap in Chromium.

Two runs on a fresh plan database: the first start (the sample plan is imported,
forecast with the built-in profile, optimised and saved) and a restart (the saved plan is
reopened). Uses Debian's chromium through Playwright, headless.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import common  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_to_heatmap(db: Path) -> tuple[float, float]:
    """Seconds from ``make run`` until the server answers, and until the heatmap is drawn."""
    port = free_port()
    env = {**os.environ, "SEKASIN_DB": str(db), "BROWSER": "none"}
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
        served = time.monotonic() - began
        with sync_playwright() as pw:
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
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "plans.sqlite"
        first = time_to_heatmap(db)
        again = time_to_heatmap(db)
    rows = [
        "| start | app answers s | heatmap drawn s |",
        "|---|---:|---:|",
        f"| first (sample plan made and optimised) | {first[0]:.1f} | {first[1]:.1f} |",
        f"| restart (saved plan reopened) | {again[0]:.1f} | {again[1]:.1f} |",
    ]
    body = (
        "`make run` with the virtual environment already installed, a fresh plan database "
        "(`SEKASIN_DB` in a temporary folder); the clock stops when the coverage heatmap "
        "is drawn in headless Chromium.\n\n" + "\n".join(rows)
    )
    print(common.write_result("app", "Web app: from make run to the heatmap", body).read_text())


if __name__ == "__main__":
    main()
