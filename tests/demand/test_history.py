"""History import: both shapes, CSV and xlsx, offsets and local times, DST days, bad rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from scheduler.demand import read_history
from scheduler.demand.localtime import FoldTracker, TimeProblem, to_utc
from scheduler.errors import InputError


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def hour_counts(history) -> dict[tuple[str, str], int]:
    return {
        (s, t.isoformat()): int(c)
        for s, t, c in zip(
            history.hourly["service"],
            history.hourly["start"],
            history.hourly["contacts"],
            strict=True,
        )
    }


def test_contact_rows_are_counted_per_open_hour(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "timestamp,service,answered\n"
        "2025-03-04 18:05,fi,yes\n2025-03-04 18:59:59,fi,no\n"
        "2025-03-04T19:00:00+02:00,fi,\n2025-03-06 14:30,sv,kyllä\n",
    )
    h = read_history(path)
    assert h.shape == "contacts"
    assert hour_counts(h) == {
        ("fi", "2025-03-04T16:00:00+00:00"): 2,
        ("fi", "2025-03-04T17:00:00+00:00"): 1,
        ("sv", "2025-03-06T12:00:00+00:00"): 1,
    }
    assert h.answered_share == pytest.approx(2 / 4)
    assert not h.findings.warnings


def test_interval_rows_with_and_without_offsets_are_the_same_instants(tmp_path):
    naive = write(tmp_path / "a.csv", "start,contacts\n2025-07-01 20:00,30\n2025-07-01 21:00,41\n")
    aware = write(
        tmp_path / "b.csv",
        "start,contacts\n2025-07-01T20:00:00+03:00,30\n2025-07-01T18:00:00Z,41\n",
    )
    assert hour_counts(read_history(naive)) == hour_counts(read_history(aware))


def test_half_hour_intervals_are_summed_into_hours(tmp_path):
    path = write(
        tmp_path / "h.csv",
        "service;start;contacts;answered\n"
        "fi;2025-02-03 10:00;5;1\nfi;2025-02-03 10:30;7;2\nfi;2025-02-03 11:00;4;\n",
    )
    h = read_history(path)
    assert h.bin_minutes == 30
    assert list(h.hourly["contacts"]) == [12, 4]
    assert h.hourly["answered"].iloc[0] == 3 and pd.isna(h.hourly["answered"].iloc[1])


def test_xlsx_with_title_row_and_real_datetime_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Sekasin-chat contacts 2025"])
    ws.append(["Aikaleima", "Palvelu"])
    ws.append([datetime(2025, 5, 5, 12, 15), "Sekasin-chat"])
    ws.append([datetime(2025, 5, 5, 12, 45), "Sekasin-chatten"])  # sv closed on Mondays at 12
    wb.save(tmp_path / "h.xlsx")
    h = read_history(tmp_path / "h.xlsx")
    assert h.total_contacts == 1
    [warning] = h.findings.warnings
    assert "h.xlsx › Sheet › row 4" in str(warning) and "closed" in str(warning)


def test_contacts_on_the_spring_dst_day_fall_in_the_right_hours(tmp_path):
    # 2026-03-29: clocks jump 03:00 → 04:00; the chat opens at 15 (Sunday) in summer time
    path = write(tmp_path / "d.csv", "timestamp\n2026-03-29 15:10\n2026-03-29 23:59\n")
    h = read_history(path)
    assert list(h.hourly["start"]) == [
        pd.Timestamp("2026-03-29 12:00", tz=UTC),
        pd.Timestamp("2026-03-29 20:00", tz=UTC),
    ]


def test_contacts_on_the_autumn_dst_day_fall_in_the_right_hours(tmp_path):
    # 2026-10-25: clocks go back 04:00 → 03:00; from then on +02:00
    path = write(tmp_path / "d.csv", "timestamp\n2026-10-25 15:10\n")
    h = read_history(path)
    assert list(h.hourly["start"]) == [pd.Timestamp("2026-10-25 13:00", tz=UTC)]


def test_a_time_that_does_not_exist_is_an_error_with_its_row(tmp_path):
    path = write(tmp_path / "d.csv", "timestamp\n2026-03-29 15:10\n2026-03-29 03:30\n")
    with pytest.raises(InputError) as err:
        read_history(path)
    [e] = err.value.errors
    assert "d.csv › row 3, column A" in str(e) and "does not exist" in str(e)


def test_the_repeated_autumn_hour_is_read_in_file_order():
    folds = FoldTracker(strict=True)
    times = [to_utc(datetime(2026, 10, 25, 3, m), folds) for m in (10, 50, 20)]
    assert [t.isoformat() for t in times] == [
        "2026-10-25T00:10:00+00:00",
        "2026-10-25T00:50:00+00:00",
        "2026-10-25T01:20:00+00:00",
    ]
    assert folds.counts() == [(datetime(2026, 10, 25).date(), 3)]


def test_repeated_autumn_hour_in_a_file_is_warned_about_and_kept_out(tmp_path):
    path = write(
        tmp_path / "d.csv",
        "start,contacts\n2026-10-25 03:00,1\n2026-10-25 03:00,2\n2026-10-25 15:00,20\n",
    )
    h = read_history(path)
    text = "\n".join(str(w) for w in h.findings.warnings)
    assert "happened twice" in text and "closed" in text
    assert h.total_contacts == 20


def test_offsets_are_exact_even_in_the_repeated_hour():
    folds = FoldTracker(strict=True)
    moment = to_utc(datetime.fromisoformat("2026-10-25T03:30:00+02:00"), folds)
    assert moment == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    with pytest.raises(TimeProblem):
        to_utc(datetime(2026, 3, 29, 3, 30), folds)


def test_closed_hour_contacts_are_warned_with_rows_and_kept_out(tmp_path):
    path = write(
        tmp_path / "c.csv", "timestamp\n2025-03-04 02:15\n2025-03-04 10:00\n2025-03-08 10:00\n"
    )
    h = read_history(path)
    assert h.total_contacts == 1
    where = [str(w.where) for w in h.findings.warnings]
    assert where == ["c.csv › row 2", "c.csv › row 4"]
    assert "Sat–Sun 15–24" in h.findings.warnings[1].text()


def test_many_closed_hour_contacts_end_in_a_counted_summary(tmp_path):
    rows = "".join(f"2025-03-04 0{i % 9}:{i % 60:02d}\n" for i in range(60))
    h = read_history(write(tmp_path / "c.csv", "timestamp\n2025-03-04 12:00\n" + rows))
    assert len(h.findings.warnings) == 21
    assert h.findings.warnings[-1].text().startswith("40 more rows (40 contacts)")


def test_holiday_hours_follow_sunday_hours(tmp_path):
    # 2025-01-06 (Epiphany, a Monday): open from 15 like a Sunday; 10:00 is still accepted,
    # because a holiday may also be kept with weekday hours
    h = read_history(write(tmp_path / "c.csv", "timestamp\n2025-01-06 10:00\n2025-01-06 16:00\n"))
    assert h.total_contacts == 2 and not h.findings.warnings


def test_bad_rows_are_all_reported_at_once_with_their_place(tmp_path):
    path = write(
        tmp_path / "bad.csv",
        "start,contacts,answered,service\n"
        "2025-03-04 10:00,12,3,fi\n"
        "4.3.2025 11.00,-1,,fi\n"
        "yesterday,4,,fi\n"
        "2025-03-04 12:00,5,9,fi\n"
        "2025-03-04 13:00,5,1,en\n",
    )
    with pytest.raises(InputError) as err:
        read_history(path)
    messages = [str(e) for e in err.value.errors]
    assert len(messages) == 4
    assert messages[0].startswith("bad.csv › row 3, column B") and "whole number" in messages[0]
    assert messages[1].startswith("bad.csv › row 4, column A") and "2025-03-01 14:05" in messages[1]
    assert messages[2].startswith("bad.csv › row 5, column C") and "at most" in messages[2]
    assert messages[3].startswith("bad.csv › row 6, column D") and "fi" in messages[3]


def test_an_empty_time_and_a_count_of_1e100_are_reported_plainly(tmp_path):
    # found by the fuzz test below: the count's message could not be written, and the
    # empty time read as 'None'
    path = write(tmp_path / "odd.csv", "start,contacts,answered,service\n,1E100,,fi\n")
    with pytest.raises(InputError) as err:
        read_history(path)
    messages = [str(e) for e in err.value.errors]
    assert any(m.startswith("odd.csv › row 2, column A: empty: expected a date") for m in messages)
    assert any("10,000,000,000" in m and "at most 10,000" in m for m in messages)
    assert not any("None" in m for m in messages)


def test_interval_rows_twice_or_off_the_grid_are_errors_with_rows(tmp_path):
    path = write(
        tmp_path / "i.csv",
        "start,contacts\n2025-03-04 10:00,1\n2025-03-04 11:00,2\n"
        "2025-03-04 11:00,3\n2025-03-04 12:20,1\n",
    )
    with pytest.raises(InputError) as err:
        read_history(path)
    found = {str(e.where): e.text() for e in err.value.errors}
    assert "60-minute boundary" in found["i.csv › row 5"]
    assert "listed twice" in found["i.csv › row 4"]


def test_daily_totals_are_refused(tmp_path):
    path = write(tmp_path / "i.csv", "start,contacts\n2025-03-04 00:00,400\n2025-03-05 00:00,420\n")
    with pytest.raises(InputError, match="daily totals"):
        read_history(path)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("h.csv", "when,how many\n2025-01-01,3\n", "no header row"),
        ("h.csv", "start,answered\n2025-01-01 10:00,3\n", "needs a `contacts` column"),
        ("h.csv", "timestamp\n", "no data rows"),
        ("h.xls", "whatever", "save it as .xlsx"),
        ("h.csv", "", "empty"),
        ("h.csv", "timestamp\n2025-01-01 03:00\n", "no contacts in open hours"),
    ],
)
def test_unusable_files_say_what_was_expected(tmp_path, name, content, expected):
    with pytest.raises(InputError) as err:
        read_history(write(tmp_path / name, content))
    assert expected in str(err.value)


def test_a_day_without_any_contacts_is_missing_data(tmp_path):
    lines = [f"2025-03-0{d} {h}:00,fi,30" for d in (3, 5) for h in range(9, 24)]
    h = read_history(write(tmp_path / "i.csv", "start,service,contacts\n" + "\n".join(lines)))
    assert h.missing_days == {"fi": (datetime(2025, 3, 4).date(),)}
    assert "taken as missing data" in str(h.findings.warnings[0])


def test_excel_date_numbers_are_read_as_times(tmp_path):
    wb = Workbook()
    wb.active.append(["start", "contacts"])
    wb.active.append([45658.75, 30])  # 2025-01-01 18:00 saved as a plain number
    wb.save(tmp_path / "n.xlsx")
    h = read_history(tmp_path / "n.xlsx")
    assert list(h.hourly["start"]) == [pd.Timestamp("2025-01-01 16:00", tz=UTC)]


cells = st.one_of(
    st.text(max_size=25),
    st.sampled_from(
        [
            "2025-03-04 18:05",
            "2025-03-30 03:30",
            "2025-10-26 03:30",
            "4.3.2025 klo 19.00",
            "fi",
            "sv",
            "12",
            "-1",
            "1e9",
            "yes",
            "nan",
            "2025-03-04T18:00:00+02:00",
            "24:00",
            "4.3.1600 18:00",
            "250000",
            "Yhteensä",
            "accepted",
            "jonosta poistunut",
            "18-19",
            "2125-01-01",
        ]
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.sampled_from(
        [
            "timestamp,service,answered",
            "start,contacts,answered,service",
            "aika;palvelu",
            "start,contacts",
            "Aika;Yhteydenotot;Vastatut",
            "Päivä;Tunti;Yhteydenotot;Vastatut",
            "Started;Queue time;Status",
            "Date;Hour;Contacts;Service",
        ]
    ),
    rows=st.lists(st.lists(cells, min_size=1, max_size=4), max_size=8),
)
def test_any_content_gives_a_history_or_an_input_error(tmp_path, header, rows):
    sep = ";" if ";" in header else ","
    text = (
        header
        + "\n"
        + "\n".join(
            sep.join(c.replace(sep, " ").replace("\n", " ").replace('"', "") for c in r)
            for r in rows
        )
    )
    try:
        read_history(write(tmp_path / "f.csv", text))
    except InputError as exc:
        assert exc.errors
