// SPDX-License-Identifier: GPL-3.0-or-later

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
