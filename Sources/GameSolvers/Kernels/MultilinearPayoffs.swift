// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// First derivatives of an n-player game's expected payoffs at a mixed profile, in `Double`:
/// the shared kernel of the logit path follower and the equilibrium polisher.
///
/// `values[i][j] = u_i(j, σ₋ᵢ)` and, for `k ≠ i`,
/// `cross[i][j][k][l] = ∂u_i(j, σ₋ᵢ)/∂σ_kl = u_i(j, l, σ₋ᵢₖ)` (zero for `k = i`). One pass
/// over the pure profiles accumulates both.
///
/// - Complexity: O(profiles × n³) time (n players), O((Σ mᵢ)²) memory.
struct MultilinearPayoffs {
  let offsets: [Int]
  let total: Int
  /// `values[offset(i) + j]`.
  var values: [Double]
  /// `cross[(offset(i) + j) * total + offset(k) + l]`.
  var cross: [Double]

  init(_ game: NormalFormGame<Double>, at sigma: [[Double]]) {
    let n = game.playerCount
    let shape = game.shape
    var offsets = [Int](), t = 0
    for m in shape {
      offsets.append(t)
      t += m
    }
    self.offsets = offsets
    total = t
    values = [Double](repeating: 0, count: t)
    cross = [Double](repeating: 0, count: t * t)
    var digits = [Int](repeating: 0, count: n)
    var probs = [Double](repeating: 1, count: n)
    for index in 0..<game.profileCount {
      for q in 0..<n { probs[q] = sigma[q][digits[q]] }
      for i in 0..<n {
        let payoff = game.payoffs[i][index]
        if payoff == 0 { continue }
        let row = offsets[i] + digits[i]
        var others = payoff
        for m in 0..<n where m != i { others *= probs[m] }
        values[row] += others
        for k in 0..<n where k != i {
          var w = payoff
          for m in 0..<n where m != i && m != k { w *= probs[m] }
          cross[row * t + offsets[k] + digits[k]] += w
        }
      }
      for q in 0..<n {
        digits[q] += 1
        if digits[q] < shape[q] { break }
        digits[q] = 0
      }
    }
  }

  func value(_ i: Int, _ j: Int) -> Double { values[offsets[i] + j] }

  func derivative(_ i: Int, _ j: Int, _ k: Int, _ l: Int) -> Double {
    cross[(offsets[i] + j) * total + offsets[k] + l]
  }
}
