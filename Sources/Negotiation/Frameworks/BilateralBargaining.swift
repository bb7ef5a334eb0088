// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import GameSolvers

/// Alternating-offers bargaining between two actors of a negotiation, the others looking on.
///
/// Actors a and b alternate proposals of lotteries over the deals, a first; a rejection costs
/// a round, after which a payoff u is worth d + δ(u − d) (δ = the actor's `discount`). The
/// other actors have no say; their expected utilities for the agreed lottery are reported as
/// externalities. Steps (Rubinstein 1982; Osborne & Rubinstein 1990, §3.10 and §4.2 for a
/// general frontier; Binmore, Rubinstein & Wolinsky 1986 for the limit):
/// 1. The utility possibility set of a and b is the convex hull of their gains
///    (uₐ − dₐ, u_b − d_b) over all deals. Its Pareto frontier g_b = h(gₐ) is found exactly:
///    the 2-D staircase of non-dominated points, then its upper concave hull (monotone
///    chain, Andrew 1979). h is extended flat to the left (free disposal of a's surplus).
/// 2. Stationary subgame-perfect equilibrium: a proposing offers b exactly b's continuation
///    value and b proposing offers a exactly a's, so a's gain x solves
///    h(x) = δ_b · h(δₐ · x) on [0, Gₐ] (Gₐ: a's largest gain with h ≥ 0). The function
///    h(x) − δ_b·h(δₐx) is piecewise linear, with breakpoints at the frontier's vertices and
///    at those divided by δₐ; it is evaluated exactly at every breakpoint and the largest
///    root is found by exact interpolation on one segment (the proposer keeps the most where
///    flats would allow several). The pair of equations is checked exactly afterwards. The
///    agreement is immediate (delay 0).
/// 3. With δₐ = δ_b = 1 the stationary equilibrium is not unique; the outcome reported is its
///    limit as a common δ tends to 1, the symmetric Nash bargaining solution of the same
///    hull (``NashBargainingSolution``, exact for two players).
/// 4. The agreed point is realised by a lottery over deals lying on the frontier's supporting
///    line through it. Tie rule (documented): among such lotteries, the one maximising the
///    other actors' total utility (the upper concave envelope of (position, others' total)
///    evaluated at the agreed point); among equals, a single deal if one suffices, the first
///    in numbering.
///
/// - Complexity: O(D log D) for D deals (sorting the points), plus O(V) for a frontier of V
///   vertices; all in exact arithmetic.
public struct BilateralBargaining: Sendable {
  /// The first proposer (model index).
  public var a: Int
  /// The responder in the first round (model index).
  public var b: Int
  /// Limits honoured between phases.
  public var control: SolverControl

  public init(between a: Int, _ b: Int, control: SolverControl = .none) {
    self.a = a
    self.b = b
    self.control = control
  }

  /// Bilateral bargaining between the actors called `first` (who proposes first) and
  /// `second`.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` naming `bilateral` when a name is not
  ///   an actor of `model` or both names are the same.
  public init(
    between first: String, _ second: String, in model: NegotiationModel,
    control: SolverControl = .none
  ) throws(SolverError) {
    let known = model.actors.map(\.name).joined(separator: ", ")
    guard let i = model.actorIndex(named: first) else {
      throw .invalidArgument("bilateral", "unknown actor '\(first)' (actors: \(known))")
    }
    guard let j = model.actorIndex(named: second) else {
      throw .invalidArgument("bilateral", "unknown actor '\(second)' (actors: \(known))")
    }
    guard i != j else {
      throw .invalidArgument("bilateral", "the two bargainers must differ ('\(first)' twice)")
    }
    self.init(between: i, j, control: control)
  }

  /// The stationary subgame-perfect agreement (or no agreement when the hull offers no point
  /// with gains for both).
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` naming `bilateral` for bad actor indices
  ///   or discount factors outside (0, 1]; ``SolverError/numerical(_:_:)`` if the exact check
  ///   of the equilibrium equations fails.
  public func solve(_ space: DealSpace, analysis: DealSpaceAnalysis? = nil)
    throws(SolverError) -> FrameworkOutcome
  {
    let op = "bilateral"
    let model = space.model
    let n = space.actorCount
    guard (0..<n).contains(a), (0..<n).contains(b), a != b else {
      throw .invalidArgument(op, "actors \(a) and \(b): two different actors of \(n) needed")
    }
    let deltaA = model.actors[a].discount
    let deltaB = model.actors[b].discount
    for (i, delta) in [(a, deltaA), (b, deltaB)] where !(delta > .zero && delta <= Rational(1)) {
      throw .invalidArgument(
        op, "\(model.actors[i].name)'s discount factor \(delta) is outside (0, 1]")
    }
    let nameA = model.actors[a].name
    let nameB = model.actors[b].name
    let framework = "bilateral=\(nameA),\(nameB)"
    let analysis = try FrameworkSupport.analyse(space, analysis, control)
    let d = model.disagreement
    var parameters = [
      "first proposer": nameA, "responder": nameB,
      "discounts": "\(deltaA),\(deltaB)",
      "tie rule": "maximise the other actors' total utility, then first deal in numbering",
    ]
    // 1. The frontier of the gains.
    var gains = [Point]()
    gains.reserveCapacity(space.count)
    for deal in 0..<space.count {
      gains.append(
        Point(x: space.utility(of: a, at: deal) - d[a], y: space.utility(of: b, at: deal) - d[b]))
    }
    if let stop = control.stopReason() { throw .cancelled("\(op) (\(stop))") }
    let chain = Self.frontier(gains)
    let frontier = Frontier(chain: chain)
    guard let reach = frontier.largestX(withYAtLeast: .zero), reach > .zero,
      let top = frontier.h(.zero), top > .zero
    else {
      return try FrameworkSupport.noAgreement(
        framework: framework, pivotal: [nameA, nameB].sorted(by: model.order),
        method: "no gains from trade between the two", parameters: parameters,
        notes: ["no lottery gives both \(nameA) and \(nameB) more than disagreement"],
        space: space, analysis: analysis)
    }
    parameters["frontier vertices"] = String(chain.count)
    // 2./3. a's and b's gains in the first round.
    var point: Point
    var method: String
    var notes = [String]()
    if deltaA == Rational(1) && deltaB == Rational(1) {
      let problem = try BargainingProblem<Rational>(
        deals: chain.map { [$0.x, $0.y] }, disagreement: [.zero, .zero], lotteries: true)
      let nash = try NashBargainingSolution(control: control).solve(problem)
      guard nash.isExact else {
        throw .numerical(op, "the two-player Nash solution came back inexact")
      }
      point = Point(x: nash.point[0], y: nash.point[1])
      method = "limit δ → 1: symmetric Nash bargaining solution of the hull (exact)"
      notes.append(
        "both discount factors are 1: the stationary equilibrium is not unique; reported its "
          + "limit as a common δ tends to 1 (the Nash solution)")
    } else {
      let x = Self.largestRoot(frontier: frontier, reach: reach, deltaA: deltaA, deltaB: deltaB)
      guard let hx = frontier.h(x), let y = frontier.h(deltaA * x) else {
        throw .numerical(op, "internal check failed: the offer left the frontier")
      }
      // Exact check: b is offered its continuation value (or more, when a already takes its
      // largest gain), and b's counter-offer gives a exactly δₐ times a's gain.
      guard hx == deltaB * y || (x == reach && hx >= deltaB * y), hx >= .zero else {
        throw .numerical(op, "internal check failed: the equilibrium equations do not hold")
      }
      point = Point(x: x, y: hx)
      method = "stationary SPE on the exact piecewise-linear frontier (Rubinstein 1982)"
      parameters["counter-offer gains"] = "\(deltaA * x),\(y)"
    }
    // 4. A lottery realising the point.
    let others = (0..<n).filter { $0 != a && $0 != b }
    let terms = try realise(point, chain: chain, gains: gains, others: others, space: space)
    let lottery = FrameworkSupport.normalised(terms, in: space)
    var payoffs = FrameworkSupport.expectedUtilities(of: lottery, in: space)
    guard payoffs[a] - d[a] == point.x, payoffs[b] - d[b] == point.y else {
      throw .numerical(op, "internal check failed: the lottery does not realise the agreement")
    }
    payoffs[a] = d[a] + point.x
    payoffs[b] = d[b] + point.y
    if !others.isEmpty {
      notes.append(
        "the other actors do not vote; their payoffs are externalities of the agreed lottery")
    }
    return try FrameworkSupport.agreement(
      framework: framework, lottery: lottery, payoffs: payoffs, expectedDelay: .zero,
      pivotal: [a, b].sorted().map { model.actors[$0].name }, method: method, isExact: true,
      parameters: parameters, notes: notes, space: space, analysis: analysis, operation: op)
  }

  // MARK: - Frontier

  struct Point: Hashable {
    var x: Rational
    var y: Rational
  }

  /// The vertices of the Pareto frontier of the convex hull of `points`: x strictly
  /// increasing, y strictly decreasing, concave.
  static func frontier(_ points: [Point]) -> [Point] {
    // The staircase: sweep by x descending (y descending on ties), keep strict y records.
    let sorted = Set(points).sorted { $0.x != $1.x ? $0.x > $1.x : $0.y > $1.y }
    var stairs = [Point]()
    for p in sorted where stairs.last.map({ p.y > $0.y }) ?? true { stairs.append(p) }
    stairs.reverse()
    // Upper concave hull, left to right: drop a middle point on or below its neighbours' chord.
    var chain = [Point]()
    for p in stairs {
      while chain.count >= 2 {
        let (o, q) = (chain[chain.count - 2], chain[chain.count - 1])
        let cross = (q.x - o.x) * (p.y - q.y) - (q.y - o.y) * (p.x - q.x)
        if cross >= .zero { chain.removeLast() } else { break }
      }
      chain.append(p)
    }
    return chain
  }

  /// The frontier as a function, flat to the left of its first vertex.
  struct Frontier {
    let chain: [Point]

    /// h(t), or `nil` beyond the last vertex.
    func h(_ t: Rational) -> Rational? {
      guard let first = chain.first, let last = chain.last, t <= last.x else { return nil }
      if t <= first.x { return first.y }
      for k in 1..<chain.count where t <= chain[k].x {
        let (p, q) = (chain[k - 1], chain[k])
        return p.y + (q.y - p.y) * (t - p.x) / (q.x - p.x)
      }
      return last.y
    }

    /// The largest t with h(t) ≥ `level`, or `nil` if none.
    func largestX(withYAtLeast level: Rational) -> Rational? {
      guard let first = chain.first, let last = chain.last, first.y >= level else { return nil }
      if last.y >= level { return last.x }
      for k in 1..<chain.count where chain[k].y < level {
        let (p, q) = (chain[k - 1], chain[k])
        return p.x + (level - p.y) * (q.x - p.x) / (q.y - p.y)
      }
      return last.x
    }
  }

  /// The largest root of φ(t) = h(t) − δ_b·h(δₐt) on [0, reach] (φ(0) ≥ 0 always).
  static func largestRoot(
    frontier: Frontier, reach: Rational, deltaA: Rational, deltaB: Rational
  ) -> Rational {
    var breaks: Set<Rational> = [.zero, reach]
    for v in frontier.chain {
      if v.x > .zero && v.x < reach { breaks.insert(v.x) }
      let scaled = v.x / deltaA
      if scaled > .zero && scaled < reach { breaks.insert(scaled) }
    }
    let t = breaks.sorted()
    let phi = t.map { frontier.h($0)! - deltaB * frontier.h(deltaA * $0)! }
    guard let last = phi.indices.last(where: { phi[$0] >= .zero }) else { return .zero }
    if last == t.count - 1 { return reach }
    // φ(t[last]) ≥ 0 > φ(t[last + 1]); φ is linear in between.
    let (t0, t1, f0, f1) = (t[last], t[last + 1], phi[last], phi[last + 1])
    return t0 + f0 * (t1 - t0) / (f0 - f1)
  }

  /// Deals and probabilities giving a and b exactly the gains `point` (on the frontier),
  /// maximising the others' total utility.
  private func realise(
    _ point: Point, chain: [Point], gains: [Point], others: [Int], space: DealSpace
  ) throws(SolverError) -> [(deal: Int, probability: Rational)] {
    // The supporting line through the point: n·g = c with n ≥ 0 (a vertex: the point itself).
    var onLine: (Point) -> Bool = { $0 == point }
    if let k = chain.indices.first(where: { chain[$0].x > point.x }), k > 0,
      chain[k - 1].x < point.x
    {
      let (p, q) = (chain[k - 1], chain[k])
      let normal = Point(x: p.y - q.y, y: q.x - p.x)
      let c = normal.x * p.x + normal.y * p.y
      onLine = { normal.x * $0.x + normal.y * $0.y == c }
    } else if !chain.contains(point) {
      throw .numerical("bilateral", "internal check failed: the agreement is off the frontier")
    }
    // Per position on the line (a's gain: the line is not vertical), the deal best for the
    // others (first in numbering on ties).
    var best = [Rational: (deal: Int, value: Rational)]()
    for deal in gains.indices where onLine(gains[deal]) {
      var value = Rational.zero
      for o in others { value += space.utility(of: o, at: deal) }
      let s = gains[deal].x
      if let current = best[s], current.value >= value { continue }
      best[s] = (deal, value)
    }
    let candidates = best.keys.sorted().map { (s: $0, deal: best[$0]!.deal, v: best[$0]!.value) }
    guard !candidates.isEmpty else {
      throw .numerical("bilateral", "internal check failed: no deal on the supporting line")
    }
    // Upper concave envelope of (position, others' total), evaluated at the point.
    var hull = [(s: Rational, deal: Int, v: Rational)]()
    for c in candidates {
      while hull.count >= 2 {
        let (o, q) = (hull[hull.count - 2], hull[hull.count - 1])
        let cross = (q.s - o.s) * (c.v - q.v) - (q.v - o.v) * (c.s - q.s)
        if cross > .zero { hull.removeLast() } else { break }
      }
      hull.append(c)
    }
    let s = point.x
    if let exact = hull.first(where: { $0.s == s }) { return [(exact.deal, Rational(1))] }
    guard let k = hull.indices.first(where: { hull[$0].s > s }), k > 0 else {
      throw .numerical("bilateral", "internal check failed: the point is outside its segment")
    }
    let (lo, hi) = (hull[k - 1], hull[k])
    let weight = (s - lo.s) / (hi.s - lo.s)
    // A single candidate deal at the point that is as good for the others wins (fewer deals).
    let value = lo.v + weight * (hi.v - lo.v)
    if let single = candidates.first(where: { $0.s == s && $0.v == value }) {
      return [(single.deal, Rational(1))]
    }
    return [(lo.deal, Rational(1) - weight), (hi.deal, weight)]
  }
}

extension NegotiationModel {
  /// Orders actor names by their position in the model.
  func order(_ x: String, _ y: String) -> Bool {
    (actorIndex(named: x) ?? 0) < (actorIndex(named: y) ?? 0)
  }
}
