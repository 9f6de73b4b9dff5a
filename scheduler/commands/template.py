"""`scheduler template` (being built)."""

HELP = "template (not available yet)"


def add_arguments(parser):
    pass


def run(args):
    print("scheduler template is not available yet")
    return 1
