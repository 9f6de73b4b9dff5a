"""Write the sample availability files in ``data/`` (seeded, so the same files every run).

A national month of duty workers, invented but shaped like the annual report describes:

- a few chat_team members (Sekasin employees, the supervisors), long weekday and some
  weekend shifts;
- welfare-region staff doing 2 hours every other week inside their working day, some
  on dates freed by cancelled client visits;
- students doing duty for their studies, mostly afternoons, with a minimum of hours;
- volunteers of member organisations, mostly evenings and weekends, ~10 % of everyone
  Swedish-speaking (offering the Swedish chat's hours), mentors, and new volunteers
  (trainees) who must sit beside a mentor.

Outputs: ``availability.xlsx`` (the canonical template shape) and ``org_free_text.xlsx``
(one member organisation's own file in the Finnish free-text shape: a title row, a merged
header, weekday columns of text such as ``klo 18–22``); some of that organisation's people
also appear in the canonical file, recognised by email.

Run: ``python data/make_sample.py`` (or ``make sample``).
"""

from __future__ import annotations

import random
import sys
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from scheduler.domain import Horizon  # noqa: E402
from scheduler.intake.template import write_template  # noqa: E402

SAMPLE_START = date(2026, 3, 2)
SAMPLE_WEEKS = 4
SEED = 2022
CANONICAL = ROOT / "availability.xlsx"
ORG_FILE = ROOT / "org_free_text.xlsx"
ORG_NAME = "HelsinkiMissio"


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_FI = _words(
    "Aino Aleksi Amanda Anni Antti Eetu Eino Ella Elias Emilia Emma Helmi Henna Iida "
    "Ilona Janne Jenna Joonas Julia Juho Kaisa Katri Lauri Leevi Lotta Maija Matias "
    "Minna Mikko Milla Niklas Noora Oona Otto Pauliina Pekka Pihla Riikka Sanna Sara "
    "Satu Siiri Tiina Tuomas Veera Venla Ville Viivi"
)
LAST_FI = _words(
    "Aalto Heikkinen Heinonen Hiltunen Hämäläinen Järvinen Kallio Karjalainen "
    "Koskinen Korhonen Laaksonen Lahtinen Laine Lehtonen Leinonen Mäkelä Mäkinen "
    "Nieminen Ojala Peltonen Pitkänen Rantanen Räsänen Saarinen Salminen Salo "
    "Tuominen Turunen Virtanen Väisänen"
)
FIRST_SV = _words("Alva Axel Ebba Elin Emil Hugo Ida Linnea Lukas Oskar Selma Wilma")
LAST_SV = _words("Björk Ekström Forsman Holmberg Lindqvist Lundell Nyberg Sjöblom Strand Wikström")

VOLUNTEER_ORGS = (
    "MIELI Suomen Mielenterveys ry",
    "Suomen Punainen Risti",
    "Setlementtinuorten liitto",
    "SOS-Lapsikylä",
    ORG_NAME,
    "Tampereen seurakuntayhtymä",
    "Oulun Diakonissalaitos",
    "Nuorten Exit",
)
SWEDISH_ORGS = ("Luckan rf", "Finlands svenska 4H", "Förbundet Finlands svenska Marthor")
STUDENT_ORGS = (
    "Metropolia AMK",
    "Diakonia-ammattikorkeakoulu",
    "Tampereen yliopisto",
    "Jyväskylän yliopisto",
)
STAFF_ORGS = (
    "Pirkanmaan hyvinvointialue",
    "Varsinais-Suomen hyvinvointialue",
    "Pohjois-Savon hyvinvointialue",
)
CHAT_TEAM_ORG = "Sekasin Kollektiivi"

# Evening windows volunteers offer (start hour, end hour), weights: the evening is rich.
EVENING_WINDOWS = ((17, 21, 3), (18, 22, 5), (19, 23, 4), (20, 24, 4), (21, 24, 2), (16, 20, 2))
WEEKEND_WINDOWS = ((15, 19, 2), (16, 20, 2), (18, 22, 3), (20, 24, 3), (15, 21, 1))
DAY_WINDOWS = ((9, 13, 1), (10, 14, 2), (12, 16, 3), (13, 17, 3), (14, 18, 2))


@dataclass
class Draft:
    name: str
    email: str
    organisation: str
    role: str
    languages: tuple[str, ...] = ("fi",)
    mentor: bool = False
    trainee: bool = False
    limits: dict[str, float] = field(default_factory=dict)
    weekly: list[tuple[int, int, int, str]] = field(default_factory=list)  # weekday, s, e, pref
    dated: list[tuple[date, int, int, str]] = field(default_factory=list)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum() and ord(c) < 128)


class Names:
    """Unique invented names with matching example.org email addresses."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def new(self, swedish: bool = False) -> tuple[str, str]:
        firsts, lasts = (FIRST_SV, LAST_SV) if swedish else (FIRST_FI, LAST_FI)
        while True:
            first, last = self.rng.choice(firsts), self.rng.choice(lasts)
            name = f"{first} {last}"
            if name in self.used:
                name = f"{first} {self.rng.choice('ABDEHJKLMPRST')}. {last}"
            if name not in self.used:
                self.used.add(name)
                local = ".".join(_ascii(p) for p in name.replace(".", "").split())
                return name, f"{local}@example.org"


def _pick(rng: random.Random, windows) -> tuple[int, int]:
    start, end, _ = rng.choices(windows, weights=[w[2] for w in windows])[0]
    return start, end


def _offer(
    rng: random.Random, draft: Draft, days: list[int], windows, pref_share: float, count: int
) -> None:
    for weekday in rng.sample(days, min(count, len(days))):
        start, end = _pick(rng, windows)
        pref = "preferred" if rng.random() < pref_share else "available"
        draft.weekly.append((weekday, start, end, pref))


def chat_team(rng: random.Random, names: Names) -> list[Draft]:
    """Supervisors: between them, every Finnish opening hour is offered by at least two."""
    shifts = ((9, 15), (15, 21), (18, 24), (12, 18))
    drafts = []
    for i in range(7):
        name, email = names.new()
        d = Draft(
            name,
            email.replace("example.org", "sekasin.example.org"),
            CHAT_TEAM_ORG,
            "chat_team",
            ("fi", "sv") if i == 0 else ("fi", "en"),
            limits={"max_hours_per_week": 20, "max_shift_hours": 6, "min_hours": 40},
        )
        start, end = shifts[i % len(shifts)]
        workdays = [0, 1, 2, 3, 4] if i < 5 else rng.sample(range(5), 3) + [5, 6]
        for weekday in workdays:
            s, e = (start, end) if weekday < 5 else (15, 21 if i % 2 else 24)
            d.weekly.append((weekday, s, e, "available"))
        drafts.append(d)
    return drafts


def staff(rng: random.Random, names: Names, horizon: Horizon) -> list[Draft]:
    """Welfare-region staff: 2 h every other week, placed by the worker in working time."""
    drafts = []
    for _ in range(42):
        name, email = names.new()
        d = Draft(
            name,
            email,
            rng.choice(STAFF_ORGS),
            "staff",
            limits={
                "max_hours": 4,
                "max_hours_per_week": 2,
                "min_shift_hours": 2,
                "max_shift_hours": 2,
                "min_hours": 2,
            },
        )
        if rng.random() < 0.4:  # dates freed by cancelled client visits
            for week in rng.sample(range(horizon.weeks), 2):
                day = horizon.start + timedelta(days=7 * week + rng.randrange(5))
                start = rng.choice((9, 10, 12, 13, 14))
                d.dated.append((day, start, start + rng.choice((2, 3)), "available"))
        else:
            _offer(rng, d, [0, 1, 2, 3, 4], DAY_WINDOWS, 0.3, rng.choice((1, 2)))
        drafts.append(d)
    return drafts


def students(rng: random.Random, names: Names) -> list[Draft]:
    drafts = []
    for _ in range(61):
        name, email = names.new()
        d = Draft(
            name,
            email,
            rng.choice(STUDENT_ORGS),
            "student",
            ("fi", "en") if rng.random() < 0.3 else ("fi",),
            limits={"min_hours": 6, "max_hours": 10, "max_hours_per_week": 6},
        )
        _offer(rng, d, [0, 1, 2, 3, 4], DAY_WINDOWS, 0.2, rng.choice((1, 2, 2)))
        _offer(rng, d, [0, 1, 2, 3, 4, 6], EVENING_WINDOWS, 0.2, 1)
        drafts.append(d)
    return drafts


def volunteers(rng: random.Random, names: Names, horizon: Horizon) -> list[Draft]:
    drafts = []
    for i in range(240):
        swedish = i < 34
        name, email = names.new(swedish=swedish and rng.random() < 0.8)
        org = (
            rng.choice(SWEDISH_ORGS)
            if swedish and rng.random() < 0.6
            else rng.choice(VOLUNTEER_ORGS)
        )
        d = Draft(
            name,
            email,
            org,
            "volunteer",
            ("fi", "sv") if swedish else ("fi",),
            mentor=28 <= i % 120 < 43,  # ~30 mentors
            trainee=i % 120 >= 105,  # ~30 new volunteers
            limits={
                "max_hours": rng.choice((4, 6, 6, 8, 8)),
                "max_shifts_per_week": rng.choice((1, 1, 1, 2)),
            },
        )
        if swedish:
            sv_hours = ((0, 14, 19), (3, 14, 19), (5, 16, 20))
            for weekday, s, e in rng.sample(sv_hours, rng.choice((1, 2, 2))):
                d.weekly.append((weekday, s, e, "preferred" if rng.random() < 0.5 else "available"))
        windows = EVENING_WINDOWS if not d.trainee else ((18, 22, 1), (19, 23, 1))
        _offer(rng, d, [0, 1, 2, 3, 4], windows, 0.25, rng.choice((1, 2, 2, 3)))
        if rng.random() < 0.55:
            _offer(rng, d, [5, 6], WEEKEND_WINDOWS, 0.25, 1)
        if rng.random() < 0.08:  # a morning person
            _offer(rng, d, [0, 1, 2, 3, 4], ((9, 12, 1), (9, 13, 1)), 0.0, 1)
        if rng.random() < 0.15:  # a holiday or exam week
            week = rng.randrange(horizon.weeks)
            for k in range(7):
                day = horizon.start + timedelta(days=7 * week + k)
                if any(w == day.weekday() for w, *_ in d.weekly):
                    d.dated.append((day, 0, 24, "away"))
        drafts.append(d)
    return drafts


def build(seed: int = SEED) -> list[Draft]:
    rng = random.Random(seed)
    horizon = Horizon(SAMPLE_START, SAMPLE_WEEKS)
    names = Names(rng)
    return (
        chat_team(rng, names)
        + staff(rng, names, horizon)
        + students(rng, names)
        + volunteers(rng, names, horizon)
    )


def _hhmm(hour: int) -> str:
    return f"{hour:02d}:00"


def write_canonical(drafts: list[Draft], path: Path) -> None:
    horizon = Horizon(SAMPLE_START, SAMPLE_WEEKS)
    write_template(path, horizon)
    book = load_workbook(path)
    people, avail = book["People"], book["Availability"]
    weekday_names = (
        "ma (mon)",
        "ti (tue)",
        "ke (wed)",
        "to (thu)",
        "pe (fri)",
        "la (sat)",
        "su (sun)",
    )
    p_row = a_row = 2
    for d in drafts:
        lim = d.limits
        values = [
            d.name,
            d.email,
            d.organisation,
            d.role,
            ", ".join(d.languages),
            "yes" if d.mentor else "no",
            "yes" if d.trainee else "no",
            lim.get("min_hours"),
            lim.get("max_hours"),
            lim.get("max_hours_per_week"),
            lim.get("max_shifts_per_week"),
            lim.get("min_shift_hours"),
            lim.get("max_shift_hours"),
        ]
        for c, v in enumerate(values, start=1):
            people.cell(row=p_row, column=c, value=v)
        p_row += 1
        rows = [(d.name, None, weekday_names[w], _hhmm(s), _hhmm(e), p) for w, s, e, p in d.weekly]
        rows += [(d.name, day, None, _hhmm(s), _hhmm(e), p) for day, s, e, p in d.dated]
        for row in rows:
            for c, v in enumerate(row, start=1):
                avail.cell(row=a_row, column=c, value=v)
            a_row += 1
    book.save(path)


def _free_text(rng: random.Random, spans: list[tuple[int, int, str]]) -> str:
    """One weekday's time as a person of the organisation might type it."""
    parts = []
    for s, e, pref in spans:
        style = rng.random()
        if style < 0.45:
            text = f"{s}-{e}"
        elif style < 0.7:
            text = f"{s}–{e}"
        elif style < 0.85:
            text = f"{s}.00-{e}.00"
        else:
            text = f"{s:02d}:00–{e:02d}:00"
        parts.append(text + (" *" if pref == "preferred" else ""))
    prefix = "klo " if rng.random() < 0.3 else ""
    return prefix + ", ".join(parts)


def org_people(rng: random.Random, drafts: list[Draft], names: Names) -> list[Draft]:
    """The organisation's own list: its people of the canonical file and some only here."""
    own = [
        d for d in drafts if d.organisation == ORG_NAME and d.role == "volunteer" and not d.dated
    ]
    shared = own[: max(6, len(own) // 2)]
    extra = []
    for i in range(14):
        name, email = names.new()
        d = Draft(name, email, ORG_NAME, "volunteer")  # limits: the rules' defaults
        _offer(rng, d, [0, 1, 2, 3, 4], EVENING_WINDOWS, 0.2, rng.choice((1, 2)))
        if i % 3 == 0:
            _offer(rng, d, [5, 6], WEEKEND_WINDOWS, 0.2, 1)
        extra.append(d)
    # Two people also write an extra evening they did not give in the canonical file.
    for i, d in enumerate(shared[:2]):
        free = [w for w in range(5) if all(w != x for x, *_ in d.weekly)]
        if free:
            shared[i] = replace(d, weekly=[*d.weekly, (free[0], 20, 24, "available")])
    return shared + extra


# Cells of the organisation's file written the way some people do (row in the list of
# people -> weekday, text): each gives a warning in `scheduler check`, never an error.
QUIRKS = {len(ORG_NAME) % 5: (4, "16:30–20"), 7: (1, "klo 8-12")}


def write_org_file(people: list[Draft], path: Path) -> None:
    rng = random.Random(SEED + 1)
    book = Workbook()
    ws = book.active
    ws.title = "Vuorotoiveet"
    ws["A1"] = f"{ORG_NAME} – Sekasin-päivystäjien vuorotoiveet, maaliskuu 2026"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:J1")
    ws.append(["Nimi", "Sähköposti", "Kielet", "Vuorotoiveet (klo), * = toive"])
    ws.merge_cells("D2:J2")
    for col in "ABC":
        ws.merge_cells(f"{col}2:{col}3")
    ws.append([None, None, None, "ma", "ti", "ke", "to", "pe", "la", "su"])
    for cell in (*ws[2], *ws[3]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    language_words = {"fi": "suomi", "sv": "ruotsi", "en": "englanti"}
    for i, d in enumerate(people):
        row = [d.name, d.email, ", ".join(language_words[x] for x in d.languages)]
        for weekday in range(7):
            spans = [(s, e, p) for w, s, e, p in d.weekly if w == weekday]
            row.append(_free_text(rng, spans) if spans else rng.choice((None, None, "ei")))
        if i in QUIRKS:  # as people really write: a half hour, a morning before opening
            weekday, text = QUIRKS[i]
            row[3 + weekday] = text
        ws.append(row)
    for col, width in zip("ABCDEFGHIJ", (24, 32, 16, 14, 14, 14, 14, 14, 14, 14), strict=True):
        ws.column_dimensions[col].width = width
    book.save(path)


def main() -> None:
    drafts = build()
    rng = random.Random(SEED + 2)
    names = Names(rng)
    names.used = {d.name for d in drafts}
    org = org_people(rng, drafts, names)
    write_canonical(drafts, CANONICAL)
    write_org_file(org, ORG_FILE)
    print(
        f"wrote {CANONICAL.name} ({len(drafts)} people) and {ORG_FILE.name} "
        f"({len(org)} people) for {SAMPLE_START.isoformat()}, {SAMPLE_WEEKS} weeks"
    )


if __name__ == "__main__":
    main()
