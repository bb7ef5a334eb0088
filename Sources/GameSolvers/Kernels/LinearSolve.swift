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

extension LinearSolve {
  /// The rank of `rows` and, when the null space is one-dimensional, a vector spanning it.
  /// - Complexity: O(r·c·min(r, c)).
  static func rankAndNullVector<S: GameScalar>(_ rows: [[S]], columns: Int) -> (Int, [S]?) {
    var a = rows
    var pivotColumns = [Int]()
    var r = 0
    let tiny: S = S.isExact ? .zero : S(Rational(1, 1_000_000_000_000))
    for col in 0..<columns where r < a.count {
      var p = -1
      var best = tiny
      for i in r..<a.count {
        let v = a[i][col].magnitude
        if S.isExact ? !v.isZero : v > best {
          p = i
          best = v
          if S.isExact { break }
        }
      }
      if p < 0 { continue }
      a.swapAt(p, r)
      let inv = (1 as S) / a[r][col]
      for j in 0..<columns { a[r][j] *= inv }
      for i in 0..<a.count where i != r && !a[i][col].isZero {
        let f = a[i][col]
        for j in 0..<columns { a[i][j] -= f * a[r][j] }
      }
      pivotColumns.append(col)
      r += 1
    }
    guard columns - r == 1 else { return (r, nil) }
    let free = (0..<columns).first { !pivotColumns.contains($0) }!
    var v = [S](repeating: .zero, count: columns)
    v[free] = 1
    for (row, col) in pivotColumns.enumerated() { v[col] = -a[row][free] }
    return (r, v)
  }
}
