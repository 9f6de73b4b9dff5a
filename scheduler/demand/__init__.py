"""Demand: contact history import, the forecast, the built-in profile and the demand CSV.

``builtin_demand``, ``forecast`` and ``read_demand_csv`` all give contacts per
``(service, slot start)`` for every open slot of ``scheduler.hours.slot_grid(horizon, rules)``.
"""

from .demandcsv import load_demand_csv, read_demand_csv, write_demand_csv
from .forecast import Backtest, Forecast, backtest, forecast
from .history import History, read_history
from .profile import ASSUMPTION_NOTE, builtin_demand

__all__ = [
    "ASSUMPTION_NOTE",
    "Backtest",
    "Forecast",
    "History",
    "backtest",
    "builtin_demand",
    "forecast",
    "load_demand_csv",
    "read_demand_csv",
    "read_history",
    "write_demand_csv",
]
