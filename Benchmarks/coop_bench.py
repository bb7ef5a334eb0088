#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cooperative benchmarks: Parley's voting power and nucleolus against PyPI peers, one run.
Not a test: it prints a table of times and the ratio peer / Parley.

Voting power: Shapley-Shubik and Banzhaf of [q; w] with weights drawn uniformly from 1..100
(seeded) and q = half the total weight plus one, for n = 20, 50, 200, 1000. Parley's time is
the command's own wall time as reported in `--json` (`seconds`: parsing the weights and the
exact computation, not process start-up), the least of three runs in one `parley run` session
(the peers too are timed in a warm process, after their imports); a size whose first run
takes over 10 s is run once. Peers, timed around the call in a forked child of the warm
process (killed at the timeout, so it does not load the machine afterwards):
`powerindex` (generating functions, Python integers), `powerindices` (NumPy int64: its counts
overflow above about 60 players, so its figures are shown but its answers are wrong there),
and `coopgame` (Rust; `Game.weighted_voting` builds 2^n worths, so only n <= 20).

Nucleolus: random superadditive-leaning games with integer worths for n = 8, 12, 16.
Parley computes the exact nucleolus (rationals); peers: `coopgame.nucleolus` (floating point,
constraint generation) and `coopgame.nucleolus_exact` (rational, at most 10 players).
A peer that exceeds `--timeout` seconds is shown as `>T`.
"""

import argparse
import json
import random
import shlex
import subprocess
import sys
import tempfile
import multiprocessing
import time
from pathlib import Path


def parley_json(parley, args):
    out = subprocess.run([parley, *args, "--json"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"parley {args[0]} ({len(args[2])} chars of game): "
                           + out.stderr.strip().split(": ", 1)[-1])
    return json.loads(out.stdout)


def parley_json_warm(parley, args, repeats=3):
    """The least `seconds` of `repeats` runs of one command in one Parley session."""
    first = parley_json(parley, args)
    if repeats <= 1 or first["seconds"] > 10:
        return first
    line = " ".join(shlex.quote(x) for x in [*args, "--json"])
    with tempfile.NamedTemporaryFile("w", suffix=".parley", delete=False) as f:
        f.write((line + "\n") * repeats)
        script = f.name
    try:
        out = subprocess.run([parley, "run", script], capture_output=True, text=True)
    finally:
        Path(script).unlink()
    if out.returncode != 0:
        return first
    docs, text, i = [], out.stdout, 0
    decoder = json.JSONDecoder()
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        doc, i = decoder.raw_decode(text, i)
        docs.append(doc)
    return min([first, *docs], key=lambda d: d["seconds"])


def timed(fn, timeout):
    """Times fn() in a forked child (the peer's imports are inherited, so it is warm); a
    child past `timeout` is killed, so an abandoned peer does not keep a core busy while
    the next figures are measured."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def run():
        t = time.perf_counter()
        try:
            fn()
            send.send((time.perf_counter() - t, None))
        except Exception as e:  # a peer failing is reported, not fatal
            send.send((None, repr(e)))

    child = ctx.Process(target=run, daemon=True)
    child.start()
    result = receive.recv() if receive.poll(timeout) else None
    if result is None:
        child.kill()
    child.join()
    if result is None:
        return None, "timeout"
    t, error = result
    if error is not None:
        # A failing call is not a time: report it and show the cell as an error.
        print(f"  peer failed: {error}", file=sys.stderr)
        return "error", error
    return t, None


def fmt(t, timeout):
    if t == "error":
        return "error"
    if t is None:
        return f">{timeout:g}s"
    if t < 1e-3:
        return f"{t * 1e6:.0f} µs"
    return f"{t * 1000:.1f} ms" if t < 1 else f"{t:.2f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parley", required=True)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--sizes", default="20,50,200,1000")
    ap.add_argument("--nucleolus-sizes", default="8,12,16")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    try:
        import powerindex
    except ImportError:
        powerindex = None
    try:
        import powerindices
    except ImportError:
        powerindices = None
    try:
        import coopgame
    except ImportError:
        coopgame = None

    print("Voting power of [q; w], weights 1..100, q = W/2 + 1")
    print(f"{'n':>5} {'index':>15} {'parley':>10} {'powerindex':>12} {'powerindices':>13} "
          f"{'coopgame':>10}")
    for n in map(int, a.sizes.split(",")):
        w = [rng.randint(1, 100) for _ in range(n)]
        q = sum(w) // 2 + 1
        text = f"{q}; " + ",".join(map(str, w))
        for index, sol in (("shapley-shubik", "shapley-shubik"), ("banzhaf", "banzhaf")):
            try:
                doc = parley_json_warm(a.parley, ["coop", "--weights", text, "-s", sol])
                tp = doc["seconds"]
            except RuntimeError as e:
                tp = None
                print("  parley:", e, file=sys.stderr)
            peers = []
            if powerindex:
                def pi():
                    g = powerindex.Game(q, weights=w)
                    (g.calc_shapley_shubik if sol == "shapley-shubik" else g.calc_banzhaf)()
                peers.append(timed(pi, a.timeout)[0])
            else:
                peers.append(None)
            if powerindices:
                f = powerindices.compute_ssi if sol == "shapley-shubik" else powerindices.compute_pbi
                peers.append(timed(lambda: f(q, w), a.timeout)[0])
            else:
                peers.append(None)
            if coopgame and n <= 20:
                def cg():
                    g = coopgame.Game.weighted_voting(w, q)
                    coopgame.shapley(g) if sol == "shapley-shubik" else coopgame.banzhaf(g)
                peers.append(timed(cg, a.timeout)[0])
            else:
                peers.append(None)
            cells = [fmt(t, a.timeout) for t in peers]
            if not coopgame or n > 20:
                cells[2] = "n/a"
            print(f"{n:>5} {index:>15} {fmt(tp, a.timeout):>10} {cells[0]:>12} {cells[1]:>13} "
                  f"{cells[2]:>10}")

    print()
    print("Nucleolus of random games (exact in Parley)")
    print(f"{'n':>5} {'parley':>10} {'coopgame float':>15} {'coopgame exact':>15}")
    for n in map(int, a.nucleolus_sizes.split(",")):
        values = [bin(m).count("1") ** 2 * 3 + rng.randint(0, 4) for m in range(1, 1 << n)]
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write("order: bitmask\n" + ", ".join(map(str, values)) + "\n")
            path = f.name
        try:
            tp = parley_json_warm(a.parley, ["coop", path, "-s", "nucleolus"])["seconds"]
        except RuntimeError as e:
            tp = None
            print("  parley:", e, file=sys.stderr)
        Path(path).unlink()
        cf = ce = "n/a"
        if coopgame:
            g = coopgame.Game(values)
            cf = fmt(timed(lambda: coopgame.nucleolus(g), a.timeout)[0], a.timeout)
            if n <= 10:
                ce = fmt(timed(lambda: coopgame.nucleolus_exact(values), a.timeout)[0], a.timeout)
        print(f"{n:>5} {fmt(tp, a.timeout):>10} {cf:>15} {ce:>15}")


if __name__ == "__main__":
    main()
