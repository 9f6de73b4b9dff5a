"""The app's language: Finnish by default, Swedish and English from the sidebar, kept in the
address; the plan's own language for its shared files."""

from __future__ import annotations

import io

import pytest
from app_texts import english_left, page_texts
from openpyxl import load_workbook
from test_app_support import goto, ok, optimised_app, stored

from scheduler.i18n import set_language
from scheduler.ui.main import PAGES

# the test plan's own names, which no translation changes
DATA = ("Tiny week", "optimised for the test")


def sidebar_title(at) -> str:
    return at.sidebar.markdown[0].value


def test_finnish_when_nothing_is_chosen(tmp_path, monkeypatch):
    monkeypatch.delenv("SEKASIN_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    set_language("fi")
    at, _db = optimised_app(tmp_path, monkeypatch)
    ok(at.run())
    assert sidebar_title(at) == "### Sekasin-vuorosuunnittelu"
    assert at.radio(key="nav").label == "Vaiheet"
    assert at.query_params["lang"] in ("fi", ["fi"])


@pytest.mark.parametrize(
    ("env", "pick", "title"),
    [("sv", "en", "### Sekasin shift scheduler"), ("en", "sv", "### Sekasin passplanering")],
)
def test_the_sidebar_switches_the_language_for_the_session(tmp_path, monkeypatch, env, pick, title):
    monkeypatch.setenv("SEKASIN_LANG", env)
    set_language(env)
    at, _db = optimised_app(tmp_path, monkeypatch)
    ok(at.run())
    assert at.selectbox(key="lang").value == env
    ok(at.selectbox(key="lang").set_value(pick).run())
    set_language(pick)  # AppTest formats the widgets' options in the test's own thread
    assert sidebar_title(at) == title
    goto(at, "roster")  # the choice stays while moving between steps
    assert sidebar_title(at) == title
    assert at.query_params["lang"] in (pick, [pick])


def test_the_address_chooses_the_language_of_a_shared_link(tmp_path, monkeypatch):
    monkeypatch.setenv("SEKASIN_LANG", "en")
    set_language("sv")
    at, _db = optimised_app(tmp_path, monkeypatch)
    at.query_params["lang"] = "sv"
    ok(at.run())
    assert sidebar_title(at) == "### Sekasin passplanering"


def test_the_plans_language_writes_its_workbook(tmp_path, monkeypatch):
    set_language("en")
    at, db = optimised_app(tmp_path, monkeypatch)
    goto(at.run(), "plan")
    at.selectbox(key="plan_language").set_value("sv")
    ok(at.button(key="plan_save").click().run())
    plan_id = stored(db).list_plans()[0].id
    assert stored(db).load_plan(plan_id).settings["language"] == "sv"
    # the Publish step builds the files in the plan's language, whatever the page speaks
    goto(at, "publish")
    ok(at.button(key="publish_build").click().run())
    version = stored(db).latest_roster(plan_id)
    files = at.session_state[f"_published_files_{plan_id}_{version.id}"]
    book = load_workbook(io.BytesIO(files["roster.xlsx"]))
    assert "Pass" in book.sheetnames, book.sheetnames
    assert at.sidebar.markdown[0].value == "### Sekasin shift scheduler"  # the page: English


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_no_english_is_left_on_any_page(tmp_path, monkeypatch, lang):
    """Every step of an optimised plan, in Finnish and in Swedish: no label, help text,
    table header, message, chart title or axis is left in English (the plan's and people's
    names are data, not words of the app)."""
    monkeypatch.setenv("SEKASIN_LANG", lang)
    set_language(lang)
    at, _db = optimised_app(tmp_path, monkeypatch)
    ok(at.run())
    left = []
    for page in PAGES:
        goto(at, page)
        texts = page_texts(at)
        assert texts, page
        left += [f"{page}: {t}" for t in english_left(texts, lang, data=DATA)]
    assert left == []
