"""What ``scheduler check`` shows: the people with their offered hours, and every finding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..domain import Horizon
from ..errors import Finding
from ..hours import offered_hours, offered_intervals
from ..i18n import T, _, ngettext
from ..i18n import render as render_text

if TYPE_CHECKING:
    from . import Intake

ROLE_NAMES = {
    "volunteer": T("volunteers"),
    "student": T("students"),
    "staff": T("staff"),
    "chat_team": T("chat team"),
}


def _round(hours: float) -> float:
    return round(hours, 2)


def people_hours(intake: Any, horizon: Horizon) -> dict[str, tuple[float, float]]:
    """Per person (offered hours, preferred hours) in the horizon, ``away`` removed
    (``intake`` is an :class:`Intake` or anything with ``people`` and ``availability``)."""
    offered = offered_intervals(intake.availability, horizon)
    return {p.name: offered_hours(offered.get(p.name, ())) for p in intake.people}


def check_report(intake: Intake, horizon: Horizon) -> dict:
    """The ``check --json`` object of DESIGN.md.

    ``available_hours`` is all time offered inside the horizon (available and preferred,
    open or not) after ``away`` is removed; ``preferred_hours`` the preferred part of it.
    """
    hours = people_hours(intake, horizon)
    return {
        "people": [
            {
                "name": p.name,
                "email": p.email,
                "organisation": p.organisation,
                "role": p.role,
                "languages": list(p.languages),
                "available_hours": _round(hours[p.name][0]),
                "preferred_hours": _round(hours[p.name][1]),
            }
            for p in intake.people
        ],
        "errors": [f.as_dict() for f in intake.findings.errors],
        "warnings": [f.as_dict() for f in intake.findings.warnings],
    }


def verdict(intake: Intake) -> str:
    """The last line's judgement: ready to plan only without any error and with people."""
    if intake.findings.errors:
        return _("fix the errors above and check again")
    if not intake.people:
        return _("no people yet: nothing to plan")
    return _("ready to plan")


def format_report(intake: Intake, horizon: Horizon) -> str:
    """A readable report: files and shapes, people and hours by role, every finding."""
    from . import describe_parts

    hours = people_hours(intake, horizon)
    lines = [
        _(
            "Plan period {start:year} – {end:year} ({weeks})",
            start=horizon.start,
            end=horizon.days[-1],
            weeks=ngettext("{n} week", "{n} weeks", horizon.weeks),
        )
    ]
    for s in intake.sheets:
        place = f"{s.file} › {s.sheet}" if s.sheet else s.file
        shape = (
            _("{shape}, with the column mapping", shape=s.description)
            if s.mapped
            else render_text(s.description)
        )
        lines.append(
            "  "
            + _(
                "read {place}: {shape}, {people}, {pieces}",
                place=place,
                shape=shape,
                people=ngettext("{n} person", "{n} people", s.people),
                pieces=ngettext("{n} piece of time", "{n} pieces of time", s.pieces),
            )
        )
        if s.poll:
            lines.append(
                "    " + _("poll answers: yes is read as preferred, if need be as available")
            )
        if s.skipped:
            lines.append("    " + _("not read on purpose: {columns}", columns=", ".join(s.skipped)))
        if s.unread:
            lines.append("    " + _("not understood: {columns}", columns=", ".join(s.unread)))
    for name in intake.left_out:
        lines.append("  " + _("left out on request: {file}", file=name))
    if intake.parts_used:
        lines.append(
            _(
                "Parts of the day were read as: {parts}",
                parts=describe_parts(intake.day_parts, intake.parts_used),
            )
        )
    total = sum(h for h, _p in hours.values())
    preferred = sum(p for _h, p in hours.values())
    lines.append(
        _(
            "People: {people}; offered {hours:.1f} h in the period ({preferred:.1f} h preferred)",
            people=len(intake.people),
            hours=total,
            preferred=preferred,
        )
    )
    roles = Counter(p.role for p in intake.people)
    for role, count in sorted(roles.items()):
        role_hours = sum(hours[p.name][0] for p in intake.people if p.role == role)
        lines.append(
            "  "
            + _(
                "{role}: {people}, {hours:.1f} h",
                role=ROLE_NAMES.get(role, T("{role}", role=role)),
                people=ngettext("{n} person", "{n} people", count),
                hours=role_hours,
            )
        )
    swedish = sum(1 for p in intake.people if p.speaks("sv"))
    mentors = sum(1 for p in intake.people if p.mentor)
    trainees = sum(1 for p in intake.people if p.trainee)
    lines.append(
        "  "
        + _(
            "Swedish speakers: {swedish}; mentors: {mentors}; trainees: {trainees}",
            swedish=swedish,
            mentors=mentors,
            trainees=trainees,
        )
    )
    errors, warnings = intake.findings.errors, intake.findings.warnings
    for f in errors:
        lines.append(_("error: {finding}", finding=str(f)))
    for f in warnings:
        lines.append(_("warning: {finding}", finding=str(f)))
    lines.append(
        _(
            "{errors}, {warnings}: {verdict}",
            errors=ngettext("{n} error", "{n} errors", len(errors)),
            warnings=ngettext("{n} warning", "{n} warnings", len(warnings)),
            verdict=verdict(intake),
        )
    )
    return "\n".join(lines)


LEVELS = {"error": T("error"), "warning": T("warning")}
COLUMNS = (
    ("severity", T("level")),
    ("file", T("file")),
    ("sheet", T("sheet")),
    ("cell", T("cell")),
    ("person", T("person")),
    ("problem", T("problem")),
)


def finding_rows(findings: Iterable[Finding], lang: str | None = None) -> list[dict[str, str]]:
    """Every finding as a row of the import report (errors first), in ``lang``."""
    ordered = sorted(findings, key=lambda f: f.severity != "error")
    rows = []
    for f in ordered:
        where = f.where
        if where.cell:
            cell = where.cell
        elif where.row is not None and where.column:
            cell = f"{where.column}{where.row}"
        elif where.row is not None:
            cell = render_text(T("row {row}", row=str(where.row)), lang)
        else:
            cell = ""
        rows.append(
            {
                "severity": render_text(LEVELS[f.severity], lang),
                "file": where.file or "",
                "sheet": where.sheet or "",
                "cell": cell,
                "person": f.person or "",
                "problem": f.text(lang),
                "where": str(where),
            }
        )
    return rows


def findings_workbook(findings: Iterable[Finding], lang: str | None = None) -> bytes:
    """The import report as an .xlsx a coordinator can sort, filter and pass on."""
    from io import BytesIO

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = render_text(T("Import report"), lang)[:31]
    sheet.append([render_text(title, lang) for _key, title in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in finding_rows(findings, lang):
        sheet.append([row[key] for key, _title in COLUMNS])
    for letter, width in zip("ABCDEF", (10, 28, 18, 8, 24, 100), strict=True):
        sheet.column_dimensions[letter].width = width
    for (cell,) in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:F{max(1, sheet.max_row)}"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
