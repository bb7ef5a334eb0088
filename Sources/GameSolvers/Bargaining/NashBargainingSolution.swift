// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The Nash bargaining solution, symmetric or asymmetric (weighted).
///
/// Nash (1950) characterises the point of the feasible set that maximises the Nash product
/// Πᵢ (uᵢ − dᵢ) over the points that give every player strictly more than the disagreement
/// payoff; Kalai (1977b) and Roth (1979, §I.D) extend it to weights w, maximising
/// Πᵢ (uᵢ − dᵢ)^{wᵢ}. Osborne and Rubinstein (1994, ch. 15; 1990, ch. 2) present both.
///
/// - Deals without lotteries: the deal with the largest Nash product.
/// - Lotteries (convex hull), computed in two stages:
///   1. Floating point, simplicial decomposition (von Hohenbalken 1977): keep a few active
///      deals, maximise Σ wᵢ log(uᵢ − dᵢ) over their hull by pairwise Frank–Wolfe steps with
///      an exact line search, then price every deal with the gradient gᵢ = wᵢ/(uᵢ − dᵢ) and
///      add the best ones until no deal improves (g·p ≤ g·u = Σw for all p).
///   2. Exact, for exact `S`: on the face the floating-point support spans, the optimum is a
///      vertex, or — on a facet a·u = c — the closed form
///      uᵢ = dᵢ + wᵢ(c − a·d)/(W·aᵢ), W = Σw (the Lagrange condition wᵢ/(uᵢ − dᵢ) ∝ aᵢ).
///      Both are rational for rational weights. The candidate is certified exactly: a
///      lottery realising it is found by an exact linear program, and every deal p satisfies
///      g·(p − u) ≤ 0, which by concavity proves optimality. When the optimum lies inside
///      a face of lower dimension (possible from three players on), it solves a polynomial
///      system and is irrational in general: the floating-point point is reported, marked
///      inexact. With two players every face is a vertex or a facet, so the answer is always
///      exact — also for asymmetric rational weights (the weighted Lagrange condition stays
///      linear on a segment); only irrational weights (e.g. from discount rates) need
///      `Double`.
/// - Pie: the Karush–Kuhn–Tucker conditions wᵢ uᵢ′(xᵢ)/(uᵢ(xᵢ) − dᵢ) = λ, each share found
///   by root finding and λ by bisection so that the shares sum to one (GSL).
///
/// - Complexity: finite deals O(m·n); hull O(m·n) per pricing round (a few dozen rounds in
///   practice) plus an exact certificate of O(m·n) operations.
public struct NashBargainingSolution: Sendable {
  /// Limits honoured once per pricing round.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// Solves `problem`, symmetric unless `weights` (one positive weight per player) are given.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for bad weights or when no feasible
  ///   point gives every player strictly more than the disagreement payoff.
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solve<S: GameScalar>(_ problem: BargainingProblem<S>, weights: [S]? = nil)
    throws(SolverError) -> BargainingSolution<S>
  {
    let op = "nash"
    let n = problem.playerCount
    let w = weights ?? [S](repeating: 1, count: n)
    guard w.count == n else {
      throw .invalidArgument(op, "\(w.count) weights for \(n) players")
    }
    guard w.allSatisfy({ $0 > .zero }) else {
      throw .invalidArgument(op, "the weights must be positive")
    }
    var params = [
      "weights": weights == nil ? "symmetric" : w.map(\.description).joined(separator: ",")
    ]
    switch problem.feasibleSet {
    case .deals(let deals):
      params["feasible set"] = "\(deals.count) deals, no lotteries"
      return try bestDeal(problem, deals: deals, w: w, params: params)
    case .lotteries(let deals):
      params["feasible set"] = "convex hull of \(deals.count) deals"
      return try hullOptimum(problem, deals: deals, w: w, params: params)
    case .pie(let pie):
      params["feasible set"] = "pie division"
      let r = try pieOptimum(
        pie, d: problem.disagreement.map(\.doubleValue), w: w.map(\.doubleValue))
      return BargainingSolution(
        concept: op, point: r.point.map { S(Rational($0)) },
        shares: r.shares.map { S(Rational($0)) },
        method: "KKT conditions, GSL root finding", isExact: false, parameters: params,
        tolerance: S(Rational(1, 100_000_000)), notes: r.notes)
    }
  }

  // MARK: - Finite deals

  private func bestDeal<S: GameScalar>(
    _ problem: BargainingProblem<S>, deals: [[S]], w: [S], params: [String: String]
  ) throws(SolverError) -> BargainingSolution<S> {
    let d = problem.disagreement
    let n = d.count
    let candidates = deals.indices.filter { k in (0..<n).allSatisfy { deals[k][$0] > d[$0] } }
    guard !candidates.isEmpty else {
      throw .invalidArgument(
        "nash", "no deal gives every player strictly more than the disagreement payoff")
    }
    let symmetric = w.allSatisfy { $0 == w[0] }
    var best = candidates[0]
    var ties = [Int]()
    if symmetric {
      func product(_ k: Int) -> S { (0..<n).reduce(S(1)) { $0 * (deals[k][$1] - d[$1]) } }
      var bestValue = product(best)
      for k in candidates.dropFirst() {
        let v = product(k)
        if v > bestValue {
          best = k
          bestValue = v
          ties = []
        } else if v == bestValue {
          ties.append(k)
        }
      }
    } else {
      func logProduct(_ k: Int) -> Double {
        (0..<n).reduce(0) {
          $0 + w[$1].doubleValue * Double.log((deals[k][$1] - d[$1]).doubleValue)
        }
      }
      var bestValue = logProduct(best)
      for k in candidates.dropFirst() {
        let v = logProduct(k)
        if v > bestValue + 1e-12 * max(1, abs(bestValue)) {
          best = k
          bestValue = v
          ties = []
        } else if v >= bestValue - 1e-12 * max(1, abs(bestValue)) {
          ties.append(k)
        }
      }
    }
    var notes = [String]()
    if !ties.isEmpty {
      notes.append(
        "deals \(([best] + ties).map { problem.dealNames[$0] }.joined(separator: ", ")) tie"
          + (symmetric ? "" : " (compared in floating point)"))
    }
    return BargainingSolution(
      concept: "nash", point: deals[best], lottery: [LotteryTerm(deal: best, weight: 1)],
      method: symmetric ? "largest Nash product, exact" : "largest weighted Nash product",
      isExact: S.isExact, parameters: params, notes: notes)
  }

  // MARK: - Convex hull

  private func hullOptimum<S: GameScalar>(
    _ problem: BargainingProblem<S>, deals: [[S]], w: [S], params: [String: String]
  ) throws(SolverError) -> BargainingSolution<S> {
    let op = "nash"
    let d = problem.disagreement
    let n = d.count
    let m = deals.count
    // Start from the egalitarian lottery, which is strictly individually rational if any is.
    let dd = d.map(\.doubleValue)
    let ddeals = deals.map { $0.map(\.doubleValue) }
    let start = try HullPrograms.solve(
      deals: ddeals, disagreement: dd, objective: [], ray: [Double](repeating: 1, count: n),
      control: control, operation: op)
    guard start.t > 1e-12 else {
      throw .invalidArgument(
        op, "no lottery gives every player strictly more than the disagreement payoff")
    }
    var g = [Double](repeating: 0, count: m * n)
    for j in 0..<m { for i in 0..<n { g[j * n + i] = ddeals[j][i] - dd[i] } }
    let wd = w.map(\.doubleValue)
    var fw = HullFrankWolfe(g: g, n: n, w: wd)
    let status = fw.run(start: start.lottery.map { ($0.deal, $0.weight) }, control: control)
    let support = fw.support()
    let floatPoint = fw.point().enumerated().map { $0.element + dd[$0.offset] }
    if S.isExact, status == .complete,
      let exact = try exactCertificate(deals: deals, d: d, w: w, support: support.map(\.0))
    {
      return BargainingSolution(
        concept: op, point: exact.point, lottery: exact.lottery, method: exact.method,
        isExact: true, parameters: params, status: status)
    }
    // Floating-point answer, verified within tolerance.
    let tol = 1e-7
    let grad = (0..<n).map { wd[$0] / (floatPoint[$0] - dd[$0]) }
    let W = wd.reduce(0, +)
    var worst = -Double.infinity
    for j in 0..<m {
      var s = 0.0
      for i in 0..<n { s += grad[i] * g[j * n + i] }
      worst = max(worst, s)
    }
    if status == .complete, worst > W * (1 + tol) {
      throw .numerical(op, "the floating-point optimum failed its optimality check")
    }
    var notes = [String]()
    let dim = affineDimension(support.map { ddeals[$0.0] })
    if S.isExact, status == .complete {
      notes.append(
        "the optimum lies inside a \(dim)-dimensional face of the hull: not rational in "
          + "general, computed in floating point")
    }
    return BargainingSolution(
      concept: op, point: floatPoint.map { S(Rational($0)) },
      lottery: support.map { LotteryTerm(deal: $0.0, weight: S(Rational($0.1))) },
      method: "simplicial decomposition (floating point)", isExact: false,
      parameters: params, status: status, tolerance: S(Rational(tol)), notes: notes)
  }

  private func affineDimension(_ points: [[Double]]) -> Int {
    guard let p0 = points.first else { return 0 }
    let rows = points.dropFirst().map { p in zip(p, p0).map { $0 - $1 } }
    return LinearSolve.rankAndNullVector(Array(rows), columns: p0.count).0
  }

  /// The exact optimum on the face spanned by `support`, certified, or `nil`.
  private func exactCertificate<S: GameScalar>(
    deals: [[S]], d: [S], w: [S], support: [Int]
  ) throws(SolverError) -> (point: [S], lottery: [LotteryTerm<S>], method: String)? {
    let n = d.count
    guard let first = support.first else { return nil }
    var u: [S]
    var method: String
    if support.count == 1 {
      u = deals[first]
      method = "hull vertex, exact certificate"
    } else {
      let rows = support.dropFirst().map { j in (0..<n).map { deals[j][$0] - deals[first][$0] } }
      let (rank, normal) = LinearSolve.rankAndNullVector(Array(rows), columns: n)
      guard rank == n - 1, var a = normal else { return nil }
      if a.reduce(S.zero, +) < .zero { a = a.map { -$0 } }
      guard a.allSatisfy({ $0 > .zero }) else { return nil }
      var c = S.zero
      var ad = S.zero
      for i in 0..<n {
        c += a[i] * deals[first][i]
        ad += a[i] * d[i]
      }
      let W = w.reduce(S.zero, +)
      guard c - ad > .zero else { return nil }
      u = (0..<n).map { d[$0] + w[$0] * (c - ad) / (W * a[$0]) }
      method = "hull facet, closed form uᵢ = dᵢ + wᵢ(c − a·d)/(W·aᵢ), exact certificate"
    }
    // Certificate 1: the gradient inequality over all deals.
    guard (0..<n).allSatisfy({ u[$0] > d[$0] }) else { return nil }
    let grad = (0..<n).map { w[$0] / (u[$0] - d[$0]) }
    var gu = S.zero
    for i in 0..<n { gu += grad[i] * u[i] }
    for p in deals {
      var s = S.zero
      for i in 0..<n { s += grad[i] * p[i] }
      if s > gu { return nil }
    }
    // Certificate 2: a lottery over the support realising u exactly.
    if support.count == 1 { return (u, [LotteryTerm(deal: first, weight: 1)], method) }
    let k = support.count
    var A = [S](repeating: .zero, count: (n + 1) * k)
    for (col, j) in support.enumerated() {
      for i in 0..<n { A[i * k + col] = deals[j][i] }
      A[n * k + col] = 1
    }
    let lp = DenseProgram(
      rowCount: n + 1, columnCount: k, A: A, b: u + [1], c: [S](repeating: .zero, count: k))
    guard case .optimal(let sol) = DenseSimplex.solve(lp) else { return nil }
    let lottery = support.enumerated().compactMap { col, j in
      sol.x[col] > .zero ? LotteryTerm(deal: j, weight: sol.x[col]) : nil
    }
    return (u, lottery, method)
  }

  // MARK: - Pie

  private func pieOptimum(_ pie: PieDivision, d: [Double], w: [Double]) throws(SolverError)
    -> (point: [Double], shares: [Double], notes: [String])
  {
    let num = PieNumerics(pie: pie, d: d, operation: "nash")
    let minimal = try num.minimalShares()
    let n = d.count
    // xᵢ(λ): the share where wᵢ uᵢ′(x) = λ (uᵢ(x) − dᵢ); decreasing in λ.
    func shares(_ lambda: Double) throws(SolverError) -> [Double] {
      var x = [Double]()
      for i in 0..<n {
        let lo = minimal[i]
        func h(_ s: Double) throws(SolverError) -> Double {
          w[i] * (try num.derivative(i, s)) - lambda * (num.u(i, s) - d[i])
        }
        if try h(1) >= 0 {
          x.append(1)
          continue
        }
        if try h(lo) <= 0 {
          x.append(lo)
          continue
        }
        var a = lo
        var b = 1.0
        for _ in 0..<100 {
          let mid = (a + b) / 2
          if try h(mid) > 0 { a = mid } else { b = mid }
          if b - a < 1e-15 { break }
        }
        x.append((a + b) / 2)
      }
      return x
    }
    let x = try num.balance(lo: 1e-12, hi: 1e12, shares)
    let point = (0..<n).map { num.u($0, x[$0]) }
    return (point, x, ["shares found by bisection on the KKT multiplier"])
  }
}

/// Pairwise Frank–Wolfe inside simplicial decomposition, for max Σ wᵢ log xᵢ over the hull of
/// the shifted deals gⱼ = pⱼ − d (floating point).
struct HullFrankWolfe {
  let g: [Double]
  let n: Int
  let w: [Double]
  var active: [Int] = []
  var lambda: [Double] = []

  init(g: [Double], n: Int, w: [Double]) {
    self.g = g
    self.n = n
    self.w = w
  }

  var m: Int { g.count / n }

  func point() -> [Double] {
    var x = [Double](repeating: 0, count: n)
    for (k, j) in active.enumerated() where lambda[k] > 0 {
      for i in 0..<n { x[i] += lambda[k] * g[j * n + i] }
    }
    return x
  }

  func support() -> [(Int, Double)] {
    let total = lambda.reduce(0, +)
    return active.indices.filter { lambda[$0] > 1e-11 * total }.map {
      (active[$0], lambda[$0] / total)
    }
  }

  mutating func run(start: [(Int, Double)], control: SolverControl) -> SolverStatus {
    active = start.map(\.0)
    lambda = start.map(\.1)
    let W = w.reduce(0, +)
    for _ in 0..<500 {
      if let s = control.stopReason() { return s }
      inner(W: W)
      // Price all deals.
      let x = point()
      let grad = (0..<n).map { w[$0] / x[$0] }
      var top = [(Double, Int)]()
      for j in 0..<m {
        var s = 0.0
        for i in 0..<n { s += grad[i] * g[j * n + i] }
        if s > W * (1 + 1e-13) {
          if top.count < 8 {
            top.append((s, j))
            top.sort { $0.0 > $1.0 }
          } else if s > top[7].0 {
            top[7] = (s, j)
            top.sort { $0.0 > $1.0 }
          }
        }
      }
      // Drop unused deals, add the most improving ones.
      let keep = active.indices.filter { lambda[$0] > 0 }
      active = keep.map { active[$0] }
      lambda = keep.map { lambda[$0] }
      let fresh = top.map(\.1).filter { !active.contains($0) }
      if fresh.isEmpty { return .complete }
      for j in fresh {
        active.append(j)
        lambda.append(0)
      }
    }
    return .complete
  }

  private mutating func inner(W: Double) {
    var x = point()
    for _ in 0..<200_000 {
      let grad = (0..<n).map { w[$0] / x[$0] }
      var up = -1
      var down = -1
      var sUp = -Double.infinity
      var sDown = Double.infinity
      for (k, j) in active.enumerated() {
        var s = 0.0
        for i in 0..<n { s += grad[i] * g[j * n + i] }
        if s > sUp {
          sUp = s
          up = k
        }
        if lambda[k] > 0, s < sDown {
          sDown = s
          down = k
        }
      }
      if up == down || sUp - sDown <= 1e-15 * W { return }
      let ju = active[up]
      let jd = active[down]
      let delta = (0..<n).map { g[ju * n + $0] - g[jd * n + $0] }
      var hi = lambda[down]
      var limitedByPositivity = false
      for i in 0..<n where delta[i] < 0 {
        let cap = -x[i] / delta[i]
        if cap < hi {
          hi = cap
          limitedByPositivity = true
        }
      }
      func slope(_ t: Double) -> Double {
        var s = 0.0
        for i in 0..<n { s += w[i] * delta[i] / (x[i] + t * delta[i]) }
        return s
      }
      var step: Double
      if !limitedByPositivity && slope(hi) >= 0 {
        step = hi
      } else {
        var a = 0.0
        var b = hi
        for _ in 0..<80 {
          let mid = (a + b) / 2
          if slope(mid) > 0 { a = mid } else { b = mid }
          if b - a <= 1e-17 * max(hi, 1e-300) { break }
        }
        step = a
      }
      if step <= 0 { return }
      lambda[up] += step
      if step == lambda[down] { lambda[down] = 0 } else { lambda[down] -= step }
      for i in 0..<n { x[i] += step * delta[i] }
    }
  }
}
