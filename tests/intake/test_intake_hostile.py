"""Hostile and odd files: each refused within 5 seconds with its reason (exit 2, never 1 and
never a traceback); a UTF-16 CSV is read."""

import time

import hostile
import pytest
from intake_support import load, pieces

from scheduler.cli import main

ARGS = ["--start", "2026-03-02", "--weeks", "4"]
LIMIT_SECONDS = 5.0


def refused(capsys, path):
    began = time.monotonic()
    code = main(["check", str(path), *ARGS])
    seconds = time.monotonic() - began
    out = capsys.readouterr()
    return code, seconds, out.out + out.err


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: hostile.many_rows(p, rows=150_000), "over 100,000 rows"),
        (hostile.many_cells, "the file holds over 1,000,000 cells"),
        (hostile.far_value, "content in row 1,048,576"),
        (hostile.huge_merges, "merged ranges of the workbook cover"),
        (lambda p: hostile.huge_merges(p, 6000, rows=1, last=b"E"), "over 5,000 merged ranges"),
        (hostile.xml_bomb, "declares XML entities"),
        (hostile.password_protected, "protected with a password"),
    ],
)
def test_hostile_workbooks_are_refused_fast_with_a_reason(tmp_path, capsys, make, reason):
    path = make(tmp_path / "vuorot.xlsx")
    code, seconds, out = refused(capsys, path)
    assert code == 2
    assert seconds <= LIMIT_SECONDS
    assert reason in out
    assert "Traceback" not in out
    assert "old Excel file" not in out


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, capsys):
    path = hostile.unpacks_big(tmp_path / "bomb.xlsx", megabytes=210)
    assert path.stat().st_size < 2 * 2**20
    code, seconds, out = refused(capsys, path)
    assert code == 2 and seconds <= LIMIT_SECONDS
    assert "over the 200 MB limit" in out


def test_excels_unicode_text_is_read(tmp_path):
    rows = [
        ["Nimi", "Sähköposti", "ma", "ti"],
        ["Äijä Öhman", "aija@example.org", "18-22", "klo 9–12"],
    ]
    path = hostile.utf16_text(tmp_path / "vuorot.txt", rows)
    intake = load(path)
    assert not intake.findings.errors, intake.findings.items
    assert pieces(intake, "Äijä Öhman") == [
        (0, None, 1080, 1320, "available"),
        (1, None, 540, 720, "available"),
    ]


def test_a_file_that_cannot_be_opened_is_bad_input_not_a_crash(tmp_path, capsys):
    folder = tmp_path / "vuorot.xlsx"
    folder.mkdir()  # a folder where a file was expected
    locked = tmp_path / "locked.csv"
    locked.write_text("Nimi;ma\nBo Ek;18-22\n", encoding="utf-8")
    locked.chmod(0)
    code, _seconds, out = refused(capsys, folder)
    assert code == 2 and "file not found" in out
    import os

    if os.geteuid() != 0:  # root reads any file
        code, _seconds, out = refused(capsys, locked)
        assert code == 2 and "cannot be opened" in out
