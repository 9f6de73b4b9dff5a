"""Forecast contacts per service and slot from a contact history.

The model, per service, is a Poisson GLM (statsmodels, log link) of contacts in each open
hour, with these terms:

- hour of the week: one level for every open hour (the weekly pattern);
- month of the year: three yearly harmonics (sine and cosine) taken at the middle of the
  hour's month, a smooth month-of-year pattern that also covers months the history lacks
  (used when the training data span at least :data:`SEASON_MIN_DAYS` days);
- trend: log-linear in time, at the middle of the month (used when the data span at least
  :data:`TREND_MIN_DAYS` days, so that a trend can be told apart from the season);
  extrapolated at most :data:`MAX_TREND_YEARS` ahead;
- holidays: one factor for Finnish public holidays (the ``holidays`` package).

Hours with the same terms (hour of week, holiday, month) are summed before fitting, with
their number of hours as the exposure: the same maximum-likelihood fit on ~4× fewer rows.
Over-dispersion is measured on the hourly residuals as the negative-binomial α (variance
μ + αμ², the Cameron–Trivedi auxiliary regression). With ``quantile=q`` the forecast is the q-quantile of the contact
*rate* (the gamma mixing distribution of the negative binomial: mean μ, variance αμ²),
not of the count: the Poisson variation within an hour is already part of the queue
model, the day-to-day swings around the pattern are not.

A backtest refits the model without the last weeks of the history and compares its
forecast of those weeks with the seasonal-naive forecast (each hour as it was one week
earlier), by WAPE = Σ|actual − forecast| / Σ actual over the open hours where both exist.
Hourly forecasts are split evenly into 30-minute slots.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from ..domain import HELSINKI, Horizon, Rules
from ..hours import slot_grid
from ..i18n import T, Text, Tn
from . import profile
from .history import History
from .openhours import holiday_mask, local_parts, open_hour_starts

SEASON_MIN_DAYS = 300
TREND_MIN_DAYS = 548
HARMONICS = 3
MAX_TREND_YEARS = 1.0
MIN_DAYS = 14
BACKTEST_WEEKS = 4
MIN_HOLIDAYS = 2  # holiday days needed in the history for a holiday factor


class FitError(RuntimeError):
    """The model could not be fitted to a history (too little or degenerate data)."""

    def __init__(self, text: Text) -> None:
        super().__init__(str(text))
        self.text = text


@dataclass(frozen=True)
class Backtest:
    """The model against seasonal naive over the last ``weeks`` of the history."""

    weeks: int
    first: date
    last: date
    model_wape: float
    naive_wape: float
    hours: int
    by_service: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def improvement(self) -> float:
        """How much smaller the model's error is than seasonal naive's (0.3 = 30 % smaller)."""
        return 1.0 - self.model_wape / self.naive_wape if self.naive_wape else 0.0

    def text(self) -> Text:
        """The backtest in words, in the reader's language."""
        parts: Any = ""
        for service, (model, naive) in self.by_service.items():
            part = T(
                "{service}: {model:.1%} vs {naive:.1%}", service=service, model=model, naive=naive
            )
            parts = part if parts == "" else T("{first}; {second}", first=parts, second=part)
        return Tn(
            "Backtest over the last {n} week of the history ({first} – {last}, {hours} open "
            "hours): WAPE {model:.1%} for the forecast vs {naive:.1%} for seasonal naive (same "
            "hour one week earlier), {improvement:.0%} smaller ({parts}).",
            "Backtest over the last {n} weeks of the history ({first} – {last}, {hours} open "
            "hours): WAPE {model:.1%} for the forecast vs {naive:.1%} for seasonal naive (same "
            "hour one week earlier), {improvement:.0%} smaller ({parts}).",
            self.weeks,
            first=self.first,
            last=self.last,
            hours=self.hours,
            model=self.model_wape,
            naive=self.naive_wape,
            improvement=self.improvement,
            parts=parts,
        )

    def describe(self) -> str:
        return str(self.text())


@dataclass(frozen=True)
class Forecast:
    """Contacts per ``(service, slot start)`` for every open slot of the horizon."""

    demand: dict[tuple[str, datetime], float]
    backtest: Backtest | None
    assumption: bool
    source: str | Text
    quantile: float | None = None
    notes: tuple[str | Text, ...] = ()

    @property
    def total(self) -> float:
        return float(sum(self.demand.values()))


# --------------------------------------------------------------------------- data


def training_frame(history: History, service: str) -> pd.DataFrame:
    """Every open hour of the service in its history span with its contacts (0 if none).

    Days taken as missing are left out; hours with contacts outside the usual holiday hours
    (the chat may have kept weekday hours) are kept.
    """
    first, last = history.spans[service]
    starts = open_hour_starts(service, first, last)
    mine = history.hourly[history.hourly["service"] == service]
    counts = pd.Series(mine["contacts"].to_numpy(), index=pd.DatetimeIndex(mine["start"]))
    index = starts.union(counts.index)
    frame = pd.DataFrame({"start": index, "y": counts.reindex(index, fill_value=0).to_numpy()})
    missing = set(history.missing_days.get(service, ()))
    if missing:
        days = frame["start"].dt.tz_convert(HELSINKI).dt.date
        frame = frame[~days.isin(missing)]
    return frame.reset_index(drop=True)


@dataclass(frozen=True)
class _Features:
    """Per hour: hour of week and holiday; season and trend at the middle of its month."""

    how: np.ndarray  # hour of week 0 … 167
    holiday: np.ndarray
    month: np.ndarray  # year * 12 + month - 1, the calendar month of the local hour
    doy: np.ndarray  # day of the year of the middle of that month
    years: np.ndarray  # years from the reference instant to the middle of that month


def _features(starts: pd.DatetimeIndex, reference: pd.Timestamp) -> _Features:
    parts = local_parts(starts)
    local = starts.tz_convert(HELSINKI)
    month = (local.year * 12 + local.month - 1).to_numpy()
    middles = {m: pd.Timestamp(m // 12, m % 12 + 1, 15, 12, tz=HELSINKI) for m in np.unique(month)}
    mid = pd.DatetimeIndex([middles[m] for m in month]) if len(month) else local
    years = (mid - reference).total_seconds().to_numpy() / (365.25 * 86400)
    return _Features(
        how=(parts["weekday"] * 24 + parts["hour"]).to_numpy(),
        holiday=holiday_mask(parts["date"]).astype(float),
        month=month,
        doy=mid.day_of_year.to_numpy().astype(float),
        years=years,
    )


def _grouped(f: _Features, y: np.ndarray) -> tuple[_Features, np.ndarray, np.ndarray]:
    """Hours with the same features summed (contacts, hours): the same Poisson fit, fewer rows."""
    keys = pd.DataFrame({"how": f.how, "holiday": f.holiday, "month": f.month})
    groups = keys.groupby(["how", "holiday", "month"], sort=False).ngroup().to_numpy()
    first = np.unique(groups, return_index=True)[1]
    sums = np.bincount(groups, weights=y)
    hours = np.bincount(groups).astype(float)
    picked = _Features(f.how[first], f.holiday[first], f.month[first], f.doy[first], f.years[first])
    return picked, sums, hours


# --------------------------------------------------------------------------- model


@dataclass
class ServiceModel:
    """A fitted model of one service."""

    service: str
    levels: np.ndarray  # hour-of-week codes with their own coefficient
    params: np.ndarray
    alpha: float
    harmonics: int
    trend: bool
    holiday: bool
    reference: pd.Timestamp
    fallback: dict[int, float]  # hour of week → contacts an hour, where no coefficient

    def _matrix(self, f: _Features, years: np.ndarray) -> np.ndarray:
        cols = [(f.how[:, None] == self.levels[None, :]).astype(float)]
        for k in range(1, self.harmonics + 1):
            angle = 2 * np.pi * k * f.doy / 365.25
            cols += [np.sin(angle)[:, None], np.cos(angle)[:, None]]
        if self.trend:
            cols.append(years[:, None])
        if self.holiday:
            cols.append(f.holiday[:, None])
        return np.hstack(cols)

    def _rates(self, f: _Features) -> np.ndarray:
        years = np.minimum(f.years, MAX_TREND_YEARS)
        x = self._matrix(f, years)
        mu = np.exp(x @ self.params)
        known = np.isin(f.how, self.levels)
        if not known.all():
            n = len(self.levels)
            base = np.exp(x[:, n:] @ self.params[n:])
            extra = np.array([self.fallback.get(int(h), 0.0) for h in f.how])
            mu = np.where(known, mu, base * extra)
        return mu

    def rates(self, starts: pd.DatetimeIndex) -> np.ndarray:
        """Mean contacts an hour for the local hours starting at ``starts``."""
        return self._rates(_features(starts, self.reference))

    def rate_factor(self, quantile: float | None) -> float:
        """The q-quantile of the rate relative to its mean (1 without a quantile)."""
        if quantile is None or self.alpha <= 1e-9:
            return 1.0
        from scipy import stats  # imported when used: a command that does not forecast starts fast

        shape = 1.0 / self.alpha
        return float(stats.gamma.ppf(quantile, shape, scale=1.0 / shape))


def _profile_fallback(levels: np.ndarray, params: np.ndarray) -> dict[int, float]:
    """Contacts an hour for hours of the week without data: the built-in shape at the level
    of the hours with data."""

    def weight(how: int) -> float:
        return profile.WEEKDAY_WEIGHTS[how // 24] * profile.HOUR_WEIGHTS.get(how % 24, 0.5)

    seen = np.exp(params[: len(levels)])
    scale = seen.sum() / sum(weight(int(h)) for h in levels) if len(levels) else 0.0
    known = set(levels.tolist())
    return {h: scale * weight(h) for h in range(168) if h not in known}


def _holiday_term(frame: pd.DataFrame, f: _Features) -> bool:
    """A holiday factor only when there are holidays and ordinary days to compare."""
    days = pd.DatetimeIndex(frame["start"]).tz_convert(HELSINKI).normalize()
    holidays = days[f.holiday > 0].nunique()
    return MIN_HOLIDAYS <= holidays < days.nunique()


def fit_service(frame: pd.DataFrame, service: str) -> ServiceModel:
    """Fit the model of the module docstring to hourly rows ``start``, ``y``."""
    starts = pd.DatetimeIndex(frame["start"])
    span = (starts.max() - starts.min()).days + 1
    reference = starts.max()
    f = _features(starts, reference)
    y = frame["y"].to_numpy(dtype=float)
    totals = pd.Series(y).groupby(f.how).sum()
    levels = np.array(sorted(int(h) for h, t in totals.items() if t > 0))
    model = ServiceModel(
        service,
        levels,
        np.zeros(0),
        0.0,
        HARMONICS if span >= SEASON_MIN_DAYS else 0,
        span >= TREND_MIN_DAYS,
        _holiday_term(frame, f),
        reference,
        {},
    )
    import statsmodels.api as sm  # imported when used: ~2 s that other commands do not need

    g, sums, hours = _grouped(f, y)
    rows = np.isin(g.how, levels)
    x = model._matrix(g, g.years)[rows]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter on tiny histories
        try:
            fitted = sm.GLM(
                sums[rows], x, family=sm.families.Poisson(), exposure=hours[rows], hasconst=True
            ).fit(method="newton", disp=0)
        except (np.linalg.LinAlgError, ValueError) as exc:
            raise FitError(
                T(
                    "{service}: the model cannot be fitted to this history ({problem})",
                    service=service,
                    problem=str(exc),
                )
            ) from None
    model.params = np.asarray(fitted.params)
    if not np.all(np.isfinite(model.params)):
        raise FitError(T("{service}: the model did not converge on this history", service=service))
    # negative-binomial dispersion from the hourly residuals (Cameron–Trivedi regression
    # through the origin of ((y − μ)² − y) / μ on μ)
    seen = np.isin(f.how, levels)
    mu, obs = model._rates(f)[seen], y[seen]
    model.alpha = max(0.0, float(((obs - mu) ** 2 - obs).sum() / (mu**2).sum()))
    model.fallback = _profile_fallback(levels, model.params)
    # hours of the week seen only with zero contacts: half a contact over all their hours
    for h, t in totals.items():
        if t <= 0:
            model.fallback[int(h)] = 0.5 / max(1, int((f.how == h).sum()))
    return model


# --------------------------------------------------------------------------- backtest


def _naive(frame: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    """Each test hour's contacts one week earlier on the wall clock (NaN where unknown)."""
    local = pd.DatetimeIndex(test["start"]).tz_convert(HELSINKI).tz_localize(None)
    earlier = (
        (local - pd.Timedelta(days=7))
        .tz_localize(HELSINKI, ambiguous="NaT", nonexistent="NaT")
        .tz_convert("UTC")
    )
    known = pd.Series(frame["y"].to_numpy(), index=pd.DatetimeIndex(frame["start"]))
    return known.reindex(earlier).to_numpy(dtype=float)


def backtest(
    history: History, services: tuple[str, ...] | None = None, weeks: int = BACKTEST_WEEKS
) -> Backtest | None:
    """Refit without the last ``weeks`` and compare with seasonal naive (None if too short)."""
    services = tuple(s for s in (services or history.services) if s in history.spans)
    last = max((history.spans[s][1] for s in services), default=None)
    if last is None:
        return None
    first = min(history.spans[s][0] for s in services)
    weeks = min(weeks, ((last - first).days + 1) // 7 // 3)
    if weeks < 1:
        return None
    cutoff_day = last + timedelta(days=1 - 7 * weeks)
    cutoff = pd.Timestamp(datetime.combine(cutoff_day, datetime.min.time(), HELSINKI))
    err_model = err_naive = actual = 0.0
    hours = 0
    by_service: dict[str, tuple[float, float]] = {}
    for s in services:
        frame = training_frame(history, s)
        train, test = frame[frame["start"] < cutoff], frame[frame["start"] >= cutoff]
        if test.empty or train["start"].dt.normalize().nunique() < MIN_DAYS or not train["y"].sum():
            continue
        try:
            model = fit_service(train, s)
        except FitError:
            continue
        predicted = model.rates(pd.DatetimeIndex(test["start"]))
        naive = _naive(frame, test)
        ok = ~np.isnan(naive)
        y = test["y"].to_numpy(dtype=float)[ok]
        if not y.sum():
            continue
        m_err, n_err = np.abs(y - predicted[ok]).sum(), np.abs(y - naive[ok]).sum()
        by_service[s] = (m_err / y.sum(), n_err / y.sum())
        err_model, err_naive, actual, hours = (
            err_model + m_err,
            err_naive + n_err,
            actual + y.sum(),
            hours + int(ok.sum()),
        )
    if not actual:
        return None
    return Backtest(
        weeks, cutoff_day, last, err_model / actual, err_naive / actual, hours, by_service
    )


# --------------------------------------------------------------------------- forecast


def _usable(history: History, service: str) -> bool:
    if service not in history.spans:
        return False
    first, last = history.spans[service]
    return (last - first).days + 1 >= MIN_DAYS and history.contacts_of(service) > 0


def forecast(
    history: History, horizon: Horizon, rules: Rules, *, quantile: float | None = None
) -> Forecast:
    """Contacts for every open slot of the horizon (``quantile``: an upper rate quantile)."""
    if quantile is not None and not 0 < quantile < 1:
        raise ValueError(f"the quantile must be between 0 and 1, not {quantile}")
    slots = slot_grid(horizon, rules)
    demand: dict[tuple[str, datetime], float] = {}
    notes: list[str | Text] = []
    modelled: list[str] = []
    assumed: list[str] = []
    for service in rules.services:
        mine = [slot for slot in slots if slot.service == service]
        if not mine:
            continue
        model = None
        if _usable(history, service):
            try:
                model = fit_service(training_frame(history, service), service)
            except FitError as exc:
                notes.append(
                    T(
                        "{problem}: the built-in profile is used (an assumption)",
                        problem=exc.text,
                    )
                )
        else:
            notes.append(
                T(
                    "{service}: no usable history (at least {days} days with contacts needed): "
                    "the built-in profile is used (an assumption)",
                    service=service,
                    days=MIN_DAYS,
                )
            )
        if model is None:
            assumed.append(service)
            demand.update((slot.key, profile.slot_contacts(slot)) for slot in mine)
            continue
        modelled.append(service)
        hour_starts = pd.DatetimeIndex([s.start for s in mine]).tz_convert("UTC").floor("h")
        factor = model.rate_factor(quantile)
        rates = model.rates(hour_starts) * factor
        for slot, r in zip(mine, rates, strict=True):
            demand[slot.key] = round(float(r) * slot.hours, 4)
        notes.append(_model_note(model, history, horizon, factor, quantile))
    source = _source(history, modelled, assumed, quantile)
    return Forecast(
        demand,
        backtest(history, tuple(modelled)) if modelled else None,
        bool(assumed),
        source,
        quantile,
        tuple(notes),
    )


def _model_note(
    model: ServiceModel, history: History, horizon: Horizon, factor: float, quantile: float | None
) -> Text:
    terms: list[Text] = [T("{n} hours of the week", n=len(model.levels))]
    terms.append(
        T("{n} yearly harmonics", n=model.harmonics)
        if model.harmonics
        else T("no season (needs {days} days of history)", days=SEASON_MIN_DAYS)
    )
    if model.trend:
        growth = math.exp(model.params[len(model.levels) + 2 * model.harmonics]) - 1
        terms.append(T("trend {growth:.1%} a year", growth=growth))
    else:
        terms.append(T("no trend (needs {days} days)", days=TREND_MIN_DAYS))
    if model.holiday:
        terms.append(T("holiday factor ×{factor:.2f}", factor=math.exp(model.params[-1])))
    listed: Any = terms[0]
    for term in terms[1:]:
        listed = T("{first}, {second}", first=listed, second=term)
    text = T(
        "{service}: {terms}, dispersion α = {alpha:.3f}",
        service=model.service,
        terms=listed,
        alpha=model.alpha,
    )
    if quantile is not None:
        text = T(
            "{text}; {quantile:.0%} quantile of the rate = mean ×{factor:.2f}",
            text=text,
            quantile=quantile,
            factor=factor,
        )
    gap = (horizon.start - history.spans[model.service][1]).days
    if model.trend and gap > 365 * MAX_TREND_YEARS:
        text = T(
            "{text}; the plan period starts {days} days after the history: the trend is held "
            "at one year",
            text=text,
            days=gap,
        )
    return text


def _source(
    history: History, modelled: list[str], assumed: list[str], quantile: float | None
) -> Text:
    parts: list[Text] = []
    if modelled:
        spans: Any = ""
        for s in modelled:
            part = T(
                "{service} {first} – {last}",
                service=s,
                first=history.spans[s][0],
                last=history.spans[s][1],
            )
            spans = part if spans == "" else T("{first}; {second}", first=spans, second=part)
        if quantile is not None:
            parts.append(
                T(
                    "forecast ({quantile:.0%} quantile) from {source} ({spans})",
                    quantile=quantile,
                    source=history.source,
                    spans=spans,
                )
            )
        else:
            parts.append(
                T("forecast (mean) from {source} ({spans})", source=history.source, spans=spans)
            )
    if assumed:
        parts.append(T("built-in profile for {services} (assumption)", services=", ".join(assumed)))
    if not parts:
        return T("no open slots in the plan period")
    return parts[0] if len(parts) == 1 else T("{first}; {second}", first=parts[0], second=parts[1])
