#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compare Parley's equilibria with Gambit's (pygambit) on seeded random games.

Two-player games (2x2 to 8x8, half degenerate with payoffs drawn from {0, 1, 2}): the set of
extreme equilibria from `parley solve --method enummixed --format json` must equal the set from
`pygambit.nash.enummixed_solve(game, rational=True)` exactly (as sets of exact rational
profiles). Three- and four-player games: the pure equilibria from `--method pure` must equal
`pygambit.nash.enumpure_solve`. Every equilibrium Parley reports must also have the payoffs
Gambit computes for that profile.

Prints one line per disagreement and closes with `peer: N passed, M failed`; exits 1 on any
failure.
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
from fractions import Fraction
from pathlib import Path

import pygambit as gbt


def nfg_text(title, shape, payoffs):
    """Gambit payoff-form text; `payoffs[profile_index]` is the tuple of all players' payoffs,
    profiles ordered with player 1's strategy changing fastest."""
    players = " ".join(f'"{i + 1}"' for i in range(len(shape)))
    counts = " ".join(str(m) for m in shape)
    body = "\n".join(" ".join(str(v) for v in row) for row in payoffs)
    return f'NFG 1 R "{title}" {{ {players} }} {{ {counts} }}\n\n{body}\n'


def random_game(rng, shape, values):
    total = 1
    for m in shape:
        total *= m
    return [tuple(rng.choice(values) for _ in shape) for _ in range(total)]


def gambit_profiles(game, result):
    players = list(game.players)
    profiles = set()
    for eq in result.equilibria:
        profiles.add(tuple(tuple(Fraction(str(v)) for _, v in eq[p]) for p in players))
    return profiles


def gambit_payoffs(game, result):
    players = list(game.players)
    table = {}
    for eq in result.equilibria:
        key = tuple(tuple(Fraction(str(v)) for _, v in eq[p]) for p in players)
        table[key] = tuple(Fraction(str(eq.payoffs[p])) for p in players)
    return table


def parley_json(parley, path, method):
    out = subprocess.run(
        [parley, "solve", str(path), "--method", method, "--format", "json"],
        capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"parley exited {out.returncode}: {out.stderr.strip()}")
    return json.loads(out.stdout)


def parley_profiles(doc):
    profiles = {}
    for eq in doc["equilibria"]:
        key = tuple(tuple(Fraction(v) for v in row) for row in eq["profile"])
        profiles[key] = tuple(Fraction(v) for v in eq["payoffs"])
    return profiles


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--parley", required=True, help="path to the parley executable")
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--two-player", type=int, default=200, help="number of 2-player games")
    ap.add_argument("--n-player", type=int, default=60, help="number of 3/4-player games")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="parley-peer-") as tmp:
        tmp = Path(tmp)
        for k in range(args.two_player):
            m, n = rng.randint(2, 8), rng.randint(2, 8)
            degenerate = k % 2 == 0
            values = [0, 1, 2] if degenerate else list(range(-50, 51))
            payoffs = random_game(rng, (m, n), values)
            path = tmp / f"g2_{k:03d}.nfg"
            path.write_text(nfg_text(f"peer {k}", (m, n), payoffs))
            game = gbt.read_nfg(str(path))
            expected = gambit_profiles(game, gbt.nash.enummixed_solve(game, rational=True))
            try:
                got = parley_profiles(parley_json(args.parley, path, "enummixed"))
            except Exception as exc:  # noqa: BLE001 - report and go on
                print(f"FAIL {path.name} ({m}x{n}): {exc}")
                failed += 1
                continue
            ok = set(got) == expected
            if ok:
                pay = gambit_payoffs(game, gbt.nash.enummixed_solve(game, rational=True))
                ok = all(got[p] == pay[p] for p in got)
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {path.name} ({m}x{n}, {'degenerate' if degenerate else 'generic'}):"
                      f" parley {len(got)} equilibria, gambit {len(expected)};"
                      f" only parley: {sorted(set(got) - expected)[:2]};"
                      f" only gambit: {sorted(expected - set(got))[:2]}")
        for k in range(args.n_player):
            players = 3 if k % 2 == 0 else 4
            shape = tuple(rng.randint(2, 4 if players == 3 else 3) for _ in range(players))
            values = [0, 1, 2, 3] if k % 3 else list(range(-9, 10))
            payoffs = random_game(rng, shape, values)
            path = tmp / f"gn_{k:03d}.nfg"
            path.write_text(nfg_text(f"peer n {k}", shape, payoffs))
            game = gbt.read_nfg(str(path))
            expected = gambit_profiles(game, gbt.nash.enumpure_solve(game))
            try:
                got = parley_profiles(parley_json(args.parley, path, "pure"))
            except Exception as exc:  # noqa: BLE001
                print(f"FAIL {path.name} {shape}: {exc}")
                failed += 1
                continue
            if set(got) == expected:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {path.name} {shape}: parley {len(got)} pure equilibria,"
                      f" gambit {len(expected)}")
    print(f"peer: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
