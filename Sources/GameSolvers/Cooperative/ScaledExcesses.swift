// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// The excesses `e(S, x) = v(S) − x(S)` of every coalition at once, exactly, in machine
/// integers when they fit.
///
/// With `L` the least common multiple of the worths' denominators and `D` that of the
/// denominators of `x` and of a level `ε`, `L·D·e(S, x) = D·(L·v(S)) − Σ_{i∈S} L·D·xᵢ` is an
/// integer, and `e(S, x) > ε` exactly when it exceeds `L·D·ε` (the scale is positive, so the
/// order of the excesses is kept too). Before a scan, a bound on every term,
/// `D·max|L·v| + Σ|L·D·xᵢ|`, is checked to stay below 2⁶²; the `2ⁿ` scaled excesses are then
/// computed with one addition, one subtraction and one multiplication each (subset sums by
/// the lowest member), with no gcd and no allocation. When the bound fails, or a worth or a
/// coordinate is not a machine-integer fraction, the scan returns `nil` and the caller uses
/// rational arithmetic (``CoalitionalGame/excesses(at:)``).
///
/// - Complexity: O(2ⁿ) machine operations and O(n) rational ones per scan; O(2ⁿ) memory.
struct ScaledExcesses {
  let n: Int
  /// `L·v(S)` by mask.
  private let worths: [Int64]
  /// `max |L·v(S)|`.
  private let maxWorth: Int64
  /// `L`.
  let scale: Int64
  /// Scratch: subset sums of `L·D·x` by mask.
  private var sums: [Int64]
  /// The scaled excesses `L·D·e(S, x)` of the last scan, by mask (`values[0] = 0`).
  private(set) var values: [Int64]

  /// The worths of `game` scaled to integers, or `nil` when a worth or `L` does not fit.
  init?(_ game: CoalitionalGame<Rational>) {
    var l: Int64 = 1
    for v in game.worths {
      guard let (_, d) = v.smallParts else { return nil }
      guard let next = Self.lcm(l, d) else { return nil }
      l = next
    }
    var w = [Int64](repeating: 0, count: game.worths.count)
    var largest: Int64 = 0
    for (m, v) in game.worths.enumerated() {
      let (p, d) = v.smallParts!
      let (s, overflow) = p.multipliedReportingOverflow(by: l / d)
      guard !overflow, s != .min else { return nil }
      w[m] = s
      largest = max(largest, Int64(s.magnitude))
    }
    n = game.playerCount
    worths = w
    maxWorth = largest
    scale = l
    sums = [Int64](repeating: 0, count: w.count)
    values = sums
  }

  /// Computes ``values`` at `x` and returns `L·D·ε` for the level `eps` (the threshold to
  /// compare ``values`` with), or `nil` when the numbers might not fit in 62 bits.
  mutating func scan(at x: [Rational], level eps: Rational) -> Int64? {
    precondition(x.count == n)
    var d: Int64 = 1
    for v in x + [eps] {
      guard let (_, q) = v.smallParts, let next = Self.lcm(d, q) else { return nil }
      d = next
    }
    let limit: Int64 = 1 << 62
    func scaled(_ v: Rational) -> Int64? {
      let (p, q) = v.smallParts!
      let (a, o1) = p.multipliedReportingOverflow(by: d / q)
      let (b, o2) = a.multipliedReportingOverflow(by: scale)
      guard !o1, !o2, b > -limit, b < limit else { return nil }
      return b
    }
    var xs = [Int64](repeating: 0, count: n)
    var bound: Int64 = 0
    for i in 0..<n {
      guard let s = scaled(x[i]) else { return nil }
      xs[i] = s
      let (b, o) = bound.addingReportingOverflow(Int64(s.magnitude))
      guard !o, b < limit else { return nil }
      bound = b
    }
    guard let threshold = scaled(eps) else { return nil }
    let (wd, o1) = maxWorth.multipliedReportingOverflow(by: d)
    let (total, o2) = wd.addingReportingOverflow(bound)
    guard !o1, !o2, total < limit else { return nil }
    let count = worths.count
    worths.withUnsafeBufferPointer { wp in
      sums.withUnsafeMutableBufferPointer { sp in
        values.withUnsafeMutableBufferPointer { vp in
          xs.withUnsafeBufferPointer { xp in
            let w = wp.baseAddress!, s = sp.baseAddress!, v = vp.baseAddress!
            let x = xp.baseAddress!
            s[0] = 0
            v[0] = 0
            for m in 1..<count {
              let low = m & -m
              let t = s[m ^ low] &+ x[low.trailingZeroBitCount]
              s[m] = t
              v[m] = w[m] &* d &- t
            }
          }
        }
      }
    }
    return threshold
  }

  /// `lcm(a, b)` for positive `a`, `b`, or `nil` on overflow.
  static func lcm(_ a: Int64, _ b: Int64) -> Int64? {
    if b == 1 || a % b == 0 { return a }
    var x = a, y = b
    while y != 0 { (x, y) = (y, x % y) }
    let (r, o) = (a / x).multipliedReportingOverflow(by: b)
    return o ? nil : r
  }
}
