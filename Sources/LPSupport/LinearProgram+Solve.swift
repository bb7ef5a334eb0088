// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

extension LinearProgram {
  /// Solves the program exactly: GLPK's simplex in floating point, then its final basis
  /// re-solved and, if needed, repaired in rational arithmetic.
  ///
  /// Steps:
  /// 1. GLPK's primal simplex (`glp_simplex`, GLPK Reference Manual §2.8.1) runs in `Double`
  ///    with terminal output off.
  /// 2. Its final basis is re-solved exactly (``resolvedBasis(_:glpkStatus:)``): the primal
  ///    values and the duals of that basis come from two square systems solved by
  ///    fraction-free elimination (Bareiss 1968). If they pass the optimality check of step 4,
  ///    that is the answer and no pivot is made (``LPSolution/exactPivots`` is 0).
  /// 3. Otherwise (rounding misled GLPK, or GLPK reported infeasible or unbounded) the basis
  ///    is rebuilt as an exact dictionary and the bounded-variable simplex continues from it
  ///    with Bland's rule (Chvátal, *Linear Programming*, 1983, ch. 3; Lemke 1954 for the dual
  ///    simplex): a dual simplex phase with shifted costs restores primal feasibility or
  ///    proves infeasibility, then the primal simplex with the true costs reaches an optimum
  ///    or an unbounded ray.
  /// 4. The answer is checked against the model independently of how it was found: primal
  ///    feasibility, the sign conditions and complementary slackness of the duals (so the
  ///    primal and dual objectives agree), the Farkas certificate of an infeasible program or
  ///    the ray of an unbounded one.
  ///
  /// When GLPK fails or a coefficient has no `Double` value, step 3 starts from the slack
  /// basis instead, so the exact answer never depends on GLPK's success.
  ///
  /// - Parameters:
  ///   - options: warm start and pivot limit.
  ///   - control: cancellation and deadline, polled once per exact pivot (the deadline is
  ///     also passed to GLPK as `tm_lim`).
  /// - Throws: ``LPError`` when cancelled, out of time or over the pivot limit.
  /// - Complexity: GLPK's run, plus O(k·m·n) rational operations to rebuild a basis with `k`
  ///   basic structurals, plus O(m·n) per exact pivot for `m` rows and `n` variables.
  public func solveExact(options: ExactLPOptions = .init(), control: SolverControl = .none)
    throws(LPError) -> LPSolution<Rational>
  {
    try LinearProgram.check(control)
    var simplex = ExactSimplex(self)
    let m = constraintCount, n = variableCount
    var glpkText: String? = nil
    var statuses: [CInt]? = nil
    if options.warmStartFromGLPK && m > 0 && n > 0, let problem = GLPKProblem(self) {
      let outcome = problem.simplex(timeLimitMilliseconds: LinearProgram.milliseconds(control))
      glpkText = outcome.statusText
      if outcome.basis.filter(GLPKProblem.isBasic).count == m {
        statuses = outcome.basis
      }
    }
    if let statuses, let candidate = resolvedBasis(statuses, glpkStatus: glpkText),
      certificateProblem(candidate) == nil
    {
      return candidate
    }
    if let statuses {
      simplex.importBasis(isBasicIn: statuses.map(GLPKProblem.isBasic))
      simplex.initializeValues { k in
        GLPKProblem.isAtUpper(statuses[k])
      }
    } else {
      simplex.initializeValues { _ in false }
    }

    var solution: LPSolution<Rational>
    if !simplex.isPrimalFeasible {
      simplex.shiftCostsToDualFeasibility()
      if case .infeasible(let row) = try simplex.runDual(
        control: control, maxPivots: options.maxPivots)
      {
        solution = LPSolution(
          status: .infeasible, farkasMultipliers: simplex.rowMultipliers(row),
          glpkStatus: glpkText, exactPivots: simplex.pivots)
        try verify(solution)
        return solution
      }
      simplex.restoreCosts()
    }
    let end = try simplex.runPrimal(control: control, maxPivots: options.maxPivots)
    let x = Array(simplex.value[m...])
    switch end {
    case .unbounded(let q, let direction):
      solution = LPSolution(
        status: .unbounded, values: x, ray: simplex.ray(column: q, direction: direction),
        glpkStatus: glpkText, exactPivots: simplex.pivots)
    case .optimal:
      let sign: Rational = sense == .minimize ? 1 : -1
      let d = simplex.allReducedCosts.map { sign * $0 }
      solution = LPSolution(
        status: .optimal, objectiveValue: objectiveValue(at: x), values: x,
        rowDuals: Array(d[..<m]), reducedCosts: Array(d[m...]), glpkStatus: glpkText,
        exactPivots: simplex.pivots)
    }
    try verify(solution)
    return solution
  }

  /// Solves the program with GLPK's simplex in `Double` and returns GLPK's answer as is.
  ///
  /// The corresponding GLPK functions are `glp_simplex`, `glp_get_status`,
  /// `glp_get_col_prim`, `glp_get_row_dual`, `glp_get_col_dual` and `glp_get_obj_val`
  /// (GLPK Reference Manual, §2.8). For an unbounded program ``LPSolution/values`` is GLPK's
  /// last point and no ray is given; no Farkas certificate is given either.
  ///
  /// - Throws: ``LPError/nonFinite`` if a coefficient overflows `Double`,
  ///   ``LPError/timeLimit`` when the deadline passes, ``LPError/glpk(_:)`` when GLPK fails.
  public func solveFloat(control: SolverControl = .none) throws(LPError) -> LPSolution<Double> {
    try LinearProgram.check(control)
    guard let problem = GLPKProblem(self) else { throw .nonFinite }
    let outcome = problem.simplex(timeLimitMilliseconds: LinearProgram.milliseconds(control))
    if GLPKProblem.isTimeLimit(outcome.returnCode) { throw .timeLimit }
    guard let status = outcome.lpStatus else { throw .glpk("glp_simplex: \(outcome.statusText)") }
    switch status {
    case .optimal:
      return LPSolution(
        status: .optimal, objectiveValue: outcome.objective, values: outcome.primal,
        rowDuals: outcome.rowDuals, reducedCosts: outcome.reducedCosts,
        glpkStatus: outcome.statusText)
    case .unbounded:
      return LPSolution(status: .unbounded, values: outcome.primal, glpkStatus: outcome.statusText)
    case .infeasible:
      return LPSolution(status: .infeasible, glpkStatus: outcome.statusText)
    }
  }

  /// Solves the program in `S`: exactly (``solveExact(options:control:)``) when `S` is exact,
  /// else through GLPK in `Double` (``solveFloat(control:)``).
  public func solve<S: GameScalar>(in _: S.Type, control: SolverControl = .none)
    throws(LPError) -> LPSolution<S>
  {
    if S.isExact { return try solveExact(control: control).converted(to: S.self) }
    return try solveFloat(control: control).converted(to: S.self)
  }

  // MARK: - Verification

  /// Checks an exact answer against the model, independently of how it was found.
  ///
  /// Optimal: `x` is feasible; with `y` the row duals and `d = c − Aᵀy`, in the minimising
  /// sense every variable (row activities included) with a positive reduced cost sits at a
  /// finite lower bound and every one with a negative reduced cost at a finite upper bound.
  /// These are the optimality conditions of the bounded LP (Chvátal ch. 5, complementary
  /// slackness), and they make the primal and dual objectives equal.
  func verify(_ s: LPSolution<Rational>) throws(LPError) {
    if let problem = certificateProblem(s) { throw .verification(problem) }
  }

  /// What is wrong with `s` as a certificate of its status, or `nil` if it is one.
  func certificateProblem(_ s: LPSolution<Rational>) -> String? {
    let m = constraintCount, n = variableCount
    switch s.status {
    case .optimal:
      guard s.values.count == n, s.rowDuals.count == m, s.reducedCosts.count == n else {
        return "optimal solution has the wrong shape"
      }
      let rowActivity = activities(at: s.values)
      guard isFeasible(s.values, activities: rowActivity) else {
        return "optimal point is not feasible"
      }
      guard objectiveValue(at: s.values) == s.objectiveValue else {
        return "objective value does not match the point"
      }
      let sign: Rational = sense == .minimize ? 1 : -1
      let d = reducedCosts(for: s.rowDuals)
      for j in 0..<n {
        guard d[j] == s.reducedCosts[j],
          LinearProgram.isComplementary(
            sign * d[j], s.values[j], lowerBounds[j], upperBounds[j])
        else { return "reduced cost of variable \(j) is not optimal" }
      }
      for i in 0..<m {
        let c = constraints[i]
        guard
          LinearProgram.isComplementary(sign * s.rowDuals[i], rowActivity[i], c.lower, c.upper)
        else { return "dual of row \(i) is not optimal" }
      }
    case .unbounded:
      guard let r = s.ray, r.count == n, isFeasible(s.values) else {
        return "unbounded without a feasible point and a ray"
      }
      let gain = objectiveValue(at: r)
      guard sense == .maximize ? gain > 0 : gain < 0 else {
        return "ray does not improve the objective"
      }
      for j in 0..<n where !LinearProgram.isRecession(r[j], lowerBounds[j], upperBounds[j]) {
        return "ray leaves the bounds of variable \(j)"
      }
      for i in 0..<m {
        let c = constraints[i]
        if !LinearProgram.isRecession(activity(ofRow: i, at: r), c.lower, c.upper) {
          return "ray leaves row \(i)"
        }
      }
    case .infeasible:
      guard let pi = s.farkasMultipliers, pi.count == m else {
        return "infeasible without a certificate"
      }
      // f(r, x) = Σ πᵢ rᵢ − Σ gⱼ xⱼ with g = Aᵀπ vanishes on r = Ax; show its range over the
      // box of bounds excludes zero.
      var g = [Rational](repeating: 0, count: n)
      for i in 0..<m where !pi[i].isZero {
        for j in 0..<n { g[j] += pi[i] * constraints[i].coefficients[j] }
      }
      var terms: [(Rational, Rational?, Rational?)] = []
      for i in 0..<m { terms.append((pi[i], constraints[i].lower, constraints[i].upper)) }
      for j in 0..<n { terms.append((-g[j], lowerBounds[j], upperBounds[j])) }
      var low: Rational? = 0, high: Rational? = 0
      for (coefficient, l, u) in terms where !coefficient.isZero {
        let (minEnd, maxEnd) = coefficient > 0 ? (l, u) : (u, l)
        low = low.flatMap { a in minEnd.map { a + coefficient * $0 } }
        high = high.flatMap { a in maxEnd.map { a + coefficient * $0 } }
      }
      let proven = (low.map { $0 > 0 } ?? false) || (high.map { $0 < 0 } ?? false)
      guard proven else { return "Farkas certificate does not prove infeasibility" }
    }
    return nil
  }

  /// The primal point and duals of the basis GLPK reported, computed exactly: GLPK's basis
  /// re-solved in rational arithmetic.
  ///
  /// With `I_N` the rows whose auxiliary variables are nonbasic (so the row holds at its
  /// right-hand side) and `J_B` the basic structural variables, `|I_N| = |J_B| = k`, and the
  /// basic system reduces to two k×k systems in the submatrix `A[I_N, J_B]`: the primal
  /// `A[I_N, J_B] x_B = b_{I_N} − A[I_N, J_N] x_N` with the nonbasic variables at the bounds
  /// GLPK names, and the dual `A[I_N, J_B]ᵀ y_{I_N} = c_{J_B}` (reduced costs of basic
  /// variables vanish; duals of basic rows are zero). Both are solved by fraction-free
  /// elimination. Returns `nil` if the basis is malformed or exactly singular.
  ///
  /// - Complexity: O(k³) integer operations plus O(m·n) rational ones.
  func resolvedBasis(_ statuses: [CInt], glpkStatus: String?) -> LPSolution<Rational>? {
    let m = constraintCount, n = variableCount
    let basic = statuses.map(GLPKProblem.isBasic)
    let rowsAtBound = (0..<m).filter { !basic[$0] }
    let basicColumns = (0..<n).filter { basic[m + $0] }
    guard rowsAtBound.count == basicColumns.count else { return nil }
    var x = [Rational](repeating: 0, count: n)
    for j in 0..<n where !basic[m + j] {
      if GLPKProblem.isAtUpper(statuses[m + j]), let u = upperBounds[j] {
        x[j] = u
      } else if let l = lowerBounds[j] {
        x[j] = l
      } else if let u = upperBounds[j] {
        x[j] = u
      }
    }
    let B = rowsAtBound.map { i in basicColumns.map { constraints[i].coefficients[$0] } }
    let rhs = rowsAtBound.map { i in
      var v = constraints[i].rhs
      for j in 0..<n where !basic[m + j] && !x[j].isZero {
        v -= constraints[i].coefficients[j] * x[j]
      }
      return v
    }
    guard let xB = solveExactly(B, rhs) else { return nil }
    for (t, j) in basicColumns.enumerated() { x[j] = xB[t] }
    let Bt = basicColumns.indices.map { c in rowsAtBound.indices.map { r in B[r][c] } }
    guard let yN = solveExactly(Bt, basicColumns.map { objective[$0] }) else { return nil }
    var y = [Rational](repeating: 0, count: m)
    for (t, i) in rowsAtBound.enumerated() { y[i] = yN[t] }
    return LPSolution(
      status: .optimal, objectiveValue: objectiveValue(at: x), values: x, rowDuals: y,
      reducedCosts: reducedCosts(for: y), glpkStatus: glpkStatus, exactPivots: 0)
  }

  /// Whether `x` satisfies every row and bound exactly.
  public func isFeasible(_ x: [Rational]) -> Bool {
    guard x.count == variableCount else { return false }
    return isFeasible(x, activities: activities(at: x))
  }

  func isFeasible(_ x: [Rational], activities: [Rational]) -> Bool {
    for j in 0..<variableCount {
      if let l = lowerBounds[j], x[j] < l { return false }
      if let u = upperBounds[j], x[j] > u { return false }
    }
    for (a, c) in zip(activities, constraints) {
      if let l = c.lower, a < l { return false }
      if let u = c.upper, a > u { return false }
    }
    return true
  }

  /// Every row's left-hand side at `x`, with one gcd per row.
  func activities(at x: [Rational]) -> [Rational] {
    let v = CommonDenominatorVector(x)
    return constraints.map { CommonDenominatorVector($0.coefficients).dot(v) }
  }

  /// `d = c − Aᵀy`, with one gcd per column.
  func reducedCosts(for y: [Rational]) -> [Rational] {
    let v = CommonDenominatorVector(y)
    return (0..<variableCount).map { j in
      objective[j] - CommonDenominatorVector(constraints.map { $0.coefficients[j] }).dot(v)
    }
  }

  /// Complementary slackness for one variable of a minimisation: a positive reduced cost
  /// needs the value at a finite lower bound, a negative one at a finite upper bound.
  static func isComplementary(
    _ d: Rational, _ value: Rational, _ lower: Rational?, _ upper: Rational?
  ) -> Bool {
    if d > 0 { return lower == value }
    if d < 0 { return upper == value }
    return true
  }

  /// Whether moving along `direction` never leaves `[lower, upper]`.
  static func isRecession(_ direction: Rational, _ lower: Rational?, _ upper: Rational?) -> Bool
  {
    if direction > 0 { return upper == nil }
    if direction < 0 { return lower == nil }
    return true
  }

  static func check(_ control: SolverControl) throws(LPError) {
    switch control.stopReason() {
    case .cancelled?: throw .cancelled
    case .timeLimit?: throw .timeLimit
    default: break
    }
  }

  /// Milliseconds left before the deadline, for GLPK's `tm_lim`.
  static func milliseconds(_ control: SolverControl) -> Int? {
    guard let deadline = control.deadline else { return nil }
    let left = ContinuousClock.now.duration(to: deadline).components
    return Int(left.seconds) * 1000 + Int(left.attoseconds / 1_000_000_000_000_000)
  }
}
