"""Calendars: parsed back with icalendar and compared to the roster, DST days, UIDs, re-plans."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from test_publish_fixtures import (
    AUTUMN,
    PEOPLE,
    SPRING,
    SWEDISH_ONLY,
    TRICKY,
    autumn_shifts,
    problem,
    result,
    shift,
    spring_shifts,
)

from scheduler.domain import HELSINKI, Person
from scheduler.publish.calendars import PreviousRoster, revision, shift_uid, write_calendars
from scheduler.publish.vtimezone import transitions, vtimezone

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def read(path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(path) -> dict[str, object]:
    return {str(e["UID"]): e for e in read(path).events}


def as_shift_key(ev) -> tuple[datetime, datetime]:
    return ev.start.astimezone(UTC), ev.end.astimezone(UTC)


def test_every_calendar_reads_back_as_the_roster(tmp_path):
    prob = problem()
    shifts = spring_shifts()
    files = write_calendars(tmp_path, prob, result(prob, shifts), now=NOW)

    everything = events(files.all)
    assert {uid: as_shift_key(e) for uid, e in everything.items()} == {
        shift_uid(s): (s.start.astimezone(UTC), s.end.astimezone(UTC)) for s in shifts
    }
    for name in {s.name for s in shifts}:
        mine = [s for s in shifts if s.name == name]
        got = events(files.people[name])
        assert sorted(as_shift_key(e) for e in got.values()) == sorted(
            (s.start.astimezone(UTC), s.end.astimezone(UTC)) for s in mine
        )
        for s in mine:
            ev = got[shift_uid(s)]
            assert str(ev["SUMMARY"]) == (
                "Sekasin-chatten" if s.service == "sv" else "Sekasin-chat"
            )
            assert str(ev["STATUS"]) == "CONFIRMED"
            assert ev["DTSTART"].params["TZID"] == "Europe/Helsinki"
            assert ev.sequence == 0
            assert ev["DTSTAMP"].dt == NOW
    organisation = {p.name: p.organisation for p in PEOPLE}
    assert set(files.organisations) == {"MIELI ry", "Röda Korset", "@org"}
    for org, path in files.organisations.items():
        assert set(events(path)) == {shift_uid(s) for s in shifts if organisation[s.name] == org}
    mieli = events(files.organisations["MIELI ry"])
    assert {str(e["SUMMARY"]) for e in mieli.values()} == {"Sekasin-chat: Anna Virtanen"}


def test_description_names_service_time_and_how_to_reach_the_chat_team(tmp_path):
    prob = problem()
    files = write_calendars(
        tmp_path,
        prob,
        result(prob, spring_shifts()),
        now=NOW,
        contact_info="Chat-tiimi: Ninchat #tiimi, puh. 040 000 0000",
    )
    sunday = shift("Anna Virtanen", SPRING + timedelta(6), 18, 22)
    shared = str(events(files.all)[shift_uid(sunday)]["DESCRIPTION"])  # the plan's language
    assert shared.splitlines()[:3] == [
        "Duty shift in Sekasin-chat",
        "Time: Sun 29 Mar 2026 18:00–22:00 (Finnish time)",
        "Duty worker: Anna Virtanen",
    ]
    assert "Chat-tiimi: Ninchat #tiimi, puh. 040 000 0000" in shared
    own = str(events(files.people["Anna Virtanen"])[shift_uid(sunday)]["DESCRIPTION"])
    assert own.splitlines()[:3] == [  # Anna's first language is Finnish
        "Päivystysvuoro: Sekasin-chat",
        "Aika: su 29.3.2026 18.00–22.00 (Suomen aikaa)",
        "Päivystäjä: Anna Virtanen",
    ]


def test_every_event_says_its_language_on_summary_and_description(tmp_path):
    prob = problem()
    swedish = shift(SWEDISH_ONLY, SPRING + timedelta(3), 14, 18, "sv")
    files = write_calendars(
        tmp_path, prob, result(prob, [*spring_shifts(), swedish]), now=NOW, lang="fi"
    )
    expected = {files.all: "fi", files.people[SWEDISH_ONLY]: "sv", files.people["Åsa Öberg"]: "fi"}
    expected.update({path: "fi" for path in files.organisations.values()})
    for path, lang in expected.items():
        raw = path.read_text(encoding="utf-8").replace("\r\n ", "")
        for ev in read(path).events:
            assert ev["SUMMARY"].params["LANGUAGE"] == lang, path.name
            assert ev["DESCRIPTION"].params["LANGUAGE"] == lang, path.name
        assert raw.count(f"SUMMARY;LANGUAGE={lang}:") == raw.count("BEGIN:VEVENT")
    assert files.languages[SWEDISH_ONLY] == "sv"


def test_a_swedish_only_duty_workers_calendar_is_in_swedish(tmp_path):
    prob = problem()
    thursday = shift(SWEDISH_ONLY, SPRING + timedelta(3), 14, 18, "sv")
    files = write_calendars(tmp_path, prob, result(prob, [thursday]), now=NOW, lang="fi")
    (ev,) = read(files.people[SWEDISH_ONLY]).events
    assert str(ev["SUMMARY"]) == "Sekasin-chatten"
    assert str(ev["DESCRIPTION"]).splitlines()[:3] == [
        "Jourpass i Sekasin-chatten",
        "Tid: to 26.3.2026 14.00–18.00 (Finlands tid)",
        f"Jourhavande: {SWEDISH_ONLY}",
    ]
    assert "Chatteamet stöder jourhavande" in str(ev["DESCRIPTION"])
    assert str(read(files.people[SWEDISH_ONLY])["NAME"]) == f"Sekasin – {SWEDISH_ONLY}"
    # The organisation's shared calendar speaks the plan's language.
    (shared,) = read(files.organisations["Röda Korset"]).events
    assert str(shared["DESCRIPTION"]).startswith("Päivystysvuoro: Sekasin-chatten")


def test_a_cancelled_swedish_shift_is_told_in_swedish(tmp_path):
    prob = problem()
    sv = shift(SWEDISH_ONLY, SPRING, 14, 18, "sv")
    files = write_calendars(tmp_path, prob, result(prob, []), previous=[sv], now=NOW)
    (ev,) = read(files.people[SWEDISH_ONLY]).events
    assert str(ev["SUMMARY"]) == "INSTÄLLT: Sekasin-chatten"
    assert str(ev["DESCRIPTION"]).startswith("Passet är inställt.")
    assert str(ev["STATUS"]) == "CANCELLED" and str(ev["TRANSP"]) == "TRANSPARENT"
    (finnish,) = read(files.all).events
    assert str(finnish["SUMMARY"]) == f"CANCELLED: Sekasin-chatten: {SWEDISH_ONLY}"  # en tests


def test_spring_dst_day_has_summer_time_offsets(tmp_path):
    prob = problem()
    files = write_calendars(tmp_path, prob, result(prob, spring_shifts()), now=NOW)
    raw = files.people["Anna Virtanen"].read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Helsinki:20260329T180000" in raw
    assert "DTEND;TZID=Europe/Helsinki:20260329T220000" in raw
    starts = sorted(as_shift_key(e) for e in events(files.people["Anna Virtanen"]).values())
    # Sat 28.3. 20–24 is still winter time (+02:00), Sun 29.3. 18–22 summer time (+03:00).
    assert (datetime(2026, 3, 28, 18, tzinfo=UTC), datetime(2026, 3, 28, 22, tzinfo=UTC)) in starts
    assert (datetime(2026, 3, 29, 15, tzinfo=UTC), datetime(2026, 3, 29, 19, tzinfo=UTC)) in starts
    sunday = events(files.all)[shift_uid(shift("Anna Virtanen", date(2026, 3, 29), 18, 22))]
    assert sunday.start.utcoffset() == timedelta(hours=3)


def test_autumn_dst_day_has_winter_time_offsets(tmp_path):
    prob = problem(AUTUMN)
    files = write_calendars(tmp_path, prob, result(prob, autumn_shifts()), now=NOW)
    starts = sorted(as_shift_key(e) for e in events(files.people["Anna Virtanen"]).values())
    # The Finnish chat opens 15–24 on Sundays: the clocks have already turned back.
    assert starts == [
        (datetime(2026, 10, 24, 17, tzinfo=UTC), datetime(2026, 10, 24, 21, tzinfo=UTC)),
        (datetime(2026, 10, 25, 13, tzinfo=UTC), datetime(2026, 10, 25, 17, tzinfo=UTC)),
    ]
    ev = events(files.all)[shift_uid(shift("Matti Meikäläinen", date(2026, 10, 25), 20, 24))]
    assert ev.start.utcoffset() == timedelta(hours=2)
    assert ev.end.astimezone(HELSINKI) == datetime(2026, 10, 26, 0, tzinfo=HELSINKI)


@pytest.mark.parametrize(("day", "elapsed"), [(date(2026, 3, 29), 2), (date(2026, 10, 25), 4)])
def test_a_shift_across_the_clock_change_keeps_its_real_length(tmp_path, day, elapsed):
    # 02:00–05:00 wall clock is 2 real hours in spring and 4 in autumn.
    night = shift("Anna Virtanen", day, 2, 5)
    prob = problem(SPRING if day.month == 3 else AUTUMN)
    files = write_calendars(tmp_path, prob, result(prob, [night]), now=NOW)
    ev = events(files.people["Anna Virtanen"])[shift_uid(night)]
    start, end = as_shift_key(ev)
    assert end - start == timedelta(hours=elapsed)
    assert ev.start.astimezone(HELSINKI).hour == 2 and ev.end.astimezone(HELSINKI).hour == 5


def test_shifts_given_in_utc_are_still_written_in_helsinki_time(tmp_path):
    utc = shift("Anna Virtanen", date(2026, 3, 29), 18, 22)
    utc = type(utc)(utc.name, utc.service, utc.start.astimezone(UTC), utc.end.astimezone(UTC))
    prob = problem()
    files = write_calendars(tmp_path, prob, result(prob, [utc]), now=NOW)
    raw = files.all.read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/Helsinki:20260329T180000" in raw
    assert "DTEND;TZID=Europe/Helsinki:20260329T220000" in raw


def test_the_sample_in_the_docs_is_what_the_code_writes(tmp_path):
    docs = (Path(__file__).parents[2] / "docs" / "publish.md").read_text(encoding="utf-8")
    sample = docs.split("### A sample calendar file", 1)[1].split("```\n", 2)[1]
    prob = problem()
    new = [shift("Anna Virtanen", date(2026, 3, 29), 18, 22)]
    previous = [*new, shift("Anna Virtanen", date(2026, 3, 25), 18, 22)]
    files = write_calendars(
        tmp_path,
        prob,
        result(prob, new),
        previous=previous,
        now=datetime(2026, 3, 16, 9, 30, tzinfo=UTC),
    )
    written = files.people["Anna Virtanen"].read_bytes().decode("utf-8")
    assert written.replace("\r\n", "\n") == sample


def test_every_file_carries_a_correct_helsinki_vtimezone(tmp_path):
    prob = problem()
    files = write_calendars(tmp_path, prob, result(prob, spring_shifts()), now=NOW)
    for path in files.paths():
        zones = read(path).timezones
        assert [z.tz_name for z in zones] == ["Europe/Helsinki"]
    zone = vtimezone(date(2026, 1, 1), date(2026, 12, 31))
    changes = transitions(HELSINKI, date(2026, 1, 1), date(2027, 1, 1))
    onsets = {
        (p.DTSTART, p.TZOFFSETFROM, p.TZOFFSETTO)
        for p in zone.walk()
        if p.name in ("STANDARD", "DAYLIGHT")
    }
    # RFC 5545 §3.6.5: the onset is local time in the offset in force *before* it.
    assert (datetime(2026, 3, 29, 3), timedelta(hours=2), timedelta(hours=3)) in onsets
    assert (datetime(2026, 10, 25, 4), timedelta(hours=3), timedelta(hours=2)) in onsets
    assert [c.moment for c in changes] == [
        datetime(2026, 3, 29, 1, tzinfo=UTC),
        datetime(2026, 10, 25, 1, tzinfo=UTC),
    ]
    converted = zone.to_tz()
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    while moment.year == 2026:
        assert (
            moment.astimezone(converted).utcoffset() == moment.astimezone(HELSINKI).utcoffset()
        ), moment
        moment += timedelta(minutes=30)


def test_uids_are_the_same_on_every_run_and_depend_on_person_service_start(tmp_path):
    prob = problem()
    res = result(prob, spring_shifts())
    first = write_calendars(tmp_path / "a", prob, res, now=NOW)
    second = write_calendars(tmp_path / "b", prob, res, now=NOW + timedelta(days=3))
    assert set(events(first.all)) == set(events(second.all))
    assert first.people["Anna Virtanen"].name == second.people["Anna Virtanen"].name
    one = shift("Anna Virtanen", SPRING, 18, 22)
    assert shift_uid(one) == shift_uid(shift("anna  VIRTANEN", SPRING, 18, 21))
    assert shift_uid(one).endswith("@sekasin-scheduler")
    assert (
        len(
            {
                shift_uid(one),
                shift_uid(shift("Anna Virtanen", SPRING, 17, 22)),
                shift_uid(shift("Anna Virtanen", SPRING, 18, 22, "sv")),
                shift_uid(shift("Matti Meikäläinen", SPRING, 18, 22)),
            }
        )
        == 4
    )


def test_same_input_and_time_give_identical_files(tmp_path):
    prob = problem()
    res = result(prob, spring_shifts())
    first = write_calendars(tmp_path / "a", prob, res, now=NOW)
    second = write_calendars(tmp_path / "b", prob, res, now=NOW)
    for a, b in zip(first.paths(), second.paths(), strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_replan_cancels_removed_shifts_and_raises_sequence_of_changed(tmp_path):
    prob = problem()
    kept = shift("Anna Virtanen", SPRING, 18, 22)
    moved = shift("Åsa Öberg", SPRING, 14, 18, "sv")
    dropped = shift("Matti Meikäläinen", SPRING + timedelta(1), 18, 22)
    gone_person = shift("Left Already", SPRING + timedelta(2), 18, 22)
    previous = [kept, moved, dropped, gone_person]
    shorter = shift("Åsa Öberg", SPRING, 14, 17, "sv")
    added = shift(TRICKY, SPRING + timedelta(3), 18, 22)
    files = write_calendars(
        tmp_path, prob, result(prob, [kept, shorter, added]), previous=previous, now=NOW
    )
    everything = events(files.all)
    assert set(everything) == {shift_uid(s) for s in (kept, shorter, dropped, gone_person, added)}
    assert everything[shift_uid(kept)].sequence == 0
    assert str(everything[shift_uid(kept)]["STATUS"]) == "CONFIRMED"
    changed = everything[shift_uid(shorter)]
    assert changed.sequence == revision(NOW) > 0
    assert changed.end.astimezone(HELSINKI).hour == 17
    for cancelled in (dropped, gone_person):
        ev = everything[shift_uid(cancelled)]
        assert str(ev["STATUS"]) == "CANCELLED"
        assert ev.sequence > 0
        assert str(ev["SUMMARY"]).startswith("CANCELLED: Sekasin-chat: ")
        assert as_shift_key(ev) == (cancelled.start.astimezone(UTC), cancelled.end.astimezone(UTC))
    # The person who left is not in the availability any more but still gets the news.
    own = events(files.people["Left Already"])
    assert [str(e["STATUS"]) for e in own.values()] == ["CANCELLED"]
    matti = events(files.people["Matti Meikäläinen"])
    assert str(matti[shift_uid(dropped)]["STATUS"]) == "CANCELLED"
    assert str(everything[shift_uid(added)]["STATUS"]) == "CONFIRMED"


def test_previous_shifts_outside_the_horizon_are_left_alone(tmp_path):
    prob = problem()
    last_month = shift("Anna Virtanen", SPRING - timedelta(days=20), 18, 22)
    files = write_calendars(
        tmp_path, prob, result(prob, spring_shifts()), previous=[last_month], now=NOW
    )
    assert shift_uid(last_month) not in events(files.all)
    assert {e.sequence for e in events(files.all).values()} == {0}  # a first publish here


def test_second_replan_outranks_the_first(tmp_path):
    prob = problem()
    a = shift("Anna Virtanen", SPRING, 18, 22)
    b = shift("Matti Meikäläinen", SPRING, 18, 22)
    first = [a, b]
    later = NOW + timedelta(days=2)
    # Re-plan 1: Anna's shift shortened, Matti's cancelled.
    second = [shift("Anna Virtanen", SPRING, 18, 21)]
    one = events(
        write_calendars(tmp_path / "1", prob, result(prob, second), previous=first, now=NOW).all
    )
    # Re-plan 2: Anna's changed again, Matti's back.
    third = [shift("Anna Virtanen", SPRING, 18, 20), b]
    two = events(
        write_calendars(tmp_path / "2", prob, result(prob, third), previous=second, now=later).all
    )
    for uid in (shift_uid(a), shift_uid(b)):
        assert two[uid].sequence > one[uid].sequence > 0
    assert str(one[shift_uid(b)]["STATUS"]) == "CANCELLED"
    assert str(two[shift_uid(b)]["STATUS"]) == "CONFIRMED"


def test_calendar_file_names_are_safe_and_inside_the_folder(tmp_path):
    prob = problem()
    odd = ["../../etc/passwd", "CON", "a/b\\c", "Ääni Öljy", "名前", " ..", "x" * 300]
    shifts = [shift(name, SPRING + timedelta(i % 7), 18, 22) for i, name in enumerate(odd)]
    files = write_calendars(tmp_path, prob, result(prob, shifts), now=NOW)
    names = [files.people[n].name for n in odd]
    assert len(set(names)) == len(odd)
    for path in files.paths():
        assert path.resolve().is_relative_to(tmp_path.resolve())
        assert path.is_file()
    assert all(p.parent == tmp_path for p in files.people.values())
    assert files.people["Ääni Öljy"].name.startswith("aani-oljy-")
    assert files.people["CON"].stem.lower() != "con"
    assert {p.name for p in files.people.values()}.isdisjoint({"all.ics"})


def test_an_organisations_calendar_cancels_the_shifts_of_people_who_left_or_moved(tmp_path):
    prob = problem()
    left = [shift("Left Already", SPRING + timedelta(d), 18, 22) for d in (1, 2)]
    moved = shift("Anna Virtanen", SPRING, 18, 22)  # Anna was with SPR, now with MIELI ry
    kept = shift("Matti Meikäläinen", SPRING + timedelta(3), 18, 22)
    then = {
        "Left Already": Person("Left Already", organisation="MIELI ry", languages=("sv",)),
        "Anna Virtanen": Person("Anna Virtanen", organisation="SPR"),
    }
    previous = PreviousRoster([*left, moved, kept], then)
    files = write_calendars(tmp_path, prob, result(prob, [moved, kept]), previous=previous, now=NOW)
    mieli = events(files.organisations["MIELI ry"])
    for gone in left:
        assert str(mieli[shift_uid(gone)]["STATUS"]) == "CANCELLED"
        assert mieli[shift_uid(gone)].sequence == revision(NOW)
    assert str(mieli[shift_uid(kept)]["STATUS"]) == "CONFIRMED"
    assert mieli[shift_uid(kept)].sequence == 0
    # Anna's shift arrives in MIELI's calendar and leaves SPR's, cancelled there.
    assert str(mieli[shift_uid(moved)]["STATUS"]) == "CONFIRMED"
    spr = events(files.organisations["SPR"])
    assert [str(e["STATUS"]) for e in spr.values()] == ["CANCELLED"]
    assert set(spr) == {shift_uid(moved)}
    # The person who left is told in their own language, in their own file.
    own = read(files.people["Left Already"]).events
    assert [str(e["SUMMARY"]) for e in own] == ["INSTÄLLT: Sekasin-chat"] * 2


def test_the_organisation_of_someone_who_left_comes_from_the_previous_roster_csv(tmp_path):
    from scheduler.publish import read_roster_csv, write_roster_csv

    prob = problem()
    gone = shift("Left Already", SPRING + timedelta(1), 18, 22)
    path = tmp_path / "roster.csv"
    write_roster_csv(path, [gone], {"Left Already": Person("Left Already", organisation="SPR")})
    previous = read_roster_csv(path)
    files = write_calendars(tmp_path / "out", prob, result(prob, []), previous=previous, now=NOW)
    assert [str(e["STATUS"]) for e in events(files.organisations["SPR"]).values()] == ["CANCELLED"]
    # roster.csv has no languages: the shared language (English in the tests) is used.
    (ev,) = read(files.people["Left Already"]).events
    assert str(ev["SUMMARY"]) == "CANCELLED: Sekasin-chat"


def test_sequence_rises_on_every_publish_also_within_the_same_minute(tmp_path):
    prob = problem()
    a = shift("Anna Virtanen", SPRING, 18, 22)
    first = [shift("Anna Virtanen", SPRING, 18, 21)]
    seconds_later = NOW + timedelta(seconds=20)
    one = events(
        write_calendars(tmp_path / "1", prob, result(prob, first), previous=[a], now=NOW).all
    )
    two = events(
        write_calendars(
            tmp_path / "2",
            prob,
            result(prob, [a]),
            previous=first,
            now=seconds_later,
        ).all
    )
    assert two[shift_uid(a)].sequence > one[shift_uid(a)].sequence > 0
    # The same second still rises when the last publish's revision is given.
    floor = one[shift_uid(a)].sequence
    three = write_calendars(
        tmp_path / "3", prob, result(prob, first), previous=[a], now=NOW, revision_floor=floor
    )
    assert three.revision == floor + 1
    assert events(three.all)[shift_uid(a)].sequence == floor + 1


THREE = (("Aino Laine", "fi"), ("Alva Björk", "sv, fi"), ("Sam Taylor", "en, fi"))


def three_people(path, people=THREE):
    """A template workbook: the people given, each offering Tuesday 3 March 18–22."""
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    sheet.title = "People"
    sheet.append(["name", "email", "organisation", "languages", "mentor"])
    for name, languages in people:
        sheet.append([name, f"{name.split()[0].lower()}@example.org", "MIELI ry", languages, "yes"])
    availability = wb.create_sheet("Availability")
    availability.append(["name", "date", "start", "end"])
    for name, _languages in people:
        availability.append([name, "2026-03-03", "18:00", "22:00"])
    wb.save(path)
    return path


def solve_command(book, out, *more):
    from scheduler.cli import main

    args = ["solve", str(book), "--start", "2026-03-02", "--weeks", "1", "--time-limit", "5"]
    assert main([*args, "-o", str(out), *more]) == 0


def own_events(folder):
    """Each person's own calendar: the description's line naming the person → the event."""
    found = {}
    for path in (folder / "calendars").glob("*.ics"):
        if path.name != "all.ics":
            (ev,) = read(path).events
            lines = str(ev["DESCRIPTION"]).splitlines()
            (named,) = [line for line in lines if line.endswith(tuple(n for n, _ in THREE))]
            found[named] = ev
    return found


def test_a_person_who_lists_swedish_or_english_first_gets_their_calendar_in_it(tmp_path):
    """From the workbook to the person's own file: `sv, fi` means Swedish texts for them,
    `en, fi` English, though all three work in the Finnish chat."""
    solve_command(three_people(tmp_path / "three.xlsx"), tmp_path / "out")
    languages = {
        k: ev["SUMMARY"].params["LANGUAGE"] for k, ev in own_events(tmp_path / "out").items()
    }
    assert languages == {
        "Päivystäjä: Aino Laine": "fi",
        "Jourhavande: Alva Björk": "sv",
        "Duty worker: Sam Taylor": "en",
    }


def test_a_person_who_left_gets_the_cancellation_in_their_own_language(tmp_path):
    """Re-planned on the command line against the published roster.csv (which has no
    languages): the leaver's own calendar cancels the shift in the language their file
    was written in, English here, not the plan's Finnish."""
    solve_command(three_people(tmp_path / "three.xlsx"), tmp_path / "before", "--lang", "fi")
    two = three_people(tmp_path / "two.xlsx", THREE[:2])
    solve_command(
        two,
        tmp_path / "after",
        "--lang",
        "fi",
        "--previous",
        str(tmp_path / "before" / "roster.csv"),
    )
    (cancelled,) = [
        ev for ev in own_events(tmp_path / "after").values() if str(ev["STATUS"]) == "CANCELLED"
    ]
    assert "Sam Taylor" in str(cancelled["DESCRIPTION"])
    assert cancelled["SUMMARY"].params["LANGUAGE"] == "en"
    assert str(cancelled["SUMMARY"]).startswith("CANCELLED")


def test_the_language_of_a_published_file_is_read_only_from_that_persons_own_file(tmp_path):
    """The fallbacks of PreviousRoster.published_language: no folder, no file, a damaged
    file and another person's file under the same name all give no language."""
    from scheduler.publish.names import safe_stem

    solve_command(three_people(tmp_path / "three.xlsx"), tmp_path / "out")
    folder = tmp_path / "out"
    previous = PreviousRoster([], folder=folder)
    assert previous.published_language("Sam Taylor") == "en"
    assert previous.published_language("Alva Björk") == "sv"
    assert PreviousRoster([]).published_language("Sam Taylor") is None
    assert previous.published_language("Nobody Here") is None
    sam = folder / "calendars" / f"{safe_stem('Sam Taylor')}.ics"
    alva = folder / "calendars" / f"{safe_stem('Alva Björk')}.ics"
    sam.write_bytes(alva.read_bytes())  # Alva's file where Sam's should be: not Sam's
    assert previous.published_language("Sam Taylor") is None
    damaged = (
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Sekasin – Sam Taylor\r\nTZID:Europe/Helsinkx\r\n"
        "BEGIN:STANDARD\r\nDTSTART:20260101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        "END:VCALENDAR\r\n"
    )
    for text in (damaged, "garbage\x00", ""):
        sam.write_text(text, encoding="utf-8")
        assert previous.published_language("Sam Taylor") is None
