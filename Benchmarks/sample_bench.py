#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Monte Carlo benchmark: `parley sample` on the Africa outreach model. Not a test: it prints
the draws computed, the wall time and the rate, and the time 10^5 draws take (measured, or
extrapolated from the rate when `--time-limit` stopped the run first).

Each draw draws `overseas_revenue` (log-uniform on [200, 2000]), instantiates the model at
the exact value and solves the outreach competition exactly (branch and bound over the target
sets with an exact bound, exact LPs where the offers' lower bounds do not already solve them).
Parley's time is the command's own wall time as reported in `--json` (`seconds`); the
process's CPU time (all threads) is printed too, since on a shared machine the wall time
depends on the other load and the CPU time divided by the cores does not.
The goal (issue 8): 10^5 draws in under 10 s on 2 cores, release build.
"""

import argparse
import json
import os
import resource
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "Models" / "negotiation" / "africa-outreach.yaml"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parley", default=str(ROOT / ".build" / "release" / "parley"))
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--time-limit", type=float, default=120,
                    help="stop the run after this many seconds and extrapolate")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    cmd = [args.parley, "sample", str(MODEL), str(args.draws), "--seed", str(args.seed),
           "--outreach", "--time-limit", str(args.time_limit), "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cmd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if out.returncode != 0:
        sys.exit("parley sample failed: " + out.stderr.strip())
    result = json.loads(out.stdout)
    seconds = result["seconds"]
    done = args.draws
    for note in result["notes"]:
        m = re.search(r"after (\d+) of (\d+) draws", note)
        if m:
            done = int(m.group(1))
    rate = done / seconds if seconds > 0 else float("inf")
    full = 100_000 / rate
    cores = os.cpu_count()
    print(f"parley sample, africa-outreach, {cores} cores: {done} of {args.draws} draws in "
          f"{seconds:.2f} s ({rate:,.0f} draws/s); 10^5 draws: "
          f"{'measured' if done == 100_000 else 'extrapolated'} {full:.1f} s (goal < 10 s); "
          f"CPU time for 10^5 draws {cpu * 100_000 / done:.1f} s, so {cpu * 100_000 / done / cores:.1f} s on "
          f"{cores} idle cores")


if __name__ == "__main__":
    main()
