"""`scheduler check` (being built)."""

HELP = "check (not available yet)"


def add_arguments(parser):
    pass


def run(args):
    print("scheduler check is not available yet")
    return 1
