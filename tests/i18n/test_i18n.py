"""The translation system: choosing a language, catalogs complete, local numbers and dates."""

from datetime import date, datetime

import pytest

from scheduler.cli import main
from scheduler.domain import HELSINKI
from scheduler.i18n import (
    T,
    Tn,
    _,
    catalogs,
    fmt_date,
    fmt_number,
    fmt_percent,
    fmt_time,
    ngettext,
    resolve_language,
    use_language,
)


def test_every_catalog_is_complete_and_no_message_is_assembled_from_fragments():
    problems = [str(p) for p in catalogs.check()]
    assert problems == []
    assert catalogs.dynamic_calls() == []


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        ("sv", {"SEKASIN_LANG": "en"}, "sv"),
        (None, {"SEKASIN_LANG": "en", "LANG": "sv_FI.UTF-8"}, "en"),
        (None, {"LC_ALL": "sv_FI.UTF-8", "LANG": "en_GB.UTF-8"}, "sv"),
        (None, {"LC_MESSAGES": "en_US", "LANG": "fi_FI.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "fi"),
        (None, {}, "fi"),
        (None, {"SEKASIN_LANG": "de"}, "fi"),
    ],
)
def test_language_from_flag_then_environment_then_locale_then_finnish(explicit, env, expected):
    assert resolve_language(explicit, env) == expected


def test_numbers_and_dates_the_local_way():
    assert fmt_number(2705, "fi") == "2\u00a0705"
    assert fmt_number(2705, "en") == "2,705"
    assert fmt_number(7280.84, "sv", 1) == "7\u00a0280,8"
    assert fmt_percent(0.207, "fi") == "20,7\u00a0%"
    assert fmt_percent(0.207, "en") == "20.7%"
    d = date(2026, 3, 3)
    assert (fmt_date(d, "fi"), fmt_date(d, "sv"), fmt_date(d, "en")) == (
        "ti 3.3.",
        "ti 3.3.",
        "Tue 3 Mar",
    )
    assert fmt_date(date(2026, 3, 2), "sv", year=True) == "må 2.3.2026"
    evening = datetime(2026, 3, 29, 18, 30, tzinfo=HELSINKI)  # the spring DST day
    assert (fmt_time(evening, "fi"), fmt_time(evening, "en")) == ("18.30", "18:30")


def test_plural_forms_in_each_language():
    with use_language("fi"):
        assert ngettext("{n} error", "{n} errors", 1) == "1 virhe"
        assert ngettext("{n} error", "{n} errors", 3) == "3 virhettä"
    with use_language("sv"):
        assert ngettext("{n} warning", "{n} warnings", 2) == "2 varningar"
    with use_language("en"):
        assert ngettext("{n} warning", "{n} warnings", 1) == "1 warning"


def test_a_lazy_text_renders_in_the_language_it_is_shown_in():
    text = T("error: {finding}", finding=Tn("{n} error", "{n} errors", 1200))
    assert text.render("fi") == "virhe: 1\u00a0200 virhettä"
    assert text.render("sv") == "fel: 1\u00a0200 fel"
    assert text.render("en") == "error: 1,200 errors"
    with use_language("sv"):
        assert str(text) == "fel: 1\u00a0200 fel"
        assert _("warning: {finding}", finding="x") == "varning: x"


@pytest.mark.parametrize(
    ("lang", "summary"),
    [("fi", "1 virhe, 0 varoitusta"), ("sv", "1 fel, 0 varningar"), ("en", "1 error, 0 warnings")],
)
def test_the_command_line_reports_in_the_chosen_language(tmp_path, capsys, lang, summary):
    missing = tmp_path / "puuttuu.csv"
    args = ["forecast", "--history", str(missing), "--start", "2026-03-02", "--weeks", "1"]
    code = main([*args, "-o", str(tmp_path / "demand.csv"), "--lang", lang])
    assert code == 2
    assert summary in capsys.readouterr().err


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fi", ("käyttö:", "virhe: nämä argumentit puuttuvat: --contacts-per-hour")),
        ("sv", ("användning:", "fel: följande argument saknas: --contacts-per-hour")),
        ("en", ("usage:", "error: the following arguments are required: --contacts-per-hour")),
    ],
)
def test_argparse_usage_and_errors_speak_the_language_and_exit_2(capsys, lang, words):
    with pytest.raises(SystemExit) as stop:
        main(["staffing", "--lang", lang])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert all(w in err for w in words), err


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_any_number_a_bad_file_brings_in_formats(lang):
    """A count of 1E100 in a history file ends up in the message that refuses it: the
    number is written out, not an internal error."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from scheduler.i18n.formatting import fmt_number, fmt_percent

    @given(st.floats(allow_nan=True, allow_infinity=True), st.integers(0, 3))
    @settings(max_examples=300, deadline=None)
    def check(value, digits):
        assert fmt_number(value, lang, digits)
        assert fmt_percent(value, lang, digits)

    check()
    assert fmt_number(1e100, lang).replace("\u00a0", "").replace(",", "").startswith("1" + "0" * 99)
