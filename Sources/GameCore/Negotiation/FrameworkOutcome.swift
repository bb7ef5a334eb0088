// SPDX-License-Identifier: GPL-3.0-or-later

/// What a negotiation framework predicts for a ``NegotiationModel``: one row of `compare`.
///
/// Every framework (unanimity bargaining, a quota, bilateral bargaining, mediation,
/// final-offer and conventional arbitration) fills the same fields, so frameworks can be set
/// side by side on the same deal space. Payoffs are expected utilities including transfers and
/// the cost of delay (a payoff after t rounds of delay is `d + δᵗ(u − d)`), so they compare
/// with the disagreement payoffs directly.
public struct FrameworkOutcome: Sendable, Hashable {
  /// The framework as written on the command line: `unanimity`, `quota=5`,
  /// `bilateral=United States,North Korea`, `mediation`, `final-offer=North Korea`,
  /// `conventional`.
  public var framework: String
  /// The probability that an agreement is reached (1 for a deterministic agreement).
  public var agreementProbability: Rational
  /// The deal, or the lottery over deals, reached on agreement (probabilities conditional on
  /// agreement, summing to one); empty when there is no agreement.
  public var lottery: [WeightedDeal]
  /// Every actor's expected payoff (model actor order).
  public var payoffs: [Rational]
  /// The expected number of rounds before agreement (0 = immediate); `nil` when the framework
  /// has no notion of rounds.
  public var expectedDelay: Rational?
  /// The Nash product Πᵢ (payoffᵢ − dᵢ), or `nil` when some payoff falls below its
  /// disagreement value (the product of gains is then not meaningful).
  public var nashProduct: Rational?
  /// Whether the outcome is Pareto optimal among all lotteries over deals (no lottery gives
  /// every actor at least as much and one more).
  public var isParetoOptimal: Bool
  /// Actors whose consent binds: their acceptance constraint holds with equality, or they
  /// hold a veto that the outcome has to satisfy (names, model order).
  public var pivotal: [String]
  /// Transfers made as part of the outcome, if the framework uses them: (donor, recipient,
  /// amount).
  public var transfers: [Transfer]
  /// How the outcome was computed.
  public var method: String
  /// Whether the figures are exact.
  public var isExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// Remarks for reports (e.g. "no deal is acceptable to every party").
  public var notes: [String]

  public init(
    framework: String, agreementProbability: Rational, lottery: [WeightedDeal],
    payoffs: [Rational], expectedDelay: Rational?, nashProduct: Rational?,
    isParetoOptimal: Bool, pivotal: [String], transfers: [Transfer] = [], method: String,
    isExact: Bool, parameters: [String: String] = [:], status: SolverStatus = .complete,
    notes: [String] = []
  ) {
    self.framework = framework
    self.agreementProbability = agreementProbability
    self.lottery = lottery
    self.payoffs = payoffs
    self.expectedDelay = expectedDelay
    self.nashProduct = nashProduct
    self.isParetoOptimal = isParetoOptimal
    self.pivotal = pivotal
    self.transfers = transfers
    self.method = method
    self.isExact = isExact
    self.parameters = parameters
    self.status = status
    self.notes = notes
  }

  /// A side payment.
  public struct Transfer: Sendable, Hashable {
    public var donor: String
    public var recipient: String
    public var amount: Rational
    public init(donor: String, recipient: String, amount: Rational) {
      self.donor = donor
      self.recipient = recipient
      self.amount = amount
    }
  }

  /// The Nash product of `payoffs` over `disagreement`, or `nil` if a gain is negative.
  public static func nashProduct(_ payoffs: [Rational], over disagreement: [Rational])
    -> Rational?
  {
    var product = Rational.one
    for i in payoffs.indices {
      let gain = payoffs[i] - disagreement[i]
      if gain < .zero { return nil }
      product *= gain
    }
    return product
  }
}
