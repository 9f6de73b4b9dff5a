"""`scheduler send` against a real SMTP server: invitations that land in calendars, a second
send that sends nothing, a re-plan that sends only what changed and cancels for a person
who left."""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from deliver_support import (
    REPLAN_PUBLISH,
    SENDER,
    first_folder,
    publish,
    replan_folder,
    shift,
)
from icalendar import Calendar

from scheduler.cli import main
from scheduler.domain import Person


def send(folder: Path, server, log: Path, *extra: str) -> int:
    return main(
        ["send", str(folder), "--smtp", server.address, "--from", SENDER, "--log", str(log), *extra]
    )


def calendar_part(message: EmailMessage) -> tuple[str, Calendar]:
    """The ``text/calendar`` part (its ``method``) and the iTIP object in it."""
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1
    part = parts[0]
    cal = Calendar.from_ical(part.get_payload(decode=True))
    return part.get_param("method"), cal


def attached_ics(message: EmailMessage) -> Calendar:
    files = [p for p in message.iter_attachments() if p.get_filename().endswith(".ics")]
    assert len(files) == 1
    return Calendar.from_ical(files[0].get_payload(decode=True))


def published_events(folder: Path) -> dict[str, object]:
    """Every event of the person calendars, by UID."""
    found = {}
    for path in (folder / "calendars").glob("*.ics"):
        if path.name != "all.ics":
            for event in Calendar.from_ical(path.read_bytes()).events:
                found[str(event["UID"])] = event
    return found


def test_each_shift_lands_as_an_invitation_for_its_person(tmp_path, smtp_server, capsys):
    folder = first_folder(tmp_path)
    log = tmp_path / "sent-log.jsonl"
    assert send(folder, smtp_server, log) == 0
    received = smtp_server.box.received
    published = published_events(folder)
    # six shifts with an address (Matti has none), one message each, one recipient each
    assert len(received) == 6
    assert all(r.sender == SENDER and len(r.recipients) == 1 for r in received)
    by_address: dict[str, set[str]] = {}
    for r in received:
        method, cal = calendar_part(r.message)
        assert method == "REQUEST"
        assert str(cal["METHOD"]) == "REQUEST"
        (event,) = cal.events
        uid = str(event["UID"])
        by_address.setdefault(r.recipients[0], set()).add(uid)
        # the same event as in calendars/: UID, SEQUENCE, times, status
        mine = published[uid]
        assert event["SEQUENCE"] == mine["SEQUENCE"]
        assert event.start == mine.start and event.end == mine.end
        assert str(event["STATUS"]) == "CONFIRMED"
        assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
        assert str(event["ATTENDEE"]) == f"mailto:{r.recipients[0]}"
        assert event["ATTENDEE"].params["CN"] == r.message["To"].addresses[0].display_name
        assert cal.timezones and cal.timezones[0]["TZID"] == "Europe/Helsinki"
        # the attached file is the same invitation
        assert attached_ics(r.message).to_ical() == cal.to_ical()
        assert r.message["To"].addresses[0].addr_spec == r.recipients[0]
    assert {a: len(u) for a, u in by_address.items()} == {
        "anna@example.fi": 3,
        "asa@example.fi": 2,
        "bea@example.fi": 1,
    }
    assert set().union(*by_address.values()) == {
        uid for uid, e in published.items() if "Matti" not in str(e["DESCRIPTION"])
    }
    err = capsys.readouterr().err
    assert "Matti Meikäläinen" in err  # listed: no e-mail address


def test_the_text_names_the_shift_in_helsinki_time_on_the_dst_day(tmp_path, smtp_server):
    folder = first_folder(tmp_path, contact="Ninchat, kanava #chat-tiimi")
    assert send(folder, smtp_server, tmp_path / "log.jsonl", "--lang", "en") == 0
    sunday = [
        m
        for m in smtp_server.box.to("anna@example.fi")
        if calendar_part(m)[1].events[0].start.day == 29
    ]
    assert len(sunday) == 1
    text = sunday[0].get_body(("plain",)).get_content()
    # Anna's language is Finnish (her service's): the text and subject are in Finnish
    assert "Hei Anna Virtanen," in text
    assert "palvelussa Sekasin-chat su 29.3.2026 klo 18.00–22.00." in text
    assert "Ninchat, kanava #chat-tiimi" in text
    assert str(sunday[0]["Subject"]) == "Päivystysvuoro su 29.3. 18.00–22.00: Sekasin-chat"
    # the event itself: 18:00 Helsinki summer time is 15:00 UTC on 2026-03-29
    _method, cal = calendar_part(sunday[0])
    assert cal.events[0].start.isoformat() == "2026-03-29T18:00:00+03:00"
    # Åsa's first language is Swedish and her shifts are in Sekasin-chatten
    asa = smtp_server.box.to("asa@example.fi")[0]
    body = asa.get_body(("plain",)).get_content()
    assert body.startswith("Hej Åsa Öberg,")
    assert body.rstrip().endswith("Sekasin-chatten")
    assert str(asa["From"]).startswith("Sekasin-chatten <")


def test_a_second_send_of_the_same_folder_sends_nothing(tmp_path, smtp_server, capsys):
    folder = first_folder(tmp_path)
    log = tmp_path / "sent-log.jsonl"
    assert send(folder, smtp_server, log) == 0
    assert len(smtp_server.box.received) == 6
    capsys.readouterr()
    assert send(folder, smtp_server, log, "--lang", "en") == 0
    assert len(smtp_server.box.received) == 6
    assert "Messages: 0 (new 0, changed 0, cancelled 0); recipients: 0." in capsys.readouterr().err
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 6
    assert {(r["address"], r["result"], r["kind"]) for r in lines} == {
        ("anna@example.fi", "sent", "invitation"),
        ("asa@example.fi", "sent", "invitation"),
        ("bea@example.fi", "sent", "invitation"),
    }


def test_a_replan_sends_only_the_changes_and_cancels_for_the_person_who_left(tmp_path, smtp_server):
    log = tmp_path / "sent-log.jsonl"
    assert send(first_folder(tmp_path), smtp_server, log) == 0
    first = len(smtp_server.box.received)
    folder = replan_folder(tmp_path)
    assert send(folder, smtp_server, log) == 0
    got = smtp_server.box.received[first:]
    summary = sorted(
        (
            r.recipients[0],
            calendar_part(r.message)[0],
            str(calendar_part(r.message)[1].events[0]["STATUS"]),
        )
        for r in got
    )
    assert summary == [
        ("anna@example.fi", "CANCEL", "CANCELLED"),  # Sunday dropped
        ("anna@example.fi", "REQUEST", "CONFIRMED"),  # Saturday now ends at 23
        ("asa@example.fi", "CANCEL", "CANCELLED"),  # left the plan: both her shifts
        ("asa@example.fi", "CANCEL", "CANCELLED"),
        ("dani@example.fi", "REQUEST", "CONFIRMED"),  # new
    ]
    published = published_events(folder)
    for r in got:
        _method, cal = calendar_part(r.message)
        event = cal.events[0]
        assert event["SEQUENCE"] == published[str(event["UID"])]["SEQUENCE"] > 0
        assert str(event["ORGANIZER"]) == f"mailto:{SENDER}"
        assert str(event["ATTENDEE"]) == f"mailto:{r.recipients[0]}"
    changed = [
        r for r in got if calendar_part(r.message)[0] == "REQUEST" and "anna" in r.recipients[0]
    ]
    assert calendar_part(changed[0].message)[1].events[0].end.hour == 23
    # Åsa is no longer in roster.csv: her address came from what she was sent before,
    # and she is written to as before, by name and in Swedish
    asa = [r.message for r in got if r.recipients == ["asa@example.fi"]]
    assert all(str(m["To"]) == "Åsa Öberg <asa@example.fi>" for m in asa)
    assert all("Hej Åsa Öberg" in m.get_body(("plain",)).get_content() for m in asa)
    # and again: nothing more
    assert send(folder, smtp_server, log) == 0
    assert len(smtp_server.box.received) == first + 5
    assert REPLAN_PUBLISH  # the re-plan was published later than the first roster


def test_dry_run_lists_who_would_get_what_and_sends_nothing(tmp_path, smtp_server, capsys):
    folder = first_folder(tmp_path)
    log = tmp_path / "log.jsonl"
    assert send(folder, smtp_server, log, "--dry-run", "--lang", "en") == 0
    out = capsys.readouterr().out
    assert smtp_server.box.received == [] and not log.exists()
    assert "Messages: 6 (new 6, changed 0, cancelled 0); recipients: 3." in out
    assert "Anna Virtanen <anna@example.fi>  new  Sun 29 Mar 2026  18:00–22:00  Sekasin-chat" in out
    assert "No e-mail address, reach them otherwise: Matti Meikäläinen" in out
    # without a server at all
    code = main(["send", str(folder), "--from", SENDER, "--log", str(log), "--dry-run"])
    assert code == 0


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_the_command_speaks_the_chosen_language(tmp_path, smtp_server, capsys, lang):
    folder = first_folder(tmp_path)
    assert send(folder, smtp_server, tmp_path / "log.jsonl", "--dry-run", "--lang", lang) == 0
    out = capsys.readouterr().out
    expected = {
        "fi": "Viestejä: 6 (uusia 6, muuttuneita 0, peruttuja 0); vastaanottajia: 3.",
        "sv": "Meddelanden: 6 (nya 6, ändrade 0, inställda 0); mottagare: 3.",
    }
    assert expected[lang] in out


def test_people_with_the_very_same_shifts_each_get_their_own(tmp_path, smtp_server):
    """Two duty workers on the same evening, nothing else: their calendars are told apart
    by whose they are, not by the shifts."""
    eeva = Person("Eeva Salo", email="eeva@example.fi")
    eero = Person("Eero Salo", email="eero@example.fi")
    same = [shift(eeva, 2, 18, 22), shift(eero, 2, 18, 22)]
    folder = publish(tmp_path / "twins", (eeva, eero), same)
    assert send(folder, smtp_server, tmp_path / "log.jsonl") == 0
    got = {r.recipients[0]: r.message for r in smtp_server.box.received}
    assert set(got) == {"eeva@example.fi", "eero@example.fi"}
    for address, message in got.items():
        event = calendar_part(message)[1].events[0]
        assert address.split("@")[0].capitalize() in str(event["DESCRIPTION"])
        assert str(event["ATTENDEE"]) == f"mailto:{address}"
