"""`scheduler template`: write the canonical availability workbook to send out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..domain import Horizon
from ..errors import InputError, Location
from ..i18n import N_, T, _
from .common import add_horizon

HELP = N_(
    "write the availability workbook (People and Availability sheets) to send to duty workers"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_horizon(parser)
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE.xlsx",
        help=_("where to write the workbook"),
    )


def run(args: argparse.Namespace) -> int:
    path: Path = args.output
    if path.suffix.casefold() != ".xlsx":
        wanted = path.with_suffix(".xlsx").name
        raise InputError(
            T("the template is an Excel workbook: name it {name}", name=wanted),
            Location(str(path)),
        )
    if not path.parent.is_dir():
        raise InputError(T("the folder does not exist"), Location(str(path)))
    from ..intake import write_template

    horizon = Horizon(args.start, args.weeks)
    write_template(path, horizon)
    print(
        _(
            "wrote {file} for {start:year} – {end:year}",
            file=str(path),
            start=horizon.start,
            end=horizon.days[-1],
        ),
        file=sys.stderr,
    )
    return 0
