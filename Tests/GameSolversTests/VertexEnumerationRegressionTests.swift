// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing

/// Games on which an earlier version disagreed with Gambit's `enummixed_solve(rational=True)`.
@Suite("Vertex enumeration regressions") struct VertexEnumerationRegressionTests {
  /// A 4×3 game whose column 2 ties rows 1 and 4 for the row player: the column player's
  /// vertex e₂ is degenerate (four labels in three dimensions) yet has exactly m = 4 labels,
  /// which a check against m instead of n took for nondegenerate. Gambit reports 3 extreme
  /// equilibria (peer test game g2_127, seed 20261129).
  @Test func degenerateColumnVertexInANonSquareGame() throws {
    let A: [[Rational]] = [[-16, 49, -44], [-31, -4, -39], [12, -37, 1], [-22, 49, -32]]
    let B: [[Rational]] = [[17, 47, -30], [34, -40, -16], [19, 30, -40], [-29, -22, 3]]
    let game = NormalFormGame(A: A, B: B)
    let result = try VertexEnumeration().solve(game)
    #expect(result.equilibria.count == 3)
    let expected: Set<MixedProfile<Rational>> = [
      MixedProfile([[1, 0, 0, 0], [0, 1, 0]]),
      MixedProfile([[Rational(25, 102), 0, 0, Rational(77, 102)], [0, 1, 0]]),
      MixedProfile([[0, 0, Rational(5, 19), Rational(14, 19)],
        [0, Rational(33, 119), Rational(86, 119)]]),
    ]
    #expect(Set(result.equilibria) == expected)
    let float = try VertexEnumeration().solve(game.converted(to: Double.self))
    #expect(float.equilibria.count == 3)
  }
}
