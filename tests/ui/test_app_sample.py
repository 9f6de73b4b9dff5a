"""Opens ready: the first start makes the sample plan, optimised; later starts reopen it."""

from __future__ import annotations

from test_app_support import ROOT, new_app, ok, plotly_figure, stored

from scheduler.i18n import translate
from scheduler.ui.seed import SAMPLE_NAME, ensure_a_plan, sample_horizon


def test_the_first_start_makes_the_sample_plan_and_the_app_opens_on_its_heatmap(
    tmp_path, monkeypatch
):
    db = tmp_path / "plans.sqlite"
    monkeypatch.setenv("SEKASIN_SAMPLE", str(ROOT / "data"))
    monkeypatch.setenv("SEKASIN_SAMPLE_SECONDS", "3")
    store = stored(db)
    ensure_a_plan(store)
    [info] = store.list_plans()
    assert info.name == translate(SAMPLE_NAME)
    assert info.horizon == sample_horizon(ROOT / "data")
    assert info.horizon.start.isoformat() == "2026-03-02" and info.horizon.weeks == 4
    plan = store.load_plan(info.id)
    assert len(plan.people) > 300
    assert plan.demand_info["assumption"] is True
    assert plan.sources == ("availability.xlsx", "org_free_text.xlsx")
    version = store.latest_roster(info.id)
    assert version is not None and len(version.shifts) > 100

    ensure_a_plan(store)  # a later start: nothing new
    assert [p.id for p in store.list_plans()] == [info.id]

    at = new_app(db, monkeypatch)
    monkeypatch.setenv("SEKASIN_SAMPLE", str(ROOT / "data"))
    at.run()
    ok(at)
    assert at.radio(key="nav").value == "coverage"
    heat = plotly_figure(at, "heatmap")["data"][0]
    assert heat["x"][0] == "Mon 2 Mar"
    staffed = [int(v) for row in heat["text"] for v in row if v]
    assert sum(staffed) > 0


def test_usage_statistics_are_off_and_uploads_capped():
    import re
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] in ("type", "none")
    assert 20 <= config["server"]["maxUploadSize"] <= 50
    makefile = (ROOT / "Makefile").read_text()
    run = re.search(r"^run:.*?(?=^\S)", makefile, re.S | re.M).group(0)
    assert "--browser.gatherUsageStats false" in run
    assert "--server.headless true" in run  # no e-mail prompt, no browser opened
