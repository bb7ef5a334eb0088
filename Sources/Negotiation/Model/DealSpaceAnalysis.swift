// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import LPSupport

/// The structure of a deal space: the Pareto set, each actor's best and worst deal, the zone
/// of agreement and the veto players.
///
/// - Pareto set: deals no other deal weakly dominates (every actor at least as well off, one
///   strictly better). Sort-and-filter skyline (Börzsönyi, Kossmann & Stocker 2001, "The
///   Skyline Operator"): deals in decreasing order of their utility sum, each compared only
///   with the Pareto deals found before it, since a dominating deal has a strictly larger
///   sum. The comparisons are screened in `Double` and only confirmed exactly: the `Double`
///   images are within a few units in the last place of the exact utilities, so a front deal
///   some of whose utilities is below the candidate's by more than a safe margin (10⁻¹² of
///   the largest magnitude) certainly does not dominate it. A first screen packs each deal
///   into 64 bits, per actor a thermometer code of which quantiles its utility reaches (with
///   the margin for the candidate), so most pairs are rejected by one `AND`. The result is
///   exactly the exact skyline. O(D log D + D · P · n) for D deals, P Pareto deals, n
///   actors, with a small constant for the screened pairs.
/// - Zone of agreement: deals every actor strictly prefers to disagreement. O(D · n).
/// - Pareto optimality among lotteries: an exact LP (is there a lottery over the deals giving
///   everyone at least as much and someone more?) solved by column generation: exact LPs over
///   a few deals, every deal priced with the exact duals (screened in `Double`).
public struct DealSpaceAnalysis: Sendable {
  /// Pareto-optimal deals (indices into the space), in increasing order.
  public var paretoSet: [Int]
  /// Per actor, a deal maximising its utility (the first such in numbering order).
  public var bestDeal: [Int]
  /// Per actor, a deal minimising its utility (the first such).
  public var worstDeal: [Int]
  /// Deals every actor strictly prefers to its disagreement payoff, in increasing order.
  public var zoneOfAgreement: [Int]
  /// The actors that hold a veto (indices).
  public var vetoPlayers: [Int]

  /// Analyses `space`, polling `control` between phases.
  public init(_ space: DealSpace, control: SolverControl = .none) throws(SolverError) {
    let n = space.actorCount
    let d = space.model.disagreement
    let dD = d.map(\.doubleValue)
    let u = space.utility
    let ud = space.utilityDouble
    let tol = Self.margin(ud, extra: dD)
    // Extremes: the Double extremes, then the exact ones among the deals near them.
    var best = [Int](repeating: 0, count: n)
    var worst = [Int](repeating: 0, count: n)
    var top = [Double](repeating: -.infinity, count: n)
    var bottom = [Double](repeating: .infinity, count: n)
    for deal in 0..<space.count {
      for a in 0..<n {
        let x = ud[deal * n + a]
        if x > top[a] { top[a] = x }
        if x < bottom[a] { bottom[a] = x }
      }
    }
    for a in 0..<n {
      var b: Int? = nil
      var w: Int? = nil
      for deal in 0..<space.count {
        let x = ud[deal * n + a]
        // A NaN image never excludes a deal from the exact comparison.
        if !(x < top[a] - tol) && (b == nil || u[deal * n + a] > u[b! * n + a]) { b = deal }
        if !(x > bottom[a] + tol) && (w == nil || u[deal * n + a] < u[w! * n + a]) { w = deal }
      }
      best[a] = b ?? 0
      worst[a] = w ?? 0
    }
    var zone = [Int]()
    for deal in 0..<space.count {
      var inZone = true
      for a in 0..<n {
        let x = ud[deal * n + a]
        if x > dD[a] + tol { continue }
        if x < dD[a] - tol || u[deal * n + a] <= d[a] {
          inZone = false
          break
        }
      }
      if inZone { zone.append(deal) }
    }
    if let stop = control.stopReason() { throw .cancelled("deal space (\(stop))") }
    self.paretoSet = try Self.pareto(in: space, among: Array(0..<space.count), control: control)
    self.bestDeal = best
    self.worstDeal = worst
    self.zoneOfAgreement = zone
    self.vetoPlayers = space.model.actors.indices.filter { space.model.actors[$0].veto }
  }

  /// The largest magnitude among `values` and `extra`, infinite if one is not finite.
  static func magnitude(_ values: [Double], extra: [Double] = []) -> Double {
    var scale = 0.0
    for x in values {
      guard x.isFinite else { return .infinity }
      scale = Swift.max(scale, abs(x))
    }
    for x in extra {
      guard x.isFinite else { return .infinity }
      scale = Swift.max(scale, abs(x))
    }
    return scale
  }

  /// A margin beyond which `Double` images certainly order as the exact values do: 10⁻¹² of
  /// the largest magnitude (the images are within a few ulps), infinite (every comparison
  /// exact) when an image is not finite.
  static func margin(_ values: [Double], extra: [Double] = []) -> Double {
    Swift.max(1e-12 * magnitude(values, extra: extra), 1e-300)
  }

  /// The deals among `candidates` that no other candidate weakly dominates, in increasing
  /// order.
  public static func pareto(
    in space: DealSpace, among candidates: [Int], control: SolverControl = .none
  ) throws(SolverError) -> [Int] {
    let n = space.actorCount
    let count = candidates.count
    guard count > 1 else { return candidates.sorted() }
    let exact = space.utility
    let ud = space.utilityDouble
    // Flat Double utilities by position in `candidates`.
    var values = [Double](repeating: 0, count: count * n)
    for (p, c) in candidates.enumerated() {
      for a in 0..<n { values[p * n + a] = ud[c * n + a] }
    }
    let tol = margin(values)
    // Order: decreasing exact sum. Double sums first; runs of near-equal Double sums (closer
    // than their error bound) are re-sorted by their exact sums.
    var sums = [Double](repeating: 0, count: count)
    for p in 0..<count {
      var s = 0.0
      for a in 0..<n { s += values[p * n + a] }
      sums[p] = s
    }
    // Without finite images every comparison is exact: one run, sorted exactly.
    if !tol.isFinite { sums = [Double](repeating: 0, count: count) }
    var order = Array(0..<count).sorted {
      sums[$0] != sums[$1] ? sums[$0] > sums[$1] : candidates[$0] < candidates[$1]
    }
    let sumTol = tol * Double(n * n + 1)
    var start = 0
    while start < count {
      var end = start + 1
      while end < count && !(sums[order[end - 1]] - sums[order[end]] > sumTol) { end += 1 }
      if end - start > 1 {
        var exactSum = [Int: Rational]()
        for p in order[start..<end] {
          var s = Rational.zero
          for a in 0..<n { s += exact[candidates[p] * n + a] }
          exactSum[p] = s
        }
        order[start..<end].sort {
          let (x, y) = (exactSum[$0]!, exactSum[$1]!)
          return x != y ? x > y : candidates[$0] < candidates[$1]
        }
      }
      start = end
    }
    // Thermometer masks: bit (a, t) of `have` says utility a reaches the t-th quantile; of
    // `need`, that it does by more than the margin (so any dominating deal reaches it).
    let dims = Swift.min(n, 64)
    let bits = Swift.max(1, Swift.min(8, 64 / Swift.max(dims, 1)))
    var have = [UInt64](repeating: 0, count: count)
    var need = [UInt64](repeating: 0, count: count)
    for a in 0..<dims {
      let column = (0..<count).map { values[$0 * n + a] }.filter(\.isFinite).sorted()
      guard !column.isEmpty else { continue }
      for t in 0..<bits {
        let q = column[Swift.min(column.count - 1, (t + 1) * column.count / (bits + 1))]
        let bit = UInt64(1) << UInt64(a * bits + t)
        for p in 0..<count {
          let x = values[p * n + a]
          if x >= q { have[p] |= bit }
          if x - tol >= q { need[p] |= bit }
        }
      }
    }
    // Front: positions, masks and flat utilities, in decreasing order of sum.
    var frontPosition = [Int]()
    var frontHave = [UInt64]()
    var frontValues = [Double]()
    /// Whether front member k dominates position p: screened in Double, confirmed exactly.
    func dominates(_ k: Int, _ p: Int) -> Bool {
      for a in 0..<n where frontValues[k * n + a] < values[p * n + a] - tol { return false }
      let f = candidates[frontPosition[k]]
      let c = candidates[p]
      var strict = false
      for a in 0..<n {
        let (x, y) = (exact[f * n + a], exact[c * n + a])
        if x < y { return false }
        if x > y { strict = true }
      }
      return strict
    }
    for (step, p) in order.enumerated() {
      if step % 1024 == 0, let stop = control.stopReason() {
        throw .cancelled("pareto (\(stop))")
      }
      let needed = need[p]
      var dominated = false
      let size = frontHave.count
      var k = 0
      while k < size && !dominated {
        let end = Swift.min(k + 128, size)
        // Branch-free screen of a block; the rare survivors are checked one by one.
        var any: UInt64 = 0
        frontHave.withUnsafeBufferPointer { h in
          for t in k..<end { any |= (needed & ~h[t]) == 0 ? 1 : 0 }
        }
        if any != 0 {
          for t in k..<end where (needed & ~frontHave[t]) == 0 && dominates(t, p) {
            dominated = true
            break
          }
        }
        k = end
      }
      if !dominated {
        frontPosition.append(p)
        frontHave.append(have[p])
        frontValues.append(contentsOf: values[(p * n)..<((p + 1) * n)])
      }
    }
    return frontPosition.map { candidates[$0] }.sorted()
  }

  /// Whether the payoff vector `payoffs` (utilities before transfers) is Pareto optimal among
  /// lotteries over the deals of `space`: no lottery gives every actor at least as much and
  /// someone more. Exact LP over the Pareto deals, by column generation.
  public func isParetoOptimalAmongLotteries(_ payoffs: [Rational], in space: DealSpace)
    throws(SolverError) -> Bool
  {
    try Self.isParetoOptimalAmongLotteries(payoffs, in: space, among: paretoSet)
  }

  /// Whether `payoffs` is Pareto optimal among lotteries over `candidates` (every deal when
  /// `nil`): the exact LP `max Σₐ E uₐ(λ)` subject to `E uₐ(λ) ≥ payoffsₐ` for every actor,
  /// solved by column generation; optimal when it is infeasible or its value is Σ payoffs.
  /// - Complexity: per round an exact LP with n + 1 rows over the working deals and a pricing
  ///   pass of O(C · n) `Double` operations over the C candidates.
  public static func isParetoOptimalAmongLotteries(
    _ payoffs: [Rational], in space: DealSpace, among candidates: [Int]? = nil,
    seed: [Int] = [], control: SolverControl = .none
  ) throws(SolverError) -> Bool {
    let n = space.actorCount
    let program = LotteryProgram(
      space: space, candidates: candidates, weights: [Rational](repeating: 1, count: n),
      rows: (0..<n).map { ($0, payoffs[$0]) }, seed: seed)
    switch try program.solve(control: control) {
    case .infeasible: return true  // not even reachable by a lottery: nothing dominates it
    case .optimal(let value, _): return value == payoffs.reduce(Rational.zero, +)
    }
  }
}
