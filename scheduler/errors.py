"""Located problems in input: ``file › sheet › cell: what is wrong, what was expected``.

Every reader collects *all* problems into a :class:`Findings` and raises one
:class:`InputError` at the end, so a coordinator sees everything at once.

A message is a :class:`~scheduler.i18n.Text` (``T("... {cell} ...", cell=...)``), so the
same finding reads in Finnish, Swedish or English wherever it is shown; a plain ``str`` is
shown as it is. A finding about one person names them in the parameter ``person``, so a
report can be filtered by person. :func:`message_to_json` and :func:`message_from_json`
keep a message translatable in a database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Literal

from .i18n import Text, Tn, _, render

Severity = Literal["error", "warning"]
SEP = " › "
#: Problems of one severity listed one by one; the rest are counted in one more line.
MAX_LISTED = 200


@dataclass(frozen=True)
class Location:
    """Where a problem is: any of file, sheet, cell (``B7``) or row (1-based)."""

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.sheet) if p]
        if self.cell:
            parts.append(self.cell)
        elif self.row is not None and self.column:
            parts.append(_("row {row}, column {column}", row=str(self.row), column=self.column))
        elif self.row is not None:
            parts.append(_("row {row}", row=str(self.row)))
        elif self.column:
            parts.append(_("column {column}", column=self.column))
        return SEP.join(parts) if parts else _("input")

    def at(self, **changes: Any) -> Location:
        """A copy with some fields replaced (``loc.at(cell="C4")``)."""
        data = {**self.__dict__, **changes}
        return Location(**data)


@dataclass(frozen=True)
class Finding:
    severity: Severity
    where: Location
    message: str | Text

    def text(self, lang: str | None = None) -> str:
        """The message alone, in ``lang`` (else the current language)."""
        return render(self.message, lang)

    @property
    def person(self) -> str | None:
        """The person the finding is about, when it names one."""
        if isinstance(self.message, Text):
            value = self.message.params.get("person")
            return str(value) if value is not None else None
        return None

    def __str__(self) -> str:
        return f"{self.where}: {self.text()}"

    def as_dict(self) -> dict[str, str]:
        return {"severity": self.severity, "where": str(self.where), "message": self.text()}


@dataclass
class Findings:
    """A collector of errors and warnings."""

    items: list[Finding] = field(default_factory=list)

    def error(self, where: Location, message: str | Text) -> None:
        self.items.append(Finding("error", where, message))

    def warning(self, where: Location, message: str | Text) -> None:
        self.items.append(Finding("warning", where, message))

    def extend(self, other: Iterable[Finding]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.severity == "warning"]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.items)

    def capped(self, limit: int = MAX_LISTED, where: Location | None = None) -> Findings:
        """The first ``limit`` errors and the first ``limit`` warnings, each followed by one
        line counting the rest of its kind (so 3,000 bad cells make 201 lines, not 3,000)."""
        kept: list[Finding] = []
        left: dict[str, int] = {"error": 0, "warning": 0}
        seen: dict[str, int] = {"error": 0, "warning": 0}
        for f in self.items:
            seen[f.severity] += 1
            if seen[f.severity] <= limit:
                kept.append(f)
            else:
                left[f.severity] += 1
        place = where or Location()
        if left["error"]:
            kept.append(
                Finding(
                    "error",
                    place,
                    Tn(
                        "and {n} more error like these",
                        "and {n} more errors like these",
                        left["error"],
                    ),
                )
            )
        if left["warning"]:
            kept.append(
                Finding(
                    "warning",
                    place,
                    Tn(
                        "and {n} more warning like these",
                        "and {n} more warnings like these",
                        left["warning"],
                    ),
                )
            )
        return Findings(kept)


class CellError(ValueError):
    """One value that cannot be read; ``text`` says what is wrong and what was expected."""

    def __init__(self, text: str | Text) -> None:
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return render(self.text)


class InputError(Exception):
    """Bad input: carries every finding (errors and the warnings seen with them)."""

    def __init__(
        self, findings: Iterable[Finding] | Finding | str | Text, where: Location | None = None
    ):
        if isinstance(findings, str | Text):
            findings = [Finding("error", where or Location(), findings)]
        elif isinstance(findings, Finding):
            findings = [findings]
        self.findings: list[Finding] = list(findings)
        super().__init__("\n".join(str(f) for f in self.findings if f.severity == "error"))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]


# --------------------------------------------------------------------------- storing messages

_KIND = "$"  # the key that marks a typed parameter (a date, a nested text, ...)


def _param_to_json(value: Any) -> Any:
    if isinstance(value, Text):
        return {_KIND: "text", "v": _text_to_json(value)}
    if isinstance(value, datetime):
        return {_KIND: "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {_KIND: "date", "v": value.isoformat()}
    if isinstance(value, time):
        return {_KIND: "time", "v": value.isoformat()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_param_to_json(v) for v in value]
    return str(value)


def _param_from_json(value: Any) -> Any:
    if isinstance(value, dict) and _KIND in value:
        kind, raw = value[_KIND], value["v"]
        if kind == "text":
            return _text_from_json(raw)
        if kind == "datetime":
            return datetime.fromisoformat(raw)
        if kind == "date":
            return date.fromisoformat(raw)
        if kind == "time":
            return time.fromisoformat(raw)
    if isinstance(value, list):
        return [_param_from_json(v) for v in value]
    return value


def _text_to_json(text: Text) -> dict[str, Any]:
    data: dict[str, Any] = {
        "msgid": text.msgid,
        "params": {k: _param_to_json(v) for k, v in text.params.items()},
    }
    if text.plural is not None:
        data["plural"], data["n"] = text.plural, text.n
    if text.context is not None:
        data["context"] = text.context
    return data


def _text_from_json(data: dict[str, Any]) -> Text:
    return Text(
        data["msgid"],
        {k: _param_from_json(v) for k, v in data.get("params", {}).items()},
        data.get("plural"),
        data.get("n"),
        data.get("context"),
    )


_STORED_PREFIX = '{"msgid":'


def message_to_json(message: str | Text) -> str:
    """A message as text a database can keep: a plain ``str`` stays as it is, a ``Text`` is
    written as JSON (its English message and parameters) so it still translates when read."""
    if isinstance(message, Text):
        return json.dumps(_text_to_json(message), ensure_ascii=False, separators=(",", ":"))
    return str(message)


def message_from_json(stored: str) -> str | Text:
    """The message :func:`message_to_json` wrote (older plain messages come back as they are)."""
    if stored.startswith(_STORED_PREFIX):
        try:
            return _text_from_json(json.loads(stored))
        except (ValueError, KeyError, TypeError):
            return stored
    return stored


__all__ = [
    "MAX_LISTED",
    "CellError",
    "Finding",
    "Findings",
    "InputError",
    "Location",
    "message_from_json",
    "message_to_json",
]
