"""A real SMTP server (aiosmtpd) on a free local port, started by the test, that keeps
every message it accepted and can be told to fail the way real servers do."""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Mailbox:
    """What the server does and what it got. ``fail_from``: from that message on (1-based,
    counting messages that reached DATA) the server answers ``fail_reply``, or with
    ``"drop"`` drops the connection, or with ``"hang"`` never answers."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    fail_from: int | None = None
    fail_reply: str = "451 4.3.0 Try again later"
    attempts: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def heal(self) -> None:
        self.fail_from = None

    @property
    def messages(self) -> list[EmailMessage]:
        return [r.message for r in self.received]

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.recipients]


class Handler:
    def __init__(self, box: Mailbox):
        self.box = box

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.box.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.box.lock:
            self.box.attempts += 1
            failing = self.box.fail_from is not None and self.box.attempts >= self.box.fail_from
        if failing:
            if self.box.fail_reply == "drop":
                server.transport.abort()
                return "421 4.3.2 Closing"
            if self.box.fail_reply == "hang":
                await asyncio.sleep(6)
                return "451 4.3.0 Too late"
            return self.box.fail_reply
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.box.lock:
            self.box.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted"


class FreePortController(Controller):
    """aiosmtpd's controller on a port the system picks (port 0), read back once bound."""

    def _trigger_server(self):
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@dataclass
class SmtpServer:
    host: str
    port: int
    box: Mailbox

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"


@pytest.fixture
def smtp_server():
    box = Mailbox()
    controller = FreePortController(Handler(box), hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", controller.port, box)
    finally:
        controller.stop()
