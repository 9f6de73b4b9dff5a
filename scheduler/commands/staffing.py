"""`scheduler staffing`: the Erlang A table for one arrival rate, n = 0 up to 99 % answered."""

from __future__ import annotations

import argparse
import json

from ..domain import DEFAULT_AHT_MINUTES, DEFAULT_CHATS_PER_WORKER, DEFAULT_PATIENCE_MINUTES
from ..errors import InputError, Location
from ..queueing import QueueError, staffing_table
from .common import positive_float, positive_int

HELP = (
    "the queue for n = 0, 1, 2, … people on duty at a given number of contacts an hour "
    "(Erlang A), up to where 99 % are answered"
)
FIELDS = ("staff", "answered_per_hour", "answer_rate", "p_wait", "p_abandon", "mean_wait_minutes")


def non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--contacts-per-hour",
        type=non_negative_float,
        required=True,
        metavar="X",
        help="contacts arriving an hour",
    )
    parser.add_argument(
        "--aht-minutes",
        type=positive_float,
        default=DEFAULT_AHT_MINUTES,
        metavar="M",
        help=f"mean handling time of a conversation in minutes (default {DEFAULT_AHT_MINUTES:g})",
    )
    parser.add_argument(
        "--patience-minutes",
        type=positive_float,
        default=DEFAULT_PATIENCE_MINUTES,
        metavar="P",
        help=f"mean time a contact waits before leaving the queue "
        f"(default {DEFAULT_PATIENCE_MINUTES:g})",
    )
    parser.add_argument(
        "--chats-per-worker",
        type=positive_int,
        default=DEFAULT_CHATS_PER_WORKER,
        metavar="C",
        help=f"conversations a duty worker holds at once (default {DEFAULT_CHATS_PER_WORKER})",
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")


def format_table(rows, contacts: float, aht: float, patience: float, chats: int) -> str:
    lines = [
        f"{contacts:g} contacts an hour, handling time {aht:g} min, patience {patience:g} "
        f"min, {chats} chat(s) per worker (Erlang A)",
        "",
        f"{'staff':>5}  {'answered/h':>10}  {'answered':>8}  {'P(wait)':>7}  "
        f"{'P(abandon)':>10}  {'mean wait':>9}",
    ]
    for r in rows:
        lines.append(
            f"{r.staff:>5}  {r.answered_per_hour:>10.2f}  {r.answer_rate:>8.1%}  "
            f"{r.p_wait:>7.1%}  {r.p_abandon:>10.1%}  {r.mean_wait_minutes:>6.1f} min"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        rows = staffing_table(
            args.contacts_per_hour,
            args.aht_minutes,
            args.patience_minutes,
            args.chats_per_worker,
            target=0.99,
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
