#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs Parley notebooks headless with the Parley kernel (nbclient), and checks them.

    run_notebooks.py FILE.ipynb... [--check] [--write] [--parley BIN] [--timeout SECONDS]

Every notebook runs from a fresh kernel (the one its metadata names, else Parley; the
benchmark notebook is Python) in the Parley checkout (file names in cells are
relative to it, as in scripts). A run fails (exit status 1, one line per problem naming the
notebook and the cell) when a cell ends in an error. With --check it also fails when a code
cell's outputs differ from the ones stored in the file, after normalising what changes from
run to run: execution counts, `seconds` and `elapsed` figures, and dates. Cells tagged
`no-check` (the benchmark notebook's timings) must run but their outputs are not compared.
With --write the new outputs are written back into the file (atomically).

The kernel spec is written to a throwaway JUPYTER_PATH, so nothing needs installing first;
PARLEY_BIN (or --parley) picks the parley executable, by default the checkout's debug build.
"""

import argparse
import copy
import difflib
import os
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

from parley_kernel.install import write_spec  # noqa: E402

NO_CHECK_TAG = "no-check"
COMPARED_MIME_TYPES = ("text/plain", "text/html", "text/markdown", "image/svg+xml")

_VOLATILE = [
    # JSON timings given per phase: "seconds": {"read": 0.001, "solve": 0.02}
    (re.compile(r'"seconds"\s*:\s*\{[^}]*\}'), '"seconds": <t>'),
    # JSON and text timings: "seconds": 0.0123, seconds: 1.5, elapsed 2.3 s
    (re.compile(r'("?(?:seconds|elapsed|time)"?\s*[:=]\s*)-?[0-9.]+(?:[eE][-+]?\d+)?'),
     r"\1<t>"),
    (re.compile(r"\b(elapsed|took)\s+[0-9.]+\s*(?:ms|s|seconds)\b"), r"\1 <t>"),
    # ISO dates and times
    (re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
                r"(?:Z|[+-]\d{2}:?\d{2})?)?\b"), "<date>"),
]


def normalise_text(text):
    for pattern, replacement in _VOLATILE:
        text = pattern.sub(replacement, text)
    return text


def _joined(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def normalised_outputs(cell):
    """A code cell's outputs as comparable text lines."""
    lines = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            lines.append(f"[stream {output.get('name')}]")
            lines += normalise_text(_joined(output.get("text"))).splitlines()
        elif kind in ("display_data", "execute_result"):
            data = output.get("data", {})
            for mime in COMPARED_MIME_TYPES:
                if mime in data:
                    lines.append(f"[{mime}]")
                    lines += normalise_text(_joined(data[mime])).splitlines()
        elif kind == "error":
            lines.append(f"[error {output.get('ename')}] {output.get('evalue')}")
    return lines


def cell_label(index, cell):
    first = next((l for l in _joined(cell.get("source")).splitlines() if l.strip()), "")
    return f"cell {index + 1} ({first[:60]})" if first else f"cell {index + 1}"


def problems_of(path, executed, stored, check):
    """The failures of one executed notebook against its stored copy."""
    problems = []
    for index, cell in enumerate(executed.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                problems.append(
                    f"{path}: {cell_label(index, cell)}: error: "
                    f"{output.get('ename')}: {output.get('evalue')}")
        if not check or NO_CHECK_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        new = normalised_outputs(cell)
        old = normalised_outputs(stored.cells[index])
        if new != old:
            diff = list(difflib.unified_diff(old, new, "stored", "now", n=0, lineterm=""))
            shown = "\n    ".join(diff[2:10]) + ("\n    …" if len(diff) > 10 else "")
            problems.append(
                f"{path}: {cell_label(index, cell)}: outputs differ from the stored ones:\n"
                f"    {shown}")
    return problems


def run_notebook(path, check, write, timeout):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(str(path), as_version=4)
    stored = copy.deepcopy(notebook)
    kernel = notebook.metadata.get("kernelspec", {}).get("name", "parley")
    client = NotebookClient(
        notebook, kernel_name=kernel, timeout=timeout, allow_errors=True,
        resources={"metadata": {"path": str(ROOT)}})
    start = time.monotonic()
    client.execute()
    seconds = time.monotonic() - start
    problems = problems_of(path, notebook, stored, check)
    if write:
        tmp = path.with_name(path.name + ".tmp")
        nbformat.write(notebook, str(tmp))
        os.replace(tmp, path)
    return problems, seconds


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true",
                        help="fail when outputs differ from the stored ones")
    parser.add_argument("--write", action="store_true", help="store the new outputs")
    parser.add_argument("--parley", help="the parley executable (default: $PARLEY_BIN, "
                        "else .build/debug/parley)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per cell")
    args = parser.parse_args(argv)

    binary = args.parley or os.environ.get("PARLEY_BIN") or str(ROOT / ".build/debug/parley")
    binary = str(Path(binary).resolve())
    if not os.access(binary, os.X_OK):
        print(f"run_notebooks: error: no parley executable at {binary}", file=sys.stderr)
        return 2
    failures = []
    with tempfile.TemporaryDirectory(prefix="parley-jupyter-") as jupyter:
        write_spec(Path(jupyter) / "kernels" / "parley",
                   env={"PARLEY_BIN": binary, "PARLEY_DIR": str(ROOT)})
        os.environ["PARLEY_BIN"] = binary  # for Python notebooks that run parley
        os.environ["JUPYTER_PATH"] = jupyter + os.pathsep + os.environ.get("JUPYTER_PATH", "")
        for path in args.notebooks:
            problems, seconds = run_notebook(path, args.check, args.write, args.timeout)
            verdict = "FAILED" if problems else "ok"
            print(f"{path}: {verdict} ({seconds:.1f} s)", flush=True)
            for problem in problems:
                print("  " + problem, flush=True)
            failures += problems
    if failures:
        print(f"run_notebooks: {len(failures)} problem(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
