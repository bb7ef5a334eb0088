// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct ShapleyValueTests {
  /// The glove game: φ = (2/3, 1/6, 1/6) (Maschler, Solan & Zamir 2013, Example 18.6).
  @Test func gloveGame() throws {
    let r = try ShapleyValue().solve(Coop.glove)
    #expect(r.allocation == [Rational(2, 3), Rational(1, 6), Rational(1, 6)])
    #expect(r.method == "shapley" && r.isExact)
  }

  /// The airport game with runway costs 6, 12, 24 (Littlechild & Owen 1973): each segment's
  /// cost is shared equally by the planes that use it, φ = (2, 5, 17) for the cost game.
  @Test func airportGame() throws {
    let cost = [6, 12, 24]
    let game = try CoalitionalGame<Rational>(playerCount: 3) { c in
      Rational(c.members.map { cost[$0] }.max() ?? 0)
    }
    #expect(try ShapleyValue().solve(game).allocation == [2, 5, 17].map { Rational($0) })
  }

  @Test func axiomsOnRandomGames() throws {
    var g = SeededGenerator(seed: 11)
    for _ in 0..<20 {
      let n = Int.random(in: 2...6, using: &g)
      let v = Coop.random(n, using: &g)
      let w = Coop.random(n, using: &g)
      let phi = try ShapleyValue().solve(v).allocation
      // Efficiency.
      #expect(phi.reduce(Rational(0), +) == v.grandWorth)
      // Additivity.
      let sum = try CoalitionalGame<Rational>(playerCount: n) { v.worth(of: $0) + w.worth(of: $0) }
      let psi = try ShapleyValue().solve(w).allocation
      #expect(try ShapleyValue().solve(sum).allocation == zip(phi, psi).map { $0 + $1 })
      // Symmetry (anonymity): relabelling players relabels the value.
      let perm = Array(0..<n).shuffled(using: &g)
      let moved = try ShapleyValue().solve(Coop.permuted(v, perm)).allocation
      #expect(moved == perm.map { phi[$0] })
      // Null player: a new player who adds nothing gets 0, the others keep their values.
      let bigger = try CoalitionalGame<Rational>(playerCount: n + 1) {
        v.worth(of: $0.removing(n))
      }
      #expect(try ShapleyValue().solve(bigger).allocation == phi + [0])
    }
  }

  @Test func doubleArithmeticAgreesWithExact() throws {
    var g = SeededGenerator(seed: 3)
    let v = Coop.random(5, using: &g)
    let exact = try ShapleyValue().solve(v).allocation
    let float = try ShapleyValue().solve(v.converted(to: Double.self))
    #expect(!float.isExact)
    for (a, b) in zip(exact, float.allocation) { #expect(abs(a.doubleValue - b) < 1e-9) }
  }

  /// The Monte Carlo interval covers the exact value, and a seed reproduces the estimate.
  @Test func monteCarloCoversTheExactValue() throws {
    let wvg = PowerIndexTests.council
    let exact = try WeightedVotingPower().shapleyShubik(wvg).allocation
    let mc = ShapleyMonteCarlo(samples: 4000, seed: 42)
    let r = try mc.solve(playerCount: 15) { wvg.isWinning($0) ? 1 : 0 }
    let again = try mc.solve(playerCount: 15) { wvg.isWinning($0) ? 1 : 0 }
    #expect(r.allocation == again.allocation)
    let half = try #require(r.halfWidths)
    var covered = 0
    for i in 0..<15 where abs(r.allocation[i] - exact[i].doubleValue) <= half[i] { covered += 1 }
    #expect(covered >= 13)  // 95% intervals: most of the 15 cover
    #expect(abs(r.allocation.reduce(0, +) - 1) < 1e-9)
    #expect(throws: SolverError.self) { try ShapleyMonteCarlo(samples: 1).solve(Coop.glove) }
  }
}

extension ShapleyValueTests {
  /// The pivot sampler for weighted games agrees with the exact index within its intervals,
  /// also for a game with vetoes given as two layers, and is reproducible.
  @Test func weightedMonteCarloCoversTheExactIndex() throws {
    for game in [PowerIndexTests.council, PowerIndexTests.councilWithVetoes] {
      let exact = try WeightedVotingPower().shapleyShubik(game).allocation
      let r = try ShapleyMonteCarlo(samples: 5000, seed: 3).solve(game)
      #expect(
        r.allocation == (try ShapleyMonteCarlo(samples: 5000, seed: 3).solve(game)).allocation)
      let half = try #require(r.halfWidths)
      var covered = 0
      for i in 0..<15 where abs(r.allocation[i] - exact[i].doubleValue) <= half[i] + 1e-12 {
        covered += 1
      }
      #expect(covered >= 13)
      #expect(abs(r.allocation.reduce(0, +) - 1) < 1e-9)
    }
  }
}
