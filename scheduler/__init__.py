"""Sekasin shift scheduler: from availability spreadsheets to the roster that answers most."""

import os as _os

# The statistics fits are small; BLAS threads only fight over a machine's few cores
# (measured 10–25× slower forecasts on 2 busy cores). Set before numpy loads.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")

__version__ = "0.1.0"
