// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import LPSupport

/// The stationary equilibrium of multilateral bargaining over a deal space, with the
/// proposals behind it.
public struct UnanimityBargainingResult: Sendable {
  /// The framework's row for `compare`.
  public var outcome: FrameworkOutcome
  /// Per proposer (model actor order): the lottery it proposes when recognised, mixing over
  /// its coalitions (empty when it proposes nothing acceptable and the round is lost).
  public var proposals: [[WeightedDeal]]
  /// Per proposer: the coalitions whose votes it buys, with the probability of each and the
  /// lottery offered to it.
  public var coalitions: [[CoalitionProposal]]
  /// vᵢ: each actor's expected payoff at the start of a round.
  public var continuationValues: [Rational]
  /// wᵢ = dᵢ + δᵢ(vᵢ − dᵢ): the least expected utility each actor accepts.
  public var acceptanceThresholds: [Rational]
  /// The probability that a round ends in agreement.
  public var agreementPerRound: Rational

  /// One coalition a proposer may buy, and what it offers.
  public struct CoalitionProposal: Sendable, Hashable {
    /// The members whose votes are bought (the proposer excluded), increasing.
    public var members: [Int]
    /// The probability the proposer picks this coalition.
    public var probability: Rational
    /// The lottery it proposes to this coalition.
    public var lottery: [WeightedDeal]
  }
}

/// Stationary subgame-perfect equilibrium of multilateral bargaining over a finite deal space
/// with lotteries: unanimity among all parties, or any quota.
///
/// The protocol is Banks and Duggan's (2000, APSR 94(1), "A bargaining model of collective
/// choice"): each round actor j is recognised with probability pⱼ and proposes a lottery over
/// deals; everyone votes; the proposal passes with at least K yes votes, the proposer's and
/// every veto player's included (K = n is unanimity; note that actors are veto players by
/// default, which makes any quota unanimity). Otherwise the next round starts, and actor i's
/// payoff for agreement u after t rounds is dᵢ + δᵢᵗ(uᵢ − dᵢ). In a stationary equilibrium
/// with values v, voter i accepts exactly the proposals worth at least wᵢ = dᵢ + δᵢ(vᵢ − dᵢ),
/// and proposer j solves, over its admissible coalitions C (K − 1 others, every veto player
/// included; larger coalitions only add constraints),
/// `max E uⱼ(λ)` over lotteries λ subject to `E uᵢ(λ) ≥ wᵢ` for i ∈ C,
/// proposing its best lottery if that is worth more than wⱼ and delaying (proposing nothing
/// acceptable) otherwise; ties among coalitions, and among optimal lotteries for one
/// coalition, are broken by mixing (needed for existence, as in the symmetric Baron–Ferejohn
/// game; Eraslan 2002 proves the payoffs unique in the divide-the-dollar case). With a quota
/// the mixing can make the equilibrium conditions bilinear; when no candidate verifies, the
/// result is the float approximation, flagged inexact. The proposers' programs range over
/// every deal but are solved by column generation over small working sets, so the Pareto set
/// is never needed: only deals some dual prices out (in practice Pareto deals on the convex
/// hull) ever join.
///
/// Steps:
/// 1. Damped fixed-point iteration of the value map in `Double`: each proposer's problem for
///    each coalition is a small LP (one row per member) solved by a warm-started revised dual
///    simplex over a working set of deals, with every deal priced by the duals and improving
///    deals added (``ProposerProgram``); ties among coalitions are split evenly; late
///    iterates are averaged.
/// 2. Structure: whether each proposer agrees, its optimal coalitions, and for each the basic
///    deals and the binding acceptance constraints; near-ties at looser tolerances and the
///    union of the structures the iteration cycles among are further candidates.
/// 3. Exact linear solve in `Rational` given the structure: the lotteries satisfy the binding
///    constraints with equality, tied coalitions give the proposer equal value, and the value
///    equations vᵢ = Σⱼ pⱼ(aⱼ E[uᵢ | j proposes] + (1 − aⱼ)wᵢ) hold, with each mixing
///    proposer's mixture written as one lottery. A second candidate for v is a rational
///    reconstruction (continued fractions) of the float values.
/// 4. Exact verification for a candidate v: every used lottery is a probability vector
///    meeting its coalition's constraints; tied coalitions give equal value; the coalition
///    probabilities solve the value equations (an exact LP); and for every proposer and every
///    admissible coalition an exact dual certificate (y ≥ 0 with
///    maxₓ uⱼ(x) + Σᵢ yᵢ(uᵢ(x) − wᵢ) ≤ value over every deal x, screened in `Double` with a
///    safe margin and confirmed exactly; from the float basis, else an exact LP by column
///    generation, ``LotteryProgram``) proves no proposal does better, and delaying proposers
///    gain nothing from agreement.
/// If no candidate verifies, the float solution is reported with `isExact == false` and a
/// note.
/// - Complexity: per iteration, for c coalitions per proposer and m = K − 1 members,
///   O(n · c · W · m) per dual-simplex pivot over W working deals and O(n · c · D · n) per
///   pricing pass over the D deals; the exact phase solves an O(n · m) linear system and
///   checks O(n · c · D · n) certificate terms in `Double`, a few exactly.
public struct UnanimityBargaining: Sendable {
  /// K, the votes needed (the proposer's included); `nil` for unanimity.
  public var quota: Int?
  /// Limits polled between iterations.
  public var control: SolverControl
  /// The most fixed-point iterations.
  public var maxIterations: Int

  public init(quota: Int? = nil, control: SolverControl = .none, maxIterations: Int = 4000) {
    self.quota = quota
    self.control = control
    self.maxIterations = maxIterations
  }

  /// The stationary equilibrium of bargaining over `space`.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for a quota out of range, recognition
  ///   probabilities that are negative or do not sum to one, or discounts outside (0, 1];
  ///   ``SolverError/cancelled(_:)`` when cancelled.
  public func solve(_ space: DealSpace) throws(SolverError) -> UnanimityBargainingResult {
    let op = "unanimity-bargaining"
    let model = space.model
    let n = space.actorCount
    let k = quota ?? n
    guard k >= 1 && k <= n else {
      throw .invalidArgument(op, "the quota \(k) must be between 1 and \(n)")
    }
    let p = model.actors.map(\.recognition)
    let delta = model.actors.map(\.discount)
    if let bad = p.firstIndex(where: { $0 < .zero }) {
      throw .invalidArgument(op, "\(model.actors[bad].name)'s recognition is negative")
    }
    guard p.reduce(Rational.zero, +) == Rational(1) else {
      throw .invalidArgument(op, "the recognition probabilities do not sum to 1")
    }
    if let bad = delta.firstIndex(where: { !($0 > .zero && $0 <= Rational(1)) }) {
      throw .invalidArgument(op, "\(model.actors[bad].name)'s discount is outside (0, 1]")
    }
    let vetoes = model.actors.indices.filter { model.actors[$0].veto }
    var kernel = Kernel(space: space, quota: k, vetoes: vetoes, control: control)
    let found = try kernel.run(maxIterations: maxIterations)
    return try kernel.result(found, framework: quota == nil ? "unanimity" : "quota=\(k)")
  }
}

// MARK: - Kernel

/// A proposer's equilibrium choice for one coalition: the basic deals and the binding
/// members.
private struct Choice: Hashable {
  var coalition: Int
  var support: [Int]
  var binding: [Int]
}

/// Which proposers agree, and with which coalitions and bases.
private struct Structure: Hashable {
  var agree: [Bool]
  var choices: [[Choice]]
}

/// An exactly verified equilibrium.
private struct ExactEquilibrium {
  var v: [Rational]
  var w: [Rational]
  /// Per proposer, per used choice: coalition probability and lottery (deal indices).
  var plans: [[(choice: Choice, probability: Rational, lottery: [(Int, Rational)])]]
}

private struct Found {
  var exact: ExactEquilibrium?
  var floatV: [Double]
  var structure: Structure
  var floatLotteries: [[(coalition: Int, lottery: [(Int, Double)])]]
  var status: SolverStatus
  var iterations: Int
  var attempts: Int
}

private struct Kernel {
  let space: DealSpace
  let n: Int
  let quota: Int
  let vetoes: [Int]
  let control: SolverControl
  let p: [Rational]
  let delta: [Rational]
  let d: [Rational]
  let pD: [Double]
  let deltaD: [Double]
  let dD: [Double]
  /// Utilities of the deals, `u[x * n + a]`, exact and float.
  let u: [Rational]
  let uD: [Double]
  /// Admissible coalitions per proposer.
  let coalitions: [[[Int]]]
  var programs: [[ProposerProgram]]
  let scale: Double

  init(
    space: DealSpace, quota: Int, vetoes: [Int], control: SolverControl
  ) {
    self.space = space
    let n = space.actorCount
    self.n = n
    self.quota = quota
    self.vetoes = vetoes
    self.control = control
    let actors = space.model.actors
    p = actors.map(\.recognition)
    delta = actors.map(\.discount)
    d = actors.map(\.disagreement)
    pD = p.map(\.doubleValue)
    deltaD = delta.map(\.doubleValue)
    dD = d.map(\.doubleValue)
    u = space.utility
    let uD = space.utilityDouble
    self.uD = uD
    let scale = uD.reduce(1.0) { max($0, abs($1)) }
    self.scale = scale
    // Seeds of every working set: each actor's favourite deal and the utilitarian best.
    var favourite = [Int](repeating: 0, count: n)
    var utilitarian = 0
    var bestSum = -Double.infinity
    for x in 0..<space.count {
      var sum = 0.0
      for a in 0..<n {
        let value = uD[x * n + a]
        sum += value
        if value > uD[favourite[a] * n + a] { favourite[a] = x }
      }
      if sum > bestSum {
        bestSum = sum
        utilitarian = x
      }
    }
    let seed = Array(Set(favourite + [utilitarian])).sorted()
    var coalitions = [[[Int]]]()
    for j in 0..<n {
      let required = vetoes.filter { $0 != j }
      let others = (0..<n).filter { $0 != j && !required.contains($0) }
      let extra = max(0, quota - 1 - required.count)
      coalitions.append(Self.subsets(of: others, size: extra).map { (required + $0).sorted() })
    }
    self.coalitions = coalitions
    programs = (0..<n).map { j in
      coalitions[j].map {
        ProposerProgram(
          utility: uD, actors: n, proposer: j, members: $0, seed: seed, scale: scale)
      }
    }
  }

  static func subsets(of items: [Int], size: Int) -> [[Int]] {
    if size == 0 { return [[]] }
    if items.count < size { return [] }
    var out = [[Int]]()
    var pick = Array(0..<size)
    while true {
      out.append(pick.map { items[$0] })
      var i = size - 1
      while i >= 0 && pick[i] == items.count - size + i { i -= 1 }
      if i < 0 { break }
      pick[i] += 1
      for t in (i + 1)..<size { pick[t] = pick[t - 1] + 1 }
    }
    return out
  }

  func thresholds(_ v: [Double]) -> [Double] {
    (0..<n).map { dD[$0] + deltaD[$0] * (v[$0] - dD[$0]) }
  }

  func thresholds(_ v: [Rational]) -> [Rational] {
    (0..<n).map { d[$0] + delta[$0] * (v[$0] - d[$0]) }
  }

  /// One application of the value map at v: the next values, the structure, the lotteries.
  mutating func step(_ v: [Double], tie: Double = 1e-9) -> (
    next: [Double], structure: Structure,
    lotteries: [[(coalition: Int, lottery: [(Int, Double)])]]
  ) {
    let w = thresholds(v)
    var next = [Double](repeating: 0, count: n)
    var agree = [Bool](repeating: false, count: n)
    var choices = [[Choice]](repeating: [], count: n)
    var lotteries = [[(coalition: Int, lottery: [(Int, Double)])]](repeating: [], count: n)
    let tieTolerance = tie * scale
    for j in 0..<n {
      var outcomes = [ProposerProgram.Outcome]()
      var best = -Double.infinity
      for c in programs[j].indices {
        let o = programs[j][c].solve(thresholds: w)
        outcomes.append(o)
        if o.feasible { best = max(best, o.value) }
      }
      guard best > w[j] + 1e-9 * scale else {
        for i in 0..<n { next[i] += pD[j] * w[i] }
        continue
      }
      agree[j] = true
      let tied = outcomes.indices.filter {
        outcomes[$0].feasible && outcomes[$0].value >= best - tieTolerance
      }
      let share = 1 / Double(tied.count)
      for c in tied {
        let o = outcomes[c]
        choices[j].append(
          Choice(coalition: c, support: o.deals.map(\.deal).sorted(), binding: o.binding))
        lotteries[j].append((c, o.deals.map { ($0.deal, $0.weight) }))
        for (x, weight) in o.deals where weight > 0 {
          for i in 0..<n { next[i] += pD[j] * share * weight * uD[x * n + i] }
        }
      }
    }
    return (next, Structure(agree: agree, choices: choices), lotteries)
  }

  mutating func run(maxIterations: Int) throws(SolverError) -> Found {
    var v = dD
    var average = [Double](repeating: 0, count: n)
    var averaged = 0
    var tried = Set<Structure>()
    var previous: Structure? = nil
    var recent = [Structure]()
    var stable = 0
    var attempts = 0
    var last = step(v)
    var iteration = 0
    var status = SolverStatus.complete
    while iteration < maxIterations {
      iteration += 1
      if let stop = control.stopReason() {
        if stop == .cancelled { throw .cancelled("unanimity-bargaining") }
        status = stop
        break
      }
      let (next, structure, _) = last
      stable = structure == previous ? stable + 1 : 0
      previous = structure
      if !recent.contains(structure) {
        recent.append(structure)
        if recent.count > 6 { recent.removeFirst() }
      }
      if stable >= 2 && !tried.contains(structure) {
        tried.insert(structure)
        attempts += 1
        if let eq = try exact(structure, floatV: v) {
          return Found(
            exact: eq, floatV: v, structure: structure, floatLotteries: last.lotteries,
            status: .complete, iterations: iteration, attempts: attempts)
        }
      }
      // Damped step: full steps first, then shrinking ones with averaging.
      let alpha = iteration < 200 ? 1.0 : 1 / (2 + Double(iteration - 200) / 10)
      var change = 0.0
      for i in 0..<n {
        let nv = v[i] + alpha * (next[i] - v[i])
        change = max(change, abs(nv - v[i]))
        v[i] = nv
      }
      if iteration >= 200 {
        for i in 0..<n { average[i] += v[i] }
        averaged += 1
      }
      last = step(v)
      if averaged > 0 && averaged % 200 == 0 {
        let mean = average.map { $0 / Double(averaged) }
        // Near-ties at the averaged values are candidate mixing structures.
        for tie in [1e-9, 1e-6, 1e-4, 1e-3, 1e-2] {
          let probe = step(mean, tie: tie)
          if tried.contains(probe.structure) { continue }
          tried.insert(probe.structure)
          attempts += 1
          if let eq = try exact(probe.structure, floatV: mean) {
            return Found(
              exact: eq, floatV: mean, structure: probe.structure,
              floatLotteries: probe.lotteries, status: .complete, iterations: iteration,
              attempts: attempts)
          }
        }
      }
      if change == 0 && stable >= 3 { break }
    }
    let finalV = averaged > 0 ? average.map { $0 / Double(averaged) } : v
    let final = step(finalV)
    if status == .complete {
      // The iteration may cycle among optimal bases: their union is a mixing structure.
      for count in stride(from: recent.count, through: 2, by: -1) {
        guard let merged = Self.merge(recent.suffix(count)), !tried.contains(merged) else {
          continue
        }
        tried.insert(merged)
        attempts += 1
        if let eq = try exact(merged, floatV: finalV) {
          return Found(
            exact: eq, floatV: finalV, structure: merged, floatLotteries: final.lotteries,
            status: .complete, iterations: iteration, attempts: attempts)
        }
      }
      for point in [finalV, v] {
        for tie in [1e-9, 1e-6, 1e-4, 1e-3, 1e-2] {
          let probe = step(point, tie: tie)
          if tried.contains(probe.structure) { continue }
          tried.insert(probe.structure)
          attempts += 1
          if let eq = try exact(probe.structure, floatV: point) {
            return Found(
              exact: eq, floatV: point, structure: probe.structure,
              floatLotteries: probe.lotteries, status: .complete, iterations: iteration,
              attempts: attempts)
          }
        }
      }
    }
    return Found(
      exact: nil, floatV: finalV, structure: final.structure, floatLotteries: final.lotteries,
      status: status, iterations: iteration, attempts: attempts)
  }

  /// The union of structures with the same agreeing proposers (choices merged per proposer).
  static func merge(_ list: ArraySlice<Structure>) -> Structure? {
    guard var merged = list.first else { return nil }
    for s in list.dropFirst() {
      guard s.agree == merged.agree else { return nil }
      for j in s.choices.indices {
        for c in s.choices[j] where !merged.choices[j].contains(c) { merged.choices[j].append(c) }
      }
    }
    return merged
  }

  // MARK: Exact phase

  /// Candidate values from the structure's linear system and from the float values; the
  /// first that verifies.
  func exact(_ s: Structure, floatV: [Double]) throws(SolverError) -> ExactEquilibrium? {
    var candidates = [[Rational]]()
    if let v = reducedSolve(s) {
      // Without mixing, the binding rows and the value equations are exactly this
      // nonsingular system: no other v can verify with this structure.
      if let stop = control.stopReason() {
        if stop == .cancelled { throw .cancelled("unanimity-bargaining") }
        return nil
      }
      return verify(s, v: v)
    }
    if let v = linearSolve(s) { candidates.append(v) }
    for bound in [1_000, 1_000_000] {
      let r = floatV.map { Self.reconstruct($0, maxDenominator: bound) }
      if !candidates.contains(r) { candidates.append(r) }
    }
    for v in candidates {
      if let stop = control.stopReason() {
        if stop == .cancelled { throw .cancelled("unanimity-bargaining") }
        return nil
      }
      if let eq = verify(s, v: v) { return eq }
    }
    return nil
  }

  /// The best rational approximation of x with denominator at most `maxDenominator`
  /// (continued fractions).
  static func reconstruct(_ x: Double, maxDenominator: Int) -> Rational {
    guard x.isFinite else { return .zero }
    var (h0, h1) = (0, 1)
    var (k0, k1) = (1, 0)
    var y = x
    for _ in 0..<40 {
      let a = y.rounded(.down)
      guard abs(a) < 1e15 else { break }
      let ai = Int(a)
      let (h2, k2) = (ai * h1 + h0, ai * k1 + k0)
      if k2 > maxDenominator { break }
      (h0, h1, k0, k1) = (h1, h2, k1, k2)
      let frac = y - a
      if abs(Double(h1) / Double(k1) - x) < 1e-15 * max(1, abs(x)) || frac < 1e-15 { break }
      y = 1 / frac
    }
    return Rational(h1, k1)
  }

  /// The structure's values by elimination of the lotteries first, when every agreeing
  /// proposer uses one choice whose basis matrix is square and nonsingular; nil otherwise
  /// (``linearSolve(_:)`` then solves the whole system), and nil when the reduced system is
  /// singular.
  ///
  /// For proposer j with support S and binding rows B (|S| = |B| + 1), the basis matrix
  /// M = [1ᵀ; u_B(S)] depends on the structure only, and the lottery is λ = M⁻¹(1, w_B) with
  /// wᵢ = (1 − δᵢ)dᵢ + δᵢvᵢ, so every actor's expectation E uₐ(λ) = gₐ · (1, w_B) for
  /// Mᵀgₐ = uₐ(S). Substituting into the value equations leaves an n × n system in v. The
  /// small matrices have the utilities' small denominators, so the large numbers of the
  /// answer appear only in the last n × n solve.
  /// - Complexity: O(n · (k³ + k² n)) small rational operations for supports of size k, plus
  ///   an O(n³) exact solve.
  func reducedSolve(_ s: Structure) -> [Rational]? {
    var rows = [[Rational]](repeating: [Rational](repeating: .zero, count: n), count: n)
    var rhs = [Rational](repeating: .zero, count: n)
    for a in 0..<n { rows[a][a] = 1 }
    for j in 0..<n where p[j] != .zero {
      guard s.agree[j] else {
        for a in 0..<n {
          rows[a][a] -= p[j] * delta[a]
          rhs[a] += p[j] * (1 - delta[a]) * d[a]
        }
        continue
      }
      guard s.choices[j].count == 1 else { return nil }
      let c = s.choices[j][0]
      let k = c.support.count
      guard c.binding.count == k - 1 else { return nil }
      // Mᵀ: row t is (1, u_B(x_t)); right-hand sides uₐ(x_t) for every actor a.
      var transposed = [[Rational]]()
      var sides = [[Rational]]()
      for x in c.support {
        transposed.append([Rational(1)] + c.binding.map { u[x * n + $0] })
        sides.append(Array(u[(x * n)..<(x * n + n)]))
      }
      guard let g = ExactElimination.inverseSolve(transposed, sides) else { return nil }
      // g[r][a]: the weight of (1, w_B)[r] in E uₐ.
      for a in 0..<n {
        var constant = g[0][a]
        for (r, i) in c.binding.enumerated() where !g[r + 1][a].isZero {
          constant += g[r + 1][a] * (1 - delta[i]) * d[i]
          rows[a][i] -= p[j] * g[r + 1][a] * delta[i]
        }
        rhs[a] += p[j] * constant
      }
    }
    // A singular system (free values) is left to the whole system's solve.
    return ExactElimination.inverseSolve(rows, rhs.map { [$0] })?.map { $0[0] }
  }

  /// Solves the structure's linear system exactly; returns v (or nil if inconsistent).
  func linearSolve(_ s: Structure) -> [Rational]? {
    // Unknowns: v (n), then per proposer and choice the weights of its support, then per
    // mixing proposer θ over the union of its supports.
    var offset = n
    var lambdaAt = [[Int]](repeating: [], count: n)
    var thetaAt = [Int?](repeating: nil, count: n)
    var union = [[Int]](repeating: [], count: n)
    for j in 0..<n where s.agree[j] {
      for c in s.choices[j] {
        lambdaAt[j].append(offset)
        offset += c.support.count
      }
      if s.choices[j].count > 1 {
        union[j] = Array(Set(s.choices[j].flatMap(\.support))).sorted()
        thetaAt[j] = offset
        offset += union[j].count
      }
    }
    let width = offset
    var rows = [[Rational]]()
    var rhs = [Rational]()
    func newRow() -> [Rational] { [Rational](repeating: .zero, count: width) }
    for j in 0..<n where s.agree[j] {
      for (ci, c) in s.choices[j].enumerated() {
        let base = lambdaAt[j][ci]
        var sum = newRow()
        for t in c.support.indices { sum[base + t] = 1 }
        rows.append(sum)
        rhs.append(1)
        for i in c.binding {
          var row = newRow()
          for (t, x) in c.support.enumerated() { row[base + t] = u[x * n + i] }
          row[i] -= delta[i]
          rows.append(row)
          rhs.append((1 - delta[i]) * d[i])
        }
        if ci > 0 {
          // Indifference with the first coalition.
          var row = newRow()
          for (t, x) in c.support.enumerated() { row[base + t] = u[x * n + j] }
          let first = s.choices[j][0]
          for (t, x) in first.support.enumerated() { row[lambdaAt[j][0] + t] -= u[x * n + j] }
          rows.append(row)
          rhs.append(.zero)
        }
      }
      if let th = thetaAt[j] {
        var sum = newRow()
        for t in union[j].indices { sum[th + t] = 1 }
        rows.append(sum)
        rhs.append(1)
        var value = newRow()
        for (t, x) in union[j].enumerated() { value[th + t] = u[x * n + j] }
        let first = s.choices[j][0]
        for (t, x) in first.support.enumerated() { value[lambdaAt[j][0] + t] -= u[x * n + j] }
        rows.append(value)
        rhs.append(.zero)
        var common = Set(first.binding)
        for c in s.choices[j].dropFirst() { common.formIntersection(c.binding) }
        for i in common.sorted() {
          var row = newRow()
          for (t, x) in union[j].enumerated() { row[th + t] = u[x * n + i] }
          row[i] -= delta[i]
          rows.append(row)
          rhs.append((1 - delta[i]) * d[i])
        }
      }
    }
    // Value equations.
    for i in 0..<n {
      var row = newRow()
      row[i] = 1
      var constant = Rational.zero
      for j in 0..<n {
        guard p[j] != .zero else { continue }
        if !s.agree[j] {
          row[i] -= p[j] * delta[i]
          constant += p[j] * (1 - delta[i]) * d[i]
        } else if let th = thetaAt[j] {
          for (t, x) in union[j].enumerated() { row[th + t] -= p[j] * u[x * n + i] }
        } else {
          let c = s.choices[j][0]
          for (t, x) in c.support.enumerated() { row[lambdaAt[j][0] + t] -= p[j] * u[x * n + i] }
        }
      }
      rows.append(row)
      rhs.append(constant)
    }
    guard let solution = ExactElimination.solve(rows, rhs, width: width) else { return nil }
    return Array(solution[0..<n])
  }

  /// Verifies the structure at values v exactly; the equilibrium, or nil.
  func verify(_ s: Structure, v: [Rational]) -> ExactEquilibrium? {
    let w = thresholds(v)
    // Lotteries of the used choices, exactly, from their bases.
    var lotteries = [[[Rational]]](repeating: [], count: n)
    var values = [Rational](repeating: .zero, count: n)
    for j in 0..<n where s.agree[j] {
      for (ci, c) in s.choices[j].enumerated() {
        var rows = [[Rational]]()
        var rhs = [Rational]()
        rows.append([Rational](repeating: 1, count: c.support.count))
        rhs.append(1)
        for i in c.binding {
          rows.append(c.support.map { u[$0 * n + i] })
          rhs.append(w[i])
        }
        guard let lambda = ExactElimination.solve(rows, rhs, width: c.support.count),
          lambda.allSatisfy({ $0 >= .zero })
        else { return nil }
        // Acceptance by every member.
        for i in coalitions[j][c.coalition] {
          var e = Rational.zero
          for (t, x) in c.support.enumerated() where lambda[t] != .zero {
            e += lambda[t] * u[x * n + i]
          }
          if e < w[i] { return nil }
        }
        var value = Rational.zero
        for (t, x) in c.support.enumerated() { value += lambda[t] * u[x * n + j] }
        if ci == 0 {
          values[j] = value
        } else if value != values[j] {
          return nil
        }
        lotteries[j].append(lambda)
      }
      if values[j] < w[j] { return nil }
    }
    // Coalition probabilities solving the value equations.
    guard let mu = mixing(s, v: v, w: w, lotteries: lotteries) else { return nil }
    // Optimality: no admissible coalition does better (delay: nothing beats waiting).
    for j in 0..<n {
      let target = s.agree[j] ? values[j] : w[j]
      for c in coalitions[j].indices {
        guard bounded(proposer: j, coalition: c, w: w, by: target) else { return nil }
      }
    }
    var plans = [[(choice: Choice, probability: Rational, lottery: [(Int, Rational)])]](
      repeating: [], count: n)
    for j in 0..<n where s.agree[j] {
      for (ci, c) in s.choices[j].enumerated() where mu[j][ci] != .zero {
        let lottery = c.support.indices.filter { lotteries[j][ci][$0] != .zero }.map {
          (c.support[$0], lotteries[j][ci][$0])
        }
        plans[j].append((c, mu[j][ci], lottery))
      }
    }
    return ExactEquilibrium(v: v, w: w, plans: plans)
  }

  /// Coalition probabilities μ making the value equations hold exactly, or nil.
  func mixing(_ s: Structure, v: [Rational], w: [Rational], lotteries: [[[Rational]]])
    -> [[Rational]]?
  {
    // Expected utility vector of each choice.
    var z = [[[Rational]]](repeating: [], count: n)
    for j in 0..<n where s.agree[j] {
      for (ci, c) in s.choices[j].enumerated() {
        var e = [Rational](repeating: .zero, count: n)
        for (t, x) in c.support.enumerated() where lotteries[j][ci][t] != .zero {
          for i in 0..<n { e[i] += lotteries[j][ci][t] * u[x * n + i] }
        }
        z[j].append(e)
      }
    }
    var target = v
    for j in 0..<n where !s.agree[j] { for i in 0..<n { target[i] -= p[j] * w[i] } }
    let mixers = (0..<n).filter { s.agree[$0] && s.choices[$0].count > 1 }
    if mixers.isEmpty {
      var total = [Rational](repeating: .zero, count: n)
      for j in 0..<n where s.agree[j] { for i in 0..<n { total[i] += p[j] * z[j][0][i] } }
      guard total == target else { return nil }
      return (0..<n).map { s.agree[$0] ? [1] : [] }
    }
    // Fixed part from single-choice proposers; an exact LP for the mixers' probabilities.
    for j in 0..<n where s.agree[j] && s.choices[j].count == 1 {
      for i in 0..<n { target[i] -= p[j] * z[j][0][i] }
    }
    var columns = [(j: Int, ci: Int)]()
    for j in mixers { for ci in s.choices[j].indices { columns.append((j, ci)) } }
    var lp = LinearProgram(
      .maximize, objective: [Rational](repeating: .zero, count: columns.count))
    for i in 0..<n {
      lp.addConstraint(columns.map { p[$0.j] * z[$0.j][$0.ci][i] }, .equal, target[i])
    }
    for j in mixers {
      lp.addConstraint(columns.map { $0.j == j ? Rational(1) : .zero }, .equal, 1)
    }
    guard let solution = try? lp.solveExact(control: control), solution.status == .optimal
    else { return nil }
    var mu = (0..<n).map { s.agree[$0] ? [Rational](repeating: 1, count: 1) : [] }
    for j in mixers { mu[j] = [Rational](repeating: .zero, count: s.choices[j].count) }
    for (t, col) in columns.enumerated() { mu[col.j][col.ci] = solution.values[t] }
    return mu
  }

  /// Whether proposer j's best lottery for coalition c is worth at most `target` (or no
  /// lottery is acceptable): an exact dual certificate from the float basis, else an exact LP.
  func bounded(proposer j: Int, coalition c: Int, w: [Rational], by target: Rational) -> Bool {
    let members = coalitions[j][c]
    var program = programs[j][c]
    let outcome = program.solve(thresholds: w.map(\.doubleValue))
    if outcome.feasible {
      // y on the binding rows and t from the basic deals: uⱼ(x) + Σ yᵢ(uᵢ(x) − wᵢ) = t,
      // solved as Σ yᵢuᵢ(x) − s = −uⱼ(x) with s = t + Σ yᵢwᵢ, whose coefficients are
      // utilities only (y does not depend on w).
      let b = outcome.binding
      var rows = [[Rational]]()
      var rhs = [Rational]()
      for (x, _) in outcome.deals {
        var row = b.map { u[x * n + $0] }
        row.append(-1)
        rows.append(row)
        rhs.append(-u[x * n + j])
      }
      if let sol = ExactElimination.solve(rows, rhs, width: b.count + 1),
        sol.prefix(b.count).allSatisfy({ $0 >= .zero })
      {
        // Every deal x must have uⱼ(x) + Σᵢ yᵢ(uᵢ(x) − wᵢ) − target ≤ 0.
        var weights = [Rational](repeating: .zero, count: n)
        weights[j] = 1
        var constant = target
        for (t, i) in b.enumerated() where sol[t] != .zero {
          weights[i] += sol[t]
          constant += sol[t] * w[i]
        }
        let violating = LotteryProgram.positive(
          in: space, candidates: nil, weights: weights, constant: constant, scale: scale,
          limit: 1)
        if violating.isEmpty { return true }
      }
    }
    // Fallback: the exact LP over every deal, by column generation.
    let exactProgram = LotteryProgram(
      space: space, candidates: nil,
      weights: (0..<n).map { $0 == j ? Rational(1) : .zero },
      rows: members.map { ($0, w[$0]) }, seed: outcome.deals.map(\.deal))
    guard let solution = try? exactProgram.solve(control: control) else { return false }
    switch solution {
    case .infeasible: return true
    case .optimal(let value, _): return value <= target
    }
  }
}

/// Exact Gauss–Jordan elimination of a possibly rectangular system.
enum ExactElimination {
  /// X with A X = B for a square nonsingular A (k × k) and B with any number of columns
  /// (rows of `b` are A's rows' right-hand sides), or nil if A is singular.
  /// - Complexity: O(k² · (k + c)) rational operations for c right-hand sides.
  static func inverseSolve(_ rows: [[Rational]], _ b: [[Rational]]) -> [[Rational]]? {
    let k = rows.count
    guard let width = b.first?.count, b.count == k else { return nil }
    var a = zip(rows, b).map { $0 + $1 }
    let total = k + width
    for col in 0..<k {
      guard let r = (col..<k).first(where: { !a[$0][col].isZero }) else { return nil }
      a.swapAt(col, r)
      let inv = 1 / a[col][col]
      if inv != Rational(1) {
        for c in col..<total where !a[col][c].isZero { a[col][c] *= inv }
      }
      let nonzero = (col..<total).filter { !a[col][$0].isZero }
      for other in 0..<k where other != col && !a[other][col].isZero {
        let f = a[other][col]
        for c in nonzero { a[other][c] -= f * a[col][c] }
      }
    }
    return a.map { Array($0[k...]) }
  }

  /// A solution of `rows · x = rhs` with free variables set to zero, or nil if inconsistent.
  /// - Complexity: O(r · c · min(r, c)) rational operations.
  static func solve(_ rows: [[Rational]], _ rhs: [Rational], width: Int) -> [Rational]? {
    var a = rows
    var b = rhs
    var pivotColumns = [Int]()
    var rank = 0
    for col in 0..<width where rank < a.count {
      guard let r = (rank..<a.count).first(where: { !a[$0][col].isZero }) else { continue }
      a.swapAt(rank, r)
      b.swapAt(rank, r)
      let inv = 1 / a[rank][col]
      if inv != Rational(1) {
        for c in col..<width where !a[rank][c].isZero { a[rank][c] *= inv }
        b[rank] *= inv
      }
      let nonzero = (col..<width).filter { !a[rank][$0].isZero }
      for other in 0..<a.count where other != rank && !a[other][col].isZero {
        let f = a[other][col]
        for c in nonzero { a[other][c] -= f * a[rank][c] }
        b[other] -= f * b[rank]
      }
      pivotColumns.append(col)
      rank += 1
    }
    for r in rank..<a.count where !b[r].isZero { return nil }
    var x = [Rational](repeating: .zero, count: width)
    for (r, col) in pivotColumns.enumerated() { x[col] = b[r] }
    return x
  }
}

// MARK: - Result

extension Kernel {
  fileprivate func result(_ found: Found, framework: String)
    throws(SolverError) -> UnanimityBargainingResult
  {
    let names = space.model.actors.map(\.name)
    var v: [Rational]
    var w: [Rational]
    var plans = [[(members: [Int], probability: Rational, lottery: [(Int, Rational)])]]()
    var notes = [String]()
    if let eq = found.exact {
      v = eq.v
      w = eq.w
      plans = eq.plans.enumerated().map { j, list in
        list.map { (coalitions[j][$0.choice.coalition], $0.probability, $0.lottery) }
      }
      notes.append(
        "verified exactly: proposals optimal for every coalition (dual certificates), "
          + "acceptance, value equations")
    } else {
      v = found.floatV.map { Rational($0) }
      w = thresholds(v)
      for j in 0..<n {
        let list = found.floatLotteries[j]
        let share = Rational(1, max(1, list.count))
        plans.append(
          list.map { entry in
            let lottery = entry.lottery.filter { $0.1 > 0 }.map { ($0.0, Rational($0.1)) }
            return (coalitions[j][entry.coalition], share, lottery)
          })
      }
      notes.append(
        "not verified exactly: the floating-point solution after \(found.iterations) "
          + "iterations (\(found.attempts) exact attempts failed); figures are approximate")
    }
    // Per-proposer proposals and the ex-ante lottery.
    var proposals = [[WeightedDeal]]()
    var coalitionProposals = [[UnanimityBargainingResult.CoalitionProposal]]()
    var exAnte = [Int: Rational]()
    var perRound = Rational.zero
    var pivotal = Set(vetoes)
    for j in 0..<n {
      var mixture = [Int: Rational]()
      var list = [UnanimityBargainingResult.CoalitionProposal]()
      for plan in plans[j] {
        var weighted = [WeightedDeal]()
        for (x, weight) in plan.lottery {
          mixture[x, default: .zero] += plan.probability * weight
          weighted.append(WeightedDeal(deal: space.deal(at: x), probability: weight))
        }
        list.append(.init(members: plan.members, probability: plan.probability, lottery: weighted))
        for i in plan.members {
          var e = Rational.zero
          for (x, weight) in plan.lottery { e += weight * u[x * n + i] }
          if e == w[i] { pivotal.insert(i) }
        }
      }
      if !plans[j].isEmpty { perRound += p[j] }
      for (x, weight) in mixture { exAnte[x, default: .zero] += p[j] * weight }
      proposals.append(
        mixture.keys.sorted().map {
          WeightedDeal(deal: space.deal(at: $0), probability: mixture[$0]!)
        })
      coalitionProposals.append(list)
    }
    let lottery: [WeightedDeal] =
      perRound == .zero
      ? []
      : exAnte.keys.sorted().map {
        WeightedDeal(deal: space.deal(at: $0), probability: exAnte[$0]! / perRound)
      }
    if perRound == .zero { notes.append("no proposal is acceptable: no agreement") }
    if perRound != .zero && perRound != Rational(1) {
      notes.append("some proposers delay: agreement in a round has probability \(perRound)")
    }
    // The lottery's deals seed the column generation (the answer does not depend on the
    // seed; a good one saves rounds of exact LPs).
    let optimal = try DealSpaceAnalysis.isParetoOptimalAmongLotteries(
      v, in: space, seed: exAnte.keys.sorted(), control: control)
    let parameters: [String: String] = [
      "quota": String(quota), "actors": String(n), "workingDeals": String(Set(programs.joined().flatMap(\.working)).count),
      "iterations": String(found.iterations), "agreementPerRound": perRound.description,
    ]
    let outcome = FrameworkOutcome(
      framework: framework, agreementProbability: perRound == .zero ? .zero : Rational(1),
      lottery: lottery, payoffs: v,
      expectedDelay: perRound == .zero ? nil : (1 - perRound) / perRound,
      nashProduct: FrameworkOutcome.nashProduct(v, over: d), isParetoOptimal: optimal,
      pivotal: (0..<n).filter { pivotal.contains($0) }.map { names[$0] },
      method: "stationary equilibrium: damped value iteration, structure, exact linear solve "
        + "and verification (Banks and Duggan 2000)",
      isExact: found.exact != nil, parameters: parameters, status: found.status, notes: notes)
    return UnanimityBargainingResult(
      outcome: outcome, proposals: proposals, coalitions: coalitionProposals,
      continuationValues: v, acceptanceThresholds: w, agreementPerRound: perRound)
  }
}
