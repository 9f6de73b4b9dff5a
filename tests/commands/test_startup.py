"""The command line loads only what the command it runs needs: the help and a light
command start without the optimiser, the data-frame library or the spreadsheet and calendar
writers (each adds to every start; together they took 1.8 s of a 2 s ``--help``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from scheduler.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:
    code = stop.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

HEAVY = ("ortools", "pandas", "statsmodels", "openpyxl", "icalendar", "scheduler.deliver")


def loaded(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        check=True,
        env={"SEKASIN_LANG": "en", "PATH": ""},
    )
    data = json.loads(done.stdout.strip().splitlines()[-1])
    assert data["code"] in (0, None), done.stderr
    return {
        name.split(".")[0] if not name.startswith("scheduler.") else name
        for name in data["modules"]
    }


def heavy(modules: set[str]) -> set[str]:
    return {
        name for name in HEAVY if name in modules or any(m.startswith(name + ".") for m in modules)
    }


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_help_lists_every_command_without_loading_them(lang):
    assert heavy(loaded("--lang", lang, "--help")) == set()


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (("check", "--help"), {"openpyxl"}),  # the intake reads workbooks
        (("solve", "--help"), {"openpyxl"}),
        (("forecast", "--help"), set()),
        (("send", "--help"), set()),
        (("remind", "--help"), set()),
        (("template", "--help"), set()),
        (("staffing", "--contacts-per-hour", "10"), set()),
    ],
)
def test_a_command_loads_only_what_it_needs(args, allowed):
    assert heavy(loaded(*args)) <= allowed
