"""Step 8: send the roster to people: calendar invitations by e-mail, updates,
cancellations; a test to the coordinator first; the log of what was sent, per version.

The messages come from a published folder of the version (``roster.csv`` and
``calendars/``, as ``scheduler solve`` writes it), kept in the plan data folder beside the
sent log, one per version and the published version before it. So sending the same
version again sends nothing, and the command line (``scheduler send``) can use the same
folder and log.
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from ...deliver import (
    CANCELLED_WHAT,
    CHANGED,
    NEW,
    Context,
    LogBusy,
    Outbox,
    Published,
    Record,
    SendReport,
    SmtpFailure,
    SmtpSettings,
    address_problem,
    cannot_reach,
    default_log_path,
    open_log,
    plan_invitations,
    read_log,
    read_published,
    send_invitations,
    send_test,
    shift_line,
    what_word,
)
from ...deliver.sentlog import CANCELLATION, INVITATION, REFUSED, REMINDER, SENT
from ...i18n import T, _, current_language, ngettext, pgettext
from ...publish import publish_revision
from ...store import PUBLISHED
from .. import state
from ..components import need_demand
from ..tables import local_numbers
from ..workflow import previous_roster, publish_files
from .plan import plan_language

PASSWORD_ENV = "SEKASIN_SMTP_PASSWORD"
SETTINGS_KEY = "smtp"
JOB_KEY = "_send_job_{plan}"
RESULT_KEY = "_send_result_{plan}"
POLL_SECONDS = 0.5


def log_path() -> Path:
    return default_log_path()


def folder_for(plan_id: int, version_id: int, previous_id: int | None) -> Path:
    """Where a version's published folder is kept (beside the plan database)."""
    after = previous_id if previous_id is not None else "none"
    return (
        log_path().parent / "published" / f"plan-{plan_id}" / f"version-{version_id}-after-{after}"
    )


def _sent_versions(plan_id: int) -> list[Record]:
    """The log's invitations and cancellations sent for this plan, oldest first."""
    return [
        r
        for r in read_log(log_path()).for_plan(plan_id)
        if r.sent and r.kind in (INVITATION, CANCELLATION) and r.version is not None
    ]


REVISION_FILE = "revision.txt"


def folder_revision(folder: Path) -> int:
    """The publish revision the folder's calendars were written with (0 if unknown)."""
    try:
        return int((folder / REVISION_FILE).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return 0


def published_folder(session: state.PlanSession) -> Path:
    """The version's published folder (``roster.csv``, ``calendars/``, ``summary.json``).

    The folder this version was sent from before, when there is one: a second send finds
    exactly what the first sent and sends only what did not go. Otherwise it is written
    now against the version people have: the one sent last, else the last published."""
    version = session.version
    assert version is not None and version.id is not None
    sent = _sent_versions(session.id)
    for record in reversed(sent):
        if record.version == version.id and (Path(record.folder) / "roster.csv").is_file():
            return Path(record.folder)
    earlier = [r.version for r in sent if r.version is not None and r.version != version.id]
    previous = None
    if earlier:
        try:
            previous = state.store().load_roster(earlier[-1])
        except Exception:  # deleted since: fall back to the last published version
            previous = None
    if previous is None:
        published = state.store().latest_roster(session.id, PUBLISHED)
        previous = published if published is not None and published.id != version.id else None
    folder = folder_for(session.id, version.id, previous.id if previous else None)
    if (folder / "roster.csv").is_file() and (folder / "calendars").is_dir():
        return folder
    outcome = session.outcome()
    assert outcome is not None
    # as the Publish step does: the people as they were (so someone who left is cancelled
    # in their own language), and a revision above every earlier publish of the plan
    now = datetime.now(UTC).replace(microsecond=0)
    floor = state.store().last_revision(session.id)
    files = publish_files(
        outcome,
        previous=previous_roster(previous),
        contact_info=session.plan.settings.get("contact_info") or None,
        now=now,
        revision_floor=floor,
        lang=plan_language(session.plan.settings),
    )
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    for name in ("roster.csv", "summary.json"):
        (partial / name).write_bytes(files[name])
    (partial / REVISION_FILE).write_text(str(publish_revision(now, floor)), encoding="utf-8")
    with zipfile.ZipFile(io.BytesIO(files["calendars.zip"])) as archive:
        archive.extractall(partial / "calendars")
    try:
        partial.rename(folder)
    except OSError:  # another session wrote it meanwhile
        shutil.rmtree(partial, ignore_errors=True)
    return folder


def load_published(folder: Path) -> Published:
    """The folder read once a browser session (it does not change once written)."""
    cache = st.session_state.setdefault("_send_published", {})
    if str(folder) not in cache:
        cache.clear()
        cache[str(folder)] = read_published(folder)
    return cache[str(folder)]


# --------------------------------------------------------------------------- sending


@dataclass
class SendJob:
    """A send running in a background thread; the page polls it."""

    total: int
    done: int = 0
    last: str = ""
    report: SendReport | None = None
    error: str | None = None
    stop: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)

    def progress(self, done: int, total: int, label: str) -> None:
        self.done, self.total, self.last = done, total, label


def start_send(
    published: Published,
    settings: SmtpSettings,
    sender: str,
    contact: str | None,
    context: Context,
    total: int,
) -> SendJob:
    job = SendJob(total=total)
    language = current_language()

    def run() -> None:
        try:
            with open_log(log_path()) as log:
                outbox = plan_invitations(published, log)
                job.total = len(outbox.items)
                job.report = send_invitations(
                    outbox,
                    settings,
                    log,
                    sender=sender,
                    contact=contact,
                    context=context,
                    progress=job.progress,
                    stop=job.stop,
                )
        except LogBusy:
            job.error = T("Another send is using the log; try again when it has ended.").render(
                language
            )
        except SmtpFailure as exc:
            job.error = exc.text.render(language)
        except Exception as exc:  # shown on the page; the app keeps running
            job.error = f"{type(exc).__name__}: {exc}"
        finally:
            job.finished.set()

    threading.Thread(target=run, name="sekasin-send", daemon=True).start()
    return job


# --------------------------------------------------------------------------- the page


def _settings_form(session: state.PlanSession) -> dict[str, Any]:
    saved = dict(session.plan.settings.get(SETTINGS_KEY) or {})
    with st.form("smtp_form"):
        st.markdown(_("**Mail server**"))
        left, right = st.columns([3, 1])
        host = left.text_input(_("Server"), saved.get("host", ""), key="smtp_host")
        port = right.number_input(
            _("Port"), 1, 65535, int(saved.get("port") or 587), key="smtp_port"
        )
        starttls = st.checkbox(
            _("Encrypt with STARTTLS"), bool(saved.get("starttls", True)), key="smtp_starttls"
        )
        user = st.text_input(
            _("User name (empty: no login)"), saved.get("user", ""), key="smtp_user"
        )
        sender = st.text_input(
            _("Your address (the sender and organiser)"), saved.get("from", ""), key="smtp_from"
        )
        per_minute = st.number_input(
            _("At most this many messages a minute (0: no limit)"),
            0,
            10000,
            int(saved.get("per_minute") or 0),
            key="smtp_per_minute",
        )
        if st.form_submit_button(_("Save the mail settings")):
            saved = {
                "host": host.strip(),
                "port": int(port),
                "starttls": bool(starttls),
                "user": user.strip(),
                "from": sender.strip(),
                "per_minute": int(per_minute),
            }
            session.save(session.plan.but(settings={**session.plan.settings, SETTINGS_KEY: saved}))
            st.success(_("Saved with the plan (the password is never saved)."))
    if os.environ.get(PASSWORD_ENV):
        st.caption(_("The password comes from SEKASIN_SMTP_PASSWORD."))
    elif saved.get("user"):
        st.text_input(
            _("Password (kept for this session only)"), type="password", key="smtp_password"
        )
    return saved


def _smtp(saved: dict[str, Any]) -> SmtpSettings | None:
    if not saved.get("host") or not saved.get("from"):
        return None
    password = os.environ.get(PASSWORD_ENV) or st.session_state.get("smtp_password") or None
    return SmtpSettings(
        host=saved["host"],
        port=int(saved.get("port") or 587),
        starttls=bool(saved.get("starttls")),
        user=saved.get("user") or None,
        password=password,
        per_minute=float(saved["per_minute"]) if saved.get("per_minute") else None,
    )


def _preview(outbox: Outbox) -> None:
    cols = st.columns(4)
    cols[0].metric(pgettext("delivery", "messages"), len(outbox.items))
    for col, what in zip(cols[1:], (NEW, CHANGED, CANCELLED_WHAT), strict=True):
        col.metric(what_word(what), outbox.count(what))
    lang = current_language()
    if outbox.items:
        st.dataframe(
            local_numbers(
                pd.DataFrame(
                    [
                        {
                            pgettext("delivery", "person"): item.person.name,
                            pgettext("delivery", "address"): item.address,
                            pgettext("delivery", "what"): what_word(item.what),
                            pgettext("delivery", "shift"): shift_line(item.event, lang),
                        }
                        for item in outbox.items
                    ]
                )
            ),
            key="send_preview",
            hide_index=True,
            width="stretch",
            height=300,
        )
    else:
        st.success(_("Nothing to send: everyone with an e-mail address has this version."))
    for note in cannot_reach(outbox.without_email, outbox.unreachable):
        st.warning(note)
    for finding in [*outbox.bad_addresses, *outbox.held]:
        st.error(str(finding))
    for finding in outbox.warnings:
        st.warning(str(finding))


@st.fragment(run_every=POLL_SECONDS)
def _progress(session: state.PlanSession) -> None:
    job: SendJob | None = st.session_state.get(JOB_KEY.format(plan=session.id))
    if job is None:
        return
    if job.finished.is_set():
        st.rerun()
    st.progress(
        job.done / max(job.total, 1),
        text=_("Sent {done} of {total}", done=job.done, total=job.total),
    )
    st.button(_("Stop sending"), key="send_stop", on_click=job.stop.set)


def _finished(session: state.PlanSession) -> None:
    """The outcome of the last send of this plan, shown until the next one starts."""
    key = JOB_KEY.format(plan=session.id)
    job: SendJob | None = st.session_state.get(key)
    if job is not None and job.finished.is_set():
        del st.session_state[key]
        st.session_state[RESULT_KEY.format(plan=session.id)] = job
    job = st.session_state.get(RESULT_KEY.format(plan=session.id))
    if job is None:
        return
    report = job.report
    if job.error:
        st.error(_("Nothing more was sent: {error}", error=job.error))
    if report is None:
        return
    text = _("Sent {sent} of {total} messages.", sent=report.sent, total=report.total)
    if report.ok:
        st.success(text)
    else:
        st.warning(text)
    for address, error in report.refused:
        st.error(_("Refused: {address}: {error}", address=address, error=error))
    for address, error in report.failed:
        st.error(_("Not sent: {address}: {error}", address=address, error=error))
    if report.stopped is not None:
        st.error(
            _("The server stopped: {error}. Send again to send the rest.", error=report.stopped)
        )


def kind_word(kind: str) -> str:
    if kind == INVITATION:
        return pgettext("delivery", "invitation")
    if kind == CANCELLATION:
        return pgettext("delivery", "cancellation")
    if kind == REMINDER:
        return pgettext("delivery", "reminder")
    return pgettext("delivery", "test")


def result_word(result: str) -> str:
    if result == SENT:
        return pgettext("delivery", "sent")
    if result == REFUSED:
        return pgettext("delivery", "refused")
    return pgettext("delivery", "not sent")


def _history(session: state.PlanSession) -> None:
    records = read_log(log_path()).for_plan(session.id)
    if not records:
        return
    st.subheader(_("What was sent"))
    by_version: dict[Any, list] = {}
    for r in records:
        by_version.setdefault(r.version, []).append(r)
    st.dataframe(
        local_numbers(
            pd.DataFrame(
                [
                    {
                        pgettext("delivery", "version"): version,
                        pgettext("delivery", "last sent"): max(r.at for r in rows),
                        pgettext("delivery", "sent"): sum(
                            1 for r in rows if r.sent and r.kind != "test"
                        ),
                        pgettext("delivery", "not sent"): sum(1 for r in rows if not r.sent),
                        pgettext("delivery", "people"): len(
                            {r.address for r in rows if r.kind != "test"}
                        ),
                    }
                    for version, rows in sorted(by_version.items(), key=lambda kv: kv[0] or 0)
                ]
            )
        ),
        key="send_history",
        hide_index=True,
        width="stretch",
    )
    versions = sorted(by_version, key=lambda v: v or 0)
    pick = st.selectbox(
        _("Show the messages of version"), versions, index=len(versions) - 1, key="send_log_version"
    )
    st.dataframe(
        local_numbers(
            pd.DataFrame(
                [
                    {
                        pgettext("delivery", "time"): r.at,
                        pgettext("delivery", "kind"): kind_word(r.kind),
                        pgettext("delivery", "result"): result_word(r.result),
                        pgettext("delivery", "address"): r.address,
                        pgettext("delivery", "person"): r.name,
                        pgettext(
                            "delivery", "shift"
                        ): f"{r.start[:16].replace('T', ' ')} {r.service}",
                        pgettext("delivery", "error"): r.error,
                    }
                    for r in by_version[pick]
                ]
            )
        ),
        key="send_log",
        hide_index=True,
        width="stretch",
    )


def render(session: state.PlanSession) -> None:
    st.header(_("Send"))
    if need_demand(session):
        return
    version = session.version
    if version is None:
        st.info(_("No roster yet: optimise on step 4."))
        return
    _finished(session)
    st.caption(
        _(
            "Each person with an e-mail address gets each of their shifts as a calendar "
            "invitation; after a re-plan, only what changed goes: updates, and cancellations "
            "also to people who left. Sending marks version {version} published.",
            version=version.id,
        )
    )
    saved = _settings_form(session)
    settings = _smtp(saved)
    job = st.session_state.get(JOB_KEY.format(plan=session.id))
    if job is not None:
        _progress(session)
        return
    with st.spinner(_("Publishing the version's calendars…")):
        folder = published_folder(session)
        published = load_published(folder)
    outbox = plan_invitations(published, read_log(log_path()))
    st.subheader(_("Who gets what"))
    _preview(outbox)
    sender = str(saved.get("from", ""))
    problem = address_problem(sender) if sender else None
    if settings is None or problem is not None:
        st.info(_("Give the mail server and your address above to send."))
        _history(session)
        return
    contact = published.contact_info
    context = Context(plan=session.id, version=version.id, folder=str(folder))
    left, right = st.columns(2)
    if outbox.items and left.button(
        _("Send a test to {address}", address=sender), key="send_test", width="stretch"
    ):
        try:
            with open_log(log_path()) as log:
                send_test(
                    outbox.items[0],
                    settings,
                    sender=sender,
                    contact=contact,
                    log=log,
                    context=context,
                )
            st.success(_("The test went to {address}.", address=sender))
        except SmtpFailure as exc:
            st.error(str(exc.text))
        except LogBusy:
            st.error(_("Another send is using the log; try again when it has ended."))
        except Exception as exc:  # a refusal of the coordinator's own address, ...
            reason = f"{type(exc).__name__}: {exc}"
            st.error(_("The test was not sent: {error}", error=reason))
    if outbox.items and right.button(
        ngettext("Send {n} message", "Send {n} messages", len(outbox.items)),
        key="send_all",
        type="primary",
        width="stretch",
    ):
        if version.kind != PUBLISHED and version.id is not None:
            state.store().mark_published(version.id, revision=folder_revision(folder))
            session.version = state.store().load_roster(version.id)
        st.session_state.pop(RESULT_KEY.format(plan=session.id), None)
        st.session_state[JOB_KEY.format(plan=session.id)] = start_send(
            published, settings, sender, contact, context, len(outbox.items)
        )
        st.rerun()
    _history(session)
