"""Folding iCalendar content lines (RFC 5545 3.1), as icalendar does it, only faster.

icalendar folds each line character by character, encoding every character to count its
octets; for the sample month's calendars that is a fifth of their writing time. This
module cuts the encoded line at the same places, looking only at the octets around each
cut, so the bytes written are the same (a test compares the two on any text).
:func:`serialise` is ``component.to_ical()`` with this folding.
"""

from __future__ import annotations

from icalendar import Component

LIMIT = 75
"""A folded line holds fewer octets than this, the line break not counted."""
SEPARATOR = b"\r\n "
_ESCAPES = b"\\^"  # TEXT and RFC 6868 parameter escapes: never left at the end of a line


def fold(line: str) -> bytes:
    """``line`` in UTF-8, folded into pieces of fewer than :data:`LIMIT` octets, never
    cut inside a character, an escape's backslash or caret carried over to the next
    piece: the same as icalendar's own folding, encoded."""
    data = line.encode("utf-8")
    if len(data) < LIMIT:
        return data
    pieces: list[bytes] = []
    start = 0
    while True:
        cut = start + LIMIT - 1  # the octet that would make the piece too long
        if cut >= len(data):
            pieces.append(data[start:])
            return SEPARATOR.join(pieces)
        while data[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        if cut - 1 > start and data[cut - 1] in _ESCAPES:
            cut -= 1
        pieces.append(data[start:cut])
        start = cut


def serialise(component: Component) -> bytes:
    """``component.to_ical()``: its content lines, each folded by :func:`fold`."""
    return b"\r\n".join(fold(line) for line in component.content_lines() if line) + b"\r\n"
