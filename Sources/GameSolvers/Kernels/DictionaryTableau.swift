// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// A floating-point simplex tableau in dictionary form: one column per *nonbasic* variable and
/// the right-hand side last, without the identity columns of the basic variables, so a pivot
/// touches `rows × (nonbasic + 1)` entries instead of `rows × (variables + 1)` (Chvátal 1983,
/// "Linear Programming", ch. 2–3, the dictionary).
///
/// Row `i` reads `basic[i] + Σ_j T[i][j]·nonbasic[j] = T[i][rhs]`. A pivot on a positive
/// `T[r][c]` exchanges `basic[r]` and `nonbasic[c]`:
/// 1. row r is divided by `p = T[r][c]`, and its entry in column c becomes `1/p`;
/// 2. every other row i subtracts `T[i][c]` times the new row r, and its entry in column c
///    becomes `−T[i][c]/p`.
/// Entries within `tolerance` of zero count as zero.
///
/// - Complexity: a pivot is O(rows · (columns + 1)); no allocation.
struct DictionaryTableau: Sendable {
  /// Number of constraint rows (basic variables).
  let rows: Int
  /// Number of nonbasic variables; the right-hand side is column `columns`.
  let columns: Int
  /// `rows × (columns + 1)` entries, row by row.
  var entries: [Double]
  /// The label of each row's basic variable.
  var basic: [Int]
  /// The label of each column's nonbasic variable.
  var nonbasic: [Int]
  /// For each label: its row when basic, or `~column` (negative) when nonbasic.
  var position: [Int]
  /// Entries within this of zero count as zero.
  let tolerance: Double

  init(rows: Int, columns: Int, entries: [Double], basic: [Int], nonbasic: [Int],
    tolerance: Double)
  {
    precondition(entries.count == rows * (columns + 1))
    self.rows = rows
    self.columns = columns
    self.entries = entries
    self.basic = basic
    self.nonbasic = nonbasic
    self.tolerance = tolerance
    position = [Int](repeating: 0, count: rows + columns)
    for (r, b) in basic.enumerated() { position[b] = r }
    for (c, v) in nonbasic.enumerated() { position[v] = ~c }
  }

  /// The width of a row: the nonbasic columns and the right-hand side.
  @inline(__always) var width: Int { columns + 1 }

  /// The set of basic labels.
  var basisSet: LabelSet {
    var s = LabelSet()
    for b in basic { s.insert(b) }
    return s
  }

  /// The entry of row `r` in the full tableau's column of `label`: the dictionary entry when
  /// the label is nonbasic, else 1 in the label's own row and 0 elsewhere.
  @inline(__always) func fullEntry(_ r: Int, label: Int) -> Double {
    let at = position[label]
    if at >= 0 { return at == r ? 1 : 0 }
    return entries[r * width + ~at]
  }

  /// The leaving row of the lexicographic minimum-ratio test for the entering `label`: ties in
  /// `rhs / T[·][c]` (within the tolerance) are broken by the columns of the labels
  /// `tieBreakers` of the initial basis, in order (von Stengel 2007, §3.5). `nil` when no
  /// entry of the column is positive.
  func lexicographicMinimumRatioRow(entering label: Int, tieBreakers: Range<Int>) -> Int? {
    let c = ~position[label]
    precondition(c >= 0, "the entering variable must be nonbasic")
    let w = width
    return entries.withUnsafeBufferPointer { e -> Int? in
      var best = -1
      for r in 0..<rows where e[r * w + c] > tolerance {
        if best < 0 {
          best = r
          continue
        }
        let a = e[r * w + c], b = e[best * w + c]
        var s = compare(e[r * w + columns] / a, e[best * w + columns] / b)
        var k = tieBreakers.lowerBound
        while s == 0 && k < tieBreakers.upperBound {
          s = compare(fullEntry(r, label: k) / a, fullEntry(best, label: k) / b)
          k += 1
        }
        if s < 0 { best = r }
      }
      return best < 0 ? nil : best
    }
  }

  @inline(__always) private func compare(_ x: Double, _ y: Double) -> Int {
    if abs(x - y) <= tolerance { return 0 }
    return x < y ? -1 : 1
  }

  /// Pivots in place on row `r` and the column of the nonbasic `label`.
  mutating func pivot(row r: Int, entering label: Int) {
    let c = ~position[label]
    let w = width, n = rows
    entries.withUnsafeMutableBufferPointer { e in
      let base = e.baseAddress!
      let pr = base + r * w
      let inv = 1 / pr[c]
      for j in 0..<w { pr[j] *= inv }
      pr[c] = inv
      for i in 0..<n where i != r {
        let row = base + i * w
        let f = row[c]
        if f == 0 { continue }
        for j in 0..<w { row[j] -= f * pr[j] }
        row[c] = -f * inv
      }
    }
    let leaving = basic[r]
    basic[r] = label
    nonbasic[c] = leaving
    position[label] = r
    position[leaving] = ~c
  }

  /// Writes the dictionary after a pivot on `(r, c)` of `source` into `target` (both
  /// `rows × width` entries), leaving `source` unchanged.
  @inline(__always)
  static func pivot(_ source: UnsafePointer<Double>, into target: UnsafeMutablePointer<Double>,
    rows: Int, width w: Int, row r: Int, column c: Int)
  {
    let sr = source + r * w, tr = target + r * w
    let inv = 1 / sr[c]
    for j in 0..<w { tr[j] = sr[j] * inv }
    tr[c] = inv
    for i in 0..<rows where i != r {
      let s = source + i * w, t = target + i * w
      let f = s[c]
      if f == 0 {
        for j in 0..<w { t[j] = s[j] }
        continue
      }
      for j in 0..<w { t[j] = s[j] - f * tr[j] }
      t[c] = -f * inv
    }
  }
}

extension BestResponsePolytopes {
  /// The dictionaries of P and Q (as ``floatTableaux`` builds them, without identity columns):
  /// P's rows are the slacks `m + j` over the nonbasic `x_i` (labels `0..<m`), Q's rows the
  /// slacks `i` over the nonbasic `y_j` (labels `m..<m + n`).
  static func floatDictionaries(_ game: NormalFormGame<Double>, tolerance: Double)
    -> (p: DictionaryTableau, q: DictionaryTableau)
  {
    let m = game.strategies[0].count, n = game.strategies[1].count
    let a = normalisedPayoffs(game, player: 0), b = normalisedPayoffs(game, player: 1)
    var pe = [Double](repeating: 0, count: n * (m + 1))
    for j in 0..<n {
      for i in 0..<m { pe[j * (m + 1) + i] = b[i + j * m] }
      pe[j * (m + 1) + m] = 1
    }
    var qe = [Double](repeating: 0, count: m * (n + 1))
    for i in 0..<m {
      for j in 0..<n { qe[i * (n + 1) + j] = a[i + j * m] }
      qe[i * (n + 1) + n] = 1
    }
    return (
      DictionaryTableau(rows: n, columns: m, entries: pe, basic: (0..<n).map { m + $0 },
        nonbasic: Array(0..<m), tolerance: tolerance),
      DictionaryTableau(rows: m, columns: n, entries: qe, basic: Array(0..<m),
        nonbasic: (0..<n).map { m + $0 }, tolerance: tolerance)
    )
  }
}

extension BestResponsePolytopes {
  /// Player `p`'s payoffs mapped affinely onto [1, 2] (as ``floatTableaux`` does), so that one
  /// absolute tolerance suits every game.
  static func normalisedPayoffs(_ game: NormalFormGame<Double>, player p: Int) -> [Double] {
    let v = game.payoffs[p]
    let lo = v.min() ?? 0, hi = v.max() ?? 0
    let range = hi - lo
    return v.map { range > 0 ? 1 + ($0 - lo) / range : 1 }
  }
}

/// An open-addressing hash set of ``LabelSet``s with linear probing and a multiplicative
/// hash: cheaper than `Set` with SipHash for the many small keys of a vertex search.
struct LabelSetTable: Sendable {
  private var keys: [LabelSet]
  private var used: [Bool]
  /// Number of members.
  private(set) var count = 0

  init(minimumCapacity: Int = 64) {
    var size = 16
    while size < 2 * minimumCapacity { size *= 2 }
    keys = [LabelSet](repeating: LabelSet(), count: size)
    used = [Bool](repeating: false, count: size)
  }

  /// Fibonacci hashing: the top bits of a multiplicative mix of both words index the table.
  @inline(__always) private static func slot(_ s: LabelSet, size: Int) -> Int {
    let h = (s.low ^ (s.high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: h >> UInt64(64 - size.trailingZeroBitCount))
  }

  /// Inserts `s`; returns whether it was new.
  @inline(__always) mutating func insert(_ s: LabelSet) -> Bool {
    if 2 * (count + 1) > keys.count { grow() }
    let mask = keys.count - 1
    var i = LabelSetTable.slot(s, size: keys.count)
    while used[i] {
      if keys[i] == s { return false }
      i = (i + 1) & mask
    }
    used[i] = true
    keys[i] = s
    count += 1
    return true
  }

  private mutating func grow() {
    let old = zip(keys, used).filter { $0.1 }.map { $0.0 }
    let size = keys.count * 2
    keys = [LabelSet](repeating: LabelSet(), count: size)
    used = [Bool](repeating: false, count: size)
    count = 0
    for s in old { _ = insert(s) }
  }
}
