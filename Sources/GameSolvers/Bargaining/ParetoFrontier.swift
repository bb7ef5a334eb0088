// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The Pareto-optimal deals of a finite bargaining problem, and for two players the frontier
/// of their convex hull as a chain of edges.
public struct ParetoFrontierResult<S: GameScalar>: Sendable {
  /// The Pareto-optimal deals; for two players ordered by increasing utility of player 0.
  public var deals: [Int]
  /// Two players with lotteries: the frontier's edges, consecutive pairs of ``deals``
  /// (every lottery on an edge is Pareto optimal). Empty otherwise.
  public var edges: [[Int]]
  /// How the frontier was computed.
  public var method: String
  /// Whether it was computed exactly.
  public var isExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// Remarks for reports.
  public var notes: [String]
}

/// Finds the Pareto frontier: the feasible points no other feasible point weakly improves for
/// everyone and strictly for someone (Osborne and Rubinstein 1994, §15.2).
///
/// - Deals without lotteries: a deal is kept unless another deal dominates it (pairwise
///   comparisons after sorting by total utility, which only a later deal can beat).
/// - Two players with lotteries: Andrew's monotone chain (Andrew 1979) gives the convex hull;
///   the frontier is its upper-right chain from the best deal for player 1 to the best deal
///   for player 0, whose edges all slope strictly downwards. Exact.
/// - More players with lotteries: a deal not dominated by another deal can still be
///   dominated by a lottery; each such candidate is tested by the linear program
///   max Σ sᵢ subject to Pλ − s = p, s ≥ 0 (zero ⇔ Pareto optimal). Exact for exact `S`.
/// - Complexity: O(m log m + m·k·n) for k frontier deals without lotteries; O(m log m) for
///   two players; one linear program per candidate otherwise.
public struct ParetoFrontier: Sendable {
  /// Limits honoured between linear programs.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// The frontier of `problem`'s finite feasible set.
  /// - Throws: ``SolverError/unsupportedGame(_:_:)`` for a pie (its frontier is the curve).
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solve<S: GameScalar>(_ problem: BargainingProblem<S>) throws(SolverError)
    -> ParetoFrontierResult<S>
  {
    let op = "pareto"
    guard problem.feasibleSet.isFinite else {
      throw .unsupportedGame(op, "the frontier of a pie division is the curve of its shares")
    }
    let deals = problem.deals
    let n = problem.playerCount
    let undominated = Self.undominatedDeals(deals)
    var params = ["feasible set": "\(deals.count) deals"]
    if !problem.allowsLotteries {
      let ordered = n == 2 ? undominated.sorted { deals[$0][0] < deals[$1][0] } : undominated
      return ParetoFrontierResult(
        deals: ordered, edges: [], method: "pairwise dominance", isExact: S.isExact,
        parameters: params, status: .complete, notes: [])
    }
    params["feasible set"]! += ", lotteries"
    if n == 2 {
      let chain = Self.upperRightChain(deals, candidates: undominated)
      let edges = zip(chain, chain.dropFirst()).map { [$0, $1] }
      return ParetoFrontierResult(
        deals: chain, edges: edges, method: "monotone chain convex hull", isExact: S.isExact,
        parameters: params, status: .complete,
        notes: ["deals strictly inside a frontier edge are omitted; the edge covers them"])
    }
    var frontier = [Int]()
    let m = deals.count
    for k in undominated {
      if let s = control.stopReason() {
        return ParetoFrontierResult(
          deals: frontier, edges: [], method: "linear programming", isExact: S.isExact,
          parameters: params, status: s, notes: [])
      }
      let cols = m + n
      var A = [S](repeating: .zero, count: (n + 1) * cols)
      for i in 0..<n {
        for j in 0..<m { A[i * cols + j] = deals[j][i] }
        A[i * cols + m + i] = -1
      }
      for j in 0..<m { A[n * cols + j] = 1 }
      var c = [S](repeating: .zero, count: cols)
      for i in 0..<n { c[m + i] = 1 }
      let lp = DenseProgram(rowCount: n + 1, columnCount: cols, A: A, b: deals[k] + [1], c: c)
      guard case .optimal(let sol) = DenseSimplex.solve(lp, control: control) else {
        throw .numerical(op, "the dominance test for deal \(k) failed")
      }
      if sol.value.isClose(to: .zero) { frontier.append(k) }
    }
    return ParetoFrontierResult(
      deals: frontier, edges: [], method: "linear programming", isExact: S.isExact,
      parameters: params, status: .complete, notes: [])
  }

  /// Indices of the deals no other deal dominates.
  static func undominatedDeals<S: GameScalar>(_ deals: [[S]]) -> [Int] {
    let order = deals.indices.sorted {
      let a = deals[$0].reduce(S.zero, +)
      let b = deals[$1].reduce(S.zero, +)
      return a != b ? a > b : $0 < $1
    }
    var kept = [Int]()
    for k in order {
      let p = deals[k]
      let dominated = kept.contains { j in
        let q = deals[j]
        return zip(q, p).allSatisfy { $0 >= $1 } && zip(q, p).contains { $0 > $1 }
      }
      if !dominated { kept.append(k) }
    }
    return kept.sorted()
  }

  /// The Pareto-optimal vertices of the hull of two-player deals, by increasing u₀.
  static func upperRightChain<S: GameScalar>(_ deals: [[S]], candidates: [Int]) -> [Int] {
    // Sort by u0 ascending; duplicates keep the first index.
    var pts = candidates.sorted {
      deals[$0][0] != deals[$1][0] ? deals[$0][0] < deals[$1][0] : deals[$0][1] > deals[$1][1]
    }
    var seen = Set<[S]>()
    pts = pts.filter { seen.insert(deals[$0]).inserted }
    // Undominated points have u1 strictly decreasing in u0; keep the concave (upper) chain.
    var chain = [Int]()
    for k in pts {
      while chain.count >= 2 {
        let a = deals[chain[chain.count - 2]]
        let b = deals[chain[chain.count - 1]]
        let c = deals[k]
        let cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        if cross >= .zero { chain.removeLast() } else { break }
      }
      chain.append(k)
    }
    return chain
  }
}

extension BargainingProblem.FeasibleSet {
  /// Whether the set is given by finitely many deals.
  var isFinite: Bool {
    if case .pie = self { return false }
    return true
  }
}
