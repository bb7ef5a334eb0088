// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
import GameCore

/// One Nash equilibrium in behaviour strategies of a two-player tree with perfect recall, by
/// Lemke's algorithm on the sequence-form linear complementarity problem.
///
/// Koller, Megiddo & von Stengel (1996), "Efficient computation of equilibria for extensive
/// two-person games", §4, and von Stengel (1996), §4; von Stengel (2007), AGT §3.11:
/// 1. Build the sequence form (``SequenceForm``): constraint matrices `E`, `F` (rows `Ex = e`,
///    `Fy = f`) and payoff matrices `A`, `B` over pairs of sequences, each entry the
///    chance-weighted sum of the leaves' payoffs. Shift every leaf payoff so that all are
///    negative (this adds a constant to `xᵀAy` for every pair of realization plans and keeps
///    the equilibria); for exact runs scale each player's payoffs to integers.
/// 2. An equilibrium is a solution of the LCP `w = q + Mz ≥ 0, z ≥ 0, zᵀw = 0` with
///    `z = (x, y, p', p'', q', q'')`, the free dual vectors split as `p = p' − p''`:
///    `w_x = −Ay + Eᵀp' − Eᵀp''`, `w_y = −Bᵀx + Fᵀq' − Fᵀq''`, and the equalities as the
///    pairs `e − Ex ≥ 0`, `Ex − e ≥ 0` (and the same for `F`, `f`).
/// 3. Lemke's algorithm with covering vector `1`: the artificial `z₀` enters at the row of
///    the most negative `q` (an `−e` row), which makes the tableau feasible; then the
///    complement of each leaving variable enters, the leaving row chosen by the
///    lexicographic minimum-ratio test, until `z₀` leaves (it leaves at once when it ties
///    for the minimum ratio). With negative payoffs `M` is copositive, and a secondary ray
///    `z*` would have `x* = y* = 0`, `(M + Mᵀ)z* = 0` and so `qᵀz* = −z₀·1ᵀz*`, while
///    `Eᵀπ ≥ 0` forces `π₀ ≥ 0` for `π = p'* − p''*`: a ray can only start where `z₀` is
///    already zero, i.e. at a solution, which is then accepted.
/// 4. Read the realization plans `x`, `y`, turn them into behaviour strategies
///    (``SequenceForm/behaviorProfile(_:in:)``), and verify each player's best-response value
///    in the tree.
/// The exact path first pivots in `Double`, then solves the found supports' equilibrium
/// system exactly in rationals (``supportSolve(_:a:b:form:game:rowsE:rowsF:)``) and keeps
/// the result only if it verifies in the tree; otherwise it pivots fraction-free in integers
/// (the shared kernel ``ExactTableau``: checked `Int64`, then `BigInt`). The float path
/// pivots in `Double` with a tolerance.
///
/// - Complexity: the LCP has `N = n₁ + n₂ + 2(m₁ + m₂)` rows for `nᵢ` sequences and
///   `mᵢ − 1` information sets, so its size is linear in the tree; each pivot costs O(N²). The
///   number of pivots is usually small but exponential in the worst case.
public struct SequenceFormLCP: Sendable {
  /// The method's name on the command line.
  public var name: String { "seqform" }
  /// Pivots allowed before stopping.
  public var maxPivots: Int
  /// Limits honoured once per pivot.
  public var control: SolverControl
  /// For the float path: entries within this of zero count as zero.
  public var tolerance: Double
  /// For exact runs: try floating-point pivoting plus an exact support solve first (falling
  /// back to exact pivoting when that does not verify).
  public var floatFirst: Bool

  public init(maxPivots: Int = 1_000_000, control: SolverControl = .none,
    tolerance: Double = 1e-9, floatFirst: Bool = true)
  {
    self.floatFirst = floatFirst
    self.maxPivots = maxPivots
    self.control = control
    self.tolerance = tolerance
  }

  /// One equilibrium of `game` in behaviour strategies.
  ///
  /// - Throws: `SolverError.unsupportedGame` unless the game has two players and perfect
  ///   recall; `.limitExceeded` at the pivot limit or deadline; `.cancelled`; `.numerical`
  ///   if the path ends in a ray or the result fails verification.
  public func solve<S: GameScalar>(_ game: ExtensiveFormGame<S>) throws(SolverError)
    -> BehaviorSolverResult<S>
  {
    try Self.requireTwoPlayersWithRecall(game, for: name)
    let form = SequenceForm(game)
    let n1 = form.sequenceCounts[0], n2 = form.sequenceCounts[1]
    let m1 = form.constraintSets[0].count + 1, m2 = form.constraintSets[1].count + 1
    let size = n1 + n2 + 2 * (m1 + m2)
    // Negative payoffs: player p's leaf payoffs shifted below zero (and, for floats, onto
    // [-2, -1] so that one tolerance suits every game).
    var a = [Int: Rational](), b = [Int: Rational]()
    for p in 0..<2 {
      let values = form.leaves.map { $0.payoffs[p].rationalValue }
      let hi = values.max() ?? 0, lo = values.min() ?? 0
      let range = hi - lo
      for leaf in form.leaves {
        let u = leaf.payoffs[p].rationalValue
        let shifted = S.isExact ? u - hi - 1 : -1 - (range > 0 ? (hi - u) / range : 0)
        let key = leaf.sequences[0] * n2 + leaf.sequences[1]
        let add = leaf.chance.rationalValue * shifted
        if p == 0 { a[key, default: 0] += add } else { b[key, default: 0] += add }
      }
    }
    if S.isExact {
      a = Self.integral(a)
      b = Self.integral(b)
    }
    // M row by row (dense), and q.
    var m = [Rational](repeating: 0, count: size * size)
    var q = [Rational](repeating: 0, count: size)
    let xs = 0, ys = n1, p1 = n1 + n2, p2 = p1 + m1, q1 = p2 + m1, q2 = q1 + m2
    for (key, value) in a { m[(xs + key / n2) * size + ys + key % n2] = -value }
    for (key, value) in b { m[(ys + key % n2) * size + xs + key / n2] = -value }
    // Row r of E (or F): entries (r, sequence, coefficient).
    func constraintEntries(_ player: Int) -> [(Int, Int, Int)] {
      var entries = [(Int, Int, Int)]()
      entries.append((0, 0, 1))
      for (r, h) in form.constraintSets[player].enumerated() {
        entries.append((r + 1, form.parentSequence[h], -1))
        for k in game.informationSets[h].actions.indices {
          entries.append((r + 1, form.firstSequence[h] + k, 1))
        }
      }
      return entries
    }
    func constraintRows(_ player: Int, _ seqStart: Int, _ plus: Int, _ minus: Int) {
      for (r, s, c) in constraintEntries(player) {
        let coefficient = Rational(c)
        // w_seq: +Eᵀp' − Eᵀp''.
        m[(seqStart + s) * size + plus + r] += coefficient
        m[(seqStart + s) * size + minus + r] -= coefficient
        // w_p' = e − Ex, w_p'' = −e + Ex.
        m[(plus + r) * size + seqStart + s] -= coefficient
        m[(minus + r) * size + seqStart + s] += coefficient
      }
      q[plus] = 1
      q[minus] = -1
    }
    constraintRows(0, xs, p1, p2)
    constraintRows(1, ys, q1, q2)
    let r = Self.artificialRow(q)
    var plans: [[Rational]] = []
    var pivots = 0
    var notes = [String]()
    if S.isExact {
      // Fast path: pivot in floating point, then solve the equilibrium's support system
      // exactly; kept only if the exact profile verifies in the tree.
      var tableau = Self.floatTableau(m: m, q: q, size: size, tolerance: tolerance)
      // Floating-point pivoting can cycle on this degenerate LCP; give it a short budget.
      var quick = self
      quick.maxPivots = min(maxPivots, 20 * size + 1000)
      if floatFirst, let (approx, count) = try? quick.lemke(
        &tableau, size: size, artificialRow: r, starts: [xs, ys], counts: [n1, n2]),
        let exact = Self.supportSolve(
          approx, a: a, b: b, form: form, game: game, rowsE: constraintEntries(0),
          rowsF: constraintEntries(1)),
        game.isNashEquilibrium(
          form.behaviorProfile(exact.map { $0.map { S($0) } }, in: game))
      {
        plans = exact
        pivots = count
        notes.append("floating-point pivoting, then the support's system solved exactly")
      } else {
        var tableau = Self.exactTableau(m: m, q: q, size: size)
        (plans, pivots) = try lemke(
          &tableau, size: size, artificialRow: r, starts: [xs, ys], counts: [n1, n2])
      }
    } else {
      var tableau = Self.floatTableau(m: m, q: q, size: size, tolerance: tolerance)
      (plans, pivots) = try lemke(
        &tableau, size: size, artificialRow: r, starts: [xs, ys], counts: [n1, n2])
    }
    let profile = form.behaviorProfile(plans.map { $0.map { S($0) } }, in: game)
    let check = S.isExact ? S.zero : S(Rational(1e-6))
    guard game.isNashEquilibrium(profile, tolerance: check) else {
      throw .numerical(name, "internal check failed: the profile has positive regret "
        + "(\(game.maxRegret(at: profile)))")
    }
    return BehaviorSolverResult(
      equilibria: [profile], method: name,
      parameters: ["rational": S.isExact ? "true" : "false", "maxPivots": String(maxPivots)]
        .merging(S.isExact && !floatFirst ? ["floatFirst": "false"] : [:]) { a, _ in a },
      tolerance: check, notes: ["\(pivots) pivots on a \(size)-row LCP"] + notes)
  }

  /// Throws unless `game` has two players and perfect recall.
  static func requireTwoPlayersWithRecall<S: GameScalar>(
    _ game: ExtensiveFormGame<S>, for operation: String
  ) throws(SolverError) {
    guard game.playerCount == 2 else {
      throw .unsupportedGame(operation,
        "the method applies to two-player trees; this game has \(game.playerCount) players")
    }
    if let problem = game.perfectRecallViolation() {
      throw .unsupportedGame(operation, problem)
    }
  }

  /// Exact realization plans on the supports of approximate ones: the sequence-form
  /// equilibrium conditions restricted to the supports `Sx`, `Sy` form a linear system —
  /// `E x = e`, `F y = f`, `(Eᵀp − A y)ᵢ = 0` for `i ∈ Sx`, `(Fᵀq − Bᵀx)ⱼ = 0` for `j ∈ Sy`,
  /// with `x`, `y` zero off the supports — solved by Gauss-Jordan elimination in rationals
  /// (free unknowns, such as the duals of unreached sets, set to zero). Returns `nil` when
  /// the system is inconsistent or the plans come out negative.
  static func supportSolve<S: GameScalar>(
    _ approx: [[Rational]], a: [Int: Rational], b: [Int: Rational], form: SequenceForm<S>,
    game: ExtensiveFormGame<S>, rowsE: [(Int, Int, Int)], rowsF: [(Int, Int, Int)]
  ) -> [[Rational]]? {
    let n1 = form.sequenceCounts[0], n2 = form.sequenceCounts[1]
    let m1 = form.constraintSets[0].count + 1, m2 = form.constraintSets[1].count + 1
    let threshold = Rational(1, 1_000_000_000)
    let sx = (0..<n1).filter { approx[0][$0] > threshold }
    let sy = (0..<n2).filter { approx[1][$0] > threshold }
    var column = [Int: Int]()  // unknown key → column
    func key(_ block: Int, _ i: Int) -> Int { block * 1_000_000_000 + i }
    for i in sx { column[key(0, i)] = column.count }
    for j in sy { column[key(1, j)] = column.count }
    for r in 0..<m1 { column[key(2, r)] = column.count }
    for r in 0..<m2 { column[key(3, r)] = column.count }
    let width = column.count
    var rows = [[Int: Rational]]()
    var rhs = [Rational]()
    var eRows = [[Int: Rational]](repeating: [:], count: m1)
    var fRows = [[Int: Rational]](repeating: [:], count: m2)
    for (r, seq, c) in rowsE {
      if let col = column[key(0, seq)] { eRows[r][col, default: 0] += Rational(c) }
    }
    for (r, seq, c) in rowsF {
      if let col = column[key(1, seq)] { fRows[r][col, default: 0] += Rational(c) }
    }
    rows += eRows
    rhs += (0..<m1).map { $0 == 0 ? 1 : 0 }
    rows += fRows
    rhs += (0..<m2).map { $0 == 0 ? 1 : 0 }
    var xRows = [Int: [Int: Rational]]()
    var yRows = [Int: [Int: Rational]]()
    for i in sx { xRows[i] = [:] }
    for j in sy { yRows[j] = [:] }
    for (r, seq, c) in rowsE where xRows[seq] != nil {
      xRows[seq]![column[key(2, r)]!, default: 0] += Rational(c)
    }
    for (r, seq, c) in rowsF where yRows[seq] != nil {
      yRows[seq]![column[key(3, r)]!, default: 0] += Rational(c)
    }
    for (k, v) in a {
      let (i, j) = (k / n2, k % n2)
      if xRows[i] != nil, let col = column[key(1, j)] { xRows[i]![col, default: 0] -= v }
    }
    for (k, v) in b {
      let (i, j) = (k / n2, k % n2)
      if yRows[j] != nil, let col = column[key(0, i)] { yRows[j]![col, default: 0] -= v }
    }
    for i in sx { rows.append(xRows[i]!); rhs.append(0) }
    for j in sy { rows.append(yRows[j]!); rhs.append(0) }
    guard let solution = sparseGaussJordan(rows, rhs, width: width) else { return nil }
    var x = [Rational](repeating: 0, count: n1), y = [Rational](repeating: 0, count: n2)
    for i in sx { x[i] = solution[column[key(0, i)]!] }
    for j in sy { y[j] = solution[column[key(1, j)]!] }
    guard x.allSatisfy({ $0 >= 0 }), y.allSatisfy({ $0 >= 0 }) else { return nil }
    return [x, y]
  }

  /// A solution of the sparse system `rows · v = rhs` (free unknowns zero), or `nil` when it
  /// is inconsistent.
  static func sparseGaussJordan(_ rows: [[Int: Rational]], _ rhs: [Rational], width: Int)
    -> [Rational]?
  {
    var rows = rows
    var rhs = rhs
    var pivotOf = [Int: Int]()  // column → row
    var used = [Bool](repeating: false, count: rows.count)
    for col in 0..<width {
      // The unused row with a nonzero in `col` and the fewest entries.
      var best = -1
      for r in rows.indices where !used[r] {
        if let v = rows[r][col], v != 0, best < 0 || rows[r].count < rows[best].count {
          best = r
        }
      }
      guard best >= 0 else { continue }
      used[best] = true
      pivotOf[col] = best
      let inverse = rows[best][col]!.reciprocal!
      rows[best] = rows[best].mapValues { $0 * inverse }
      rhs[best] *= inverse
      let pivotRow = rows[best]
      for r in rows.indices where r != best {
        guard let f = rows[r][col], f != 0 else { continue }
        for (c, v) in pivotRow {
          let updated = (rows[r][c] ?? 0) - f * v
          rows[r][c] = updated == 0 ? nil : updated
        }
        rhs[r] -= f * rhs[best]
      }
    }
    for r in rows.indices where !used[r] && rhs[r] != 0 { return nil }
    var solution = [Rational](repeating: 0, count: width)
    for (col, r) in pivotOf { solution[col] = rhs[r] }
    return solution
  }

  /// The entries multiplied by the lcm of their denominators.
  static func integral(_ entries: [Int: Rational]) -> [Int: Rational] {
    var l = BigInt(1)
    for v in entries.values where v.denominator != 1 {
      let d = v.denominator
      l = l / BigInt(l.magnitude.greatestCommonDivisor(with: d.magnitude)) * d
    }
    let scale = Rational(l)
    return entries.mapValues { $0 * scale }
  }

  /// The tableau after `z₀` has entered at row `r` = the first most negative `q` (see the
  /// column layout in ``lemke(_:size:artificialRow:starts:counts:)``), as rows of rationals.
  static func startingRows(m: [Rational], q: [Rational], size: Int) -> [Rational] {
    let r = artificialRow(q)
    let w = 2 * size + 2
    var t = [Rational](repeating: 0, count: size * w)
    for i in 0..<size {
      t[i * w + i] = 1  // w_i, or z₀ in row r
      t[i * w + 2 * size] = -1  // w_r
      for k in 0..<size {
        let coefficient = i == r ? m[r * size + k] : m[r * size + k] - m[i * size + k]
        t[i * w + size + k] = coefficient
      }
      t[i * w + 2 * size + 1] = i == r ? -q[r] : q[i] - q[r]
    }
    return t
  }

  /// The row where `z₀` enters: the first with the most negative `q`.
  static func artificialRow(_ q: [Rational]) -> Int {
    q.indices.min { q[$0] < q[$1] }!
  }

  static func exactTableau(m: [Rational], q: [Rational], size: Int) -> ExactTableau {
    let rows = startingRows(m: m, q: q, size: size)
    let big = rows.map { $0.numerator }  // integral by construction
    let basis = Array(0..<size)
    let small = big.compactMap { Int64(exactly: $0) }
    if small.count == big.count {
      return ExactTableau(rows: size, labelCount: 2 * size + 1, entries: small, basis: basis)
    }
    var t = ExactTableau(rows: size, labelCount: 2 * size + 1, entries: [], basis: basis)
    t.storage = .big(IntegerTableau(rows: size, columns: 2 * size + 2, entries: big,
      determinant: 1, basis: basis))
    return t
  }

  static func floatTableau(m: [Rational], q: [Rational], size: Int, tolerance: Double)
    -> FloatTableau
  {
    FloatTableau(rows: size, labelCount: 2 * size + 1,
      entries: startingRows(m: m, q: q, size: size).map(\.doubleValue),
      basis: Array(0..<size), tolerance: tolerance)
  }

  /// Lemke's complementary pivoting from the starting tableau.
  ///
  /// Columns: `0..<N` the starting basis (`w_i`, with `z₀` in place of the leaving `w_r`),
  /// `N..<2N` the variables `z_k`, `2N` the variable `w_r`, `2N + 1` the right-hand side.
  /// Returns each player's realization plan (normalised by `x_∅`) and the pivot count.
  func lemke<T: PivotTableau>(
    _ t: inout T, size: Int, artificialRow r: Int, starts: [Int], counts: [Int]
  ) throws(SolverError) -> ([[Rational]], Int) where T.Value: GameScalar {
    func complement(_ column: Int) -> Int {
      if column < size { return size + column }  // w_i → z_i
      if column < 2 * size { return column - size == r ? 2 * size : column - size }
      return size + r  // w_r → z_r
    }
    var entering = size + r
    var pivots = 0
    while true {
      if let reason = control.stopReason() {
        if reason == .cancelled { throw .cancelled(name) }
        throw .limitExceeded(name, "time limit reached after \(pivots) pivots")
      }
      guard pivots < maxPivots else {
        throw .limitExceeded(name, "pivot limit \(maxPivots) reached")
      }
      // z₀ leaves as soon as it ties for the minimum ratio (the path has then reached a
      // solution); otherwise the lexicographic rule keeps the path from cycling.
      var ties = [Int]()
      t.minimumRatioRows(column: entering, into: &ties)
      let z0Row = t.basis.firstIndex(of: r)
      if ties.isEmpty {
        // A ray: only possible once z₀ is zero (see the type's notes), so the current basic
        // solution already solves the LCP.
        guard let z0Row, t.isZeroRHS(z0Row) else {
          throw .numerical(name, "Lemke's path ended in a ray after \(pivots) pivots")
        }
        break
      }
      let row: Int
      if let z0Row, ties.contains(z0Row) {
        row = z0Row
      } else {
        row = t.lexicographicMinimumRatioRow(column: entering, tieBreakers: 0..<size)!
      }
      let leaving = t.basis[row]
      t.pivot(row: row, column: entering)
      pivots += 1
      if leaving == r { break }
      entering = complement(leaving)
    }
    var values = [T.Value](repeating: .zero, count: 2 * size + 1)
    for (row, column) in t.basis.enumerated() { values[column] = t.scaledValue(row) }
    return (
      starts.indices.map { p in
        let base = size + starts[p]
        let inverse = values[base].reciprocal!
        return (0..<counts[p]).map { (values[base + $0] * inverse).rationalValue }
      }, pivots
    )
  }
}
