"""The command line as a whole: a reader that leaves early is not an error."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_output_piped_into_head_ends_quietly_with_exit_0():
    command = [
        sys.executable,
        "-m",
        "scheduler.cli",
        "check",
        str(ROOT / "data" / "availability.xlsx"),
        "--start",
        "2026-03-02",
        "--weeks",
        "4",
        "--json",
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()  # the reader takes one line and goes (like `| head -1`)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert first.startswith(b"{")
    assert "internal error" not in err and "Traceback" not in err
