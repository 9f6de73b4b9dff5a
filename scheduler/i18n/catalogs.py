"""The translation catalogs: extract the messages from the code, update, compile, check.

``python -m scheduler.i18n.catalogs update`` writes ``scheduler/locale/<domain>.pot`` from the
code and merges it into every ``<lang>/LC_MESSAGES/<domain>.po`` (new messages empty, gone
ones dropped); translators fill the ``.po`` files; ``compile`` writes the ``.mo`` files the
program reads (``make`` runs it); ``check`` lists every message missing, untranslated, fuzzy
or with parameters that differ from the English, and exits 1 if there is any.

Each part of the product has its own catalog (a *domain*), chosen by where the code lives.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import DOMAINS, LOCALE_DIR

ROOT = LOCALE_DIR.parent.parent
TRANSLATED = ("fi", "sv")  # English is the language the messages are written in

#: Where each domain's messages live (path prefixes from the project root). Anything else in
#: the package is ``core``.
DOMAIN_PATHS: dict[str, tuple[str, ...]] = {
    "intake": (
        "scheduler/intake/",
        "scheduler/errors.py",
        "scheduler/commands/check.py",
        "scheduler/commands/template.py",
        "scheduler/commands/common.py",
        "scheduler/ui/pages/availability.py",
        "scheduler/ui/pages/mapping.py",
    ),
    "demand": (
        "scheduler/demand/",
        "scheduler/commands/forecast.py",
        "scheduler/ui/pages/demand.py",
    ),
    "solve": (
        "scheduler/solve/",
        "scheduler/kpi",
        "scheduler/roster.py",
        "scheduler/plan.py",
        "scheduler/problem",
        "scheduler/rules",
        "scheduler/queueing.py",
        "scheduler/commands/solve.py",
        "scheduler/commands/staffing.py",
    ),
    "publish": ("scheduler/publish/", "scheduler/rosterfile.py"),
    "deliver": (
        "scheduler/deliver/",
        "scheduler/commands/send.py",
        "scheduler/commands/remind.py",
        "scheduler/ui/pages/send.py",
    ),
    "cli": ("scheduler/cli.py", "scheduler/commands/"),
    "app": ("scheduler/ui/", "app.py"),
}

KEYWORDS = {
    "_": None,
    "T": None,
    "N_": None,
    "ngettext": (1, 2),
    "Tn": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ("Translators:",)
#: A fixed date in every header, so that updating a catalog changes only its messages.
EPOCH = datetime(2026, 1, 1)
_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[:!][^{}]*)?\}")


def domain_of(path: str) -> str:
    """The catalog a source file's messages go to (``path`` from the project root)."""
    for domain, prefixes in DOMAIN_PATHS.items():
        if any(path.startswith(p) for p in prefixes):
            return domain
    return "core"


def source_files() -> Iterator[Path]:
    yield ROOT / "app.py"
    yield from sorted((ROOT / "scheduler").rglob("*.py"))


def extract_domain(domain: str) -> Catalog:
    """Every message the code of ``domain`` marks, with where it stands."""
    catalog = Catalog(
        project="sekasin-scheduler",
        version="1",
        copyright_holder="the Sekasin scheduler's authors",
        domain=domain,
        fuzzy=False,
        creation_date=EPOCH,
        revision_date=EPOCH,
    )
    for path in source_files():
        rel = path.relative_to(ROOT).as_posix()
        if not path.exists() or domain_of(rel) != domain:
            continue
        with path.open("rb") as fp:
            for lineno, message, comments, context in extract(
                "python", fp, keywords=KEYWORDS, comment_tags=COMMENT_TAGS, strip_comment_tags=True
            ):
                catalog.add(
                    message,
                    None,
                    [(rel, lineno)],
                    auto_comments=comments,
                    context=context,
                    flags=("python-brace-format",) if _FIELD.search(_first(message)) else (),
                )
    return catalog


def _forms(value: object) -> tuple[str, ...]:
    """A message's id or string as a tuple of its forms (one, or one a plural form)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(str(v or "") for v in value)
    return ("",)


def _first(message: object) -> str:
    return _forms(message)[0]


def _po_path(lang: str, domain: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=lang)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_output=False)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    """Write each domain's template and merge it into every language's catalog."""
    for domain in DOMAINS:
        template = extract_domain(domain)
        _write(LOCALE_DIR / f"{domain}.pot", template)
        for lang in TRANSLATED:
            path = _po_path(lang, domain)
            if path.exists():
                catalog = _read(path, lang)
            else:
                catalog = Catalog(
                    locale=lang,
                    domain=domain,
                    project="sekasin-scheduler",
                    version="1",
                    copyright_holder="the Sekasin scheduler's authors",
                    fuzzy=False,
                    creation_date=EPOCH,
                    revision_date=EPOCH,
                )
            catalog.update(
                template,
                no_fuzzy_matching=True,
                update_header_comment=False,
                update_creation_date=False,
            )
            catalog.obsolete.clear()
            _write(path, catalog)


def compile_all() -> list[Path]:
    """Write every ``.mo``; returns what was written."""
    written = []
    for lang in TRANSLATED:
        for domain in DOMAINS:
            po = _po_path(lang, domain)
            if not po.exists():
                continue
            catalog = _read(po, lang)
            mo = po.with_suffix(".mo")
            with mo.open("wb") as fp:
                write_mo(fp, catalog, use_fuzzy=False)
            written.append(mo)
    return written


@dataclass(frozen=True)
class Problem:
    lang: str
    domain: str
    msgid: str
    what: str

    def __str__(self) -> str:
        return f"{self.lang}/{self.domain}: {self.what}: {self.msgid!r}"


_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?[sdrif]")


def _fields(text: str) -> set[str]:
    """The named parameters of a message: ``{name}``, and argparse's ``%(name)s`` and ``%s``
    (numbered in order)."""
    named = set(_FIELD.findall(text))
    for i, match in enumerate(_PERCENT.finditer(text.replace("%%", ""))):
        named.add("%" + (match.group(1) or str(i)))
    return named


def _check_message(lang: str, domain: str, msg: Message) -> Iterable[Problem]:
    ids = _forms(msg.id)
    strings = _forms(msg.string)
    key = ids[0]
    if msg.fuzzy:
        yield Problem(lang, domain, key, "fuzzy")
    if not all(strings) or len(strings) < len(ids):
        yield Problem(lang, domain, key, "not translated")
        return
    wanted = _fields(ids[-1]) | _fields(ids[0])
    for text in strings:
        got = _fields(text)
        # a plural form may leave the count out ("yksi henkilö"), never add or rename fields
        if got - wanted or (wanted - got) - {"n"}:
            yield Problem(
                lang, domain, key, f"parameters differ ({sorted(got)} vs {sorted(wanted)})"
            )


def check() -> list[Problem]:
    """Every problem of every catalog against the code as it is now."""
    problems: list[Problem] = []
    for domain in DOMAINS:
        template = extract_domain(domain)
        for lang in TRANSLATED:
            path = _po_path(lang, domain)
            catalog = _read(path, lang) if path.exists() else Catalog(locale=lang)
            for msg in template:
                if not msg.id:
                    continue
                found = catalog.get(msg.id, context=msg.context)
                if found is None:
                    problems.append(Problem(lang, domain, _first(msg.id), "missing"))
                    continue
                problems.extend(_check_message(lang, domain, found))
    return problems


def dynamic_calls() -> list[str]:
    """Calls of the translation functions whose message is not a plain string literal
    (an f-string or a sum of fragments cannot be translated)."""
    names = {"_", "T", "N_", "ngettext", "Tn", "pgettext"}
    found = []
    for path in source_files():
        if not path.exists():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in names or not node.args:
                continue
            literal_args = 2 if node.func.id in ("ngettext", "Tn", "pgettext") else 1
            for arg in node.args[:literal_args]:
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    rel = path.relative_to(ROOT).as_posix()
                    found.append(f"{rel}:{node.lineno}: {node.func.id}(...) needs a literal")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        update()
        return 0
    if command == "compile":
        for path in compile_all():
            print(path.relative_to(ROOT))
        return 0
    if command == "check":
        problems = [str(p) for p in check()] + dynamic_calls()
        for line in problems:
            print(line)
        print(f"{len(problems)} catalog problem(s)")
        return 1 if problems else 0
    print("usage: python -m scheduler.i18n.catalogs update|compile|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
