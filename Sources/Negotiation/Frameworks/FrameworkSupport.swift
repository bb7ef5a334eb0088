// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import LPSupport

// Internal pieces shared by the negotiation frameworks: expected utilities of a lottery,
// merging lotteries, assembling a FrameworkOutcome, and checking a model's mediator.

enum FrameworkSupport {
  /// Every actor's expected utility (before transfers) for `lottery`, exactly.
  static func expectedUtilities(of lottery: [WeightedDeal], in space: DealSpace) -> [Rational] {
    var total = [Rational](repeating: .zero, count: space.actorCount)
    for term in lottery {
      let index = space.index(of: term.deal)
      for a in 0..<space.actorCount {
        total[a] += term.probability * space.utility(of: a, at: index)
      }
    }
    return total
  }

  /// Merges terms with the same deal, drops zero terms and sorts by deal numbering.
  static func normalised(_ terms: [(deal: Int, probability: Rational)], in space: DealSpace)
    -> [WeightedDeal]
  {
    var sum = [Int: Rational]()
    for t in terms where t.probability != .zero { sum[t.deal, default: .zero] += t.probability }
    return sum.keys.sorted().compactMap { d in
      sum[d]! == .zero ? nil : WeightedDeal(deal: space.deal(at: d), probability: sum[d]!)
    }
  }

  /// Checks that a lottery's probabilities are non-negative and sum to one.
  static func checkLottery(_ lottery: [WeightedDeal], operation: String) throws(SolverError) {
    var total = Rational.zero
    for t in lottery {
      guard t.probability >= .zero else {
        throw .numerical(operation, "internal check failed: a negative lottery probability")
      }
      total += t.probability
    }
    guard total == Rational(1) else {
      throw .numerical(operation, "internal check failed: lottery probabilities sum to \(total)")
    }
  }

  /// The outcome for an agreement on `lottery` (probability one, no delay unless given).
  static func agreement(
    framework: String, lottery: [WeightedDeal], payoffs: [Rational]? = nil,
    expectedDelay: Rational? = .zero, pivotal: [String], method: String, isExact: Bool,
    parameters: [String: String], status: SolverStatus = .complete, notes: [String],
    space: DealSpace, analysis: DealSpaceAnalysis, operation: String
  ) throws(SolverError) -> FrameworkOutcome {
    try checkLottery(lottery, operation: operation)
    let u = payoffs ?? expectedUtilities(of: lottery, in: space)
    let d = space.model.disagreement
    return FrameworkOutcome(
      framework: framework, agreementProbability: Rational(1), lottery: lottery, payoffs: u,
      expectedDelay: expectedDelay, nashProduct: FrameworkOutcome.nashProduct(u, over: d),
      isParetoOptimal: try analysis.isParetoOptimalAmongLotteries(u, in: space),
      pivotal: pivotal, method: method, isExact: isExact, parameters: parameters,
      status: status, notes: notes)
  }

  /// The outcome when no agreement is reached: everyone keeps its disagreement payoff.
  static func noAgreement(
    framework: String, pivotal: [String], method: String, parameters: [String: String],
    notes: [String], space: DealSpace, analysis: DealSpaceAnalysis
  ) throws(SolverError) -> FrameworkOutcome {
    let d = space.model.disagreement
    return FrameworkOutcome(
      framework: framework, agreementProbability: .zero, lottery: [], payoffs: d,
      expectedDelay: nil, nashProduct: FrameworkOutcome.nashProduct(d, over: d),
      isParetoOptimal: try analysis.isParetoOptimalAmongLotteries(d, in: space),
      pivotal: pivotal, method: method, isExact: true, parameters: parameters, notes: notes)
  }

  /// The model's mediator, or an error naming `operation`.
  static func mediator(of model: NegotiationModel, operation: String) throws(SolverError)
    -> Mediator
  {
    guard let mediator = model.mediator else {
      throw .invalidArgument(operation, "the model has no mediator (add a `mediator:` section)")
    }
    guard mediator.weights.count == model.issues.count else {
      throw .invalidArgument(
        operation,
        "the mediator has \(mediator.weights.count) issue weights for \(model.issues.count) "
          + "issues")
    }
    return mediator
  }

  /// The mediator's ideal distribution, checked: non-empty, valid deals, non-negative
  /// probabilities summing to one.
  static func idealDistribution(of mediator: Mediator, in space: DealSpace, operation: String)
    throws(SolverError) -> [WeightedDeal]
  {
    let distribution = mediator.idealDistribution
    guard !distribution.isEmpty else {
      throw .invalidArgument(
        operation, "the mediator \(mediator.name) states no ideal and no uncertainty about it")
    }
    var total = Rational.zero
    for term in distribution {
      guard term.deal.options.count == space.radices.count,
        zip(term.deal.options, space.radices).allSatisfy({ $0 >= 0 && $0 < $1 })
      else {
        throw .invalidArgument(operation, "the mediator's ideal \(term.deal.options) is no deal")
      }
      guard term.probability >= .zero else {
        throw .invalidArgument(operation, "the mediator's uncertainty has a negative probability")
      }
      total += term.probability
    }
    guard total == Rational(1) else {
      throw .invalidArgument(
        operation, "the probabilities of the mediator's ideals sum to \(total), not 1")
    }
    return distribution
  }

  /// The names of `actors` (indices), in model order.
  static func names(_ actors: [Int], in model: NegotiationModel) -> [String] {
    actors.sorted().map { model.actors[$0].name }
  }
}

extension FrameworkSupport {
  /// `analysis`, or a fresh analysis of `space`.
  static func analyse(_ space: DealSpace, _ analysis: DealSpaceAnalysis?, _ control: SolverControl)
    throws(SolverError) -> DealSpaceAnalysis
  {
    if let analysis { return analysis }
    return try DealSpaceAnalysis(space, control: control)
  }
}
