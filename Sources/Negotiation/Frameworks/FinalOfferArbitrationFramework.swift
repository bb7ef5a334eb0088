// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import GameSolvers

/// Final-offer arbitration between two sides of a negotiation (Farber 1980), over deals.
///
/// Side A (named actors) and side B (the rest, or named) each submit a deal; the arbitrator
/// draws its ideal from ``Mediator/idealDistribution`` (discrete, exact probabilities) and
/// imposes the offer nearer to it by ``Mediator/distance(_:_:in:)``; at equal distance each
/// offer is imposed with probability 1/2. A side's payoff is the mean utility of its members
/// (each member counts equally; capabilities are not used). The offers form a finite
/// two-player game whose strategies are deals; steps:
/// 1. Offers that agree on both sides' utilities and on the distance to every possible ideal
///    are interchangeable; one deal (the first in numbering) stands for each such class.
/// 2. Candidates: the classes on the Pareto frontier of the two side utilities, plus the
///    classes of the possible ideals. If there are more than `candidateLimit` / 2 they are
///    thinned evenly along the frontier. This restriction is only a starting point: an offer
///    off the frontier can win more often, so it is not justified by dominance.
/// 3. Double oracle (McMahan, Gordon & Blum 2003): solve the restricted bimatrix game — a pure
///    equilibrium by best-response tables if there is one (the first in candidate order),
///    else one mixed equilibrium by ``LemkeHowson`` in exact arithmetic — then check every
///    offer class of each side against the other's equilibrium strategy exactly. A side with
///    a profitable outside offer gets its best one added and the game is re-solved. When no
///    side can gain, the profile is an exact equilibrium of the full game. The loop stops if
///    a side would exceed `candidateLimit` candidates; the restricted equilibrium is then
///    reported with a note giving the largest outside gain.
/// The outcome is the lottery over the offers induced by the equilibrium and the
/// arbitrator's draw; agreement probability 1 (the award is binding), no delay.
/// - Complexity: O(D · ideals · k) to classify D deals against ideals ideals over k issues; per round,
///   an m × n game (pure search O(m·n), Lemke–Howson otherwise) and O(C · s · ideals) for the
///   outside check over C classes and a support of size s.
public struct FinalOfferArbitrationFramework: Sendable {
  /// Side A's members (actor names).
  public var side: [String]
  /// Side B's members; `nil` means every actor not in side A.
  public var otherSide: [String]?
  /// The most candidate offers per side.
  public var candidateLimit: Int
  /// Limits honoured once per round.
  public var control: SolverControl

  public init(
    side: [String], otherSide: [String]? = nil, candidateLimit: Int = 300,
    control: SolverControl = .none
  ) {
    self.side = side
    self.otherSide = otherSide
    self.candidateLimit = candidateLimit
    self.control = control
  }

  /// The equilibrium offers and the resulting award lottery.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` naming `final-offer` for an empty or
  ///   unknown side, overlapping sides, no mediator or no ideal; errors of the bimatrix
  ///   solver.
  public func solve(_ space: DealSpace, analysis: DealSpaceAnalysis? = nil)
    throws(SolverError) -> FrameworkOutcome
  {
    let op = "final-offer"
    let model = space.model
    let (sideA, sideB) = try resolveSides(model)
    let mediator = try FrameworkSupport.mediator(of: model, operation: op)
    let ideals = try FrameworkSupport.idealDistribution(of: mediator, in: space, operation: op)
    guard candidateLimit >= 2 else {
      throw .invalidArgument(op, "the candidate limit must be at least 2")
    }
    let analysis = try FrameworkSupport.analyse(space, analysis, control)
    // 1. Offer classes.
    let table = OfferTable(
      space: space, sideA: sideA, sideB: sideB, mediator: mediator, ideals: ideals)
    if let stop = control.stopReason() { throw .cancelled("\(op) (\(stop))") }
    // 2. Initial candidates.
    var rows = initialCandidates(table, ideals: ideals, space: space)
    var cols = rows
    // 3. Double oracle.
    var rounds = 0
    var notes = [String]()
    var outsideGain = Rational.zero
    var solution: (p: [Rational], q: [Rational], pure: Bool)
    while true {
      rounds += 1
      if let stop = control.stopReason() { throw .cancelled("\(op) (\(stop))") }
      solution = try solveRestricted(table, rows: rows, cols: cols)
      let valueA = table.value(forA: true, rows: rows, p: solution.p, cols: cols, q: solution.q)
      let valueB = table.value(forA: false, rows: rows, p: solution.p, cols: cols, q: solution.q)
      let bestA = table.bestOutside(forA: true, against: cols, solution.q)
      let bestB = table.bestOutside(forA: false, against: rows, solution.p)
      let gainA = bestA.value - valueA
      let gainB = bestB.value - valueB
      var grew = false
      if gainA > .zero && !rows.contains(bestA.offer) && rows.count < candidateLimit {
        rows.append(bestA.offer)
        grew = true
      }
      if gainB > .zero && !cols.contains(bestB.offer) && cols.count < candidateLimit {
        cols.append(bestB.offer)
        grew = true
      }
      if !grew {
        outsideGain = max(gainA, gainB, .zero)
        break
      }
    }
    let verified = outsideGain == .zero
    if !verified {
      notes.append(
        "candidate limit \(candidateLimit) reached: an equilibrium of the restricted game "
          + "only; a side could gain \(outsideGain) by an outside offer")
    }
    // The award lottery.
    var terms = [(deal: Int, probability: Rational)]()
    var offersA = [(deal: Int, probability: Rational)]()
    var offersB = [(deal: Int, probability: Rational)]()
    for (i, pi) in solution.p.enumerated() where pi > .zero {
      offersA.append((table.deal[rows[i]], pi))
      for (j, qj) in solution.q.enumerated() where qj > .zero {
        let win = table.winProbability(rows[i], over: cols[j])
        terms.append((table.deal[rows[i]], pi * qj * win))
        terms.append((table.deal[cols[j]], pi * qj * (Rational(1) - win)))
      }
    }
    for (j, qj) in solution.q.enumerated() where qj > .zero {
      offersB.append((table.deal[cols[j]], qj))
    }
    let lottery = FrameworkSupport.normalised(terms, in: space)
    let names = { (s: [Int]) in s.map { model.actors[$0].name }.joined(separator: ",") }
    let describeOffers = { (offers: [(deal: Int, probability: Rational)]) in
      offers.map { o in
        (o.probability == Rational(1) ? "" : "\(o.probability): ")
          + model.describe(space.deal(at: o.deal))
      }.joined(separator: "; ")
    }
    let parameters = [
      "side A": names(sideA), "side B": names(sideB), "side payoff": "mean member utility",
      "offer A": describeOffers(offersA), "offer B": describeOffers(offersB),
      "candidates": "\(rows.count) A, \(cols.count) B (of \(table.deal.count) offer classes)",
      "rounds": String(rounds), "ideals": String(ideals.count),
      "tie rule": "equal distance: each offer with probability 1/2",
      "full-game equilibrium": verified ? "yes (checked against every offer)" : "no",
    ]
    let method =
      (solution.pure ? "pure equilibrium" : "mixed equilibrium (Lemke–Howson)")
      + " of the offer game, double oracle over deals"
    return try FrameworkSupport.agreement(
      framework: "final-offer=\(side.joined(separator: ","))", lottery: lottery,
      expectedDelay: .zero, pivotal: [], method: method, isExact: true, parameters: parameters,
      notes: notes, space: space, analysis: analysis, operation: op)
  }

  /// The two sides as actor indices (model order).
  func resolveSides(_ model: NegotiationModel) throws(SolverError) -> ([Int], [Int]) {
    let op = "final-offer"
    let known = model.actors.map(\.name).joined(separator: ", ")
    func indices(_ names: [String], _ label: String) throws(SolverError) -> [Int] {
      guard !names.isEmpty else {
        throw .invalidArgument(op, "side \(label) is empty: name at least one actor")
      }
      var out = [Int]()
      for name in names {
        guard let i = model.actorIndex(named: name) else {
          throw .invalidArgument(op, "unknown actor '\(name)' in side \(label) (actors: \(known))")
        }
        if !out.contains(i) { out.append(i) }
      }
      return out.sorted()
    }
    let a = try indices(side, "A")
    let b =
      try otherSide.map { names throws(SolverError) in try indices(names, "B") }
      ?? model.actors.indices.filter { !a.contains($0) }
    guard !b.isEmpty else {
      throw .invalidArgument(op, "side B is empty: side A holds every actor")
    }
    if let both = a.first(where: b.contains) {
      throw .invalidArgument(op, "'\(model.actors[both].name)' is on both sides")
    }
    return (a, b)
  }

  private func initialCandidates(_ table: OfferTable, ideals: [WeightedDeal], space: DealSpace)
    -> [Int]
  {
    // The 2-D Pareto frontier of (U_A, U_B) over classes: sweep U_A descending.
    let order = table.deal.indices.sorted {
      table.uA[$0] != table.uA[$1] ? table.uA[$0] > table.uA[$1] : table.uB[$0] > table.uB[$1]
    }
    var frontier = [Int]()
    for c in order where frontier.last.map({ table.uB[c] > table.uB[$0] }) ?? true {
      frontier.append(c)
    }
    let budget = max(candidateLimit / 2, 2)
    if frontier.count > budget {
      let last = frontier.count - 1
      frontier = (0..<budget).map { frontier[$0 * last / (budget - 1)] }
    }
    var out = frontier
    for ideal in ideals {
      let c = table.classOf[space.index(of: ideal.deal)]
      if !out.contains(c) && out.count < candidateLimit { out.append(c) }
    }
    return out
  }

  private func solveRestricted(_ table: OfferTable, rows: [Int], cols: [Int])
    throws(SolverError) -> (p: [Rational], q: [Rational], pure: Bool)
  {
    let m = rows.count
    let n = cols.count
    var rowPayoffs = [[Rational]](repeating: [], count: m)
    var columnPayoffs = [[Rational]](repeating: [], count: m)
    for i in 0..<m {
      for j in 0..<n {
        let (a, b) = table.payoffs(rows[i], cols[j])
        rowPayoffs[i].append(a)
        columnPayoffs[i].append(b)
      }
    }
    // Pure equilibria: rowPayoffs[i][j] a column maximum and columnPayoffs[i][j] a row maximum.
    let columnMax = (0..<n).map { j in (0..<m).map { rowPayoffs[$0][j] }.max()! }
    let rowMax = (0..<m).map { i in columnPayoffs[i].max()! }
    for i in 0..<m {
      for j in 0..<n where rowPayoffs[i][j] == columnMax[j] && columnPayoffs[i][j] == rowMax[i] {
        var p = [Rational](repeating: .zero, count: m)
        var q = [Rational](repeating: .zero, count: n)
        p[i] = Rational(1)
        q[j] = Rational(1)
        return (p, q, true)
      }
    }
    let game = NormalFormGame<Rational>(title: "final-offer", A: rowPayoffs, B: columnPayoffs)
    let result = try LemkeHowson(control: control).solve(game)
    guard let profile = result.equilibria.first else {
      throw .numerical("final-offer", "Lemke–Howson found no equilibrium (\(result.status))")
    }
    guard game.isNashEquilibrium(profile, tolerance: .zero) else {
      throw .numerical("final-offer", "internal check failed: the offer profile has regret")
    }
    return (profile[0], profile[1], false)
  }
}

/// Offer classes of a final-offer game: per class a representative deal, both sides' mean
/// utilities and the distance to every possible ideal.
struct OfferTable {
  var deal = [Int]()
  var uA = [Rational]()
  var uB = [Rational]()
  /// distance[c * idealCount + k]: class c's distance to ideal k.
  var distance = [Rational]()
  var classOf = [Int]()
  let probabilities: [Rational]
  let idealCount: Int

  init(
    space: DealSpace, sideA: [Int], sideB: [Int], mediator: Mediator, ideals: [WeightedDeal]
  ) {
    let model = space.model
    probabilities = ideals.map(\.probability)
    idealCount = ideals.count
    var seen = [[Rational]: Int]()
    classOf.reserveCapacity(space.count)
    let sizeA = Rational(sideA.count)
    let sizeB = Rational(sideB.count)
    for d in 0..<space.count {
      var key = [Rational]()
      key.reserveCapacity(2 + ideals.count)
      key.append(sideA.reduce(Rational.zero) { $0 + space.utility(of: $1, at: d) } / sizeA)
      key.append(sideB.reduce(Rational.zero) { $0 + space.utility(of: $1, at: d) } / sizeB)
      let x = space.deal(at: d)
      for ideal in ideals { key.append(mediator.distance(x, ideal.deal, in: model)) }
      if let c = seen[key] {
        classOf.append(c)
        continue
      }
      let c = deal.count
      seen[key] = c
      classOf.append(c)
      deal.append(d)
      uA.append(key[0])
      uB.append(key[1])
      distance.append(contentsOf: key[2...])
    }
  }

  /// The probability that offer `x` is imposed against offer `y`.
  func winProbability(_ x: Int, over y: Int) -> Rational {
    var p = Rational.zero
    let half = Rational(1, 2)
    for k in 0..<idealCount {
      let dx = distance[x * idealCount + k]
      let dy = distance[y * idealCount + k]
      if dx < dy { p += probabilities[k] } else if dx == dy { p += half * probabilities[k] }
    }
    return p
  }

  /// Side A's and side B's expected payoffs when A offers `x` and B offers `y`.
  func payoffs(_ x: Int, _ y: Int) -> (Rational, Rational) {
    let w = winProbability(x, over: y)
    let l = Rational(1) - w
    return (w * uA[x] + l * uA[y], w * uB[x] + l * uB[y])
  }

  /// A side's expected payoff at the mixed profile (p over rows, q over cols).
  func value(forA: Bool, rows: [Int], p: [Rational], cols: [Int], q: [Rational]) -> Rational {
    var total = Rational.zero
    for (i, pi) in p.enumerated() where pi > .zero {
      for (j, qj) in q.enumerated() where qj > .zero {
        let (a, b) = payoffs(rows[i], cols[j])
        total += pi * qj * (forA ? a : b)
      }
    }
    return total
  }

  /// The best offer class of a side (any class) against the other side's mixed strategy
  /// (the first on ties) and its value.
  func bestOutside(forA: Bool, against others: [Int], _ mix: [Rational])
    -> (offer: Int, value: Rational)
  {
    var best = (offer: 0, value: Rational.zero)
    for c in deal.indices {
      var v = Rational.zero
      for (j, w) in mix.enumerated() where w > .zero {
        let other = others[j]
        v += w * (forA ? payoffs(c, other).0 : payoffs(other, c).1)
      }
      if c == 0 || v > best.value { best = (c, v) }
    }
    return best
  }
}
