"""Chat statistics in the shapes chat platforms export: hourly rows with Finnish, Swedish or
English headers, separate date and hour columns with total rows, one row a conversation with
a status; counts beyond an hour and dates outside 2000–2100 are errors at their cell, refused
fast with exit 2 (never 1)."""

import time

import pytest

from scheduler.cli import main
from scheduler.demand import read_history
from scheduler.errors import InputError


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def counts(history):
    return {
        (s, t.tz_convert("Europe/Helsinki").strftime("%Y-%m-%d %H:%M")): (int(c), a)
        for s, t, c, a in zip(
            history.hourly["service"],
            history.hourly["start"],
            history.hourly["contacts"],
            history.hourly["answered"],
            strict=True,
        )
    }


HOURLY = {
    "fi": "Aika;Yhteydenotot;Vastatut\n",
    "sv": "Tid;Kontakter;Besvarade\n",
    "en": "Time;Contacts;Answered\n",
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_hourly_statistics_with_headers_in_three_languages(tmp_path, lang):
    text = HOURLY[lang] + "4.3.2025 18:00;33;7\n4.3.2025 19:00;41;9\n4.3.2025 20:00;38;6\n"
    h = read_history(write(tmp_path / f"tilasto-{lang}.csv", text))
    assert h.shape == "intervals"
    assert counts(h) == {
        ("fi", "2025-03-04 18:00"): (33, 7.0),
        ("fi", "2025-03-04 19:00"): (41, 9.0),
        ("fi", "2025-03-04 20:00"): (38, 6.0),
    }
    assert not h.findings.errors


def test_date_and_hour_columns_with_a_total_row_skipped_with_a_note(tmp_path):
    text = (
        "Päivä;Tunti;Yhteydenotot;Vastatut\n"
        "4.3.2025;18;33;7\n"
        "4.3.2025;19-20;41;9\n"
        "5.3.2025;18:00;30;5\n"
        "Yhteensä;;104;21\n"
    )
    h = read_history(write(tmp_path / "t.csv", text))
    assert counts(h) == {
        ("fi", "2025-03-04 18:00"): (33, 7.0),
        ("fi", "2025-03-04 19:00"): (41, 9.0),
        ("fi", "2025-03-05 18:00"): (30, 5.0),
    }
    (note,) = h.findings.warnings
    assert "1 total row was skipped (row 5)" in note.text()


@pytest.mark.parametrize(
    ("header", "accepted", "dropped"),
    [
        ("Aloitusaika;Jonotusaika;Tila", "vastattu", "jonosta poistunut"),
        ("Starttid;Kötid;Status", "besvarad", "lämnade kön"),
        ("Started;Queue time;Status", "accepted", "dropped"),
        ("Start time;Wait time;Outcome", "answered", "abandoned"),
    ],
)
def test_one_row_a_conversation_with_status(tmp_path, header, accepted, dropped):
    text = (
        f"{header}\n"
        f"2025-03-04 18:02;00:01:10;{accepted}\n"
        f"2025-03-04 18:20;00:14:00;{dropped}\n"
        f"2025-03-04 18:45;00:09:30;{dropped}\n"
        f"2025-03-04 19:05;00:00:40;{accepted}\n"
    )
    h = read_history(write(tmp_path / "c.csv", text))
    assert h.shape == "conversations"
    assert counts(h) == {("fi", "2025-03-04 18:00"): (3, 1.0), ("fi", "2025-03-04 19:00"): (1, 1.0)}
    assert h.answered_share == pytest.approx(0.5)
    # the queue time column is recognised and said to be unneeded, never silently dropped
    assert any("queue time column" in f.text() for f in h.findings.warnings)


def test_an_unknown_status_is_an_error_at_its_cell(tmp_path):
    text = "Started;Status\n2025-03-04 18:02;accepted\n2025-03-04 18:20;maybe\n"
    with pytest.raises(InputError) as err:
        read_history(write(tmp_path / "c.csv", text))
    [e] = err.value.errors
    assert str(e.where) == "c.csv › row 3, column B" and "'maybe' is not a status" in e.text()


def test_the_old_misreading_is_gone(tmp_path):
    # Aika;Yhteydenotot;Vastatut was read as one row a contact and gave 804 errors
    rows = "".join(f"3.3.2025 {h}:00;{10 + h};{h}\n" for h in range(9, 24))
    h = read_history(write(tmp_path / "t.csv", "Aika;Yhteydenotot;Vastatut\n" + rows))
    assert h.total_contacts == sum(10 + h for h in range(9, 24))


def forecast(path, capsys):
    began = time.monotonic()
    code = main(
        ["forecast", "--history", str(path), "--start", "2026-03-02", "--weeks", "1", "-o",
         str(path.with_suffix(".out.csv"))]
    )  # fmt: skip
    seconds = time.monotonic() - began
    return code, seconds, capsys.readouterr().err


def test_a_date_in_1600_is_an_error_at_its_row_fast(tmp_path, capsys):
    text = "timestamp\n2025-03-04 18:00\n4.3.1600 18:00\n2025-03-04 19:00\n"
    code, seconds, err = forecast(write(tmp_path / "h.csv", text), capsys)
    assert code == 2 and seconds <= 5
    assert "h.csv › row 3, column A" in err and "the year 1600" in err


def test_a_count_no_hour_can_hold_is_an_error_at_its_cell(tmp_path, capsys):
    text = "start,contacts\n2025-03-04 18:00,30\n2025-03-04 19:00,250000\n"
    code, seconds, err = forecast(write(tmp_path / "h.csv", text), capsys)
    assert code == 2 and seconds <= 5
    assert "h.csv › row 3, column B" in err and "at most 10,000" in err


def test_dates_as_date_and_hour_outside_the_years_too(tmp_path):
    text = "Date;Hour;Contacts\n2025-03-04;18;30\n2125-03-04;18;30\n"
    with pytest.raises(InputError) as err:
        read_history(write(tmp_path / "h.csv", text))
    [e] = err.value.errors
    assert str(e.where) == "h.csv › row 3, column A" and "the year 2125" in e.text()
