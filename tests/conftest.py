"""Shared test set-up.

Tests speak English unless they choose a language: most assert behaviour, and the
language tests (``tests/test_i18n*.py`` and those marked so) set ``fi`` or ``sv`` themselves.
"""

import os

os.environ["SEKASIN_LANG"] = "en"
