"""Located problems in input: ``file › sheet › cell: what is wrong, what was expected``.

Every reader collects *all* problems into a :class:`Findings` and raises one
:class:`InputError` at the end, so a coordinator sees everything at once.

A message is a :class:`~scheduler.i18n.Text` (``T("... {cell} ...", cell=...)``), so the
same finding reads in Finnish, Swedish or English wherever it is shown; a plain ``str`` is
shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from .i18n import Text, _, render

Severity = Literal["error", "warning"]
SEP = " › "


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

    def at(self, **changes: object) -> Location:
        """A copy with some fields replaced (``loc.at(cell="C4")``)."""
        data = {**self.__dict__, **changes}
        return Location(**data)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    where: Location
    message: str | Text

    def text(self, lang: str | None = None) -> str:
        """The message alone, in ``lang`` (else the current language)."""
        return render(self.message, lang)

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
