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
///   sum. Exact comparisons. O(D log D + D · P · n) for D deals, P Pareto deals, n actors.
/// - Zone of agreement: deals every actor strictly prefers to disagreement. O(D · n).
/// - Pareto optimality among lotteries: an exact LP (is there a lottery over the Pareto deals
///   giving everyone at least as much and someone more?). One LP with P + n columns.
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
    var best = [Int](repeating: 0, count: n)
    var worst = [Int](repeating: 0, count: n)
    var zone = [Int]()
    for deal in 0..<space.count {
      var inZone = true
      for a in 0..<n {
        let u = space.utility[deal * n + a]
        if u > space.utility[best[a] * n + a] { best[a] = deal }
        if u < space.utility[worst[a] * n + a] { worst[a] = deal }
        if u <= d[a] { inZone = false }
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

  /// The deals among `candidates` that no other candidate weakly dominates, in increasing
  /// order.
  public static func pareto(
    in space: DealSpace, among candidates: [Int], control: SolverControl = .none
  ) throws(SolverError) -> [Int] {
    let n = space.actorCount
    let sums: [Rational] = candidates.map { c in
      var s = Rational.zero
      for a in 0..<n { s += space.utility[c * n + a] }
      return s
    }
    let order = candidates.indices.sorted {
      sums[$0] != sums[$1] ? sums[$0] > sums[$1] : candidates[$0] < candidates[$1]
    }
    var front = [Int]()  // positions into candidates
    for (step, position) in order.enumerated() {
      if step % 4096 == 0, let stop = control.stopReason() {
        throw .cancelled("pareto (\(stop))")
      }
      let c = candidates[position]
      var dominated = false
      for f in front where sums[f] > sums[position] {
        let other = candidates[f]
        var geq = true
        for a in 0..<n where space.utility[other * n + a] < space.utility[c * n + a] {
          geq = false
          break
        }
        if geq {
          dominated = true
          break
        }
      }
      if !dominated { front.append(position) }
    }
    return front.map { candidates[$0] }.sorted()
  }

  /// Whether the payoff vector `payoffs` (utilities before transfers) is Pareto optimal among
  /// lotteries over the deals of `space`: no lottery gives every actor at least as much and
  /// someone more. Exact LP over the Pareto deals.
  public func isParetoOptimalAmongLotteries(_ payoffs: [Rational], in space: DealSpace)
    throws(SolverError) -> Bool
  {
    let n = space.actorCount
    let p = paretoSet.count
    // Variables: λ (p), s (n). max Σ s subject to Σ_d λ_d u_d − s = payoffs, Σ λ = 1.
    var lp = LinearProgram(
      .maximize,
      objective: [Rational](repeating: .zero, count: p) + [Rational](repeating: 1, count: n))
    for a in 0..<n {
      var row = [Rational](repeating: .zero, count: p + n)
      for (j, deal) in paretoSet.enumerated() { row[j] = space.utility[deal * n + a] }
      row[p + a] = Rational(-1)
      lp.addConstraint(row, .equal, payoffs[a])
    }
    lp.addConstraint(
      [Rational](repeating: 1, count: p) + [Rational](repeating: .zero, count: n), .equal,
      Rational(1))
    let solution: LPSolution<Rational>
    do {
      solution = try lp.solveExact()
    } catch {
      throw .numerical("pareto", "the Pareto LP failed: \(error)")
    }
    switch solution.status {
    case .optimal: return (solution.objectiveValue ?? .zero) == .zero
    case .infeasible: return true  // not even reachable by a lottery: nothing dominates it
    default: return false
    }
  }
}
