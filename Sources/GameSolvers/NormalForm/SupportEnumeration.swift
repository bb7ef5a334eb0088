// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Finds the Nash equilibria of a nondegenerate two-player game by enumerating pairs of
/// equal-size supports and solving their indifference equations.
///
/// The method of Nisan, Roughgarden, Tardos & Vazirani (2007), *Algorithmic Game Theory*,
/// §3.2 (also nashpy's `support_enumeration` and QuantEcon's): for every k and every pair of
/// supports `I ⊆ M`, `J ⊆ N` with `|I| = |J| = k`:
/// 1. solve `Σ_{j∈J} A[i][j]·y_j = v` (i ∈ I), `Σ y_j = 1` for (y, v), and
///    `Σ_{i∈I} B[i][j]·x_i = u` (j ∈ J), `Σ x_i = 1` for (x, u);
/// 2. keep the pair when both systems have a unique solution, every `x_i` (i ∈ I) and `y_j`
///    (j ∈ J) is positive, and no strategy outside the supports earns more than `v` or `u`.
/// In a nondegenerate game every equilibrium has equal-size supports and the systems are
/// nonsingular, so this finds all of them, each once. In a degenerate game it still returns
/// only equilibria, but may miss some (those with unequal supports or a continuum); use
/// ``VertexEnumeration`` there. Results are ordered by support size, then lexicographically
/// by support, and verified before they are returned.
///
/// - Complexity: Σ_k C(m, k)·C(n, k) support pairs, each O(k³ + k·(m + n)) field operations;
///   the row player's system is solved only when the column player's passes.
public struct SupportEnumeration: NashSolver {
  /// The method's name on the command line.
  public var name: String { "enumsupport" }
  /// Limits honoured once per row support.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// The equilibria of the two-player `game` found with equal-size supports.
  ///
  /// - Throws: `SolverError.unsupportedGame` unless the game has two players; `.numerical` if
  ///   a floating-point result fails verification.
  public func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> SolverResult<S>
  {
    try game.requireTwoPlayers(for: name)
    let m = game.strategies[0].count, n = game.strategies[1].count
    let A = game.rowMatrix, B = game.columnMatrix
    let Bt = (0..<n).map { j in (0..<m).map { i in B[i][j] } }
    let tolerance = S.isExact ? S.zero
      : S(Rational(1, 1_000_000_000)) * max(1, game.payoffs.joined().map(\.magnitude).max()!)
    var found = [MixedProfile<S>]()
    var status = SolverStatus.complete
    search: for k in 1...min(m, n) {
      for I in subsets(of: m, size: k) {
        for J in subsets(of: n, size: k) {
          // Cancellation and the deadline are checked once per support pair.
          if let reason = control.stopReason() {
            status = reason
            break search
          }
          // y makes the row player indifferent over I; x the column player over J.
          guard let (y, v) = indifferentMixture(A, rows: I, columns: J, tolerance: tolerance),
            isBestResponse(A, support: I, columns: J, mixture: y, value: v, tolerance: tolerance),
            let (x, u) = indifferentMixture(Bt, rows: J, columns: I, tolerance: tolerance),
            isBestResponse(Bt, support: J, columns: I, mixture: x, value: u,
              tolerance: tolerance)
          else { continue }
          var px = [S](repeating: .zero, count: m), py = [S](repeating: .zero, count: n)
          for (t, i) in I.enumerated() { px[i] = x[t] }
          for (t, j) in J.enumerated() { py[j] = y[t] }
          found.append(MixedProfile([px, py]))
        }
      }
    }
    let check = S.isExact ? S.zero : tolerance * 1000
    for e in found where !game.isNashEquilibrium(e, tolerance: check) {
      throw .numerical(name, S.isExact
        ? "internal check failed: a reported profile has positive regret"
        : "a floating-point equilibrium failed verification; solve exactly instead")
    }
    return SolverResult(equilibria: found, method: name,
      parameters: ["rational": S.isExact ? "true" : "false"], status: status, tolerance: check)
  }

  // MARK: - Kernel

  /// The k-subsets of 0..<n in lexicographic order.
  private func subsets(of n: Int, size k: Int) -> [[Int]] {
    var result = [[Int]]()
    var c = Array(0..<k)
    while true {
      result.append(c)
      var i = k - 1
      while i >= 0 && c[i] == n - k + i { i -= 1 }
      if i < 0 { return result }
      c[i] += 1
      for t in (i + 1)..<k { c[t] = c[t - 1] + 1 }
    }
  }

  /// Solves `Σ_{j∈J} M[i][j]·z_j = v` (i ∈ I), `Σ z_j = 1`; returns (z, v) when the solution is
  /// unique and z is positive.
  private func indifferentMixture<S: GameScalar>(_ M: [[S]], rows I: [Int], columns J: [Int],
    tolerance: S) -> ([S], S)?
  {
    let k = J.count
    // Unknowns z_0..z_{k-1}, v; equations: k indifference rows and the sum.
    var a = [[S]](repeating: [S](repeating: .zero, count: k + 2), count: k + 1)
    for (r, i) in I.enumerated() {
      for (c, j) in J.enumerated() { a[r][c] = M[i][j] }
      a[r][k] = -1
    }
    for c in 0..<k { a[k][c] = 1 }
    a[k][k + 1] = 1
    guard let z = solveSquare(&a, tolerance: tolerance) else { return nil }
    for t in 0..<k where z[t] <= tolerance { return nil }
    return (Array(z[0..<k]), z[k])
  }

  /// Whether no row outside `support` earns more than `value` against `mixture` on `columns`.
  private func isBestResponse<S: GameScalar>(_ M: [[S]], support: [Int], columns: [Int],
    mixture: [S], value: S, tolerance: S) -> Bool
  {
    var inSupport = [Bool](repeating: false, count: M.count)
    for i in support { inSupport[i] = true }
    for i in M.indices where !inSupport[i] {
      var total = S.zero
      for (t, j) in columns.enumerated() { total += M[i][j] * mixture[t] }
      if total > value + tolerance { return false }
    }
    return true
  }

  /// Gauss-Jordan elimination with partial pivoting on the augmented matrix `a`; `nil` when
  /// the matrix is singular.
  private func solveSquare<S: GameScalar>(_ a: inout [[S]], tolerance: S) -> [S]? {
    let size = a.count
    for col in 0..<size {
      var pivot = col
      var best = a[col][col].magnitude
      for r in (col + 1)..<size where a[r][col].magnitude > best {
        best = a[r][col].magnitude
        pivot = r
      }
      if best <= tolerance { return nil }
      a.swapAt(col, pivot)
      let inverse = a[col][col].reciprocal!
      for c in col..<(size + 1) { a[col][c] *= inverse }
      for r in 0..<size where r != col && a[r][col] != .zero {
        let f = a[r][col]
        for c in col..<(size + 1) { a[r][c] -= f * a[col][c] }
      }
    }
    return a.map { $0[size] }
  }
}
