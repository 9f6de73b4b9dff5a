"""`scheduler check`: read availability files, validate them and report."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..domain import Horizon, Rules
from ..i18n import N_, _
from .common import add_horizon, add_mapping, mappings

HELP = N_("read and validate availability files; list people, offered hours and every problem")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help=_("availability files: workbooks (.xlsx) or CSV files, any of the accepted shapes"),
    )
    add_horizon(parser)
    parser.add_argument(
        "--slot-minutes",
        type=int,
        choices=(60, 30),
        default=60,
        help=_("slot length the plan uses, in minutes (default 60)"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("print the people, errors and warnings as JSON (English keys)"),
    )
    add_mapping(parser)


def run(args: argparse.Namespace) -> int:
    from ..intake import check_report, format_report, load_availability

    horizon = Horizon(args.start, args.weeks)
    intake = load_availability(
        args.files,
        horizon,
        Rules(slot_minutes=args.slot_minutes),
        display_names=[str(f) for f in args.files],
        mappings=mappings(args),
    )
    if args.json:
        print(json.dumps(check_report(intake, horizon), ensure_ascii=False, indent=2))
    else:
        print(format_report(intake, horizon))
    return 2 if intake.findings.errors else 0
