"""Import a seeded 2,000-person availability file in each shape and time it.

Shapes: the canonical template (People + Availability), one row a person with weekday
columns of free text, an hour grid (a column per opening hour of the week), CSV (free text),
and what survey and poll tools export: Microsoft Forms, Google Forms (a checkbox grid),
Webropol-style option columns, a Doodle poll, a Framadate CSV, a When2meet-style extract
(a column a person, 15-minute rows), a sign-up list (a row a shift), dated columns (a
column a day of the month), a weekly calendar (names in the cells) and a file read with a
column mapping. Each import is timed end to end with ``load_availability`` (read, detect,
parse, merge, review); the best of ``--repeat`` runs is reported, with the machine's load
average at the start (the machine may be shared). Goal: ≤ 2 s each.

Run: ``python benchmarks/bench_import.py [--people 2000] [--repeat 3] [--only SHAPE...]``
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from openpyxl import Workbook

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import common  # noqa: E402

from scheduler.domain import Horizon, Rules  # noqa: E402
from scheduler.intake import ColumnMapping, clear_caches, load_availability  # noqa: E402

HORIZON = Horizon(date(2026, 3, 2), 4)
DAYS_FI = ("ma", "ti", "ke", "to", "pe", "la", "su")
WINDOWS = ((9, 13), (12, 16), (15, 19), (17, 21), (18, 22), (19, 23), (20, 24))
GOAL_SECONDS = 2.0


def people(n: int, seed: int = 7):
    """(name, email, {weekday: [(start, end, preferred)]}) for n invented people."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        offers: dict[int, list[tuple[int, int, bool]]] = {}
        for weekday in rng.sample(range(7), rng.choice((1, 2, 3, 4))):
            start, end = rng.choice(WINDOWS if weekday < 5 else WINDOWS[2:])
            offers[weekday] = [(start, end, rng.random() < 0.2)]
        out.append((f"Henkilö {i:04d}", f"henkilo{i:04d}@example.org", offers))
    return out


def write_canonical(path: Path, crowd) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(
        ["name", "email", "organisation", "role", "languages", "mentor", "trainee", "max_hours"]
    )
    av = wb.create_sheet("Availability")
    av.append(["name", "date", "weekday", "start", "end", "preference"])
    for i, (name, email, offers) in enumerate(crowd):
        ws.append([name, email, f"Järjestö {i % 50}", "volunteer", "fi", "no", "no", 12])
        for weekday, spans in offers.items():
            for s, e, pref in spans:
                av.append(
                    [
                        name,
                        None,
                        DAYS_FI[weekday],
                        f"{s:02d}:00",
                        f"{e:02d}:00",
                        "preferred" if pref else "available",
                    ]
                )
    wb.save(path)


def _free_rows(crowd):
    yield ["Nimi", "Sähköposti", "Kielet", *DAYS_FI]
    for name, email, offers in crowd:
        cells = []
        for weekday in range(7):
            spans = offers.get(weekday, [])
            cells.append(", ".join(f"{s}–{e}" + (" *" if p else "") for s, e, p in spans) or None)
        yield [name, email, "suomi", *cells]


def write_free_text(path: Path, crowd) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["Vuorotoiveet, maaliskuu 2026"])
    for row in _free_rows(crowd):
        ws.append(row)
    wb.save(path)


def write_csv(path: Path, crowd) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, delimiter=";")
        for row in _free_rows(crowd):
            writer.writerow(["" if c is None else c for c in row])


def write_grid(path: Path, crowd) -> None:
    hours = [list(range(9, 24)) if d < 5 else list(range(15, 24)) for d in range(7)]
    wb = Workbook()
    ws = wb.active
    ws.append(["Nimi", "Sähköposti", *[DAYS_FI[d] for d in range(7) for _ in hours[d]]])
    ws.append([None, None, *[h for d in range(7) for h in hours[d]]])
    for name, email, offers in crowd:
        row = [name, email]
        for d in range(7):
            for h in hours[d]:
                mark = None
                for s, e, pref in offers.get(d, []):
                    if s <= h < e:
                        mark = "p" if pref else "x"
                row.append(mark)
        ws.append(row)
    wb.save(path)


DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS_FI_LONG = (
    "maanantaisin",
    "tiistaisin",
    "keskiviikkoisin",
    "torstaisin",
    "perjantaisin",
    "lauantaisin",
    "sunnuntaisin",
)
OPTIONS = ((9, 12), (12, 15), (15, 18), (18, 21), (21, 24))


def _book(path: Path, rows, title: str = "Sheet1") -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for row in rows:
        ws.append(row)
    wb.save(path)


def _dash(spans) -> str:
    return "".join(f"{s}–{e};" for s, e, _p in spans)


def write_ms_forms(path: Path, crowd) -> None:
    head = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    questions = [f"Milloin voit päivystää {d}?" for d in DAYS_FI_LONG]
    rows = [head + ["Kielet", *questions]]
    for i, (name, email, offers) in enumerate(crowd):
        answers = [_dash(offers.get(d, [])) or None for d in range(7)]
        rows.append(
            [i + 1, "3/1/26 10:02:11", "3/1/26 10:05:40", email, name, None, "suomi;", *answers]
        )
    _book(path, rows)


def write_google_forms(path: Path, crowd) -> None:
    rows = [
        ["Aikaleima", "Sähköpostiosoite", "Nimi"]
        + [
            f"Milloin voit päivystää? [{d}]"
            for d in (
                "Maanantai",
                "Tiistai",
                "Keskiviikko",
                "Torstai",
                "Perjantai",
                "Lauantai",
                "Sunnuntai",
            )
        ]
    ]
    for name, email, offers in crowd:
        cells = [", ".join(f"{s}–{e}" for s, e, _p in offers.get(d, [])) or None for d in range(7)]
        rows.append(["2026/02/10 12:01:05 EET", email, name, *cells])
    _book(path, rows, "Lomakevastaukset 1")


def _options_of(spans) -> set[int]:
    return {i for i, (a, b) in enumerate(OPTIONS) for s, e, _p in spans if s < b and a < e}


def write_webropol(path: Path, crowd) -> None:
    top = ["Vastaajan tunnus", "Nimi", "Sähköposti"]
    low = [None, None, None]
    for d in range(7):
        top += [f"Milloin voit päivystää {DAYS_FI_LONG[d]}?"] + [None] * (len(OPTIONS) - 1)
        low += [f"{a}–{b}" for a, b in OPTIONS]
    rows = [top, low]
    for i, (name, email, offers) in enumerate(crowd):
        row = [1000 + i, name, email]
        for d in range(7):
            chosen = _options_of(offers.get(d, []))
            row += [1 if k in chosen else None for k in range(len(OPTIONS))]
        rows.append(row)
    _book(path, rows, "Vastaukset")


def _month_slots():
    """(date, start, end) of a poll's options: two evening options a day for four weeks."""
    return [(day, s, e) for day in HORIZON.days for s, e in ((18, 20), (20, 22))]


def _poll_answer(offers, day, s, e, rng) -> str | None:
    for a, b, _pref in offers.get(day.weekday(), []):
        if a <= s and e <= b:
            return "(OK)" if rng.random() < 0.2 else "OK"
    return None


def write_doodle(path: Path, crowd) -> None:
    slots = _month_slots()
    rng = random.Random(5)
    rows = [["Päivystysvuorot maaliskuu 2026"], [None]]
    rows.append([None] + [("March 2026" if i == 0 else None) for i in range(len(slots))])
    rows.append([None] + [f"{DAYS_EN[d.weekday()][:3]} {d.day:02d}" for d, _s, _e in slots])
    rows.append([None] + [f"{s - 12}:00 PM – {e - 12}:00 PM" for _d, s, e in slots])
    for name, _email, offers in crowd:
        rows.append([name] + [_poll_answer(offers, d, s, e, rng) for d, s, e in slots])
    rows.append(["Count"] + [0] * len(slots))
    _book(path, rows, "Poll")


def write_framadate(path: Path, crowd) -> None:
    slots = _month_slots()
    rng = random.Random(6)
    lines = [
        ",".join([""] + [d.strftime("%d/%m/%Y") for d, _s, _e in slots]),
        ",".join([""] + [f"{s}-{e}" for _d, s, e in slots]),
    ]
    words = {"OK": "Yes", "(OK)": "Under reserve", None: "No"}
    for name, _email, offers in crowd:
        answers = [words[_poll_answer(offers, d, s, e, rng)] for d, s, e in slots]
        lines.append(",".join([name, *answers]))
    path.write_bytes(b"\xef\xbb\xbf" + ("\r\n".join(lines) + "\r\n").encode("utf-8"))


def write_when2meet(path: Path, crowd) -> None:
    names = [name for name, _e, _o in crowd]
    lines = [";".join(["Day", "Time", *names])]
    for d in range(7):
        for minute in range(15 * 60 if d >= 5 else 9 * 60, 24 * 60, 15):
            marks = [
                "1" if any(s * 60 <= minute < e * 60 for s, e, _p in offers.get(d, [])) else "0"
                for _n, _e, offers in crowd
            ]
            lines.append(";".join([DAYS_EN[d], f"{minute // 60}:{minute % 60:02d}", *marks]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_signup(path: Path, crowd) -> None:
    rows = [["Nimi", "Sähköposti", "Vuoro"]]
    for name, email, offers in crowd:
        for day in HORIZON.days[:14]:
            for s, e, _p in offers.get(day.weekday(), []):
                rows.append(
                    [name, email, f"{DAYS_FI[day.weekday()]} {day.day}.{day.month}. klo {s}–{e}"]
                )
    _book(path, rows, "Ilmoittautumiset")


def write_dated(path: Path, crowd) -> None:
    days = HORIZON.days
    rows = [["Nimi", "Sähköposti", *[f"{DAYS_FI[d.weekday()]} {d.day}.{d.month}." for d in days]]]
    for name, email, offers in crowd:
        cells = [
            ", ".join(f"{s}-{e}" for s, e, _p in offers.get(d.weekday(), [])) or None for d in days
        ]
        rows.append([name, email, *cells])
    _book(path, rows, "Maaliskuu")


def write_calendar(path: Path, crowd) -> None:
    rows = [["Vuorot"], ["Klo", *DAYS_FI]]
    windows = sorted(
        {(s, e) for _n, _m, offers in crowd for spans in offers.values() for s, e, _p in spans}
    )
    for s, e in windows:
        row = [f"{s}-{e}"]
        for d in range(7):
            names = [
                n
                for n, _m, offers in crowd
                if any((a, b) == (s, e) for a, b, _p in offers.get(d, []))
            ]
            row.append(", ".join(names) or None)
        rows.append(row)
    _book(path, rows, "Viikko")


MAPPED_HEADERS = ["Kuka", "Yhteystieto", *[f"Vko-{d}" for d in DAYS_FI]]


def write_mapped(path: Path, crowd) -> None:
    rows = [MAPPED_HEADERS]
    for name, email, offers in crowd:
        rows.append(
            [
                name,
                email,
                *[
                    ", ".join(f"{s}-{e}" for s, e, _p in offers.get(d, [])) or None
                    for d in range(7)
                ],
            ]
        )
    _book(path, rows, "Taul1")


def mapped_mapping() -> list[ColumnMapping]:
    columns = [(0, "Kuka", "name"), (1, "Yhteystieto", "email")]
    columns += [(2 + d, f"Vko-{DAYS_FI[d]}", DAYS_FI[d]) for d in range(7)]
    return [ColumnMapping(tuple(MAPPED_HEADERS), tuple(columns), header_row=0)]


WRITERS = {
    "canonical (.xlsx)": ("canonical.xlsx", write_canonical),
    "free text (.xlsx)": ("free_text.xlsx", write_free_text),
    "hour grid (.xlsx)": ("grid.xlsx", write_grid),
    "free text (.csv)": ("free_text.csv", write_csv),
    "Microsoft Forms (.xlsx)": ("forms.xlsx", write_ms_forms),
    "Google Forms grid (.xlsx)": ("google.xlsx", write_google_forms),
    "Webropol options (.xlsx)": ("webropol.xlsx", write_webropol),
    "Doodle poll (.xlsx)": ("doodle.xlsx", write_doodle),
    "Framadate (.csv)": ("framadate.csv", write_framadate),
    "When2meet-style (.csv)": ("when2meet.csv", write_when2meet),
    "sign-up list (.xlsx)": ("signup.xlsx", write_signup),
    "dated columns (.xlsx)": ("dated.xlsx", write_dated),
    "weekly calendar (.xlsx)": ("calendar.xlsx", write_calendar),
    "column mapping (.xlsx)": ("mapped.xlsx", write_mapped),
}
MAPPINGS = {"column mapping (.xlsx)": mapped_mapping}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", nargs="*", default=None, help="shape names to run")
    args = parser.parse_args()
    crowd = people(args.people)
    load = os.getloadavg()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape, (filename, writer) in WRITERS.items():
            if args.only and not any(o.casefold() in shape.casefold() for o in args.only):
                continue
            path = Path(tmp) / filename
            writer(path, crowd)
            mappings = MAPPINGS[shape]() if shape in MAPPINGS else []
            best = float("inf")
            for _ in range(args.repeat):
                clear_caches()  # every run a first import: nothing parsed before
                start = time.perf_counter()
                intake = load_availability([path], HORIZON, Rules(), mappings=mappings)
                best = min(best, time.perf_counter() - start)
            assert not intake.findings.errors, (shape, intake.findings.errors[:3])
            assert len(intake.people) == args.people, (shape, len(intake.people))
            size = path.stat().st_size / 2**20
            rows.append(
                f"| {shape} | {len(intake.people):,} | {len(intake.availability):,} | "
                f"{size:.2f} | {best:.2f} | {'yes' if best <= GOAL_SECONDS else 'no'} |"
            )
            print(rows[-1], flush=True)
    body = (
        "Seeded 2,000-person availability files, one per shape, imported with "
        "`load_availability` (read, detect the shape, parse, merge, review warnings); best "
        f"of {args.repeat} runs, each a first import (the caches of parsed cell texts "
        f"emptied before it). Goal: ≤ {GOAL_SECONDS:g} s each. Load average when the run "
        f"started: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (`uptime`; a shared machine "
        "makes the figures slower than a quiet one). Re-run: `python "
        "benchmarks/bench_import.py`.\n\n"
        "| shape | people | pieces of time | file MB | seconds | within goal |\n"
        "|---|---:|---:|---:|---:|---|\n" + "\n".join(rows) + "\n\n"
        f"Peak memory of the run: {common.peak_memory_mb():.0f} MB.\n"
    )
    path = common.write_result("import", "Availability import", body)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
