// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import LPSupport

/// The sponsor–adversary outreach game solved as a leader–follower (Stackelberg) game: the
/// sponsor offers first, the adversary counters with a 0/1 knapsack, targets cut ties or not.
///
/// **Follower.** Given offers `s`, keeping target `i` costs the adversary
/// `w_i = max(0, s_i − t_i)` (`t_i = v_i − p c n_i`, ``OutreachModel/threshold(of:)``) and
/// earns it `r_i − w_i`; targets with `w_i = 0` keep ties for free. The adversary keeps the
/// set `K` maximising `Σ_K (r_i − w_i)` subject to `Σ_K w_i ≤ C`, an exact 0/1 knapsack
/// solved by a list of non-dominated partial solutions (Nemhauser & Ullmann, *Management
/// Science* 15, 1969). Ties between optimal sets are broken *against* the sponsor (more
/// revenue kept, then more targets kept): the pessimistic follower of a weak Stackelberg
/// equilibrium, which matches the rule that a target keeps ties at equality.
///
/// **Leader.** For a set `F` of targets to flip, with no offer elsewhere, let `val(c)` be the
/// adversary's best knapsack over the other targets with capacity `c` and `V₀ = val(C)`.
/// Keeping a non-empty `G ⊆ F` at total cost `W = Σ_G w_i` gives the adversary at best
/// `h_G(W) = val(C − W) + Σ_G r_i − W`, strictly decreasing in `W`; so the adversary prefers
/// to drop all of `F` iff for every `G`, `W > θ_G := min(C, inf{W : h_G(W) < V₀})` (either
/// unwilling or unable). The sponsor's offers to `F` therefore matter only through these
/// thresholds, and the cheapest offers solve the exact LP
/// `min Σ_F w_i` s.t. `Σ_G w_i ≥ θ_G + ε` (∅ ≠ G ⊆ F), `max(0, −t_i) ≤ w_i ≤ cap_i − t_i`
/// with `s_i = t_i + w_i` and ε the model's ``OutreachModel/margin`` (strict comparisons
/// realised as "at least ε more"). Every subset `F` is tried (pruned when a lower bound from
/// the one-target rows exceeds the budget); the best affordable one wins (objective, then
/// least spent). Each candidate is verified by recomputing the adversary's best response
/// with the knapsack and checking that every target in `F` cuts ties.
///
/// **Scope.** By default the optimum is exact over allocations that make offers only to
/// targets the sponsor means to flip. An offer to a target the adversary then keeps (a
/// "decoy", draining its counter budget) can be cheaper when several targets are flipped;
/// ``searchDecoys`` searches those too and is then exact over all allocations (see
/// ``decoyCandidate(_:flip:witness:budget:)``), at a much higher cost.
///
/// - Complexity: Σ over `F` of one exact LP with `2^|F| − 1` rows: `3ⁿ` rows in all for `n`
///   targets, plus a knapsack over the other targets per `F` (`O(n · P²)` with `P ≤ 2ⁿ`
///   non-dominated partial solutions). ``maxTargets`` (default 12) bounds `n`. With
///   ``searchDecoys``: `3ⁿ` role assignments, each up to `2ⁿ` LPs of up to `2ⁿ` rows
///   (``maxDecoyTargets``, default 7; seven targets take about a minute in a debug build).
public struct OutreachCompetition: Sendable {
  /// The adversary's best response to a set of offers.
  public struct AdversaryResponse: Sendable, Hashable {
    /// The least counter-offer needed to keep each target.
    public var counterNeeded: [Rational]
    /// The counter-offer actually made (0 for targets not kept or kept for free).
    public var counters: [Rational]
    /// Whether each target keeps ties.
    public var keepsTies: [Bool]
    /// `Σ_kept r_i − Σ counters`.
    public var netRevenue: Rational
  }

  /// A full outcome: offers, counters, who flips.
  public struct Outcome: Sendable, Hashable {
    public var offers: [Rational]
    public var counters: [Rational]
    public var cutsTies: [Bool]
    /// `Σ offers` (committed; paid only by targets that cut ties if offers are conditional).
    public var offered: Rational
    /// `Σ` offers to targets that cut ties.
    public var paidToFlipped: Rational
    /// `Σ r_i` over targets that cut ties.
    public var revenueLost: Rational
    /// `Σ counters`.
    public var counterSpent: Rational
    /// The adversary's revenue kept minus its counter-offers.
    public var adversaryNetRevenue: Rational
    public var flips: Int { cutsTies.filter { $0 }.count }
  }

  /// The sponsor's optimum.
  public struct Solution: Sendable {
    public var outcome: Outcome
    /// The targets the sponsor set out to flip (others may flip too, e.g. when the adversary
    /// cannot afford to keep them).
    public var intended: [Int]
    /// The objective's value.
    public var objectiveValue: Rational
    /// The budget used.
    public var budget: Rational
    /// The number of target sets examined and how many were affordable.
    public var setsExamined: Int
    public var setsAffordable: Int
    public var method: String
    public var isExact: Bool { true }
    public var parameters: [String: String]
    public var status: SolverStatus
    public var notes: [String]
  }

  /// The largest number of targets the exact enumeration accepts.
  public var maxTargets: Int
  /// Whether to search decoy offers too (``decoyCandidate(_:flip:witness:budget:)``): exact
  /// over every allocation, at `3ⁿ` target roles times up to `2ⁿ` LPs of up to `2ⁿ` rows.
  public var searchDecoys: Bool
  /// The largest number of targets the decoy search accepts.
  public var maxDecoyTargets: Int
  /// Whether a target set's LP is skipped when the offers' lower bounds (each target's own
  /// row) already meet every row: that point is then the LP's unique optimum, so the result
  /// is the same either way. `false` solves every LP (tests compare the two).
  public var skipsLPAtLowerBounds = true

  public init(maxTargets: Int = 12, searchDecoys: Bool = false, maxDecoyTargets: Int = 7) {
    self.maxTargets = maxTargets
    self.searchDecoys = searchDecoys
    self.maxDecoyTargets = maxDecoyTargets
  }

  // MARK: - Follower

  /// The adversary's best response to `offers` (pessimistic ties, see the type's summary).
  ///
  /// - Precondition: one offer per target.
  /// - Complexity: O(n · P²) for `P ≤ 2ⁿ` non-dominated partial knapsack solutions.
  public static func adversaryResponse(_ model: OutreachModel, offers: [Rational])
    -> AdversaryResponse
  {
    precondition(offers.count == model.targets.count, "one offer per target")
    let n = model.targets.count
    let need = (0..<n).map { model.counterNeeded(for: $0, offer: offers[$0]) }
    var items = [Knapsack.Item]()
    var keeps = [Bool](repeating: false, count: n)
    for i in 0..<n {
      if need[i] == 0 {
        keeps[i] = true
      } else if model.targets[i].revenue >= need[i] {
        items.append(.init(index: i, weight: need[i], revenue: model.targets[i].revenue))
      }
    }
    let best = Knapsack.best(items, capacity: model.counterBudget)
    var counters = [Rational](repeating: 0, count: n)
    for i in best.chosen {
      keeps[i] = true
      counters[i] = need[i]
    }
    var net = Rational(0)
    for i in 0..<n where keeps[i] { net += model.targets[i].revenue - counters[i] }
    return AdversaryResponse(
      counterNeeded: need, counters: counters, keepsTies: keeps,
      netRevenue: net)
  }

  /// The outcome of `offers`: the adversary's best response and who cuts ties.
  public static func outcome(_ model: OutreachModel, offers: [Rational]) -> Outcome {
    let r = adversaryResponse(model, offers: offers)
    let n = model.targets.count
    let cuts = (0..<n).map { model.cutsTies($0, offer: offers[$0], counter: r.counters[$0]) }
    var o = Outcome(
      offers: offers, counters: r.counters, cutsTies: cuts,
      offered: offers.reduce(0, +), paidToFlipped: 0, revenueLost: 0,
      counterSpent: r.counters.reduce(0, +), adversaryNetRevenue: r.netRevenue)
    for i in 0..<n where cuts[i] {
      o.paidToFlipped += offers[i]
      o.revenueLost += model.targets[i].revenue
    }
    return o
  }

  // MARK: - Leader

  /// One affordable-or-not candidate: a target set with its cheapest offers.
  struct Candidate {
    var set: [Int]
    var cost: Rational
    var outcome: Outcome
    var value: Rational
  }

  /// The sponsor's optimal allocation of ``OutreachModel/sponsorBudget``.
  ///
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for a malformed model (negative
  ///   amounts, p or n outside [0, 1], ε ≤ 0); ``SolverError/limitExceeded(_:_:)`` above
  ///   ``maxTargets``; ``SolverError/numerical(_:_:)`` if an LP or a verification fails;
  ///   ``SolverError/cancelled(_:)`` when stopped.
  public func solve(_ model: OutreachModel, control: SolverControl = .none)
    throws(SolverError) -> Solution
  {
    try sweep(model, budgets: [model.sponsorBudget], control: control)[0]
  }

  /// Checks `model` and that the exact enumeration can take it: at most ``maxTargets``
  /// targets and no negative budget among `budgets`.
  func checkEnumerable(_ model: OutreachModel, budgets: [Rational]) throws(SolverError) {
    try Self.validate(model)
    let n = model.targets.count
    guard n <= maxTargets else {
      throw .limitExceeded(
        "outreach",
        "\(n) targets exceed the exact enumeration's limit of \(maxTargets) (3^n LP rows)")
    }
    guard budgets.allSatisfy({ $0 >= 0 }) else {
      throw .invalidArgument("outreach", "a budget is negative")
    }
  }

  /// The optimum for each budget in `budgets` (the candidate sets are computed once).
  ///
  /// - Throws: as ``solve(_:control:)``; also for a negative budget.
  public func sweep(_ model: OutreachModel, budgets: [Rational], control: SolverControl = .none)
    throws(SolverError) -> [Solution]
  {
    try checkEnumerable(model, budgets: budgets)
    let n = model.targets.count
    let largest = budgets.max() ?? 0
    var candidates = [Candidate]()
    var examined = 0
    if searchDecoys {
      guard n <= maxDecoyTargets else {
        throw .limitExceeded(
          "outreach",
          "\(n) targets exceed the decoy search's limit of \(maxDecoyTargets) (3^n roles)")
      }
      candidates.append(try candidate(model, set: [], budget: largest)!)
      var roles = [Int](repeating: 0, count: n)  // 0 other, 1 flip, 2 witness
      while true {
        var q = 0
        while q < n {
          roles[q] += 1
          if roles[q] < 3 { break }
          roles[q] = 0
          q += 1
        }
        if q == n { break }
        if control.stopReason() != nil { throw .cancelled("outreach") }
        let flip = (0..<n).filter { roles[$0] == 1 }
        guard !flip.isEmpty else { continue }
        examined += 1
        let witness = (0..<n).filter { roles[$0] == 2 }
        if let c = try decoyCandidate(model, flip: flip, witness: witness, budget: largest) {
          candidates.append(c)
        }
      }
    } else {
      for mask in 0..<(1 << n) {
        if control.stopReason() != nil { throw .cancelled("outreach") }
        examined += 1
        let set = (0..<n).filter { mask & (1 << $0) != 0 }
        if let c = try candidate(model, set: set, budget: largest) { candidates.append(c) }
      }
    }
    return budgets.map { b in
      let affordable = candidates.filter { $0.cost <= b }
      // Best objective, then least offered, then the first set in enumeration order.
      var best = affordable[0]  // the empty set is always affordable
      for c in affordable.dropFirst()
      where c.value > best.value || (c.value == best.value && c.cost < best.cost) {
        best = c
      }
      return Solution(
        outcome: best.outcome, intended: best.set, objectiveValue: best.value, budget: b,
        setsExamined: examined, setsAffordable: affordable.count,
        method: searchDecoys
          ? "outreach Stackelberg (role enumeration with decoys, exact LP, knapsack follower)"
          : "outreach Stackelberg (subset enumeration, exact LP, knapsack follower)",
        parameters: [
          "budget": b.description, "counterBudget": model.counterBudget.description,
          "objective": model.objective.rawValue, "margin": model.margin.description,
          "shaming": "p=\(model.shamingProbability) c=\(model.shamingCost)",
        ],
        status: .complete,
        notes: [
          searchDecoys
            ? "all allocations searched, decoy offers included"
            : "offers only to targets the sponsor means to flip (no decoy offers)"
        ])
    }
  }

  /// The cheapest offers flipping every target of `set`, or nil if none within `budget`.
  func candidate(_ model: OutreachModel, set: [Int], budget: Rational) throws(SolverError)
    -> Candidate?
  {
    let n = model.targets.count
    let inSet = Set(set)
    let t = (0..<n).map { model.threshold(of: $0) }
    let eps = model.margin
    let C = model.counterBudget
    var offers = [Rational](repeating: 0, count: n)
    if !set.isEmpty {
      // The adversary's options among the other targets at zero offers: a staircase val(c).
      var items = [Knapsack.Item]()
      for i in 0..<n where !inSet.contains(i) {
        let w = max(0, -t[i])
        if w > 0 && model.targets[i].revenue >= w {
          items.append(.init(index: i, weight: w, revenue: model.targets[i].revenue))
        }
      }
      let stairs = Knapsack.staircase(items, capacity: C)
      let v0 = stairs.last!.value
      func theta(_ g: [Int]) -> Rational {
        theta(revenue: g.reduce(Rational(0)) { $0 + model.targets[$1].revenue })
      }
      func theta(revenue rG: Rational) -> Rational {
        var best: Rational? = nil
        for (k, step) in stairs.enumerated() {
          // On W ∈ (C − ω_{k+1}, C − ω_k], val(C − W) = ν_k.
          let upper = C - step.weight
          let lower: Rational? = k + 1 < stairs.count ? C - stairs[k + 1].weight : nil
          let a = rG - v0 + step.value
          let from = lower.map { max($0, a) } ?? a
          if from < upper { best = best.map { min($0, from) } ?? from }
        }
        return min(C, best ?? C)
      }
      let m = set.count
      var lowerBound = [Rational](repeating: 0, count: m)
      var upperBound = [Rational?](repeating: nil, count: m)
      var bound = Rational(0)
      for (j, i) in set.enumerated() {
        lowerBound[j] = max(0, -t[i], theta([i]) + eps)
        if let cap = model.targets[i].cap {
          upperBound[j] = cap - t[i]
          if cap - t[i] < lowerBound[j] { return nil }
        }
        bound += t[i] + lowerBound[j]
      }
      if bound > budget { return nil }
      // r_G for every G ⊆ F by adding one target to a smaller subset (one addition each),
      // and the rows' right-hand sides θ_G + ε.
      var revenueOf = [Rational](repeating: 0, count: 1 << m)
      var rhs = [Rational](repeating: 0, count: 1 << m)
      for g in 1..<(1 << m) {
        let low = g.trailingZeroBitCount
        revenueOf[g] = revenueOf[g & (g - 1)] + model.targets[set[low]].revenue
        rhs[g] = theta(revenue: revenueOf[g]) + eps
      }
      // Every feasible w has w ≥ lowerBound (the bounds and the one-target rows), so when
      // lowerBound meets every row it is the LP's unique optimum, and the LP is not needed.
      var sumOf = [Rational](repeating: 0, count: 1 << m)
      var lowerIsFeasible = skipsLPAtLowerBounds
      for g in 1..<(1 << m) where lowerIsFeasible {
        sumOf[g] = sumOf[g & (g - 1)] + lowerBound[g.trailingZeroBitCount]
        if sumOf[g] < rhs[g] {
          lowerIsFeasible = false
          break
        }
      }
      if lowerIsFeasible {
        for (j, i) in set.enumerated() { offers[i] = t[i] + lowerBound[j] }
      } else {
        var lp = LinearProgram(.minimize, objective: [Rational](repeating: 1, count: m))
        for j in 0..<m {
          lp.setBounds(of: j, lower: max(0, -t[set[j]]), upper: upperBound[j])
        }
        for g in 1..<(1 << m) {
          lp.addConstraint((0..<m).map { g & (1 << $0) != 0 ? 1 : 0 }, .greaterOrEqual, rhs[g])
        }
        let solution: LPSolution<Rational>
        do { solution = try lp.solveExact() } catch { throw .numerical("outreach", "\(error)") }
        guard solution.status == .optimal else { return nil }
        for (j, i) in set.enumerated() { offers[i] = t[i] + solution.values[j] }
      }
    }
    let cost = offers.reduce(Rational(0), +)
    guard cost <= budget else { return nil }
    let outcome = Self.outcome(model, offers: offers)
    for i in set where !outcome.cutsTies[i] {
      throw .numerical(
        "outreach",
        "verification failed: \(model.targets[i].name) keeps ties under the computed offers")
    }
    let value: Rational =
      model.objective == .flips ? Rational(outcome.flips) : outcome.revenueLost
    return Candidate(set: set, cost: cost, outcome: outcome, value: value)
  }

  /// The cheapest offers flipping every target of `flip` such that the adversary prefers
  /// keeping `witness` (with positive counter-offers, paid for by sponsor offers where the
  /// threshold is ≥ 0: decoys) to any set that keeps a target of `flip`; nil if none within
  /// `budget`.
  ///
  /// With `S = Σ_{witness} w_j` the adversary's spending on the witness, a set `K` meeting
  /// `flip` must be unaffordable or worse: `W_K > min(C, R_K − R_witness + S)`. On each
  /// interval of `S` between the breakpoints `C − R_K + R_witness` the minimum is one fixed
  /// branch, so each interval is one exact LP in `(w, S)`; the cheapest wins. Targets
  /// outside both sets with a negative threshold are unoffered and cost the adversary
  /// `−t_j` to keep; the rest are kept for free.
  func decoyCandidate(
    _ model: OutreachModel, flip: [Int], witness: [Int], budget: Rational
  ) throws(SolverError) -> Candidate? {
    let n = model.targets.count
    let t = (0..<n).map { model.threshold(of: $0) }
    let r = model.targets.map(\.revenue)
    let eps = model.margin
    let C = model.counterBudget
    let variables = flip + witness  // then S
    let m = variables.count
    var floor = Rational(0)
    for i in variables { floor += max(0, t[i]) }
    if floor > budget { return nil }
    let inFlip = Set(flip)
    let inWitness = Set(witness)
    let fixed = (0..<n).filter { !inFlip.contains($0) && !inWitness.contains($0) && t[$0] < 0 }
    let pool = variables + fixed  // targets with positive counter costs
    let rWitness = witness.reduce(Rational(0)) { $0 + r[$1] }
    // Every set meeting `flip`: its variable columns, fixed weight, revenue, breakpoint.
    var sets = [(columns: [Int], constant: Rational, revenue: Rational, kink: Rational)]()
    for mask in 1..<(1 << pool.count) {
      let members = (0..<pool.count).filter { mask & (1 << $0) != 0 }
      guard members.contains(where: { $0 < flip.count }) else { continue }
      var constant = Rational(0)
      var revenue = Rational(0)
      for k in members {
        revenue += r[pool[k]]
        if k >= m { constant += -t[pool[k]] }
      }
      sets.append((members.filter { $0 < m }, constant, revenue, C - revenue + rWitness))
    }
    var points = Set<Rational>([0, C])
    for s in sets where s.kink > 0 && s.kink < C { points.insert(s.kink) }
    let sorted = points.sorted()
    var best: [Rational]? = nil
    var bestCost: Rational? = nil
    for (lo, hi) in zip(sorted, sorted.dropFirst()) + (sorted.count == 1 ? [(0, 0)] : []) {
      var lp = LinearProgram(
        .minimize, objective: [Rational](repeating: 1, count: m) + [0])
      for (j, i) in variables.enumerated() {
        let cap = model.targets[i].cap.map { $0 - t[i] }
        if let cap, cap < max(0, -t[i]) { return nil }
        lp.setBounds(of: j, lower: max(0, -t[i]), upper: cap)
      }
      lp.setBounds(of: m, lower: lo, upper: hi)
      var row = [Rational](repeating: 0, count: m + 1)
      for j in flip.count..<m { row[j] = 1 }
      row[m] = -1
      lp.addConstraint(row, .equal, 0)
      for s in sets {
        var row = [Rational](repeating: 0, count: m + 1)
        for j in s.columns { row[j] = 1 }
        if hi <= s.kink {
          row[m] = -1
          lp.addConstraint(row, .greaterOrEqual, s.revenue - rWitness + eps - s.constant)
        } else {
          lp.addConstraint(row, .greaterOrEqual, C + eps - s.constant)
        }
      }
      let solution: LPSolution<Rational>
      do { solution = try lp.solveExact() } catch { throw .numerical("outreach", "\(error)") }
      guard solution.status == .optimal else { continue }
      let cost = variables.indices.reduce(Rational(0)) {
        $0 + t[variables[$1]] + solution.values[$1]
      }
      if bestCost == nil || cost < bestCost! {
        bestCost = cost
        best = solution.values
      }
    }
    guard let best, let bestCost, bestCost <= budget else { return nil }
    var offers = [Rational](repeating: 0, count: n)
    for (j, i) in variables.enumerated() { offers[i] = max(0, t[i] + best[j]) }
    let cost = offers.reduce(Rational(0), +)
    guard cost <= budget else { return nil }
    let outcome = Self.outcome(model, offers: offers)
    for i in flip where !outcome.cutsTies[i] {
      throw .numerical(
        "outreach",
        "verification failed: \(model.targets[i].name) keeps ties under the computed offers")
    }
    let value: Rational =
      model.objective == .flips ? Rational(outcome.flips) : outcome.revenueLost
    return Candidate(set: flip, cost: cost, outcome: outcome, value: value)
  }

  static func validate(_ model: OutreachModel) throws(SolverError) {
    func fail(_ s: String) -> SolverError { .invalidArgument("outreach", s) }
    guard model.sponsorBudget >= 0, model.counterBudget >= 0 else {
      throw fail("budgets must be ≥ 0")
    }
    guard model.shamingProbability >= 0 && model.shamingProbability <= 1 else {
      throw fail("the shaming probability must lie in [0, 1]")
    }
    guard model.shamingCost >= 0 else { throw fail("the shaming cost must be ≥ 0") }
    guard model.margin > 0 else { throw fail("the margin ε must be > 0") }
    for t in model.targets {
      guard t.tieValue >= 0, t.revenue >= 0, t.visibility >= 0, t.visibility <= 1,
        (t.cap ?? 0) >= 0
      else { throw fail("target \(t.name) has a negative amount or a visibility outside [0, 1]") }
    }
  }
}

/// Exact 0/1 knapsack by lists of non-dominated partial solutions.
enum Knapsack {
  struct Item {
    var index: Int
    var weight: Rational
    var revenue: Rational
    var value: Rational { revenue - weight }
  }

  struct State {
    var weight: Rational
    var value: Rational
    var revenue: Rational
    var count: Int
    var chosen: [Int]
  }

  /// Every non-dominated partial solution within `capacity` (weight ≤, value, revenue and
  /// count ≥).
  static func states(_ items: [Item], capacity: Rational) -> [State] {
    var list = [State(weight: 0, value: 0, revenue: 0, count: 0, chosen: [])]
    for item in items {
      var next = list
      for s in list where s.weight + item.weight <= capacity {
        next.append(
          State(
            weight: s.weight + item.weight, value: s.value + item.value,
            revenue: s.revenue + item.revenue, count: s.count + 1,
            chosen: s.chosen + [item.index]))
      }
      list = []
      for (a, s) in next.enumerated() {
        let dominated = next.enumerated().contains { b, o in
          guard b != a, o.weight <= s.weight, o.value >= s.value, o.revenue >= s.revenue,
            o.count >= s.count
          else { return false }
          let equal =
            o.weight == s.weight && o.value == s.value && o.revenue == s.revenue
            && o.count == s.count
          return !equal || b < a
        }
        if !dominated { list.append(s) }
      }
    }
    return list
  }

  /// The best set: highest value, then highest revenue, then most targets.
  static func best(_ items: [Item], capacity: Rational) -> State {
    states(items, capacity: capacity).max { a, b in
      (a.value, a.revenue, a.count) < (b.value, b.revenue, b.count)
    }!
  }

  /// `val(c)` as a staircase: weights ascending with strictly increasing best values.
  static func staircase(_ items: [Item], capacity: Rational)
    -> [(weight: Rational, value: Rational)]
  {
    let sorted = states(items, capacity: capacity).sorted {
      ($0.weight, -$0.value) < ($1.weight, -$1.value)
    }
    var out = [(weight: Rational, value: Rational)]()
    for s in sorted where out.last.map({ s.value > $0.value }) ?? true {
      out.append((s.weight, s.value))
    }
    return out
  }
}
