"""The sample files in data/ load cleanly and look like a national month."""

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from scheduler.domain import Horizon, Rules
from scheduler.hours import offered_intervals, offered_slots, slot_grid
from scheduler.intake import load_availability

DATA = Path(__file__).resolve().parent.parent / "data"
_spec = importlib.util.spec_from_file_location("make_sample", DATA / "make_sample.py")
make_sample = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("make_sample", make_sample)  # dataclasses look their module up
_spec.loader.exec_module(make_sample)
HORIZON = Horizon(make_sample.SAMPLE_START, make_sample.SAMPLE_WEEKS)


@pytest.fixture(scope="module")
def intake():
    return load_availability(
        [DATA / "availability.xlsx", DATA / "org_free_text.xlsx"], HORIZON, Rules()
    )


def test_sample_horizon_contains_the_dst_day():
    assert HORIZON.start.isoformat() == "2026-03-02" and HORIZON.weeks == 4
    assert "2026-03-29" in {d.isoformat() for d in HORIZON.days}


def test_sample_loads_without_errors(intake):
    assert intake.findings.errors == []
    assert [s.shape for s in intake.sheets] == ["people", "availability", "free_text"]
    assert len(intake.findings.warnings) <= 5


def test_people_mix(intake):
    people = intake.people
    roles = Counter(p.role for p in people)
    assert 340 <= len(people) <= 380
    assert 4 <= roles["chat_team"] <= 10
    assert roles["staff"] >= 30 and roles["student"] >= 40 and roles["volunteer"] >= 200
    swedish = sum(p.speaks("sv") for p in people)
    assert 0.08 <= swedish / len(people) <= 0.13
    assert sum(p.mentor for p in people) >= 20 and sum(p.trainee for p in people) >= 20
    staff = [p for p in people if p.role == "staff"]
    assert all(p.max_hours == 4 and p.max_shift_hours == 2 for p in staff)  # 2 h every other week


def test_organisation_file_shares_people_by_email(intake):
    org = load_availability([DATA / "org_free_text.xlsx"], HORIZON, Rules())
    canonical = load_availability([DATA / "availability.xlsx"], HORIZON, Rules())
    shared = {p.email for p in org.people} & {p.email for p in canonical.people}
    assert len(shared) >= 5
    assert len(intake.people) == len(org.people) + len(canonical.people) - len(shared)


def test_offered_time_is_rich_in_evenings_thin_in_mornings(intake):
    slots = slot_grid(HORIZON, Rules())
    offered = offered_intervals(intake.availability, HORIZON)
    speakers = {p.name: p for p in intake.people}
    count = Counter()
    supervisors = Counter()
    for name, intervals in offered.items():
        person = speakers[name]
        for i in offered_slots(intervals, slots):
            if person.speaks(slots[i].service):
                count[i] += 1
                supervisors[i] += person.supervises and slots[i].service == "fi"

    def mean(pred):
        chosen = [count[i] for i, s in enumerate(slots) if pred(s)]
        return sum(chosen) / len(chosen)

    morning = mean(lambda s: s.service == "fi" and s.start.hour < 12)
    evening = mean(lambda s: s.service == "fi" and 18 <= s.start.hour < 23)
    assert evening > 3 * morning and morning >= 5
    assert all(count[i] >= 5 for i, s in enumerate(slots) if s.service == "sv")
    fi = [i for i, s in enumerate(slots) if s.service == "fi"]
    assert sum(1 for i in fi if supervisors[i]) / len(fi) >= 0.9
    trainees = [p.name for p in intake.people if p.trainee]
    mentors = {p.name for p in intake.people if p.mentor}
    mentor_slots = {i for n in mentors for i in offered_slots(offered.get(n, []), slots)}
    for name in trainees:
        assert set(offered_slots(offered[name], slots)) & mentor_slots


def test_generator_is_seeded():
    first = [(d.name, d.weekly, d.dated) for d in make_sample.build()]
    again = [(d.name, d.weekly, d.dated) for d in make_sample.build()]
    assert first == again and len(first) == 350
