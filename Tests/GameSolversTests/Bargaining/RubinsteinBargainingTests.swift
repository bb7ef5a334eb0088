// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameSolvers
import Testing

@Suite struct RubinsteinBargainingTests {
  typealias Q = Rational

  /// Osborne and Rubinstein (1994), Proposition 122.1: the first proposer gets
  /// (1 − δ₂)/(1 − δ₁δ₂); with a common δ, 1/(1 + δ).
  @Test func infiniteHorizonClosedForm() throws {
    let r = try RubinsteinBargaining().solve(discounts: [Q(9, 10), Q(4, 5)])
    #expect(r.shares == [Q(1, 5) / Q(7, 25), 1 - Q(1, 5) / Q(7, 25)])
    #expect(r.shares == [Q(5, 7), Q(2, 7)])
    let common = try RubinsteinBargaining().solve(discounts: [Q(2, 3), Q(2, 3)], firstProposer: 1)
    #expect(common.shares == [Q(2, 5), Q(3, 5)])
    #expect(common.isExact)
  }

  /// Backward induction for horizon T converges to the infinite-horizon split
  /// (Osborne and Rubinstein 1990, §3.10); one round gives the proposer everything.
  @Test func finiteHorizonConvergesToInfinite() throws {
    let d: [Q] = [Q(9, 10), Q(4, 5)]
    let limit = try RubinsteinBargaining().solve(discounts: d).shares[0]
    #expect(try RubinsteinBargaining().solve(discounts: d, horizon: 1).shares == [1, 0])
    #expect(
      try RubinsteinBargaining().solve(discounts: d, horizon: 2).shares == [Q(1, 5), Q(4, 5)])
    var previous = Q(1)
    for T in stride(from: 3, through: 41, by: 2) {
      let x = try RubinsteinBargaining().solve(discounts: d, horizon: T).shares[0]
      let error = (x - limit).magnitude
      #expect(error < (previous - limit).magnitude)
      previous = x
    }
    #expect((previous - limit).magnitude < Q(1, 100))
    // With δ = 1 the finite game still has a unique equilibrium: the last proposer wins.
    #expect(try RubinsteinBargaining().solve(discounts: [1, 1], horizon: 4).shares == [0, 1])
  }

  /// Binmore, Rubinstein and Wolinsky (1986): as the period shrinks the split tends to the
  /// asymmetric Nash solution with weights 1/rᵢ.
  @Test func continuousTimeLimitIsAsymmetricNash() throws {
    let rates: [Q] = [Q(1, 20), Q(1, 10)]
    let limit = try RubinsteinBargaining().continuousTimeLimit(rates: rates)
    #expect(limit.shares == [Q(2, 3), Q(1, 3)])
    let pie = try BargainingProblem<Q>(
      deals: [[1, 0], [0, 1]], disagreement: [0, 0], lotteries: true)
    let nash = try NashBargainingSolution().solve(pie, weights: rates.map { 1 / $0 })
    #expect(nash.point == limit.shares)
    let dt = 1e-4
    let near = try RubinsteinBargaining().solve(
      discounts: rates.map { exp(-$0.doubleValue * dt) })
    #expect(abs(near.shares[0] - 2.0 / 3) < 1e-4)
  }

  @Test func badInput() {
    #expect(throws: SolverError.self) {
      try RubinsteinBargaining().solve(discounts: [Q(0), Q(1, 2)])
    }
    #expect(throws: SolverError.self) {
      try RubinsteinBargaining().solve(discounts: [Q(3, 2), Q(1, 2)])
    }
    #expect(throws: SolverError.self) { try RubinsteinBargaining().solve(discounts: [Q(1), Q(1)]) }
    #expect(throws: SolverError.self) {
      try RubinsteinBargaining().solve(discounts: [Q(1, 2), Q(1, 2)], firstProposer: 2)
    }
    #expect(throws: SolverError.self) {
      try RubinsteinBargaining().solve(discounts: [Q(1, 2), Q(1, 2)], horizon: 0)
    }
    #expect(throws: SolverError.self) {
      try RubinsteinBargaining().continuousTimeLimit(rates: [Q(0), Q(1)])
    }
  }
}
