// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
import GameCore

// MARK: - The interface the pivoting algorithms use

/// A simplex tableau `T·[variables | rhs]` for a system `Mz + w = 1` whose variables are
/// indexed by *label* (0..<labelCount) and whose right-hand side is the last column.
///
/// The two-player solvers (vertex enumeration and Lemke-Howson) are written once against this
/// protocol and run over an exact integer tableau (``ExactTableau``) or a floating-point one
/// (``FloatTableau``).
protocol PivotTableau {
  /// The type in which basic-variable values are reported.
  associatedtype Value
  /// Number of constraint rows.
  var rowCount: Int { get }
  /// Number of variables (labels); the right-hand side is column `labelCount`.
  var labelCount: Int { get }
  /// The label of the basic variable of each row.
  var basis: [Int] { get }
  /// Whether entry (row, column) is positive (beyond the tolerance, for floats).
  func isPositive(_ row: Int, _ column: Int) -> Bool
  /// Whether the right-hand side of `row` is zero (within the tolerance, for floats).
  func isZeroRHS(_ row: Int) -> Bool
  /// The sign of `T[r1][k] / T[r1][c] − T[r2][k] / T[r2][c]`, where both `T[·][c] > 0`.
  func compareRatios(_ r1: Int, _ r2: Int, numerator k: Int, pivotColumn c: Int) -> Int
  /// Exchanges the basic variable of `row` for the variable `column`.
  mutating func pivot(row: Int, column: Int)
  /// The right-hand side of `row`, on a scale common to all rows (values of the basic
  /// variables up to one positive factor).
  func scaledValue(_ row: Int) -> Value
}

/// A set of labels (or of basic variables) as a 128-bit mask.
struct LabelSet: Hashable, Sendable {
  var low: UInt64 = 0
  var high: UInt64 = 0

  /// The greatest number of labels a set can hold.
  static let capacity = 128

  @inline(__always) mutating func insert(_ label: Int) {
    if label < 64 { low |= 1 << UInt64(label) } else { high |= 1 << UInt64(label - 64) }
  }
  @inline(__always) mutating func remove(_ label: Int) {
    if label < 64 { low &= ~(1 << UInt64(label)) } else { high &= ~(1 << UInt64(label - 64)) }
  }
  @inline(__always) func contains(_ label: Int) -> Bool {
    label < 64 ? low & (1 << UInt64(label)) != 0 : high & (1 << UInt64(label - 64)) != 0
  }
  /// Whether every member of `other` is a member of `self`.
  @inline(__always) func isSuperset(of other: LabelSet) -> Bool {
    other.low & ~low == 0 && other.high & ~high == 0
  }
  var count: Int { low.nonzeroBitCount + high.nonzeroBitCount }
  /// The labels 0..<n.
  static func all(_ n: Int) -> LabelSet {
    var s = LabelSet()
    s.low = n >= 64 ? ~0 : (1 << UInt64(n)) - 1
    s.high = n <= 64 ? 0 : (n >= 128 ? ~0 : (1 << UInt64(n - 64)) - 1)
    return s
  }
  /// The labels in `universe` that are not in `self`.
  func complement(in universe: LabelSet) -> LabelSet {
    LabelSet(low: universe.low & ~low, high: universe.high & ~high)
  }
}

extension PivotTableau {
  /// The set of basic variables.
  var basisSet: LabelSet {
    var s = LabelSet()
    for b in basis { s.insert(b) }
    return s
  }

  /// The labels of the current basic solution: its nonbasic variables and its basic variables
  /// at value zero (von Stengel 2007, §3.2).
  var labels: LabelSet {
    var s = LabelSet.all(labelCount)
    for (r, b) in basis.enumerated() where !isZeroRHS(r) { s.remove(b) }
    return s
  }

  /// The rows that tie for the minimum ratio `rhs / T[·][column]` over rows with a positive
  /// entry in `column` (the ordinary minimum-ratio test), written into `best` (emptied first;
  /// left empty when `column` is unbounded) so that no array is allocated per call.
  func minimumRatioRows(column c: Int, into best: inout [Int]) {
    best.removeAll(keepingCapacity: true)
    for r in 0..<rowCount where isPositive(r, c) {
      if best.isEmpty {
        best.append(r)
        continue
      }
      let s = compareRatios(r, best[0], numerator: labelCount, pivotColumn: c)
      if s < 0 {
        best.removeAll(keepingCapacity: true)
        best.append(r)
      } else if s == 0 {
        best.append(r)
      }
    }
  }

  /// The leaving row of the lexicographic minimum-ratio test: ties in `rhs / T[·][c]` are
  /// broken by the ratios of the columns `tieBreakers` in order (the columns of the initial
  /// basis, so the rows compared are rows of the inverse basis and the minimum is unique;
  /// von Stengel 2007, §3.5). Returns `nil` when no entry of `column` is positive.
  func lexicographicMinimumRatioRow(column c: Int, tieBreakers: Range<Int>) -> Int? {
    var best = -1
    for r in 0..<rowCount where isPositive(r, c) {
      if best < 0 {
        best = r
        continue
      }
      var s = compareRatios(r, best, numerator: labelCount, pivotColumn: c)
      var k = tieBreakers.lowerBound
      while s == 0 && k < tieBreakers.upperBound {
        s = compareRatios(r, best, numerator: k, pivotColumn: c)
        k += 1
      }
      if s < 0 { best = r }
    }
    return best < 0 ? nil : best
  }
}

// MARK: - Exact integer tableau

/// The integer types an exact tableau can hold: `Int64` (checked) and `BigInt`.
protocol TableauInteger: Sendable {
  /// `(a·p − b·q) / d`, an exact division in fraction-free pivoting; `nil` on overflow.
  static func fractionFree(_ a: Self, _ p: Self, _ b: Self, _ q: Self, _ d: Self) -> Self?
  /// The sign of `a·b − c·d`.
  static func compareProducts(_ a: Self, _ b: Self, _ c: Self, _ d: Self) -> Int
  /// The value as an exact rational.
  var rationalValue: Rational { get }
}

extension Int64: TableauInteger {
  @inline(__always)
  static func fractionFree(_ a: Int64, _ p: Int64, _ b: Int64, _ q: Int64, _ d: Int64) -> Int64? {
    // Single-word products are the common case; fall back to 128 bits.
    let (x, o1) = a.multipliedReportingOverflow(by: p)
    if b == 0 {
      if !o1 { return x / d }
      return Int64(exactly: Int128(a) * Int128(p) / Int128(d))
    }
    let (y, o2) = b.multipliedReportingOverflow(by: q)
    if !(o1 || o2) {
      let (z, o3) = x.subtractingReportingOverflow(y)
      if !o3 { return z / d }
    }
    let (z, o) = (Int128(a) * Int128(p)).subtractingReportingOverflow(Int128(b) * Int128(q))
    if o { return nil }
    return Int64(exactly: z / Int128(d))
  }

  @inline(__always)
  static func compareProducts(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Int {
    let x = Int128(a) * Int128(b), y = Int128(c) * Int128(d)
    return x < y ? -1 : (x == y ? 0 : 1)
  }

  var rationalValue: Rational { Rational(Int(self)) }
}

extension Int128: TableauInteger {
  /// Computes with 256-bit intermediates; `nil` when the quotient leaves `Int128`.
  @inline(__always)
  static func fractionFree(_ a: Int128, _ p: Int128, _ b: Int128, _ q: Int128, _ d: Int128)
    -> Int128?
  {
    let (x, o1) = a.multipliedReportingOverflow(by: p)
    let (y, o2) = b.multipliedReportingOverflow(by: q)
    if !(o1 || o2) {
      let (z, o3) = x.subtractingReportingOverflow(y)
      if !o3 { return z / d }
    }
    // Wide path: a·p − b·q as a signed 256-bit (high, low) pair.
    let u = a.multipliedFullWidth(by: p), v = b.multipliedFullWidth(by: q)
    let (low, borrow) = u.low.subtractingReportingOverflow(v.low)
    let (h1, o4) = u.high.subtractingReportingOverflow(v.high)
    let (high, o5) = h1.subtractingReportingOverflow(borrow ? 1 : 0)
    if o4 || o5 { return nil }
    // Divide magnitudes: |value| = (mh, ml), |d| = dm.
    let negative = (high < 0) != (d < 0)
    var mh = UInt128(bitPattern: high), ml = low
    if high < 0 {
      // Two's-complement negation of the 256-bit value.
      mh = ~mh
      ml = ~ml
      let (l, c) = ml.addingReportingOverflow(1)
      ml = l
      if c { mh &+= 1 }
    }
    let dm = d.magnitude
    guard mh < dm else { return nil }
    let (quotient, _) = dm.dividingFullWidth((mh, ml))
    guard quotient <= UInt128(Int128.max) else { return nil }
    return negative ? -Int128(quotient) : Int128(quotient)
  }

  @inline(__always)
  static func compareProducts(_ a: Int128, _ b: Int128, _ c: Int128, _ d: Int128) -> Int {
    let x = a.multipliedFullWidth(by: b), y = c.multipliedFullWidth(by: d)
    if x.high != y.high { return x.high < y.high ? -1 : 1 }
    return x.low == y.low ? 0 : (x.low < y.low ? -1 : 1)
  }

  var rationalValue: Rational {
    if let v = Int(exactly: self) { return Rational(v) }
    return Rational(BigInt(self))
  }
}

extension BigInt: TableauInteger {
  static func fractionFree(_ a: BigInt, _ p: BigInt, _ b: BigInt, _ q: BigInt, _ d: BigInt)
    -> BigInt?
  {
    if b.isZero { return a * p / d }
    return (a * p - b * q) / d
  }

  static func compareProducts(_ a: BigInt, _ b: BigInt, _ c: BigInt, _ d: BigInt) -> Int {
    let x = a * b, y = c * d
    return x < y ? -1 : (x == y ? 0 : 1)
  }

  var rationalValue: Rational { Rational(self) }
}

/// A fraction-free integer tableau over one integer type.
///
/// Every entry is `det(basis) · (basis⁻¹ M)[i][j]`, an integer (a minor of the original
/// matrix), and the pivot element becomes the new common determinant. A pivot on (r, s)
/// replaces each entry outside row r by `(T[i][j]·T[r][s] − T[i][s]·T[r][j]) / D`, an exact
/// division (Edmonds 1967; von Stengel 2007, §3.5, "integer pivoting").
struct IntegerTableau<T: TableauInteger>: Sendable {
  var rows: Int
  var columns: Int  // variables + 1 (rhs)
  var entries: [T]
  var determinant: T
  var basis: [Int]

  /// Pivots rows `startRow...` (row `r` is left unchanged); returns the first row whose
  /// update overflowed — rows before it are updated, it and the rows after are not — or `nil`
  /// when the pivot is complete.
  mutating func pivot(row r: Int, column s: Int, startingAt startRow: Int = 0) -> Int? {
    let w = columns
    let d = determinant
    let p = entries[r * w + s]
    // Columns of basic variables other than the leaving one stay unit columns scaled by the
    // determinant: only the nonbasic columns, the leaving column and the rhs change.
    var isBasic = [Bool](repeating: false, count: w)
    for (k, b) in basis.enumerated() where k != r { isBasic[b] = true }
    var active = [Int]()
    active.reserveCapacity(w)
    for j in 0..<w where !isBasic[j] { active.append(j) }
    var scratch = [T](repeating: p, count: w)
    let overflowRow: Int? = entries.withUnsafeMutableBufferPointer { e in
      scratch.withUnsafeMutableBufferPointer { tmp in
        active.withUnsafeBufferPointer { cols in
          let pivotBase = r * w
          for i in startRow..<rows where i != r {
            let base = i * w
            let q = e[base + s]
            for j in cols {
              guard let v = T.fractionFree(e[base + j], p, q, e[pivotBase + j], d) else {
                return i
              }
              tmp[j] = v
            }
            for j in cols { e[base + j] = tmp[j] }
            // Row i's own basic variable: D becomes p.
            let b = basis[i]
            if b != s { e[base + b] = p }
          }
          return nil
        }
      }
    }
    if overflowRow == nil {
      determinant = p
      basis[r] = s
    }
    return overflowRow
  }
}

/// An exact tableau that computes in checked `Int64`, moves to `Int128` the first time an entry
/// would overflow, and to `BigInt` when that overflows too (mid-pivot if need be: the rows
/// already updated are kept). Each move is for good.
struct ExactTableau: PivotTableau, Sendable {
  enum Storage: Sendable {
    case small(IntegerTableau<Int64>)
    case medium(IntegerTableau<Int128>)
    case big(IntegerTableau<BigInt>)
  }
  var storage: Storage
  let labelCount: Int

  /// A tableau in `Int64` from its entries, row by row (`labelCount + 1` per row, the rhs
  /// last), and the basic variable of each row; the determinant starts at 1.
  init(rows: Int, labelCount: Int, entries: [Int64], basis: [Int]) {
    self.labelCount = labelCount
    storage = .small(IntegerTableau(rows: rows, columns: labelCount + 1, entries: entries,
      determinant: 1, basis: basis))
  }

  var rowCount: Int {
    switch storage {
    case .small(let t): return t.rows
    case .medium(let t): return t.rows
    case .big(let t): return t.rows
    }
  }

  var basis: [Int] {
    switch storage {
    case .small(let t): return t.basis
    case .medium(let t): return t.basis
    case .big(let t): return t.basis
    }
  }

  @inline(__always) func isPositive(_ row: Int, _ column: Int) -> Bool {
    switch storage {
    case .small(let t): return t.entries[row * t.columns + column] > 0
    case .medium(let t): return t.entries[row * t.columns + column] > 0
    case .big(let t):
      let v = t.entries[row * t.columns + column]
      return v.sign == .plus && !v.isZero
    }
  }

  @inline(__always) func isZeroRHS(_ row: Int) -> Bool {
    switch storage {
    case .small(let t): return t.entries[row * t.columns + labelCount] == 0
    case .medium(let t): return t.entries[row * t.columns + labelCount] == 0
    case .big(let t): return t.entries[row * t.columns + labelCount].isZero
    }
  }

  func compareRatios(_ r1: Int, _ r2: Int, numerator k: Int, pivotColumn c: Int) -> Int {
    // a/b − c/d with b, d > 0 has the sign of a·d − c·b.
    switch storage {
    case .small(let t):
      let w = t.columns
      return Int64.compareProducts(t.entries[r1 * w + k], t.entries[r2 * w + c],
        t.entries[r2 * w + k], t.entries[r1 * w + c])
    case .medium(let t):
      let w = t.columns
      return Int128.compareProducts(t.entries[r1 * w + k], t.entries[r2 * w + c],
        t.entries[r2 * w + k], t.entries[r1 * w + c])
    case .big(let t):
      let w = t.columns
      return BigInt.compareProducts(t.entries[r1 * w + k], t.entries[r2 * w + c],
        t.entries[r2 * w + k], t.entries[r1 * w + c])
    }
  }

  mutating func pivot(row: Int, column: Int) {
    switch storage {
    case .small(var t):
      storage = .small(IntegerTableau(rows: 0, columns: 0, entries: [], determinant: 0,
        basis: []))  // release the buffer so the pivot mutates it in place
      if let failed = t.pivot(row: row, column: column) {
        var w = IntegerTableau<Int128>(rows: t.rows, columns: t.columns,
          entries: t.entries.map { Int128($0) }, determinant: Int128(t.determinant),
          basis: t.basis)
        if let failedAgain = w.pivot(row: row, column: column, startingAt: failed) {
          storage = .big(ExactTableau.widen(w, row: row, column: column, from: failedAgain))
        } else {
          storage = .medium(w)
        }
      } else {
        storage = .small(t)
      }
    case .medium(var t):
      storage = .small(IntegerTableau(rows: 0, columns: 0, entries: [], determinant: 0,
        basis: []))
      if let failed = t.pivot(row: row, column: column) {
        storage = .big(ExactTableau.widen(t, row: row, column: column, from: failed))
      } else {
        storage = .medium(t)
      }
    case .big(var t):
      storage = .small(IntegerTableau(rows: 0, columns: 0, entries: [], determinant: 0,
        basis: []))
      let done = t.pivot(row: row, column: column)
      precondition(done == nil, "BigInt pivoting cannot overflow")
      storage = .big(t)
    }
  }

  /// Finishes a pivot that overflowed `Int128` at row `failed` in `BigInt`.
  static func widen(_ t: IntegerTableau<Int128>, row: Int, column: Int, from failed: Int)
    -> IntegerTableau<BigInt>
  {
    var b = IntegerTableau<BigInt>(rows: t.rows, columns: t.columns,
      entries: t.entries.map { BigInt($0) }, determinant: BigInt(t.determinant),
      basis: t.basis)
    let done = b.pivot(row: row, column: column, startingAt: failed)
    precondition(done == nil, "BigInt pivoting cannot overflow")
    return b
  }

  func scaledValue(_ row: Int) -> Rational {
    switch storage {
    case .small(let t): return t.entries[row * t.columns + labelCount].rationalValue
    case .medium(let t): return t.entries[row * t.columns + labelCount].rationalValue
    case .big(let t): return t.entries[row * t.columns + labelCount].rationalValue
    }
  }
}

// MARK: - Floating-point tableau

/// A floating-point tableau with ordinary (normalising) Gauss-Jordan pivots; entries within
/// `tolerance` of zero count as zero.
struct FloatTableau: PivotTableau, Sendable {
  let rowCount: Int
  let labelCount: Int
  var entries: [Double]
  var basis: [Int]
  let tolerance: Double

  init(rows: Int, labelCount: Int, entries: [Double], basis: [Int], tolerance: Double) {
    rowCount = rows
    self.labelCount = labelCount
    self.entries = entries
    self.basis = basis
    self.tolerance = tolerance
  }

  @inline(__always) func isPositive(_ row: Int, _ column: Int) -> Bool {
    entries[row * (labelCount + 1) + column] > tolerance
  }

  @inline(__always) func isZeroRHS(_ row: Int) -> Bool {
    abs(entries[row * (labelCount + 1) + labelCount]) <= tolerance
  }

  func compareRatios(_ r1: Int, _ r2: Int, numerator k: Int, pivotColumn c: Int) -> Int {
    let w = labelCount + 1
    let x = entries[r1 * w + k] / entries[r1 * w + c]
    let y = entries[r2 * w + k] / entries[r2 * w + c]
    if abs(x - y) <= tolerance { return 0 }
    return x < y ? -1 : 1
  }

  mutating func pivot(row r: Int, column s: Int) {
    let w = labelCount + 1
    let n = rowCount
    // A separate copy of the pivot row lets the row updates vectorise.
    var pivotRow = [Double](repeating: 0, count: w)
    entries.withUnsafeMutableBufferPointer { e in
      pivotRow.withUnsafeMutableBufferPointer { pr in
        let inv = 1 / e[r * w + s]
        for j in 0..<w { pr[j] = e[r * w + j] * inv }
        pr[s] = 1
        for j in 0..<w { e[r * w + j] = pr[j] }
        for i in 0..<n where i != r {
          let base = i * w
          let f = e[base + s]
          if f == 0 { continue }
          let row = UnsafeMutableBufferPointer(rebasing: e[base..<(base + w)])
          for j in 0..<w { row[j] -= f * pr[j] }
          row[s] = 0
        }
      }
    }
    basis[r] = s
  }

  func scaledValue(_ row: Int) -> Double {
    let v = entries[row * (labelCount + 1) + labelCount]
    return abs(v) <= tolerance ? 0 : v
  }
}

// MARK: - The two best-response polytopes

/// The tableaux of the best-response polytopes of a bimatrix game (A, B), m × n, after the
/// payoffs have been made positive (von Stengel 2007, §3.2, eq. 3.6):
/// `P = {x ∈ ℝᵐ : x ≥ 0, Bᵀx ≤ 1}` and `Q = {y ∈ ℝⁿ : Ay ≤ 1, y ≥ 0}`.
///
/// Both tableaux index variables by label: in P, `x_i` has label `i` and the slack of
/// column j's constraint label `m + j`; in Q, the slack of row i's constraint has label `i`
/// and `y_j` label `m + j`. Each starts at the origin with the slacks basic.
struct BestResponsePolytopes {
  let m: Int
  let n: Int

  /// Integer payoff matrices for exact work: each player's matrix scaled by the lcm of its
  /// denominators and shifted so that its least entry is 1 (neither changes the equilibria).
  static func integerMatrices(_ game: NormalFormGame<Rational>) -> (a: [[BigInt]], b: [[BigInt]])
  {
    func integral(_ p: Int) -> [BigInt] {
      let values = game.payoffs[p]
      var l = BigInt(1)
      for v in values where v.denominator != 1 {
        let d = v.denominator
        l = l / BigInt(l.magnitude.greatestCommonDivisor(with: d.magnitude)) * d
      }
      let scaled = values.map { $0.numerator * (l / $0.denominator) }
      let least = scaled.min() ?? 0
      return scaled.map { $0 - least + 1 }
    }
    let m = game.strategies[0].count, n = game.strategies[1].count
    let a = integral(0), b = integral(1)
    let A = (0..<m).map { i in (0..<n).map { j in a[i + j * m] } }
    let B = (0..<m).map { i in (0..<n).map { j in b[i + j * m] } }
    return (A, B)
  }

  /// The exact tableaux of P and Q, in `Int64` when every scaled payoff fits, else `BigInt`.
  static func exactTableaux(_ game: NormalFormGame<Rational>) -> (p: ExactTableau,
    q: ExactTableau)
  {
    let (A, B) = integerMatrices(game)
    let m = A.count, n = A[0].count
    let w = m + n + 1
    var pe = [BigInt](repeating: 0, count: n * w)
    for j in 0..<n {
      for i in 0..<m { pe[j * w + i] = B[i][j] }
      pe[j * w + m + j] = 1
      pe[j * w + m + n] = 1
    }
    var qe = [BigInt](repeating: 0, count: m * w)
    for i in 0..<m {
      qe[i * w + i] = 1
      for j in 0..<n { qe[i * w + m + j] = A[i][j] }
      qe[i * w + m + n] = 1
    }
    func make(_ rows: Int, _ e: [BigInt], _ basis: [Int]) -> ExactTableau {
      let small = e.compactMap { Int64(exactly: $0) }
      if small.count == e.count {
        return ExactTableau(rows: rows, labelCount: m + n, entries: small, basis: basis)
      }
      var t = ExactTableau(rows: rows, labelCount: m + n, entries: [], basis: basis)
      t.storage = .big(IntegerTableau(rows: rows, columns: w, entries: e, determinant: 1,
        basis: basis))
      return t
    }
    return (make(n, pe, (0..<n).map { m + $0 }), make(m, qe, Array(0..<m)))
  }

  /// The floating-point tableaux, each player's payoffs mapped affinely onto [1, 2] so that
  /// one absolute tolerance suits every game (positive affine maps keep the equilibria).
  static func floatTableaux(_ game: NormalFormGame<Double>, tolerance: Double)
    -> (p: FloatTableau, q: FloatTableau)
  {
    let m = game.strategies[0].count, n = game.strategies[1].count
    func normalised(_ p: Int) -> [Double] {
      let v = game.payoffs[p]
      let lo = v.min() ?? 0, hi = v.max() ?? 0
      let range = hi - lo
      // Map [lo, hi] onto [1, 2]: positive, and of unit scale.
      return v.map { range > 0 ? 1 + ($0 - lo) / range : 1 }
    }
    let a = normalised(0), b = normalised(1)
    let w = m + n + 1
    var pe = [Double](repeating: 0, count: n * w)
    for j in 0..<n {
      for i in 0..<m { pe[j * w + i] = b[i + j * m] }
      pe[j * w + m + j] = 1
      pe[j * w + m + n] = 1
    }
    var qe = [Double](repeating: 0, count: m * w)
    for i in 0..<m {
      qe[i * w + i] = 1
      for j in 0..<n { qe[i * w + m + j] = a[i + j * m] }
      qe[i * w + m + n] = 1
    }
    return (
      FloatTableau(rows: n, labelCount: m + n, entries: pe, basis: (0..<n).map { m + $0 },
        tolerance: tolerance),
      FloatTableau(rows: m, labelCount: m + n, entries: qe, basis: Array(0..<m),
        tolerance: tolerance)
    )
  }
}

/// Casts a value between two generic types known to be equal at run time (checked by a
/// metatype comparison, not a dynamic cast).
@inline(__always)
func unsafeSameType<T, U>(_ value: T, as _: U.Type) -> U {
  precondition(T.self == U.self, "unsafeSameType between different types")
  return unsafeBitCast(value, to: U.self)
}

extension NormalFormGame {
  /// Throws unless the game has exactly two players.
  func requireTwoPlayers(for operation: String) throws(SolverError) {
    guard playerCount == 2 else {
      throw .unsupportedGame(operation,
        "the method applies to two-player games; this game has \(playerCount) players")
    }
  }
}
