"""Every test starts in English, and a command's --lang does not leak into the next test."""

import pytest

from scheduler.i18n import use_language


@pytest.fixture(autouse=True)
def _english():
    with use_language("en"):
        yield
