"""The ``scheduler`` command line.

Each sub-command lives in ``scheduler/commands/<name>.py`` with ``HELP``,
``add_arguments(parser)`` and ``run(args) -> int``. Exit codes: 0 done, 2 bad input
(the message says where), 1 anything else. Progress and reports go to stderr.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from .domain import DomainError
from .errors import InputError
from .i18n import (
    LANGUAGES,
    N_,
    _,
    current_language,
    ngettext,
    resolve_language,
    set_language,
    translate,
    translations,
)

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


def _argparse_messages() -> None:  # pragma: no cover - never called: marks them for the catalog
    """argparse's own messages that a user can meet, so its usage, help and errors speak the
    chosen language too (argparse looks them up through :func:`_speak_argparse`)."""
    N_("usage: ")
    N_("positional arguments")
    N_("options")
    N_("show this help message and exit")
    N_("argument %(argument_name)s: %(message)s")
    N_("%(prog)s: error: %(message)s\n")
    N_("the following arguments are required: %s")
    N_("one of the arguments %s is required")
    N_("unrecognized arguments: %s")
    N_("not allowed with argument %s")
    N_("ignored explicit argument %r")
    N_("expected one argument")
    N_("expected at most one argument")
    N_("expected at least one argument")
    ngettext("expected %s argument", "expected %s arguments", 2)
    N_("ambiguous option: %(option)s could match %(matches)s")
    N_("invalid %(type)s value: %(value)r")
    N_("invalid choice: %(value)r (choose from %(choices)s)")
    N_("can't open '%(filename)s': %(error)s")


def _speak_argparse() -> None:
    """argparse takes its words from the module-level ``_`` and ``ngettext``: point them at
    the current language's catalog (messages it has no translation for stay as they are)."""
    argparse._ = lambda message: translations(current_language()).gettext(message)  # type: ignore[attr-defined]
    argparse.ngettext = lambda s, p, n: translations(current_language()).ngettext(s, p, n)  # type: ignore[attr-defined]


def _command_in(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` names: its first word that is not a top-level option (or
    ``--lang``'s value), when that is a command."""
    i = 0
    while i < len(argv):
        if argv[i] in ("-h", "--help"):  # the whole command line's help, every command in it
            return None
        if argv[i] == "--lang":
            i += 2
        elif argv[i].startswith("-"):
            i += 1
        else:
            return argv[i] if argv[i] in COMMANDS else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given ``argv``, only what parsing it needs: the command it
    names with its arguments (no other command's module is imported), or, when it names
    none (``--help``, a mistyped command), every command with its one-line help."""
    _speak_argparse()
    parser = argparse.ArgumentParser(
        prog="scheduler",
        description=_(
            "Sekasin-chat shift scheduler: import availability, forecast contacts, "
            "place people on shifts, publish the roster."
        ),
    )
    parser.add_argument(
        "--debug", action="store_true", help=_("show a traceback on internal errors")
    )
    add_lang(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    chosen = None if argv is None else _command_in(argv)
    for name in COMMANDS:
        if chosen is not None and name != chosen:
            continue
        module = importlib.import_module(f"scheduler.commands.{name}")
        # a command's HELP is marked with N_() where it is written, translated here
        text = translate(module.HELP)
        # argparse fills a help text with %-formatting: a "%" in it (99,9 %) must be doubled
        p = sub.add_parser(name, help=text.replace("%", "%%"), description=text)
        if argv is None or name == chosen:
            module.add_arguments(p)
        add_lang(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(resolve_language(_lang_from_argv(argv)))
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except InputError as exc:
        print_findings(exc)
        return 2
    except DomainError as exc:
        print(_("error: {finding}", finding=str(exc)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(_("interrupted"), file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader left (``scheduler check ... | head``): not an error
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks for users
        if args.debug:
            raise
        print(
            _(
                "internal error: {kind}: {details} (run with --debug for details)",
                kind=type(exc).__name__,
                details=str(exc),
            ),
            file=sys.stderr,
        )
        return 1


def entry() -> None:
    code = main()
    # The process ends here and its objects need no more collecting: without this, the
    # garbage collector's last passes over what a solve built took 0.3–0.4 s after the
    # last file was written. Ending still closes files and runs exit handlers as usual.
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
