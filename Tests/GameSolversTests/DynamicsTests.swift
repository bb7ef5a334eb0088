// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Foundation
import Testing

@Suite struct DynamicsTests {
  static let pd = NormalFormGame<Rational>(A: [[3, 0], [5, 1]], B: [[3, 5], [0, 1]])
  static let pennies = NormalFormGame<Rational>(A: [[1, -1], [-1, 1]], B: [[-1, 1], [1, -1]])
  static let rps = NormalFormGame<Rational>(
    A: [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], B: [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])

  /// Replicator dynamics: in the prisoners' dilemma the dominated strategy dies out.
  @Test func replicatorEliminatesDominatedStrategies() throws {
    let r = try ReplicatorDynamics(horizon: 60, samples: 6).solve(Self.pd.converted(to: Double.self))
    #expect(r.final.probabilities[0][1] > 0.999_999)
    #expect(r.final.probabilities[1][1] > 0.999_999)
    #expect(r.endsAtEquilibrium)
    #expect(r.path.count == 7)
  }

  /// Matching pennies: the two-population replicator dynamic orbits the equilibrium, keeping
  /// H = x(1 − x) y(1 − y)… in log form, log x + log(1 − x) + log y + log(1 − y), constant
  /// (Hofbauer & Sigmund 1998, §10.2). The integrator must keep it, and the dynamic never
  /// reaches the equilibrium from outside.
  @Test func replicatorOrbitsInMatchingPennies() throws {
    let start = MixedProfile<Double>([[0.7, 0.3], [0.4, 0.6]])
    let r = try ReplicatorDynamics(horizon: 30, samples: 30).solve(
      Self.pennies.converted(to: Double.self), from: start)
    func h(_ p: MixedProfile<Double>) -> Double {
      let x = p.probabilities[0][0], y = p.probabilities[1][0]
      return log(x) + log(1 - x) + log(y) + log(1 - y)
    }
    for state in r.path { #expect(abs(h(state) - h(start)) < 1e-6) }
    #expect(!r.endsAtEquilibrium)
    #expect(throws: SolverError.self) {
      try ReplicatorDynamics().solve(Self.pennies.converted(to: Double.self),
        from: MixedProfile([[0.5, 0.6], [0.5, 0.5]]))
    }
  }

  /// Fictitious play, exactly: from the equilibrium of the prisoners' dilemma it stays there
  /// (regret exactly 0); in zero-sum games the empirical regret shrinks (Robinson 1951).
  @Test func fictitiousPlay() throws {
    let stay = try FictitiousPlay(rounds: 50).solve(Self.pd, from: [1, 1])
    #expect(stay.finalRegret == 0)
    #expect(stay.endsAtEquilibrium)
    #expect(stay.isExact)
    let short = try FictitiousPlay(rounds: 100).solve(Self.rps)
    let long = try FictitiousPlay(rounds: 3000).solve(Self.rps)
    #expect(long.finalRegret < short.finalRegret)
    #expect(long.finalRegret < Rational(1, 10))
    // Every recorded state is a profile of empirical frequencies with denominator t.
    for (t, state) in zip(long.times, long.path) {
      for row in state.probabilities {
        #expect(row.reduce(0, +) == 1)
        #expect(row.allSatisfy { ($0 * t).isInteger })
      }
    }
    let pennies = try FictitiousPlay(rounds: 2000).solve(Self.pennies)
    #expect(pennies.finalRegret < Rational(1, 10))
    #expect(throws: SolverError.self) { try FictitiousPlay(rounds: 0).solve(Self.pd) }
    #expect(throws: SolverError.self) { try FictitiousPlay().solve(Self.pd, from: [2, 0]) }
  }
}
