# SPDX-License-Identifier: GPL-3.0-or-later
"""The notebook checker itself: a clean notebook passes, a broken cell fails, a changed
stored output fails, timings are ignored, and a `no-check` cell is run but not compared."""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat

import support

import run_notebooks  # noqa: E402  (support puts Notebooks/kernel on sys.path)


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "parley", "display_name": "Parley",
                                 "language": "parley"}
    for cell in cells:
        if isinstance(cell, tuple):
            source, tags = cell
            nb.cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": tags}))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(cell))
    return nb


class CheckerTests(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="parley-nb-test-"))

    def run_checker(self, nb, *options):
        path = self.folder / "n.ipynb"
        nbformat.write(nb, str(path))
        done = subprocess.run(
            [sys.executable, str(support.RUNNER), str(path), *options,
             "--parley", support.PARLEY_BIN],
            capture_output=True, text=True, timeout=600)
        return done.returncode, done.stdout, path

    def stored(self, *cells):
        """A notebook whose outputs were stored by a run with --write."""
        status, out, path = self.run_checker(notebook(*cells), "--write")
        self.assertEqual(status, 0, out)
        return nbformat.read(str(path), as_version=4)

    def test_a_clean_notebook_passes_the_check(self):
        nb = self.stored("load Models/games/chicken.nfg\nsolve", "solve --format json")
        status, out, _ = self.run_checker(nb, "--check")
        self.assertEqual(status, 0, out)  # the JSON's "seconds" differ, and are ignored

    def test_a_broken_cell_fails_and_is_named(self):
        status, out, _ = self.run_checker(
            notebook("list", "solve Models/games/missing.nfg"), "--check")
        self.assertEqual(status, 1)
        self.assertIn("cell 2 (solve Models/games/missing.nfg)", out)
        self.assertIn("error", out)

    def test_a_changed_output_fails(self):
        nb = self.stored("solve Models/games/prisoners-dilemma.nfg")
        data = nb.cells[0].outputs[0]["data"]
        data["text/plain"] = data["text/plain"].replace("1 equilibrium", "2 equilibria")
        status, out, _ = self.run_checker(nb, "--check")
        self.assertEqual(status, 1)
        self.assertIn("cell 1 (solve Models/games/prisoners-dilemma.nfg)", out)
        self.assertIn("outputs differ", out)

    def test_a_missing_output_fails(self):
        nb = self.stored("solve Models/games/stag-hunt.nfg")
        nb.cells[0].outputs = []
        status, out, _ = self.run_checker(nb, "--check")
        self.assertEqual(status, 1)

    def test_no_check_cells_run_but_are_not_compared(self):
        nb = self.stored(("solve Models/games/stag-hunt.nfg", ["no-check"]))
        nb.cells[0].outputs = []
        status, out, _ = self.run_checker(nb, "--check")
        self.assertEqual(status, 0, out)
        broken = notebook(("solve Models/games/missing.nfg", ["no-check"]))
        status, out, _ = self.run_checker(broken, "--check")
        self.assertEqual(status, 1)

    def test_timings_and_dates_are_normalised(self):
        a = run_notebooks.normalise_text('"seconds": 0.25, elapsed 3.1 s on 2026-12-03T07:00:00Z')
        b = run_notebooks.normalise_text('"seconds": 1.5, elapsed 0.2 s on 2025-01-01T10:11:12Z')
        self.assertEqual(a, b)
        self.assertNotEqual(run_notebooks.normalise_text("payoff 1/2"),
                            run_notebooks.normalise_text("payoff 1/3"))


if __name__ == "__main__":
    unittest.main()
