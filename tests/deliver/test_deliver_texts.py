"""Each e-mail in its person's language: the LANGUAGE of the published event when there is
one, else the language of the person's service; the test message to the coordinator."""

from __future__ import annotations

import re
from pathlib import Path

from deliver_support import SENDER, first_folder, replan_folder
from test_deliver_send import calendar_part, send

from scheduler.deliver import (
    SmtpSettings,
    open_log,
    plan_invitations,
    read_log,
    read_published,
    send_test,
)


def calendar_of(folder: Path, stem: str) -> Path:
    return next((folder / "calendars").glob(f"{stem}-*.ics"))


def with_language(ics: str, prop: str, lang: str) -> str:
    """``ics`` with the LANGUAGE of every ``prop`` line set to ``lang``."""
    return re.sub(rf"^{prop}(;LANGUAGE=[^:;]*)?:", f"{prop};LANGUAGE={lang}:", ics, flags=re.M)


def test_the_language_comes_from_the_published_events(tmp_path, smtp_server):
    folder = first_folder(tmp_path)
    bea = calendar_of(folder, "bea-laine")
    text = bea.read_text(encoding="utf-8")
    bea.write_text(
        with_language(with_language(text, "SUMMARY", "en"), "DESCRIPTION", "en"), encoding="utf-8"
    )
    anna = calendar_of(folder, "anna-virtanen")
    anna.write_text(
        with_language(anna.read_text(encoding="utf-8"), "SUMMARY", "sv-FI"), encoding="utf-8"
    )
    assert send(folder, smtp_server, tmp_path / "log.jsonl") == 0
    (message,) = smtp_server.box.to("bea@example.fi")
    assert str(message["Subject"]) == "Duty shift Tue 24 Mar 18:00–22:00: Sekasin-chat"
    body = message.get_body(("plain",)).get_content()
    assert body.startswith("Hello Bea Laine,")
    assert "You have a duty shift in Sekasin-chat on Tue 24 Mar 2026 18:00–22:00." in body
    # the event goes out as published, its language with it
    raw = calendar_part(message)[1].to_ical().decode()
    assert "SUMMARY;LANGUAGE=en:Sekasin-chat" in raw
    # Anna's calendar says Swedish: her messages are in Swedish, the service keeps its name
    anna_texts = [
        m.get_body(("plain",)).get_content() for m in smtp_server.box.to("anna@example.fi")
    ]
    assert all(t.startswith("Hej Anna Virtanen,") for t in anna_texts)
    assert any(
        "Du har ett jourpass i Sekasin-chat må 23.3.2026 kl. 18.00–22.00." in t for t in anna_texts
    )


def test_updates_and_cancellations_say_what_happened(tmp_path, smtp_server):
    log = tmp_path / "log.jsonl"
    assert send(first_folder(tmp_path), smtp_server, log) == 0
    assert send(replan_folder(tmp_path), smtp_server, log) == 0
    anna = smtp_server.box.to("anna@example.fi")[3:]
    subjects = sorted(str(m["Subject"]) for m in anna)
    assert subjects == [
        "Muuttunut päivystysvuoro la 28.3. 20.00–23.00: Sekasin-chat",
        "Peruttu päivystysvuoro su 29.3. 18.00–22.00: Sekasin-chat",
    ]
    cancel = next(m for m in anna if "Peruttu" in str(m["Subject"]))
    body = cancel.get_body(("plain",)).get_content()
    assert (
        "Päivystysvuorosi palvelussa Sekasin-chat su 29.3.2026 klo 18.00–22.00 on peruttu." in body
    )
    # what she still has: Monday and the shorter Saturday
    assert "2 päivystysvuoroasi tällä vuorolistalla:" in body
    assert "la 28.3.2026  20.00–23.00  Sekasin-chat" in body
    assert cancel.get_content_type() == "multipart/mixed"
    method, cal = calendar_part(cancel)
    assert method == "CANCEL" and str(cal.events[0]["STATUS"]) == "CANCELLED"
    asa = smtp_server.box.to("asa@example.fi")[2:]
    assert all(
        "Du har inga jourpass i det här schemat." in m.get_body(("plain",)).get_content()
        for m in asa
    )
    assert all(str(m["Subject"]).startswith("Inställt jourpass") for m in asa)


def test_a_test_message_goes_to_the_coordinator_only_and_sends_nothing_real(tmp_path, smtp_server):
    folder = first_folder(tmp_path)
    published = read_published(folder)
    log_path = tmp_path / "log.jsonl"
    settings = SmtpSettings(smtp_server.host, smtp_server.port, timeout=5)
    with open_log(log_path) as log:
        outbox = plan_invitations(published, log)
        send_test(outbox.items[0], settings, sender=SENDER, log=log)
    (received,) = smtp_server.box.received
    assert received.recipients == [SENDER]
    assert str(received.message["Subject"]).startswith("Testi: Päivystysvuoro")
    method, cal = calendar_part(received.message)
    assert method == "REQUEST"
    event = cal.events[0]
    assert str(event["UID"]).startswith("test-")
    assert str(event["ATTENDEE"]) == f"mailto:{SENDER}"
    # the real messages still all go
    assert len(plan_invitations(published, read_log(log_path)).items) == 6
