// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import LPSupport

/// An exact linear program over lotteries on a deal space, solved by column generation:
/// `max Σₐ cₐ E uₐ(λ)` subject to `E uᵢ(λ) ≥ bᵢ` for the given rows, λ a lottery over the
/// candidate deals (every deal by default).
///
/// Delayed column generation (Gilmore and Gomory 1961; Chvátal 1983, *Linear Programming*,
/// ch. 13):
/// 1. The working set holds the seed deals, the objective's best deal and each row actor's.
/// 2. The LP restricted to the working set is solved exactly (``LinearProgram/solveExact``).
///    While it is infeasible, the phase-one program `max −t` subject to
///    `E uᵢ(λ) + t ≥ bᵢ`, t ≥ 0, always feasible, takes its place.
/// 3. Every candidate is priced with the exact duals y (rows) and z (the lottery row): its
///    reduced cost is `Σₐ cₐ uₐ(x) − Σᵢ yᵢ uᵢ(x) − z`, computed in `Double` and confirmed
///    exactly only above a safe negative margin (``positive(in:candidates:weights:constant:
///    scale:limit:)``). Up to 64 deals with positive reduced cost join the working set and
///    step 2 repeats. When none is positive, LP duality proves the restricted optimum optimal
///    over every candidate; a positive phase-one optimum proves the program infeasible.
/// - Complexity: per round one exact LP with r + 1 rows over the working set and a pricing
///   pass of O(C · n) `Double` operations over the C candidates, plus exact checks of the
///   deals within the margin. Terminates: every round adds a deal not yet in the set.
struct LotteryProgram {
  let space: DealSpace
  /// The deals the lottery may use; `nil` for every deal.
  let candidates: [Int]?
  /// cₐ, per actor.
  let weights: [Rational]
  /// The acceptance rows: actor i must expect at least bᵢ.
  let rows: [(actor: Int, bound: Rational)]
  /// Deals to start the working set with.
  var seed: [Int] = []

  /// How the program ended.
  enum Outcome {
    case infeasible
    case optimal(value: Rational, lottery: [(deal: Int, weight: Rational)])
  }

  /// Solves the program exactly.
  /// - Throws: ``SolverError/cancelled(_:)`` when cancelled or out of time,
  ///   ``SolverError/numerical(_:_:)`` if an exact LP fails.
  func solve(control: SolverControl = .none) throws(SolverError) -> Outcome {
    let n = space.actorCount
    let ud = space.utilityDouble
    let all = candidates ?? Array(0..<space.count)
    guard !all.isEmpty else { return .infeasible }
    let scale = DealSpaceAnalysis.magnitude(ud)
    var working = [Int]()
    var inWorking = Set<Int>()
    func add(_ x: Int) { if inWorking.insert(x).inserted { working.append(x) } }
    for x in seed { add(x) }
    let objective = weights.map(\.doubleValue)
    var bestObjective = all[0]
    var bestValue = -Double.infinity
    var bestFor = [Int](repeating: all[0], count: rows.count)
    for x in all {
      var value = 0.0
      for a in 0..<n where objective[a] != 0 { value += objective[a] * ud[x * n + a] }
      if value > bestValue {
        bestValue = value
        bestObjective = x
      }
      for (r, row) in rows.enumerated()
      where ud[x * n + row.actor] > ud[bestFor[r] * n + row.actor] {
        bestFor[r] = x
      }
    }
    add(bestObjective)
    for x in bestFor { add(x) }
    var phaseOne = false
    while true {
      if let stop = control.stopReason() { throw .cancelled("lottery LP (\(stop))") }
      let lp = program(working, phaseOne: phaseOne)
      let solution: LPSolution<Rational>
      do { solution = try lp.solveExact(control: control) } catch {
        if error.isInterruption { throw .cancelled("lottery LP (\(error))") }
        throw .numerical("lottery LP", "the exact LP failed: \(error)")
      }
      if !phaseOne && solution.status == .infeasible {
        phaseOne = true
        continue
      }
      guard solution.status == .optimal, let value = solution.objectiveValue else {
        throw .numerical("lottery LP", "unexpected status \(solution.status)")
      }
      // Dense pricing weights: gₐ = cₐ − Σ_{rows of a} yᵣ (cₐ = 0 in phase one).
      var g = phaseOne ? [Rational](repeating: .zero, count: n) : weights
      for (r, row) in rows.enumerated() { g[row.actor] -= solution.rowDuals[r] }
      let entering = Self.positive(
        in: space, candidates: candidates, weights: g, constant: solution.rowDuals[rows.count],
        scale: scale, limit: 64
      ).filter { !inWorking.contains($0) }
      if entering.isEmpty {
        if phaseOne {
          if value < .zero { return .infeasible }
          phaseOne = false
          continue
        }
        let lottery = working.indices.filter { solution.values[$0] != .zero }.map {
          (deal: working[$0], weight: solution.values[$0])
        }
        return .optimal(value: value, lottery: lottery)
      }
      for x in entering { add(x) }
    }
  }

  /// The restricted LP over `working` (phase one: with the shortfall t, last, maximising −t).
  private func program(_ working: [Int], phaseOne: Bool) -> LinearProgram {
    let extra = phaseOne ? 1 : 0
    var objective = [Rational](repeating: .zero, count: working.count + extra)
    if phaseOne {
      objective[working.count] = -1
    } else {
      for (k, x) in working.enumerated() {
        var value = Rational.zero
        for (a, c) in weights.enumerated() where c != .zero { value += c * space.utility(of: a, at: x) }
        objective[k] = value
      }
    }
    var lp = LinearProgram(.maximize, objective: objective)
    for row in rows {
      var coefficients = working.map { space.utility(of: row.actor, at: $0) }
      if phaseOne { coefficients.append(1) }
      lp.addConstraint(coefficients, .greaterOrEqual, row.bound)
    }
    var sum = [Rational](repeating: 1, count: working.count)
    if phaseOne { sum.append(.zero) }
    lp.addConstraint(sum, .equal, 1)
    return lp
  }

  /// The candidates x whose exact score `Σₐ gₐ uₐ(x) − z` is positive, largest `Double` score
  /// first, at most `limit` of them.
  ///
  /// The score is computed in `Double` first; its error is far below
  /// 10⁻⁹ · (scale · Σₐ |gₐ| + |z|) for `scale` the largest utility magnitude (every image is
  /// within a few ulps and the sum has n + 1 terms), so only deals scoring above minus that
  /// margin are evaluated exactly. Non-finite images send every deal to the exact check.
  /// - Complexity: O(C · n) `Double` operations plus O(n) exact ones per deal in the margin.
  static func positive(
    in space: DealSpace, candidates: [Int]?, weights g: [Rational], constant z: Rational,
    scale: Double, limit: Int
  ) -> [Int] {
    let n = space.actorCount
    let ud = space.utilityDouble
    let u = space.utility
    let active = g.indices.filter { g[$0] != .zero }
    let gD = active.map { g[$0].doubleValue }
    let zD = z.doubleValue
    var size = abs(zD)
    for x in gD { size += scale * abs(x) }
    let margin = size.isFinite ? 1e-9 * size + 1e-300 : .infinity
    var screened = [(deal: Int, score: Double)]()
    func consider(_ x: Int) {
      var s = -zD
      for (t, a) in active.enumerated() { s += gD[t] * ud[x * n + a] }
      if !(s <= -margin) { screened.append((x, s.isNaN ? .infinity : s)) }
    }
    if let candidates {
      for x in candidates { consider(x) }
    } else {
      for x in 0..<space.count { consider(x) }
    }
    screened.sort { $0.score != $1.score ? $0.score > $1.score : $0.deal < $1.deal }
    var found = [Int]()
    for (x, s) in screened where found.count < limit {
      // Above the margin the exact score is certainly positive.
      if s > margin && s.isFinite {
        found.append(x)
        continue
      }
      var e = -z
      for a in active { e += g[a] * u[x * n + a] }
      if e > .zero { found.append(x) }
    }
    return found
  }
}
