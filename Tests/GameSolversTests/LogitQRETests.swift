// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import GameSolvers
import Testing
import _TestSupport

@Suite struct LogitQRETests {
  /// The n-player and two-player Gambit fixtures small enough for a debug-build test.
  static let fixtures = Fixtures.gambitNFG.map {
    String($0.path.dropFirst(Fixtures.repositoryRoot.path.count + 1))
  }.filter { !$0.hasSuffix("6x6_game_with_75_eq.nfg") }

  /// Every fixture: the exact limit has zero regret; the float one regret ≤ 1e-8 · range.
  @Test(arguments: fixtures)
  func limitIsAnEquilibrium(_ path: String) throws {
    let game = try GameFile.readNormalForm(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent(path))
    let exact = try LogitQRE().solve(game)
    let e = try #require(exact.equilibria.first, "\(path): \(exact.notes)")
    #expect(game.maxRegret(at: e) == 0)
    let floatGame = game.converted(to: Double.self)
    let f = try #require(try LogitQRE().solve(floatGame).equilibria.first)
    #expect(floatGame.maxRegret(at: f) <= 1e-8 * 100)
    // The exact polish lands on the float limit.
    for (x, y) in zip(e.probabilities.joined(), f.probabilities.joined()) {
      #expect(abs(x.doubleValue - y) < 1e-6, "\(path)")
    }
  }

  /// Gambit's `logit_solve` limits from SOURCE.md: Selten's horse and Figure 3 (through the
  /// reduced normal form), and the McKelvey-McLennan 2x2x2 game's branch limit.
  @Test func limitsMatchGambit() throws {
    let fig3 = try ReducedNormalForm(
      try gambitTree("catalog/journals/ijgt/selten1975/fig3.efg"))
    let r = try fig3.behaviorResult(try LogitQRE().solve(fig3.game))
    let e = try #require(r.equilibria.first)
    #expect(fig3.tree.expectedPayoffs(e) == [Rational(9, 4), Rational(72, 49), Rational(75, 49)])
    let horse = try ReducedNormalForm(
      try gambitTree("catalog/journals/ijgt/selten1975/fig1.efg"))
    let h = try #require(
      try horse.behaviorResult(try LogitQRE().solve(horse.game)).equilibria.first)
    #expect(horse.tree.expectedPayoffs(h) == [1, 1, 1])
  }

  /// At λ the profile satisfies the logit equations σᵢⱼ ∝ exp(λ·uᵢⱼ).
  @Test func pointAtLambdaSolvesTheLogitEquations() throws {
    let game = try GameFile.readNormalForm(
      contentsOf: Fixtures.gambit.appendingPathComponent("contrib/games/2x2x2.nfg"))
      .converted(to: Double.self)
    for lambda in [0.0, 0.5, 2, 10] {
      let point = try LogitQRE().point(at: lambda, of: game)
      #expect(point.lambda == lambda)
      for i in 0..<game.playerCount {
        let u = game.strategyValues(of: i, against: point.profile)
        let weights = u.map { exp(lambda * $0) }
        let total = weights.reduce(0, +)
        for (p, w) in zip(point.profile[i], weights) { #expect(abs(p - w / total) < 1e-9) }
      }
    }
    #expect(throws: SolverError.self) { try LogitQRE().point(at: -1, of: game) }
  }

  /// Seeded random 3-player and 4-player games: the limit verifies (exactly, or the run
  /// says why it could not be made exact).
  @Test func randomGamesReachVerifiedEquilibria() throws {
    var rng = SeededGenerator(seed: 42)
    for shape in [[3, 3, 3], [2, 2, 2, 2], [4, 3, 2]] {
      for _ in 0..<3 {
        let count = shape.reduce(1, *)
        let game = NormalFormGame<Rational>(
          players: shape.indices.map { "\($0 + 1)" },
          strategies: shape.map { m in (0..<m).map { "s\($0)" } },
          payoffs: shape.map { _ in
            (0..<count).map { _ in Rational(Int.random(in: 0...9, using: &rng)) }
          })
        let f = try LogitQRE().solve(game.converted(to: Double.self))
        let p = try #require(f.equilibria.first)
        #expect(game.converted(to: Double.self).maxRegret(at: p) <= 1e-7)
        let exact = try LogitQRE().solve(game)
        for e in exact.equilibria { #expect(game.maxRegret(at: e) == 0) }
      }
    }
  }

  @Test func polishSolvesTwoMixerSupportsExactly() throws {
    // Matching pennies perturbed: the unique equilibrium is (1/3, 2/3), (1/2, 1/2).
    let game = NormalFormGame<Rational>(A: [[2, 0], [0, 1]], B: [[0, 1], [1, 0]])
    let approx = MixedProfile<Double>([[0.4999, 0.5001], [0.3334, 0.6666]])
    let exact = try #require(EquilibriumPolish().exact(approx, in: game))
    #expect(exact.probabilities == [[Rational(1, 2), Rational(1, 2)],
      [Rational(1, 3), Rational(2, 3)]])
  }
}
