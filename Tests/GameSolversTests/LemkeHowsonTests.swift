// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct LemkeHowsonTests {
  @Test func matchingPenniesFromEveryLabel() throws {
    let g = NormalFormGame<Rational>(A: [[1, -1], [-1, 1]], B: [[-1, 1], [1, -1]])
    let r = try LemkeHowson(allLabels: true).solve(g)
    #expect(r.equilibria == [MixedProfile([[Rational(1, 2), Rational(1, 2)],
      [Rational(1, 2), Rational(1, 2)]])])
    #expect(r.method == "lcp" && r.isExact && r.status == .complete)
  }

  /// Shapley (1974), Fig. 2: a 3 × 3 game whose Lemke-Howson paths (von Stengel 2007, Fig. 3.3
  /// is the same kind of example) end at different equilibria depending on the dropped label.
  @Test func shapleyFigure2PathsEndAtEquilibriaOfTheGame() throws {
    for path in ["catalog/journals/other/shapley1974/fig2.nfg",
      "catalog/journals/other/shapley1974/fig3.nfg"]
    {
      let g = try FixtureGames.load(path)
      let all = Set(try VertexEnumeration().solve(g).equilibria)
      for k in 0..<6 {
        let r = try LemkeHowson(initialLabel: k).solve(g)
        #expect(r.equilibria.count == 1)
        #expect(r.equilibria.allSatisfy { all.contains($0) && g.maxRegret(at: $0) == .zero })
      }
    }
  }

  @Test(arguments: FixtureGames.twoPlayerCounts.map(\.0))
  func everyLabelEndsAtAnExtremeEquilibrium(_ path: String) throws {
    let g = try FixtureGames.load(path)
    let all = Set(try VertexEnumeration().solve(g).equilibria)
    let r = try LemkeHowson(allLabels: true).solve(g)
    #expect(!r.equilibria.isEmpty)
    #expect(r.equilibria.allSatisfy { all.contains($0) })
    let f = try LemkeHowson(allLabels: true).solve(g.converted(to: Double.self))
    #expect(f.equilibria.count == r.equilibria.count)
  }

  @Test func randomGamesEveryLabelIsAnExtremeEquilibrium() throws {
    for seed in 0..<30 as Range<UInt64> {
      let wide = seed % 2 == 0
      let g = FixtureGames.random(4, 5, range: wide ? -1000...1000 : 0...2, seed: seed)
      let all = Set(try VertexEnumeration().solve(g).equilibria)
      let r = try LemkeHowson(allLabels: true).solve(g)
      #expect(r.equilibria.allSatisfy { all.contains($0) && g.maxRegret(at: $0) == .zero })
      let f = try LemkeHowson(allLabels: true).solve(g.converted(to: Double.self))
      #expect(f.equilibria.allSatisfy { g.converted(to: Double.self).maxRegret(at: $0) < 1e-6 })
    }
  }

  @Test func largeRandomGameExactAndFloatAgree() throws {
    let g = FixtureGames.random(30, 30, range: 0...99, seed: 7)
    let r = try LemkeHowson(initialLabel: 3).solve(g)
    let f = try LemkeHowson(initialLabel: 3).solve(g.converted(to: Double.self))
    #expect(r.equilibria.count == 1 && f.equilibria.count == 1)
    #expect(g.maxRegret(at: r.equilibria[0]) == .zero)
    let exact = r.equilibria[0].converted(to: Double.self)
    for (u, v) in zip(exact.probabilities.joined(), f.equilibria[0].probabilities.joined()) {
      #expect(abs(u - v) < 1e-9)
    }
  }

  @Test func pivotLimitStopsWithStatus() throws {
    let g = FixtureGames.random(6, 6, range: 0...99, seed: 3)
    let r = try LemkeHowson(initialLabel: 0, maxPivots: 1).solve(g)
    #expect(r.status == .pivotLimit(1))
    #expect(r.equilibria.isEmpty)
  }

  @Test func unsupportedInputsThrow() throws {
    let g3 = NormalFormGame<Rational>(players: ["1", "2", "3"],
      strategies: [["a", "b"], ["a", "b"], ["a", "b"]], payoffs: [[Rational]](
        repeating: Array(repeating: 0, count: 8), count: 3))
    #expect {
      _ = try LemkeHowson().solve(g3)
    } throws: { error in
      "\(error)" == "lcp(): the method applies to two-player games; this game has 3 players"
    }
    let g = NormalFormGame<Rational>(A: [[1, 0], [0, 1]], B: [[1, 0], [0, 1]])
    #expect(throws: SolverError.self) { _ = try LemkeHowson(initialLabel: 4).solve(g) }
    #expect(throws: SolverError.self) { _ = try LemkeHowson(initialLabel: -1).solve(g) }
  }
}
