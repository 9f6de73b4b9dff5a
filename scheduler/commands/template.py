"""`scheduler template`: write the canonical availability workbook to send out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain import Horizon
from ..errors import InputError, Location
from ..intake import write_template
from .common import add_horizon

HELP = "write the availability workbook (People and Availability sheets) to send to duty workers"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_horizon(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE.xlsx",
        help="where to write the workbook",
    )


def run(args: argparse.Namespace) -> int:
    path: Path = args.output
    if path.suffix.casefold() != ".xlsx":
        raise InputError(
            f"the template is an Excel workbook: name it {path.stem}.xlsx", Location(str(path))
        )
    if not path.parent.is_dir():
        raise InputError("the folder does not exist", Location(str(path)))
    horizon = Horizon(args.start, args.weeks)
    write_template(path, horizon)
    print(
        f"wrote {path} for {horizon.start.isoformat()} – {horizon.days[-1].isoformat()}",
        file=sys.stderr,
    )
    return 0
