// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The Kalai–Smorodinsky solution: the furthest point towards the ideal point.
///
/// Kalai and Smorodinsky (1975) replace Nash's independence of irrelevant alternatives by
/// monotonicity. Their solution is the maximal point of the segment from the disagreement
/// point d to the ideal (utopia) point a, where aᵢ is the most player i can get in the
/// individually rational part of the feasible set; on a comprehensive set it is the point
/// d + t*(a − d) with t* maximal. Steps:
/// 1. The ideal point: aᵢ = max uᵢ over feasible u ≥ d (a linear program per player on the
///    hull; a maximum over the individually rational deals otherwise).
/// 2. The ray: t* = max t such that d + t(a − d) is dominated by a feasible point (one more
///    linear program, exact for exact `S`).
/// - Deals without lotteries: the discrete analogue, the individually rational deal that
///   maximises minᵢ (uᵢ − dᵢ)/(aᵢ − dᵢ) (the deal whose comprehensive cone reaches furthest
///   along the ray); ties are broken by the sum of normalised gains.
/// - Pie: t* solves Σᵢ uᵢ⁻¹(dᵢ + t(aᵢ − dᵢ)) = 1 by bisection, inverses by GSL root finding.
///
/// With more than two players the point may be only weakly Pareto optimal (Roth 1979,
/// §I.C); the lottery reported attains or dominates it.
/// - Complexity: n + 1 linear programs with m + n + 1 columns and n + 1 rows.
public struct KalaiSmorodinsky: Sendable {
  /// Limits passed to the linear programs.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// Solves `problem`.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` when no feasible point is individually
  ///   rational or when the ideal point equals the disagreement point for some player.
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solve<S: GameScalar>(_ problem: BargainingProblem<S>) throws(SolverError)
    -> BargainingSolution<S>
  {
    try RaySolution.solve(problem, concept: "kalai-smorodinsky", control: control)
  }
}

/// The Kalai–Smorodinsky and egalitarian solutions move along a ray from d; this is their
/// shared implementation (the direction is a − d for the former and (1, …, 1) for the latter).
enum RaySolution {
  static func solve<S: GameScalar>(
    _ problem: BargainingProblem<S>, concept: String, control: SolverControl
  ) throws(SolverError) -> BargainingSolution<S> {
    let op = concept
    let d = problem.disagreement
    let n = d.count
    let isKS = concept == "kalai-smorodinsky"
    switch problem.feasibleSet {
    case .deals(let deals), .lotteries(let deals):
      let lotteries = problem.allowsLotteries
      var params = ["feasible set": "\(deals.count) deals" + (lotteries ? ", lotteries" : "")]
      var direction = [S](repeating: 1, count: n)
      let matrix = lotteries ? HullMatrix(deals: deals, players: n) : nil
      if isKS {
        let ideal = try HullPrograms.idealPoint(
          deals: deals, disagreement: d, lotteries: lotteries, control: control, operation: op,
          matrix: matrix)
        params["ideal point"] = ideal.map(\.description).joined(separator: ",")
        direction = (0..<n).map { ideal[$0] - d[$0] }
        if let i = direction.firstIndex(where: { !($0 > .zero) }) {
          throw .invalidArgument(
            op, "player \(i) cannot gain over the disagreement payoff: the ray is degenerate")
        }
      }
      if !lotteries {
        return try bestDealOnRay(
          problem, deals: deals, direction: direction, concept: concept,
          params: params)
      }
      let r = try HullPrograms.solve(
        deals: deals, disagreement: d, objective: [], ray: direction, control: control,
        operation: op, matrix: matrix)
      let point = (0..<n).map { d[$0] + r.t * direction[$0] }
      var notes = [String]()
      if point != r.point {
        notes.append("the point is only weakly Pareto optimal; the lottery dominates it")
      }
      return BargainingSolution(
        concept: concept, point: point, lottery: r.lottery,
        method: "linear programming on the hull",
        isExact: S.isExact, parameters: params, notes: notes)
    case .pie(let pie):
      let num = PieNumerics(pie: pie, d: d.map(\.doubleValue), operation: op)
      let minimal = try num.minimalShares()
      let dd = d.map(\.doubleValue)
      var direction = [Double](repeating: 1, count: n)
      if isKS {
        let spare = 1 - minimal.reduce(0, +)
        direction = (0..<n).map { num.u($0, minimal[$0] + spare) - dd[$0] }
      }
      let tMax = (0..<n).map { (num.u($0, 1) - dd[$0]) / direction[$0] }.min()!
      func shares(_ t: Double) throws(SolverError) -> [Double] {
        // Decreasing in the bisection variable: use s = tMax − t.
        var x = [Double]()
        for i in 0..<n { x.append(try num.share(i, reaching: dd[i] + (tMax - t) * direction[i])) }
        return x
      }
      let x = try num.balance(lo: 0, hi: tMax, shares)
      return BargainingSolution(
        concept: concept, point: (0..<n).map { S(Rational(num.u($0, x[$0]))) },
        shares: x.map { S(Rational($0)) }, method: "bisection on the ray, GSL root finding",
        isExact: false, parameters: ["feasible set": "pie division"],
        tolerance: S(Rational(1, 100_000_000)))
    }
  }

  private static func bestDealOnRay<S: GameScalar>(
    _ problem: BargainingProblem<S>, deals: [[S]], direction: [S], concept: String,
    params: [String: String]
  ) throws(SolverError) -> BargainingSolution<S> {
    let d = problem.disagreement
    let n = d.count
    let ir = problem.individuallyRationalDeals
    guard !ir.isEmpty else {
      throw .invalidArgument(
        concept, "no deal gives every player at least the disagreement payoff")
    }
    func score(_ k: Int) -> (S, S) {
      let r: [S] = (0..<n).map { (i: Int) -> S in
        let gain: S = deals[k][i] - d[i]
        return gain / direction[i]
      }
      return (r.min()!, r.reduce(S.zero, +))
    }
    var best = ir[0]
    var bestScore = score(best)
    for k in ir.dropFirst() {
      let s = score(k)
      if s.0 > bestScore.0 || (s.0 == bestScore.0 && s.1 > bestScore.1) {
        best = k
        bestScore = s
      }
    }
    return BargainingSolution(
      concept: concept, point: deals[best], lottery: [LotteryTerm(deal: best, weight: 1)],
      method: "largest minimum normalised gain over the deals", isExact: S.isExact,
      parameters: params,
      notes: ["no lotteries: the deal reaching furthest along the ray is chosen"])
  }
}
