"""The app's figures (plotly), built from plain data; no Streamlit here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import plotly.graph_objects as go

from ..domain import HELSINKI, SERVICES, Person, Shift
from ..i18n import N_, Text, _, current_language, fmt_date, fmt_number, fmt_time
from ..i18n.formatting import WEEKDAYS_SHORT
from ..roster import CoverageRow, UncoveredSlot

RATE_SCALE = "RdYlGn"
ROLE_COLOURS = {
    "volunteer": "#4C78A8",
    "student": "#72B7B2",
    "staff": "#F58518",
    "chat_team": "#54A24B",
}
ROLE_WORDS = {
    "volunteer": N_("volunteer"),
    "student": N_("student"),
    "staff": N_("staff"),
    "chat_team": N_("chat team"),
}
GAP_COLOUR = "#D62728"
MENTOR_MARK = "★"
TRAINEE_MARK = "◇"


def local(moment: datetime) -> datetime:
    return moment.astimezone(HELSINKI)


def local_figure(fig: go.Figure) -> go.Figure:
    """Numbers on a chart's axes and hovers the local way (``20,7`` in Finnish and Swedish)."""
    fig.update_layout(separators=".," if current_language() == "en" else ",\u00a0")
    return fig


def weekdays() -> tuple[str, ...]:
    """Short weekday names in the current language, Monday first."""
    return WEEKDAYS_SHORT.get(current_language(), WEEKDAYS_SHORT["fi"])


def short_day(day: date) -> str:
    """``ti 3.3.`` (``Tue 3 Mar`` in English): a day the local way."""
    return fmt_date(day, current_language())


def clock(moment: datetime, *, end_of: datetime | None = None) -> str:
    """``18.00`` in Helsinki time; a midnight that ends ``end_of``'s day is ``24.00``."""
    here = local(moment)
    text = fmt_time(here, current_language())
    if (
        end_of is not None
        and here.hour == 0
        and here.minute == 0
        and here.date() > local(end_of).date()
    ):
        return text.replace("00", "24", 1)
    return text


def time_range(start: datetime, end: datetime) -> str:
    """``18.00–22.00``."""
    return f"{clock(start)}–{clock(end, end_of=start)}"


def role_word(role: str) -> str:
    return Text(ROLE_WORDS[role]).render() if role in ROLE_WORDS else role


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
    lang = current_language()

    def hhmm(moment: datetime) -> str:
        return fmt_time(moment, lang)

    times = sorted({hhmm(r.start) for r in rows})
    x = [short_day(d) for d in days]
    cell = {(local(r.start).date(), hhmm(r.start)): r for r in rows}
    z: list[list[float | None]] = []
    text: list[list[str]] = []
    custom: list[list[list[object]]] = []
    for t in times:
        z_row: list[float | None] = []
        text_row: list[str] = []
        custom_row: list[list[object]] = []
        for d in days:
            r = cell.get((d, t))
            if r is None:
                z_row.append(None)
                text_row.append("")
                custom_row.append([_("closed"), "", "", "", "", ""])
                continue
            z_row.append(answer_rate(r))
            text_row.append(str(r.staffed))
            custom_row.append(
                [
                    time_range(r.start, r.end),
                    r.staffed,
                    r.min_staff,
                    fmt_number(r.forecast_contacts, lang, 1),
                    fmt_number(r.expected_answered, lang, 1),
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
            colorbar={"title": {"text": _("expected<br>answer rate")}, "tickformat": ".0%"},
            # Translators: a plotly hover template: keep every %{...} as it is
            hovertemplate=_(
                "<b>%{x} %{customdata[0]}</b><br>on duty %{customdata[1]} "
                "(minimum %{customdata[2]})<br>forecast %{customdata[3]} contacts, "
                "expected answered %{customdata[4]} (%{z:.0%})<br>"
                "%{customdata[5]}<extra></extra>"
            ),
            name=_("coverage"),
        )
    )
    short = [r for r in rows if r.staffed < r.min_staff]
    if short:
        fig.add_trace(
            go.Scatter(
                x=[short_day(local(r.start).date()) for r in short],
                y=[hhmm(r.start) for r in short],
                mode="markers",
                name=_("below minimum staff"),
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
    fig.update_yaxes(autorange="reversed", type="category", title=_("time"))
    fig.update_xaxes(type="category", side="top")
    return local_figure(fig)


def hour_of_week_profile(
    demand: Mapping[tuple[str, datetime], float], weeks: int
) -> tuple[dict[str, list[float]], list[str]]:
    """Average contacts per hour for each hour of the week (Monday 00 first), per service."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0] * 168)
    for (service, start), contacts in demand.items():
        moment = local(start)
        totals[service][moment.weekday() * 24 + moment.hour] += contacts
    profile = {s: [v / max(weeks, 1) for v in values] for s, values in sorted(totals.items())}
    days = weekdays()
    labels = [f"{days[h // 24]} {h % 24:02d}" for h in range(168)]
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
                hovertemplate="%{customdata}: %{y:.1f} " + _("contacts") + "<extra></extra>",
            )
        )
    fig.update_xaxes(
        tickvals=[24 * d + 12 for d in range(7)],
        ticktext=list(weekdays()),
        range=[0, 168],
        title=_("hour of the week"),
    )
    for d in range(1, 7):
        fig.add_vline(x=24 * d, line_width=1, line_color="#ccc")
    fig.update_yaxes(title=_("contacts an hour (average over the period)"), rangemode="tozero")
    fig.update_layout(
        height=360,
        margin={"l": 60, "r": 20, "t": 20, "b": 40},
        legend={"orientation": "h", "y": 1.1},
    )
    return local_figure(fig)


def backtest_chart(backtest: Mapping[str, Any]) -> go.Figure:
    """WAPE of the forecast against seasonal naive, overall and per service."""
    by_service: dict[str, Any] = dict(backtest.get("by_service") or {})
    groups = ["all", *by_service]
    model = [float(backtest["model_wape"])]
    naive = [float(backtest["naive_wape"])]
    for values in by_service.values():
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
    return local_figure(fig)


# --------------------------------------------------------------------------- the roster drawn


@dataclass(frozen=True)
class Bar:
    """One bar of a timeline: a shift (``key`` its id) or a gap (``key`` starts ``gap|``)."""

    key: str
    label: str
    start: float
    end: float
    colour: str
    hover: str
    pattern: str = ""


def _hour(moment: datetime, day: date) -> float:
    """Hours after the start of ``day`` on the wall clock (24 for the midnight ending it)."""
    here = local(moment)
    return (here.date() - day).days * 24 + here.hour + here.minute / 60


def _lanes(bars: Sequence[Bar]) -> list[int]:
    """The lowest free lane for each bar (bars sorted by start), so no two overlap."""
    ends: list[float] = []
    lanes = []
    for bar in bars:
        for lane, end in enumerate(ends):
            if end <= bar.start + 1e-9:
                ends[lane] = bar.end
                lanes.append(lane)
                break
        else:
            ends.append(bar.end)
            lanes.append(len(ends) - 1)
    return lanes


def gap_key(service: str, start: datetime, end: datetime) -> str:
    """The id of an hour below its minimum staff, for clicking it into the assign form."""
    return f"gap|{service}|{start.timestamp():.0f}|{end.timestamp():.0f}"


def parse_gap_key(key: str) -> tuple[str, datetime, datetime] | None:
    parts = key.split("|")
    if len(parts) != 4 or parts[0] != "gap":
        return None
    try:
        start = datetime.fromtimestamp(float(parts[2]), HELSINKI)
        end = datetime.fromtimestamp(float(parts[3]), HELSINKI)
    except ValueError:
        return None
    return parts[1], start, end


def roster_timeline(
    shifts: Sequence[Shift],
    people: Mapping[str, Person],
    days: Sequence[date],
    *,
    gaps: Sequence[UncoveredSlot] = (),
    key_of: Callable[[Shift], str],
    selected: str | None = None,
) -> go.Figure:
    """The roster drawn: a band a day (top to bottom), the day's shifts as bars across
    the hours, each in the first lane where it fits, coloured by role, mentors marked ★,
    trainees ◇ and hatched; hours below their minimum staff as red bars on top of their
    day. Each bar's ``customdata`` is its key (a shift id, or :func:`gap_key`)."""
    role_bars: dict[str, list[tuple[Bar, float]]] = defaultdict(list)
    gap_bars: list[tuple[Bar, float]] = []
    ticks: list[tuple[float, str]] = []
    separators: list[float] = []
    row = 0.0
    earliest = 24.0
    for day in days:
        todays = sorted(
            (s for s in shifts if local(s.start).date() == day), key=lambda s: (s.start, s.name)
        )
        bars = []
        for s in todays:
            person = people.get(s.name)
            role = person.role if person else ""
            mark = ""
            if person is not None and person.mentor:
                mark = f" {MENTOR_MARK}"
            elif person is not None and person.trainee:
                mark = f" {TRAINEE_MARK}"
            hover = _(
                "{name}{mark}: {time} ({role}, {organisation})",
                name=s.name,
                mark=mark,
                time=time_range(s.start, s.end),
                role=role_word(role) if role else _("not in the plan"),
                organisation=(person.organisation if person else "") or _("no organisation given"),
            )
            bars.append(
                (
                    role,
                    Bar(
                        key_of(s),
                        s.name + mark,
                        _hour(s.start, day),
                        _hour(s.end, day),
                        ROLE_COLOURS.get(role, "#999999"),
                        hover,
                        "/" if person is not None and person.trainee else "",
                    ),
                )
            )
        day_gaps = [g for g in gaps if local(g.start).date() == day]
        top = row
        if day_gaps:
            for g in day_gaps:
                gap_bars.append(
                    (
                        Bar(
                            gap_key(g.service, g.start, g.end),
                            _("{staffed} of {minimum}", staffed=g.staffed, minimum=g.min_staff),
                            _hour(g.start, day),
                            _hour(g.end, day),
                            GAP_COLOUR,
                            _(
                                "{time}: {staffed} on duty, {minimum} needed ({reason}). "
                                "Click to assign someone.",
                                time=time_range(g.start, g.end),
                                staffed=g.staffed,
                                minimum=g.min_staff,
                                reason=g.reason,
                            ),
                        ),
                        row,
                    )
                )
                earliest = min(earliest, _hour(g.start, day))
            row += 1
        lanes = _lanes([b for _role, b in bars])
        for (role, bar), lane in zip(bars, lanes, strict=True):
            role_bars[role].append((bar, row + lane))
            earliest = min(earliest, bar.start)
        used = max(lanes, default=-1) + 1
        row += max(used, 1)
        ticks.append(((top + row - 1) / 2, short_day(day)))
        separators.append(row - 0.5)
        row += 0.6
    fig = go.Figure()

    def trace(items: list[tuple[Bar, float]], name: str, colour: str | None) -> None:
        if not items:
            return
        fig.add_trace(
            go.Bar(
                orientation="h",
                base=[b.start for b, _y in items],
                x=[b.end - b.start for b, _y in items],
                y=[y for _b, y in items],
                text=[b.label for b, _y in items],
                textposition="inside",
                insidetextanchor="start",
                textfont={"size": 11},
                customdata=[[b.key, b.hover] for b, _y in items],
                hovertemplate="%{customdata[1]}<extra></extra>",
                marker={
                    "color": [b.colour for b, _y in items],
                    "line": {
                        "width": [3 if b.key == selected else 0.5 for b, _y in items],
                        "color": ["#000000" if b.key == selected else "#ffffff" for b, _y in items],
                    },
                    "pattern": {
                        "shape": [b.pattern for b, _y in items],
                        "fgcolor": "rgba(255,255,255,0.6)",
                        "fillmode": "overlay",
                        "solidity": 0.2,
                    },
                },
                width=0.86,
                name=name,
                showlegend=True,
            )
        )

    trace(gap_bars, _("below the minimum staff"), GAP_COLOUR)
    for group in (*ROLE_COLOURS, ""):
        trace(role_bars.get(group, []), role_word(group) if group else _("not in the plan"), None)
    start_hour = int(min(earliest, 24.0)) if shifts or gaps else 9
    height = int(max(280, 19 * row + 130))
    top, bottom = 80, 30
    fig.update_layout(
        barmode="overlay",
        height=height,
        margin={"l": 90, "r": 20, "t": top, "b": bottom},
        legend={
            "orientation": "h",
            "y": 1 + 30 / max(1, height - top - bottom),
            "yanchor": "bottom",
            "x": 0,
        },
        plot_bgcolor="#ffffff",
        clickmode="event+select",
        dragmode=False,
        bargap=0.1,
    )
    fig.update_xaxes(
        range=[start_hour, 24],
        tickvals=list(range(start_hour, 25)),
        ticktext=[f"{h:02d}" for h in range(start_hour, 25)],
        side="top",
        showgrid=True,
        gridcolor="#e5e5e5",
        fixedrange=True,
    )
    fig.update_yaxes(
        range=[row - 0.4, -0.6],
        tickvals=[y for y, _label in ticks],
        ticktext=[label for _y, label in ticks],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    for y in separators[:-1]:
        fig.add_hline(y=y + 0.3, line_width=1, line_color="#bbbbbb")
    return local_figure(fig)


def person_month(
    shifts: Sequence[Shift],
    offered: Mapping[date, tuple[float, bool]],
    days: Sequence[date],
    *,
    key_of: Callable[[Shift], str],
    colour: str = ROLE_COLOURS["volunteer"],
    selected: str | None = None,
) -> go.Figure:
    """One person's period as a calendar: a row a week, a column a weekday; a day with a
    shift shows its time and chat (clickable, ``customdata`` the shift id), a day they
    offered time without a shift is light green (``day|YYYY-MM-DD``: click to assign them),
    other days blank. ``offered`` maps a day to (hours offered, any of it preferred)."""
    first = days[0] if days else date.today()
    on_day: dict[date, list[Shift]] = defaultdict(list)
    for s in shifts:
        on_day[local(s.start).date()].append(s)
    xs, ys, texts, colours, custom, sizes, lines = [], [], [], [], [], [], []
    for day in days:
        week = (day - first).days // 7
        mine = sorted(on_day.get(day, []), key=lambda s: s.start)
        if mine:
            text = "<br>".join(
                f"{time_range(s.start, s.end)} {SERVICES[s.service].name}" for s in mine
            )
            key = key_of(mine[0])
            fill = colour
            hover = _("{day}: {shifts}", day=short_day(day), shifts=text.replace("<br>", ", "))
        elif day in offered:
            hours, preferred = offered[day]
            text = _("offered {hours} h", hours=round(hours, 1))
            key = f"day|{day.isoformat()}"
            fill = "#b7e1a1" if preferred else "#dff0d8"
            hover = _(
                "{day}: offered {hours} h, no shift. Click to assign.",
                day=short_day(day),
                hours=round(hours, 1),
            )
        else:
            text, key, fill = "", f"none|{day.isoformat()}", "#f4f4f4"
            hover = _("{day}: nothing offered", day=short_day(day))
        xs.append(day.weekday())
        ys.append(week)
        texts.append(f"<b>{short_day(day)}</b><br>{text}")
        colours.append(fill)
        custom.append([key, hover])
        sizes.append(70)
        lines.append(3 if selected is not None and key == selected else 0)
    fig = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=texts,
            textfont={
                "size": 11,
                "color": ["#ffffff" if c == colour else "#222222" for c in colours],
            },
            marker={
                "symbol": "square",
                "size": sizes,
                "color": colours,
                "line": {"width": lines, "color": "#000000"},
            },
            customdata=custom,
            hovertemplate="%{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    weeks = (days[-1] - first).days // 7 + 1 if days else 1
    fig.update_layout(
        height=90 * weeks + 60,
        margin={"l": 20, "r": 20, "t": 40, "b": 10},
        plot_bgcolor="#ffffff",
        clickmode="event+select",
        dragmode=False,
    )
    fig.update_xaxes(
        range=[-0.55, 6.55],
        tickvals=list(range(7)),
        ticktext=list(weekdays()),
        side="top",
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    fig.update_yaxes(
        range=[weeks - 0.5, -0.5],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    return local_figure(fig)
