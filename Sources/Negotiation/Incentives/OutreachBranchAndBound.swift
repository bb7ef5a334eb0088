// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

extension OutreachCompetition {
  /// The sponsor's optimal outcome at its budget, the same as ``solve(_:control:)``'s, found
  /// by branch and bound over the target sets instead of trying every one.
  ///
  /// With offers only to the set `F`, a target outside `F` receives nothing and cuts ties only
  /// if its threshold is negative (`0 − t_i > counter ≥ 0`), so the targets that can cut ties
  /// are among `F ∪ T₋` with `T₋ = {i : t_i < 0}`. Hence `Σ_{F ∪ T₋} r_i` (objective
  /// revenue-lost) or `|F ∪ T₋|` (objective flips) bounds the objective of `F` from above,
  /// exactly. The sets are visited in decreasing order of that bound (ties: enumeration
  /// order); each is solved exactly as in ``solve(_:control:)`` (``candidate(_:set:budget:)``),
  /// and the search stops at the first set whose bound is below the best objective found:
  /// no later set can match it. The winner is chosen by the same rule as ``solve(_:control:)``
  /// (best objective, then least offered, then the first set in enumeration order), so the
  /// outcome, the intended set and the objective are identical. Unlike ``solve(_:control:)``
  /// it does not count the sets examined and affordable (the search skips most of them), and
  /// a verification failure in a set the bound rules out goes unnoticed. With
  /// ``searchDecoys`` it falls back to ``solve(_:control:)``.
  ///
  /// - Throws: as ``solve(_:control:)``.
  /// - Complexity: at worst that of ``solve(_:control:)`` plus an O(2ⁿ log 2ⁿ) sort; in
  ///   practice a small fraction of the `2ⁿ` sets reach the exact LP.
  public func optimalOutcome(_ model: OutreachModel, control: SolverControl = .none)
    throws(SolverError) -> (outcome: Outcome, intended: [Int], objectiveValue: Rational)
  {
    if searchDecoys {
      let s = try solve(model, control: control)
      return (s.outcome, s.intended, s.objectiveValue)
    }
    try checkEnumerable(model, budgets: [model.sponsorBudget])
    let n = model.targets.count
    var freeMask = 0
    for i in 0..<n where model.threshold(of: i) < 0 { freeMask |= 1 << i }
    let revenue = model.targets.map(\.revenue)
    let flips = model.objective == .flips
    // Bounds in `Double` order the search; the exact bound decides every skip. A sum of at
    // most n non-negative images is within (n + 1) ulps relative of the exact sum, so a
    // `Double` bound below the best's image by the relative `slack` is below it exactly, and
    // so is every later (smaller) one.
    func bound(_ mask: Int) -> Rational {
      let reach = mask | freeMask
      if flips { return Rational(reach.nonzeroBitCount) }
      var total = Rational(0)
      for i in 0..<n where reach & (1 << i) != 0 { total += revenue[i] }
      return total
    }
    let revenueD = revenue.map(\.doubleValue)
    let order = (0..<(1 << n)).map { mask -> (mask: Int, bound: Double) in
      let reach = mask | freeMask
      if flips { return (mask, Double(reach.nonzeroBitCount)) }
      var total = 0.0
      for i in 0..<n where reach & (1 << i) != 0 { total += revenueD[i] }
      return (mask, total)
    }.sorted { $0.bound != $1.bound ? $0.bound > $1.bound : $0.mask < $1.mask }
    let slack = 1e-12
    var best: (mask: Int, candidate: Candidate, image: Double)? = nil
    for (mask, ub) in order {
      if control.stopReason() != nil { throw .cancelled("outreach") }
      if let best {
        if ub.isFinite && best.image.isFinite && ub < best.image * (1 - slack) - slack {
          break
        }
        if bound(mask) < best.candidate.value { continue }
      }
      let set = (0..<n).filter { mask & (1 << $0) != 0 }
      guard let c = try candidate(model, set: set, budget: model.sponsorBudget) else { continue }
      if let b = best {
        let better =
          c.value > b.candidate.value
          || (c.value == b.candidate.value
            && (c.cost < b.candidate.cost || (c.cost == b.candidate.cost && mask < b.mask)))
        if !better { continue }
      }
      best = (mask, c, c.value.doubleValue)
    }
    // The empty set is always affordable, so some set won.
    let winner = best!.candidate
    return (winner.outcome, winner.set, winner.value)
  }
}
