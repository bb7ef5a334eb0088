// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct BaronFerejohnTests {
  typealias Q = Rational

  /// Baron and Ferejohn (1989), closed rule, equal recognition, common δ: each value is 1/n,
  /// the proposer keeps 1 − δ(q − 1)/n and offers δ/n (their Proposition 2 for majority rule;
  /// the same argument for any quota).
  @Test(arguments: [(3, 2), (5, 3), (5, 5), (6, 4), (7, 4)])
  func equalRecognitionMatchesTheClosedForm(n: Int, q: Int) throws {
    let delta = Q(4, 5)
    let r = try BaronFerejohn().solve(players: n, quota: q, discounts: [delta])
    let closed = BaronFerejohn.symmetricClosedForm(players: n, quota: q, discount: delta)
    #expect(r.isExact)
    #expect(r.values.allSatisfy { $0 == closed.value })
    #expect(r.proposerShares.allSatisfy { $0 == closed.proposerShare })
    #expect(r.acceptanceThresholds.allSatisfy { $0 == closed.offer })
    #expect(r.inclusionProbabilities.allSatisfy { $0.reduce(0, +) == Q(q - 1) })
  }

  /// Unanimity with individual δ: cⱼ = pⱼδⱼ/(1 − δⱼ)·(1 − C) and C = K/(1 + K) with
  /// K = Σ pⱼδⱼ/(1 − δⱼ) (solve the value equations with everyone always bought).
  @Test func unanimityClosedForm() throws {
    let p: [Q] = [Q(1, 2), Q(1, 3), Q(1, 6)]
    let d: [Q] = [Q(9, 10), Q(1, 2), Q(2, 3)]
    let r = try BaronFerejohn().solve(players: 3, quota: 3, discounts: d, recognition: p)
    let kappa = (0..<3).map { p[$0] * d[$0] / (1 - d[$0]) }
    let K = kappa.reduce(0, +)
    let expected = (0..<3).map { kappa[$0] / (1 + K) }
    #expect(r.acceptanceThresholds == expected)
    #expect(r.values.reduce(0, +) == 1)
  }

  /// Asymmetric recognition with individual δ: exact, verified, and agreeing with `Double`.
  @Test func asymmetricRecognitionExactAndFloat() throws {
    let p: [Q] = [Q(2, 5), Q(1, 4), Q(1, 5), Q(1, 10), Q(1, 20)]
    let d: [Q] = [Q(9, 10), Q(4, 5), Q(19, 20), Q(7, 10), Q(1, 1)]
    let r = try BaronFerejohn().solve(players: 5, quota: 3, discounts: d, recognition: p)
    #expect(r.isExact)
    #expect(r.values.reduce(0, +) == 1)
    let f = try BaronFerejohn().solve(
      players: 5, quota: 3, discounts: d.map(\.doubleValue), recognition: p.map(\.doubleValue))
    for j in 0..<5 { #expect(abs(f.values[j] - r.values[j].doubleValue) < 1e-7) }
  }

  /// Random rational instances: the exact solver always verifies and the payoffs sum to one.
  @Test func randomInstancesVerify() throws {
    var rng = SeededGenerator(seed: 2002)
    for _ in 0..<20 {
      let n = Int.random(in: 3...7, using: &rng)
      let q = Int.random(in: (n / 2 + 1)...n, using: &rng)
      let raw = (0..<n).map { _ in Int.random(in: 1...9, using: &rng) }
      let p = raw.map { Q($0, raw.reduce(0, +)) }
      let d = (0..<n).map { _ in Q(Int.random(in: 5...10, using: &rng), 10) }
      let r = try BaronFerejohn().solve(players: n, quota: q, discounts: d, recognition: p)
      #expect(r.values.reduce(0, +) == 1)
      #expect(r.inclusionProbabilities.allSatisfy { $0.reduce(0, +) == Q(q - 1) })
    }
  }

  @Test func badInputIsRejected() {
    #expect(throws: SolverError.self) {
      try BaronFerejohn().solve(players: 3, quota: 2, discounts: [Q(3, 2)])
    }
    #expect(throws: SolverError.self) {
      try BaronFerejohn().solve(players: 3, quota: 2, discounts: [Q(0)])
    }
    #expect(throws: SolverError.self) {
      try BaronFerejohn().solve(
        players: 3, quota: 2, discounts: [Q(1, 2)], recognition: [Q(1, 2), Q(1, 2), Q(1, 2)])
    }
    #expect(throws: SolverError.self) {
      try BaronFerejohn().solve(players: 3, quota: 4, discounts: [Q(1, 2)])
    }
  }
}
