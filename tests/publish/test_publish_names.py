"""File names safe for any person or organisation name."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.publish.names import file_stems, safe_stem

WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
ODD = [
    "Åsa Öberg",
    "Anna Virtanen",
    "anna virtanen",
    "a/b\\c",
    "..",
    "../../etc/passwd",
    "",
    "   ",
    "CON",
    "nul",
    "com1",
    "LPT9",
    "名前",
    "Ääni",
    "Aani",
    "x" * 500,
    "tab\there",
    "new\nline",
    '*?<>|:"',
    "all",
]


def _safe(stem: str) -> bool:
    return (
        re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", stem) is not None
        and stem.split(".")[0] not in WINDOWS_RESERVED
        and len(stem) <= 60
    )


@pytest.mark.parametrize("name", ODD)
def test_stem_is_plain_ascii_short_and_never_a_device_name(name):
    assert _safe(safe_stem(name))


def test_stems_are_readable_and_stable():
    assert safe_stem("Åsa Öberg").startswith("asa-oberg-")
    assert safe_stem("Åsa Öberg") == safe_stem("Åsa Öberg")
    assert safe_stem("..").startswith("person-")
    assert safe_stem(
        "Sekasin Kollektiivi", kind="organisation", fallback="organisation"
    ) != safe_stem("Sekasin Kollektiivi")


def test_every_name_gets_its_own_file():
    stems = file_stems(ODD)
    assert len(set(stems.values())) == len(set(ODD))
    assert all(_safe(s) for s in stems.values())
    # Names that fold alike are one person to the import, yet never share a file here.
    assert stems["Anna Virtanen"] != stems["anna virtanen"]
    assert stems["Ääni"] != stems["Aani"]


@given(st.lists(st.text(max_size=40), max_size=20))
def test_any_names_give_distinct_safe_stems(names):
    stems = file_stems(names)
    assert len(set(stems.values())) == len(set(names))
    assert all(_safe(s) for s in stems.values())
