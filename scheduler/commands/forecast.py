"""`scheduler forecast` (being built)."""

HELP = "forecast (not available yet)"


def add_arguments(parser):
    pass


def run(args):
    print("scheduler forecast is not available yet")
    return 1
