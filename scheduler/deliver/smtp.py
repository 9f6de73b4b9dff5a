"""Sending through the coordinator's SMTP server (``smtplib``), one message at a time.

Each message goes to exactly one address (the SMTP envelope names only it) and is
written to the sent log as soon as the server accepted it. What happens when something
goes wrong:

* the server refuses a recipient (``5xx`` to ``RCPT``): a bad address; logged as
  ``refused``, reported, the other messages still go;
* the server rejects one message (``5xx`` after ``DATA``) or a recipient for now
  (``4xx`` to ``RCPT``): logged as ``failed``, the others still go;
* the connection drops or times out: connect again once and retry that message (servers
  limit messages a connection); when that fails too, the run ends;
* the server asks to try later (``4xx`` after ``DATA``, ``421``), refuses the sender,
  the user name or password, or cannot be reached: the run ends.

Whatever was not accepted stays unsent in the log, so running again sends exactly the
rest.
"""

from __future__ import annotations

import smtplib
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import EmailMessage

from ..i18n import T, Text
from .sentlog import FAILED, REFUSED, SENT, Record, SentLog, address_key
from .texts import idna_address

DEFAULT_TIMEOUT = 30.0
SMTP_PORT, SUBMISSION_PORT = 25, 587


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send. ``password`` is only ever held in memory: the command line
    and the app take it from ``SEKASIN_SMTP_PASSWORD`` or ask for it, and store only the
    rest."""

    host: str
    port: int = SMTP_PORT
    starttls: bool = False
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    per_minute: float | None = None

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


def parse_server(text: str, *, starttls: bool = False) -> tuple[str, int]:
    """``HOST``, ``HOST:PORT`` or ``[IPv6]:PORT`` → (host, port); the port defaults to 587
    with STARTTLS, else 25. ValueError with a :class:`Text` saying what was expected."""
    value = text.strip()
    default = SUBMISSION_PORT if starttls else SMTP_PORT
    expected = T(
        "'{value}' is not a mail server; expected HOST or HOST:PORT such as smtp.example.fi:587",
        value=text,
    )
    if not value or any(c.isspace() or c in "/@" for c in value):
        raise ValueError(expected)
    if value.startswith("["):
        host, _sep, rest = value[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else None
        if rest and port_text is None:
            raise ValueError(expected)
    elif value.count(":") == 1:
        host, port_text = value.split(":")
    elif ":" in value:
        raise ValueError(expected)
    else:
        host, port_text = value, None
    if not host:
        raise ValueError(expected)
    if port_text is None:
        return host, default
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(expected)
    return host, int(port_text)


class SmtpFailure(Exception):
    """The server cannot take more now: the run ends. ``text`` says why, plainly."""

    def __init__(self, text: Text):
        super().__init__(text.render("en"))
        self.text = text


class NotInPlan(Exception):
    """An address that neither the roster nor the log of what was sent gives: never sent."""


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        detail = exc.smtp_error
        message = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        return f"{exc.smtp_code} {message}".strip()
    return str(exc) or type(exc).__name__


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open connection, STARTTLS and login done. Raises :class:`SmtpFailure`."""
    try:
        server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise SmtpFailure(
            T(
                "the mail server {server} cannot be reached: {error}",
                server=settings.where,
                error=_describe(exc),
            )
        ) from None
    try:
        server.ehlo()
        if settings.starttls:
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        if settings.user:
            server.login(settings.user, settings.password or "")
    except smtplib.SMTPAuthenticationError as exc:
        server.close()
        raise SmtpFailure(
            T(
                "the mail server {server} did not accept the user name or password: {error}",
                server=settings.where,
                error=_describe(exc),
            )
        ) from None
    except (OSError, smtplib.SMTPException, ssl.SSLError) as exc:
        server.close()
        raise SmtpFailure(
            T(
                "the mail server {server} failed while opening the connection: {error}",
                server=settings.where,
                error=_describe(exc),
            )
        ) from None
    return server


@contextmanager
def session(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    server = connect(settings)
    try:
        yield server
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()


@dataclass(frozen=True)
class Job:
    """One message to one address, and the log lines it stands for (result filled in)."""

    address: str
    build: Callable[[], EmailMessage]
    records: tuple[Record, ...]
    label: str = ""


@dataclass
class SendReport:
    """What a run did."""

    total: int = 0
    sent: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    stopped: Text | None = None
    interrupted: bool = False

    @property
    def unsent(self) -> int:
        return self.total - self.sent

    @property
    def ok(self) -> bool:
        return self.sent == self.total


Progress = Callable[[int, int, str], None]


def _stamp(records: Iterable[Record], result: str, error: str, message_id: str) -> list[Record]:
    at = datetime.now(UTC).isoformat(timespec="seconds")
    return [replace(r, at=at, result=result, error=error, message_id=message_id) for r in records]


def deliver(
    jobs: list[Job],
    settings: SmtpSettings,
    log: SentLog,
    *,
    sender: str,
    allowed: set[str],
    progress: Progress | None = None,
    stop: threading.Event | None = None,
) -> SendReport:
    """Send ``jobs`` in order through one connection (connecting again once when it drops),
    logging each. Raises :class:`SmtpFailure` only when nothing could be sent at all
    (cannot connect); a failure later ends the run with ``report.stopped`` set."""
    report = SendReport(total=len(jobs))
    for job in jobs:
        if address_key(job.address) not in allowed:
            raise NotInPlan(job.address)
    if not jobs:
        return report
    envelope_from = idna_address(sender)
    gap = 60.0 / settings.per_minute if settings.per_minute else 0.0
    server = connect(settings)
    sent_here = 0
    last = 0.0
    try:
        for done, job in enumerate(jobs):
            if stop is not None and stop.is_set():
                report.interrupted = True
                break
            if gap:
                wait = last + gap - time.monotonic()
                if wait > 0 and stop is not None and stop.wait(wait):
                    report.interrupted = True
                    break
                if wait > 0 and stop is None:
                    time.sleep(wait)
                last = time.monotonic()
            message = job.build()
            outcome = _send_one(server, message, envelope_from, job.address)
            if outcome == "reconnect":
                with suppress(OSError):
                    server.close()
                if sent_here == 0:
                    report.stopped = T(
                        "the connection to {server} was lost; run again to send the rest",
                        server=settings.where,
                    )
                    break
                try:
                    server = connect(settings)
                except SmtpFailure as exc:
                    report.stopped = exc.text
                    break
                sent_here = 0
                outcome = _send_one(server, message, envelope_from, job.address)
                if outcome == "reconnect":
                    report.stopped = T(
                        "the connection to {server} was lost; run again to send the rest",
                        server=settings.where,
                    )
                    break
            result, error = outcome if isinstance(outcome, tuple) else (SENT, "")
            if result == "stop":
                report.stopped = T(
                    "the mail server {server} stopped taking messages: {error}; run again "
                    "later to send the rest",
                    server=settings.where,
                    error=error,
                )
                break
            for record in _stamp(job.records, result, error, str(message["Message-ID"])):
                log.append(record)
            if result == SENT:
                report.sent += 1
                sent_here += 1
            elif result == REFUSED:
                report.refused.append((job.address, error))
            else:
                report.failed.append((job.address, error))
            if progress is not None:
                progress(done + 1, len(jobs), job.label)
    finally:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
    return report


def _send_one(
    server: smtplib.SMTP, message: EmailMessage, sender: str, address: str
) -> str | tuple[str, str]:
    """``"sent"``, ``(REFUSED|FAILED|"stop", why)`` or ``"reconnect"``."""
    try:
        server.send_message(message, from_addr=sender, to_addrs=[idna_address(address)])
    except smtplib.SMTPRecipientsRefused as exc:
        code, detail = next(iter(exc.recipients.values()), (550, b""))
        text = (
            f"{code} {detail.decode('utf-8', 'replace') if isinstance(detail, bytes) else detail}"
        )
        return (REFUSED if 500 <= code < 600 else FAILED, text.strip())
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
        if exc.smtp_code == 421:  # closing the connection: perhaps a limit a connection
            return "reconnect"
        if isinstance(exc, smtplib.SMTPSenderRefused) or 400 <= exc.smtp_code < 500:
            return ("stop", _describe(exc))
        return (FAILED, _describe(exc))
    except smtplib.SMTPNotSupportedError as exc:
        return (FAILED, _describe(exc))
    except smtplib.SMTPServerDisconnected:
        return "reconnect"
    except smtplib.SMTPResponseException as exc:
        if exc.smtp_code == 421:
            return "reconnect"
        return ("stop", _describe(exc))
    except OSError:  # reset, timed out
        return "reconnect"
    return SENT
