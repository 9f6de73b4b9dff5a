"""The queue: Erlang A (M/M/n+M), from people on duty to expected answered contacts.

Contacts arrive at rate ``λ`` an hour (Poisson). Each chat a duty worker holds is served at
rate ``μ = 60 / AHT`` an hour; a duty worker holds ``chats_per_worker`` chats at once, so
``n`` people on duty are ``s = n × chats_per_worker`` servers (the concurrency model: each
parallel chat is its own server with the same handling time). A contact still waiting
leaves at rate ``θ = 60 / patience`` an hour (exponential patience).

The number of contacts in the system is a birth–death chain: births ``λ``, deaths
``min(k, s)·μ + max(k − s, 0)·θ``. Its stationary distribution is computed exactly in log
space and truncated once the terms are below ``exp(-TAIL)`` of the peak. Then, per arrival
(PASTA):

- ``p_wait``      = P(k ≥ s), the probability of not being answered at once;
- ``p_abandon``   = θ·E[queue] / λ, the probability of leaving unanswered;
- ``answered``    = μ·E[busy servers] = λ·(1 − p_abandon) contacts an hour;
- ``mean_wait``   = E[queue] / λ (Little's law), over all arrivals, in minutes;
- ``occupancy``   = E[busy servers] / s.

Expected answered contacts are increasing and concave in ``n``; the optimiser uses the
curve for ``n = 0, 1, 2, …`` of every slot, so whole curves are computed at once (one
matrix per arrival rate) and cached.

With a very long patience (the Erlang C limit, θ → 0) a row whose servers cannot keep up
(``s·μ ≤ λ``) has a queue too long to hold; such a row is given its limit (the servers
always busy, the rest of the contacts leaving: answered ``s·μ``, mean wait
``(λ − s·μ) / (θ·λ)``) and a row that keeps up the Erlang C values. ``keeps_up`` marks
every row where more contacts arrive than the people on duty can answer.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np
from scipy.special import gammaln

TAIL = 40.0  # terms below exp(-TAIL) of the largest are dropped (< 1e-17 relative)
MAX_STATES = 2_000_000  # terms in one block of rows (memory), and the longest queue allowed


class QueueError(ValueError):
    """Parameters the queue model cannot use."""


@dataclass(frozen=True)
class QueueStats:
    """The queue with ``staff`` people on duty, one row of the staffing table."""

    staff: int
    answered_per_hour: float
    answer_rate: float
    p_wait: float
    p_abandon: float
    mean_wait_minutes: float
    occupancy: float
    keeps_up: bool = True
    """Whether the people on duty can answer as many as arrive (``s·μ > λ``)."""

    def as_dict(self) -> dict[str, float | int | bool]:
        return asdict(self)


def _rates(aht_minutes: float, patience_minutes: float) -> tuple[float, float]:
    if not (aht_minutes > 0 and math.isfinite(aht_minutes)):
        raise QueueError(f"handling time must be a positive number of minutes, not {aht_minutes}")
    if not patience_minutes > 0:
        raise QueueError(f"patience must be a positive number of minutes, not {patience_minutes}")
    return 60.0 / aht_minutes, 60.0 / patience_minutes


def _queue_length(lam: float, servers: int, mu: float, theta: float) -> int:
    """How many waiting places to keep for ``servers`` so the dropped tail is negligible."""
    peak = max(0.0, (lam - servers * mu) / theta)  # where the terms stop growing
    spread = math.sqrt(2 * TAIL * max(lam, 1e-9) / theta)  # Gaussian-like decay after it
    if servers * mu > lam:  # geometric decay from the start
        spread = min(spread, TAIL / math.log(servers * mu / lam))
    return int(math.ceil(peak + spread)) + 8


def _fits(lam: float, s: int, mu: float, theta: float) -> bool:
    """Whether the exact row for ``s`` servers fits in ``MAX_STATES`` terms."""
    return s + _queue_length(lam, s, mu, theta) <= MAX_STATES


def _limit_row(lam: float, s: int, mu: float, theta: float) -> dict[str, float]:
    """The measures as patience grows without end (for a row too long to hold exactly):
    Erlang C when the servers keep up, else the servers always busy and the rest leaving."""
    if s * mu <= lam:
        return {"busy": float(s), "queue": (lam - s * mu) / theta, "p_wait": 1.0}
    a = lam / mu
    # Erlang C: P(wait) = (a^s / s!) · s/(s − a) / (Σ_{k<s} a^k/k! + a^s/s! · s/(s − a))
    k = np.arange(s + 1, dtype=float)
    logs = k * math.log(a) - gammaln(k + 1)
    top = logs[-1] + math.log(s / (s - a))
    peak = max(float(logs[:-1].max()) if s else top, top)
    below = float(np.exp(logs[:-1] - peak).sum()) if s else 0.0
    p_wait = math.exp(top - peak) / (below + math.exp(top - peak))
    queue = p_wait * a / (s - a)
    return {"busy": a, "queue": queue, "p_wait": p_wait}


def _stats_matrix(
    lam: float, servers: np.ndarray, mu: float, theta: float
) -> dict[str, np.ndarray]:
    """Stationary measures for each server count in ``servers`` (one row each): exact
    where the row fits in ``MAX_STATES`` terms, else its long-patience limit.

    Rows are computed in blocks so that no block holds more than ``MAX_STATES`` terms.
    """
    exact = np.array([_fits(lam, int(s), mu, theta) for s in servers], dtype=bool)
    if not exact.all():
        out = {key: np.zeros(len(servers)) for key in ("busy", "queue", "p_wait")}
        if exact.any():
            part = _stats_matrix(lam, servers[exact], mu, theta)
            for key in out:
                out[key][exact] = part[key]
        for i in np.flatnonzero(~exact):
            for key, value in _limit_row(lam, int(servers[i]), mu, theta).items():
                out[key][i] = value
        return out
    width = int(servers.max()) + max(_queue_length(lam, int(s), mu, theta) for s in servers)
    rows = max(1, MAX_STATES // width)
    if len(servers) > rows:
        parts = [
            _block(lam, servers[i : i + rows], mu, theta) for i in range(0, len(servers), rows)
        ]
        return {key: np.concatenate([part[key] for part in parts]) for key in parts[0]}
    return _block(lam, servers, mu, theta)


def _block(lam: float, servers: np.ndarray, mu: float, theta: float) -> dict[str, np.ndarray]:
    s_max = int(servers.max())
    m = max(_queue_length(lam, int(s), mu, theta) for s in servers)
    k = np.arange(s_max + m + 1, dtype=float)
    s = servers.astype(float)[:, None]
    # log π_k for k ≤ s: k·log(λ/μ) − log k!  (the same for every s)
    base = k * math.log(lam / mu) - gammaln(k + 1)
    # beyond s, each waiting place multiplies by λ / (s·μ + j·θ)
    j = np.arange(1, len(k), dtype=float)[None, :]
    tail = np.cumsum(math.log(lam) - np.log(s * mu + j * theta), axis=1)
    beyond = k[None, :] - s  # j for k > s
    idx = np.clip(beyond - 1, 0, None).astype(int)
    logp = np.where(
        beyond <= 0, base[None, :], base[servers][:, None] + np.take_along_axis(tail, idx, axis=1)
    )
    busy = np.minimum(k[None, :], s)
    queue = np.maximum(beyond, 0)
    logp -= logp.max(axis=1, keepdims=True)
    p = np.exp(logp)
    p /= p.sum(axis=1, keepdims=True)
    waiting = (p * (beyond >= 0)).sum(axis=1)
    return {"busy": (p * busy).sum(axis=1), "queue": (p * queue).sum(axis=1), "p_wait": waiting}


@lru_cache(maxsize=65536)
def _table(
    lam: float, n_max: int, aht_minutes: float, patience_minutes: float, chats_per_worker: int
) -> tuple[QueueStats, ...]:
    mu, theta = _rates(aht_minutes, patience_minutes)
    staff = np.arange(n_max + 1)
    if lam <= 0:
        return tuple(QueueStats(int(n), 0.0, 1.0, 0.0, 0.0, 0.0, 0.0) for n in staff)
    servers = staff * chats_per_worker
    m = _stats_matrix(lam, servers, mu, theta)
    rows = []
    for i, n in enumerate(staff):
        s = int(servers[i])
        answered = min(lam, mu * float(m["busy"][i]))
        p_abandon = min(1.0, max(0.0, theta * float(m["queue"][i]) / lam))
        rows.append(
            QueueStats(
                staff=int(n),
                answered_per_hour=answered,
                answer_rate=answered / lam,
                p_wait=1.0 if s == 0 else float(m["p_wait"][i]),
                p_abandon=p_abandon,
                mean_wait_minutes=60.0 * float(m["queue"][i]) / lam,
                occupancy=float(m["busy"][i]) / s if s else 0.0,
                keeps_up=s * mu > lam,
            )
        )
    return tuple(rows)


def _check(arrivals_per_hour: float, chats_per_worker: int) -> float:
    if not (math.isfinite(arrivals_per_hour) and arrivals_per_hour >= 0):
        raise QueueError(f"contacts per hour must be 0 or more, not {arrivals_per_hour}")
    if int(chats_per_worker) != chats_per_worker or chats_per_worker < 1:
        raise QueueError(f"chats per worker must be a whole number ≥ 1, not {chats_per_worker}")
    return round(float(arrivals_per_hour), 9)  # a stable cache key


def erlang_a(
    arrivals_per_hour: float,
    staff: int,
    aht_minutes: float,
    patience_minutes: float,
    chats_per_worker: int = 1,
) -> QueueStats:
    """The queue with ``staff`` people on duty."""
    if staff < 0:
        raise QueueError(f"people on duty must be 0 or more, not {staff}")
    lam = _check(arrivals_per_hour, chats_per_worker)
    mu, theta = _rates(aht_minutes, patience_minutes)
    if lam <= 0:
        return QueueStats(staff, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0)
    s = staff * chats_per_worker
    m = _stats_matrix(lam, np.array([s]), mu, theta)
    answered = min(lam, mu * float(m["busy"][0]))
    return QueueStats(
        staff=staff,
        answered_per_hour=answered,
        answer_rate=answered / lam,
        p_wait=1.0 if s == 0 else float(m["p_wait"][0]),
        p_abandon=min(1.0, theta * float(m["queue"][0]) / lam),
        mean_wait_minutes=60.0 * float(m["queue"][0]) / lam,
        occupancy=float(m["busy"][0]) / s if s else 0.0,
        keeps_up=s * mu > lam,
    )


def queue_table(
    arrivals_per_hour: float,
    n_max: int,
    aht_minutes: float,
    patience_minutes: float,
    chats_per_worker: int = 1,
) -> tuple[QueueStats, ...]:
    """The queue for ``n = 0 … n_max`` people on duty (cached)."""
    lam = _check(arrivals_per_hour, chats_per_worker)
    return _table(
        lam, int(n_max), float(aht_minutes), float(patience_minutes), int(chats_per_worker)
    )


def answered_curve(
    arrivals_per_hour: float,
    n_max: int,
    aht_minutes: float,
    patience_minutes: float,
    chats_per_worker: int = 1,
) -> tuple[float, ...]:
    """Expected answered contacts an hour for ``n = 0 … n_max`` people on duty."""
    lam = _check(arrivals_per_hour, chats_per_worker)
    return _curve(
        lam, int(n_max), float(aht_minutes), float(patience_minutes), int(chats_per_worker)
    )


@lru_cache(maxsize=65536)
def _curve(
    lam: float, n_max: int, aht_minutes: float, patience_minutes: float, chats_per_worker: int
) -> tuple[float, ...]:
    rows = _table(lam, n_max, aht_minutes, patience_minutes, chats_per_worker)
    return tuple(r.answered_per_hour for r in rows)


def slot_answered_curve(contacts: float, slot_hours: float, n_max: int, rules) -> tuple[float, ...]:
    """Expected answered contacts in one slot for ``n = 0 … n_max`` on duty.

    ``contacts`` is the forecast for the slot and ``slot_hours`` its length; the queue is
    taken as steady within the slot (rate ``contacts / slot_hours``). ``rules`` supplies
    ``aht_minutes``, ``patience_minutes`` and ``chats_per_worker``.
    """
    if slot_hours <= 0:
        raise QueueError(f"a slot must last more than 0 hours, not {slot_hours}")
    per_hour = answered_curve(
        contacts / slot_hours,
        n_max,
        rules.aht_minutes,
        rules.patience_minutes,
        rules.chats_per_worker,
    )
    return tuple(a * slot_hours for a in per_hour)


STAFFING_TARGET = 0.999
"""The staffing table goes on until at least this share of contacts is answered."""


def staffing_table(
    arrivals_per_hour: float,
    aht_minutes: float,
    patience_minutes: float,
    chats_per_worker: int = 1,
    target: float = STAFFING_TARGET,
    limit: int = 10_000,
) -> list[QueueStats]:
    """Rows for ``n = 0, 1, …`` up to the first that answers at least ``target`` of the
    contacts and keeps up with them (a queue that cannot keep up answers nearly all only
    after waits longer than any patience the table is asked about)."""
    if not 0 < target < 1:
        raise QueueError(f"the target answer rate must be between 0 and 1, not {target}")
    lam = _check(arrivals_per_hour, chats_per_worker)
    if lam <= 0:
        return [erlang_a(0.0, 0, aht_minutes, patience_minutes, chats_per_worker)]
    mu, _ = _rates(aht_minutes, patience_minutes)
    # answered ≤ n·c·μ, so the target needs at least this many people; look a little past it
    n_max = int(math.ceil(target * lam / (mu * chats_per_worker))) + 8
    while True:
        rows = queue_table(lam, n_max, aht_minutes, patience_minutes, chats_per_worker)
        for row in rows:
            if row.answer_rate >= target and row.keeps_up:
                return list(rows[: row.staff + 1])
        if n_max >= limit:
            raise QueueError(f"no staffing up to {limit} people answers {target:.0%}")
        n_max = min(limit, n_max * 2)
