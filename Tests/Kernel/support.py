# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared set-up for the kernel tests: a throwaway Jupyter path holding the Parley kernel
spec, pointing at the checkout's parley build ($PARLEY_BIN, else .build/debug/parley)."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KERNEL_FOLDER = ROOT / "Notebooks" / "kernel"
RUNNER = KERNEL_FOLDER / "run_notebooks.py"
sys.path.insert(0, str(KERNEL_FOLDER))

from parley_kernel.install import write_spec  # noqa: E402

PARLEY_BIN = str(Path(os.environ.get("PARLEY_BIN") or ROOT / ".build/debug/parley").resolve())

_jupyter = tempfile.mkdtemp(prefix="parley-kernel-test-")
atexit.register(shutil.rmtree, _jupyter, ignore_errors=True)
write_spec(Path(_jupyter) / "kernels" / "parley",
           env={"PARLEY_BIN": PARLEY_BIN, "PARLEY_DIR": str(ROOT)})
os.environ["JUPYTER_PATH"] = _jupyter + os.pathsep + os.environ.get("JUPYTER_PATH", "")
