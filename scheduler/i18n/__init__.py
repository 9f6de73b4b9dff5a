"""One translation system for everything the scheduler says: Finnish, Swedish, English.

Messages are written in English in the code and translated through gettext catalogs
(``scheduler/locale/<lang>/LC_MESSAGES/<domain>.po``, edited by translators, compiled by
``make``). The language is a context: the command line sets it from ``--lang``, the app from
its selector; texts for a person use that person's language explicitly.

- ``_("Plan period {start} – {end}", start=d1, end=d2)``: translated now, in the current
  language, parameters formatted the local way (``ti 3.3.``, ``2 705``, ``20,7 %``).
- ``ngettext("{n} person", "{n} people", n)``: plural forms right in every language
  (``n`` is passed to the message as ``{n}`` unless given).
- ``T(...)`` and ``Tn(...)``: the same, translated later (a :class:`Text`). Findings,
  violations and explanations keep a ``Text`` so they can be shown in any language.
- ``N_("...")`` only marks a string for the catalogs (a table of words translated where used,
  with ``translate(word)``).
- ``pgettext(context, msgid)`` for a short word whose meaning depends on where it stands.

Never assemble a sentence from translated fragments: one message a sentence, with named
parameters, so a translator can reorder it.
"""

from __future__ import annotations

import gettext as _gettext
import os
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from .formatting import (
    fmt_date,
    fmt_datetime,
    fmt_number,
    fmt_percent,
    fmt_time,
    fmt_value,
)

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "N_",
    "T",
    "Text",
    "Tn",
    "_",
    "current_language",
    "fmt_date",
    "fmt_datetime",
    "fmt_number",
    "fmt_percent",
    "fmt_time",
    "language_name",
    "ngettext",
    "normalise_language",
    "pgettext",
    "render",
    "resolve_language",
    "set_language",
    "translate",
    "use_language",
]

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: The catalogs, one a part of the product, so each part can be translated on its own.
DOMAINS = ("core", "intake", "demand", "solve", "publish", "deliver", "cli", "app")

_current: ContextVar[str | None] = ContextVar("sekasin_language", default=None)


# --- choosing the language ---------------------------------------------------------------


def normalise_language(value: str | None) -> str | None:
    """``fi``, ``sv`` or ``en`` from a code or locale name (``sv_FI.UTF-8`` → ``sv``)."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split(".")[0].split("@")[0].split("_")[0]
    aliases = {"suomi": "fi", "fin": "fi", "svenska": "sv", "swe": "sv", "english": "en"}
    code = aliases.get(code, code)
    return code if code in LANGUAGES else None


def resolve_language(explicit: str | None = None, env: Mapping[str, str] | None = None) -> str:
    """``explicit``, else ``SEKASIN_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``,
    ``LANG``), else Finnish."""
    env = os.environ if env is None else env
    for candidate in (
        explicit,
        env.get("SEKASIN_LANG"),
        env.get("LC_ALL"),
        env.get("LC_MESSAGES"),
        env.get("LANG"),
    ):
        lang = normalise_language(candidate)
        if lang:
            return lang
    return DEFAULT_LANGUAGE


def current_language() -> str:
    """The language set for this thread or task, else the environment's (``SEKASIN_LANG``,
    the locale, Finnish)."""
    return _current.get() or resolve_language()


def set_language(lang: str) -> None:
    """Make ``lang`` the language of this thread or task from now on."""
    _current.set(normalise_language(lang) or DEFAULT_LANGUAGE)


@contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Speak ``lang`` inside the block (``None`` keeps the current language)."""
    chosen = normalise_language(lang) or current_language()
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def language_name(lang: str) -> str:
    """A language's own name: ``suomi``, ``svenska``, ``English``."""
    return {"fi": "suomi", "sv": "svenska", "en": "English"}.get(lang, lang)


# --- catalogs ----------------------------------------------------------------------------


def _load_domain(lang: str, domain: str) -> _gettext.GNUTranslations | None:
    """A compiled catalog; compiled from its ``.po`` in memory when the ``.mo`` is missing or
    older (a checkout without ``make``)."""
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{domain}.po", folder / f"{domain}.mo"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fp:
            return _gettext.GNUTranslations(fp)
    if not po.exists():
        return None
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@cache
def translations(lang: str) -> _gettext.NullTranslations:
    """Every domain's catalog for ``lang`` chained into one (English: the messages as written)."""
    chain: _gettext.NullTranslations = _gettext.NullTranslations()
    if lang == "en":
        return chain
    loaded = [t for t in (_load_domain(lang, d) for d in DOMAINS) if t is not None]
    if not loaded:
        return chain
    first = loaded[0]
    for other in loaded[1:]:
        first.add_fallback(other)
    return first


# --- formatting parameters the local way -------------------------------------------------


class _LocalFormatter(string.Formatter):
    def __init__(self, lang: str):
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Text):
            return value.render(self.lang)
        return fmt_value(value, format_spec, self.lang)


def _format(message: str, lang: str, params: Mapping[str, Any]) -> str:
    if not params:
        return message
    return _LocalFormatter(lang).vformat(message, (), dict(params))


# --- translating -------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A message translated when shown: ``str(text)`` in the current language,
    ``text.render("sv")`` in another. Parameters may themselves be ``Text``."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)
    plural: str | None = None
    n: int | None = None
    context: str | None = None

    def render(self, lang: str | None = None) -> str:
        lang = normalise_language(lang) or current_language()
        t = translations(lang)
        if self.plural is not None:
            n = int(self.n or 0)
            if self.context:
                message = t.npgettext(self.context, self.msgid, self.plural, n)
            else:
                message = t.ngettext(self.msgid, self.plural, n)
        elif self.context:
            message = t.pgettext(self.context, self.msgid)
        else:
            message = t.gettext(self.msgid)
        return _format(message, lang, self.params)

    def __str__(self) -> str:
        return self.render()

    def __format__(self, spec: str) -> str:
        return format(self.render(), spec)


def render(value: object, lang: str | None = None) -> str:
    """A ``Text`` in ``lang`` (else the current language); anything else as ``str``."""
    return value.render(lang) if isinstance(value, Text) else str(value)


def T(msgid: str, **params: Any) -> Text:  # noqa: N802 - the gettext convention
    """A message translated later (see the module docstring)."""
    return Text(msgid, params)


def Tn(singular: str, plural: str, n: int, **params: Any) -> Text:  # noqa: N802
    """A plural message translated later; ``{n}`` is ``n`` unless given."""
    params.setdefault("n", n)
    return Text(singular, params, plural, n)


def _(msgid: str, **params: Any) -> str:
    """``msgid`` in the current language, ``{params}`` filled in the local way."""
    return Text(msgid, params).render()


def ngettext(singular: str, plural: str, n: int, **params: Any) -> str:
    """The plural form for ``n`` in the current language; ``{n}`` is ``n`` unless given."""
    params.setdefault("n", n)
    return Text(singular, params, plural, n).render()


def pgettext(context: str, msgid: str, **params: Any) -> str:
    """``msgid`` in ``context`` (a short word whose meaning depends on where it stands)."""
    return Text(msgid, params, context=context).render()


def N_(msgid: str) -> str:  # noqa: N802
    """Mark ``msgid`` for the catalogs without translating it here."""
    return msgid


def translate(msgid: str, **params: Any) -> str:
    """Like ``_()`` for a message held in a variable: one marked with ``N_()`` where it was
    written (a table of words, a command's help), or a library's own message."""
    return Text(msgid, params).render()
