"""Step 2: the template, uploading availability files, the import report a coordinator can
work with (filter, download, leave a file out), column mappings, day-part hours, the people."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from ...domain import Horizon
from ...errors import Finding
from ...i18n import _, current_language, ngettext
from ...intake import MAX_FILE_BYTES
from ...intake.report import finding_rows, findings_workbook, people_hours
from ...intake.timeparse import TimeFormatError, ranges_from_text
from ...intake.vocabulary import DAY_PARTS, PART_LABELS
from .. import state
from ..tables import local_numbers
from ..workflow import import_availability, plan_day_parts, template_bytes, with_day_parts
from . import mapping

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False, max_entries=8)
def _template(horizon: Horizon) -> bytes:
    return template_bytes(horizon)


def _uploads() -> list[tuple[str, bytes]]:
    files = st.session_state.get("availability_upload") or []
    return [(f.name, f.getvalue()) for f in files]


def _read(session: state.PlanSession, uploads, leave_out: Sequence[str] = ()) -> None:
    with st.spinner(_("Reading…")):
        plan, replaced = import_availability(session.plan, uploads, leave_out=leave_out)
    session.save(plan)
    if replaced:
        session.say(
            "success",
            ngettext(
                "Read {n} person from {files}.",
                "Read {n} people from {files}.",
                len(plan.people),
                files=", ".join(plan.sources),
            ),
        )
    else:
        session.say(
            "error",
            _(
                "The files have errors, so the plan keeps its earlier people; the report below "
                "says what to fix and where. You can also leave out the files with errors and "
                "use the others."
            ),
        )
    st.rerun()


def _upload(session: state.PlanSession) -> None:
    files = st.file_uploader(
        _("Availability files (.xlsx or .csv; one or many, e.g. one per organisation)"),
        accept_multiple_files=True,
        key="availability_upload",
        help=_(
            "Up to {limit} MB a file. The template, a row a person with weekday or date "
            "columns (18-22, klo 15–19, ilta), survey exports (Microsoft Forms, Google Forms, "
            "Webropol), polls (Doodle, Framadate, When2meet), sign-up lists, hour grids, "
            "weekly calendars; anything else with a column mapping below.",
            limit=MAX_FILE_BYTES // 2**20,
        ),
    )
    if st.button(
        _("Read the files"), key="availability_import", type="primary", disabled=not files
    ):
        _read(session, _uploads())


def _leave_out(session: state.PlanSession) -> None:
    """Leave out the files with errors, explicitly, and use the others."""
    plan = session.plan
    uploads = _uploads()
    bad = sorted({f.where.file for f in plan.findings if f.severity == "error" and f.where.file})
    names = [name for name, _content in uploads]
    if not bad or not uploads or not set(bad) & set(names):
        return
    st.warning(
        _(
            "Some files have errors. Fix them and read the files again, or leave them out "
            "and use the other files: the report will say which files were left out."
        )
    )
    chosen = st.multiselect(
        _("Files to leave out"),
        names,
        default=[n for n in bad if n in names],
        key="leave_out_files",
    )
    if st.button(
        _("Use the other files"),
        key="availability_leave_out",
        disabled=not chosen or len(chosen) == len(names),
    ):
        _read(session, uploads, leave_out=chosen)


def import_report(findings: Sequence[Finding], *, key: str) -> None:
    """Every problem with its full text and place: filter by file, level and person, and
    download the report as a spreadsheet."""
    if not findings:
        st.success(_("No problems found."))
        return
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    if errors:
        st.error(
            ngettext(
                "{n} error: fix it in the file and read the files again.",
                "{n} errors: fix them in the files and read the files again.",
                errors,
            )
        )
    if warnings:
        st.warning(
            ngettext(
                "{n} warning: the plan can go on, but check it.",
                "{n} warnings: the plan can go on, but check them.",
                warnings,
            )
        )
    table = pd.DataFrame(finding_rows(findings, current_language()))
    cols = st.columns(4)
    files = cols[0].multiselect(_("File"), sorted(set(table.file) - {""}), key=f"{key}_files")
    levels = cols[1].multiselect(_("Level"), sorted(set(table.severity)), key=f"{key}_levels")
    people = sorted(set(table.person) - {""})
    person = cols[2].selectbox(
        _("Person"),
        ["", *people],
        format_func=lambda p: p or _("everyone"),
        key=f"{key}_person",
    )
    search = cols[3].text_input(_("Text contains"), key=f"{key}_search")
    shown = table
    if files:
        shown = shown[shown.file.isin(files)]
    if levels:
        shown = shown[shown.severity.isin(levels)]
    if person:
        shown = shown[shown.person == person]
    if search:
        shown = shown[shown.problem.str.casefold().str.contains(search.casefold(), regex=False)]
    st.caption(_("{shown} of {total} problems shown.", shown=len(shown), total=len(table)))
    st.dataframe(
        local_numbers(shown[["severity", "where", "person", "problem", "file", "sheet", "cell"]]),
        key=key,
        hide_index=True,
        width="stretch",
        column_config={
            "severity": st.column_config.TextColumn(_("level")),
            "where": st.column_config.TextColumn(_("where")),
            "person": st.column_config.TextColumn(_("person")),
            "problem": st.column_config.TextColumn(_("problem"), width="large"),
            "file": st.column_config.TextColumn(_("file")),
            "sheet": st.column_config.TextColumn(_("sheet")),
            "cell": st.column_config.TextColumn(_("cell")),
        },
    )
    st.download_button(
        _("Download the report (.xlsx)"),
        findings_workbook(findings, current_language()),
        file_name=_("import-report.xlsx"),
        mime=XLSX,
        key=f"{key}_download",
    )


def _day_parts(session: state.PlanSession) -> None:
    """The hours the day-part words mean in this plan: shown, and changed here."""
    plan = session.plan
    parts = plan_day_parts(plan)
    with st.expander(_("Parts of the day: what ilta, kväll or evening mean in this plan")):
        st.caption(
            _(
                "Answers such as ilta, aamu, koko päivä (kväll, morgon, hela dagen; evening, "
                "morning, all day) are read as these hours. Change them and read the files "
                "again."
            )
        )
        cols = st.columns(len(DAY_PARTS))
        for col, key in zip(cols, DAY_PARTS, strict=True):
            start, end = parts[key]
            col.text_input(
                " / ".join(PART_LABELS[key]),
                value=f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}",
                key=f"day_part_{key}",
            )
        if st.button(_("Save these hours"), key="day_parts_save"):
            found: dict[str, tuple[int, int]] = {}
            for key in DAY_PARTS:
                text = str(st.session_state.get(f"day_part_{key}", ""))
                try:
                    (span,) = ranges_from_text(text)
                except (TimeFormatError, ValueError):
                    st.error(
                        _(
                            "{part}: '{text}' is not one time range like 17-21",
                            part=" / ".join(PART_LABELS[key]),
                            text=text,
                        )
                    )
                    return
                found[key] = (span.start, span.end)
            session.save(with_day_parts(plan, found))
            session.say("success", _("The hours of the parts of the day were saved."))
            st.rerun()


def _people(session: state.PlanSession) -> None:
    plan = session.plan
    st.subheader(_("People ({n})", n=len(plan.people)))
    if not plan.people:
        st.info(_("No people yet."))
        return
    hours = people_hours(plan, plan.horizon)
    table = pd.DataFrame(
        [
            {
                "name": p.name,
                "email": p.email,
                "organisation": p.organisation,
                "role": p.role,
                "languages": ", ".join(p.languages),
                "mentor": p.mentor,
                "trainee": p.trainee,
                "offered h": round(hours[p.name][0], 1),
                "preferred h": round(hours[p.name][1], 1),
                "min h": p.min_hours,
                "max h": p.max_hours,
                "max h/week": p.max_hours_per_week,
            }
            for p in plan.people
        ]
    )
    cols = st.columns(4)
    search = cols[0].text_input(_("Name or email contains"), key="people_search")
    orgs = cols[1].multiselect(
        _("Organisation"), sorted(table.organisation.unique()), key="people_org"
    )
    roles = cols[2].multiselect(_("Role"), sorted(table.role.unique()), key="people_role")
    langs = cols[3].multiselect(_("Speaks"), ["fi", "sv", "en"], key="people_lang")
    shown = table
    if search:
        text = search.casefold()
        shown = shown[
            shown.name.str.casefold().str.contains(text, regex=False)
            | shown.email.str.casefold().str.contains(text, regex=False)
        ]
    if orgs:
        shown = shown[shown.organisation.isin(orgs)]
    if roles:
        shown = shown[shown.role.isin(roles)]
    if langs:
        shown = shown[shown.languages.apply(lambda v: any(x in v.split(", ") for x in langs))]
    st.caption(
        _(
            "{shown} of {total} people; {hours:.0f} hours offered in the period (closed "
            "hours included).",
            shown=len(shown),
            total=len(table),
            hours=float(shown["offered h"].sum()),
        )
    )
    labels = {
        "name": _("name"),
        "email": _("email"),
        "organisation": _("organisation"),
        "role": _("role"),
        "languages": _("languages"),
        "mentor": _("mentor"),
        "trainee": _("trainee"),
        "offered h": _("offered h"),
        "preferred h": _("preferred h"),
        "min h": _("min h"),
        "max h": _("max h"),
        "max h/week": _("max h/week"),
    }
    st.dataframe(
        local_numbers(shown),
        key="people_table",
        hide_index=True,
        width="stretch",
        column_config={k: st.column_config.Column(v) for k, v in labels.items()},
    )


def render(session: state.PlanSession) -> None:
    st.header(_("Availability"))
    plan = session.plan
    st.download_button(
        _("Download the template for this period"),
        _template(plan.horizon),
        file_name=f"availability-{plan.horizon.start.isoformat()}.xlsx",
        mime=XLSX,
        key="template_download",
    )
    _upload(session)
    mapping.render(session, _uploads())
    _day_parts(session)
    st.subheader(_("Import report"))
    if plan.sources:
        st.caption(_("People come from: {files}", files=", ".join(plan.sources)))
    if plan.findings or plan.sources:
        _leave_out(session)
        import_report(plan.findings, key="findings_table")
    else:
        st.info(_("No files read yet."))
    _people(session)
