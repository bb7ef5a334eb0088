// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import _TestSupport

/// The Gambit `.nfg` fixtures and seeded random games used by the solver tests.
enum FixtureGames {
  /// The game in `Tests/Fixtures/gambit/<path>`, read by `GameFiles`.
  static func load(_ path: String) throws -> NormalFormGame<Rational> {
    let url = Fixtures.gambit.appendingPathComponent(path)
    return try GameFile.readNormalForm(contentsOf: url)
  }

  static let twoPlayerCounts: [(String, Int)] = [
    ("catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg", 75),
    ("catalog/journals/other/shapley1974/fig2.nfg", 3),
    ("catalog/journals/other/shapley1974/fig3.nfg", 3),
    ("contrib/games/2x2.nfg", 1),
    ("contrib/games/2x2const.nfg", 1),
    ("contrib/games/8x8.nfg", 5),
    ("contrib/games/coord2.nfg", 3),
    ("contrib/games/coord3.nfg", 7),
    ("contrib/games/deg1.nfg", 6),
    ("contrib/games/deg2.nfg", 7),
    ("contrib/games/mixdom.nfg", 1),
    ("contrib/games/oneill.nfg", 1),
    ("contrib/games/pd.nfg", 1),
    ("contrib/games/perfect1.nfg", 9),
    ("contrib/games/todd1.nfg", 5),
    ("contrib/games/yamamoto.nfg", 2),
    ("contrib/games/zero.nfg", 4),
    ("tests/test_games/const_sum_game.nfg", 2),
    ("tests/test_games/coordination_4x4_payoff.nfg", 15),
  ]

  /// A random m × n game with integer payoffs drawn from `range`.
  static func random(_ m: Int, _ n: Int, range: ClosedRange<Int>, seed: UInt64)
    -> NormalFormGame<Rational>
  {
    var rng = SeededGenerator(seed: seed)
    let a = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: range, using: &rng)) } }
    let b = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: range, using: &rng)) } }
    return NormalFormGame(A: a, B: b)
  }
}
