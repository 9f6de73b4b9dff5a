"""The ``scheduler`` command line.

Each sub-command lives in ``scheduler/commands/<name>.py`` with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``. Exit codes: 0 done, 2 bad input
(the message says where), 1 anything else. Progress and reports go to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .domain import DomainError
from .errors import InputError

COMMANDS = ("template", "check", "forecast", "staffing", "solve")


def print_findings(error: InputError, stream=None) -> None:
    stream = stream or sys.stderr
    errors, warnings = error.errors, error.warnings
    for f in errors:
        print(f"error: {f}", file=stream)
    for f in warnings:
        print(f"warning: {f}", file=stream)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)", file=stream)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scheduler",
        description="Sekasin-chat shift scheduler: import availability, forecast contacts, "
        "place people on shifts, publish the roster.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"scheduler.commands.{name}")
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except InputError as exc:
        print_findings(exc)
        return 2
    except DomainError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks for users
        if args.debug:
            raise
        print(f"error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


def entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    entry()
