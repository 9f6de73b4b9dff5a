"""The column-mapping step (inside step 2): when no shape fits a file, or the guess is wrong,
the coordinator looks at its first rows, says which column is the name, e-mail,
organisation and languages and how availability is written, previews the first people and
their hours, and saves the mapping with the plan. It is re-applied to files with the same
headers (next month's too), and can be downloaded and uploaded as a file."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import streamlit as st
from openpyxl.utils import get_column_letter

from ...errors import Findings, InputError, Location
from ...i18n import _, current_language
from ...intake import ColumnMapping, load_availability
from ...intake.mapping import KINDS, guess, mappings_from_json
from ...intake.readers import Sheet, read_sheets
from ...intake.report import finding_rows, people_hours
from .. import state
from ..tables import local_numbers
from ..workflow import plan_day_parts, plan_mappings, with_mapping, without_mapping

DETAILS = ("name", "email", "organisation", "languages")
MAX_COLUMNS = 60


def kind_texts() -> dict[str, str]:
    return {
        "day_text": _(
            "a column a weekday or a date; the cells hold times or chosen options (18-22, "
            "18–20;20–22;, ilta) — also a survey question a weekday"
        ),
        "day_marks": _(
            "a column a day and a time (an hour grid, a survey's options, a poll); the cells "
            "hold marks (x, 1, OK)"
        ),
        "time_days": _("a column a time; the cells name the days (Maanantai, Keskiviikko)"),
        "when": _("a column of days with times (ma 2.3. klo 18-22; ti 9-12)"),
        "shift_rows": _("one row a shift: a date or weekday column, and a time or start and end"),
    }


def means_help() -> str:
    return _(
        "What the column holds: name, email, organisation, role, languages, mentor, trainee; "
        "a day (ma, 2026-03-02); a day and a time (ma 18-20); a time (18-20); when; date, "
        "weekday, start, end, time, shift; or ignore. Empty: not read (a warning)."
    )


@st.cache_data(show_spinner=False, max_entries=16)
def _sheets(name: str, content: bytes) -> list[Sheet]:
    with tempfile.TemporaryDirectory(prefix="sekasin-map-") as folder:
        path = Path(folder) / f"upload{Path(name).suffix.lower()[:8]}"
        path.write_bytes(content)
        return read_sheets(path, name, Findings())


def _column_label(sheet: Sheet, row: int, c: int) -> str:
    header = sheet.value(row, c)
    text = " ".join(str(header).split()) if header is not None else ""
    return f"{get_column_letter(c + 1)}: {text}" if text else get_column_letter(c + 1)


def _first_rows(sheet: Sheet, header_row: int) -> pd.DataFrame:
    width = min(sheet.width, MAX_COLUMNS)
    rows = sheet.rows[header_row : header_row + 8]
    data = [
        ["" if (v := (r[c] if c < len(r) else None)) is None else str(v) for c in range(width)]
        for r in rows
    ]
    return pd.DataFrame(data, columns=[get_column_letter(c + 1) for c in range(width)])


def _preview(session: state.PlanSession, name: str, content: bytes, mapping: ColumnMapping):
    plan = session.plan
    with tempfile.TemporaryDirectory(prefix="sekasin-preview-") as folder:
        path = Path(folder) / f"upload{Path(name).suffix.lower()[:8]}"
        path.write_bytes(content)
        return load_availability(
            [path],
            plan.horizon,
            plan.rules,
            display_names=[name],
            mappings=[mapping],
            day_parts=plan_day_parts(plan),
        )


def _editor(session: state.PlanSession, uploads: Sequence[tuple[str, bytes]]) -> None:
    names = [n for n, _c in uploads]
    chosen = st.selectbox(_("File"), names, key="map_file")
    content = dict(uploads)[chosen]
    sheets = [s for s in _sheets(chosen, content) if s.rows]
    if not sheets:
        st.info(_("This file has no sheet with rows to map."))
        return
    sheet_names = [s.name or chosen for s in sheets]
    index = st.selectbox(
        _("Sheet"), range(len(sheets)), format_func=sheet_names.__getitem__, key="map_sheet"
    )
    sheet = sheets[index]
    guessed_row, guessed = guess(sheet, session.plan.horizon.start, plan_day_parts(session.plan))
    marker = (chosen, index)
    if st.session_state.get("_map_for") != marker:  # a new file or sheet: start from the guess
        st.session_state["_map_for"] = marker
        st.session_state["map_header_row"] = guessed_row + 1
        for c in range(MAX_COLUMNS):
            st.session_state[f"map_means_{c}"] = guessed.get(c, "")
    header_row = int(
        st.number_input(
            _("Header row (the row that names the columns)"),
            min_value=1,
            max_value=max(1, min(len(sheet.rows), 30)),
            step=1,
            key="map_header_row",
        )
        - 1
    )
    st.dataframe(local_numbers(_first_rows(sheet, header_row)), hide_index=True, width="stretch")
    st.radio(
        _("How is availability written?"),
        KINDS,
        format_func=kind_texts().__getitem__,
        key="map_kind",
    )
    st.caption(means_help())
    width = min(sheet.width, MAX_COLUMNS)
    grid = st.columns(3)
    for c in range(width):
        grid[c % 3].text_input(_column_label(sheet, header_row, c), key=f"map_means_{c}")
    means = {
        c: str(st.session_state.get(f"map_means_{c}", "")).strip()
        for c in range(width)
        if str(st.session_state.get(f"map_means_{c}", "")).strip()
    }
    mapping = ColumnMapping.for_sheet(
        sheet, header_row, means, kind=str(st.session_state.get("map_kind", ""))
    )
    cols = st.columns(3)
    if cols[0].button(_("Preview the first people"), key="map_preview"):
        st.session_state["_map_preview"] = marker
    if cols[1].button(_("Save the mapping with the plan"), key="map_save", type="primary"):
        try:
            checked = ColumnMapping.from_json(mapping.to_json())
        except ValueError as exc:
            st.error(str(getattr(exc, "text", exc)))
            return
        session.save(with_mapping(session.plan, checked))
        session.say(
            "success",
            _(
                "The mapping was saved with the plan: files with these headers are read with "
                "it. Read the files again to use it."
            ),
        )
        st.rerun()
    cols[2].download_button(
        _("Download this mapping"),
        json.dumps(mapping.to_json(), ensure_ascii=False, indent=2),
        file_name=f"{Path(chosen).stem}-mapping.json",
        mime="application/json",
        key="map_download",
    )
    if st.session_state.get("_map_preview") == marker:
        _show_preview(session, chosen, content, mapping)


def _show_preview(session: state.PlanSession, name: str, content: bytes, mapping) -> None:
    try:
        checked = ColumnMapping.from_json(mapping.to_json())
    except ValueError as exc:
        st.error(str(getattr(exc, "text", exc)))
        return
    intake = _preview(session, name, content, checked)
    hours = people_hours(intake, session.plan.horizon)
    st.markdown(_("**Preview:** the first people and their hours with this mapping"))
    st.dataframe(
        local_numbers(
            pd.DataFrame(
                [
                    {
                        "name": p.name,
                        "email": p.email,
                        "organisation": p.organisation,
                        "languages": ", ".join(p.languages),
                        "offered h": round(hours[p.name][0], 1),
                        "preferred h": round(hours[p.name][1], 1),
                    }
                    for p in intake.people[:10]
                ],
                columns=["name", "email", "organisation", "languages", "offered h", "preferred h"],
            )
        ),
        key="map_preview_people",
        hide_index=True,
        width="stretch",
    )
    problems = finding_rows(intake.findings, current_language())
    if problems:
        st.caption(
            _(
                "{errors} errors and {warnings} warnings with this mapping; the first:",
                errors=len(intake.findings.errors),
                warnings=len(intake.findings.warnings),
            )
        )
        st.dataframe(
            local_numbers(pd.DataFrame(problems[:10])[["severity", "where", "problem"]]),
            key="map_preview_findings",
            hide_index=True,
            width="stretch",
        )


def _saved(session: state.PlanSession) -> None:
    mappings = plan_mappings(session.plan)
    st.markdown(_("**Mappings saved with this plan:** {n}", n=len(mappings)))
    for i, m in enumerate(mappings):
        cols = st.columns([5, 1])
        cols[0].caption(m.headers_text())
        if cols[1].button(_("Remove"), key=f"map_remove_{i}"):
            session.save(without_mapping(session.plan, i))
            st.rerun()
    if mappings:
        st.download_button(
            _("Download the saved mappings"),
            json.dumps([m.to_json() for m in mappings], ensure_ascii=False, indent=2),
            file_name="column-mappings.json",
            mime="application/json",
            key="map_download_all",
        )
    upload = st.file_uploader(_("Upload a mapping file (.json)"), key="map_upload")
    if upload is not None and st.button(_("Add the uploaded mapping"), key="map_upload_add"):
        try:
            found = mappings_from_json(
                json.loads(upload.getvalue().decode("utf-8-sig")), Location(upload.name)
            )
        except InputError as exc:
            for f in exc.errors:
                st.error(str(f))
            return
        except (ValueError, UnicodeDecodeError) as exc:
            st.error(_("not a column mapping file ({problem})", problem=str(exc)))
            return
        plan = session.plan
        for m in found:
            plan = with_mapping(plan, m)
        session.save(plan)
        session.say("success", _("The mapping file was added to the plan."))
        st.rerun()


def render(session: state.PlanSession, uploads: Sequence[tuple[str, bytes]]) -> None:
    mappings = plan_mappings(session.plan)
    with st.expander(
        _("Column mappings: when a file is read wrong or not at all ({n} saved)", n=len(mappings))
    ):
        if uploads:
            _editor(session, uploads)
        else:
            st.caption(_("Upload a file above to map its columns."))
        _saved(session)
