// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct VertexEnumerationTests {
  @Test func matchingPenniesHasTheUniformEquilibrium() throws {
    let g = NormalFormGame<Rational>(A: [[1, -1], [-1, 1]], B: [[-1, 1], [1, -1]])
    let r = try VertexEnumeration().solve(g)
    #expect(r.equilibria == [MixedProfile([[Rational(1, 2), Rational(1, 2)],
      [Rational(1, 2), Rational(1, 2)]])])
    #expect(r.method == "enummixed" && r.isExact && r.status == .complete)
  }

  @Test func battleOfTheSexesHasTwoPureAndOneMixed() throws {
    let g = NormalFormGame<Rational>(A: [[2, 0], [0, 1]], B: [[1, 0], [0, 2]])
    let r = try VertexEnumeration().solve(g)
    #expect(r.equilibria == [
      MixedProfile([[0, 1], [0, 1]]),
      MixedProfile([[Rational(2, 3), Rational(1, 3)], [Rational(1, 3), Rational(2, 3)]]),
      MixedProfile([[1, 0], [1, 0]]),
    ])
  }

  @Test(arguments: FixtureGames.twoPlayerCounts.map(\.0))
  func fixtureHasItsKnownNumberOfExtremeEquilibria(_ path: String) throws {
    let expected = FixtureGames.twoPlayerCounts.first { $0.0 == path }!.1
    let g = try FixtureGames.load(path)
    let r = try VertexEnumeration().solve(g)
    #expect(r.equilibria.count == expected)
    #expect(r.equilibria.allSatisfy { g.maxRegret(at: $0) == .zero })
    #expect(Set(r.equilibria).count == r.equilibria.count)
    let f = try VertexEnumeration().solve(g.converted(to: Double.self))
    #expect(f.equilibria.count == expected)
  }

  @Test func zeroGameHasFourExtremeEquilibria() throws {
    let g = NormalFormGame<Rational>(A: [[0, 0], [0, 0]], B: [[0, 0], [0, 0]])
    let r = try VertexEnumeration().solve(g)
    #expect(r.equilibria == [
      MixedProfile([[0, 1], [0, 1]]), MixedProfile([[0, 1], [1, 0]]),
      MixedProfile([[1, 0], [0, 1]]), MixedProfile([[1, 0], [1, 0]]),
    ])
  }

  @Test func threePlayerGamesAreRejected() throws {
    let g = NormalFormGame<Rational>(players: ["1", "2", "3"],
      strategies: [["a", "b"], ["a", "b"], ["a", "b"]], payoffs: [[Rational]](
        repeating: Array(repeating: 0, count: 8), count: 3))
    #expect {
      _ = try VertexEnumeration().solve(g)
    } throws: { error in
      "\(error)" == "enummixed(): the method applies to two-player games; this game has 3 players"
        && (error as? SolverError)?.isUnsupportedGame == true
    }
  }
}
