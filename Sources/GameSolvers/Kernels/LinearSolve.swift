// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// Square linear systems by Gaussian elimination, generic over the number field.
enum LinearSolve {
  /// Solves `M x = rhs`, or returns `nil` when `M` is singular.
  ///
  /// Exact types pivot on the first nonzero entry; `Double` pivots on the largest (partial
  /// pivoting) and treats pivots below 1e-13 as zero.
  /// - Complexity: O(k³) for a k × k system.
  static func solve<S: GameScalar>(_ M: [[S]], _ rhs: [S]) -> [S]? {
    let k = rhs.count
    precondition(M.count == k && M.allSatisfy { $0.count == k })
    var a = M
    var b = rhs
    let tiny: S = S.isExact ? .zero : S(Rational(1, 10_000_000_000_000))
    for col in 0..<k {
      var p = -1
      if S.isExact {
        p = (col..<k).first(where: { !a[$0][col].isZero }) ?? -1
      } else {
        var best = tiny
        for r in col..<k where a[r][col].magnitude > best {
          best = a[r][col].magnitude
          p = r
        }
      }
      if p < 0 { return nil }
      if p != col {
        a.swapAt(p, col)
        b.swapAt(p, col)
      }
      let inv = (1 as S) / a[col][col]
      for r in (col + 1)..<max(col + 1, k) {
        let f = a[r][col] * inv
        if f.isZero { continue }
        for j in col..<k where !a[col][j].isZero { a[r][j] -= f * a[col][j] }
        b[r] -= f * b[col]
      }
    }
    var x = [S](repeating: .zero, count: k)
    for r in stride(from: k - 1, through: 0, by: -1) {
      var s = b[r]
      for j in (r + 1)..<max(r + 1, k) where !a[r][j].isZero { s -= a[r][j] * x[j] }
      x[r] = s / a[r][r]
    }
    return x
  }
}
