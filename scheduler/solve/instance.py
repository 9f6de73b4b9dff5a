"""Moved to :mod:`scheduler.problem` (the shared problem model); kept for old imports."""

from __future__ import annotations

from ..problem.instance import ANSWER_SCALE, Candidate, Instance, build_instance

__all__ = ["ANSWER_SCALE", "Candidate", "Instance", "build_instance"]
