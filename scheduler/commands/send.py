"""`scheduler send`: the roster to each person as calendar invitations by e-mail."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..cli import print_findings
from ..errors import Finding, InputError, Location
from ..i18n import _, current_language, ngettext
from .common import positive_float

if TYPE_CHECKING:
    from ..deliver import Outbox, Published, SendReport, SentLog

# The delivery package (icalendar, the mail code) is imported where it is used, so that
# the command line's help and the other commands do not load it.

PASSWORD_ENV = "SEKASIN_SMTP_PASSWORD"
HELP = _(
    "send each person their shifts as calendar invitations by e-mail; a second send sends "
    "only what changed"
)


def add_smtp_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``send`` and ``remind`` share."""
    parser.add_argument(
        "outdir", type=Path, metavar="OUTDIR", help=_("the output folder of scheduler solve")
    )
    parser.add_argument(
        "--smtp",
        metavar="HOST[:PORT]",
        help=_("the mail server (port 25, or 587 with --starttls, unless given)"),
    )
    parser.add_argument(
        "--from",
        dest="sender",
        required=True,
        metavar="ADDRESS",
        help=_("the coordinator's address: the sender and the organiser of the invitations"),
    )
    parser.add_argument(
        "--log",
        type=Path,
        metavar="FILE",
        help=_("the log of what was sent (default: sent-log.jsonl next to the plan database)"),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("list who would get what; send nothing")
    )
    parser.add_argument(
        "--starttls", action="store_true", help=_("encrypt the connection with STARTTLS")
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=_("log in as NAME; the password comes from SEKASIN_SMTP_PASSWORD or is asked for"),
    )
    parser.add_argument(
        "--timeout",
        type=positive_float,
        default=30.0,
        metavar="S",
        help=_("seconds to wait for the server (default 30)"),
    )
    parser.add_argument(
        "--per-minute",
        type=positive_float,
        metavar="N",
        help=_("send at most N messages a minute (for servers that limit it)"),
    )
    parser.add_argument(
        "--contact",
        metavar="TEXT",
        help=_(
            "how to reach the chat team during a shift (default: settings.contact_info of "
            "summary.json, else a general sentence)"
        ),
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_smtp_arguments(parser)


def command_line(option: str) -> Location:
    return Location(file=_("command line"), cell=option)


def check_sender(args: argparse.Namespace) -> str:
    from ..deliver import address_problem

    sender = args.sender.strip()
    problem = address_problem(sender)
    if problem is not None:
        raise InputError(problem, command_line("--from"))
    return sender


def smtp_settings(args: argparse.Namespace, *, ask: Callable[[str], str] = getpass.getpass):
    """The server settings from the options, or None for a dry run without ``--smtp``.
    The password: ``SEKASIN_SMTP_PASSWORD``, else asked for on a terminal."""
    from ..deliver import SmtpSettings, parse_server

    if args.smtp is None:
        if args.dry_run:
            return None
        raise InputError(
            _("missing; expected the mail server as HOST or HOST:PORT"), command_line("--smtp")
        )
    try:
        host, port = parse_server(args.smtp, starttls=args.starttls)
    except ValueError as exc:
        raise InputError(exc.args[0], command_line("--smtp")) from None
    password = os.environ.get(PASSWORD_ENV)
    if args.user and password is None and not args.dry_run:
        if not sys.stdin.isatty():
            raise InputError(
                _("--user needs a password: set SEKASIN_SMTP_PASSWORD"), command_line("--user")
            )
        password = ask(_("Password for {user} at {server}: ", user=args.user, server=args.smtp))
    return SmtpSettings(
        host=host,
        port=port,
        starttls=args.starttls,
        user=args.user or None,
        password=password,
        timeout=args.timeout,
        per_minute=args.per_minute,
    )


def describe_outbox(outbox: Outbox, published: Published, *, listing: bool) -> str:
    """What a send would do: counts, then (``listing``) one line a message, then everyone
    who cannot be reached by e-mail."""
    from ..deliver import CANCELLED_WHAT, CHANGED, NEW, cannot_reach, shift_line, what_word

    lines = [
        _(
            "Messages: {n} (new {new}, changed {changed}, cancelled {cancelled}); "
            "recipients: {people}.",
            n=len(outbox.items),
            new=outbox.count(NEW),
            changed=outbox.count(CHANGED),
            cancelled=outbox.count(CANCELLED_WHAT),
            people=len(outbox.recipients),
        )
    ]
    if listing:
        for item in outbox.items:
            lines.append(
                f"  {item.person.name} <{item.address}>  {what_word(item.what)}  "
                f"{shift_line(item.event, current_language())}"
            )
    lines += cannot_reach(outbox.without_email, outbox.unreachable)
    return "\n".join(lines)


def print_problems(findings: list[Finding]) -> None:
    if findings:
        print_findings(InputError(findings))


class ProgressPrinter:
    """``sent 100 of 1 214`` on stderr, at most once a second, and at the end."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 1.0:
            return
        self.last = now
        print(_("sent {done} of {total}", done=done, total=total), file=sys.stderr, flush=True)


def report_run(report: SendReport, log_path: Path) -> None:
    print(
        _(
            "Sent {sent} of {total} messages; the log is {log}.",
            sent=report.sent,
            total=report.total,
            log=str(log_path),
        )
    )
    for address, error in report.refused:
        print(
            _("refused: {address}: {error} (check the address)", address=address, error=error),
            file=sys.stderr,
        )
    for address, error in report.failed:
        print(_("not sent: {address}: {error}", address=address, error=error), file=sys.stderr)
    if report.stopped is not None:
        print(_("error: {finding}", finding=report.stopped), file=sys.stderr)
    if report.interrupted or report.stopped is not None:
        print(
            ngettext(
                "{n} message was not sent; run the same command again to send it.",
                "{n} messages were not sent; run the same command again to send them.",
                report.total - report.sent - len(report.refused) - len(report.failed),
            ),
            file=sys.stderr,
        )


def exit_code(report: SendReport | None, problems: list[Finding]) -> int:
    """1 when the server did not take everything, else 2 when input was bad, else 0."""
    if report is not None and (report.stopped or report.refused or report.failed):
        return 1
    return 2 if problems else 0


def with_log(log_path: Path, body: Callable[[SentLog], tuple[SendReport, list[Finding]]]) -> int:
    """Run ``body`` with the log locked; report what it sent; the exit code."""
    from ..deliver import LogBusy, SmtpFailure, open_log

    try:
        with open_log(log_path) as log:
            report, problems = body(log)
    except LogBusy:
        print(
            _(
                "error: another send or reminder run is using {log}; try again when it has ended",
                log=str(log_path),
            ),
            file=sys.stderr,
        )
        return 1
    except SmtpFailure as exc:
        print(_("error: {finding}", finding=exc.text), file=sys.stderr)
        print(_("Nothing was sent."), file=sys.stderr)
        return 1
    report_run(report, log_path)
    return exit_code(report, problems)


def run(args: argparse.Namespace) -> int:
    from ..deliver import (
        Context,
        default_log_path,
        plan_invitations,
        read_log,
        read_published,
        send_invitations,
    )

    sender = check_sender(args)
    settings = smtp_settings(args)
    published = read_published(args.outdir)
    log_path = args.log or default_log_path()
    contact = (args.contact or "").strip() or published.contact_info
    if args.dry_run or settings is None:
        outbox = plan_invitations(published, read_log(log_path))
        print_problems([*outbox.bad_addresses, *outbox.held, *outbox.warnings])
        print(describe_outbox(outbox, published, listing=True))
        return exit_code(None, [*outbox.bad_addresses, *outbox.held])

    def body(log: SentLog) -> tuple[SendReport, list[Finding]]:
        outbox = plan_invitations(published, log)
        problems = [*outbox.bad_addresses, *outbox.held]
        print_problems([*problems, *outbox.warnings])
        print(describe_outbox(outbox, published, listing=False), file=sys.stderr)
        report = send_invitations(
            outbox,
            settings,
            log,
            sender=sender,
            contact=contact,
            context=Context(folder=str(args.outdir.resolve())),
            progress=ProgressPrinter(),
        )
        return report, problems

    return with_log(log_path, body)
