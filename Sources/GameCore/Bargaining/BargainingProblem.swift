// SPDX-License-Identifier: GPL-3.0-or-later

/// An n-person bargaining problem: a feasible set of utility vectors and a disagreement point.
///
/// Nash (1950) defines a bargaining problem as a pair (S, d): a compact convex set S of
/// utility vectors the players can reach by agreement and the point d they get if they do
/// not agree. Parley represents S in one of three ways:
/// - ``FeasibleSet/deals(_:)``: a finite set of deals, each a vector of utilities, and no
///   lotteries — the players must pick one deal;
/// - ``FeasibleSet/lotteries(_:)``: the same deals, but the players may agree on a lottery
///   over them, so S is their convex hull;
/// - ``FeasibleSet/pie(_:)``: a continuous frontier, the division of a pie of size one among
///   the players, each valuing their own share through an increasing utility function.
///
/// As in Kalai and Smorodinsky (1975) and Kalai (1977), utility can be given up freely
/// ("free disposal"): the solutions that move along a ray (Kalai–Smorodinsky, egalitarian)
/// stop at the boundary of the comprehensive set {u : u ≤ s for some s in S}, and report the
/// deal or lottery s that attains or dominates the point. Indices are 0-based.
public struct BargainingProblem<S: GameScalar>: Sendable {
  /// How the feasible set is given.
  public enum FeasibleSet: Sendable {
    /// A finite set of deals; the players pick one (no lotteries).
    case deals([[S]])
    /// The convex hull of a finite set of deals (lotteries over them allowed).
    case lotteries([[S]])
    /// A pie of size one divided among the players (continuous frontier, `Double` only).
    case pie(PieDivision)
  }

  /// The number of players.
  public let playerCount: Int
  /// The players' names (defaults to `1`, `2`, …).
  public var players: [String]
  /// The utility each player gets if there is no agreement.
  public let disagreement: [S]
  /// The feasible set.
  public let feasibleSet: FeasibleSet
  /// Names of the deals (finite sets only), defaults to `d0`, `d1`, ….
  public var dealNames: [String]

  /// Creates a problem over a finite set of deals.
  ///
  /// - Parameters:
  ///   - deals: one utility vector per deal, each with one entry per player.
  ///   - disagreement: the disagreement point.
  ///   - lotteries: whether lotteries over deals are allowed (the feasible set is then
  ///     the convex hull).
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for an empty deal set, a deal of the
  ///   wrong length, or fewer than two players.
  public init(
    deals: [[S]], disagreement: [S], lotteries: Bool, players: [String]? = nil,
    dealNames: [String]? = nil
  ) throws(SolverError) {
    let n = disagreement.count
    guard n >= 2 else {
      throw .invalidArgument("bargaining", "a bargaining problem needs at least two players")
    }
    guard !deals.isEmpty else {
      throw .invalidArgument("bargaining", "the feasible set is empty: no deals were given")
    }
    if let bad = deals.firstIndex(where: { $0.count != n }) {
      throw .invalidArgument(
        "bargaining",
        "deal \(bad) has \(deals[bad].count) utilities but the disagreement point has \(n)")
    }
    if let players, players.count != n {
      throw .invalidArgument("bargaining", "\(players.count) player names for \(n) players")
    }
    if let dealNames, dealNames.count != deals.count {
      throw .invalidArgument("bargaining", "\(dealNames.count) deal names for \(deals.count) deals")
    }
    self.playerCount = n
    self.players = players ?? (1...n).map { String($0) }
    self.disagreement = disagreement
    self.feasibleSet = lotteries ? .lotteries(deals) : .deals(deals)
    self.dealNames = dealNames ?? deals.indices.map { "d\($0)" }
  }

  /// The deals of a finite feasible set (empty for a continuous one).
  public var deals: [[S]] {
    switch feasibleSet {
    case .deals(let d), .lotteries(let d): return d
    case .pie: return []
    }
  }

  /// Whether lotteries over the deals are allowed (always true for a pie).
  public var allowsLotteries: Bool {
    if case .deals = feasibleSet { return false }
    return true
  }

  /// The indices of the deals at which every player gets at least the disagreement payoff.
  public var individuallyRationalDeals: [Int] {
    deals.indices.filter { k in (0..<playerCount).allSatisfy { deals[k][$0] >= disagreement[$0] } }
  }
}

extension BargainingProblem where S == Double {
  /// Creates the problem of dividing a pie of size one.
  ///
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` when the player counts disagree, or
  ///   when some player cannot reach the disagreement payoff even with the whole pie.
  public init(pie: PieDivision, disagreement: [Double], players: [String]? = nil)
    throws(SolverError)
  {
    let n = pie.utilities.count
    guard n >= 2 else {
      throw .invalidArgument("bargaining", "a bargaining problem needs at least two players")
    }
    guard disagreement.count == n else {
      throw .invalidArgument(
        "bargaining", "\(n) utility functions but \(disagreement.count) disagreement payoffs")
    }
    for i in 0..<n where !(pie.utilities[i](1) > disagreement[i]) {
      throw .invalidArgument(
        "bargaining",
        "player \(i) gets \(pie.utilities[i](1)) from the whole pie, not more than the "
          + "disagreement payoff \(disagreement[i]): the feasible set has no gains from trade")
    }
    self.playerCount = n
    self.players = players ?? (1...n).map { String($0) }
    self.disagreement = disagreement
    self.feasibleSet = .pie(pie)
    self.dealNames = []
  }
}

/// A continuous bargaining frontier: a pie of size one split into shares x₀, …, xₙ₋₁ ≥ 0
/// with Σ xᵢ = 1, player i valuing the split at uᵢ(xᵢ).
///
/// Each utility function must be continuous and strictly increasing on [0, 1]; for the Nash
/// and utilitarian solutions it must also be concave (then the frontier is concave and the
/// solutions are unique). Osborne and Rubinstein (1990, §2.2) and Binmore, Rubinstein and
/// Wolinsky (1986) use this model.
public struct PieDivision: Sendable {
  /// Player i's utility of a share.
  public var utilities: [@Sendable (Double) -> Double]
  /// Text describing each utility (for reports), e.g. `"sqrt(x)"`.
  public var descriptions: [String]

  public init(utilities: [@Sendable (Double) -> Double], descriptions: [String]? = nil) {
    self.utilities = utilities
    self.descriptions = descriptions ?? utilities.indices.map { "u\($0)(x)" }
  }

  /// Linear utilities uᵢ(x) = x: the frontier is the unit simplex.
  public static func linear(players n: Int) -> PieDivision {
    PieDivision(
      utilities: Array(repeating: { @Sendable (x: Double) in x }, count: n),
      descriptions: Array(repeating: "x", count: n))
  }
}
