// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
import GameCore

/// Finds a Nash equilibrium of a two-player game by complementary pivoting.
///
/// The Lemke-Howson algorithm as von Stengel (2007), "Equilibrium computation for two-player
/// games in strategic and extensive form" (AGT ch. 3), §3.4–3.5, Algorithm 3.6, states it:
/// 1. Make the payoffs positive and set up the tableaux of `P = {x ≥ 0 : Bᵀx ≤ 1}` and
///    `Q = {y ≥ 0 : Ay ≤ 1}`, both at the artificial equilibrium (0, 0).
/// 2. Drop the missing label `k = initialLabel`: its variable (`x_k` in P for k < m,
///    `y_{k−m}` in Q otherwise) enters the basis of its tableau.
/// 3. The minimum-ratio test picks the leaving variable; its label has become duplicate, so
///    the variable with the same label enters in the *other* tableau. Repeat until the
///    leaving variable has label k: the pair is then completely labelled.
/// Ties in the ratio test are broken lexicographically with the columns of the initial basis
/// (§3.5), so degenerate games never make the path cycle. With `allLabels`, the path is
/// followed from every label and the distinct equilibria (within 1e-6 for floats) are returned
/// in the order first found. Each result is verified.
///
/// Arithmetic:
/// - Float: each polytope is kept in revised form (``RevisedPolytope``): only its basis, the
///   `k` basic strategies and `k` tight constraints, with the basic solution re-solved from
///   the payoffs at every step — O(k³ + k·(m + n)) per pivot and no accumulated rounding.
///   When `k` grows past the point where that beats a dense pivot, the path continues on a
///   dense dictionary (no identity columns, O(m·n) per pivot).
/// - Exact, games of at most `floatFirstAbove` cells: fraction-free integer pivoting
///   (checked `Int64`, then `Int128`, then `BigInt`).
/// - Exact, larger games: the path is followed in floating point, then its final
///   complementary basis — each player's support and the opponent's tight strategies — is
///   re-solved exactly (two square systems, fraction-free in `BigInt`) and the profile is
///   verified exactly in integers. If the float path fails or the re-solved profile is not an
///   equilibrium, the path is pivoted exactly instead. The route taken is recorded in the
///   result's `parameters["route"]` and notes.
///
/// - Complexity: a float pivot costs O(min(k³ + k·r, r·(m + n))) for r = n or m rows; an
///   exact one O(r·(m + n)) integer operations; the number of pivots is usually small but
///   exponential in the worst case (Savani & von Stengel 2006).
public struct LemkeHowson: NashSolver {
  /// The method's name on the command line.
  public var name: String { "lcp" }
  /// The label dropped first, 0-based over the m + n labels (row strategies first).
  public var initialLabel: Int
  /// Follow the path from every label and return the distinct equilibria found.
  public var allLabels: Bool
  /// Pivots allowed per path before stopping with `.pivotLimit`.
  public var maxPivots: Int
  /// Limits honoured once per pivot.
  public var control: SolverControl
  /// For the float path: entries within this of zero count as zero.
  public var tolerance: Double
  /// Exact solves of games with more payoff cells (m·n) than this follow the path in floating
  /// point first and re-derive the result exactly (see ``solve(_:)``); `Int.max` pivots exactly
  /// throughout.
  public var floatFirstAbove: Int

  public init(initialLabel: Int = 0, allLabels: Bool = false, maxPivots: Int = 1_000_000,
    control: SolverControl = .none, tolerance: Double = 1e-9, floatFirstAbove: Int = 400)
  {
    self.floatFirstAbove = floatFirstAbove
    self.initialLabel = initialLabel
    self.allLabels = allLabels
    self.maxPivots = maxPivots
    self.control = control
    self.tolerance = tolerance
  }

  /// One equilibrium (or, with `allLabels`, one per distinct path end).
  ///
  /// - Throws: `SolverError.unsupportedGame` unless the game has two players;
  ///   `.invalidArgument` if `initialLabel` is out of range; `.numerical` if a float result
  ///   fails verification.
  public func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> SolverResult<S>
  {
    try game.requireTwoPlayers(for: name)
    let m = game.strategies[0].count, n = game.strategies[1].count
    guard allLabels || (0..<(m + n)).contains(initialLabel) else {
      throw .invalidArgument(name,
        "initialLabel \(initialLabel) is outside 0..<\(m + n) (the game's m + n labels)")
    }
    var parameters = ["rational": S.isExact ? "true" : "false",
      "maxPivots": String(maxPivots)]
    parameters[allLabels ? "allLabels" : "initialLabel"] =
      allLabels ? "true" : String(initialLabel)
    let labels = allLabels ? Array(0..<(m + n)) : [initialLabel]
    if S.isExact {
      let g = unsafeSameType(game, as: NormalFormGame<Rational>.self)
      if m * n > floatFirstAbove,
        let (found, pivots) = floatFirst(g, m: m, n: n, labels: labels)
      {
        parameters["route"] = "float path, exact re-solve"
        return unsafeSameType(
          SolverResult(equilibria: found, method: name, parameters: parameters,
            status: .complete,
            notes: ["pivots: \(pivots)", "float path re-solved and verified exactly"]),
          as: SolverResult<S>.self)
      }
      if m * n > floatFirstAbove { parameters["route"] = "exact pivoting (float path failed)" }
      let (p, q) = BestResponsePolytopes.exactTableaux(g)
      let (found, status, pivots) = run(p, q, m: m, n: n, labels: labels)
      for e in found where !g.isBimatrixEquilibrium(e[0], e[1], tolerance: .zero) {
        throw .numerical(name, "internal check failed: a reported profile has positive regret")
      }
      return unsafeSameType(
        SolverResult(equilibria: found, method: name, parameters: parameters, status: status,
          notes: ["pivots: \(pivots)"]),
        as: SolverResult<S>.self)
    }
    let g = S.self == Double.self
      ? unsafeSameType(game, as: NormalFormGame<Double>.self) : game.converted(to: Double.self)
    let (found, status, pivots) = floatRun(g, m: m, n: n, labels: labels)
    var scale = 1.0
    for table in g.payoffs { for v in table { scale = max(scale, abs(v)) } }
    let check = max(tolerance, 1e-9) * 1e3 * scale
    for e in found.map(\.profile) where !g.isBimatrixEquilibrium(e[0], e[1], tolerance: check) {
      throw .numerical(name, "a floating-point equilibrium failed verification (regret above "
        + "\(check)); solve exactly instead")
    }
    return unsafeSameType(
      SolverResult(equilibria: found.map(\.profile), method: name, parameters: parameters,
        status: status, tolerance: check, notes: ["pivots: \(pivots)"]),
      as: SolverResult<S>.self)
  }

  /// The exact route for large games: follows each path in `Double`, then re-derives the
  /// equilibrium exactly from the final basis and verifies it in rationals. `nil` when a path
  /// fails or any result does not verify (the caller then pivots exactly).
  ///
  /// The final complementary basis fixes each player's support and the opponent's binding
  /// strategies: the row player's `x` solves `Σ_{i∈supp x} b_ij x_i = v` for the column
  /// strategies `j` whose slack is nonbasic in P, with `Σ x_i = 1`, and symmetrically for
  /// `y` (von Stengel 2007, §3.2: a vertex is the solution of its tight constraints). These
  /// square systems are solved in `Rational` and the pair is accepted only if it is exactly a
  /// Nash equilibrium.
  func floatFirst(_ g: NormalFormGame<Rational>, m: Int, n: Int, labels: [Int])
    -> ([MixedProfile<Rational>], Int)?
  {
    let gd = g.converted(to: Double.self)
    let (floatFound, status, pivots) = floatRun(gd, m: m, n: n, labels: labels)
    guard status == .complete else { return nil }
    var found = [MixedProfile<Rational>]()
    var seen = Set<MixedProfile<Rational>>()
    for end in floatFound {
      let rowSupport = end.rowSupport, binding = end.binding
      let colSupport = end.colSupport, bindingRows = end.bindingRows
      guard
        let x = LemkeHowson.indifferentStrategy(support: rowSupport, against: binding,
          size: m, payoff: { i, j in g.payoffs[1][i + j * m] }),
        let y = LemkeHowson.indifferentStrategy(support: colSupport, against: bindingRows,
          size: n, payoff: { j, i in g.payoffs[0][i + j * m] }),
        g.isBimatrixEquilibriumExactly(x, y)
      else { return nil }
      let e = MixedProfile([x, y])
      if seen.insert(e).inserted { found.append(e) }
    }
    return (found, pivots)
  }

  /// The mixed strategy on `support` (indices into `0..<size`) that makes the opponent
  /// indifferent among `against`: `Σ_{s∈support} payoff(s, t)·z_s = v` for each `t`, and
  /// `Σ z_s = 1`; `nil` if the system is not square, is singular, or the solution has a
  /// negative entry.
  ///
  /// Each equation is scaled by the lcm of its denominators to integers and the system is
  /// solved by fraction-free Gauss-Jordan elimination in `BigInt` (Edmonds 1967; every entry
  /// stays a minor of the matrix, every division is exact), so the only rationals formed are
  /// the `k` quotients of the solution.
  static func indifferentStrategy(support: [Int], against: [Int], size: Int,
    payoff: (Int, Int) -> Rational) -> [Rational]?
  {
    let k = support.count
    guard k == against.count, k > 0 else { return nil }
    // Unknowns z_0..z_{k−1}, v; equations: one per `against`, then the sum; rhs last.
    let width = k + 2, rows = k + 1
    var a = [BigInt](repeating: 0, count: rows * width)
    for (e, t) in against.enumerated() {
      let values = support.map { payoff($0, t) }
      var l = BigInt(1)
      for value in values where value.denominator != 1 {
        let d = value.denominator
        l = l / BigInt(l.magnitude.greatestCommonDivisor(with: d.magnitude)) * d
      }
      for (u, value) in values.enumerated() {
        a[e * width + u] = value.numerator * (l / value.denominator)
      }
      a[e * width + k] = -l
    }
    for u in 0..<k { a[k * width + u] = 1 }
    a[k * width + k + 1] = 1
    var determinant = BigInt(1)
    for col in 0..<rows {
      guard let pivot = (col..<rows).first(where: { !a[$0 * width + col].isZero }) else {
        return nil
      }
      if pivot != col {
        for j in 0..<width { a.swapAt(pivot * width + j, col * width + j) }
      }
      let p = a[col * width + col]
      for r in 0..<rows where r != col {
        let q = a[r * width + col]
        for j in 0..<width where j != col {
          a[r * width + j] = q.isZero
            ? a[r * width + j] * p / determinant
            : (a[r * width + j] * p - q * a[col * width + j]) / determinant
        }
        a[r * width + col] = 0
      }
      determinant = p
    }
    // Row u now reads determinant·z_u = a[u][rhs].
    var z = [Rational](repeating: .zero, count: size)
    for (u, s) in support.enumerated() {
      let value = Rational(a[u * width + k + 1], determinant)
      if value.signum < 0 { return nil }
      z[s] = value
    }
    return z
  }

  /// The float route: every path on the dictionaries of P and Q; returns each distinct end
  /// (within 1e-6) with its final dictionaries.
  func floatRun(_ g: NormalFormGame<Double>, m: Int, n: Int, labels: [Int])
    -> ([FloatEnd], SolverStatus, Int)
  {
    // P = {x ≥ 0 : Bᵀx ≤ 1}: C[j][i] = b[i + j·m], column-major C is the transpose of b;
    // Q = {y ≥ 0 : Ay ≤ 1}: C[i][j] = a[i + j·m], column-major C is a as stored.
    let a = BestResponsePolytopes.normalisedPayoffs(g, player: 0)
    let b = BestResponsePolytopes.normalisedPayoffs(g, player: 1)
    var bt = [Double](repeating: 0, count: m * n)
    b.withUnsafeBufferPointer { src in
      bt.withUnsafeMutableBufferPointer { dst in
        for j in 0..<n { for i in 0..<m { dst[i * n + j] = src[i + j * m] } }
      }
    }
    let revised = (
      p: RevisedPolytope(constraints: n, variables: m, columnMajor: bt, variableLabel: 0,
        slackLabel: m, tolerance: tolerance),
      q: RevisedPolytope(constraints: m, variables: n, columnMajor: a, variableLabel: m,
        slackLabel: 0, tolerance: tolerance))
    var dense: (p: DictionaryTableau, q: DictionaryTableau)?
    var total = 0
    var found = [FloatEnd]()
    for k in labels {
      var pivots = 0
      var outcome: Result<FloatEnd, Stop>
      if let end = revisedPath(revised, m: m, n: n, missing: k, pivots: &pivots) {
        outcome = end
      } else {
        pivots = 0
        if dense == nil {
          dense = BestResponsePolytopes.floatDictionaries(g, tolerance: tolerance)
        }
        outcome = floatPath(dense!.p, dense!.q, m: m, n: n, missing: k, pivots: &pivots)
      }
      total += pivots
      switch outcome {
      case .success(let end):
        let isNew = !found.contains { f in
          zip(f.profile.probabilities.joined(), end.profile.probabilities.joined()).allSatisfy {
            abs($0 - $1) <= 1e-6
          }
        }
        if isNew { found.append(end) }
      case .failure(let stop):
        return (found, stop.status, total)
      }
    }
    return (found, .complete, total)
  }

  /// The end of a float path: the equilibrium and its final basis, as each player's support
  /// and the opponent's strategies that are tight (best responses) there.
  struct FloatEnd {
    var profile: MixedProfile<Double>
    /// Basic `x_i` in P.
    var rowSupport: [Int]
    /// Column strategies whose slack is nonbasic in P.
    var binding: [Int]
    /// Basic `y_j` in Q.
    var colSupport: [Int]
    /// Row strategies whose slack is nonbasic in Q.
    var bindingRows: [Int]
  }

  /// One Lemke-Howson path on the revised forms of P and Q (``RevisedPolytope``), dropping
  /// label `k`; `nil` when a basis grows past the revised form's size limit or is singular,
  /// for the caller to follow the path on dense dictionaries instead.
  func revisedPath(_ start: (p: RevisedPolytope, q: RevisedPolytope), m: Int, n: Int,
    missing k: Int, pivots: inout Int) -> Result<FloatEnd, Stop>?
  {
    var p = start.p, q = start.q
    var entering = k
    var inP = k < m
    while true {
      if pivots >= maxPivots { return .failure(Stop(status: .pivotLimit(maxPivots))) }
      if pivots & 15 == 0, let reason = control.stopReason() {
        return .failure(Stop(status: reason))
      }
      if p.isLarge || q.isLarge {
        // Continue the same path on dense dictionaries.
        guard let pd = p.dictionary(), let qd = q.dictionary() else { return nil }
        return floatPath(pd, qd, m: m, n: n, missing: k, entering: entering, inP: inP,
          pivots: &pivots)
      }
      pivots += 1
      guard let leaving = inP ? p.step(entering: entering) : q.step(entering: entering)
      else { return nil }
      if leaving == k { break }
      entering = leaving
      inP.toggle()
    }
    guard p.solveValues(), q.solveValues() else { return nil }
    func strategy(_ t: RevisedPolytope, _ size: Int) -> [Double] {
      var v = [Double](repeating: 0, count: size)
      var total = 0.0
      for (u, s) in t.support.enumerated() {
        var value = t.supportValues[u]
        if abs(value) <= tolerance { value = 0 }
        v[s] = value
        total += value
      }
      let inverse = 1 / total
      return v.map { $0 * inverse }
    }
    let profile = MixedProfile([strategy(p, m), strategy(q, n)])
    return .success(FloatEnd(profile: profile, rowSupport: p.support.sorted(),
      binding: p.tight.sorted(), colSupport: q.support.sorted(), bindingRows: q.tight.sorted()))
  }

  /// One Lemke-Howson path on the dictionaries, dropping label `k` (or its continuation with
  /// `entering` entering in P or Q from the given dictionaries).
  func floatPath(_ p: DictionaryTableau, _ q: DictionaryTableau, m: Int, n: Int,
    missing k: Int, entering: Int? = nil, inP: Bool? = nil, pivots: inout Int)
    -> Result<FloatEnd, Stop>
  {
    var p = p, q = q
    var entering = entering ?? k
    var inP = inP ?? (k < m)
    while true {
      if pivots >= maxPivots { return .failure(Stop(status: .pivotLimit(maxPivots))) }
      if pivots & 15 == 0, let reason = control.stopReason() {
        return .failure(Stop(status: reason))
      }
      pivots += 1
      let leaving: Int
      if inP {
        guard let r = p.lexicographicMinimumRatioRow(entering: entering, tieBreakers: m..<(m + n))
        else { preconditionFailure("P is bounded for positive payoffs") }
        leaving = p.basic[r]
        p.pivot(row: r, entering: entering)
      } else {
        guard let r = q.lexicographicMinimumRatioRow(entering: entering, tieBreakers: 0..<m)
        else { preconditionFailure("Q is bounded for positive payoffs") }
        leaving = q.basic[r]
        q.pivot(row: r, entering: entering)
      }
      if leaving == k { break }
      entering = leaving
      inP.toggle()
    }
    func strategy(_ t: DictionaryTableau, _ decision: Range<Int>) -> [Double] {
      var v = [Double](repeating: 0, count: decision.count)
      var total = 0.0
      for (r, b) in t.basic.enumerated() where decision.contains(b) {
        var value = t.entries[r * t.width + t.columns]
        if abs(value) <= tolerance { value = 0 }
        v[b - decision.lowerBound] = value
        total += value
      }
      let inverse = 1 / total
      return v.map { $0 * inverse }
    }
    let profile = MixedProfile([strategy(p, 0..<m), strategy(q, m..<(m + n))])
    return .success(FloatEnd(profile: profile,
      rowSupport: p.basic.filter { $0 < m }.sorted(),
      binding: p.nonbasic.filter { $0 >= m }.map { $0 - m }.sorted(),
      colSupport: q.basic.filter { $0 >= m }.map { $0 - m }.sorted(),
      bindingRows: q.nonbasic.filter { $0 < m }.sorted()))
  }

  // MARK: - Kernel

  /// Follows the paths from `labels`; returns distinct equilibria in the order found.
  func run<T: PivotTableau>(_ p: T, _ q: T, m: Int, n: Int, labels: [Int])
    -> ([MixedProfile<T.Value>], SolverStatus, Int) where T.Value: GameScalar
  {
    var totalPivots = 0
    var found = [MixedProfile<T.Value>]()
    var seen = Set<MixedProfile<T.Value>>()
    // Float paths that end at one equilibrium can differ in the last bits.
    let close = T.Value.isExact ? T.Value.zero : T.Value(Rational(1, 1_000_000))
    func isNew(_ e: MixedProfile<T.Value>) -> Bool {
      if T.Value.isExact { return seen.insert(e).inserted }
      return !found.contains { f in
        zip(f.probabilities.joined(), e.probabilities.joined()).allSatisfy {
          $0.isClose(to: $1, tolerance: close)
        }
      }
    }
    for k in labels {
      var pivots = 0
      let outcome = path(p, q, m: m, n: n, missing: k, pivots: &pivots)
      totalPivots += pivots
      switch outcome {
      case .success(let e):
        if isNew(e) { found.append(e) }
      case .failure(let stop):
        return (found, stop.status, totalPivots)
      }
    }
    return (found, .complete, totalPivots)
  }

  struct Stop: Error { var status: SolverStatus }

  /// One Lemke-Howson path from the artificial equilibrium, dropping label `k`.
  func path<T: PivotTableau>(_ p: T, _ q: T, m: Int, n: Int, missing k: Int,
    pivots: inout Int) -> Result<MixedProfile<T.Value>, Stop> where T.Value: GameScalar
  {
    var p = p, q = q
    var entering = k
    var inP = k < m  // the tableau in which `entering` enters
    while true {
      if pivots >= maxPivots { return .failure(Stop(status: .pivotLimit(maxPivots))) }
      if let reason = control.stopReason() { return .failure(Stop(status: reason)) }
      pivots += 1
      let leaving: Int
      if inP {
        // P's initial basis is the slacks, labels m..<m+n.
        guard let r = p.lexicographicMinimumRatioRow(column: entering,
          tieBreakers: m..<(m + n))
        else { preconditionFailure("P is bounded for positive payoffs") }
        leaving = p.basis[r]
        p.pivot(row: r, column: entering)
      } else {
        guard let r = q.lexicographicMinimumRatioRow(column: entering, tieBreakers: 0..<m)
        else { preconditionFailure("Q is bounded for positive payoffs") }
        leaving = q.basis[r]
        q.pivot(row: r, column: entering)
      }
      if leaving == k { break }
      entering = leaving
      inP.toggle()
    }
    return .success(MixedProfile([strategy(p, decision: 0..<m), strategy(q, decision: m..<(m + n))]))
  }

  /// The normalised values of the decision variables (labels `decision`) of tableau `t`.
  private func strategy<T: PivotTableau>(_ t: T, decision: Range<Int>) -> [T.Value]
  where T.Value: GameScalar {
    var v = [T.Value](repeating: .zero, count: decision.count)
    var total = T.Value.zero
    for (r, b) in t.basis.enumerated() where decision.contains(b) {
      let value = t.scaledValue(r)
      v[b - decision.lowerBound] = value
      total += value
    }
    let inverse = total.reciprocal!
    return v.map { $0 * inverse }
  }
}
