"""The solve's result: a status enum, typed stage records, a summary in words."""

from __future__ import annotations

import pytest

from scheduler.i18n import use_language
from scheduler.roster import (
    ReplanRecord,
    Result,
    Roster,
    SolveStatus,
    StageRecord,
    status_words,
)


def test_a_plain_status_string_becomes_the_enum():
    result = Result("FEASIBLE", Roster(), 10.0, 10.04, 0.004, 1.0)
    assert result.status is SolveStatus.FEASIBLE and result.status == "FEASIBLE"
    with pytest.raises(ValueError):
        Result("NEARLY", Roster(), 0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", "paras löydetty, todistettu enintään 0,4\u00a0% parhaasta mahdollisesta"),
        ("sv", "bästa hittade, bevisat högst 0,4\u00a0% från det bästa möjliga"),
        ("en", "best found, proven within 0.4% of the best possible"),
    ],
)
def test_status_in_plain_words(lang, words):
    with use_language(lang):
        assert str(status_words("FEASIBLE", 0.004)) == words


def test_a_gap_against_no_real_bound_is_never_shown():
    assert str(status_words("FEASIBLE", 2.8)) == (
        "best found in the time (how close to the best possible is not known yet)"
    )
    assert "proven" not in str(status_words("FEASIBLE", 0.004, bound_known=False))
    result = Result("FEASIBLE", Roster(), 2700.0, 10294.0, 2.81, 8.0, bound_from="curves")
    assert not result.bound_known and "no roster can answer" not in result.summary("en")
    assert str(status_words("OPTIMAL", 0.0)) == "the best roster possible (proven)"
    assert str(status_words("EDITED", 0.3)) == "changed by hand"


def test_the_summary_reads_in_words():
    result = Result(
        "FEASIBLE",
        Roster(),
        2705.2,
        2709.1,
        0.0014,
        8.0,
        stages=(StageRecord("bound", "DONE", seconds=1.2), StageRecord("answered", "FEASIBLE")),
        replan=ReplanRecord(10, 8, 1, 1, 2, fewest=3, given_up=0.5, given_up_share=0.0002),
        bound_from="lp",
    )
    text = result.summary("en")
    assert text.splitlines()[0] == "best found, proven within 0.1% of the best possible"
    assert "no roster can answer more than 2,709.1" in text
    assert "working out the most contacts any roster could answer: DONE, 1.2 s" in text
    assert "re-plan: 8 of 10 previous shifts kept, 1 cancelled" in text
    assert result.replan is not None and result.replan.changes == 4
    assert result.notes_text("fi")[0].startswith("uudelleensuunnittelu: 8 / 10")
    assert result.stage("answered") is not None and result.stage("keep") is None
