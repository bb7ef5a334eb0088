// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// The core of a TU game: whether it is empty (balancedness), a point in it, and, for small
/// games, all its vertices, exactly.
///
/// The core is `{x : x(N) = v(N), x(S) ≥ v(S) for all S}` (Gillies 1959). Steps:
/// 1. Balancedness and a point: the least-core LP (``LeastCore``); the core is non-empty
///    iff `ε* ≤ 0` (Bondareva–Shapley theorem; Maschler, Solan and Zamir 2013, Thm 17.14).
/// 2. Vertices (``vertices(of:control:)``, `n ≤ 6`): every vertex of the core polytope is
///    the unique solution of `x(N) = v(N)` and `n − 1` tight constraints `x(S) = v(S)` whose
///    vectors are independent. Enumerate the `(n−1)`-subsets of coalitions, solve each
///    square system exactly, keep the solutions inside the core, and remove duplicates.
/// 3. Verify every returned point against all `2ⁿ` core constraints.
/// - Complexity: step 2 solves `C(2ⁿ−2, n−1)` systems of size `n` (27,405 for `n = 5`).
public struct CoreSolver: Sendable {
  public init() {}

  /// One core point (the least-core point) or a result with no allocation when the core is
  /// empty; `scalar` is `ε*`.
  ///
  /// - Throws: as ``LeastCore/solve(_:control:)``.
  public func point<S: GameScalar>(
    in game: CoalitionalGame<S>, control: SolverControl = .none
  ) throws(SolverError) -> AllocationResult<S> {
    var r = try LeastCore().solve(game, control: control)
    r.method = "core"
    if let eps = r.scalar, eps > .zero {
      r.allocations = []
      r.notes = ["the core is empty: the least-core value is positive"]
    } else {
      guard game.converted(to: Rational.self).isInCore(r.allocation.map(\.rationalValue))
      else { throw .numerical("core", "verification failed: the point is not in the core") }
    }
    return r
  }

  /// Whether the core is non-empty (the game is balanced).
  public func isBalanced<S: GameScalar>(
    _ game: CoalitionalGame<S>, control: SolverControl = .none
  ) throws(SolverError) -> Bool {
    try !point(in: game, control: control).allocations.isEmpty
  }

  /// All vertices of the core, in lexicographic order; none when the core is empty.
  ///
  /// - Throws: ``SolverError`` for more than 6 players or when cancelled.
  public func vertices<S: GameScalar>(
    of game: CoalitionalGame<S>, control: SolverControl = .none
  ) throws(SolverError) -> AllocationResult<S> {
    let n = game.playerCount
    guard n <= 6 else {
      throw .limitExceeded("core", "vertex enumeration is limited to 6 players, got \(n)")
    }
    let g = game.converted(to: Rational.self)
    let proper = n == 1 ? [] : Array(1..<g.grandMask)
    var found = Set<[Rational]>()
    var chosen: [Int] = []
    var steps = 0
    var stopped: SolverStatus? = nil
    func visit(_ start: Int) {
      if stopped != nil { return }
      if chosen.count == n - 1 {
        steps += 1
        if steps & 1023 == 0, let s = control.stopReason() { stopped = s; return }
        let rows = (chosen + [g.grandMask]).map { ExcessMinimization.vector($0, n) }
        let rhs = (chosen + [g.grandMask]).map { g[$0] }
        if let x = Self.solveSquare(rows, rhs), g.isInCore(x) { found.insert(x) }
        return
      }
      if start >= proper.count { return }
      for k in start..<proper.count {
        chosen.append(proper[k])
        visit(k + 1)
        chosen.removeLast()
      }
    }
    if n == 1 {
      found.insert([g.grandWorth])
    } else {
      visit(0)
    }
    if let stopped { throw .cancelled("core vertices (\(stopped))") }
    let list = found.sorted { $0.lexicographicallyPrecedes($1) }
    for x in list where !g.isInCore(x) {
      throw .numerical("core", "verification failed: a vertex is not in the core")
    }
    return AllocationResult<Rational>(
      allocations: list, method: "core vertices",
      parameters: ["algorithm": "tight-constraint enumeration"],
      notes: list.isEmpty ? ["the core is empty"] : []
    ).converted(to: S.self)
  }

  /// The unique solution of the square system, or `nil` when it is singular.
  static func solveSquare(_ a: [[Rational]], _ b: [Rational]) -> [Rational]? {
    let n = b.count
    var m = zip(a, b).map { $0 + [$1] }
    for c in 0..<n {
      guard let p = (c..<n).first(where: { m[$0][c] != 0 }) else { return nil }
      m.swapAt(c, p)
      let inv = m[c][c].reciprocal!
      for j in c...n { m[c][j] = m[c][j] * inv }
      for r in 0..<n where r != c && m[r][c] != 0 {
        let f = m[r][c]
        for j in c...n { m[r][j] = m[r][j] - f * m[c][j] }
      }
    }
    return m.map { $0[n] }
  }
}
