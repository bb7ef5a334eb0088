// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// A linear program in equality form: maximise c·x subject to A x = b, x ≥ 0.
///
/// Used by the bargaining solvers (ideal points, Kalai–Smorodinsky and egalitarian rays,
/// utilitarian optimum, Pareto tests) and by the zero-sum kernel. The rows are few (the
/// players plus one or two), the columns may be many (one per deal).
struct DenseProgram<S: GameScalar>: Sendable {
  var rowCount: Int
  var columnCount: Int
  /// Row-major, `rowCount × columnCount`.
  var A: [S]
  var b: [S]
  var c: [S]

  init(rowCount: Int, columnCount: Int, A: [S], b: [S], c: [S]) {
    precondition(A.count == rowCount * columnCount && b.count == rowCount)
    precondition(c.count == columnCount)
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.A = A
    self.b = b
    self.c = c
  }

  func converted<T: GameScalar>(to _: T.Type) -> DenseProgram<T> {
    DenseProgram<T>(
      rowCount: rowCount, columnCount: columnCount, A: A.map { T($0.rationalValue) },
      b: b.map { T($0.rationalValue) }, c: c.map { T($0.rationalValue) })
  }
}

/// An optimal basic solution.
struct DenseSolution<S: GameScalar>: Sendable {
  var x: [S]
  var value: S
  /// Basic column per row (indices ≥ `columnCount` are artificial columns of redundant rows).
  var basis: [Int]
}

enum DenseOutcome<S: GameScalar>: Sendable {
  case optimal(DenseSolution<S>)
  case infeasible
  case unbounded
  case stopped(SolverStatus)
}

/// The primal simplex method on a dense tableau, generic over the number field.
///
/// Two phases with one artificial column per row (Chvátal 1983, ch. 8), Dantzig's
/// most-negative reduced cost for entering, switching to Bland's rule after a run of
/// degenerate pivots so that the method cannot cycle (Chvátal 1983, ch. 3). For exact types,
/// ``solve(_:control:)`` first runs the method in `Double`, then re-solves the final basis in
/// exact arithmetic and checks primal and dual feasibility; only if that check fails does it
/// pivot in exact arithmetic.
/// - Complexity: O(m·(n + m)) per pivot for m rows and n columns.
enum DenseSimplex {
  /// Solves `lp` exactly for exact `S` (floating-point warm start, exact certificate).
  static func solve<S: GameScalar>(_ lp: DenseProgram<S>, control: SolverControl = .none)
    -> DenseOutcome<S>
  {
    if !S.isExact { return maximize(lp, control: control) }
    if case .optimal(let approx) = maximize(lp.converted(to: Double.self), control: control),
      let exact = certify(lp, basis: approx.basis)
    {
      return .optimal(exact)
    }
    return maximize(lp, control: control)
  }

  /// Re-solves `lp` at `basis` exactly; returns the solution if it is primal and dual
  /// feasible (hence optimal), else `nil`.
  static func certify<S: GameScalar>(_ lp: DenseProgram<S>, basis: [Int]) -> DenseSolution<S>? {
    let m = lp.rowCount
    let n = lp.columnCount
    guard basis.count == m, basis.allSatisfy({ $0 < n }), Set(basis).count == m else {
      return nil
    }
    var B = [[S]](repeating: [S](repeating: .zero, count: m), count: m)
    for r in 0..<m { for k in 0..<m { B[r][k] = lp.A[r * n + basis[k]] } }
    guard let xB = LinearSolve.solve(B, lp.b) else { return nil }
    if xB.contains(where: { $0 < .zero }) { return nil }
    var Bt = B
    for r in 0..<m { for k in 0..<m { Bt[r][k] = B[k][r] } }
    guard let y = LinearSolve.solve(Bt, basis.map { lp.c[$0] }) else { return nil }
    for j in 0..<n {
      var d = lp.c[j]
      for r in 0..<m where !y[r].isZero { d -= y[r] * lp.A[r * n + j] }
      if d > .zero { return nil }
    }
    var x = [S](repeating: .zero, count: n)
    var value = S.zero
    for k in 0..<m {
      x[basis[k]] = xB[k]
      value += lp.c[basis[k]] * xB[k]
    }
    return DenseSolution(x: x, value: value, basis: basis)
  }

  /// The two-phase simplex method in `S` arithmetic.
  static func maximize<S: GameScalar>(_ lp: DenseProgram<S>, control: SolverControl = .none)
    -> DenseOutcome<S>
  {
    let m = lp.rowCount
    let n = lp.columnCount
    let width = n + m + 1
    let rhs = n + m
    let eps: S = S.isExact ? .zero : S(Rational(1, 1_000_000_000))
    var T = [S](repeating: .zero, count: m * width)
    for r in 0..<m {
      let flip = lp.b[r] < .zero
      for j in 0..<n { T[r * width + j] = flip ? -lp.A[r * n + j] : lp.A[r * n + j] }
      T[r * width + n + r] = 1
      T[r * width + rhs] = flip ? -lp.b[r] : lp.b[r]
    }
    var basis = (0..<m).map { n + $0 }
    // Phase I: maximise −Σ artificials; reduced costs obj[j] = c_B·B⁻¹A_j − c_j.
    var obj = [S](repeating: .zero, count: width)
    for r in 0..<m {
      for j in 0..<n { obj[j] -= T[r * width + j] }
      obj[rhs] -= T[r * width + rhs]
    }
    var allowed = n + m
    if let stop = iterate(
      &T, &obj, &basis, m: m, width: width, allowed: allowed, eps: eps,
      control: control)
    {
      if case .stopped(let s) = stop { return .stopped(s) }
    }
    if obj[rhs] < -eps { return .infeasible }
    // Drive artificials out of the basis where possible.
    for r in 0..<m where basis[r] >= n {
      if let j = (0..<n).first(where: { T[r * width + $0].magnitude > eps }) {
        pivot(&T, &obj, &basis, row: r, column: j, m: m, width: width)
      }
    }
    // Phase II.
    allowed = n
    for j in 0..<width { obj[j] = j < n ? -lp.c[j] : .zero }
    for r in 0..<m where basis[r] < n {
      let cb = lp.c[basis[r]]
      if cb.isZero { continue }
      for j in 0..<width where !T[r * width + j].isZero { obj[j] += cb * T[r * width + j] }
    }
    if let stop = iterate(
      &T, &obj, &basis, m: m, width: width, allowed: allowed, eps: eps,
      control: control)
    {
      return stop
    }
    var x = [S](repeating: .zero, count: n)
    for r in 0..<m where basis[r] < n { x[basis[r]] = T[r * width + rhs] }
    return .optimal(DenseSolution(x: x, value: obj[rhs], basis: basis))
  }

  /// Pivots until optimal; returns a non-nil outcome only for unbounded or stopped runs.
  private static func iterate<S: GameScalar>(
    _ T: inout [S], _ obj: inout [S], _ basis: inout [Int], m: Int, width: Int, allowed: Int,
    eps: S, control: SolverControl
  ) -> DenseOutcome<S>? {
    let rhs = width - 1
    var degenerateRun = 0
    var pivots = 0
    while true {
      pivots += 1
      if pivots & 63 == 0, let s = control.stopReason() { return .stopped(s) }
      let useBland = degenerateRun > 50
      var enter = -1
      var best = -eps
      for j in 0..<allowed where obj[j] < best {
        enter = j
        if useBland { break }
        best = obj[j]
      }
      if enter < 0 { return nil }
      var leave = -1
      var ratio = S.zero
      for r in 0..<m {
        let a = T[r * width + enter]
        if a > eps {
          let q = T[r * width + rhs] / a
          if leave < 0 || q < ratio || (q == ratio && basis[r] < basis[leave]) {
            leave = r
            ratio = q
          }
        }
      }
      if leave < 0 { return .unbounded }
      degenerateRun = ratio.isZero ? degenerateRun + 1 : 0
      pivot(&T, &obj, &basis, row: leave, column: enter, m: m, width: width)
    }
  }

  private static func pivot<S: GameScalar>(
    _ T: inout [S], _ obj: inout [S], _ basis: inout [Int], row: Int, column: Int, m: Int,
    width: Int
  ) {
    T.withUnsafeMutableBufferPointer { t in
      let p = t[row * width + column]
      let inv = (1 as S) / p
      for j in 0..<width where !t[row * width + j].isZero { t[row * width + j] *= inv }
      t[row * width + column] = 1
      for r in 0..<m where r != row {
        let f = t[r * width + column]
        if f.isZero { continue }
        for j in 0..<width {
          let v = t[row * width + j]
          if !v.isZero { t[r * width + j] -= f * v }
        }
        t[r * width + column] = .zero
      }
      let f = obj[column]
      if !f.isZero {
        for j in 0..<width {
          let v = t[row * width + j]
          if !v.isZero { obj[j] -= f * v }
        }
        obj[column] = .zero
      }
    }
    basis[row] = column
  }
}

extension DenseSimplex {
  /// Solves a program with many columns by column generation (Dantzig and Wolfe 1960;
  /// Chvátal 1983, ch. 13): solve the program restricted to a few columns, price every
  /// column with the restricted optimum's duals y (reduced cost cⱼ − y·Aⱼ), add the most
  /// attractive ones, and stop when none has a positive reduced cost — which certifies the
  /// restricted optimum for the full program (exactly, for exact `S`). For exact `S` the
  /// column set is first grown in `Double`, then confirmed in exact arithmetic.
  ///
  /// `initial` are the columns to start with; `mandatory` columns are always kept;
  /// `approximation` is `lp` in `Double`, if the caller has it at hand. Falls back
  /// to the full program if a restricted one is infeasible or degenerate in its basis.
  /// - Complexity: O(N·m) per pricing round plus the restricted programs.
  static func solveByColumnGeneration<S: GameScalar>(
    _ lp: DenseProgram<S>, approximation: DenseProgram<Double>? = nil, initial: [Int],
    mandatory: [Int], control: SolverControl = .none
  ) -> DenseOutcome<S> {
    var active = Set(initial).union(mandatory)
    if S.isExact {
      let approx = approximation ?? lp.converted(to: Double.self)
      if case .optimal(let columns) = generate(approx, active: active, control: control) {
        active = columns
      }
    }
    switch generate(lp, active: active, approximation: approximation, control: control) {
    case .optimal(let columns):
      return restricted(lp, columns: columns.sorted()).outcome
    case .fallback:
      return solve(lp, control: control)
    case .final(let outcome):
      return outcome
    }
  }

  private enum Generation<S: GameScalar> {
    case optimal(Set<Int>)
    case fallback
    case final(DenseOutcome<S>)
  }

  private static func restricted<S: GameScalar>(_ lp: DenseProgram<S>, columns: [Int])
    -> (outcome: DenseOutcome<S>, columns: [Int])
  {
    let m = lp.rowCount
    let k = columns.count
    let n = lp.columnCount
    var A = [S](repeating: .zero, count: m * k)
    for r in 0..<m { for (c, j) in columns.enumerated() { A[r * k + c] = lp.A[r * n + j] } }
    let sub = DenseProgram(
      rowCount: m, columnCount: k, A: A, b: lp.b, c: columns.map { lp.c[$0] })
    switch solve(sub) {
    case .optimal(let s):
      var x = [S](repeating: .zero, count: n)
      for (c, j) in columns.enumerated() { x[j] = s.x[c] }
      let basis = s.basis.map { $0 < k ? columns[$0] : n + $0 - k }
      return (.optimal(DenseSolution(x: x, value: s.value, basis: basis)), columns)
    case let other: return (other, columns)
    }
  }

  private static func generate<S: GameScalar>(
    _ lp: DenseProgram<S>, active start: Set<Int>, approximation: DenseProgram<Double>? = nil,
    control: SolverControl
  ) -> Generation<S> {
    var active = start
    let m = lp.rowCount
    let n = lp.columnCount
    let tol: S = S.isExact ? .zero : S(Rational(1, 1_000_000_000))
    for _ in 0..<1000 {
      if let s = control.stopReason() { return .final(.stopped(s)) }
      let (outcome, columns) = restricted(lp, columns: active.sorted())
      guard case .optimal(let sol) = outcome else {
        if case .unbounded = outcome { return .final(.unbounded) }
        return .fallback
      }
      _ = columns
      guard sol.basis.allSatisfy({ $0 < n }) else { return .fallback }
      var Bt = [[S]](repeating: [S](repeating: .zero, count: m), count: m)
      for r in 0..<m { for k in 0..<m { Bt[k][r] = lp.A[r * n + sol.basis[k]] } }
      guard let y = LinearSolve.solve(Bt, sol.basis.map { lp.c[$0] }) else { return .fallback }
      var entering = [(S, Int)]()
      let yd = y.map(\.doubleValue)
      for j in 0..<n where !active.contains(j) {
        if let approx = approximation {
          // Skip columns whose reduced cost is negative beyond any rounding error of the
          // floating-point dot product (a relative margin of 1e-9 dwarfs m·2⁻⁵³).
          var d = approx.c[j]
          var size = abs(approx.c[j])
          for r in 0..<m {
            let term = yd[r] * approx.A[r * n + j]
            d -= term
            size += abs(term)
          }
          if d < -1e-9 * size { continue }
        }
        var d = lp.c[j]
        for r in 0..<m where !y[r].isZero { d -= y[r] * lp.A[r * n + j] }
        if d > tol { entering.append((d, j)) }
      }
      if entering.isEmpty { return .optimal(active) }
      entering.sort { $0.0 > $1.0 }
      for (_, j) in entering.prefix(256) { active.insert(j) }
    }
    return .fallback
  }
}
