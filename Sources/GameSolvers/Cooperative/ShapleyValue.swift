// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// The Shapley value of a TU game, by enumeration of all coalitions.
///
/// `φᵢ = Σ_{S ⊆ N∖{i}} |S|!(n−|S|−1)!/n! · (v(S∪{i}) − v(S))` (Shapley 1953; Maschler, Solan
/// and Zamir, *Game Theory*, 2013, §18.3, eq. 18.16). Steps:
/// 1. For every coalition `S` add `v(S)` to `A[i][|S|]` for each member `i`, and to the
///    size total `T[|S|]`.
/// 2. `φᵢ = Σₖ wₖ₋₁ A[i][k] − Σₖ wₖ (T[k] − A[i][k])` with `wₖ = k!(n−k−1)!/n!`, since a
///    coalition containing `i` enters with weight `w_{|S|−1}` and one without it with
///    `−w_{|S|}`.
/// 3. Verify efficiency, `Σ φᵢ = v(N)` (exactly over `Rational`).
///
/// For a simple game this is the Shapley–Shubik index (Shapley and Shubik 1954).
/// - Complexity: O(n · 2ⁿ) additions and O(n²) multiplications.
public struct ShapleyValue: Sendable {
  public init() {}

  /// The Shapley value of `game`.
  ///
  /// - Throws: ``SolverError`` when cancelled, or if the efficiency check fails (an
  ///   internal error).
  public func solve<S: GameScalar>(
    _ game: CoalitionalGame<S>, control: SolverControl = .none
  ) throws(SolverError) -> AllocationResult<S> {
    let n = game.playerCount
    var a = [[S]](repeating: [S](repeating: .zero, count: n + 1), count: n)
    var t = [S](repeating: .zero, count: n + 1)
    for m in 1...game.grandMask {
      if m & 0xFFFF == 0, let stop = control.stopReason() {
        throw .cancelled("shapley (\(stop))")
      }
      let v = game[m]
      if v == .zero { continue }
      let k = m.nonzeroBitCount
      t[k] += v
      var bits = m
      while bits != 0 {
        a[bits.trailingZeroBitCount][k] += v
        bits &= bits - 1
      }
    }
    let w = Self.weights(n, S.self)
    var phi = [S](repeating: .zero, count: n)
    for i in 0..<n {
      var x = S.zero
      for k in 1...n { x += w[k - 1] * a[i][k] }
      for k in 0..<n { x -= w[k] * (t[k] - a[i][k]) }
      phi[i] = x
    }
    try Self.verifyEfficiency(phi, game, method: "shapley")
    return AllocationResult(
      allocations: [phi], method: "shapley", parameters: ["algorithm": "enumeration"])
  }

  /// `w[k] = k!(n−k−1)!/n!` for `k` in `0..<n`.
  static func weights<S: GameScalar>(_ n: Int, _: S.Type) -> [S] {
    // w[0] = 1/n; w[k+1] = w[k] · (k+1)/(n−k−1).
    var w = [Rational](repeating: 0, count: n)
    w[0] = Rational(1, n)
    if n > 1 { for k in 0..<(n - 1) { w[k + 1] = w[k] * Rational(k + 1, n - k - 1) } }
    return w.map { S($0) }
  }

  /// Checks `Σ xᵢ = v(N)` (within the default tolerance, scaled by `n` for `Double`).
  static func verifyEfficiency<S: GameScalar>(
    _ x: [S], _ game: CoalitionalGame<S>, method: String
  ) throws(SolverError) {
    let sum = x.reduce(S.zero, +)
    let scale =
      S(Rational(game.playerCount))
      * (game.grandWorth < .zero
        ? -game.grandWorth
        : game.grandWorth + 1)
    guard sum.isClose(to: game.grandWorth, tolerance: S.defaultTolerance * scale) else {
      throw .numerical(
        method, "the allocation is not efficient: sum \(sum) ≠ v(N) \(game.grandWorth)")
    }
  }
}
