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
      let (vp, s1) = vertices(of: p, decision: 0..<m)
      let (vq, s2) = s1 == nil
        ? vertices(of: q, decision: m..<(m + n)) : (VertexList<Rational>(), nil)
      let pairs = s1 ?? s2 == nil ? VertexEnumeration.completelyLabelledPairs(vp, vq, m: m, n: n)
        : []
      var profiles = pairs.map { MixedProfile<Rational>([$0.0, $0.1]) }
      profiles.sort(by: VertexEnumeration.precedes)
      for e in profiles where !g.isBimatrixEquilibrium(e[0], e[1], tolerance: .zero) {
        throw .numerical(name, "internal check failed: a reported profile has positive regret")
      }
      return unsafeSameType(
        SolverResult(equilibria: profiles, method: name, parameters: parameters,
          status: s1 ?? s2 ?? .complete),
        as: SolverResult<S>.self)
    }
    let g = S.self == Double.self
      ? unsafeSameType(game, as: NormalFormGame<Double>.self) : game.converted(to: Double.self)
    let (p, q) = BestResponsePolytopes.floatDictionaries(g, tolerance: tolerance)
    let (vp, s1) = floatVertices(of: p, decision: 0..<m)
    let (vq, s2) = s1 == nil ? floatVertices(of: q, decision: m..<(m + n)) : (VertexList<Double>(), nil)
    let pairs = s1 ?? s2 == nil ? VertexEnumeration.completelyLabelledPairs(vp, vq, m: m, n: n)
      : []
    var profiles = pairs.map { MixedProfile<Double>([$0.0, $0.1]) }
    profiles.sort(by: VertexEnumeration.precedes)
    let check = verificationTolerance(g)
    for e in profiles where !g.isBimatrixEquilibrium(e[0], e[1], tolerance: check) {
      throw .numerical(name, "a floating-point equilibrium failed verification (regret above "
        + "\(check)); solve exactly instead")
    }
    let result = SolverResult(equilibria: profiles, method: name, parameters: parameters,
      status: s1 ?? s2 ?? .complete, tolerance: check)
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
    var scale = 1.0
    for table in g.payoffs { for v in table { scale = max(scale, abs(v)) } }
    return max(tolerance, 1e-9) * 1e3 * scale
  }

  // MARK: - Kernel

  /// The vertices of a best-response polytope, stored flat: each vertex's labels and its
  /// point up to a positive factor (`dimension` coordinates; none stored for the origin).
  struct VertexList<Value> {
    var labels = [LabelSet]()
    /// Index into `coordinates / dimension` of each vertex's point, or -1 at the origin.
    var pointIndex = [Int]()
    var coordinates = [Value]()
    var dimension = 0

    func point(_ k: Int) -> ArraySlice<Value> {
      let s = pointIndex[k] * dimension
      return coordinates[s..<(s + dimension)]
    }
  }

  /// `v / Σv`.
  private static func normalised<V: GameScalar>(_ v: ArraySlice<V>) -> [V] {
    let total = v.reduce(V.zero, +)
    let r = total.reciprocal!
    return v.map { $0 * r }
  }

  /// The completely labelled pairs of vertices other than the origin, normalised.
  static func completelyLabelledPairs<V: GameScalar>(_ vp: VertexList<V>, _ vq: VertexList<V>,
    m: Int, n: Int) -> [([V], [V])]
  {
    let universe = LabelSet.all(m + n)
    var exact = [LabelSet: Int]()
    var degenerateQ = [Int]()
    for k in vq.labels.indices where vq.pointIndex[k] >= 0 {
      if vq.labels[k].count == n { exact[vq.labels[k]] = k } else { degenerateQ.append(k) }
    }
    var pairs = [([V], [V])]()
    for x in vp.labels.indices where vp.pointIndex[x] >= 0 {
      let labels = vp.labels[x]
      let needed = labels.complement(in: universe)
      var matches = [Int]()
      if labels.count == m {
        if let k = exact[needed] { matches.append(k) }
        for k in degenerateQ where vq.labels[k].isSuperset(of: needed) { matches.append(k) }
      } else {
        for k in vq.labels.indices
        where vq.pointIndex[k] >= 0 && vq.labels[k].isSuperset(of: needed) {
          matches.append(k)
        }
      }
      if matches.isEmpty { continue }
      let px = normalised(vp.point(x))
      for k in matches { pairs.append((px, normalised(vq.point(k)))) }
    }
    return pairs
  }

  /// The vertices of the polytope of tableau `start` (at the origin), by depth-first search
  /// over feasible bases. `decision` are the labels of the polytope's coordinates.
  func vertices<T: PivotTableau>(of start: T, decision: Range<Int>)
    -> (VertexList<T.Value>, SolverStatus?) where T.Value: GameScalar
  {
    var visited = LabelSetTable()
    _ = visited.insert(start.basisSet)
    var seen = LabelSetTable()
    var found = VertexList<T.Value>()
    found.dimension = decision.count
    var stack = [start]
    let labelCount = start.labelCount
    var expanded = 0
    var moves = [(row: Int, column: Int)]()
    var ties = [Int]()
    while var t = stack.popLast() {
      expanded += 1
      if expanded & 63 == 0, let reason = control.stopReason() { return (found, reason) }
      let labels = t.labels
      if seen.insert(labels) { record(t, labels: labels, decision: decision, into: &found) }
      let basis = t.basis
      let basisSet = t.basisSet
      moves.removeAll(keepingCapacity: true)
      for c in 0..<labelCount where !basisSet.contains(c) {
        t.minimumRatioRows(column: c, into: &ties)
        for r in ties {
          var next = basisSet
          next.remove(basis[r])
          next.insert(c)
          if visited.insert(next) { moves.append((r, c)) }
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

  /// Appends the current basic solution of `t` with its `labels` to `list`.
  private func record<T: PivotTableau>(_ t: T, labels: LabelSet, decision: Range<Int>,
    into list: inout VertexList<T.Value>) where T.Value: GameScalar
  {
    list.labels.append(labels)
    let start = list.coordinates.count
    list.coordinates.append(contentsOf: repeatElement(.zero, count: decision.count))
    var positive = false
    for (r, b) in t.basis.enumerated() where decision.contains(b) && !t.isZeroRHS(r) {
      list.coordinates[start + b - decision.lowerBound] = t.scaledValue(r)
      positive = true
    }
    if positive {
      list.pointIndex.append(start / max(decision.count, 1))
    } else {
      list.coordinates.removeLast(decision.count)
      list.pointIndex.append(-1)
    }
  }

  /// The float search: the same depth-first search over the bases of a dictionary, with the
  /// stack of dictionaries kept in one buffer and each child written by an out-of-place pivot
  /// of its parent (no copy, no allocation per basis).
  func floatVertices(of start: DictionaryTableau, decision: Range<Int>)
    -> (VertexList<Double>, SolverStatus?)
  {
    let rows = start.rows, cols = start.columns, w = start.width
    let size = rows * w, labelSize = rows + cols
    let tol = start.tolerance
    var found = VertexList<Double>()
    found.dimension = decision.count
    var visited = LabelSetTable(minimumCapacity: 1024)
    _ = visited.insert(start.basisSet)
    var seen = LabelSetTable(minimumCapacity: 1024)
    // The stack: `capacity` slots of `size` entries and `labelSize` labels each.
    var capacity = 64
    var arena = UnsafeMutablePointer<Double>.allocate(capacity: capacity * size)
    var labelArena = UnsafeMutablePointer<Int>.allocate(capacity: capacity * labelSize)
    let current = UnsafeMutablePointer<Double>.allocate(capacity: size)
    let labelsNow = UnsafeMutablePointer<Int>.allocate(capacity: labelSize)
    let ratio = UnsafeMutablePointer<Double>.allocate(capacity: rows)
    defer {
      arena.deallocate()
      labelArena.deallocate()
      current.deallocate()
      labelsNow.deallocate()
      ratio.deallocate()
    }
    start.entries.withUnsafeBufferPointer { arena.update(from: $0.baseAddress!, count: size) }
    for r in 0..<rows { labelArena[r] = start.basic[r] }
    for c in 0..<cols { labelArena[rows + c] = start.nonbasic[c] }
    var depth = 1
    var point = [Double](repeating: 0, count: decision.count)
    var expanded = 0
    while depth > 0 {
      depth -= 1
      expanded += 1
      if expanded & 63 == 0, let reason = control.stopReason() { return (found, reason) }
      current.update(from: arena + depth * size, count: size)
      labelsNow.update(from: labelArena + depth * labelSize, count: labelSize)
      var basisSet = LabelSet()
      var labels = LabelSet()
      for r in 0..<rows {
        basisSet.insert(labelsNow[r])
        if abs(current[r * w + cols]) <= tol { labels.insert(labelsNow[r]) }
      }
      for c in 0..<cols { labels.insert(labelsNow[rows + c]) }
      if seen.insert(labels) {
        found.labels.append(labels)
        var positive = false
        for k in point.indices { point[k] = 0 }
        for r in 0..<rows {
          let b = labelsNow[r]
          let v = current[r * w + cols]
          if decision.contains(b) && abs(v) > tol {
            point[b - decision.lowerBound] = v
            positive = true
          }
        }
        if positive {
          found.pointIndex.append(found.coordinates.count / max(decision.count, 1))
          found.coordinates.append(contentsOf: point)
        } else {
          found.pointIndex.append(-1)
        }
      }
      for c in 0..<cols {
        // Minimum ratio over the rows with a positive entry (branch-free, so the compiler
        // can use selects), then every row within tolerance.
        var least = Double.infinity
        for r in 0..<rows {
          let a = current[r * w + c]
          let quotient = current[r * w + cols] / a
          let q = a > tol ? quotient : .infinity
          ratio[r] = q
          least = q < least ? q : least
        }
        if least == .infinity { continue }
        for r in 0..<rows where ratio[r] - least <= tol {
          var next = basisSet
          next.remove(labelsNow[r])
          next.insert(labelsNow[rows + c])
          guard visited.insert(next) else { continue }
          if depth == capacity {
            let bigger = UnsafeMutablePointer<Double>.allocate(capacity: 2 * capacity * size)
            bigger.moveInitialize(from: arena, count: capacity * size)
            arena.deallocate()
            arena = bigger
            let biggerLabels = UnsafeMutablePointer<Int>.allocate(
              capacity: 2 * capacity * labelSize)
            biggerLabels.moveInitialize(from: labelArena, count: capacity * labelSize)
            labelArena.deallocate()
            labelArena = biggerLabels
            capacity *= 2
          }
          DictionaryTableau.pivot(UnsafePointer(current), into: arena + depth * size,
            rows: rows, width: w, row: r, column: c)
          let l = labelArena + depth * labelSize
          l.update(from: labelsNow, count: labelSize)
          l[r] = labelsNow[rows + c]
          l[rows + c] = labelsNow[r]
          depth += 1
        }
      }
    }
    return (found, nil)
  }
}
