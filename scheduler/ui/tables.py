"""Tables the local way: numbers in a table read ``7 280,8`` in Finnish and Swedish and
``7,280.8`` in English, while the table keeps its numbers (sorting stays numeric)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

from ..i18n import current_language
from ..i18n.formatting import fmt_value


def _cell(value: Any, lang: str) -> str:
    if value is None or (isinstance(value, float) and value != value):  # None, NaN: empty
        return ""
    return fmt_value(value, "", lang)


def local_numbers(frame: pd.DataFrame) -> Styler | pd.DataFrame:
    """``frame`` shown with its decimal numbers in the current language (whole numbers, such
    as counts and version ids, and text left as they are)."""
    numeric = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c].dtype)]
    if frame.empty or not numeric:
        return frame
    lang = current_language()
    return frame.style.format(lambda v: _cell(v, lang), subset=numeric)
