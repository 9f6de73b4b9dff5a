"""`scheduler forecast`: read a contact history, forecast the horizon, write the demand CSV."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from ..domain import HOLIDAY_MODES, Horizon, Rules
from ..i18n import N_, _, current_language, fmt_number, render
from .common import add_horizon

HELP = N_(
    "forecast contacts per service and slot from a contact history; write the demand CSV "
    "and print the backtest"
)


def quantile(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a number", text=text)) from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(_("'{text}' must be between 0 and 1, e.g. 0.8", text=text))
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--history",
        type=Path,
        required=True,
        metavar="FILE",
        help=_(
            "contact history, CSV or .xlsx: one row a contact (timestamp), a conversation "
            "(start, status) or an interval (start, contacts; Aika;Yhteydenotot;Vastatut)"
        ),
    )
    add_horizon(parser)
    parser.add_argument(
        "--quantile",
        type=quantile,
        default=None,
        metavar="Q",
        help=_("plan for an upper quantile of the contact rate, e.g. 0.8 (default: the mean)"),
    )
    parser.add_argument(
        "--slot-minutes",
        type=int,
        choices=(60, 30),
        default=60,
        help=_("slot length of the plan, in minutes (default 60)"),
    )
    parser.add_argument(
        "--holiday-mode",
        choices=HOLIDAY_MODES,
        default="weekend",
        help=_("how public holidays are opened (default: weekend hours)"),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="demand.csv",
        help=_("where to write the demand CSV (service,start,contacts)"),
    )


def run(args: argparse.Namespace) -> int:
    from ..demand import forecast, read_history, write_demand_csv

    horizon = Horizon(args.start, args.weeks)
    rules = Rules(slot_minutes=args.slot_minutes, holiday_mode=args.holiday_mode)
    history = read_history(args.history, display_name=str(args.history))
    for finding in history.findings.warnings:
        print(_("warning: {finding}", finding=str(finding)), file=sys.stderr)
    print(_("History: {summary}", summary=history.summary()))
    result = forecast(history, horizon, rules, quantile=args.quantile)
    for note in result.notes:
        print(_("Model: {note}", note=note))
    if result.backtest is None:
        print(_("Backtest: the history is too short (fewer than 3 weeks) for a backtest"))
    else:
        print(render(result.backtest.text()))
    write_demand_csv(args.output, result.demand)
    totals: dict[str, float] = defaultdict(float)
    for (service, _start), contacts in result.demand.items():
        totals[service] += contacts
    per_service = ", ".join(
        f"{s} {fmt_number(t, current_language())}" for s, t in sorted(totals.items())
    )
    print(
        _(
            "Wrote {file}: {slots} slots, {contacts:.0f} contacts ({services}) for {start} – "
            "{end}; source: {source}",
            file=str(args.output),
            slots=len(result.demand),
            contacts=result.total,
            services=per_service,
            start=horizon.start,
            end=horizon.days[-1],
            source=result.source,
        )
    )
    if result.assumption:
        print(
            _("Note: part of this demand is the built-in profile, an ASSUMPTION"),
            file=sys.stderr,
        )
    return 0
