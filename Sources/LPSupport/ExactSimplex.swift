// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// A bounded-variable simplex dictionary over exact rationals.
///
/// The variables are the `m` rows' auxiliary variables `rᵢ = aᵢ·x` (indices `0..<m`) and the
/// `n` structural variables `xⱼ` (indices `m..<m+n`), each with optional lower and upper
/// bounds, as in GLPK (Reference Manual, §1.1). The dictionary of Chvátal, *Linear
/// Programming* (1983), ch. 2, expresses the `m` basic variables in terms of the `n`
/// nonbasic ones, `z_B = T z_N` (homogeneous, because the system `r − Ax = 0` is);
/// nonbasic variables sit at a bound, or at zero when free, and the objective (always
/// minimised internally) is `Σⱼ dⱼ z_Nⱼ` with the reduced costs `d`. Upper bounds are handled
/// implicitly, by Chvátal's treatment of general bounds (the upper-bounding technique): a
/// nonbasic variable may jump from one bound to the other without a pivot.
///
/// Two loops act on the dictionary, both with Bland's smallest-subscript rule (Bland 1977;
/// Chvátal ch. 3), which rules out cycling on degenerate problems:
/// - ``runDual(control:maxPivots:)``: the dual simplex (Lemke 1954) from a dual feasible
///   basis, ending primal feasible or with a proof of infeasibility;
/// - ``runPrimal(control:maxPivots:)``: the primal simplex from a primal feasible basis,
///   ending optimal or with an unbounded ray.
/// A basis that is not primal feasible is first made dual feasible by shifting the costs of the
/// offending nonbasic variables (the "cost modification" dual phase 1 surveyed by Koberstein
/// 2005, *The dual simplex method, techniques for a fast and stable implementation*); the true
/// costs are restored for the primal phase. Bland's rule guarantees termination of the primal
/// phase; the dual phase uses the analogous smallest-subscript choices, and both are bounded
/// by `maxPivots` as a safeguard.
struct ExactSimplex {
  /// Rows (basic variables) and columns (nonbasic variables) of the dictionary.
  let m: Int, n: Int
  var lower: [Rational?]
  var upper: [Rational?]
  /// The true costs, for minimisation (negated for a maximisation problem).
  let trueCost: [Rational]
  /// The costs in use (shifted during phase 1).
  var cost: [Rational]
  /// `basic[i]`: the variable of row `i`; `nonbasic[j]`: the variable of column `j`.
  var basic: [Int]
  var nonbasic: [Int]
  /// For each variable, its row (if basic) or its column.
  var position: [Int]
  var isBasic: [Bool]
  /// `table[i * n + j]`: coefficient of nonbasic `j` in basic `i`'s equation.
  var table: [Rational]
  /// Every variable's current value.
  var value: [Rational]
  /// Reduced cost of each nonbasic column.
  var reduced: [Rational]
  /// Pivots and bound flips performed.
  var pivots = 0

  /// The dictionary of the slack basis: every auxiliary variable basic.
  init(_ lp: LinearProgram) {
    m = lp.constraintCount
    n = lp.variableCount
    lower = lp.constraints.map(\.lower) + lp.lowerBounds
    upper = lp.constraints.map(\.upper) + lp.upperBounds
    let sign: Rational = lp.sense == .minimize ? 1 : -1
    trueCost = Array(repeating: 0, count: m) + lp.objective.map { sign * $0 }
    cost = trueCost
    basic = Array(0..<m)
    nonbasic = Array(m..<(m + n))
    position = Array(0..<m) + Array(0..<n)
    isBasic = Array(repeating: true, count: m) + Array(repeating: false, count: n)
    table = []
    table.reserveCapacity(m * n)
    for row in lp.constraints { table.append(contentsOf: row.coefficients) }
    value = Array(repeating: 0, count: m + n)
    reduced = Array(repeating: 0, count: n)
  }

  // MARK: - Setting up a basis

  /// Pivots the structural variables that `statuses` marks basic into the basis, in place of
  /// auxiliary variables it marks nonbasic (Gaussian elimination in exact arithmetic).
  ///
  /// `statuses` holds GLPK's codes, rows first. A structural that cannot enter (GLPK's basis
  /// is singular in exact arithmetic) stays nonbasic; the result is always a valid basis.
  mutating func importBasis(isBasicIn statuses: [Bool]) {
    for k in m..<(m + n) where statuses[k] {
      let q = position[k]
      var row: Int? = nil
      for i in 0..<m where !statuses[basic[i]] && !table[i * n + q].isZero {
        row = i
        break
      }
      if let row { pivot(row: row, column: q) }
    }
  }

  /// Places each nonbasic variable at a bound: the upper one if `preferUpper` says so and it
  /// exists, else the lower one, else the upper one, else zero (free); then computes the basic
  /// values and the reduced costs.
  mutating func initializeValues(preferUpper: (Int) -> Bool) {
    for k in nonbasic {
      if preferUpper(k), let u = upper[k] {
        value[k] = u
      } else if let l = lower[k] {
        value[k] = l
      } else if let u = upper[k] {
        value[k] = u
      } else {
        value[k] = 0
      }
    }
    for i in 0..<m {
      var v = Rational(0)
      for j in 0..<n where !table[i * n + j].isZero && !value[nonbasic[j]].isZero {
        v += table[i * n + j] * value[nonbasic[j]]
      }
      value[basic[i]] = v
    }
    computeReducedCosts()
  }

  /// `dⱼ = c_Nⱼ + Σᵢ c_Bᵢ Tᵢⱼ` for every nonbasic column.
  mutating func computeReducedCosts() {
    for j in 0..<n {
      var d = cost[nonbasic[j]]
      for i in 0..<m where !cost[basic[i]].isZero {
        let t = table[i * n + j]
        if !t.isZero { d += cost[basic[i]] * t }
      }
      reduced[j] = d
    }
  }

  // MARK: - Queries

  func canIncrease(_ k: Int) -> Bool {
    guard let u = upper[k] else { return true }
    return value[k] < u
  }

  func canDecrease(_ k: Int) -> Bool {
    guard let l = lower[k] else { return true }
    return value[k] > l
  }

  /// Whether every basic variable lies within its bounds.
  var isPrimalFeasible: Bool {
    basic.allSatisfy { k in
      (lower[k].map { value[k] >= $0 } ?? true) && (upper[k].map { value[k] <= $0 } ?? true)
    }
  }

  /// The direction (+1 or −1) in which nonbasic column `j` improves the objective, if any.
  func improvingDirection(ofColumn j: Int) -> Int? {
    let d = reduced[j], k = nonbasic[j]
    if d < 0 && canIncrease(k) { return 1 }
    if d > 0 && canDecrease(k) { return -1 }
    return nil
  }

  /// Shifts the cost of each dual infeasible nonbasic variable so that its reduced cost is 0.
  mutating func shiftCostsToDualFeasibility() {
    for j in 0..<n where improvingDirection(ofColumn: j) != nil {
      cost[nonbasic[j]] -= reduced[j]
      reduced[j] = 0
    }
  }

  /// Restores the true costs and recomputes the reduced costs.
  mutating func restoreCosts() {
    cost = trueCost
    computeReducedCosts()
  }

  // MARK: - Pivoting

  /// Exchanges basic row `r` and nonbasic column `q` (Chvátal ch. 2). The values are not
  /// touched.
  ///
  /// - Complexity: O(m·n) rational operations.
  mutating func pivot(row r: Int, column q: Int) {
    let p = table[r * n + q]
    precondition(!p.isZero, "pivot on zero")
    let inverse = p.reciprocal!
    // New row r: the entering variable in terms of the others and the leaving one.
    for j in 0..<n {
      table[r * n + j] = j == q ? inverse : -(table[r * n + j] * inverse)
    }
    for i in 0..<m where i != r {
      let f = table[i * n + q]
      if f.isZero { continue }
      for j in 0..<n {
        let t = table[r * n + j]
        if j == q {
          table[i * n + j] = f * t
        } else if !t.isZero {
          table[i * n + j] += f * t
        }
      }
    }
    let dq = reduced[q]
    if !dq.isZero {
      for j in 0..<n {
        let t = table[r * n + j]
        if j == q {
          reduced[j] = dq * t
        } else if !t.isZero {
          reduced[j] += dq * t
        }
      }
    }
    let entering = nonbasic[q], leaving = basic[r]
    basic[r] = entering
    nonbasic[q] = leaving
    position[entering] = r
    position[leaving] = q
    isBasic[entering] = true
    isBasic[leaving] = false
  }

  /// Moves nonbasic column `q` by `step` and the basic variables with it.
  mutating func move(column q: Int, by step: Rational) {
    if step.isZero { return }
    value[nonbasic[q]] += step
    for i in 0..<m {
      let t = table[i * n + q]
      if !t.isZero { value[basic[i]] += t * step }
    }
  }

  // MARK: - Primal simplex

  /// How the primal simplex ended.
  enum PrimalEnd {
    case optimal
    /// Column `q` improves without limit in direction `direction`.
    case unbounded(column: Int, direction: Int)
  }

  /// The primal simplex with Bland's rule from a primal feasible basis (Chvátal ch. 3).
  ///
  /// Each step: the entering variable is the dual infeasible nonbasic variable with the
  /// smallest index; the ratio test finds the largest step keeping every basic variable
  /// within its bounds (ties to the smallest index); if the entering variable reaches its own
  /// opposite bound first, it flips bounds without a pivot.
  mutating func runPrimal(control: SolverControl, maxPivots: Int) throws(LPError) -> PrimalEnd {
    while true {
      var enter: (column: Int, direction: Int)? = nil
      var enterVar = Int.max
      for j in 0..<n {
        if let d = improvingDirection(ofColumn: j), nonbasic[j] < enterVar {
          enter = (j, d)
          enterVar = nonbasic[j]
        }
      }
      guard let (q, dir) = enter else { return .optimal }
      try checkLimits(control, maxPivots)

      var best: Rational? = nil
      var leaveRow = -1, leaveVar = Int.max
      for i in 0..<m {
        let a = table[i * n + q]
        if a.isZero { continue }
        let rate = dir > 0 ? a : -a
        let b = basic[i]
        let t: Rational
        if rate > 0, let u = upper[b] {
          t = (u - value[b]) / rate
        } else if rate < 0, let l = lower[b] {
          t = (l - value[b]) / rate
        } else {
          continue
        }
        if best == nil || t < best! || (t == best! && b < leaveVar) {
          best = t
          leaveRow = i
          leaveVar = b
        }
      }
      let own: Rational? =
        dir > 0
        ? upper[enterVar].map { $0 - value[enterVar] }
        : lower[enterVar].map { value[enterVar] - $0 }
      pivots += 1
      if let own, best == nil || own <= best! {
        move(column: q, by: dir > 0 ? own : -own)
        value[enterVar] = dir > 0 ? upper[enterVar]! : lower[enterVar]!
        continue
      }
      guard let t = best else { return .unbounded(column: q, direction: dir) }
      move(column: q, by: dir > 0 ? t : -t)
      let rate = dir > 0 ? table[leaveRow * n + q] : -table[leaveRow * n + q]
      value[leaveVar] = rate > 0 ? upper[leaveVar]! : lower[leaveVar]!
      pivot(row: leaveRow, column: q)
    }
  }

  // MARK: - Dual simplex

  /// How the dual simplex ended.
  enum DualEnd {
    case primalFeasible
    /// Basic row `r` can reach no value within its bounds.
    case infeasible(row: Int)
  }

  /// The dual simplex with Bland's rule from a dual feasible basis (Lemke 1954).
  ///
  /// Each step: the leaving variable is the basic variable outside its bounds with the
  /// smallest index; it leaves at the violated bound. The entering variable is, among the
  /// nonbasic variables that can move the leaving one towards that bound, one with the
  /// smallest ratio `|dⱼ| / |Tᵣⱼ|` (ties to the smallest index), which keeps the reduced costs
  /// dual feasible. If there is none, the row proves the program infeasible.
  mutating func runDual(control: SolverControl, maxPivots: Int) throws(LPError) -> DualEnd {
    while true {
      var leaveRow = -1, leaveVar = Int.max
      for i in 0..<m {
        let b = basic[i]
        guard b < leaveVar else { continue }
        let below = lower[b].map { value[b] < $0 } ?? false
        let above = upper[b].map { value[b] > $0 } ?? false
        if below || above {
          leaveRow = i
          leaveVar = b
        }
      }
      if leaveRow < 0 { return .primalFeasible }
      try checkLimits(control, maxPivots)
      let r = leaveRow, b = leaveVar
      let increase = lower[b].map { value[b] < $0 } ?? false
      let target = increase ? lower[b]! : upper[b]!

      var best: Rational? = nil
      var enterColumn = -1, enterVar = Int.max
      for j in 0..<n {
        let a = table[r * n + j]
        if a.isZero { continue }
        let k = nonbasic[j]
        let up = (a > 0) == increase
        if up ? !canIncrease(k) : !canDecrease(k) { continue }
        let ratio = reduced[j].magnitude / a.magnitude
        if best == nil || ratio < best! || (ratio == best! && k < enterVar) {
          best = ratio
          enterColumn = j
          enterVar = k
        }
      }
      if enterColumn < 0 { return .infeasible(row: r) }
      pivots += 1
      let q = enterColumn
      move(column: q, by: (target - value[b]) / table[r * n + q])
      value[b] = target
      pivot(row: r, column: q)
    }
  }

  private func checkLimits(_ control: SolverControl, _ maxPivots: Int) throws(LPError) {
    if pivots >= maxPivots { throw .pivotLimit(maxPivots) }
    switch control.stopReason() {
    case .cancelled?: throw .cancelled
    case .timeLimit?: throw .timeLimit
    default: break
    }
  }

  // MARK: - Reading the answer

  /// The multipliers `πᵢ` of the equations `rᵢ − aᵢx = 0` that combine into row `r`'s
  /// equation `z_b − Σⱼ Tᵣⱼ z_Nⱼ = 0`: the coefficient of each auxiliary variable in it.
  func rowMultipliers(_ r: Int) -> [Rational] {
    (0..<m).map { i in
      if basic[r] == i { return 1 }
      if isBasic[i] { return 0 }
      return -table[r * n + position[i]]
    }
  }

  /// The direction of the structural variables along which column `q` improves without
  /// limit.
  func ray(column q: Int, direction: Int) -> [Rational] {
    let s = Rational(direction)
    return (m..<(m + n)).map { k in
      if nonbasic[q] == k { return s }
      if isBasic[k] { return table[position[k] * n + q] * s }
      return 0
    }
  }

  /// Each variable's reduced cost for the internal (minimising) objective: zero for basic
  /// variables.
  var allReducedCosts: [Rational] {
    (0..<(m + n)).map { isBasic[$0] ? 0 : reduced[position[$0]] }
  }
}
