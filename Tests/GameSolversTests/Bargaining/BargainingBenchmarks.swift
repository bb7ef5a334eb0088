// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameSolvers
import Testing
import _TestSupport

/// Timings for the issue's performance table. Disabled unless PARLEY_BENCH is set; run with
/// `PARLEY_BENCH=1 swift test -c release --filter BargainingBenchmarks`. They print and
/// assert nothing about time.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["PARLEY_BENCH"] != nil))
struct BargainingBenchmarks {
  typealias Q = Rational

  func time<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
    let clock = ContinuousClock()
    var result: T?
    let elapsed = try clock.measure { result = try body() }
    print("BENCH \(label): \(elapsed)")
    return result!
  }

  @Test(arguments: [6, 20, 100])
  func baronFerejohnAsymmetricRecognition(n: Int) throws {
    var rng = SeededGenerator(seed: UInt64(n))
    let raw = (0..<n).map { _ in Int.random(in: 1...20, using: &rng) }
    let total = raw.reduce(0, +)
    let p = raw.map { Q($0, total) }
    let d = (0..<n).map { _ in Q(Int.random(in: 80...99, using: &rng), 100) }
    let q = n / 2 + 1
    let r = try time("baron-ferejohn n=\(n) q=\(q) exact") {
      try BaronFerejohn().solve(players: n, quota: q, discounts: d, recognition: p)
    }
    #expect(r.values.reduce(0, +) == 1)
    print("  mixed \(r.isMixed); \(r.notes.joined(separator: "; "))")
    _ = try time("baron-ferejohn n=\(n) q=\(q) double") {
      try BaronFerejohn().solve(
        players: n, quota: q, discounts: d.map(\.doubleValue), recognition: p.map(\.doubleValue))
    }
    let common = try time("baron-ferejohn n=\(n) q=\(q) common delta, equal recognition exact") {
      try BaronFerejohn().solve(players: n, quota: q, discounts: [Q(9, 10)])
    }
    #expect(common.values.allSatisfy { $0 == Q(1, n) })
  }

  @Test(arguments: [3, 6])
  func hullOfRandomDeals(dimension n: Int) throws {
    var rng = SeededGenerator(seed: UInt64(100 + n))
    let m = 100_000
    let deals: [[Q]] = (0..<m).map { _ in
      (0..<n).map { _ in Q(Int.random(in: 0...1000, using: &rng)) }
    }
    let d = [Q](repeating: 100, count: n)
    let p = try BargainingProblem<Q>(deals: deals, disagreement: d, lotteries: true)
    let nash = try time("nash hull m=\(m) n=\(n) exact") { try NashBargainingSolution().solve(p) }
    print("  nash: exact \(nash.isExact), \(nash.lottery.count) deals, \(nash.method)")
    let ks = try time("kalai-smorodinsky hull m=\(m) n=\(n) exact") {
      try KalaiSmorodinsky().solve(p)
    }
    print("  ks: \(ks.lottery.count) deals")
    let pd = try BargainingProblem<Double>(
      deals: deals.map { $0.map(\.doubleValue) }, disagreement: d.map(\.doubleValue),
      lotteries: true)
    _ = try time("nash hull m=\(m) n=\(n) double") { try NashBargainingSolution().solve(pd) }
    _ = try time("kalai-smorodinsky hull m=\(m) n=\(n) double") { try KalaiSmorodinsky().solve(pd) }
  }
}
