"""The app's figures (plotly), built from plain data; no Streamlit here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta

import plotly.graph_objects as go

from ..domain import HELSINKI
from ..roster import CoverageRow

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RATE_SCALE = "RdYlGn"


def local(moment: datetime) -> datetime:
    return moment.astimezone(HELSINKI)


def day_label(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day:%d.%m.}"


def answer_rate(row: CoverageRow) -> float:
    return row.expected_answered / row.forecast_contacts if row.forecast_contacts > 0 else 0.0


def _names(names: Sequence[str], per_line: int = 3) -> str:
    if not names:
        return "nobody"
    lines = [", ".join(names[i : i + per_line]) for i in range(0, len(names), per_line)]
    return "<br>".join(lines)


def week_rows(coverage: Iterable[CoverageRow], service: str, week_start: date) -> list[CoverageRow]:
    end = week_start + timedelta(days=7)
    return [
        r for r in coverage if r.service == service and week_start <= local(r.start).date() < end
    ]


def coverage_heatmap(
    coverage: Sequence[CoverageRow],
    service: str,
    week_start: date,
    *,
    zmax: float | None = None,
    title: str = "",
) -> go.Figure:
    """Day × time of day for one service and week, coloured by expected answer rate.

    Each cell shows how many are on duty; hover tells who, the minimum, forecast and
    expected answered contacts. Slots below their minimum staff carry a black ✕.
    """
    rows = week_rows(coverage, service, week_start)
    days = [week_start + timedelta(days=i) for i in range(7)]
    times = sorted({local(r.start).strftime("%H:%M") for r in rows})
    x = [day_label(d) for d in days]
    cell = {(local(r.start).date(), local(r.start).strftime("%H:%M")): r for r in rows}
    z, text, custom = [], [], []
    for t in times:
        z_row, text_row, custom_row = [], [], []
        for d in days:
            r = cell.get((d, t))
            if r is None:
                z_row.append(None)
                text_row.append("")
                custom_row.append(["closed", "", "", "", "", ""])
                continue
            z_row.append(answer_rate(r))
            text_row.append(str(r.staffed))
            custom_row.append(
                [
                    f"{local(r.start):%H:%M}–{local(r.end):%H:%M}",
                    r.staffed,
                    r.min_staff,
                    f"{r.forecast_contacts:.1f}",
                    f"{r.expected_answered:.1f}",
                    _names(list(r.on_duty)),
                ]
            )
        z.append(z_row)
        text.append(text_row)
        custom.append(custom_row)
    top = zmax if zmax is not None else max([answer_rate(r) for r in rows] + [0.05])
    fig = go.Figure(
        go.Heatmap(
            x=x,
            y=times,
            z=z,
            text=text,
            customdata=custom,
            texttemplate="%{text}",
            colorscale=RATE_SCALE,
            zmin=0.0,
            zmax=top,
            xgap=1,
            ygap=1,
            colorbar={"title": {"text": "expected<br>answer rate"}, "tickformat": ".0%"},
            hovertemplate=(
                "<b>%{x} %{customdata[0]}</b><br>on duty %{customdata[1]} "
                "(minimum %{customdata[2]})<br>forecast %{customdata[3]} contacts, "
                "expected answered %{customdata[4]} (%{z:.0%})<br>"
                "%{customdata[5]}<extra></extra>"
            ),
            name="coverage",
        )
    )
    short = [r for r in rows if r.staffed < r.min_staff]
    if short:
        fig.add_trace(
            go.Scatter(
                x=[day_label(local(r.start).date()) for r in short],
                y=[local(r.start).strftime("%H:%M") for r in short],
                mode="markers",
                name="below minimum staff",
                hoverinfo="skip",
                marker={"symbol": "x-thin", "size": 16, "line": {"width": 3, "color": "black"}},
            )
        )
    fig.update_layout(
        title=title or None,
        height=max(360, 24 * len(times) + 140),
        margin={"l": 60, "r": 20, "t": 50 if title else 20, "b": 40},
        legend={"orientation": "h", "y": -0.08},
        plot_bgcolor="#f0f0f0",
    )
    fig.update_yaxes(autorange="reversed", type="category", title="time")
    fig.update_xaxes(type="category", side="top")
    return fig


def hour_of_week_profile(
    demand: Mapping[tuple[str, datetime], float], weeks: int
) -> tuple[dict[str, list[float]], list[str]]:
    """Average contacts per hour for each hour of the week (Monday 00 first), per service."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0] * 168)
    for (service, start), contacts in demand.items():
        moment = local(start)
        totals[service][moment.weekday() * 24 + moment.hour] += contacts
    profile = {s: [v / max(weeks, 1) for v in values] for s, values in sorted(totals.items())}
    labels = [f"{WEEKDAYS[h // 24]} {h % 24:02d}" for h in range(168)]
    return profile, labels


def demand_chart(
    demand: Mapping[tuple[str, datetime], float], weeks: int, names: Mapping[str, str]
) -> go.Figure:
    """Forecast contacts by hour of the week, a line per service."""
    profile, labels = hour_of_week_profile(demand, weeks)
    fig = go.Figure()
    for service, values in profile.items():
        fig.add_trace(
            go.Scatter(
                x=list(range(168)),
                y=values,
                mode="lines",
                line_shape="hv",
                name=names.get(service, service),
                customdata=labels,
                hovertemplate="%{customdata}: %{y:.1f} contacts<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickvals=[24 * d + 12 for d in range(7)],
        ticktext=list(WEEKDAYS),
        range=[0, 168],
        title="hour of the week",
    )
    for d in range(1, 7):
        fig.add_vline(x=24 * d, line_width=1, line_color="#ccc")
    fig.update_yaxes(title="contacts an hour (average over the period)", rangemode="tozero")
    fig.update_layout(
        height=360,
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        legend={"orientation": "h", "y": 1.1},
    )
    return fig


def backtest_chart(backtest: Mapping[str, object]) -> go.Figure:
    """WAPE of the forecast against seasonal naive, overall and per service."""
    groups = ["all"] + list(dict(backtest.get("by_service") or {}))
    model = [float(backtest["model_wape"])]
    naive = [float(backtest["naive_wape"])]
    for values in dict(backtest.get("by_service") or {}).values():
        model.append(float(values[0]))
        naive.append(float(values[1]))
    fig = go.Figure(
        [
            go.Bar(name="forecast", x=groups, y=model, texttemplate="%{y:.1%}"),
            go.Bar(
                name="seasonal naive (same hour a week earlier)",
                x=groups,
                y=naive,
                texttemplate="%{y:.1%}",
            ),
        ]
    )
    fig.update_yaxes(title="WAPE (lower is better)", tickformat=".0%", rangemode="tozero")
    fig.update_layout(
        barmode="group",
        height=300,
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        legend={"orientation": "h", "y": 1.15},
    )
    return fig
