// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
import GameCore

/// Exact solution of a square rational linear system by fraction-free Gaussian elimination.
///
/// Follows Bareiss, "Sylvester's identity and multistep integer-preserving Gaussian
/// elimination", *Mathematics of Computation* 22 (1968): each row is first scaled to integers;
/// then step `c` replaces `aᵢⱼ` by `(aᵢⱼ a_cc − aᵢ_c a_cⱼ) / p` with `p` the previous pivot,
/// a division that is always exact, so every entry stays an integer (a minor of the scaled
/// matrix) and no gcd is ever taken. Back substitution is also done over the integers:
/// `X = det · x` is integral (Cramer's rule), and only the final `X / det` is reduced.
///
/// - Returns: `x` with `M x = b`, or `nil` if `M` is singular.
/// - Complexity: O(k³) integer operations on numbers whose length grows linearly with `k`.
func solveExactly(_ M: [[Rational]], _ b: [Rational]) -> [Rational]? {
  let k = b.count
  precondition(M.count == k && M.allSatisfy { $0.count == k })
  if k == 0 { return [] }
  // Scale each row (with its right-hand side) by the lcm of its denominators.
  var a: [[BigInt]] = (0..<k).map { i in
    var l = BigInt(1)
    for v in M[i] + [b[i]] where !v.isZero {
      let d = v.denominator
      if d != 1 { l = l / l.greatestCommonDivisor(with: d) * d }
    }
    return (M[i] + [b[i]]).map { $0.isZero ? BigInt(0) : $0.numerator * (l / $0.denominator) }
  }
  var previous = BigInt(1)
  for c in 0..<k {
    guard let r = (c..<k).first(where: { !a[$0][c].isZero }) else { return nil }
    if r != c { a.swapAt(r, c) }
    let pivot = a[c][c]
    for i in (c + 1)..<k {
      let f = a[i][c]
      for j in (c + 1)...k {
        let t = a[i][j] * pivot - f * a[c][j]
        a[i][j] = previous == 1 ? t : t / previous
      }
      a[i][c] = 0
    }
    previous = pivot
  }
  // a is upper triangular; det = ±a[k−1][k−1]. Integer back substitution for X = det·x.
  let det = a[k - 1][k - 1]
  var X = [BigInt](repeating: 0, count: k)
  for c in stride(from: k - 1, through: 0, by: -1) {
    var s = det * a[c][k]
    for j in (c + 1)..<k where !a[c][j].isZero { s -= a[c][j] * X[j] }
    X[c] = s / a[c][c]
  }
  return X.map { Rational($0, det) }
}

/// A rational vector written over one common denominator, `vᵢ = numerators[i] / denominator`,
/// so that dot products need integer multiplications only and a single reduction at the end.
///
/// Reducing a fraction costs a gcd, which dominates exact LP work when every product is
/// reduced; with a common denominator a dot product of length `k` does `k` integer
/// multiply-adds and one gcd.
struct CommonDenominatorVector {
  var numerators: [BigInt]
  var denominator: BigInt

  init(_ v: [Rational]) {
    var l = BigInt(1)
    for x in v where !x.isZero && !x.isInteger {
      let d = x.denominator
      if !(l % d).isZero { l = l / l.greatestCommonDivisor(with: d) * d }
    }
    numerators = v.map { x in
      if x.isZero { return 0 }
      return l == 1 ? x.numerator : x.numerator * (l / x.denominator)
    }
    denominator = l
  }

  /// `Σᵢ selfᵢ · otherᵢ`, exactly.
  func dot(_ other: CommonDenominatorVector) -> Rational {
    precondition(numerators.count == other.numerators.count)
    var s = BigInt(0)
    for (a, b) in zip(numerators, other.numerators) where !a.isZero && !b.isZero {
      s += a * b
    }
    return Rational(s, denominator * other.denominator)
  }
}
