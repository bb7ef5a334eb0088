#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compare Parley's tree and logit solvers with Gambit's (pygambit) and time both.

1. Two-player `.efg` fixtures and seeded random two-player trees with perfect recall:
   `parley solve -m seqform -f json` against `pygambit.nash.lcp_solve(g, rational=True)`.
   Reports whether the behaviour profiles are identical (exact rationals, per information
   set, each player's sets in pre-order) and whether the payoffs agree.
2. `.nfg` fixtures and seeded random 3x4x4... games: `parley solve -m logit --float` against
   `pygambit.nash.logit_solve`: largest probability difference and Parley's max regret.
3. With --bench: wall-clock seconds of both on random trees and n-player games.

Prints one line per case and a summary; exits 1 if a Parley profile is not an equilibrium.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import pygambit as gbt

ROOT = Path(__file__).resolve().parents[2]
FIX = ROOT / "Tests/Fixtures/gambit"


def parley(binary, args, timeout=None):
    start = time.perf_counter()
    out = subprocess.run([binary, "solve", *args, "-f", "json"], capture_output=True, text=True,
                         timeout=timeout)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return json.loads(out.stdout), elapsed


def parley_behavior(obj):
    """Per player, the list of distributions of their sets, in file (pre-order) order."""
    sets = obj["game"]["informationSets"]
    players = obj["game"]["players"]
    result = []
    for eq in obj["equilibria"]:
        per = {p: [] for p in players}
        for s, dist in zip(sets, eq["behavior"]):
            per[s["player"]].append(tuple(Fraction(x) for x in dist))
        result.append(tuple(tuple(per[p]) for p in players))
    return result


def gambit_behavior(game, profile):
    rows = []
    for p in game.players:
        dists = [d[1] if isinstance(d, tuple) else d for d in profile[p]]
        rows.append(tuple(tuple(Fraction(str(v)) for _, v in list(d.items() if isinstance(d, dict)
                                                               else d)) for d in dists))
    return tuple(rows)


def random_tree(rng, types, a1, a2, later_probability=0.3):
    """A signalling tree (chance type, player 1 sees it, player 2 sees only the action,
    player 1 sometimes moves again) in .efg text."""
    lines = ['EFG 2 R "random" { "1" "2" }', ""]
    outcome = [0]

    def leaf():
        outcome[0] += 1
        u, v = rng.randint(-5, 5), rng.randint(-5, 5)
        lines.append(f't "" {outcome[0]} "" {{ {u}, {v} }}')

    weights = [rng.randint(1, 5) for _ in range(types)]
    total = sum(weights)
    probs = " ".join(f'"t{t}" {w}/{total}' for t, w in enumerate(weights))
    lines.append(f'c "" 1 "" {{ {probs} }} 0')
    later = types
    for t in range(types):
        acts = " ".join(f'"s{a}"' for a in range(a1))
        lines.append(f'p "" 1 {t + 1} "" {{ {acts} }} 0')
        for a in range(a1):
            acts2 = " ".join(f'"r{b}"' for b in range(a2))
            lines.append(f'p "" 2 {a + 1} "" {{ {acts2} }} 0')
            for _ in range(a2):
                if rng.random() < later_probability:
                    later += 1
                    lines.append(f'p "" 1 {later} "" {{ "x" "y" }} 0')
                    leaf()
                    leaf()
                else:
                    leaf()
    return "\n".join(lines) + "\n"


def random_nfg(rng, shape):
    players = " ".join(f'"{i + 1}"' for i in range(len(shape)))
    counts = " ".join(map(str, shape))
    total = 1
    for m in shape:
        total *= m
    body = " ".join(str(rng.randint(0, 9)) for _ in range(total * len(shape)))
    return f'NFG 1 R "random" {{ {players} }} {{ {counts} }}\n\n{body}\n'


def compare_lcp(binary, path, label):
    game = gbt.read_efg(str(path))
    start = time.perf_counter()
    g_eq = gbt.nash.lcp_solve(game, rational=True).equilibrium
    g_time = time.perf_counter() - start
    obj, p_time = parley(binary, [str(path), "-m", "seqform"])
    mine = parley_behavior(obj)[0]
    theirs = gambit_behavior(game, g_eq)
    same = mine == theirs
    pay = [Fraction(x) for x in obj["equilibria"][0]["payoffs"]]
    gpay = [Fraction(str(g_eq.payoffs[p])) for p in game.players]
    print(f"lcp {label}: profile {'identical' if same else 'differs'}, payoffs "
          f"{'agree' if pay == gpay else f'differ {pay} vs {gpay}'}; "
          f"parley {p_time:.3f}s gambit {g_time:.3f}s")
    return same, pay == gpay, p_time, g_time


def compare_logit(binary, path, label):
    game = gbt.read_nfg(str(path))
    start = time.perf_counter()
    g = gbt.nash.logit_solve(game)
    g_time = time.perf_counter() - start
    obj, p_time = parley(binary, [str(path), "-m", "logit", "--float"])
    mine = [[float(x) for x in row] for row in obj["equilibria"][0]["profile"]]
    eq = g.equilibrium
    theirs = [[float(v) for v in eq[p].values()] if isinstance(eq[p], dict)
              else [float(v) for _, v in eq[p]] for p in game.players]
    diff = max(abs(a - b) for r1, r2 in zip(mine, theirs) for a, b in zip(r1, r2))
    print(f"logit {label}: max |Δσ| = {diff:.2e}; gambit max regret {float(eq.max_regret()):.1e}; "
          f"parley {p_time:.3f}s gambit {g_time:.3f}s")
    return diff, p_time, g_time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--parley", default=str(ROOT / ".build/release/parley"))
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--trees", type=int, default=20)
    ap.add_argument("--bench", action="store_true", help="time both on larger inputs only")
    ap.add_argument("--timeout", type=float, default=60, help="seconds allowed to Gambit per run")
    args = ap.parse_args()
    if args.bench:
        return bench(args)
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp())
    identical = agree = total = 0
    for path in sorted(FIX.rglob("*.efg")):
        try:
            game = gbt.read_efg(str(path))
        except Exception as error:  # pygambit rejects nim.efg
            print(f"lcp {path.name}: pygambit cannot read it ({error})")
            continue
        if len(game.players) != 2 or game.is_perfect_recall is False:
            continue
        s, a, _, _ = compare_lcp(args.parley, path, path.name)
        identical += s
        agree += a
        total += 1
    for k in range(args.trees):
        path = tmp / f"tree{k}.efg"
        path.write_text(random_tree(rng, 2 + k % 2, 2 + k % 3, 2 + (k // 3) % 2))
        s, a, _, _ = compare_lcp(args.parley, path, f"random tree {k}")
        identical += s
        agree += a
        total += 1
    print(f"lcp: {identical}/{total} identical profiles, {agree}/{total} equal payoffs")
    diffs = []
    for path in sorted(FIX.rglob("*.nfg")):
        game = gbt.read_nfg(str(path))
        if len(game.players) < 3:
            continue
        diffs.append(compare_logit(args.parley, path, path.name)[0])
    for k, shape in enumerate([[3, 4, 4], [4, 4, 4], [3, 3, 3, 3]] * 2):
        path = tmp / f"game{k}.nfg"
        path.write_text(random_nfg(rng, shape))
        diffs.append(compare_logit(args.parley, path, f"random {shape}")[0])
    close = sum(d < 1e-3 for d in diffs)
    print(f"logit: {close}/{len(diffs)} limits within 1e-3 of Gambit's")


GAMBIT_TIMER = """
import sys, time, pygambit as gbt
path, kind = sys.argv[1], sys.argv[2]
game = gbt.read_efg(path) if kind == "lcp" else gbt.read_nfg(path)
start = time.perf_counter()
if kind == "lcp":
    gbt.nash.lcp_solve(game, rational=True)
else:
    gbt.nash.logit_solve(game)
print(time.perf_counter() - start)
"""


def gambit_seconds(path, kind, timeout):
    """pygambit's time on one input in a child process, or None after `timeout` seconds."""
    try:
        out = subprocess.run([sys.executable, "-c", GAMBIT_TIMER, str(path), kind],
                             capture_output=True, text=True, timeout=timeout)
        return float(out.stdout.strip())
    except subprocess.TimeoutExpired:
        return None


def bench(args):
    """Median wall-clock seconds (parley: whole process and its own solve time; Gambit:
    the pygambit call) over 3 seeded inputs per row."""
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp())
    rows = []

    def median(xs):
        if any(x is None for x in xs):
            return None
        return sorted(xs)[len(xs) // 2]

    def show(x):
        return f"> {args.timeout:.0f} s" if x is None else f"{x:.3f} s"

    for label, (types, a1, a2) in [("lcp, tree of ~10^3 nodes", (10, 4, 25)),
                                   ("lcp, tree of ~10^4 nodes", (50, 4, 50))]:
        p_all, p_solve, g_all = [], [], []
        for k in range(3):
            path = tmp / f"bench{types}_{k}.efg"
            path.write_text(random_tree(rng, types, a1, a2, later_probability=0.0))
            g_all.append(gambit_seconds(path, "lcp", args.timeout))
            try:
                obj, elapsed = parley(args.parley, [str(path), "-m", "seqform"], args.timeout)
                solve = obj["seconds"]["solve"]
            except subprocess.TimeoutExpired:
                elapsed = solve = None
            p_all.append(elapsed)
            p_solve.append(solve)
            shown = "timeout" if g_all[-1] is None else f"{g_all[-1]:.3f}s"
            print(f"{label} #{k}: parley {elapsed}s (solve {solve}s), gambit {shown}",
                  flush=True)
        rows.append((label, median(p_all), median(p_solve), median(g_all)))
    for label, shape in [("logit, 3 players 4x4x4", [4, 4, 4]),
                         ("logit, 4 players 3x3x3x3", [3, 3, 3, 3])]:
        p_all, p_solve, g_all = [], [], []
        for k in range(3):
            path = tmp / f"bench{len(shape)}_{k}.nfg"
            path.write_text(random_nfg(rng, shape))
            g_all.append(gambit_seconds(path, "logit", args.timeout))
            obj, elapsed = parley(args.parley, [str(path), "-m", "logit", "--float"])
            p_all.append(elapsed)
            p_solve.append(obj["seconds"]["solve"])
        rows.append((label, median(p_all), median(p_solve), median(g_all)))
    print("| benchmark (median of 3) | parley (process) | parley (solve) | pygambit |")
    print("| --- | --- | --- | --- |")
    for label, a, b, c in rows:
        print(f"| {label} | {show(a)} | {show(b)} | {show(c)} |")


if __name__ == "__main__":
    main()
