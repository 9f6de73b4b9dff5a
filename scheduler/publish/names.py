"""File names that are safe for any person or organisation name.

A name becomes an ASCII slug (accents folded, everything but letters and digits turned
into ``-``, at most 40 characters) followed by a short hash of the full name, e.g.
``anna-virtanen-3f1c9a2e``. The hash keeps two names that fold to the same slug apart
(``Ääni`` and ``Aani``), makes a name with no letters usable (``..``, ``/``, ``""``, a
Cyrillic name) and keeps Windows' reserved device names (``CON``, ``NUL``, ``COM1``…)
from ever being a whole file name. The same name always gives the same file name, so a
calendar subscribed by its address keeps working after a re-plan.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

from ..domain import normalise_name

SLUG_LENGTH = 40
HASH_LENGTH = 8


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by ``-`` (may be empty)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return words[:SLUG_LENGTH].strip("-")


def name_hash(kind: str, text: str, *, exact: bool = False) -> str:
    """A short, stable hex digest of ``text`` (folded like names are unless ``exact``)."""
    key = text if exact else normalise_name(text)
    return hashlib.sha256(f"{kind}\x1f{key}".encode()).hexdigest()[:HASH_LENGTH]


def safe_stem(text: str, *, kind: str = "person", fallback: str = "person") -> str:
    """A file name stem for ``text``: ``<slug>-<hash>``, ``<fallback>-<hash>`` if no slug."""
    return f"{slug(text) or fallback}-{name_hash(kind, text)}"


def file_stems(
    names: Iterable[str], *, kind: str = "person", fallback: str = "person"
) -> dict[str, str]:
    """A distinct :func:`safe_stem` for each name. Names that fold alike (``Anna`` and
    ``anna``, kept apart by the import anyway) fall back to a hash of the exact name."""
    stems: dict[str, str] = {}
    owner: dict[str, str] = {}
    for name in sorted(set(names)):
        stem = safe_stem(name, kind=kind, fallback=fallback)
        tries = 0
        while stem in owner:
            tries += 1
            stem = f"{slug(name) or fallback}-{name_hash(f'{kind}{tries}', name, exact=True)}"
        owner[stem] = name
        stems[name] = stem
    return stems
