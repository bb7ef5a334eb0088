// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import GameSolvers
import Testing
import _TestSupport

/// Reads a Gambit `.efg` fixture by its path under `Tests/Fixtures/gambit`.
func gambitTree(_ path: String) throws -> ExtensiveFormGame<Rational> {
  try GameFile.readExtensiveForm(contentsOf: Fixtures.gambit.appendingPathComponent(path))
}

/// Gambit's answers from SOURCE.md: backward-induction payoffs of the perfect-information
/// fixtures, and `lcp_solve` payoffs of the two-player imperfect-information ones.
let speFixtures: [(String, [Rational])] = [
  ("catalog/journals/ijgt/selten1975/fig2.efg", [1, 1]),
  ("tests/test_games/3_player_perfect_info_1_move_each.efg", [1, 1, 1]),
  ("tests/test_games/perfect_info_with_chance.efg", [-1, 1]),
  ("tests/test_games/two_player_perfect_info_win_lose.efg", [1, -1]),
]

let lcpFixtures: [(String, [Rational])] = [
  ("catalog/books/myerson1991/fig2_1.efg", [Rational(1, 3), Rational(-1, 3)]),
  ("catalog/books/myerson1991/fig4_2.efg", [Rational(5, 2), Rational(9, 4)]),
  ("contrib/games/cent2.efg", [Rational(69, 50), Rational(276, 175)]),
  ("contrib/games/e04.efg", [3, -1]),
  ("contrib/games/montyhal.efg", [Rational(200, 3), 1]),
  ("doc/poker.efg", [Rational(1, 3), Rational(-1, 3)]),
  ("tests/test_games/entry_accommodation.efg", [Rational(7, 3), Rational(7, 3)]),
  ("tests/test_games/stripped_down_poker.efg", [Rational(1, 3), Rational(-1, 3)]),
]

@Suite struct ExtensiveFormFixtureTests {
  @Test func probe() throws {
    for (path, expected) in speFixtures {
      let g = try gambitTree(path)
      let r = try BackwardInduction().solve(g)
      print(path, expected, r.equilibria.map { g.expectedPayoffs($0) }, r.equilibria.map(\.probabilities))
    }
    for (path, expected) in lcpFixtures {
      let g = try gambitTree(path)
      let r = try SequenceFormLCP().solve(g)
      print(path, expected, r.equilibria.map { g.expectedPayoffs($0) }, r.notes, r.equilibria.map(\.probabilities))
      let rf = try SequenceFormLCP().solve(g.converted(to: Double.self))
      print("  float", rf.equilibria.map { g.converted(to: Double.self).expectedPayoffs($0) })
      let rnf = try ReducedNormalForm(g)
      print("  rnf", rnf.game.strategies)
    }
  }
}
