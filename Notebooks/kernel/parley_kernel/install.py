# SPDX-License-Identifier: GPL-3.0-or-later
"""Registers the Parley kernel with Jupyter: `python -m parley_kernel.install [--sys-prefix |
--user | --prefix DIR | --dir DIR]`.

The kernel spec runs this interpreter with this package's folder on PYTHONPATH, so the
package need not be pip-installed. `--dir DIR` writes the spec under DIR/kernels/parley
(for a throwaway JUPYTER_PATH, as the notebook checker does).
"""

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

KERNEL_NAME = "parley"
PACKAGE_PARENT = Path(__file__).resolve().parent.parent


def spec(env=None):
    """The kernel.json content."""
    environment = {"PYTHONPATH": str(PACKAGE_PARENT)}
    environment.update(env or {})
    return {
        "argv": [sys.executable, "-m", "parley_kernel", "-f", "{connection_file}"],
        "display_name": "Parley",
        "language": "parley",
        "interrupt_mode": "signal",
        "env": environment,
        "metadata": {"debugger": False},
    }


def write_spec(folder, env=None):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps(spec(env), indent=1) + "\n")
    return folder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--sys-prefix", action="store_true", help="into this environment")
    where.add_argument("--user", action="store_true", help="into the user's Jupyter folder")
    where.add_argument("--prefix", help="under PREFIX/share/jupyter")
    where.add_argument("--dir", help="under DIR/kernels (no jupyter_client needed)")
    args = parser.parse_args(argv)
    if args.dir:
        path = write_spec(Path(args.dir) / "kernels" / KERNEL_NAME)
        print(f"wrote {path / 'kernel.json'}")
        return 0
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as tmp:
        write_spec(os.path.join(tmp, KERNEL_NAME))
        prefix = sys.prefix if args.sys_prefix else args.prefix
        path = KernelSpecManager().install_kernel_spec(
            os.path.join(tmp, KERNEL_NAME), KERNEL_NAME, user=args.user, prefix=prefix)
    print(f"installed the Parley kernel in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
