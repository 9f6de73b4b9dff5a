"""`scheduler remind`: a reminder to each person of their shifts starting within N days."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..domain import HELSINKI
from ..errors import Finding, InputError
from ..i18n import _, current_language, ngettext
from .common import positive_int
from .send import (
    ProgressPrinter,
    add_smtp_arguments,
    check_sender,
    command_line,
    exit_code,
    print_problems,
    smtp_settings,
    with_log,
)

if TYPE_CHECKING:
    from ..deliver import SendReport, SentLog

HELP = _(
    "remind each person by e-mail of their shifts starting within N days, once a shift "
    "(run it daily from cron or a scheduled task)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_smtp_arguments(parser)
    parser.add_argument(
        "--days",
        type=positive_int,
        required=True,
        metavar="N",
        help=_("remind of shifts starting within N days"),
    )
    parser.add_argument(
        "--now",
        metavar="TIME",
        help=_("count the days from TIME (ISO 8601, e.g. 2026-03-01T09:00+02:00) instead of now"),
    )


def _now(args: argparse.Namespace) -> datetime:
    if not args.now:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(args.now)
    except ValueError:
        raise InputError(
            _("'{value}' is not a time such as 2026-03-01T09:00+02:00", value=args.now),
            command_line("--now"),
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=HELSINKI)
    return moment


def run(args: argparse.Namespace) -> int:
    from ..deliver import (
        Context,
        cannot_reach,
        default_log_path,
        plan_reminders,
        read_log,
        read_published,
        send_reminders,
        shift_line,
    )

    sender = check_sender(args)
    settings = smtp_settings(args)
    now = _now(args)
    published = read_published(args.outdir)
    log_path = args.log or default_log_path()
    contact = (args.contact or "").strip() or published.contact_info
    if args.dry_run or settings is None:
        plan = plan_reminders(published, read_log(log_path), args.days, now)
        print_problems([*plan.bad_addresses, *plan.warnings])
        print(ngettext("{n} reminder would go.", "{n} reminders would go.", len(plan.items)))
        for item in plan.items:
            shifts = "; ".join(shift_line(e, current_language()) for e in item.events)
            print(f"  {item.person.name} <{item.address}>  {shifts}")
        for note in cannot_reach(plan.without_email, ()):
            print(note)
        return exit_code(None, plan.bad_addresses)

    def body(log: SentLog) -> tuple[SendReport, list[Finding]]:
        plan = plan_reminders(published, log, args.days, now)
        print_problems([*plan.bad_addresses, *plan.warnings])
        for note in cannot_reach(plan.without_email, ()):
            print(note, file=sys.stderr)
        report = send_reminders(
            plan,
            settings,
            log,
            sender=sender,
            contact=contact,
            context=Context(folder=str(args.outdir.resolve())),
            progress=ProgressPrinter(),
        )
        return report, plan.bad_addresses

    return with_log(log_path, body)
