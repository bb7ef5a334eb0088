// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct SupportEnumerationTests {
  @Test func battleOfTheSexes() throws {
    let g = NormalFormGame<Rational>(A: [[2, 0], [0, 1]], B: [[1, 0], [0, 2]])
    let r = try SupportEnumeration().solve(g)
    #expect(r.equilibria == [
      MixedProfile([[1, 0], [1, 0]]), MixedProfile([[0, 1], [0, 1]]),
      MixedProfile([[Rational(2, 3), Rational(1, 3)], [Rational(1, 3), Rational(2, 3)]]),
    ])
    #expect(r.method == "enumsupport")
  }

  @Test func vonStengelsSixBySixHas75Equilibria() throws {
    let g = try FixtureGames.load("catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg")
    let r = try SupportEnumeration().solve(g)
    #expect(Set(r.equilibria) == Set(try VertexEnumeration().solve(g).equilibria))
    #expect(r.equilibria.count == 75)
  }

  /// On nondegenerate games (payoffs from a wide range) the two enumerations agree as sets.
  @Test func agreesWithVertexEnumerationOnRandomNondegenerateGames() throws {
    for seed in 0..<12 as Range<UInt64> {
      let (m, n) = [(3, 3), (4, 4), (5, 3), (4, 6)][Int(seed % 4)]
      let g = FixtureGames.random(m, n, range: -100_000...100_000, seed: 100 + seed)
      let support = try SupportEnumeration().solve(g)
      let vertex = try VertexEnumeration().solve(g)
      #expect(Set(support.equilibria) == Set(vertex.equilibria))
      #expect(support.equilibria.allSatisfy { g.maxRegret(at: $0) == .zero })
      let float = try VertexEnumeration().solve(g.converted(to: Double.self))
      #expect(float.equilibria.count == vertex.equilibria.count)
    }
  }

  /// On degenerate games (payoffs in {0, 1, 2}) every result is still an equilibrium, and
  /// each one is a convex combination of vertex-enumeration results — checked here on its
  /// pure ones and, for all, as zero regret.
  @Test func degenerateGamesGiveValidResults() throws {
    for seed in 0..<12 as Range<UInt64> {
      let g = FixtureGames.random(4, 4, range: 0...2, seed: 200 + seed)
      let support = try SupportEnumeration().solve(g)
      let vertex = Set(try VertexEnumeration().solve(g).equilibria)
      #expect(support.equilibria.allSatisfy { g.maxRegret(at: $0) == .zero })
      #expect(support.equilibria.filter(\.isPure).allSatisfy { vertex.contains($0) })
      #expect(vertex.allSatisfy { g.maxRegret(at: $0) == .zero })
    }
  }

  @Test func threePlayerGamesAreRejected() throws {
    let g = NormalFormGame<Rational>(players: ["1", "2", "3"],
      strategies: [["a", "b"], ["a", "b"], ["a", "b"]], payoffs: [[Rational]](
        repeating: Array(repeating: 0, count: 8), count: 3))
    #expect {
      _ = try SupportEnumeration().solve(g)
    } throws: { error in
      "\(error)" == "enumsupport(): the method applies to two-player games; this game has 3 players"
    }
  }
}
