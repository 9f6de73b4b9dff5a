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
from .i18n import LANGUAGES, _, ngettext, resolve_language, set_language

COMMANDS = ("template", "check", "forecast", "staffing", "solve", "send", "remind")


def print_findings(error: InputError, stream=None) -> None:
    stream = stream or sys.stderr
    errors, warnings = error.errors, error.warnings
    for f in errors:
        print(_("error: {finding}", finding=f), file=stream)
    for f in warnings:
        print(_("warning: {finding}", finding=f), file=stream)
    print(
        _(
            "{errors}, {warnings}",
            errors=ngettext("{n} error", "{n} errors", len(errors)),
            warnings=ngettext("{n} warning", "{n} warnings", len(warnings)),
        ),
        file=stream,
    )


def _lang_from_argv(argv: Sequence[str]) -> str | None:
    """``--lang X`` or ``--lang=X`` anywhere on the line, read before the parser is built so
    that its help speaks the language too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("language of messages: fi, sv or en (else SEKASIN_LANG, the locale, Finnish)"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scheduler",
        description="Sekasin-chat shift scheduler: import availability, forecast contacts, "
        "place people on shifts, publish the roster.",
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    add_lang(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        module = importlib.import_module(f"scheduler.commands.{name}")
        p = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(p)
        add_lang(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(resolve_language(_lang_from_argv(argv)))
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
