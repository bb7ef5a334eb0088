#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Negotiation benchmarks: each framework on the Six Party model and on a large random model,
against the targets of the negotiation issue. Not a test: it prints a table of times.

No peer library computes these frameworks (Banks-Duggan stationary equilibria over lotteries,
final-offer arbitration on a multi-issue deal space), so the rows show Parley's times against
the stated targets instead of a ratio. A time is the best of `--repeat` runs of the release
executable, measured as the command's own `seconds` in `--json` (reading the YAML model,
tabulating the deal space, solving, verifying exactly; not process start-up), and the whole
process's wall time in brackets.

Models: Models/negotiation/six-party-talks.yaml (6 actors, 6 issues, 1,800 deals) and, for
the large case, a seeded random model written to a temporary folder: 12 actors, 5 issues of
10 options (10^5 deals), random utilities on a 1/20 grid, weights summing to one,
disagreement payoffs on the low side so that a zone of agreement exists.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIX = ROOT / "Models/negotiation/six-party-talks.yaml"


def run(parley, args):
    t = time.perf_counter()
    out = subprocess.run([parley, *args, "--json"], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return json.loads(out.stdout), wall


def best(parley, args, repeat):
    results = [run(parley, args) for _ in range(repeat)]
    own = min(r[0]["seconds"] for r in results)
    wall = min(r[1] for r in results)
    return own, wall, results[0][0]


def fmt(t):
    return f"{t * 1000:.0f} ms" if t < 1 else f"{t:.2f} s"


def large_model(path, actors=12, issues=5, options=10, seed=1):
    rng = random.Random(seed)
    lines = ["parley: negotiation", "version: 1", "name: Random 12 x 1e5",
             "normalisation: {weights: raw, utilities: unit-interval}", "issues:"]
    for k in range(issues):
        opts = ", ".join(f"o{j}" for j in range(options))
        lines.append(f"  - {{name: i{k}, options: [{opts}]}}")
    lines.append("actors:")
    for a in range(actors):
        rec = f"1/{actors}"
        lines.append(f"  - name: A{a}")
        lines.append(f"    recognition: {rec}")
        lines.append(f"    discount: 9/10")
        lines.append(f"    disagreement: {rng.randint(2, 6)}/20")
        lines.append("    issues:")
        for k in range(issues):
            us = ", ".join(f"o{j}: {rng.randint(0, 20)}/20" for j in range(options))
            lines.append(f"      i{k}: {{weight: 1/{issues}, utilities: {{{us}}}}}")
    path.write_text("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parley", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rows = []
    frameworks = ["unanimity", "quota=5", "bilateral=United States,North Korea",
                  "mediation", "final-offer=North Korea", "conventional"]
    for f in frameworks:
        own, wall, _ = best(args.parley, ["negotiate", str(SIX), "--framework", f], args.repeat)
        rows.append(("Six Party (1,800 deals)", f, own, wall, "< 100 ms"))
    own, wall, _ = best(args.parley, ["negotiate", str(SIX), "--framework", "all",
                                      "--pair", "United States,North Korea",
                                      "--side", "North Korea"], args.repeat)
    rows.append(("Six Party (1,800 deals)", "compare (all six)", own, wall, "< 500 ms"))
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "random-12x1e5.yaml"
        large_model(big)
        own, wall, _ = best(args.parley, ["negotiate", str(big), "--framework", "unanimity"], 1)
        rows.append(("random 12 actors, 10^5 deals", "unanimity", own, wall, "< 10 s"))
    print(f"{'model':32} {'framework':38} {'Parley':>10} {'(wall)':>10}  target")
    for m, f, own, wall, target in rows:
        print(f"{m:32} {f:38} {fmt(own):>10} {'(' + fmt(wall) + ')':>10}  {target}")


if __name__ == "__main__":
    sys.exit(main())
