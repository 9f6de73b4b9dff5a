"""One module a step of the coordinator's month, each with ``render(session)``."""
