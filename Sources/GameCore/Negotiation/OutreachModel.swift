// SPDX-License-Identifier: GPL-3.0-or-later

/// Outreach under competition: a sponsor offers third states incentives to cut ties with an
/// adversary, which may counter-offer to keep them.
///
/// Target `i` values its ties at `v_i` a year and earns the adversary `r_i`. Naming and
/// shaming (probability `p`, cost `c`) adds an expected penalty `p · c · n_i` to keeping
/// ties, scaled by the target's visibility `n_i ∈ [0, 1]` (a small, unnoticed state
/// discounts it). The sponsor offers `s_i ≥ 0` (`Σ s_i ≤ B`, `s_i ≤ cap_i`); the adversary
/// then offers `k_i ≥ 0` (`Σ k_i ≤ C`); target `i` cuts ties iff `s_i + p c n_i > v_i + k_i`
/// and keeps them at equality. All amounts are in ``unit``.
///
/// Value type only: the leader–follower solver is `OutreachCompetition` in `Negotiation`.
public struct OutreachModel: Sendable, Hashable {
  /// What the sponsor maximises.
  public enum Objective: String, Sendable, Hashable, CaseIterable {
    /// The adversary's revenue from the ties that are cut.
    case revenueLost = "revenue-lost"
    /// The number of targets that cut ties.
    case flips
  }

  public var name: String
  public var version: Int
  public var summary: String
  /// The unit of every amount (`"million USD per year"`).
  public var unit: String
  /// The sponsor's name (South Korea).
  public var sponsor: String
  /// The adversary's name (North Korea).
  public var adversary: String
  /// B ≥ 0: the most the sponsor may offer in all.
  public var sponsorBudget: Rational
  /// C ≥ 0: the most the adversary may counter-offer in all.
  public var counterBudget: Rational
  /// p ∈ [0, 1]: the probability a target keeping ties is named and shamed.
  public var shamingProbability: Rational
  /// c ≥ 0: the cost of being named and shamed.
  public var shamingCost: Rational
  /// ε > 0: the smallest amount by which an offer counts as *more* (strict comparisons are
  /// realised as "at least ε more"); the solver's optimum is exact for this ε.
  public var margin: Rational
  public var objective: Objective
  public var targets: [OutreachTarget]
  /// Ranges of parameters the model documents (e.g. the adversary's overseas revenue).
  public var ranges: [ParameterRange]

  public init(
    name: String, version: Int = 1, summary: String = "", unit: String = "",
    sponsor: String = "sponsor", adversary: String = "adversary", sponsorBudget: Rational,
    counterBudget: Rational, shamingProbability: Rational = 0, shamingCost: Rational = 0,
    margin: Rational = Rational(1, 100), objective: Objective = .revenueLost,
    targets: [OutreachTarget], ranges: [ParameterRange] = []
  ) {
    self.name = name
    self.version = version
    self.summary = summary
    self.unit = unit
    self.sponsor = sponsor
    self.adversary = adversary
    self.sponsorBudget = sponsorBudget
    self.counterBudget = counterBudget
    self.shamingProbability = shamingProbability
    self.shamingCost = shamingCost
    self.margin = margin
    self.objective = objective
    self.targets = targets
    self.ranges = ranges
  }

  /// `p · c · n_i`: target `i`'s expected penalty for keeping ties.
  public func expectedPenalty(of i: Int) -> Rational {
    shamingProbability * shamingCost * targets[i].visibility
  }

  /// `t_i = v_i − p c n_i`: the sponsor's offer that leaves target `i` indifferent when the
  /// adversary offers nothing (it cuts ties for any offer above it).
  public func threshold(of i: Int) -> Rational {
    targets[i].tieValue - expectedPenalty(of: i)
  }

  /// `max(0, s − t_i)`: the least counter-offer that keeps target `i` when the sponsor
  /// offers `s` (ties keep ties).
  public func counterNeeded(for i: Int, offer s: Rational) -> Rational {
    max(0, s - threshold(of: i))
  }

  /// Whether target `i` cuts ties given both offers.
  public func cutsTies(_ i: Int, offer s: Rational, counter k: Rational) -> Bool {
    s + expectedPenalty(of: i) > targets[i].tieValue + k
  }
}

/// A third state that may cut ties.
public struct OutreachTarget: Sendable, Hashable {
  public var name: String
  /// v_i ≥ 0: what keeping ties is worth to the target.
  public var tieValue: Rational
  /// r_i ≥ 0: what the ties earn the adversary.
  public var revenue: Rational
  /// n_i ∈ [0, 1]: how noticeable the target's ties are.
  public var visibility: Rational
  /// The most the sponsor will offer this target, if limited.
  public var cap: Rational?
  /// Where the numbers come from.
  public var note: String

  public init(
    name: String, tieValue: Rational, revenue: Rational, visibility: Rational,
    cap: Rational? = nil, note: String = ""
  ) {
    self.name = name
    self.tieValue = tieValue
    self.revenue = revenue
    self.visibility = visibility
    self.cap = cap
    self.note = note
  }
}

extension OutreachModel {
  /// A documented range for a model parameter, with the base value used.
  public struct ParameterRange: Sendable, Hashable {
    public var name: String
    public var low: Rational
    public var high: Rational
    public var base: Rational
    public var unit: String
    public var note: String

    public init(
      name: String, low: Rational, high: Rational, base: Rational, unit: String = "",
      note: String = ""
    ) {
      self.name = name
      self.low = low
      self.high = high
      self.base = base
      self.unit = unit
      self.note = note
    }
  }
}
