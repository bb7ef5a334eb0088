// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
public import GameCore

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
  switch solveExactlyInMachineIntegers(M, b) {
  case .solved(let x): return x
  case .singular: return nil
  case .overflow: break
  }
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

enum MachineSolve {
  case solved([Rational])
  case singular
  /// Some number left `Int64`: redo the elimination with `BigInt`s.
  case overflow
}

/// ``solveExactly(_:_:)``'s elimination in machine integers: the same fraction-free steps with
/// `Int64` entries and `Int128` products, each result checked to fit back in `Int64`
/// (Bareiss' entries are minors of the scaled matrix, so for the small 0/±1 systems of the
/// excess LPs they stay small). Any overflow abandons the attempt, never the exactness.
func solveExactlyInMachineIntegers(_ M: [[Rational]], _ b: [Rational]) -> MachineSolve {
  let k = b.count
  var a = [[Int64]]()
  a.reserveCapacity(k)
  for i in 0..<k {
    var l: Int64 = 1
    for v in M[i] + [b[i]] {
      guard let (_, d) = v.smallParts else { return .overflow }
      if d == 1 || l % d == 0 { continue }
      var x = l, y = d
      while y != 0 { (x, y) = (y, x % y) }
      let (next, o) = (l / x).multipliedReportingOverflow(by: d)
      if o { return .overflow }
      l = next
    }
    var row = [Int64](repeating: 0, count: k + 1)
    for (j, v) in (M[i] + [b[i]]).enumerated() {
      let (p, d) = v.smallParts!
      let (s, o) = p.multipliedReportingOverflow(by: l / d)
      if o { return .overflow }
      row[j] = s
    }
    a.append(row)
  }
  var previous: Int128 = 1
  for c in 0..<k {
    guard let r = (c..<k).first(where: { a[$0][c] != 0 }) else { return .singular }
    if r != c { a.swapAt(r, c) }
    let pivot = Int128(a[c][c])
    for i in (c + 1)..<k {
      let f = Int128(a[i][c])
      for j in (c + 1)...k {
        var t = Int128(a[i][j]) * pivot - f * Int128(a[c][j])
        if previous != 1 { t /= previous }
        guard let v = Int64(exactly: t) else { return .overflow }
        a[i][j] = v
      }
      a[i][c] = 0
    }
    previous = pivot
  }
  let det = Int128(a[k - 1][k - 1])
  var X = [Int128](repeating: 0, count: k)
  for c in stride(from: k - 1, through: 0, by: -1) {
    let (s0, o0) = det.multipliedReportingOverflow(by: Int128(a[c][k]))
    if o0 { return .overflow }
    var s = s0
    for j in (c + 1)..<k where a[c][j] != 0 {
      let (p, o1) = Int128(a[c][j]).multipliedReportingOverflow(by: X[j])
      let (t, o2) = s.subtractingReportingOverflow(p)
      if o1 || o2 { return .overflow }
      s = t
    }
    X[c] = s / Int128(a[c][c])
    guard Int64(exactly: X[c]) != nil else { return .overflow }
  }
  guard Int64(exactly: det) != nil, det != Int128(Int64.min) else { return .overflow }
  var out = [Rational]()
  out.reserveCapacity(k)
  for v in X {
    guard v != Int128(Int64.min) else { return .overflow }
    out.append(Rational(Int(v), Int(det)))
  }
  return .solved(out)
}

/// A rational vector written over one common denominator, `vᵢ = numerators[i] / denominator`,
/// so that dot products need integer multiplications only and a single reduction at the end.
///
/// Reducing a fraction costs a gcd, which dominates exact LP work when every product is
/// reduced; with a common denominator a dot product of length `k` does `k` integer
/// multiply-adds and one gcd.
public struct CommonDenominatorVector: Sendable {
  var numerators: [BigInt]
  var denominator: BigInt

  /// Writes `v` over the least common multiple of its denominators.
  public init(_ v: [Rational]) {
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
  public func dot(_ other: CommonDenominatorVector) -> Rational {
    precondition(numerators.count == other.numerators.count)
    var s = BigInt(0)
    for (a, b) in zip(numerators, other.numerators) where !a.isZero && !b.isZero {
      s += a * b
    }
    return Rational(s, denominator * other.denominator)
  }
}
