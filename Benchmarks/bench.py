#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Benchmarks: Parley against Gambit (pygambit), lrsnash, nashpy and QuantEcon, same inputs,
one run. Not a test: it prints a table of times and the ratio peer / Parley.

Parley's time is the solver's own wall time as Parley reports it (`"seconds": {"solve"}` in
`--format json`), so file reading is excluded on both sides; pygambit, nashpy and QuantEcon are
timed around the solve call on an already-built game; lrsnash is timed as a whole process
(its input is a few hundred numbers). Each figure is the best of `--repeat` runs. A peer that
exceeds `--timeout` seconds is shown as `>T` and its ratio as a lower bound.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

warnings.filterwarnings("ignore")


def write_nfg(path, shape, payoffs):
    players = " ".join(f'"{i + 1}"' for i in range(len(shape)))
    counts = " ".join(str(m) for m in shape)
    with open(path, "w") as f:
        f.write(f'NFG 1 R "bench" {{ {players} }} {{ {counts} }}\n\n')
        for row in payoffs:
            f.write(" ".join(str(v) for v in row))
            f.write("\n")


def bimatrix(rng, n, high=1000):
    A = [[rng.randrange(high) for _ in range(n)] for _ in range(n)]
    B = [[rng.randrange(high) for _ in range(n)] for _ in range(n)]
    return A, B


def bimatrix_payoffs(A, B):
    m, n = len(A), len(A[0])
    return [(A[i][j], B[i][j]) for j in range(n) for i in range(m)]


def run_parley(parley, path, method, extra=()):
    """Returns (solve seconds, read seconds, equilibria count)."""
    cmd = [parley, "solve", str(path), "--method", method, "--format", "json", *extra]
    out = subprocess.run(cmd, capture_output=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {out.stderr.decode().strip()}")
    doc = json.loads(out.stdout)
    return doc["seconds"]["solve"], doc["seconds"]["read"], len(doc["equilibria"])


def run_parley_rss(parley, path, method):
    """Returns (solve seconds, read seconds, equilibria count, peak RSS in KiB).

    The peak is measured by GNU time (`/usr/bin/time -f %M`, Debian package `time`): the
    rusage of a child forked from this (large) Python process would count the parent's pages.
    """
    cmd = ["/usr/bin/time", "-f", "%M", parley, "solve", str(path), "--method", method,
           "--format", "json"]
    out = subprocess.run(cmd, capture_output=True, check=True)
    doc = json.loads(out.stdout)
    rss = int(out.stderr.decode().strip().splitlines()[-1])
    return doc["seconds"]["solve"], doc["seconds"]["read"], len(doc["equilibria"]), rss


def best(fn, repeat):
    times, result = [], None
    for _ in range(repeat):
        t, result = fn()
        times.append(t)
    return min(times), result


def timed(fn):
    t0 = time.perf_counter()
    r = fn()
    return time.perf_counter() - t0, r


def with_timeout(fn, timeout):
    """Runs fn in a child process so a slow peer can be stopped; returns seconds or None."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    q = ctx.Queue()

    def target():
        try:
            q.put(fn())
        except Exception as exc:  # noqa: BLE001
            q.put(("error", str(exc)))

    p = ctx.Process(target=target)
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.kill()
        p.join()
        return None, None
    r = q.get()
    if isinstance(r, tuple) and r and r[0] == "error":
        raise RuntimeError(r[1])
    return r


def lrsnash_time(A, B, tmp):
    path = Path(tmp) / "lrs.txt"
    m, n = len(A), len(A[0])
    with open(path, "w") as f:
        f.write(f"{m} {n}\n\n")
        for row in A:
            f.write(" ".join(map(str, row)) + "\n")
        f.write("\n")
        for row in B:
            f.write(" ".join(map(str, row)) + "\n")
    t0 = time.perf_counter()
    out = subprocess.run(["lrsnash", str(path)], capture_output=True, text=True, check=True)
    t = time.perf_counter() - t0
    count = 0
    for line in out.stdout.splitlines():
        if line.startswith("*Number of equilibria found:"):
            count = int(line.split(":")[1])
    return t, count


def fmt(t):
    if t is None:
        return "—"
    if isinstance(t, str):
        return t
    if t < 1e-3:
        return f"{t * 1e6:.0f} µs"
    if t < 1:
        return f"{t * 1e3:.1f} ms"
    return f"{t:.2f} s"


def ratio(peer, parley, timeout):
    if peer is None:
        return f">{timeout / parley:.0f}×" if parley else "—"
    return f"{peer / parley:.1f}×" if parley > 0 else "—"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parley", required=True)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    ap.add_argument("--only", default="enum,lcp,pure,nplayer",
                    help="comma-separated sections to run: enum, lcp, pure, nplayer")
    args = ap.parse_args()

    import pygambit as gbt
    import nashpy
    import quantecon.game_theory as qe

    rng = random.Random(args.seed)
    rows = []

    def add(task, size, peer, peer_t, parley_t, note=""):
        rows.append((task, size, peer, fmt(peer_t if peer_t is not None else f">{args.timeout:.0f} s"),
                     fmt(parley_t), ratio(peer_t, parley_t, args.timeout), note))
        print(f"  {task:<28} {size:>8}  {peer:<28} {rows[-1][3]:>10}  parley {fmt(parley_t):>10}"
              f"  {rows[-1][5]:>8}  {note}", flush=True)

    # Warm QuantEcon's numba kernels up on a small game so JIT time is not counted.
    qe.vertex_enumeration(qe.NormalFormGame((qe.Player(np.eye(2)), qe.Player(np.eye(2)))))
    qe.lemke_howson(qe.NormalFormGame((qe.Player(np.eye(3)), qe.Player(np.eye(3)))))

    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        sections = set(args.only.split(","))
        # 1. All extreme equilibria.
        sizes = [6, 8] if args.quick else [6, 8, 10, 12]
        if "enum" not in sections:
            sizes = []
        for n in sizes:
            A, B = bimatrix(rng, n)
            path = Path(tmp) / f"enum{n}.nfg"
            write_nfg(path, (n, n), bimatrix_payoffs(A, B))
            game = gbt.read_nfg(str(path))
            size = f"{n}×{n}"
            p_exact, (_, _, k_exact) = best(
                lambda: (lambda r: (r[0], r))(run_parley(args.parley, path, "enummixed")),
                args.repeat)
            p_float, (_, _, k_float) = best(
                lambda: (lambda r: (r[0], r))(
                    run_parley(args.parley, path, "enummixed", ["--float"])), args.repeat)
            note = f"{k_exact} equilibria"
            g_rat = with_timeout(lambda: best(lambda: timed(
                lambda: len(gbt.nash.enummixed_solve(game, rational=True).equilibria)),
                args.repeat), args.timeout)
            add("all extreme eq (exact)", size, "Gambit enummixed rational", g_rat[0], p_exact,
                note + (f"; gambit {g_rat[1]}" if g_rat[1] is not None and g_rat[1] != k_exact
                        else ""))
            lrs_t, lrs_k = best(lambda: lrsnash_time(A, B, tmp), args.repeat)
            add("all extreme eq (exact)", size, "lrsnash (GMP)", lrs_t, p_exact,
                f"lrsnash reports {lrs_k}")
            g_flt = with_timeout(lambda: best(lambda: timed(
                lambda: len(gbt.nash.enummixed_solve(game, rational=False).equilibria)),
                args.repeat), args.timeout)
            add("all extreme eq (float)", size, "Gambit enummixed float", g_flt[0], p_float,
                f"{k_float} equilibria")
            nash_game = nashpy.Game(np.array(A, dtype=float), np.array(B, dtype=float))
            np_t = with_timeout(lambda: best(lambda: timed(
                lambda: len(list(nash_game.vertex_enumeration()))), 1), args.timeout)
            add("all extreme eq (float)", size, "nashpy vertex_enumeration", np_t[0], p_float,
                f"nashpy {np_t[1]}")
            qg = qe.NormalFormGame((qe.Player(np.array(A, dtype=float)),
                                    qe.Player(np.array(B, dtype=float).T)))
            qe_t = with_timeout(lambda: best(lambda: timed(
                lambda: len(qe.vertex_enumeration(qg))), args.repeat), args.timeout)
            add("all extreme eq (float)", size, "QuantEcon vertex_enumeration", qe_t[0], p_float,
                f"quantecon {qe_t[1]}")

        # 2. One equilibrium by Lemke-Howson.
        sizes = [50, 100] if args.quick else [50, 100, 200, 400]
        if "lcp" not in sections:
            sizes = []
        for n in sizes:
            A, B = bimatrix(rng, n)
            path = Path(tmp) / f"lh{n}.nfg"
            write_nfg(path, (n, n), bimatrix_payoffs(A, B))
            game = gbt.read_nfg(str(path))
            size = f"{n}×{n}"
            p_exact, _ = best(lambda: (lambda r: (r[0], r))(
                run_parley(args.parley, path, "lcp")), args.repeat)
            p_float, _ = best(lambda: (lambda r: (r[0], r))(
                run_parley(args.parley, path, "lcp", ["--float"])), args.repeat)
            g_rat = with_timeout(lambda: best(lambda: timed(
                lambda: len(gbt.nash.lcp_solve(game, rational=True, stop_after=1).equilibria)),
                1), args.timeout)
            add("Lemke-Howson (exact)", size, "Gambit lcp rational", g_rat[0], p_exact)
            g_flt = with_timeout(lambda: best(lambda: timed(
                lambda: len(gbt.nash.lcp_solve(game, rational=False, stop_after=1).equilibria)),
                args.repeat), args.timeout)
            add("Lemke-Howson (float)", size, "Gambit lcp float", g_flt[0], p_float)
            nash_game = nashpy.Game(np.array(A, dtype=float), np.array(B, dtype=float))
            np_t = with_timeout(lambda: best(lambda: timed(
                lambda: nash_game.lemke_howson(initial_dropped_label=0)), 1), args.timeout)
            add("Lemke-Howson (float)", size, "nashpy lemke_howson", np_t[0], p_float)
            qg = qe.NormalFormGame((qe.Player(np.array(A, dtype=float)),
                                    qe.Player(np.array(B, dtype=float).T)))
            qe_t = with_timeout(lambda: best(lambda: timed(
                lambda: qe.lemke_howson(qg, init_pivot=0)), args.repeat), args.timeout)
            add("Lemke-Howson (float)", size, "QuantEcon lemke_howson", qe_t[0], p_float)

        # 4. One equilibrium of n-player games: simplicial subdivision and the logit limit.
        if "nplayer" in sections:
            nplayer(args, rng, tmp, add, gbt)

        # 3. All pure equilibria of a 6-player game with 8 strategies each.
        if "pure" not in sections:
            return report(rows)
        players, m = (5, 6) if args.quick else (6, 8)
        shape = (m,) * players
        total = m ** players
        values = np.random.default_rng(args.seed).integers(0, 100, size=(total, players))
        path = Path(tmp) / "pure.nfg"
        with open(path, "w") as f:
            names = " ".join(f'"{i + 1}"' for i in range(players))
            f.write(f'NFG 1 R "pure" {{ {names} }} {{ {" ".join([str(m)] * players)} }}\n')
            np.savetxt(f, values, fmt="%d")
        size = "×".join([str(m)] * players)
        runs = [run_parley_rss(args.parley, path, "pure") for _ in range(args.repeat)]
        p_solve = min(r[0] for r in runs)
        p_read = min(r[1] for r in runs)
        p_count = runs[0][2]
        p_rss = min(r[3] for r in runs)
        game = gbt.read_nfg(str(path))
        g_t = with_timeout(lambda: best(lambda: timed(
            lambda: len(gbt.nash.enumpure_solve(game).equilibria)), 1), args.timeout)
        add("all pure eq", size, "Gambit enumpure", g_t[0], p_solve,
            f"{p_count} equilibria" + (f"; gambit {g_t[1]}" if g_t[1] not in (None, p_count)
                                       else ""))
        # QuantEcon wants payoff arrays indexed [own, opponents in cyclic order].
        full = values.reshape(shape[::-1] + (players,))  # index [s_n, ..., s_1, player]
        full = np.transpose(full, list(range(players - 1, -1, -1)) + [players])  # [s_1..s_n, p]
        qplayers = []
        for p in range(players):
            order = [(p + k) % players for k in range(players)]
            qplayers.append(qe.Player(np.transpose(full[..., p], order).astype(float)))
        qg = qe.NormalFormGame(qplayers)
        qe_t = with_timeout(lambda: best(lambda: timed(
            lambda: len(qe.pure_nash_brute(qg))), 1), args.timeout)
        add("all pure eq", size, "QuantEcon pure_nash_brute", qe_t[0], p_solve,
            f"quantecon {qe_t[1]}")
        table_bytes = total * players * 24  # a Rational is 24 bytes in Parley
        print(f"\n  pure scan: solve {fmt(p_solve)} vs reading the table {fmt(p_read)}"
              f" (scan/read = {p_solve / p_read:.2f}); peak RSS {p_rss / 1024:.0f} MiB for"
              f" {total * players:,} payoffs, a {table_bytes / 2**20:.0f} MiB payoff table"
              f" ({p_rss * 1024 / table_bytes:.2f}× the table)")

    return report(rows)


def report(rows):
    print("\n| task | size | peer | peer time | Parley | peer / Parley | note |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    return 0


def run_parley_doc(parley, path, method, extra=()):
    """Returns Parley's JSON report of one solve."""
    cmd = [parley, "solve", str(path), "--method", method, "--format", "json", *extra]
    out = subprocess.run(cmd, capture_output=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {out.stderr.decode().strip()}")
    return json.loads(out.stdout)


def gambit_run(solve):
    """Times one pygambit solve; returns (seconds, the equilibrium's max regret)."""
    t0 = time.perf_counter()
    r = solve()
    t = time.perf_counter() - t0
    eq = r.equilibria[0] if hasattr(r, "equilibria") else r.equilibrium
    return t, float(eq.max_regret())


def nplayer(args, rng, tmp, add, gbt):
    """simpdiv and logit on seeded random 3-player 4×4×4 and 4-player 3×3×3×3 games (payoffs
    0-99): Parley (exact, i.e. float path then exact polish where the support admits it, and
    --float) against pygambit's simpdiv_solve from the centroid (rational arithmetic,
    maxregret 1e-7 relative) and logit_solve (maxregret 1e-8 relative). Parley's simpdiv
    stops early once Newton's method on the support meets its tolerance (1e-8)."""
    count = 2 if args.quick else 5
    for shape in [(4, 4, 4), (3, 3, 3, 3)]:
        size = "×".join(map(str, shape))
        total = 1
        for m in shape:
            total *= m
        for k in range(count):
            payoffs = [[rng.randrange(100) for _ in shape] for _ in range(total)]
            path = Path(tmp) / f"nplayer{size}-{k}.nfg"
            write_nfg(path, shape, payoffs)
            game = gbt.read_nfg(str(path))
            for method in ("simpdiv", "logit"):
                docs = {}
                times = {}
                for extra in ((), ("--float",)):
                    runs = [run_parley_doc(args.parley, path, method, extra)
                            for _ in range(args.repeat)]
                    times[extra] = min(d["seconds"]["solve"] for d in runs)
                    docs[extra] = runs[0]
                exact = docs[()]
                pivots = exact["parameters"].get("pivots")
                how = ("no equilibrium (not exact)" if not exact["equilibria"]
                       else "exact" if exact["exact"] else "float fallback")
                if method == "simpdiv":
                    solve = lambda: gbt.nash.simpdiv_solve(  # noqa: E731
                        game.mixed_strategy_profile(rational=True))
                    peer = "Gambit simpdiv_solve"
                else:
                    solve = lambda: gbt.nash.logit_solve(game)  # noqa: E731
                    peer = "Gambit logit_solve"
                g = with_timeout(lambda: best(lambda: gambit_run(solve), 1), args.timeout)
                note = f"#{k}: Parley {how}" + (f", {pivots} pivots" if pivots else "")
                if g[1] is not None:
                    note += f"; gambit regret {g[1]:.1e}"
                add(f"{method} (exact)", size, peer, g[0], times[()], note)
                add(f"{method} (float)", size, peer, g[0], times[("--float",)], f"#{k}")


if __name__ == "__main__":
    sys.exit(main())
