"""Sub-commands of the ``scheduler`` command line, one module each."""
