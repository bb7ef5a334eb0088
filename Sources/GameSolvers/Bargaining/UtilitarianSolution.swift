// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The utilitarian solution: the individually rational point with the largest total utility.
///
/// Maximises Σᵢ uᵢ over the feasible points with u ≥ d (Thomson 1994, §2; Myerson 1981 calls
/// it the utilitarian solution). It is Pareto optimal but not unique when the frontier has a
/// face orthogonal to (1, …, 1); the method reports one optimal deal or lottery and says so.
/// - Lotteries: one linear program (exact for exact `S`).
/// - Deals without lotteries: the individually rational deal with the largest total.
/// - Pie: KKT conditions uᵢ′(xᵢ) = λ for concave utilities, shares by bisection (GSL
///   derivatives).
/// - Complexity: one linear program with m + n columns and n + 1 rows.
public struct UtilitarianSolution: Sendable {
  /// Limits passed to the linear program.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// Solves `problem`.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` when no feasible point is individually
  ///   rational.
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solve<S: GameScalar>(_ problem: BargainingProblem<S>) throws(SolverError)
    -> BargainingSolution<S>
  {
    let op = "utilitarian"
    let d = problem.disagreement
    let n = d.count
    switch problem.feasibleSet {
    case .deals(let deals):
      let ir = problem.individuallyRationalDeals
      guard !ir.isEmpty else {
        throw .invalidArgument(op, "no deal gives every player at least the disagreement payoff")
      }
      func total(_ k: Int) -> S { deals[k].reduce(S.zero, +) }
      let best = ir.max { total($0) < total($1) }!
      let ties = ir.filter { $0 != best && total($0) == total(best) }
      return BargainingSolution(
        concept: op, point: deals[best], lottery: [LotteryTerm(deal: best, weight: 1)],
        method: "largest total over the deals", isExact: S.isExact,
        parameters: ["feasible set": "\(deals.count) deals"],
        notes: ties.isEmpty ? [] : ["not unique: \(ties.count) other deals have the same total"])
    case .lotteries(let deals):
      let r = try HullPrograms.solve(
        deals: deals, disagreement: d, objective: [S](repeating: 1, count: n), ray: nil,
        control: control, operation: op)
      let best = r.point.reduce(S.zero, +)
      let tied = deals.indices.filter { k in
        (0..<n).allSatisfy { deals[k][$0] >= d[$0] } && deals[k].reduce(S.zero, +) == best
          && !r.lottery.contains { $0.deal == k }
      }
      return BargainingSolution(
        concept: op, point: r.point, lottery: r.lottery,
        method: "linear programming on the hull",
        isExact: S.isExact, parameters: ["feasible set": "\(deals.count) deals, lotteries"],
        notes: tied.isEmpty ? [] : ["not unique: other deals reach the same total"])
    case .pie(let pie):
      let num = PieNumerics(pie: pie, d: d.map(\.doubleValue), operation: op)
      let minimal = try num.minimalShares()
      func shares(_ lambda: Double) throws(SolverError) -> [Double] {
        var x = [Double]()
        for i in 0..<n {
          if try num.derivative(i, 1) >= lambda {
            x.append(1)
            continue
          }
          if try num.derivative(i, minimal[i]) <= lambda {
            x.append(minimal[i])
            continue
          }
          var a = minimal[i]
          var b = 1.0
          for _ in 0..<100 {
            let mid = (a + b) / 2
            if try num.derivative(i, mid) > lambda { a = mid } else { b = mid }
            if b - a < 1e-15 { break }
          }
          x.append((a + b) / 2)
        }
        return x
      }
      let x = try num.balance(lo: 1e-12, hi: 1e12, shares)
      return BargainingSolution(
        concept: op, point: (0..<n).map { S(Rational(num.u($0, x[$0]))) },
        shares: x.map { S(Rational($0)) }, method: "KKT conditions, GSL derivatives",
        isExact: false, parameters: ["feasible set": "pie division"],
        tolerance: S(Rational(1, 100_000_000)))
    }
  }
}
