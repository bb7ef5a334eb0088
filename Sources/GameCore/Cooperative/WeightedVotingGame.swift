// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt

/// A weighted voting game `[q; w₁, …, wₙ]`, or the intersection of several (a coalition wins
/// when it wins in every layer).
///
/// A coalition `S` wins layer `[q; w]` when `Σ_{i∈S} wᵢ ≥ q`. Several layers model councils
/// with vetoes or double majorities: the UN Security Council is `[39; 7,7,7,7,7,1,…,1]` as one
/// layer, or `[9; 1,…,1] ∧ [5; 1,1,1,1,1,0,…,0]` as two (Taylor and Zwicker, *Simple Games*,
/// 1999, §1.2 and §1.7). Weights and quotas are non-negative integers; rational input is
/// scaled by its common denominator (``init(quota:weights:)`` with `Rational`s).
public struct WeightedVotingGame: Sendable, Hashable {
  /// One weighted majority game `[quota; weights]`.
  public struct Layer: Sendable, Hashable {
    /// The least total weight that wins.
    public var quota: Int
    /// One weight per player.
    public var weights: [Int]
    /// `Σ wᵢ`.
    public var totalWeight: Int { weights.reduce(0, +) }
  }

  /// The layers; a coalition wins when it wins all of them.
  public private(set) var layers: [Layer]
  /// Player names, for reports.
  public var playerNames: [String]

  /// The number of players.
  public var playerCount: Int { layers[0].weights.count }

  /// `[quota; weights]` with integer data.
  ///
  /// - Throws: ``SolverError`` when there are no players, the quota is not positive, a
  ///   weight is negative, the total weight overflows, or the quota exceeds the total weight
  ///   (no coalition could win).
  public init(quota: Int, weights: [Int]) throws(SolverError) {
    try self.init(layers: [(quota, weights)])
  }

  /// `[quota; weights]` with rational data, scaled to integers by the common denominator.
  ///
  /// - Throws: as ``init(quota:weights:)``, and when the scaled values overflow `Int`.
  public init(quota: Rational, weights: [Rational]) throws(SolverError) {
    try self.init(layers: [try Self.scaled(quota, weights)])
  }

  /// The intersection of several weighted games over the same players.
  ///
  /// - Throws: ``SolverError`` as ``init(quota:weights:)`` for each layer, and when the
  ///   layers disagree on the number of players.
  public init(layers: [(quota: Int, weights: [Int])]) throws(SolverError) {
    guard let n = layers.first?.weights.count, n > 0 else {
      throw .invalidArgument("weighted voting", "a weighted voting game needs players")
    }
    var out: [Layer] = []
    for (k, layer) in layers.enumerated() {
      let name = layers.count > 1 ? "layer \(k + 1): " : ""
      guard layer.weights.count == n else {
        throw .invalidArgument(
          "weighted voting",
          "\(name)\(layer.weights.count) weights, but the first layer has \(n)")
      }
      guard layer.quota > 0 else {
        throw .invalidArgument(
          "weighted voting", "\(name)the quota must be positive, got \(layer.quota)")
      }
      if let i = layer.weights.firstIndex(where: { $0 < 0 }) {
        throw .invalidArgument(
          "weighted voting",
          "\(name)weights must be non-negative; player \(i + 1) has \(layer.weights[i])")
      }
      var total = 0
      for w in layer.weights {
        let (t, o) = total.addingReportingOverflow(w)
        if o { throw .limitExceeded("weighted voting", "\(name)the total weight overflows") }
        total = t
      }
      guard layer.quota <= total else {
        throw .invalidArgument(
          "weighted voting",
          "\(name)the quota \(layer.quota) exceeds the total weight \(total): no coalition wins")
      }
      out.append(Layer(quota: layer.quota, weights: layer.weights))
    }
    self.layers = out
    self.playerNames = (1...n).map(String.init)
  }

  /// Whether `coalition` wins every layer.
  public func isWinning(_ coalition: Coalition) -> Bool {
    layers.allSatisfy { layer in
      var s = 0, m = coalition.mask
      while m != 0 {
        s += layer.weights[m.trailingZeroBitCount]
        m &= m - 1
      }
      return s >= layer.quota
    }
  }

  /// The simple game `v(S) = 1` if `S` wins, else `0`.
  ///
  /// - Throws: ``SolverError`` when there are more than ``CoalitionalGame/maxPlayers``
  ///   players (checked before allocating).
  /// - Complexity: O(L · 2ⁿ) for `L` layers (coalition weights built incrementally).
  public func characteristicFunction<S: GameScalar>(
    _: S.Type = S.self
  ) throws(SolverError) -> CoalitionalGame<S> {
    let n = playerCount
    try CoalitionalGame<S>.checkSize(n)
    var wins = [Bool](repeating: true, count: 1 << n)
    wins[0] = false
    var sums = [Int](repeating: 0, count: 1 << n)
    for layer in layers {
      for m in 1..<(1 << n) {
        let low = m & -m
        sums[m] = sums[m & ~low] + layer.weights[low.trailingZeroBitCount]
        if sums[m] < layer.quota { wins[m] = false }
      }
    }
    var g = try CoalitionalGame<S>(playerCount: n) { wins[Int($0.mask)] ? 1 : 0 }
    g.playerNames = playerNames
    return g
  }

  /// `"[39; 7,7,7,…]"`, layers joined by ` ∧ `.
  public var notation: String {
    layers.map { "[\($0.quota); " + $0.weights.map(String.init).joined(separator: ",") + "]" }
      .joined(separator: " ∧ ")
  }

  private static func scaled(_ quota: Rational, _ weights: [Rational]) throws(SolverError)
    -> (quota: Int, weights: [Int])
  {
    var lcm = Rational(1).denominator
    for x in weights + [quota] {
      let d = x.denominator
      lcm = lcm / lcm.greatestCommonDivisor(with: d) * d
    }
    func scale(_ x: Rational) throws(SolverError) -> Int {
      let v = x.numerator * (lcm / x.denominator)
      guard let i = Int(exactly: v) else {
        throw .limitExceeded("weighted voting", "scaled weights overflow Int")
      }
      return i
    }
    var w: [Int] = []
    for x in weights { w.append(try scale(x)) }
    return (try scale(quota), w)
  }
}
