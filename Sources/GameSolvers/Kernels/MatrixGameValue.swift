// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The value and optimal strategies of a finite two-person zero-sum game.
///
/// Until the shared `LPSupport` module lands, the variable-threat solver solves its threat
/// game here: von Neumann's minimax theorem as a pair of linear programs (Owen 1995, §II.6).
/// The payoffs are shifted to be positive, the row player maximises v subject to
/// Σᵢ xᵢ Mᵢⱼ ≥ v for every column, and the column player's program is the dual one; both are
/// solved by ``DenseSimplex`` (exact for exact `S`) and the pair is checked: the row
/// strategy guarantees the value against every column and the column strategy holds the row
/// player to it.
/// - Complexity: two linear programs with m + n + 1 columns.
struct MatrixGameValue<S: GameScalar>: Sendable {
  var value: S
  var rowStrategy: [S]
  var columnStrategy: [S]

  /// Solves the game with payoff matrix `M` (row player's payoffs, row-major).
  static func solve(_ M: [[S]], operation: String) throws(SolverError) -> MatrixGameValue<S> {
    let m = M.count
    let n = M.first?.count ?? 0
    precondition(m > 0 && n > 0 && M.allSatisfy { $0.count == n })
    let low = M.joined().min()!
    let shift = S(1) - low
    // Row player: variables x (m), slacks s (n), v; rows: n columns, Σx = 1.
    let rowLP = program(
      rows: n, vars: m, entry: { j, i in M[i][j] + shift }, operation: operation)
    // Column player (transpose, negated): min w s.t. Σ_j M'ᵢⱼ yⱼ ≤ w. Equivalent to the row
    // problem of −Mᵀ shifted; solve max over y of u with Σ_j (K − M'ᵢⱼ) yⱼ ≥ u.
    let high = M.joined().max()! + shift
    let colLP = program(
      rows: m, vars: n, entry: { i, j in high + 1 - (M[i][j] + shift) }, operation: operation)
    guard case .optimal(let xs) = DenseSimplex.solve(rowLP),
      case .optimal(let ys) = DenseSimplex.solve(colLP)
    else { throw .numerical(operation, "the zero-sum threat game's linear program failed") }
    let x = Array(xs.x[0..<m])
    let y = Array(ys.x[0..<n])
    let value = xs.value - shift
    // Verify: x guarantees value, y holds the row player to it.
    let tol: S = S.isExact ? .zero : S(Rational(1, 1_000_000))
    for j in 0..<n {
      var s = S.zero
      for i in 0..<m { s += x[i] * M[i][j] }
      if s < value - tol { throw .numerical(operation, "row strategy check failed") }
    }
    for i in 0..<m {
      var s = S.zero
      for j in 0..<n { s += M[i][j] * y[j] }
      if s > value + tol { throw .numerical(operation, "column strategy check failed") }
    }
    return MatrixGameValue(value: value, rowStrategy: x, columnStrategy: y)
  }

  /// max v s.t. Σ_k x_k E(r, k) − s_r − v = 0 (r < rows), Σ x = 1, all ≥ 0.
  private static func program(
    rows: Int, vars: Int, entry: (Int, Int) -> S, operation: String
  ) -> DenseProgram<S> {
    let cols = vars + rows + 1
    var A = [S](repeating: .zero, count: (rows + 1) * cols)
    for r in 0..<rows {
      for k in 0..<vars { A[r * cols + k] = entry(r, k) }
      A[r * cols + vars + r] = -1
      A[r * cols + cols - 1] = -1
    }
    for k in 0..<vars { A[rows * cols + k] = 1 }
    var b = [S](repeating: .zero, count: rows + 1)
    b[rows] = 1
    var c = [S](repeating: .zero, count: cols)
    c[cols - 1] = 1
    return DenseProgram(rowCount: rows + 1, columnCount: cols, A: A, b: b, c: c)
  }
}
