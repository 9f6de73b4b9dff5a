"""Argument types shared by the sub-commands."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ..i18n import _


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a date like 2026-03-02", text=text)
        ) from None


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a whole number", text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("'{text}' must be 1 or more", text=text))
    return value


def positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{text}' is not a number", text=text)) from None
    if value <= 0:
        raise argparse.ArgumentTypeError(_("'{text}' must be above 0", text=text))
    return value


def add_horizon(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--start", type=iso_date, required=True, help=_("first day of the plan, YYYY-MM-DD")
    )
    parser.add_argument("--weeks", type=positive_int, required=True, help=_("whole weeks to plan"))


def add_mapping(parser: argparse.ArgumentParser) -> None:
    """``--mapping FILE`` (repeatable): column mappings for files no shape fits."""
    from ..intake.mapping import MAPPING_HELP

    parser.add_argument(
        "--mapping",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help=str(MAPPING_HELP),
    )


def mappings(args: argparse.Namespace) -> list:
    """The column mappings ``--mapping`` names; :class:`InputError` (exit 2) when a file is
    not a readable mapping."""
    from ..intake.mapping import read_mapping_file

    return [
        m
        for path in getattr(args, "mapping", None) or []
        for m in read_mapping_file(path, str(path))
    ]
