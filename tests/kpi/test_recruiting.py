"""Where to recruit: blocks ranked by answered contacts, ties by what else they need."""

from __future__ import annotations

import pytest
from solve_cases import offer, per_hour, problem, rules, shift

from scheduler.domain import Person
from scheduler.i18n import use_language
from scheduler.kpi import RECRUIT_COLUMNS, recruit_blocks
from scheduler.roster import Roster

OLD_COLUMNS = (
    "rank",
    "service",
    "weekday",
    "start",
    "end",
    "answered_per_month",
    "short_hours_per_month",
)


def test_recruit_blocks_rank_the_busiest_empty_hours_first():
    # Demand 33/h on Monday 18–21 and nobody on duty: one more person there answers
    # 3 × per_hour(1) a week, i.e. × 30.44 / 7 a month. Blocks elsewhere add nothing.
    pb = problem([Person("A")], [], demand_hours=range(18, 21))
    blocks = recruit_blocks(pb, Roster())
    top = blocks[0]
    assert (top.service, top.weekday, top.start.hour, top.end.hour) == ("fi", 0, 18, 21)
    assert top.answered_per_month == pytest.approx(3 * per_hour(1) * 365.25 / 12 / 7)
    assert top.short_hours_per_month == 0  # min staff 0 in this plan
    row = top.as_row(1)
    assert tuple(row)[: len(OLD_COLUMNS)] == OLD_COLUMNS and tuple(row) == RECRUIT_COLUMNS
    assert {k: row[k] for k in OLD_COLUMNS} == {
        "rank": 1,
        "service": "fi",
        "weekday": "Mon",
        "start": "18:00",
        "end": "21:00",
        "answered_per_month": f"{top.answered_per_month:.2f}",
        "short_hours_per_month": "0.00",
    }
    assert row["why"].startswith(
        f"one more person here answers {top.answered_per_month:.1f} more contacts a month"
    )
    late = [b for b in blocks if b.weekday == 0 and b.start.hour == 21][0]
    assert late.end.hour == 0 and late.as_row(2)["end"] == "24:00"
    # with someone already on, the marginal of a second person is smaller
    staffed = recruit_blocks(pb, [shift("A", 18, 21)])
    first = [b for b in staffed if (b.weekday, b.start.hour) == (0, 18)][0]
    assert first.answered_per_month == pytest.approx(
        3 * (per_hour(2) - per_hour(1)) * 365.25 / 12 / 7
    )


def test_ties_are_broken_by_what_else_a_block_needs():
    # Monday 15–21 is busy everywhere (every block adds the same); the minimum is one on
    # duty. Nobody is on 15–18; A alone covers 18–21: one cancellation empties it. The
    # empty block is short (ranks first), the single-person block next, then the rest.
    pb = problem(
        [Person("A")],
        [offer("A", 18, 21)],
        demand_hours=range(12, 24),
        rules=rules(min_staff=1),
    )
    blocks = [b for b in recruit_blocks(pb, [shift("A", 18, 21)]) if b.weekday == 0]
    by_start = {b.start.hour: b for b in blocks}
    assert by_start[15].short_hours_per_month > 0
    assert by_start[18].single_hours_per_month > 0 and by_start[18].short_hours_per_month == 0
    order = [b.start.hour for b in blocks]
    # 15–18 (3 h short) before 16–19 and 17–20 (2 h, 1 h short) before 18–21
    assert order.index(15) < order.index(16) < order.index(17)
    assert by_start[18].tied > 1
    why = by_start[18].why("en")
    assert "with a single person on duty" in why and "as many as" in why
    with use_language("sv"):
        assert "med en enda person i tjänst" in by_start[18].why()


def test_swedish_hours_and_waiting_trainees_count():
    sv = rules(services=("fi", "sv"), min_staff=0)
    pb = problem(
        [Person("T", trainee=True, languages=("fi", "sv"))],
        [offer("T", 14, 19)],
        demand_hours=range(14, 19),
        service="sv",
        rules=sv,
    )
    blocks = recruit_blocks(pb, [])
    monday_sv = next(b for b in blocks if (b.service, b.weekday, b.start.hour) == ("sv", 0, 14))
    assert monday_sv.swedish_hours_per_month == pytest.approx(3 * 365.25 / 12 / 7)
    # T offered 14–17 (twice: the Finnish and the Swedish chat) and no mentor is on
    assert monday_sv.trainee_hours_per_month == pytest.approx(3 * 365.25 / 12 / 7)
