"""`scheduler solve` (being built)."""

HELP = "solve (not available yet)"


def add_arguments(parser):
    pass


def run(args):
    print("scheduler solve is not available yet")
    return 1
