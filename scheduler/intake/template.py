"""The canonical availability workbook a coordinator sends out (``scheduler template``)."""

from __future__ import annotations

from datetime import timedelta
from os import PathLike

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..domain import PREFERENCES, ROLES, Horizon
from ..i18n import T, Text

INSTRUCTIONS_SHEET = "Ohjeet–Anvisningar–Instructions"  # 31 characters, the most a name has
TEMPLATE_ROWS = 2000  # rows that carry the drop-down lists

PEOPLE_COLUMNS = (  # (header, width, note)
    ("name", 26, "required, unique / pakollinen, yksilöllinen"),
    ("email", 30, ""),
    ("organisation", 24, ""),
    ("role", 14, "volunteer | student | staff | chat_team"),
    ("languages", 12, "fi, sv, en"),
    ("mentor", 9, "yes / no"),
    ("trainee", 9, "yes / no"),
    ("min_hours", 11, ""),
    ("max_hours", 11, ""),
    ("max_hours_per_week", 20, ""),
    ("max_shifts_per_week", 20, ""),
    ("min_shift_hours", 16, ""),
    ("max_shift_hours", 16, ""),
)
AVAILABILITY_COLUMNS = (
    ("name", 26, ""),
    ("date", 12, "YYYY-MM-DD"),
    ("weekday", 12, "ma (mon) … su (sun)"),
    ("start", 8, "HH:MM"),
    ("end", 8, "HH:MM, 24:00"),
    ("preference", 12, "available | preferred | away"),
)
WEEKDAY_CHOICES = (
    "ma (mon)",
    "ti (tue)",
    "ke (wed)",
    "to (thu)",
    "pe (fri)",
    "la (sat)",
    "su (sun)",
)

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="5B2C83")


INSTRUCTIONS = (
    T(
        "1. On the People sheet, one row per duty worker. The name is required and unique; "
        "the email links the same person across files."
    ),
    T(
        "2. role: volunteer, student, staff (e.g. welfare-region staff) or chat_team. "
        "languages: fi, sv, en separated by commas."
    ),
    T(
        "3. mentor = yes if the person can run a practice shift; trainee = yes for a new "
        "volunteer who must be on duty beside a mentor."
    ),
    T(
        "4. Limits (min_hours, max_hours = in the whole period; max_hours_per_week, "
        "max_shifts_per_week; min/max_shift_hours = shift length) may be left empty."
    ),
    T(
        "5. On the Availability sheet, one row per piece of time: name, either a date (once) "
        "or a weekday (every week), start and end (HH:MM, 24:00 allowed) and preference: "
        "available, preferred or away (removes time, e.g. a holiday)."
    ),
    T(
        "6. The chat is open: Finnish Mon–Fri 9–24, Sat–Sun 15–24; Swedish Mon and Thu "
        "14–19, Sat 16–20. Time outside opening hours is not used."
    ),
)
SECTIONS = (("fi", "SUOMEKSI"), ("sv", "PÅ SVENSKA"), ("en", "IN ENGLISH"))


def _instructions(horizon: Horizon) -> list[str]:
    first, last = horizon.start.isoformat(), horizon.days[-1].isoformat()
    lines = [
        "Sekasin-chat – päivystysvuorotoiveet / tillgänglighet för jour / duty availability",
        f"Suunnittelujakso / Planeringsperiod / Plan period: {first} – {last} "
        f"({horizon.weeks} viikkoa / veckor / weeks)",
    ]
    for lang, title in SECTIONS:
        lines += ["", title]
        lines += [text.render(lang) for text in INSTRUCTIONS]
    return [
        *lines,
        "",
        "ESIMERKKI / EXEMPEL / EXAMPLE (People)",
        "name | email | organisation | role | languages | mentor | trainee | max_hours",
        "Anna Virtanen | anna@example.fi | MIELI ry | volunteer | fi, sv | yes | no | 12",
        "",
        "ESIMERKKI / EXEMPEL / EXAMPLE (Availability)",
        "name | date | weekday | start | end | preference",
        "Anna Virtanen |  | ti (tue) | 18:00 | 22:00 | preferred",
        f"Anna Virtanen | {(horizon.start + timedelta(days=9)).isoformat()} |  | 18:00 | "
        "22:00 | away",
    ]


def _trilingual(text: Text) -> str:
    return " / ".join(text.render(lang) for lang, _title in SECTIONS)


def _header(ws, columns) -> None:
    for c, (title, width, _note) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c, value=title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


def _choices(ws, column: str, options, prompt: str) -> None:
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(options) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Sekasin",
        error=_trilingual(T("choose from the list: {choices}", choices=prompt)),
    )
    rule.add(f"{column}2:{column}{TEMPLATE_ROWS + 1}")
    ws.add_data_validation(rule)


def write_template(path: str | PathLike[str], horizon: Horizon) -> None:
    """Write the canonical availability workbook for ``horizon`` to ``path``."""
    book = Workbook()
    info = book.active
    info.title = INSTRUCTIONS_SHEET
    info.column_dimensions["A"].width = 120
    for r, text in enumerate(_instructions(horizon), start=1):
        cell = info.cell(row=r, column=1, value=text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if r == 1 or text.isupper() or text.startswith("ESIMERKKI"):
            cell.font = Font(bold=True, size=14 if r == 1 else 11)

    people = book.create_sheet("People")
    _header(people, PEOPLE_COLUMNS)
    _choices(people, "D", ROLES, ", ".join(ROLES))
    _choices(people, "F", ("yes", "no"), "yes / no")
    _choices(people, "G", ("yes", "no"), "yes / no")

    avail = book.create_sheet("Availability")
    _header(avail, AVAILABILITY_COLUMNS)
    _choices(avail, "C", WEEKDAY_CHOICES, "ma … su")
    _choices(avail, "F", PREFERENCES, ", ".join(PREFERENCES))
    dates = DataValidation(
        type="date",
        operator="between",
        allow_blank=True,
        formula1=f"DATE({horizon.start.year},{horizon.start.month},{horizon.start.day})",
        formula2=f"DATE({horizon.days[-1].year},{horizon.days[-1].month},{horizon.days[-1].day})",
        showErrorMessage=True,
        errorTitle="Sekasin",
        error=_trilingual(T("a date in the plan period")),
    )
    dates.add(f"B2:B{TEMPLATE_ROWS + 1}")
    avail.add_data_validation(dates)
    for r in range(2, TEMPLATE_ROWS + 2):
        avail.cell(row=r, column=2).number_format = "yyyy-mm-dd"
        for c in (4, 5):  # keep times as typed ("24:00" stays text, not a day fraction)
            avail.cell(row=r, column=c).number_format = "@"
    book.save(path)
