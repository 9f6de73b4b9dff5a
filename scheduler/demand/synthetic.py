"""A seeded, realistic contact history for tests, benchmarks and the sample data.

The true contact rate of an open hour is the built-in profile's rate (hour of day, day of
week, month, holidays as Sundays) times

- a fixed deviation per hour of the week (``pattern_noise``), so the history has its own
  weekly shape that a forecast has to learn rather than the profile's;
- a trend (``trend_per_year``, growth a year from ``start``);
- a random factor per service and day (gamma, mean 1, ``day_noise``), the day-to-day swings
  that no calendar explains (weather, news, a campaign).

Contacts in the hour are Poisson with that rate; each is answered with probability
``answered_share`` of its service. The same seed always gives the same history.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from ..domain import HELSINKI
from . import profile
from .openhours import local_parts, open_hour_starts


@dataclass(frozen=True)
class SyntheticSpec:
    start: date
    days: int
    seed: int = 2025
    services: tuple[str, ...] = ("fi", "sv")
    trend_per_year: float = 0.04
    day_noise: float = 0.12
    pattern_noise: float = 0.12
    answered_share: dict[str, float] = field(default_factory=lambda: {"fi": 0.2, "sv": 0.75})

    @property
    def last(self) -> date:
        return self.start + timedelta(days=self.days - 1)


def true_rates(spec: SyntheticSpec) -> pd.DataFrame:
    """The expected contacts of every open hour: ``service``, ``start`` (UTC), ``rate``."""
    rng = np.random.default_rng(spec.seed)
    frames = []
    for service in spec.services:
        starts = open_hour_starts(service, spec.start, spec.last)
        parts = local_parts(starts)
        how = parts["weekday"].to_numpy() * 24 + parts["hour"].to_numpy()
        deviation = rng.lognormal(0.0, spec.pattern_noise, 7 * 24)
        day_index = np.array([(d - spec.start).days for d in parts["date"]])
        shape = 1.0 / spec.day_noise**2
        day_factor = rng.gamma(shape, 1.0 / shape, spec.days)
        years = day_index / 365.25
        base = np.array([profile.rate(service, t) for t in starts])
        rate = base * deviation[how] * day_factor[day_index] * (1 + spec.trend_per_year) ** years
        frames.append(pd.DataFrame({"service": service, "start": starts, "rate": rate}))
    return pd.concat(frames, ignore_index=True)


def interval_history(spec: SyntheticSpec) -> pd.DataFrame:
    """Hourly rows: ``service``, ``start`` (UTC), ``contacts``, ``answered``."""
    rates = true_rates(spec)
    rng = np.random.default_rng(spec.seed + 1)
    contacts = rng.poisson(rates["rate"].to_numpy())
    share = rates["service"].map(spec.answered_share).fillna(0.5).to_numpy()
    answered = rng.binomial(contacts, share)
    return pd.DataFrame(
        {
            "service": rates["service"],
            "start": rates["start"],
            "contacts": contacts,
            "answered": answered,
        }
    )


def contact_history(spec: SyntheticSpec) -> pd.DataFrame:
    """One row a contact: ``service``, ``timestamp`` (UTC), ``answered`` (bool), in time order."""
    hours = interval_history(spec)
    rng = np.random.default_rng(spec.seed + 2)
    counts = hours["contacts"].to_numpy()
    start = np.repeat(hours["start"].to_numpy(), counts)
    seconds = rng.integers(0, 3600, counts.sum())
    at = np.repeat(np.arange(len(hours)), counts)
    # the first `answered` contacts of each hour are the answered ones (order does not matter)
    rank = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    answered = rank < hours["answered"].to_numpy()[at]
    frame = pd.DataFrame(
        {
            "service": np.repeat(hours["service"].to_numpy(), counts),
            "timestamp": pd.DatetimeIndex(start, tz="UTC") + pd.to_timedelta(seconds, unit="s"),
            "answered": answered,
        }
    )
    return frame.sort_values("timestamp", kind="stable").reset_index(drop=True)


def _local_iso(stamps: pd.Series, offset: bool) -> list[str]:
    local = stamps.dt.tz_convert(HELSINKI)
    if offset:
        return [t.isoformat() for t in local]
    return list(local.dt.strftime("%Y-%m-%d %H:%M:%S"))


def write_intervals_csv(path: str | Path, frame: pd.DataFrame, *, offset: bool = True) -> Path:
    """Write hourly rows as ``service,start,contacts,answered`` (local time, with offsets)."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["service", "start", "contacts", "answered"])
        out.writerows(
            zip(
                frame["service"],
                _local_iso(frame["start"], offset),
                frame["contacts"],
                frame["answered"],
                strict=True,
            )
        )
    return path


def write_contacts_csv(path: str | Path, frame: pd.DataFrame, *, offset: bool = True) -> Path:
    """Write one row a contact as ``timestamp,service,answered`` (local time)."""
    path = Path(path)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["timestamp", "service", "answered"])
        answered = np.where(frame["answered"].to_numpy(), "yes", "no")
        out.writerows(
            zip(_local_iso(frame["timestamp"], offset), frame["service"], answered, strict=True)
        )
    return path
