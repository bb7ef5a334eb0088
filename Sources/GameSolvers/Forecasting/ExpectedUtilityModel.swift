// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
public import GameCore

/// Bueno de Mesquita's expected-utility model of group decisions over one policy dimension,
/// as specified by Scholz, Calbert and Smith (2011).
///
/// Sources: B. Bueno de Mesquita, "Political forecasting: an expected utility method", in
/// *European Community Decision Making*, Yale UP, 1994, ch. 4; J. B. Scholz, G. J. Calbert
/// and G. A. Smith, "Unravelling Bueno de Mesquita's group decision model", *Journal of
/// Theoretical Politics* 23(4), 2011, §§2–6 and the Appendix (steps 1–11). Positions are
/// measured relative to `Δ`, the range of the initial positions. Each round:
/// 1. **Votes and the median.** Actor `k` votes for position `a` over `b` with
///    `vₖ(a,b) = cₖ sₖ (|xₖ − x_b| − |xₖ − x_a|)/Δ`. The median position `μ` is the actor
///    position that beats every other in these pairwise votes: the weighted median with
///    weights `cₖ sₖ`. The weighted mean is `Σ cₖ sₖ xₖ / Σ cₖ sₖ`.
/// 2. **Probability of prevailing** when `a` challenges `b`:
///    `P(a,b) = Σₖ max(0, vₖ(a,b)) / Σₖ |vₖ(a,b)|` (``Options/ProbabilityRule``).
/// 3. **Utilities** with risk exponent `r`, `d = |x_a − x_b|/Δ`, `δ = (|x_a − μ| + |x_a −
///    x_b|)/Δ`: `Uˢ = 2 − 4(½ − ½d)ʳ`, `Uᶠ = 2 − 4(½ + ½d)ʳ`, `Uᵇ = 2 − 4(½ − ¼δ)ʳ`,
///    `Uʷ = 2 − 4(½ + ¼δ)ʳ`, `Uˢᑫ = 2 − 4(½)ʳ`.
/// 4. **Expected utility of a challenge**: `EU_a(b) = s_b (P Uˢ + (1−P) Uᶠ) + (1 − s_b) Uˢ −
///    Q Uˢᑫ − (1 − Q)(T Uᵇ + (1 − T) Uʷ)` (`Q = T = 1` by default, as in both replications).
/// 5. **Risk from security.** With every `r = 1`, actor `i`'s exposure is
///    `dᵢ = Σ_{j≠i} EU_j(i)`; `Rᵢ = (2dᵢ − max d − min d)/(max d − min d)` and
///    `rᵢ = (1 − Rᵢ/3)/(1 + Rᵢ/3)`, in `[½, 2]`. Expected utilities are recomputed with
///    these exponents.
/// 6. **Offers.** Receiver `i` considers each `j` at another position, with `u = EU_i(j)` and
///    `w = EU_j(i)` (computed with each actor's own exponent, or `i`'s, per
///    ``Options/RiskPerspective``): *confrontation* when `w > u > 0` (move to `x_j`),
///    *compromise* when `w > 0 > u` and `w > |u|` (move to `xᵢ + (x_j − xᵢ)|u/w|`),
///    *capitulation* when `w > 0 > u` and `w ≤ |u|` (move to `x_j`).
/// 7. **Simultaneous moves.** Each actor takes one offer (``Options/OfferSelection``); all
///    moves are applied together, and the next round starts from the new positions.
///
/// The published replications differ in steps 2, 3 and 6; each difference is an option, and
/// ``Options/scholz2011`` (the paper as written), ``Options/scholzCode`` (the authors' code
/// as re-run by J. McKibben's replication) and ``Options/masad`` (D. Masad's replication)
/// select them together.
/// - Complexity: O(n³) per round (``Options/ProbabilityRule/allPairs`` costs O(n³) once
///   per round too).
public struct ExpectedUtilityModel: Sendable {
  /// The choices where published replications differ.
  public struct Options: Sendable, Hashable {
    /// How the probability of prevailing is normalised.
    public enum ProbabilityRule: String, Sendable, Hashable, CaseIterable {
      /// Supporters' votes over the absolute votes of the same pair (the paper, §4).
      case supporters
      /// The net vote, clipped at zero, over the absolute votes of the pair (Masad).
      case net
      /// Supporters' votes over the absolute votes of all pairs of actors (the authors'
      /// code, which makes probabilities small).
      case allPairs = "all-pairs"
    }

    /// Whose risk exponent prices a challenge between two other actors' positions.
    public enum RiskPerspective: String, Sendable, Hashable, CaseIterable {
      /// Each challenger's expected utility uses its own exponent (Masad; the paper).
      case own
      /// The receiver evaluates both sides with its own exponent (the authors' code).
      case receiver
    }

    /// Which offer an actor takes when it has several.
    public enum OfferSelection: String, Sendable, Hashable, CaseIterable {
      /// The one that moves it least (the paper, §6, and Bueno de Mesquita 1994).
      case leastMovement = "least-movement"
      /// Confrontations first, then compromises (the one whose weighted position is lowest),
      /// then capitulations, each by least movement (the authors' code).
      case byKind = "by-kind"
      /// The one its proposer values most, ties by least movement (Masad).
      case largestExpectedUtility = "largest-eu"
    }

    /// Which position the `Uᵇ`/`Uʷ` terms measure from.
    public enum Reference: String, Sendable, Hashable, CaseIterable {
      /// The weighted median (the paper).
      case median
      /// The weighted mean (Masad).
      case mean
    }

    public var probability: ProbabilityRule
    public var perspective: RiskPerspective
    public var selection: OfferSelection
    public var reference: Reference
    /// The probability that the status quo persists absent a challenge.
    public var q: Double
    /// The probability that a change absent a challenge improves things.
    public var t: Double

    public init(
      probability: ProbabilityRule = .supporters, perspective: RiskPerspective = .own,
      selection: OfferSelection = .leastMovement, reference: Reference = .median,
      q: Double = 1, t: Double = 1
    ) {
      self.probability = probability
      self.perspective = perspective
      self.selection = selection
      self.reference = reference
      self.q = q
      self.t = t
    }

    /// Scholz, Calbert and Smith (2011) as written.
    public static var scholz2011: Options { Options() }
    /// The authors' code, as re-run in McKibben's replication.
    public static var scholzCode: Options {
      Options(probability: .allPairs, perspective: .receiver, selection: .byKind)
    }
    /// Masad's replication.
    public static var masad: Options {
      Options(probability: .net, selection: .largestExpectedUtility, reference: .mean)
    }

    var parameters: [String: String] {
      ["probability": probability.rawValue, "perspective": perspective.rawValue,
        "selection": selection.rawValue, "reference": reference.rawValue,
        "Q": "\(q)", "T": "\(t)"]
    }
  }

  /// The options.
  public var options: Options

  public init(options: Options = .scholz2011) {
    self.options = options
  }

  /// Runs `rounds` rounds from the actors' positions.
  ///
  /// - Throws: ``SolverError`` with fewer than two actors, a negative capability, a
  ///   salience outside `[0, 1]`, non-finite data, all positions equal, no weight
  ///   (`Σ cₖ sₖ = 0`), a negative round count, or `Q`, `T` outside `[0, 1]`.
  public func forecast(
    _ actors: [PolicyActor], rounds: Int, control: SolverControl = .none
  ) throws(SolverError) -> ForecastResult {
    try validate(actors, rounds: rounds)
    let n = actors.count
    let c = actors.map(\.capability), s = actors.map(\.salience)
    var x = actors.map(\.position)
    let range = x.max()! - x.min()!
    var history = [round(0, x, c, s, risk: Array(repeating: 1, count: n), moves: [])]
    var status = SolverStatus.complete
    for k in 1...max(rounds, 1) where rounds > 0 {
      if let stop = control.stopReason() { status = stop; break }
      let state = State(x: x, c: c, s: s, range: range, options: options)
      let risk = state.riskExponents()
      let moves = state.moves(risk: risk)
      for m in moves { x[m.receiver] = m.to }
      history.append(round(k, x, c, s, risk: risk, moves: moves))
    }
    return ForecastResult(
      actors: actors, rounds: history, method: "bdm", parameters: options.parameters,
      status: status)
  }

  private func round(
    _ k: Int, _ x: [Double], _ c: [Double], _ s: [Double], risk: [Double],
    moves: [ForecastResult.Move]
  ) -> ForecastResult.Round {
    ForecastResult.Round(
      number: k, positions: x, mean: Self.weightedMean(x, c, s),
      median: Self.weightedMedian(x, c, s), riskExponents: risk, moves: moves)
  }

  private func validate(_ actors: [PolicyActor], rounds: Int) throws(SolverError) {
    let op = "bdm"
    guard actors.count >= 2 else {
      throw .invalidArgument(op, "the model needs at least two actors, got \(actors.count)")
    }
    guard rounds >= 0 else { throw .invalidArgument(op, "rounds must be 0 or more") }
    for a in actors {
      guard a.capability.isFinite, a.position.isFinite, a.salience.isFinite else {
        throw .invalidArgument(op, "\(a.name): values must be finite numbers")
      }
      guard a.capability >= 0 else {
        throw .invalidArgument(op, "\(a.name): capability must be non-negative")
      }
      guard (0...1).contains(a.salience) else {
        throw .invalidArgument(op, "\(a.name): salience must lie in [0, 1] (or 0-100 in files)")
      }
    }
    let xs = actors.map(\.position)
    guard xs.max()! > xs.min()! else {
      throw .invalidArgument(op, "all actors hold the same position: nothing to forecast")
    }
    guard actors.contains(where: { $0.capability * $0.salience > 0 }) else {
      throw .invalidArgument(op, "every actor has zero capability or zero salience")
    }
    guard (0...1).contains(options.q), (0...1).contains(options.t) else {
      throw .invalidArgument(op, "Q and T are probabilities in [0, 1]")
    }
  }

  /// `Σ cₖ sₖ xₖ / Σ cₖ sₖ`.
  public static func weightedMean(_ x: [Double], _ c: [Double], _ s: [Double]) -> Double {
    var num = 0.0, den = 0.0
    for k in x.indices { num += c[k] * s[k] * x[k]; den += c[k] * s[k] }
    return num / den
  }

  /// The actor position minimising `Σ cₖ sₖ |xₖ − y|` (the pairwise-vote winner); the
  /// lowest such position when several tie.
  public static func weightedMedian(_ x: [Double], _ c: [Double], _ s: [Double]) -> Double {
    var best = x[0], bestCost = Double.infinity
    for y in Set(x).sorted() {
      var cost = 0.0
      for k in x.indices { cost += c[k] * s[k] * abs(x[k] - y) }
      if cost < bestCost * (1 - 1e-12) { best = y; bestCost = cost }
    }
    return best
  }
}

// MARK: - Kernel

/// One round's computations from the current positions.
private struct State {
  let x: [Double], c: [Double], s: [Double], range: Double
  let options: ExpectedUtilityModel.Options
  let mu: Double
  /// Σ over all pairs of |votes|, for ``ProbabilityRule/allPairs``.
  let allVotes: Double

  init(
    x: [Double], c: [Double], s: [Double], range: Double,
    options: ExpectedUtilityModel.Options
  ) {
    self.x = x
    self.c = c
    self.s = s
    self.range = range
    self.options = options
    mu = options.reference == .median
      ? ExpectedUtilityModel.weightedMedian(x, c, s)
      : ExpectedUtilityModel.weightedMean(x, c, s)
    var total = 0.0
    if options.probability == .allPairs {
      for k in x.indices { for a in x.indices { for b in x.indices {
        total += c[k] * s[k] * abs(abs(x[k] - x[b]) - abs(x[k] - x[a])) / range
      } } }
    }
    allVotes = total
  }

  /// `P(a, b)`: the probability that `a`'s position prevails over `b`'s.
  func probability(_ a: Int, _ b: Int) -> Double {
    if x[a] == x[b] { return 0 }
    var support = 0.0, net = 0.0, absolute = 0.0
    for k in x.indices {
      let v = c[k] * s[k] * (abs(x[k] - x[b]) - abs(x[k] - x[a])) / range
      support += max(0, v)
      net += v
      absolute += abs(v)
    }
    switch options.probability {
    case .supporters: return absolute == 0 ? 0 : support / absolute
    case .net: return absolute == 0 ? 0 : max(0, net) / absolute
    case .allPairs: return allVotes == 0 ? 0 : support / allVotes
    }
  }

  /// `EU_a(b)` with risk exponent `r`.
  func expectedUtility(_ a: Int, challenging b: Int, risk r: Double) -> Double {
    let d = abs(x[a] - x[b]) / range
    let delta = (abs(x[a] - mu) + abs(x[a] - x[b])) / range
    func u(_ base: Double) -> Double { 2 - 4 * pow(max(0, base), r) }
    let success = u(0.5 - 0.5 * d), failure = u(0.5 + 0.5 * d)
    let better = u(0.5 - 0.25 * delta), worse = u(0.5 + 0.25 * delta)
    let statusQuo = u(0.5)
    let p = probability(a, b)
    let q = options.q, t = options.t
    return s[b] * (p * success + (1 - p) * failure) + (1 - s[b]) * success
      - q * statusQuo - (1 - q) * (t * better + (1 - t) * worse)
  }

  /// Step 5: the risk exponents from each actor's exposure to challenges.
  func riskExponents() -> [Double] {
    let n = x.count
    var exposure = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in 0..<n where j != i { exposure[i] += expectedUtility(j, challenging: i, risk: 1) }
    }
    let hi = exposure.max()!, lo = exposure.min()!
    return exposure.map { d in
      let big = hi - lo
      let r = big > 0 ? (2 * d - hi - lo) / big : 0
      return (1 - r / 3) / (1 + r / 3)
    }
  }

  /// Steps 6 and 7: every actor's chosen move, computed from the same state.
  func moves(risk: [Double]) -> [ForecastResult.Move] {
    let n = x.count
    var eu = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for a in 0..<n { for b in 0..<n where a != b {
      eu[a][b] = expectedUtility(a, challenging: b, risk: risk[a])
    } }
    var out: [ForecastResult.Move] = []
    for i in 0..<n {
      var offers: [(move: ForecastResult.Move, w: Double, u: Double)] = []
      for j in 0..<n where j != i && x[j] != x[i] {
        let u: Double, w: Double
        switch options.perspective {
        case .own:
          u = eu[i][j]
          w = eu[j][i]
        case .receiver:
          u = expectedUtility(i, challenging: j, risk: risk[i])
          w = expectedUtility(j, challenging: i, risk: risk[i])
        }
        let kind: ForecastResult.Move.Kind
        let to: Double
        if w > u && u > 0 {
          kind = .confrontation
          to = x[j]
        } else if w > 0 && u < 0 && w > abs(u) {
          kind = .compromise
          to = x[i] + (x[j] - x[i]) * abs(u / w)
        } else if w > 0 && u < 0 {
          kind = .capitulation
          to = x[j]
        } else {
          continue
        }
        offers.append((ForecastResult.Move(
          receiver: i, sender: j, kind: kind, from: x[i], to: to), w, u))
      }
      guard !offers.isEmpty else { continue }
      let movement = { (o: (move: ForecastResult.Move, w: Double, u: Double)) in
        abs(o.move.to - o.move.from)
      }
      let chosen: ForecastResult.Move
      switch options.selection {
      case .leastMovement:
        chosen = offers.min { movement($0) < movement($1) }!.move
      case .largestExpectedUtility:
        chosen = offers.min { a, b in
          a.w != b.w ? a.w > b.w : movement(a) < movement(b)
        }!.move
      case .byKind:
        if let o = offers.filter({ $0.move.kind == .confrontation })
          .min(by: { movement($0) < movement($1) })
        {
          chosen = o.move
        } else if let o = offers.filter({ $0.move.kind == .compromise }).min(by: { a, b in
          key(a.u, a.w, i, a.move.sender) < key(b.u, b.w, i, b.move.sender)
        }) {
          chosen = o.move
        } else {
          chosen = offers.min { movement($0) < movement($1) }!.move
        }
      }
      out.append(chosen)
    }
    return out
  }

  /// The authors' code's key among compromises: the EU-weighted position of the pair.
  private func key(_ u: Double, _ w: Double, _ i: Int, _ j: Int) -> Double {
    (abs(u) * x[i] + abs(w) * x[j]) / (abs(u) + abs(w))
  }
}
