"""`scheduler remind`: each person reminded of their shifts starting within N days, once a
shift, however often it runs."""

from __future__ import annotations

import json
from pathlib import Path

from deliver_support import SENDER, first_folder

from scheduler.cli import main


def remind(folder: Path, server, log: Path, now: str, days: int, *extra: str) -> int:
    return main(
        ["remind", str(folder), "--smtp", server.address, "--from", SENDER, "--log", str(log)]
        + ["--days", str(days), "--now", now, "--lang", "en", *extra]
    )


def bodies(box, address: str) -> list[str]:
    return [m.get_body(("plain",)).get_content() for m in box.to(address)]


def test_reminders_go_once_a_shift_whenever_the_command_runs(tmp_path, smtp_server):
    folder = first_folder(tmp_path)
    log = tmp_path / "sent-log.jsonl"
    box = smtp_server.box
    # Sunday noon, two days ahead: the Monday shifts of Anna (Sekasin-chat) and Åsa
    assert remind(folder, smtp_server, log, "2026-03-22T12:00:00+02:00", 2) == 0
    assert sorted(r.recipients[0] for r in box.received) == ["anna@example.fi", "asa@example.fi"]
    (anna,) = bodies(box, "anna@example.fi")
    assert anna.startswith("Hei Anna Virtanen,")
    assert "ma 23.3.2026  18.00–22.00  Sekasin-chat" in anna
    assert "la 28.3.2026" not in anna  # outside the two days
    (asa,) = bodies(box, "asa@example.fi")
    assert asa.startswith("Hej Åsa Öberg,") and "må 23.3.2026  14.00–18.00  Sekasin-chatten" in asa
    # plain text: no calendar part in a reminder
    assert all(m.get_content_type() == "text/plain" for m in box.messages)

    # the same run again (cron every hour): nothing new
    assert remind(folder, smtp_server, log, "2026-03-22T13:00:00+02:00", 2) == 0
    assert len(box.received) == 2

    # a day later: Bea's Tuesday only; Anna and Åsa were reminded of Monday already
    assert remind(folder, smtp_server, log, "2026-03-23T12:00", 2) == 0
    assert [r.recipients[0] for r in box.received[2:]] == ["bea@example.fi"]

    # a week ahead from Thursday: Anna's Saturday and Sunday in one message (the DST day
    # at 18.00 summer time), Åsa's Sunday
    assert remind(folder, smtp_server, log, "2026-03-26T09:00:00+02:00", 7) == 0
    later = box.received[3:]
    assert sorted(r.recipients[0] for r in later) == ["anna@example.fi", "asa@example.fi"]
    anna_later = bodies(box, "anna@example.fi")[-1]
    assert "la 28.3.2026  20.00–24.00" in anna_later and "su 29.3.2026  18.00–22.00" in anna_later
    assert "2 päivystysvuorostasi" in anna_later
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    reminded = [(r["address"], r["uid"]) for r in lines if r["kind"] == "reminder"]
    assert len(reminded) == len(set(reminded)) == 6  # every shift with an address, once


def test_a_dry_run_lists_the_reminders_and_people_without_an_address(tmp_path, capsys):
    folder = first_folder(tmp_path)
    code = main(
        ["remind", str(folder), "--from", SENDER, "--days", "4", "--dry-run", "--lang", "en"]
        + ["--now", "2026-03-22T12:00", "--log", str(tmp_path / "log.jsonl")]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "3 reminders would go." in out
    assert "Bea Laine <bea@example.fi>  Tue 24 Mar 2026  18:00–22:00  Sekasin-chat" in out
    assert "No e-mail address, reach them otherwise: Matti Meikäläinen" in out


def test_a_bad_time_is_located(tmp_path, capsys):
    folder = first_folder(tmp_path)
    code = main(
        ["remind", str(folder), "--from", SENDER, "--days", "2", "--dry-run", "--lang", "en"]
        + ["--now", "tomorrow"]
    )
    assert code == 2
    assert "command line › --now: 'tomorrow' is not a time" in capsys.readouterr().err
