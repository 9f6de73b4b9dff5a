"""`scheduler staffing` (being built)."""

HELP = "staffing (not available yet)"


def add_arguments(parser):
    pass


def run(args):
    print("scheduler staffing is not available yet")
    return 1
