"""Progress in plain words: the stage, the best roster, the gap once it means something."""

from __future__ import annotations

from scheduler.i18n import use_language
from scheduler.solve import Progress
from scheduler.solve.progress import progress_line


def test_the_gap_appears_only_with_a_real_bound():
    early = Progress(0.5, "greedy", 7183.1, None)
    assert early.gap is None
    assert str(early.describe()) == "a first roster: 7,183.1 expected answered contacts"
    later = Progress(3.0, "improve", 7280.9, 7283.8)
    assert str(later.describe()) == (
        "moving shifts to where contacts wait: 7,280.9 expected answered contacts, proven "
        "within 0.0% of the best possible"
    )
    silly = Progress(3.0, "cover", 862.1, 2709.1)  # a bound three times the roster: no gap
    assert "proven" not in str(silly.describe())


def test_a_progress_line_in_finnish():
    with use_language("fi"):
        line = str(progress_line(Progress(9.6, "answered", 2703.7, 2709.1), 9.6, 20))
    assert line == (
        "10 s / 20 s · vastataan mahdollisimman moneen yhteydenottoon: 2\u00a0703,7 "
        "odotetusti vastattua yhteydenottoa, todistettu enintään 0,2\u00a0% parhaasta "
        "mahdollisesta"
    )
    assert str(progress_line(None, 0.2, 20)) == "0 s of 20 s: reading the plan…"
