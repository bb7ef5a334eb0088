#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""REPL benchmarks: start-up to prompt, and commands on the loaded Six Party model, against
the goals of the REPL issue (start-up under 100 ms, a command under 50 ms). Not a test: it
prints a table of times.

Start-up is the wall time of a whole process that starts a session and leaves at once:
`parley -e quit`, and `parley repl` reading `quit` from a pipe (standard input that is not a
terminal runs as a script, without prompts). The median of `--runs` runs is shown, with the
fastest in brackets.

A command's time is measured inside one session: a script loads
Models/negotiation/six-party-talks.yaml and runs the command `--repeat` times; the same
script without the command is the baseline, and the difference of the medians (over
`--runs` runs of each) divided by the repeats is the time per command. It includes parsing
the line, computing, and formatting the table (written to a pipe), not process start-up or
loading the model.
"""

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIX = ROOT / "Models/negotiation/six-party-talks.yaml"

STARTUP_GOAL = 0.100
COMMAND_GOAL = 0.050

COMMANDS = [
    ("evaluate freeze-for-freeze", "evaluate freeze-for-freeze"),
    ("evaluate (inline deal)",
     "evaluate nuclear:freeze sanctions:partial-relief security:non-aggression "
     "exercises:scaled-down thaad:kept aid:2.5"),
    ("deals", "deals"),
    ("actors", "actors"),
    ("incentives --deal freeze-for-freeze", "incentives --deal freeze-for-freeze"),
    ("negotiate --framework mediation", "negotiate --framework mediation"),
    ("set nk_patience 0.95", "set nk_patience 0.95"),
]


def wall(argv, stdin=None):
    t = time.perf_counter()
    out = subprocess.run(argv, input=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: {out.stderr.strip()}")
    return elapsed


def timings(argv, runs, stdin=None):
    wall(argv, stdin)  # warm the file cache
    return [wall(argv, stdin) for _ in range(runs)]


def fmt(t):
    return f"{t * 1000:.1f} ms"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--parley", required=True)
    ap.add_argument("--runs", type=int, default=21, help="runs per measurement (median)")
    ap.add_argument("--repeat", type=int, default=50, help="commands per session script")
    args = ap.parse_args()
    parley = str(Path(args.parley).resolve())

    print("REPL start-up (whole process, median of %d runs; fastest in brackets)" % args.runs)
    print(f"{'command':<40} {'median':>10} {'fastest':>10}  goal {fmt(STARTUP_GOAL)}")
    for label, argv, stdin in [
        ("parley -e quit", [parley, "-e", "quit"], None),
        ("parley repl < pipe ('quit')", [parley, "repl"], "quit\n"),
        ("parley -e 'load six-party-talks.yaml'", [parley, "-e", f"load {SIX}"], None),
    ]:
        ts = timings(argv, args.runs, stdin)
        med = statistics.median(ts)
        verdict = "ok" if med < STARTUP_GOAL else "OVER"
        print(f"{label:<40} {fmt(med):>10} {'[' + fmt(min(ts)) + ']':>10}  {verdict}")

    print()
    print("Commands on the loaded Six Party model (6 actors, 1,800 deals), inside one session:")
    print(f"{args.repeat} repeats per script, median of {args.runs} scripts minus the "
          "load-only script")
    print(f"{'command':<40} {'per command':>12}  goal {fmt(COMMAND_GOAL)}")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base.parley"
        base.write_text(f"load {SIX}\n")
        baseline = statistics.median(timings([parley, "run", str(base)], args.runs))
        for label, command in COMMANDS:
            script = Path(folder) / "bench.parley"
            repeat = args.repeat
            script.write_text(f"load {SIX}\n" + f"{command}\n" * repeat)
            total = statistics.median(timings([parley, "run", str(script)], args.runs))
            per = max(total - baseline, 0) / repeat
            verdict = "ok" if per < COMMAND_GOAL else "OVER"
            print(f"{label:<40} {fmt(per):>12}  {verdict}")
    print(f"(load-only script: {fmt(baseline)})")


if __name__ == "__main__":
    main()
