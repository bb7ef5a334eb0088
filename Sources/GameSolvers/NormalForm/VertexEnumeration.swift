// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Finds every extreme Nash equilibrium of a two-player game by enumerating the vertices of
/// its two best-response polytopes.
///
/// The method of von Stengel (2007), "Equilibrium computation for two-player games in
/// strategic and extensive form" (AGT ch. 3), §3.3, and Avis, Rosenberg, Savani & von
/// Stengel (2010), "Enumeration of Nash equilibria for two-player games":
/// 1. Make the payoffs positive (a shift that keeps the equilibria) and form the polytopes
///    `P = {x ≥ 0 : Bᵀx ≤ 1}` and `Q = {y ≥ 0 : Ay ≤ 1}`. A point's *labels* are the
///    indices of its binding inequalities: `i` for `x_i = 0` or `(Ay)_i = 1`, `m + j` for
///    `(Bᵀx)_j = 1` or `y_j = 0`.
/// 2. Enumerate the vertices of each polytope, with their label sets, by a depth-first search
///    over its feasible bases: from each basis, every nonbasic variable is pivoted in with
///    every row that ties in the minimum-ratio test, and a basis is expanded once (a set of
///    visited bases). The graph of feasible bases is connected, so every vertex is reached
///    even when it is degenerate (has several bases); vertices are deduplicated by their label
///    set, which determines a vertex of a polytope.
/// 3. Report every completely labelled pair `(x, y) ≠ (0, 0)`, i.e. `L(x) ∪ L(y)` holds all
///    `m + n` labels, normalised to probabilities. Nondegenerate vertices are matched by a
///    hash lookup of the complementary label set; degenerate ones by a superset scan.
///
/// The exact path pivots fraction-free on integers (checked `Int64`, moving to `BigInt` on
/// overflow), so no rational is formed until an equilibrium is reported; the float path
/// pivots in `Double` with a tolerance. Output is ordered lexicographically by the row
/// player's then the column player's probabilities. Every equilibrium is verified (regret
/// exactly zero in `Rational`, within the tolerance in `Double`) before it is returned.
/// Degenerate games are handled: every vertex pair is reported, including those a
/// nondegenerate method would miss (all-zero payoffs give the 4 extreme equilibria of a 2×2).
///
/// - Complexity: O(β·(m·r + r·(m + n))) for β feasible bases of the two polytopes together
///   (r ≤ max(m, n) rows per tableau): one minimum-ratio test per nonbasic column and one
///   pivot per new basis; plus the matching, O(|V_P| + |V_Q|) lookups for nondegenerate
///   vertices and O(|V_P|·|V_Q^deg| + |V_P^deg|·|V_Q|) label-set tests otherwise. β is the
///   number of vertices for a nondegenerate game, at most exponential in min(m, n).
///   Memory: the visited bases and vertices, and a stack of tableaux.
public struct VertexEnumeration: NashSolver {
  /// The method's name on the command line.
  public var name: String { "enummixed" }
  /// Limits honoured every 64 bases.
  public var control: SolverControl
  /// For the float path: entries within this of zero count as zero.
  public var tolerance: Double

  public init(control: SolverControl = .none, tolerance: Double = 1e-9) {
    self.control = control
    self.tolerance = tolerance
  }

  /// Every extreme equilibrium of the two-player `game`.
  ///
  /// - Throws: `SolverError.unsupportedGame` unless the game has two players;
  ///   `.limitExceeded` if `m + n` exceeds 128 labels; `.numerical` if a float result fails
  ///   verification.
  public func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> SolverResult<S>
  {
    try game.requireTwoPlayers(for: name)
    let m = game.strategies[0].count, n = game.strategies[1].count
    guard m + n <= LabelSet.capacity else {
      throw .limitExceeded(name,
        "the game has \(m + n) strategies in all; vertex enumeration supports at most 128")
    }
    let parameters = ["rational": S.isExact ? "true" : "false"]
    if S.isExact {
      let g = unsafeSameType(game, as: NormalFormGame<Rational>.self)
      let (p, q) = BestResponsePolytopes.exactTableaux(g)
      let (pairs, status) = extremeEquilibria(p, q, m: m, n: n)
      var profiles = pairs.map { MixedProfile<Rational>([$0.0, $0.1]) }
      profiles.sort(by: VertexEnumeration.precedes)
      for e in profiles where !g.isNashEquilibrium(e) {
        throw .numerical(name, "internal check failed: a reported profile has positive regret")
      }
      return unsafeSameType(
        SolverResult(equilibria: profiles, method: name, parameters: parameters, status: status),
        as: SolverResult<S>.self)
    }
    let g = game.converted(to: Double.self)
    let (p, q) = BestResponsePolytopes.floatTableaux(g, tolerance: tolerance)
    let (pairs, status) = extremeEquilibria(p, q, m: m, n: n)
    var profiles = pairs.map { MixedProfile<Double>([$0.0, $0.1]) }
    profiles.sort(by: VertexEnumeration.precedes)
    let check = verificationTolerance(g)
    for e in profiles where !g.isNashEquilibrium(e, tolerance: check) {
      throw .numerical(name, "a floating-point equilibrium failed verification (regret above "
        + "\(check)); solve exactly instead")
    }
    let result = SolverResult(equilibria: profiles, method: name, parameters: parameters,
      status: status, tolerance: check)
    return unsafeSameType(result, as: SolverResult<S>.self)
  }

  /// Orders profiles lexicographically by their probabilities, player 0 first.
  static func precedes<T: GameScalar>(_ a: MixedProfile<T>, _ b: MixedProfile<T>) -> Bool {
    for (u, v) in zip(a.probabilities, b.probabilities) {
      for (s, t) in zip(u, v) where s != t { return s < t }
    }
    return false
  }

  private func verificationTolerance(_ g: NormalFormGame<Double>) -> Double {
    let scale = g.payoffs.joined().reduce(1.0) { max($0, abs($1)) }
    return max(tolerance, 1e-9) * 1e3 * scale
  }

  // MARK: - Kernel

  /// A vertex of a best-response polytope: its labels and its point up to a positive factor
  /// (empty at the origin).
  struct Vertex<Value> {
    var labels: LabelSet
    var point: [Value]
  }

  /// `v / Σv`.
  private func normalised<V: GameScalar>(_ v: [V]) -> [V] {
    let total = v.reduce(V.zero, +)
    let r = total.reciprocal!
    return v.map { $0 * r }
  }

  /// Enumerates both polytopes and matches completely labelled pairs.
  func extremeEquilibria<T: PivotTableau>(_ p: T, _ q: T, m: Int, n: Int)
    -> ([([T.Value], [T.Value])], SolverStatus) where T.Value: GameScalar
  {
    let (vp, s1) = vertices(of: p, decision: 0..<m)
    if let s1 { return ([], s1) }
    let (vq, s2) = vertices(of: q, decision: m..<(m + n))
    if let s2 { return ([], s2) }
    let universe = LabelSet.all(m + n)
    var exact = [LabelSet: Int]()
    var degenerateQ = [Int]()
    for (k, v) in vq.enumerated() {
      if v.point.isEmpty { continue }  // the origin
      if v.labels.count == m { exact[v.labels] = k } else { degenerateQ.append(k) }
    }
    var pairs = [([T.Value], [T.Value])]()
    for x in vp where !x.point.isEmpty {
      let needed = x.labels.complement(in: universe)
      if x.labels.count == m {
        if let k = exact[needed] { pairs.append((normalised(x.point), normalised(vq[k].point))) }
        for k in degenerateQ where vq[k].labels.isSuperset(of: needed) {
          pairs.append((normalised(x.point), normalised(vq[k].point)))
        }
      } else {
        for y in vq where !y.point.isEmpty && y.labels.isSuperset(of: needed) {
          pairs.append((normalised(x.point), normalised(y.point)))
        }
      }
    }
    return (pairs, .complete)
  }

  /// The vertices of the polytope of tableau `start` (at the origin), by depth-first search
  /// over feasible bases. `decision` are the labels of the polytope's coordinates; the origin
  /// is reported with an empty point.
  func vertices<T: PivotTableau>(of start: T, decision: Range<Int>)
    -> ([Vertex<T.Value>], SolverStatus?) where T.Value: GameScalar
  {
    var visited: Set<LabelSet> = [start.basisSet]
    var seen = Set<LabelSet>()
    var found = [Vertex<T.Value>]()
    var stack = [start]
    let labelCount = start.labelCount
    var expanded = 0
    while var t = stack.popLast() {
      expanded += 1
      if expanded & 63 == 0, let reason = control.stopReason() { return (found, reason) }
      let labels = t.labels
      if seen.insert(labels).inserted {
        found.append(Vertex(labels: labels, point: point(of: t, decision: decision)))
      }
      let basis = t.basis
      let basisSet = t.basisSet
      var moves = [(row: Int, column: Int)]()
      for c in 0..<labelCount where !basisSet.contains(c) {
        for r in t.minimumRatioRows(column: c) {
          var next = basisSet
          next.remove(basis[r])
          next.insert(c)
          if visited.insert(next).inserted { moves.append((r, c)) }
        }
      }
      // Reuse the popped tableau for the last move.
      for (k, move) in moves.enumerated() {
        if k + 1 == moves.count {
          t.pivot(row: move.row, column: move.column)
          stack.append(t)
        } else {
          var u = t
          u.pivot(row: move.row, column: move.column)
          stack.append(u)
        }
      }
    }
    return (found, nil)
  }

  /// The current basic solution's point up to a positive factor, or `[]` at the origin.
  private func point<T: PivotTableau>(of t: T, decision: Range<Int>) -> [T.Value]
  where T.Value: GameScalar {
    var v = [T.Value](repeating: .zero, count: decision.count)
    var positive = false
    for (r, b) in t.basis.enumerated() where decision.contains(b) && !t.isZeroRHS(r) {
      v[b - decision.lowerBound] = t.scaledValue(r)
      positive = true
    }
    return positive ? v : []
  }
}
