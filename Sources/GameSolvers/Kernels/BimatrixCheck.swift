// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
import GameCore

extension NormalFormGame {
  /// Whether `(x, y)` is a Nash equilibrium of this two-player game within `tolerance`: both
  /// are probability vectors and neither player gains more than `tolerance` by deviating.
  ///
  /// The same test as `isNashEquilibrium`, written for two players so that it is specialised
  /// in this module for `Rational` and `Double`:
  /// 1. check that each strategy is non-negative and sums to one;
  /// 2. compute the row player's payoff of every pure strategy against `y`, summing over
  ///    `y`'s support only, and the column player's against `x` likewise;
  /// 3. the regret of each player is its best pure payoff minus its mixed payoff.
  ///
  /// - Complexity: O(m·|supp y| + n·|supp x|) scalar operations.
  func isBimatrixEquilibrium(_ x: [S], _ y: [S], tolerance: S) -> Bool {
    let m = strategies[0].count, n = strategies[1].count
    guard playerCount == 2, x.count == m, y.count == n else { return false }
    func valid(_ v: [S]) -> Bool {
      var total = S.zero
      for p in v {
        if p < -tolerance { return false }
        total += p
      }
      return total.isClose(to: 1, tolerance: tolerance)
    }
    guard valid(x), valid(y) else { return false }
    let a = payoffs[0], b = payoffs[1]
    // Row player: u(i) = Σ_j y_j a[i + j·m].
    var rowValues = [S](repeating: .zero, count: m)
    for j in 0..<n where y[j] != .zero {
      let w = y[j]
      for i in 0..<m { rowValues[i] += w * a[i + j * m] }
    }
    var current = S.zero
    for i in 0..<m where x[i] != .zero { current += x[i] * rowValues[i] }
    guard let bestRow = rowValues.max(), bestRow - current <= tolerance else { return false }
    // Column player: v(j) = Σ_i x_i b[i + j·m].
    var colValues = [S](repeating: .zero, count: n)
    for j in 0..<n {
      var s = S.zero
      for i in 0..<m where x[i] != .zero { s += x[i] * b[i + j * m] }
      colValues[j] = s
    }
    current = .zero
    for j in 0..<n where y[j] != .zero { current += y[j] * colValues[j] }
    guard let bestCol = colValues.max() else { return false }
    return bestCol - current <= tolerance
  }
}

extension NormalFormGame where S == Rational {
  /// Whether `(x, y)` is exactly a Nash equilibrium of this two-player game, in integers.
  ///
  /// The same test as ``isBimatrixEquilibrium(_:_:tolerance:)`` with zero tolerance, but
  /// without rational sums: each strategy is written as integers over a common denominator,
  /// and each player's payoffs against the opponent's support are scaled by the lcm of their
  /// denominators, so every pure strategy's payoff becomes an integer `U_s` (up to one positive
  /// factor) and the profile is an equilibrium exactly when every strategy in the support
  /// attains `max U` (its regret `max U − Σ x_s U_s` is then zero).
  ///
  /// - Complexity: O(m·|supp y| + n·|supp x|) integer multiply-adds.
  func isBimatrixEquilibriumExactly(_ x: [Rational], _ y: [Rational]) -> Bool {
    let m = strategies[0].count, n = strategies[1].count
    guard playerCount == 2, x.count == m, y.count == n else { return false }
    func valid(_ v: [Rational]) -> Bool {
      var total = Rational.zero
      for p in v where !p.isZero {
        if p.signum < 0 { return false }
        total += p
      }
      return total == 1
    }
    guard valid(x), valid(y) else { return false }
    func lcm(_ values: [BigInt]) -> BigInt {
      var l = BigInt(1)
      for d in values where d != 1 {
        l = l / BigInt(l.magnitude.greatestCommonDivisor(with: d.magnitude)) * d
      }
      return l
    }
    /// The integer payoffs `U_s` of `own` strategies against `other` (a mixed strategy),
    /// with `payoff(s, t)` the payoff of own strategy s against the other's t.
    func values(ownCount: Int, other: [Rational], payoff: (Int, Int) -> Rational) -> [BigInt] {
      let supp = other.indices.filter { !other[$0].isZero }
      let dOther = lcm(supp.map { other[$0].denominator })
      let weights = supp.map { other[$0].numerator * (dOther / other[$0].denominator) }
      var dens = [BigInt]()
      for t in supp { for s in 0..<ownCount { dens.append(payoff(s, t).denominator) } }
      let scale = lcm(dens)
      return (0..<ownCount).map { s in
        var total = BigInt(0)
        for (u, t) in supp.enumerated() {
          let v = payoff(s, t)
          let integral = v.denominator == 1 ? v.numerator * scale
            : v.numerator * (scale / v.denominator)
          total += integral * weights[u]
        }
        return total
      }
    }
    let a = payoffs[0], b = payoffs[1]
    let rowValues = values(ownCount: m, other: y) { i, j in a[i + j * m] }
    guard let bestRow = rowValues.max(),
      x.indices.allSatisfy({ x[$0].isZero || rowValues[$0] == bestRow })
    else { return false }
    let colValues = values(ownCount: n, other: x) { j, i in b[i + j * m] }
    guard let bestCol = colValues.max() else { return false }
    return y.indices.allSatisfy { y[$0].isZero || colValues[$0] == bestCol }
  }
}
