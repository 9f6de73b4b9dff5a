"""What every sheet reader needs besides the sheet: the plan's start (to place dates
without a year), the day-part hours, and where to put findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import Findings
from .timeparse import DEFAULT_DAY_PARTS, DayParts


@dataclass
class ReadContext:
    near: date
    findings: Findings
    parts: DayParts = field(default_factory=lambda: dict(DEFAULT_DAY_PARTS))
