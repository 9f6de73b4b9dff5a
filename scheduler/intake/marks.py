"""Marks in a grid's cells: ``x``, ``1``, ``✓`` available; ``p``, ``2`` preferred; a poll's
``OK`` / ``Yes`` and ``(OK)`` / ``Under reserve``; empty, ``0``, ``-``, ``No`` nothing.

In a poll whose answers include "if need be", a plain yes is the time the person would
rather have: yes is read as preferred and if-need-be as available. Without any if-need-be
answer, yes is simply available.
"""

from __future__ import annotations

from ..errors import CellError
from ..i18n import T
from .vocabulary import (
    GRID_AVAILABLE,
    GRID_EMPTY,
    GRID_PREFERRED,
    POLL_MAYBE,
    POLL_NO,
    POLL_YES,
    mark_word,
)


def mark_of(value: object, poll: bool = False) -> str | None:
    """'available', 'preferred' or None (nothing); :class:`CellError` for an unknown mark."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ("preferred" if poll else "available") if value else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    word = mark_word(value)
    if word in GRID_EMPTY or word in POLL_NO:
        return None
    if word in POLL_MAYBE:
        return "available"
    if word in GRID_PREFERRED:
        return "preferred"
    if word in GRID_AVAILABLE or word in POLL_YES:
        return "preferred" if poll else "available"
    raise CellError(
        T(
            "unknown mark '{mark}': expected x, 1 or ✓ (available), p or 2 (preferred), a "
            "poll's OK / Yes or (OK) / Under reserve, or an empty cell",
            mark=str(value).strip(),
        )
    )


def is_mark(value: object) -> bool:
    """Whether a filled cell is a mark (not, say, a time or a name)."""
    try:
        return mark_of(value) is not None or mark_word(value) in GRID_EMPTY
    except CellError:
        return False
