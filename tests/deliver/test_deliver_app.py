"""Step 8 in the app (AppTest) against a real SMTP server: settings kept with the plan
(never the password), the preview, a test to the coordinator, sending with progress, the
log per version, and after a change only the change goes."""

from __future__ import annotations

import time

from test_app_support import goto, ok, optimised_app, stored, table, texts
from test_deliver_send import calendar_part

from scheduler.store import PUBLISHED
from scheduler.ui.workflow import shift_id

COORDINATOR = "koordinaattori@sekasin.example.fi"


def settle(at, timeout: float = 30.0):
    """Rerun until the background send has ended and its result is shown."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        time.sleep(0.2)
        ok(at.run())
        if not any(b.key == "send_stop" for b in at.button):
            return at
    raise AssertionError("the send did not end in time")


def save_settings(at, server, *, user: str = ""):
    at.text_input(key="smtp_host").input(server.host)
    at.number_input(key="smtp_port").set_value(server.port)
    at.checkbox(key="smtp_starttls").uncheck()
    at.text_input(key="smtp_user").input(user)
    at.text_input(key="smtp_from").input(COORDINATOR)
    submit = next(b for b in at.button if "smtp_form" in str(b.id))
    submit.click().run()
    return ok(at)


def test_send_step_previews_tests_sends_and_logs_per_version(tmp_path, monkeypatch, smtp_server):
    monkeypatch.delenv("SEKASIN_SMTP_PASSWORD", raising=False)
    at, db = optimised_app(tmp_path, monkeypatch)
    ok(at.run())
    plan_id = stored(db).list_plans()[0].id
    version = stored(db).latest_roster(plan_id)
    goto(at, "send")
    assert "Give the mail server and your address above to send." in texts(at)
    save_settings(at, smtp_server, user="koordinaattori")
    plan = stored(db).load_plan(plan_id)
    assert plan.settings["smtp"] == {
        "host": smtp_server.host,
        "port": smtp_server.port,
        "starttls": False,
        "user": "koordinaattori",
        "from": COORDINATOR,
        "per_minute": 0,
    }
    # the password is asked for the session only and never stored
    at.text_input(key="smtp_password").input("salainen").run()
    assert "salainen" not in db.read_bytes().decode("utf-8", "replace")
    preview = table(at, "what")
    assert len(preview) == len(version.shifts)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["messages"] == str(len(version.shifts))

    # the test goes to the coordinator only (aiosmtpd offers no login: log in as nobody)
    at.text_input(key="smtp_user").input("")
    submit = next(b for b in at.button if "smtp_form" in str(b.id))
    ok(submit.click().run())
    ok(at.button(key="send_test").click().run())
    assert f"The test went to {COORDINATOR}." in texts(at)
    assert [r.recipients for r in smtp_server.box.received] == [[COORDINATOR]]

    at.button(key="send_all").click()
    settle(at.run())
    assert f"Sent {len(version.shifts)} of {len(version.shifts)} messages." in texts(at)
    real = smtp_server.box.received[1:]
    assert len(real) == len(version.shifts)
    plan_people = {p.email for p in plan.people}
    assert {r.recipients[0] for r in real} <= plan_people
    assert all(calendar_part(r.message)[0] == "REQUEST" for r in real)
    sent_version = stored(db).load_roster(version.id)
    assert sent_version.kind == PUBLISHED
    # recorded with the revision its calendars carry, so a later publish rises above it
    assert sent_version.revision > 0
    history = table(at, "last sent")
    assert list(history["version"]) == [version.id]
    assert list(history["sent"]) == [len(version.shifts)]
    assert (tmp_path / "sent-log.jsonl").is_file()  # beside the plan database

    # sending again: nothing to send
    assert "Nothing to send: everyone with an e-mail address has this version." in texts(at)
    assert not any(b.key == "send_all" for b in at.button)

    # a shift removed on the roster page: only its cancellation goes
    goto(at, "roster")
    at.selectbox(key="shift_pick").set_value(shift_id(version.shifts[0])).run()
    at.button(key="shift_remove").click().run()
    goto(at, "send")
    preview = table(at, "what")
    assert list(preview["what"]) == ["cancelled"]
    at.button(key="send_all").click()
    settle(at.run())
    (cancel,) = smtp_server.box.received[1 + len(version.shifts) :]
    method, cal = calendar_part(cancel.message)
    gone = version.shifts[0]
    assert method == "CANCEL"
    assert cal.events[0].start == gone.start
    history = table(at, "last sent")
    assert len(history) == 2
