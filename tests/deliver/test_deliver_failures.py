"""What goes wrong: a server that stops midway, drops the connection or hangs, a refused
address, bad input; nothing lost, nothing sent twice, nothing outside the plan."""

from __future__ import annotations

import json
import socket
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from deliver_support import (
    ANNA,
    ASA,
    BEA,
    FIRST,
    MATTI,
    SENDER,
    crowd_folder,
    first_folder,
    publish,
    replan_folder,
    shift,
)

from scheduler.cli import main
from scheduler.deliver import (
    CANCELLED_WHAT,
    Outgoing,
    SmtpSettings,
    open_log,
    plan_invitations,
    read_log,
    read_published,
    send_invitations,
)
from scheduler.deliver.smtp import NotInPlan
from scheduler.domain import Person


def send(folder: Path, server, log: Path, *extra: str, timeout: float = 20) -> int:
    return main(
        ["send", str(folder), "--smtp", server.address, "--from", SENDER, "--log", str(log)]
        + ["--timeout", str(timeout), "--lang", "en", *extra]
    )


def uids_sent(box) -> list[tuple[str, str]]:
    from test_deliver_send import calendar_part

    return [
        (r.recipients[0], str(calendar_part(r.message)[1].events[0]["UID"])) for r in box.received
    ]


def log_lines(log: Path) -> list[dict]:
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize(
    "failure",
    ["451 4.3.0 Try again later", "421 4.3.2 Service shutting down", "drop", "hang"],
)
def test_a_server_failing_at_the_tenth_message_loses_nothing_and_a_rerun_sends_the_rest(
    tmp_path, smtp_server, capsys, failure
):
    folder = crowd_folder(tmp_path)  # 12 people, 24 events
    log = tmp_path / "sent-log.jsonl"
    box = smtp_server.box
    box.fail_from, box.fail_reply = 10, failure
    # a server that stops answering is given up on after the timeout (twice: the message
    # is tried once more on a new connection)
    assert send(folder, smtp_server, log, timeout=1.5 if failure == "hang" else 20) == 1
    err = capsys.readouterr().err
    assert len(box.received) == 9
    assert "run the same command again" in err
    # exactly the nine accepted messages are in the log as sent, nothing else
    sent = {(r["address"], r["uid"]) for r in log_lines(log) if r["result"] == "sent"}
    assert sent == set(uids_sent(box))
    box.heal()
    assert send(folder, smtp_server, log) == 0
    everything = uids_sent(box)
    assert len(everything) == 24 and len(set(everything)) == 24  # the rest, none twice
    assert send(folder, smtp_server, log) == 0
    assert len(box.received) == 24


def test_a_refused_address_is_reported_and_the_others_still_go(tmp_path, smtp_server, capsys):
    folder = first_folder(tmp_path)
    log = tmp_path / "sent-log.jsonl"
    smtp_server.box.refuse = {"asa@example.fi"}
    assert send(folder, smtp_server, log) == 1
    err = capsys.readouterr().err
    assert "refused: asa@example.fi: 550" in err
    assert {r.recipients[0] for r in smtp_server.box.received} == {
        "anna@example.fi",
        "bea@example.fi",
    }
    assert {(r["address"], r["result"]) for r in log_lines(log)} == {
        ("anna@example.fi", "sent"),
        ("bea@example.fi", "sent"),
        ("asa@example.fi", "refused"),
    }
    # once the address is fixed on the server side, a rerun sends only Åsa's two
    smtp_server.box.refuse = set()
    assert send(folder, smtp_server, log) == 0
    assert [r.recipients[0] for r in smtp_server.box.received[4:]] == ["asa@example.fi"] * 2


def test_a_malformed_address_in_the_roster_is_located_and_the_others_still_go(
    tmp_path, smtp_server, capsys
):
    folder = first_folder(tmp_path)
    roster = folder / "roster.csv"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace("bea@example.fi", "bea@example"),
        encoding="utf-8",
    )
    assert send(folder, smtp_server, tmp_path / "log.jsonl") == 2
    err = capsys.readouterr().err
    assert "roster.csv › row 4, column email: 'bea@example' is not an e-mail address" in err
    assert {r.recipients[0] for r in smtp_server.box.received} == {
        "anna@example.fi",
        "asa@example.fi",
    }


def test_a_server_that_cannot_be_reached_is_a_plain_error(tmp_path, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    folder = first_folder(tmp_path)
    code = main(
        ["send", str(folder), "--smtp", f"127.0.0.1:{port}", "--from", SENDER, "--lang", "en"]
        + ["--log", str(tmp_path / "log.jsonl")]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert f"the mail server 127.0.0.1:{port} cannot be reached" in err
    assert "Nothing was sent." in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["--smtp", "smtp.example.fi:port"], "command line › --smtp: 'smtp.example.fi:port'"),
        (["--smtp", "a b"], "command line › --smtp"),
        (["--smtp", "host:70000"], "command line › --smtp"),
        ([], "command line › --smtp: missing"),
        (["--smtp", "localhost", "--from", "coordinator"], "command line › --from"),
    ],
)
def test_bad_options_are_located_and_exit_2(tmp_path, capsys, args, where):
    folder = first_folder(tmp_path)
    line = ["send", str(folder), "--from", SENDER, *args, "--lang", "en"]
    assert main(line) == 2
    err = capsys.readouterr().err
    assert where in err and "Traceback" not in err


def test_bad_folders_are_located_and_exit_2(tmp_path, smtp_server, capsys):
    log = tmp_path / "log.jsonl"
    assert send(tmp_path / "nowhere", smtp_server, log) == 2
    assert "nowhere: no such folder" in capsys.readouterr().err

    folder = first_folder(tmp_path)
    (folder / "roster.csv").write_bytes(b"\xff\xfe\x00garbage")
    assert send(folder, smtp_server, log) == 2
    assert "roster.csv: cannot be read" in capsys.readouterr().err

    (folder / "roster.csv").write_text("name,start\nAnna,2026-03-23T18:00\n", encoding="utf-8")
    assert send(folder, smtp_server, log) == 2
    assert "lacks the column(s) email, service, end" in capsys.readouterr().err

    (folder / "roster.csv").write_text(
        "name,email,service,start,end\nAnna,a@example.org,fi,0001-01-01T00:30:00+02:00,"
        "2026-03-23T22:00:00+02:00\n",
        encoding="utf-8",
    )  # a time before the calendar can hold, in Helsinki: located, not an internal error
    assert send(folder, smtp_server, log) == 2
    assert "roster.csv › row 2: start and end must be ISO 8601" in capsys.readouterr().err

    (folder / "roster.csv").unlink()
    assert send(folder, smtp_server, log) == 2
    assert "roster.csv: missing" in capsys.readouterr().err
    assert smtp_server.box.received == [] and not log.exists()


def test_a_roster_and_calendars_of_different_runs_are_refused(tmp_path, smtp_server, capsys):
    first = first_folder(tmp_path)
    replan = replan_folder(tmp_path)
    (first / "roster.csv").write_bytes((replan / "roster.csv").read_bytes())
    assert send(first, smtp_server, tmp_path / "log.jsonl") == 2
    err = capsys.readouterr().err
    assert "its shifts match nobody in roster.csv" in err
    assert "Dani Koski are in no file of calendars/" in err
    assert smtp_server.box.received == []

    broken = replan / "calendars" / next(p.name for p in (replan / "calendars").glob("bea-*.ics"))
    broken.write_text("BEGIN:VCALENDAR\nthis is not", encoding="utf-8")
    assert send(replan, smtp_server, tmp_path / "log.jsonl") == 2
    assert f"{broken}: not a calendar file" in capsys.readouterr().err


def test_nothing_goes_to_an_address_outside_the_plan(tmp_path, smtp_server):
    """Every envelope recipient is an address of roster.csv, or one the log sent that very
    event to; the sender refuses anything else before connecting."""
    log_path = tmp_path / "sent-log.jsonl"
    assert send(first_folder(tmp_path), smtp_server, log_path) == 0
    replan = replan_folder(tmp_path)
    assert send(replan, smtp_server, log_path) == 0
    roster = (replan / "roster.csv").read_text(encoding="utf-8")
    first_log = {(r["address"], r["uid"]) for r in log_lines(log_path)[:6]}
    for address, uid in uids_sent(smtp_server.box)[6:]:
        assert address in roster or (address, uid) in first_log

    published = read_published(replan)
    with open_log(log_path) as log:
        outbox = plan_invitations(published, read_log(tmp_path / "empty.jsonl"))
        person = published.people[0]
        outbox.items = [Outgoing(CANCELLED_WHAT, person, "stranger@example.org", person.events[0])]
        with pytest.raises(NotInPlan):
            send_invitations(
                outbox,
                SmtpSettings(smtp_server.host, smtp_server.port),
                log,
                sender=SENDER,
            )
    assert len(smtp_server.box.received) == 5 + 6


def test_a_log_cut_short_by_a_crash_keeps_every_whole_record(tmp_path, smtp_server, capsys):
    folder = first_folder(tmp_path)
    log = tmp_path / "sent-log.jsonl"
    assert send(folder, smtp_server, log) == 0
    lines = log.read_bytes().splitlines(keepends=True)
    # the process died while writing the sixth record: half a line, no newline
    log.write_bytes(b"".join(lines[:5]) + lines[5][:40])
    assert send(folder, smtp_server, log) == 0
    err = capsys.readouterr().err
    assert "row 6: an unfinished record" in err
    assert len(smtp_server.box.received) == 7  # only the sixth again
    records = read_log(log)
    assert len(records.records) == 6 and len(records.warnings) == 1


def test_a_change_without_a_higher_sequence_is_held_back_loudly(tmp_path, smtp_server, capsys):
    """The first roster published again from scratch with Anna's Saturday ending at 23 and
    her Sunday gone: SEQUENCE stays 0, so calendars would ignore the change; the Sunday
    is neither there nor cancelled. Both are reported; what is right still goes."""
    log = tmp_path / "log.jsonl"
    assert send(first_folder(tmp_path), smtp_server, log) == 0
    changed = [s for s in FIRST if not (s.name == ANNA.name and s.start.day == 29)]
    changed = [
        replace(s, end=s.end - timedelta(hours=1)) if s.start.day == 28 else s for s in changed
    ]
    folder = publish(tmp_path / "again", (ANNA, ASA, BEA, MATTI), changed)
    assert send(folder, smtp_server, log) == 2
    err = capsys.readouterr().err
    assert "changed since it was sent to anna@example.fi but its SEQUENCE (0) is not above" in err
    assert "anna@example.fi was sent a shift starting Sun 29 Mar 18:00 that this roster" in err
    assert len(smtp_server.box.received) == 6  # nothing new went


def test_a_second_run_at_the_same_time_waits_for_the_first(tmp_path, smtp_server, capsys):
    folder = first_folder(tmp_path)
    log = tmp_path / "log.jsonl"
    with open_log(log):
        assert send(folder, smtp_server, log) == 1
    assert "another send or reminder run is using" in capsys.readouterr().err
    assert smtp_server.box.received == []


def test_a_name_cannot_add_headers_or_recipients(tmp_path, smtp_server):
    eve = Person("Eve", email="eve@example.fi")
    folder = publish(tmp_path / "eve", (eve,), [shift(eve, 1, 18, 22)])
    roster = folder / "roster.csv"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace("\nEve,", '\n"Eve\r\nBcc: x@evil.example",'), encoding="utf-8")
    assert send(folder, smtp_server, tmp_path / "log.jsonl") == 0
    (received,) = smtp_server.box.received
    assert received.recipients == ["eve@example.fi"]
    assert received.message["Bcc"] is None
    assert str(received.message["To"]) == '"Eve Bcc: x@evil.example" <eve@example.fi>'
