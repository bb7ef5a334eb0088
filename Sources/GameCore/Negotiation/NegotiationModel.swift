// SPDX-License-Identifier: GPL-3.0-or-later

/// A multilateral negotiation over a multi-issue deal: the issues and their options, the
/// actors with their preferences and bargaining attributes, who may pay whom, and an optional
/// mediator or arbitrator.
///
/// A *deal* fixes one option on every issue. Actor a's utility for deal x, before transfers, is
/// its salience-weighted sum `Σₖ wₐₖ · uₐₖ(xₖ)`; transfers add what a receives and subtract
/// what it pays (in the same utility units). `disagreement` is the utility of no agreement on
/// that scale. The model states its normalisation (``UtilityNormalisation``) rather than
/// implying one, and readers check it.
///
/// Value type only: the deal space, the frameworks and the incentive solvers are in the
/// `Negotiation` module.
public struct NegotiationModel: Sendable, Hashable {
  /// The model's name (for reports).
  public var name: String
  /// The format version the model was written in.
  public var version: Int
  /// Free text: what the model represents and where its numbers come from.
  public var summary: String
  /// The issues, in order; a deal is one option index per issue.
  public var issues: [NegotiationIssue]
  /// The actors, in order.
  public var actors: [NegotiationActor]
  /// Who may pay whom, within what budget.
  public var transfers: [TransferChannel]
  /// How utilities and weights are scaled.
  public var normalisation: UtilityNormalisation
  /// The mediator or arbitrator, if the model has one.
  public var mediator: Mediator?
  /// Named deals (e.g. `freeze`), in the order given.
  public var namedDeals: [NamedDeal]

  public init(
    name: String, version: Int = 1, summary: String = "", issues: [NegotiationIssue],
    actors: [NegotiationActor], transfers: [TransferChannel] = [],
    normalisation: UtilityNormalisation = .init(), mediator: Mediator? = nil,
    namedDeals: [NamedDeal] = []
  ) {
    self.name = name
    self.version = version
    self.summary = summary
    self.issues = issues
    self.actors = actors
    self.transfers = transfers
    self.normalisation = normalisation
    self.mediator = mediator
    self.namedDeals = namedDeals
  }

  /// The number of deals: the product of the issues' option counts (saturating at `Int.max`).
  public var dealCount: Int {
    var count = 1
    for issue in issues {
      let (product, overflow) = count.multipliedReportingOverflow(by: issue.optionCount)
      if overflow { return Int.max }
      count = product
    }
    return count
  }

  /// The index of the actor called `name`, if any.
  public func actorIndex(named name: String) -> Int? {
    actors.firstIndex { $0.name == name }
  }

  /// The index of the issue called `name`, if any.
  public func issueIndex(named name: String) -> Int? {
    issues.firstIndex { $0.name == name }
  }

  /// The deal called `name`, if any.
  public func deal(named name: String) -> Deal? {
    namedDeals.first { $0.name == name }?.deal
  }

  /// Actor `actor`'s utility for `deal` before transfers: `Σₖ wₐₖ · uₐₖ(xₖ)`.
  public func utility(of actor: Int, for deal: Deal) -> Rational {
    let a = actors[actor]
    var total = Rational.zero
    for k in issues.indices where a.salience[k] != .zero {
      total += a.salience[k] * a.utilities[k].value(option: deal.options[k], of: issues[k])
    }
    return total
  }

  /// Every actor's utility for `deal` before transfers.
  public func utilities(for deal: Deal) -> [Rational] {
    actors.indices.map { utility(of: $0, for: deal) }
  }

  /// The actors' disagreement payoffs.
  public var disagreement: [Rational] { actors.map(\.disagreement) }

  /// A one-line description of `deal`: `issue=option` for every issue.
  public func describe(_ deal: Deal) -> String {
    issues.indices.map { "\(issues[$0].name)=\(issues[$0].label(of: deal.options[$0]))" }
      .joined(separator: " ")
  }
}

/// One issue on the table.
public struct NegotiationIssue: Sendable, Hashable {
  /// The issue's name (`nuclear`, `sanctions`, `aid`).
  public var name: String
  /// What kind of values it takes.
  public var kind: Kind
  /// The unit of a numeric issue (`"billion USD"`), empty otherwise.
  public var unit: String

  public enum Kind: Sendable, Hashable {
    /// Unordered options.
    case categorical([String])
    /// Options in increasing order (ordinal scale).
    case ordered([String])
    /// An amount from `lower` to `upper` in steps of `step` (both ends included): the deal
    /// space is finite, the grid is stated.
    case numeric(lower: Rational, upper: Rational, step: Rational)
  }

  public init(name: String, kind: Kind, unit: String = "") {
    self.name = name
    self.kind = kind
    self.unit = unit
  }

  /// The number of options (grid points for a numeric issue).
  public var optionCount: Int {
    switch kind {
    case .categorical(let o), .ordered(let o): return o.count
    case .numeric(let lower, let upper, let step):
      let steps = ((upper - lower) / step).floor
      return (Int(exactly: steps) ?? Int.max - 1) + 1
    }
  }

  /// The amount of option `i` of a numeric issue; the option's rank for the others.
  public func value(of option: Int) -> Rational {
    switch kind {
    case .categorical, .ordered: return Rational(option)
    case .numeric(let lower, _, let step): return lower + Rational(option) * step
    }
  }

  /// The option's label: its name, or the amount of a numeric issue.
  public func label(of option: Int) -> String {
    switch kind {
    case .categorical(let o), .ordered(let o): return o[option]
    case .numeric: return value(of: option).description
    }
  }

  /// The option labelled `label`, if any (for a numeric issue: the grid point equal to the
  /// amount).
  public func option(labelled label: String) -> Int? {
    switch kind {
    case .categorical(let o), .ordered(let o): return o.firstIndex(of: label)
    case .numeric(let lower, let upper, let step):
      guard let x = Rational(label), x >= lower, x <= upper else { return nil }
      let k = (x - lower) / step
      guard k.isInteger, let i = Int(exactly: k.numerator) else { return nil }
      return i
    }
  }

  /// The distance between two options scaled to [0, 1]: 0 or 1 for a categorical issue,
  /// |i − j| / (count − 1) for an ordered one, |x − y| / (upper − lower) for a numeric one.
  public func distance(_ i: Int, _ j: Int) -> Rational {
    if i == j { return .zero }
    switch kind {
    case .categorical: return .one
    case .ordered(let o):
      return o.count > 1 ? Rational(abs(i - j)) / Rational(o.count - 1) : .zero
    case .numeric(let lower, let upper, _):
      return upper > lower ? (value(of: i) - value(of: j)).magnitude / (upper - lower) : .zero
    }
  }
}

/// An actor's utility over one issue's options.
public enum IssueUtility: Sendable, Hashable {
  /// One value per option.
  case table([Rational])
  /// For a numeric issue: the piecewise-linear function through the points `(amount,
  /// utility)` (sorted by amount; constant beyond the first and last point).
  case piecewiseLinear([UtilityPoint])

  /// The utility of `option` of `issue`.
  public func value(option: Int, of issue: NegotiationIssue) -> Rational {
    switch self {
    case .table(let values): return values[option]
    case .piecewiseLinear(let points): return Self.interpolate(points, at: issue.value(of: option))
    }
  }

  /// The piecewise-linear interpolation of `points` at `x` (exact).
  public static func interpolate(_ points: [UtilityPoint], at x: Rational) -> Rational {
    guard let first = points.first, let last = points.last else { return .zero }
    if x <= first.amount { return first.utility }
    if x >= last.amount { return last.utility }
    for k in 1..<points.count where x <= points[k].amount {
      let (a, b) = (points[k - 1], points[k])
      if b.amount == a.amount { return b.utility }
      return a.utility + (b.utility - a.utility) * (x - a.amount) / (b.amount - a.amount)
    }
    return last.utility
  }
}

/// A point of a piecewise-linear utility function.
public struct UtilityPoint: Sendable, Hashable {
  public var amount: Rational
  public var utility: Rational
  public init(amount: Rational, utility: Rational) {
    self.amount = amount
    self.utility = utility
  }
}

/// A party to the negotiation.
public struct NegotiationActor: Sendable, Hashable {
  public var name: String
  /// Relative power (used by forecasting-style weightings and reported; not by the
  /// bargaining protocols unless a framework says so).
  public var capability: Rational
  /// δ ∈ (0, 1]: the factor by which a round of delay scales its surplus over disagreement.
  public var discount: Rational
  /// The probability of being recognised to propose in a round (summing to one over actors).
  public var recognition: Rational
  /// The utility of no agreement (the status quo).
  public var disagreement: Rational
  /// Salience weight per issue (in the model's issue order).
  public var salience: [Rational]
  /// Utility over each issue's options (in the model's issue order).
  public var utilities: [IssueUtility]
  /// Whether the actor can block any agreement (every framework that needs consent needs its).
  public var veto: Bool

  public init(
    name: String, capability: Rational = .one, discount: Rational = .one,
    recognition: Rational, disagreement: Rational, salience: [Rational],
    utilities: [IssueUtility], veto: Bool = true
  ) {
    self.name = name
    self.capability = capability
    self.discount = discount
    self.recognition = recognition
    self.disagreement = disagreement
    self.salience = salience
    self.utilities = utilities
    self.veto = veto
  }
}

/// Side payments one donor may make.
public struct TransferChannel: Sendable, Hashable {
  /// The payer: an actor's name, or an outside donor (whose own utility is not modelled).
  public var donor: String
  /// Who may receive (actor names); empty means any actor but the donor.
  public var recipients: [String]
  /// The most the donor may pay in all (utility units), ≥ 0.
  public var budget: Rational

  public init(donor: String, recipients: [String] = [], budget: Rational) {
    self.donor = donor
    self.recipients = recipients
    self.budget = budget
  }
}

/// How a model's numbers are scaled: stated, so that a reader can check it and a reader of
/// the results knows what "0.7" means.
public struct UtilityNormalisation: Sendable, Hashable {
  /// How salience weights are scaled.
  public enum Weights: String, Sendable, Hashable, CaseIterable {
    /// Each actor's weights sum to one (checked exactly).
    case sumToOne = "sum-to-one"
    /// Any non-negative weights.
    case raw
  }
  /// How option utilities are scaled.
  public enum Utilities: String, Sendable, Hashable, CaseIterable {
    /// Every option utility lies in [0, 1] (checked).
    case unitInterval = "unit-interval"
    /// Any values.
    case raw
  }
  public var weights: Weights
  public var utilities: Utilities
  /// Free text: what the scale means (e.g. "1 = the actor's best option on the issue").
  public var note: String

  public init(weights: Weights = .sumToOne, utilities: Utilities = .unitInterval, note: String = "")
  {
    self.weights = weights
    self.utilities = utilities
    self.note = note
  }
}

/// A deal: one option index per issue, in the model's issue order.
public struct Deal: Sendable, Hashable, Comparable {
  public var options: [Int]
  public init(_ options: [Int]) { self.options = options }
  public static func < (a: Deal, b: Deal) -> Bool { a.options.lexicographicallyPrecedes(b.options) }
}

/// A deal with a name, as declared in a model or defined in a session.
public struct NamedDeal: Sendable, Hashable {
  public var name: String
  public var deal: Deal
  public init(name: String, deal: Deal) {
    self.name = name
    self.deal = deal
  }
}

/// A mediator or arbitrator: how it picks a single text, and what it thinks fair.
public struct Mediator: Sendable, Hashable {
  /// How a mediator chooses its single-text proposal.
  public enum Rule: String, Sendable, Hashable, CaseIterable {
    /// The deal maximising the Nash product of gains over disagreement (among deals every
    /// party prefers to disagreement).
    case nashProduct = "nash-product"
    /// The deal nearest the mediator's ideal.
    case ideal
    /// The deal maximising the sum of utilities.
    case utilitarian
  }
  public var name: String
  public var rule: Rule
  /// The deal the mediator/arbitrator considers fair (its ideal point).
  public var ideal: Deal?
  /// Issue weights for distances between deals (salience-weighted distance), one per issue.
  public var weights: [Rational]
  /// The parties' uncertainty about the ideal: alternative ideals with probabilities. The
  /// stated `ideal` carries the remaining probability, 1 − Σ probabilities.
  public var uncertainty: [WeightedDeal]

  public init(
    name: String, rule: Rule = .nashProduct, ideal: Deal? = nil, weights: [Rational],
    uncertainty: [WeightedDeal] = []
  ) {
    self.name = name
    self.rule = rule
    self.ideal = ideal
    self.weights = weights
    self.uncertainty = uncertainty
  }

  /// The distribution of the ideal: the alternatives and the stated ideal with the rest of
  /// the probability (omitted when it is zero). Empty when there is no ideal.
  public var idealDistribution: [WeightedDeal] {
    guard let ideal else { return uncertainty }
    let rest = Rational.one - uncertainty.reduce(Rational.zero) { $0 + $1.probability }
    return (rest > .zero ? [WeightedDeal(deal: ideal, probability: rest)] : []) + uncertainty
  }

  /// The salience-weighted distance between two deals of `model`: `Σₖ wₖ · dₖ(xₖ, yₖ)`.
  public func distance(_ x: Deal, _ y: Deal, in model: NegotiationModel) -> Rational {
    var total = Rational.zero
    for k in model.issues.indices where weights[k] != .zero {
      total += weights[k] * model.issues[k].distance(x.options[k], y.options[k])
    }
    return total
  }
}

/// A deal with a probability.
public struct WeightedDeal: Sendable, Hashable {
  public var deal: Deal
  public var probability: Rational
  public init(deal: Deal, probability: Rational) {
    self.deal = deal
    self.probability = probability
  }
}
