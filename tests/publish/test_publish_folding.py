"""Folding calendar lines: the same bytes as icalendar's own folding, for any text."""

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Event
from icalendar.parser import Contentline

from scheduler.publish.folding import LIMIT, fold, serialise


def icalendar_fold(line: str) -> bytes:
    """The line as icalendar folds it when it writes a content line."""
    return Contentline(line).to_ical()


# escapes, separators, 2-, 3- and 4-octet characters, mixed with plain letters
TEXT = st.text(alphabet=st.sampled_from(list("ab \\^;,:äöÅ–€😀\u07ff\u0800")), max_size=400)


@given(TEXT)
@settings(max_examples=2000, deadline=None)
def test_a_line_is_folded_where_icalendar_folds_it(line):
    assert fold(line) == icalendar_fold(line)


@given(st.text(max_size=300).map(lambda s: s.replace("\n", " ").replace("\r", " ")))
@settings(max_examples=500, deadline=None)
def test_any_text_is_folded_where_icalendar_folds_it(line):
    folded = fold(line)
    assert folded == icalendar_fold(line)
    assert all(len(piece) < LIMIT for piece in folded.split(b"\r\n "))


def test_an_event_serialises_to_the_same_bytes():
    ev = Event()
    ev.add("summary", "Päivystysvuoro: Sekasin-chat – ilta")
    ev.add("description", "Jourpass i Sekasin-chatten\nTid: ti 3.3.2026 18.00–22.00 " * 4)
    ev.add("uid", "x@sekasin-scheduler")
    assert serialise(ev) == ev.to_ical()
