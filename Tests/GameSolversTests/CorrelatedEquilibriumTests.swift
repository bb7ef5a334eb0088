// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct CorrelatedEquilibriumTests {
  /// Aumann's game of chicken: the welfare-maximising correlated equilibrium puts 1/2 on
  /// (C, C) and 1/4 on each of (C, D), (D, C); each player expects 21/4, more than the
  /// symmetric mixed Nash equilibrium's 14/3.
  @Test func chicken() throws {
    let game = NormalFormGame<Rational>(A: [[6, 2], [7, 0]], B: [[6, 7], [2, 0]])
    let best = try CorrelatedEquilibrium().solve(game)
    #expect(best.payoffs == [Rational(21, 4), Rational(21, 4)])
    #expect(best.objectiveValue == Rational(21, 2))
    #expect(best.maxIncentiveViolation == 0)
    let cc = game.profileIndex([0, 0]), cd = game.profileIndex([0, 1])
    let dc = game.profileIndex([1, 0]), dd = game.profileIndex([1, 1])
    #expect(best.distribution[cc] == Rational(1, 2))
    #expect(best.distribution[cd] == Rational(1, 4))
    #expect(best.distribution[dc] == Rational(1, 4))
    #expect(best.distribution[dd] == 0)
    // The worst correlated equilibrium for the row player is the pure equilibrium (C, D).
    let worst = try CorrelatedEquilibrium(objective: .minimize(player: 0)).solve(game)
    #expect(worst.payoffs[0] == 2)
  }

  /// Every Nash equilibrium is a correlated equilibrium, so the welfare-maximising CE is at
  /// least as good as any Nash equilibrium, and player 1's payoff at every Nash equilibrium
  /// lies between its least and greatest correlated-equilibrium payoffs.
  @Test func dominatesNashOnRandomGames() throws {
    var generator = SeededGenerator(seed: 31)
    for _ in 0..<15 {
      let m = 2 + Int(generator.next() % 3), n = 2 + Int(generator.next() % 3)
      func matrix() -> [[Rational]] {
        (0..<m).map { _ in (0..<n).map { _ in Rational(Int(generator.next() % 10)) } }
      }
      let game = NormalFormGame<Rational>(A: matrix(), B: matrix())
      let ce = try CorrelatedEquilibrium().solve(game)
      #expect(ce.maxIncentiveViolation == 0)
      #expect(ce.distribution.reduce(0, +) == 1)
      let nash = try VertexEnumeration().solve(game).equilibria
      for eq in nash {
        let welfare = (0..<2).reduce(Rational(0)) { $0 + game.payoff(to: $1, at: eq) }
        #expect(ce.objectiveValue >= welfare)
      }
      let low = try CorrelatedEquilibrium(objective: .minimize(player: 0)).solve(game)
      let high = try CorrelatedEquilibrium(objective: .maximize(player: 0)).solve(game)
      for eq in nash {
        let u = game.payoff(to: 0, at: eq)
        #expect(low.payoffs[0] <= u && u <= high.payoffs[0])
      }
    }
  }

  /// A three-player game and bad arguments.
  @Test func threePlayersAndErrors() throws {
    var generator = SeededGenerator(seed: 5)
    let payoffs = (0..<3).map { _ in (0..<8).map { _ in Rational(Int(generator.next() % 7)) } }
    let game = NormalFormGame<Rational>(
      players: ["a", "b", "c"], strategies: [["x", "y"], ["x", "y"], ["x", "y"]],
      payoffs: payoffs)
    let ce = try CorrelatedEquilibrium().solve(game)
    #expect(ce.maxIncentiveViolation == 0)
    #expect(throws: SolverError.self) {
      try CorrelatedEquilibrium(objective: .maximize(player: 3)).solve(game)
    }
    #expect(throws: SolverError.self) { try CorrelatedEquilibrium(maxProfiles: 4).solve(game) }
  }
}
