// SPDX-License-Identifier: GPL-3.0-or-later

/// A best-response polytope `{z ≥ 0 : Cz ≤ 1}` (C positive, `constraints × variables`) held
/// in *revised* form for complementary pivoting: only the basis is kept, as the basic
/// variables `S` and the tight constraints `J` (nonbasic slacks), `|S| = |J| = k`, and every
/// quantity a pivot needs is re-derived from the original matrix (Chvátal 1983, "Linear
/// Programming", ch. 7, the revised simplex method; von Stengel 2007, §3.4–3.5).
///
/// A basis of this polytope has only `k` basic decision variables; its basis matrix is,
/// up to the identity columns of the basic slacks, the `k × k` matrix `M = C[J, S]`. Each step:
/// 1. factor `M` (LU with partial pivoting) and solve `M z_S = 1`; the basic slacks are
///    `s_c = 1 − C[c, S]·z_S` — re-solved from the data, so rounding does not accumulate;
/// 2. the entering column: for `z_e`, `d = M⁻¹ C[J, e]` on the basic `z` and
///    `C[c, e] − C[c, S]·d` on the basic slacks; for a tight slack `s_c`, `d = M⁻¹ e_c` and
///    `−C[c', S]·d`;
/// 3. the lexicographic minimum-ratio test, ties broken by the columns of the initial basis
///    (the slacks, in order), computed the same way on demand;
/// 4. exchange the entering and leaving variables in `S` and `J`.
///
/// - Complexity: O(k³ + k·constraints) per step instead of O(constraints · variables) for a
///   full tableau pivot; the Lemke-Howson path switches to the dense dictionary when `k`
///   grows past ``kLimit``.
struct RevisedPolytope {
  let constraints: Int
  let variables: Int
  /// C column by column: `columnMajor[v * constraints + c] = C[c][v]`.
  let columnMajor: [Double]
  /// The label of `z_0`; `z_v` has label `variableLabel + v`.
  let variableLabel: Int
  /// The label of `s_0`; `s_c` has label `slackLabel + c`.
  let slackLabel: Int
  let tolerance: Double
  /// Basic decision variables `S`, in the order of `M`'s columns.
  var support = [Int]()
  /// Tight constraints `J` (nonbasic slacks), in the order of `M`'s rows.
  var tight = [Int]()
  private var isTight: [Bool]
  /// The largest `k` worth handling in revised form.
  let kLimit: Int

  // Scratch, reused by every step.
  private var lu = [Double]()
  private var perm = [Int]()
  private var zValues = [Double]()
  private var slackValues: [Double]
  private var zColumn = [Double]()
  private var slackColumn: [Double]

  /// The polytope at the origin (every slack basic) for `C` given column by column
  /// (`columnMajor[v * constraints + c] = C[c][v]`).
  init(constraints: Int, variables: Int, columnMajor cm: [Double], variableLabel: Int,
    slackLabel: Int, tolerance: Double)
  {
    precondition(cm.count == constraints * variables)
    self.constraints = constraints
    self.variables = variables
    columnMajor = cm
    self.variableLabel = variableLabel
    self.slackLabel = slackLabel
    self.tolerance = tolerance
    isTight = [Bool](repeating: false, count: constraints)
    slackValues = [Double](repeating: 1, count: constraints)
    slackColumn = [Double](repeating: 0, count: constraints)
    // Revised steps cost about k³/3 + 2k·constraints, a dense pivot constraints·variables:
    // stay revised while that is under the dense cost.
    var k = 1
    while k * k * k / 3 + 2 * k * constraints < constraints * variables { k += 1 }
    kLimit = max(4, k - 1)
  }

  /// The values of the basic decision variables, in the order of `support`, after the last
  /// ``step(entering:tieBreakers:)`` (recomputed by ``solveValues()``).
  var supportValues: [Double] { zValues }

  /// Factors `M = C[J, S]`; false if it is numerically singular.
  private mutating func factor() -> Bool {
    let k = support.count
    if lu.count < k * k { lu = [Double](repeating: 0, count: max(k * k, 64)) }
    if perm.count < k { perm = [Int](repeating: 0, count: max(k, 8)) }
    let n = constraints
    return lu.withUnsafeMutableBufferPointer { luBuffer in
      perm.withUnsafeMutableBufferPointer { pm in
        columnMajor.withUnsafeBufferPointer { cm in
          support.withUnsafeBufferPointer { sp in
            tight.withUnsafeBufferPointer { tg in
              let f = luBuffer.baseAddress!
              for a in 0..<k {
                pm[a] = a
                let row = f + a * k, t = tg[a]
                for b in 0..<k { row[b] = cm[sp[b] * n + t] }
              }
              for col in 0..<k {
                var p = col
                var best = abs(f[col * k + col])
                var r = col + 1
                while r < k {
                  let v = abs(f[r * k + col])
                  if v > best {
                    best = v
                    p = r
                  }
                  r += 1
                }
                if best < 1e-14 { return false }
                if p != col {
                  let x = f + p * k, y = f + col * k
                  for j in 0..<k { (x[j], y[j]) = (y[j], x[j]) }
                  pm.swapAt(p, col)
                }
                let pivotRow = f + col * k
                let inv = 1 / pivotRow[col]
                r = col + 1
                while r < k {
                  let row = f + r * k
                  let factor = row[col] * inv
                  row[col] = factor
                  if factor != 0 {
                    var j = col + 1
                    while j < k {
                      row[j] -= factor * pivotRow[j]
                      j += 1
                    }
                  }
                  r += 1
                }
              }
              return true
            }
          }
        }
      }
    }
  }

  /// Solves `M x = rhs` with the current factors, in place (`rhs` has `k` entries).
  private func solve(_ rhs: inout [Double]) {
    let k = support.count
    var y = [Double](repeating: 0, count: k)
    lu.withUnsafeBufferPointer { f in
      perm.withUnsafeBufferPointer { pm in
        y.withUnsafeMutableBufferPointer { yy in
          for i in 0..<k { yy[i] = rhs[pm[i]] }
          for i in 0..<k {
            var s = yy[i]
            let row = f.baseAddress! + i * k
            for j in 0..<i { s -= row[j] * yy[j] }
            yy[i] = s
          }
          var i = k - 1
          while i >= 0 {
            let row = f.baseAddress! + i * k
            var s = yy[i]
            var j = i + 1
            while j < k {
              s -= row[j] * yy[j]
              j += 1
            }
            yy[i] = s / row[i]
            i -= 1
          }
        }
      }
    }
    rhs = y
  }

  /// `out[c] = base[c] − Σ_b C[c][S_b]·x[b]` for every constraint c.
  private func subtractSupport(_ x: [Double], from base: Double, into out: inout [Double]) {
    let n = constraints
    columnMajor.withUnsafeBufferPointer { cm in
      out.withUnsafeMutableBufferPointer { o in
        let dst = o.baseAddress!
        for c in 0..<n { dst[c] = base }
        for (b, v) in support.enumerated() where x[b] != 0 {
          let f = x[b]
          let col = cm.baseAddress! + v * n
          for c in 0..<n { dst[c] -= f * col[c] }
        }
      }
    }
  }

  /// Re-solves the basic solution from the data; false if the basis matrix is singular.
  mutating func solveValues() -> Bool {
    guard factor() else { return false }
    var z = [Double](repeating: 1, count: support.count)
    solve(&z)
    zValues = z
    var out = slackValues
    slackValues = []  // keep `out` uniquely referenced
    subtractSupport(z, from: 1, into: &out)
    slackValues = out
    return true
  }

  /// The full-tableau column of `label` (nonbasic) into `zColumn`/`slackColumn`.
  private func column(of label: Int, z: inout [Double], slack: inout [Double]) {
    let k = support.count
    if label >= variableLabel && label < variableLabel + variables {
      let e = label - variableLabel
      z = (0..<k).map { columnMajor[e * constraints + tight[$0]] }
      solve(&z)
      subtractSupport(z, from: 0, into: &slack)
      for c in 0..<constraints { slack[c] += columnMajor[e * constraints + c] }
    } else {
      let t = label - slackLabel
      z = (0..<k).map { tight[$0] == t ? 1 : 0 }
      solve(&z)
      subtractSupport(z, from: 0, into: &slack)
    }
  }

  /// The same basis as a dense dictionary (rows: the basic `z` in `support` order, then the
  /// basic slacks; columns: the nonbasic `z`, then the tight slacks), for a path that
  /// continues on dense pivots once `k` has grown. `nil` if the basis matrix is singular.
  mutating func dictionary() -> DictionaryTableau? {
    guard solveValues() else { return nil }
    let k = support.count
    var basic = support.map { variableLabel + $0 }
    var slackRows = [Int]()
    for c in 0..<constraints where !isTight[c] {
      basic.append(slackLabel + c)
      slackRows.append(c)
    }
    let inSupport = Set(support)
    var nonbasic = (0..<variables).filter { !inSupport.contains($0) }.map { variableLabel + $0 }
    nonbasic += tight.map { slackLabel + $0 }
    let w = nonbasic.count + 1
    var entries = [Double](repeating: 0, count: constraints * w)
    var z = [Double](), slack = [Double](repeating: 0, count: constraints)
    for (j, label) in nonbasic.enumerated() {
      column(of: label, z: &z, slack: &slack)
      for b in 0..<k { entries[b * w + j] = z[b] }
      for (u, c) in slackRows.enumerated() { entries[(k + u) * w + j] = slack[c] }
    }
    for b in 0..<k { entries[b * w + w - 1] = zValues[b] }
    for (u, c) in slackRows.enumerated() { entries[(k + u) * w + w - 1] = slackValues[c] }
    return DictionaryTableau(rows: constraints, columns: nonbasic.count, entries: entries,
      basic: basic, nonbasic: nonbasic, tolerance: tolerance)
  }

  /// Whether the basis has grown past the size the revised form suits.
  var isLarge: Bool { support.count > kLimit }

  /// One complementary pivot: `entering` (a nonbasic label of this polytope) enters; returns
  /// the label that leaves, or `nil` if the basis matrix is numerically singular.
  /// Ties in the ratio test are broken by the columns of the slack labels in order.
  mutating func step(entering: Int) -> Int? {
    guard solveValues() else { return nil }
    var zc = zColumn, sc = slackColumn
    zColumn = []
    slackColumn = []
    column(of: entering, z: &zc, slack: &sc)
    zColumn = zc
    slackColumn = sc
    // Rows: basic z_b (b over S), then basic slacks c ∉ J. Row ids: b, or k + c.
    let k = support.count
    var tieColumns = [Int: ([Double], [Double])]()
    func entry(_ row: Int, _ z: [Double], _ s: [Double]) -> Double {
      row < k ? z[row] : s[row - k]
    }
    func value(_ row: Int) -> Double { row < k ? zValues[row] : slackValues[row - k] }
    func tieEntry(_ row: Int, slack t: Int) -> Double {
      if !isTight[t] { return row == k + t ? 1 : 0 }
      if tieColumns[t] == nil {
        var z = [Double](), s = [Double](repeating: 0, count: constraints)
        column(of: slackLabel + t, z: &z, slack: &s)
        tieColumns[t] = (z, s)
      }
      let (z, s) = tieColumns[t]!
      return entry(row, z, s)
    }
    func compare(_ x: Double, _ y: Double) -> Int {
      if abs(x - y) <= tolerance { return 0 }
      return x < y ? -1 : 1
    }
    var best = -1
    var bestA = 0.0
    func consider(_ row: Int, _ a: Double) {
      guard a > tolerance else { return }
      if best < 0 {
        best = row
        bestA = a
        return
      }
      var s = compare(value(row) / a, value(best) / bestA)
      var t = 0
      while s == 0 && t < constraints {
        s = compare(tieEntry(row, slack: t) / a, tieEntry(best, slack: t) / bestA)
        t += 1
      }
      if s < 0 {
        best = row
        bestA = a
      }
    }
    // Keep the dense dictionary's row order: P and Q list slacks before decision rows only
    // through their labels, so scan rows by label for a deterministic tie order.
    for c in 0..<constraints where !isTight[c] { consider(k + c, slackColumn[c]) }
    for b in 0..<k { consider(b, zColumn[b]) }
    precondition(best >= 0, "the polytope is bounded for positive payoffs")
    // Exchange.
    let leaving: Int
    if best < k {
      let v = support[best]
      leaving = variableLabel + v
      support.remove(at: best)
    } else {
      let c = best - k
      leaving = slackLabel + c
      tight.append(c)
      isTight[c] = true
    }
    if entering >= variableLabel && entering < variableLabel + variables {
      support.append(entering - variableLabel)
    } else {
      let t = entering - slackLabel
      let at = tight.firstIndex(of: t)!
      tight.remove(at: at)
      isTight[t] = false
    }
    // M's rows and columns must stay paired only as sets; the order is free.
    return leaving
  }
}
