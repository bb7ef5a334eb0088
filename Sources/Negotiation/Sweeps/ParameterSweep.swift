// SPDX-License-Identifier: GPL-3.0-or-later

import Dispatch
public import GameCore
import Synchronization

/// A one-parameter sweep: the exact grid of points, its shards, and a parallel map over the
/// points whose results come back in point order.
///
/// The grid is `from, from + step, from + 2·step, …` up to and including `to` when it falls
/// on the grid (exact rational steps, so `0.9` to `0.99` in steps of `0.01` has ten points,
/// never nine or eleven). Shard `k` of `n` (1-based `k`) holds the points `i` with
/// `i mod n = k − 1`, so the shards' rows, merged in point order, are the whole table.
public struct ParameterSweep: Sendable, Hashable {
  /// The most points a sweep may have.
  public static let maxPoints = 10_000

  /// The points, in increasing order.
  public let points: [Rational]

  /// The grid from `from` to `to` in steps of `step`.
  ///
  /// - Complexity: O(points).
  /// - Throws: `SolverError.invalidArgument` when `step ≤ 0`, `to < from`, or the grid has
  ///   more than `maxPoints` points.
  public init(from: Rational, to: Rational, step: Rational) throws(SolverError) {
    guard step > 0 else {
      throw .invalidArgument("sweep", "the step must be positive, found \(step)")
    }
    guard to >= from else {
      throw .invalidArgument("sweep", "'to' (\(to)) is below 'from' (\(from))")
    }
    guard (to - from) / step < Rational(Self.maxPoints) else {
      throw .invalidArgument(
        "sweep",
        "the grid has more than \(Self.maxPoints) points; take a larger step")
    }
    var count = 0
    while from + Rational(count) * step <= to { count += 1 }
    points = (0..<count).map { from + Rational($0) * step }
  }

  /// The indices of the points in shard `k` of `n` (`1 ≤ k ≤ n`): those `i` with
  /// `i mod n = k − 1`.
  public func indices(shard k: Int, of n: Int) -> [Int] {
    precondition(n >= 1 && (1...n).contains(k), "ParameterSweep: shard \(k) of \(n)")
    return points.indices.filter { $0 % n == k - 1 }
  }

  /// `body` applied to each of `indices`, run in parallel on every core
  /// (`DispatchQueue.concurrentPerform`); the results are in the order of `indices`.
  ///
  /// - Complexity: the sum of the bodies' costs, divided among the cores.
  public static func map<T: Sendable>(
    _ indices: [Int], _ body: @Sendable (Int) -> T
  ) -> [T] {
    let results = Mutex([T?](repeating: nil, count: indices.count))
    DispatchQueue.concurrentPerform(iterations: indices.count) { j in
      let value = body(indices[j])
      results.withLock { $0[j] = value }
    }
    return results.withLock { $0.map { $0! } }
  }
}
