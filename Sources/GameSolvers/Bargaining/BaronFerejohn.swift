// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The stationary subgame-perfect equilibrium of Baron–Ferejohn bargaining.
public struct BaronFerejohnResult<S: GameScalar>: Sendable {
  /// vⱼ: player j's expected payoff at the start of a round (the continuation value).
  public var values: [S]
  /// δⱼvⱼ: the least share j accepts; every proposer offers exactly this to its partners.
  public var acceptanceThresholds: [S]
  /// What proposer i keeps: 1 − Σⱼ πᵢⱼ δⱼvⱼ.
  public var proposerShares: [S]
  /// πᵢⱼ: the probability that proposer i includes j in its coalition (πᵢᵢ = 0; each row
  /// sums to q − 1). Entries strictly between 0 and 1 are mixing among tied partners.
  public var inclusionProbabilities: [[S]]
  /// Whether some proposer mixes.
  public var isMixed: Bool
  /// How the equilibrium was found.
  public var method: String
  /// Whether the values and strategies are exact.
  public var isExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// Remarks for reports.
  public var notes: [String]
}

/// Stationary subgame-perfect payoffs and strategies of Baron and Ferejohn's (1989)
/// closed-rule legislative bargaining, with any quota, individual discount factors and any
/// recognition probabilities.
///
/// Each round player i is recognised with probability pᵢ and proposes a division of a unit
/// pie; it passes if at least q players (the proposer included) vote for it, otherwise the
/// game moves to the next round and player j's payoffs are discounted by δⱼ. In a stationary
/// equilibrium with continuation values v, responder j accepts exactly the offers of at
/// least cⱼ = δⱼvⱼ, and a proposer buys the q − 1 cheapest other votes, mixing among tied
/// ones. Eraslan (2002, Theorem 4) proves the stationary payoffs unique. Steps:
/// 1. A floating-point approximation of v by damped, averaged fixed-point iteration of the
///    value map (proposers splitting ties evenly).
/// 2. Candidate structures from it: the players sorted by cⱼ, and a block of nearly tied
///    players around the q-th cheapest (the only place where mixing matters).
/// 3. For a structure the equilibrium conditions are linear in the group costs: summing the
///    value equations vⱼ = pⱼ(1 − costⱼ) + Dⱼcⱼ (Dⱼ the probability j is bought) over a
///    group whose members share one cost eliminates the unknown mixing probabilities, since
///    the expected number of purchases from the group is fixed by the structure. The system
///    is solved in `S` (exact for rational inputs).
/// 4. The mixing probabilities are recovered as a flow: proposers supply the purchases they
///    make from the tied block, each member needs exactly the Dⱼ its own value equation
///    demands (exact max-flow).
/// 5. Verification: every value equation holds; every proposer buys only its cheapest
///    partners (no bought cost exceeds an unbought one) and prefers its proposal to being
///    rejected (1 − costᵢ ≥ δᵢvᵢ); the responders' acceptance rule "accept iff the offer is at
///    least δⱼvⱼ" is then a best reply because δⱼvⱼ is what rejecting is worth.
/// Structures are tried until one verifies; by uniqueness it is the answer.
/// With equal recognition and a common δ the values are 1/n (Baron and Ferejohn 1989).
/// - Complexity: O(n²) per approximation step, O(k³) for the k groups bought in an exact
///   solve, O(t³) for the flow over a tied block of t players.
public struct BaronFerejohn: Sendable {
  /// Limits honoured between candidate structures.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// The stationary equilibrium.
  ///
  /// - Parameters:
  ///   - quota: q, the number of votes needed (the proposer's included), 1 ≤ q ≤ n.
  ///   - discounts: δⱼ ∈ (0, 1], one per player (or one common factor).
  ///   - recognition: pⱼ ≥ 0 summing to one; `nil` for equal recognition.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for bad inputs,
  ///   ``SolverError/numerical(_:_:)`` if no candidate structure verifies.
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solve<S: GameScalar>(
    players n: Int, quota q: Int, discounts: [S], recognition: [S]? = nil
  ) throws(SolverError) -> BaronFerejohnResult<S> {
    let op = "baron-ferejohn"
    guard n >= 2 else { throw .invalidArgument(op, "at least two players are needed") }
    guard q >= 1 && q <= n else {
      throw .invalidArgument(op, "the quota \(q) must be between 1 and \(n)")
    }
    let delta = discounts.count == 1 ? Array(repeating: discounts[0], count: n) : discounts
    guard delta.count == n else {
      throw .invalidArgument(op, "\(discounts.count) discount factors for \(n) players")
    }
    if let bad = delta.firstIndex(where: { !($0 > .zero && $0 <= 1) }) {
      throw .invalidArgument(op, "discount factor \(bad) is \(delta[bad]), outside (0, 1]")
    }
    let p = recognition ?? Array(repeating: 1 / S.of(n), count: n)
    guard p.count == n else {
      throw .invalidArgument(op, "\(p.count) recognition probabilities for \(n) players")
    }
    if let bad = p.firstIndex(where: { $0 < .zero }) {
      throw .invalidArgument(op, "recognition probability \(bad) is negative")
    }
    let total = p.reduce(S.zero, +)
    guard total.isClose(to: 1) else {
      throw .invalidArgument(op, "the recognition probabilities sum to \(total), not 1")
    }
    var params = [
      "players": String(n), "quota": String(q),
      "discounts": discounts.map(\.description).joined(separator: ","),
      "recognition": recognition == nil ? "equal" : p.map(\.description).joined(separator: ","),
    ]
    params["rule"] = "closed"
    let model = Model(n: n, q: q, delta: delta, p: p)
    let approx = model.converted(to: Double.self).approximateCosts()
    var tried = 0
    for structure in model.converted(to: Double.self).candidateStructures(costs: approx) {
      if let s = control.stopReason() {
        throw s == .cancelled
          ? .cancelled(op) : .limitExceeded(op, "\(s) before a structure verified")
      }
      tried += 1
      // Screen in floating point first (cheap), then solve exactly.
      if S.isExact {
        guard model.converted(to: Double.self).equilibrium(for: structure) != nil else { continue }
      }
      if let eq = model.equilibrium(for: structure) {
        let mixed = eq.pi.joined().contains { $0 > .zero && $0 < 1 }
        return BaronFerejohnResult(
          values: eq.values, acceptanceThresholds: eq.costs, proposerShares: eq.keep,
          inclusionProbabilities: eq.pi, isMixed: mixed,
          method: "structure enumeration with linear solve and verification",
          isExact: S.isExact, parameters: params, status: .complete,
          notes: ["verified: value equations, cheapest coalitions, best-reply acceptance"]
            + (tried > 1 ? ["\(tried) candidate structures tried"] : []))
      }
    }
    throw .numerical(op, "no candidate structure verified (\(tried) tried)")
  }

  /// Baron and Ferejohn's (1989) closed form for equal recognition and a common δ: every
  /// value is 1/n, the proposer keeps 1 − δ(q − 1)/n and offers δ/n to q − 1 others.
  public static func symmetricClosedForm<S: GameScalar>(players n: Int, quota q: Int, discount: S)
    -> (value: S, proposerShare: S, offer: S)
  {
    let v = 1 / S.of(n)
    return (v, 1 - discount * S.of(q - 1) * v, discount * v)
  }
}

// MARK: - Kernel

/// An ordered partition of the players by cost; only the tied block may be bought partially.
struct BFStructure: Hashable {
  var groups: [[Int]]
}

private struct Model<S: GameScalar> {
  let n: Int
  let q: Int
  let delta: [S]
  let p: [S]

  func converted<T: GameScalar>(to _: T.Type) -> Model<T> {
    Model<T>(
      n: n, q: q, delta: delta.map { T($0.rationalValue) }, p: p.map { T($0.rationalValue) })
  }

  var tolerance: S { S.isExact ? .zero : S(Rational(1, 1_000_000_000)) }

  /// For proposer i: the number it buys from each group.
  func takes(_ s: BFStructure, proposer i: Int, groupOf: [Int]) -> [Int] {
    var need = q - 1
    var take = [Int](repeating: 0, count: s.groups.count)
    for (g, members) in s.groups.enumerated() where need > 0 {
      let avail = members.count - (groupOf[i] == g ? 1 : 0)
      take[g] = min(need, avail)
      need -= take[g]
    }
    return take
  }

  struct Equilibrium {
    var costs: [S]
    var values: [S]
    var keep: [S]
    var pi: [[S]]
  }

  func equilibrium(for s: BFStructure) -> Equilibrium? {
    let G = s.groups.count
    var groupOf = [Int](repeating: 0, count: n)
    for (g, members) in s.groups.enumerated() { for j in members { groupOf[j] = g } }
    let take = (0..<n).map { takes(s, proposer: $0, groupOf: groupOf) }
    // Expected purchases from each group.
    var E = [S](repeating: .zero, count: G)
    for i in 0..<n { for g in 0..<G where take[i][g] > 0 { E[g] += p[i] * S.of(take[i][g]) } }
    let bought = (0..<G).filter { g in (0..<n).contains { take[$0][g] > 0 } }
    let index = Dictionary(uniqueKeysWithValues: bought.enumerated().map { ($1, $0) })
    let k = bought.count
    var cost = [S](repeating: .zero, count: G)
    if k > 0 {
      var M = [[S]](repeating: [S](repeating: .zero, count: k), count: k)
      var rhs = [S](repeating: .zero, count: k)
      for (row, g) in bought.enumerated() {
        var diag = -E[g]
        for j in s.groups[g] {
          diag += 1 / delta[j]
          rhs[row] += p[j]
          for g2 in bought where take[j][g2] > 0 { M[row][index[g2]!] += p[j] * S.of(take[j][g2]) }
        }
        M[row][row] += diag
      }
      guard let c = LinearSolve.solve(M, rhs) else { return nil }
      for (row, g) in bought.enumerated() { cost[g] = c[row] }
    }
    let c = (0..<n).map { cost[groupOf[$0]] }
    func purchaseCost(_ i: Int) -> S {
      var t = S.zero
      for g in 0..<G where take[i][g] > 0 { t += S.of(take[i][g]) * cost[g] }
      return t
    }
    let spend = (0..<n).map(purchaseCost)
    var costs = c
    for g in 0..<G where index[g] == nil {
      for j in s.groups[g] { costs[j] = delta[j] * p[j] * (1 - spend[j]) }
    }
    if costs.contains(where: { $0 < -tolerance }) { return nil }
    // Inclusion probabilities: whole groups are bought with certainty; partial takes mix.
    var pi = [[S]](repeating: [S](repeating: .zero, count: n), count: n)
    for i in 0..<n {
      for g in 0..<G where take[i][g] > 0 {
        let avail = s.groups[g].count - (groupOf[i] == g ? 1 : 0)
        if take[i][g] == avail { for j in s.groups[g] where j != i { pi[i][j] = 1 } }
      }
    }
    for g in 0..<G {
      let partial = (0..<n).filter {
        take[$0][g] > 0 && take[$0][g] < s.groups[g].count - (groupOf[$0] == g ? 1 : 0)
      }
      if partial.isEmpty { continue }
      guard
        assignMixing(
          group: s.groups[g], cost: cost[g], partial: partial, take: take, g: g,
          costs: costs, spend: spend, pi: &pi)
      else { return nil }
    }
    return verify(costs: costs, pi: pi)
  }

  /// Splits the partial purchases from group `g` so that each member's value equation holds.
  private func assignMixing(
    group: [Int], cost cg: S, partial: [Int], take: [[Int]], g: Int, costs: [S], spend: [S],
    pi: inout [[S]]
  ) -> Bool {
    guard cg > tolerance else { return false }
    // Required purchase probability of each member, minus what full buyers already supply.
    var need = [S]()
    for j in group {
      var d = (cg / delta[j] - p[j] * (1 - spend[j])) / cg
      for i in 0..<n where i != j && pi[i][j] == 1 { d -= p[i] }
      if d < -tolerance { return false }
      need.append(d < .zero ? .zero : d)
    }
    // Nodes: source, proposer nodes (outsiders aggregated by their take), members, sink.
    var outsiderNodes = [Int: [Int]]()
    var insiders = [Int]()
    for i in partial {
      if group.contains(i) {
        insiders.append(i)
      } else {
        outsiderNodes[take[i][g], default: []].append(i)
      }
    }
    let outsiderKeys = outsiderNodes.keys.sorted()
    let proposerCount = outsiderKeys.count + insiders.count
    let t = group.count
    let source = 0
    let sink = 1 + proposerCount + t
    var net = MaxFlow<S>(nodeCount: sink + 1)
    for (a, key) in outsiderKeys.enumerated() {
      let weight = outsiderNodes[key]!.reduce(S.zero) { $0 + p[$1] }
      net.addCapacity(from: source, to: 1 + a, weight * S.of(key))
      for m in 0..<t { net.addCapacity(from: 1 + a, to: 1 + proposerCount + m, weight) }
    }
    for (b, i) in insiders.enumerated() {
      let node = 1 + outsiderKeys.count + b
      net.addCapacity(from: source, to: node, p[i] * S.of(take[i][g]))
      for (m, j) in group.enumerated() where j != i {
        net.addCapacity(from: node, to: 1 + proposerCount + m, p[i])
      }
    }
    var demand = S.zero
    for m in 0..<t {
      net.addCapacity(from: 1 + proposerCount + m, to: sink, need[m])
      demand += need[m]
    }
    let flow = net.run(source: source, sink: sink, tolerance: tolerance)
    guard flow.isClose(to: demand, tolerance: tolerance * S.of(100)) else { return false }
    for (a, key) in outsiderKeys.enumerated() {
      let members = outsiderNodes[key]!
      let weight = members.reduce(S.zero) { $0 + p[$1] }
      for i in members {
        for (m, j) in group.enumerated() {
          pi[i][j] =
            weight > .zero
            ? net.flow(from: 1 + a, to: 1 + proposerCount + m) / weight
            : S.of(key) / S.of(t)
        }
      }
    }
    for (b, i) in insiders.enumerated() {
      for (m, j) in group.enumerated() where j != i {
        pi[i][j] =
          p[i] > .zero
          ? net.flow(from: 1 + outsiderKeys.count + b, to: 1 + proposerCount + m) / p[i]
          : S.of(take[i][g]) / S.of(t - 1)
      }
    }
    return true
  }

  private func verify(costs c: [S], pi: [[S]]) -> Equilibrium? {
    let tol = tolerance
    var keep = [S]()
    var values = [S]()
    for j in 0..<n { values.append(c[j] / delta[j]) }
    for i in 0..<n {
      var total = S.zero
      var spend = S.zero
      var maxBought: S? = nil
      var minUnbought: S? = nil
      for j in 0..<n where j != i {
        let x = pi[i][j]
        if x < -tol || x > 1 + tol { return nil }
        total += x
        spend += x * c[j]
        if x > tol, maxBought == nil || c[j] > maxBought! { maxBought = c[j] }
        if x < 1 - tol, minUnbought == nil || c[j] < minUnbought! { minUnbought = c[j] }
      }
      guard pi[i][i].isZero, total.isClose(to: S.of(q - 1), tolerance: tol * S.of(n)) else {
        return nil
      }
      // Cheapest partners only.
      if let hi = maxBought, let lo = minUnbought, hi > lo + tol { return nil }
      // Proposing an accepted offer beats having it rejected.
      if 1 - spend < c[i] - tol { return nil }
      keep.append(1 - spend)
    }
    // Value equations: vⱼ = pⱼ(1 − costⱼ) + Σᵢ pᵢπᵢⱼ δⱼvⱼ.
    for j in 0..<n {
      var rhs = p[j] * keep[j]
      for i in 0..<n where i != j { rhs += p[i] * pi[i][j] * c[j] }
      if !values[j].isClose(to: rhs, tolerance: tol * S.of(10)) { return nil }
    }
    return Equilibrium(costs: c, values: values, keep: keep, pi: pi)
  }
}

extension Model where S == Double {
  /// Damped, averaged iteration of the value map with ties split evenly.
  func approximateCosts() -> [Double] {
    var v = p
    var average = [Double](repeating: 0, count: n)
    let iterations = 2000
    let burn = 1000
    for k in 0..<iterations {
      let c = (0..<n).map { delta[$0] * v[$0] }
      let order = (0..<n).sorted { c[$0] != c[$1] ? c[$0] < c[$1] : $0 < $1 }
      let scale = max(c.max() ?? 1, 1e-300)
      var next = [Double](repeating: 0, count: n)
      for i in 0..<n where q > 1 {
        // Proposer i buys the q − 1 cheapest others; ties at the margin split evenly.
        var seen = 0
        var margin = 0.0
        for j in order where j != i {
          seen += 1
          if seen == q - 1 {
            margin = c[j]
            break
          }
        }
        let tol = 1e-12 * scale
        var below = 0
        var tied = 0
        for j in 0..<n where j != i {
          if c[j] < margin - tol { below += 1 } else if c[j] <= margin + tol { tied += 1 }
        }
        let share = Double(q - 1 - below) / Double(tied)
        var spend = 0.0
        for j in 0..<n where j != i {
          let x = c[j] < margin - tol ? 1 : (c[j] <= margin + tol ? share : 0)
          if x > 0 {
            spend += x * c[j]
            next[j] += p[i] * x * c[j]
          }
        }
        next[i] += p[i] * (1 - spend)
      }
      if q == 1 { for i in 0..<n { next[i] = p[i] } }
      let alpha = 1 / (2 + Double(k) / 10)
      for j in 0..<n { v[j] += alpha * (next[j] - v[j]) }
      if k >= burn { for j in 0..<n { average[j] += v[j] / Double(iterations - burn) } }
    }
    return (0..<n).map { delta[$0] * average[$0] }
  }

  /// Candidate structures from approximate costs: the players sorted by cost as singletons,
  /// then every block of consecutive players containing the (q − 1)-th and q-th cheapest
  /// or the q-th and (q + 1)-th cheapest (where partial purchases happen), the best
  /// separated blocks first.
  func candidateStructures(costs c: [Double]) -> [BFStructure] {
    let order = (0..<n).sorted { c[$0] != c[$1] ? c[$0] < c[$1] : $0 < $1 }
    var out = [BFStructure(groups: order.map { [$0] })]
    let boundary = [q - 2, q - 1].filter { $0 >= 0 && $0 < n - 1 }
    guard !boundary.isEmpty else { return out }
    // Score a block by how well it separates from its neighbours: the smaller outside gap
    // over the spread inside (a true tie block has a tiny spread and clear gaps around it).
    let scale = max(c.max() ?? 1, 1e-300)
    var blocks = [(score: Double, lo: Int, hi: Int)]()
    for lo in 0...boundary.max()! {
      for hi in (boundary.min()! + 1)..<n where hi > lo {
        // Positions lo...hi must contain a boundary gap b (between b and b + 1).
        guard boundary.contains(where: { lo <= $0 && $0 + 1 <= hi }) else { continue }
        let spread = c[order[hi]] - c[order[lo]]
        let left = lo > 0 ? c[order[lo]] - c[order[lo - 1]] : Double.infinity
        let right = hi < n - 1 ? c[order[hi + 1]] - c[order[hi]] : Double.infinity
        blocks.append((min(left, right) / (spread + 1e-12 * scale), lo, hi))
      }
    }
    blocks.sort { $0.score != $1.score ? $0.score > $1.score : $0.hi - $0.lo > $1.hi - $1.lo }
    for b in blocks {
      var groups = [[Int]]()
      for k in 0..<b.lo { groups.append([order[k]]) }
      groups.append(Array(order[b.lo...b.hi]))
      for k in (b.hi + 1)..<max(b.hi + 1, n) { groups.append([order[k]]) }
      out.append(BFStructure(groups: groups))
    }
    return out
  }
}
