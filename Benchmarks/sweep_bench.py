#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Sweep benchmark: `parley sweep` of the Six Party model under the unanimity framework over
North Korea's patience. Not a test: it prints the points computed, the wall time, the rate
and the time 1,000 points take (measured, or extrapolated from a smaller grid with
`--points`, saying so).

Each point instantiates the model at the exact value, tabulates the deal space (1,800 deals)
and solves the Banks-Duggan stationary equilibrium with exact verification. Parley's time is
the command's own wall time as reported in `--json` (`seconds`); the process's wall time is
shown in brackets. The CPU time of the process (all threads) is printed too: on a shared
machine the wall time depends on the other load, the CPU time divided by the cores does not.
The goal (issue 8): a 1,000-point sweep in under 10 s on 2 cores, release build.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "Models" / "negotiation" / "six-party-talks.yaml"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parley", default=str(ROOT / ".build" / "release" / "parley"))
    ap.add_argument("--points", type=int, default=1000,
                    help="grid points (fewer than 1,000 extrapolates linearly)")
    args = ap.parse_args()
    # nk_patience over its stated range [0.9, 0.995]: `points` points from 0.9.
    step = Fraction(95, 1000) / 1000 * Fraction(1000, args.points)
    first = Fraction(9, 10)
    last = first + step * (args.points - 1)

    def dec(q):
        return f"{float(q):.12g}" if q.denominator in (1, 2, 4, 5, 8, 10) else f"{q.numerator}/{q.denominator}"

    cmd = [args.parley, "sweep", str(MODEL), "--param", "nk_patience", "--from", dec(first),
           "--to", str(last.numerator) + "/" + str(last.denominator),
           "--step", f"{step.numerator}/{step.denominator}", "--framework", "unanimity",
           "--json"]
    t = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if out.returncode != 0:
        sys.exit("parley sweep failed: " + out.stderr.strip())
    result = json.loads(out.stdout)
    rows = next(v for k, v in result.items() if isinstance(v, list) and k != "columns")
    done = len(rows)
    inexact = 0 if result.get("exact", True) else 1
    seconds = result["seconds"]
    full = seconds * 1000 / done
    cores = os.cpu_count()
    print(f"parley sweep, six-party unanimity over nk_patience, {cores} cores: {done} points in "
          f"{seconds:.2f} s ({wall:.2f} s wall, {done / seconds:,.1f} points/s"
          f"{'' if not inexact else ', some points not exact'}); 1,000 points: "
          f"{'measured' if done == 1000 else 'extrapolated'} {full:.1f} s (goal < 10 s); "
          f"CPU time for 1,000 points {cpu * 1000 / done:.1f} s, so {cpu * 1000 / done / cores:.1f} s on {cores} idle "
          f"cores")


if __name__ == "__main__":
    main()
