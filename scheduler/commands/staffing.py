"""`scheduler staffing`: the Erlang A table for one arrival rate, n = 0 up to 99.9 % answered."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..domain import DEFAULT_AHT_MINUTES, DEFAULT_CHATS_PER_WORKER, DEFAULT_PATIENCE_MINUTES
from ..errors import InputError, Location
from ..i18n import _, current_language, fmt_number, fmt_percent, ngettext
from .common import positive_float, positive_int

if TYPE_CHECKING:
    from ..queueing import QueueStats

FIELDS = ("staff", "answered_per_hour", "answer_rate", "p_wait", "p_abandon", "mean_wait_minutes")


def __getattr__(name: str) -> str:
    # the command's one-line help, in the language chosen when the parser is built
    if name == "HELP":
        from ..queueing import STAFFING_TARGET  # numpy and scipy: only for the help

        return _(
            "the queue for n = 0, 1, 2, … people on duty at a given number of contacts an hour "
            "(Erlang A), until {target:.1%} are answered",
            target=STAFFING_TARGET,
        )
    raise AttributeError(name)


def non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a number", text=text)) from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(_("{text!r} must be 0 or more", text=text))
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--contacts-per-hour",
        type=non_negative_float,
        required=True,
        metavar="X",
        help=_("contacts arriving an hour"),
    )
    parser.add_argument(
        "--aht-minutes",
        type=positive_float,
        default=DEFAULT_AHT_MINUTES,
        metavar="M",
        help=_(
            "mean handling time of a conversation in minutes (default {default})",
            default=DEFAULT_AHT_MINUTES,
        ),
    )
    parser.add_argument(
        "--patience-minutes",
        type=positive_float,
        default=DEFAULT_PATIENCE_MINUTES,
        metavar="P",
        help=_(
            "mean time a contact waits before leaving the queue (default {default})",
            default=DEFAULT_PATIENCE_MINUTES,
        ),
    )
    parser.add_argument(
        "--chats-per-worker",
        type=positive_int,
        default=DEFAULT_CHATS_PER_WORKER,
        metavar="C",
        help=_(
            "conversations a duty worker holds at once (default {default})",
            default=DEFAULT_CHATS_PER_WORKER,
        ),
    )
    parser.add_argument("--json", action="store_true", help=_("print the rows as JSON"))


def format_table(
    rows: Sequence[QueueStats], contacts: float, aht: float, patience: float, chats: int
) -> str:
    """The table in words and columns; rows where the queue cannot keep up are marked."""
    lines = [
        ngettext(
            "{contacts} contacts an hour, handling time {aht} min, patience {patience} min, "
            "{n} chat per worker (Erlang A)",
            "{contacts} contacts an hour, handling time {aht} min, patience {patience} min, "
            "{n} chats per worker (Erlang A)",
            chats,
            contacts=contacts,
            aht=aht,
            patience=patience,
        ),
        "",
    ]
    head = (_("staff"), _("answered/h"), _("answered"), _("P(wait)"), _("P(abandon)"))
    wait = _("mean wait")
    lines.append(
        f"{head[0]:>5}  {head[1]:>10}  {head[2]:>8}  {head[3]:>7}  {head[4]:>10}  {wait:>11}"
    )
    lang = current_language()
    for r in rows:
        mark = "" if r.keeps_up else " *"
        answered = fmt_number(r.answered_per_hour, lang, 2, grouping=False)
        rate, waits, leaves = (fmt_percent(x, lang) for x in (r.answer_rate, r.p_wait, r.p_abandon))
        minutes = fmt_number(r.mean_wait_minutes, lang, 1, grouping=False)
        lines.append(
            f"{r.staff:>5}  {answered:>10}  {rate:>8}  {waits:>7}  {leaves:>10}  "
            f"{minutes:>7} min{mark}"
        )
    if any(not r.keeps_up for r in rows):
        lines += [
            "",
            _(
                "* more contacts arrive than this many people can answer: the queue grows "
                "until patience runs out"
            ),
        ]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from ..queueing import QueueError, staffing_table

    try:
        rows = staffing_table(
            args.contacts_per_hour,
            args.aht_minutes,
            args.patience_minutes,
            args.chats_per_worker,
        )
    except QueueError as exc:
        raise InputError(f"{exc}", Location("command line")) from None
    if args.json:
        print(json.dumps([{k: r.as_dict()[k] for k in FIELDS} for r in rows], indent=2))
    else:
        print(
            format_table(
                rows,
                args.contacts_per_hour,
                args.aht_minutes,
                args.patience_minutes,
                args.chats_per_worker,
            )
        )
    return 0
