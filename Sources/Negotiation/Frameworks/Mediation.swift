// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import GameSolvers
import LPSupport

/// Single-text mediation: the model's mediator proposes one text, adopted only if every party
/// strictly prefers it to disagreement.
///
/// The mediator's rule (``Mediator/Rule``) picks the text (Raiffa 1982, ch. 14 on the
/// single negotiating text; Nash 1950 for the product rule):
/// - `nash-product`: the lottery over deals maximising Πᵢ (uᵢ − dᵢ) over all actors, found by
///   ``NashBargainingSolution`` on the utility vectors of the Pareto deals (the optimum of an
///   increasing function over the hull lies on the hull's Pareto frontier, which lotteries
///   over Pareto deals span). Exact for two actors and whenever the optimum is a vertex or
///   lies on a facet; otherwise floating point (then the lottery is rounded to rationals
///   summing to one and the payoffs are its exact expected utilities). An exact LP first
///   checks that some lottery gives everyone strictly more than disagreement.
/// - `ideal`: the deal nearest the mediator's ideal (``Mediator/distance(_:_:in:)``) among the
///   deals every party strictly prefers to disagreement (the zone of agreement); ties go to
///   the first deal in numbering.
/// - `utilitarian`: the deal with the largest utility sum over all deals (ties: a deal in the
///   zone of agreement first, then the first in numbering). The mediator does not screen it,
///   so the adoption test below may fail.
///
/// Adoption: every actor (veto holder or not) must strictly prefer the text to its
/// disagreement payoff; otherwise there is no agreement (probability 0, payoffs = the
/// disagreement point) and a note names who would refuse, marking veto holders. Pivotal
/// actors: on agreement, those whose gain over disagreement is smallest (exact ties); without
/// agreement, those who refuse.
/// - Complexity: O(D · n) to screen D deals, plus the Nash solver over the P Pareto deals.
public struct Mediation: Sendable {
  /// Limits honoured between phases.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// The mediator's proposal and whether it is adopted.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` naming `mediation` when the model has
  ///   no mediator, the rule is `ideal` but no ideal deal is stated, or the `nash-product`
  ///   rule is used with one actor.
  public func solve(_ space: DealSpace, analysis: DealSpaceAnalysis? = nil)
    throws(SolverError) -> FrameworkOutcome
  {
    let op = "mediation"
    let model = space.model
    let mediator = try FrameworkSupport.mediator(of: model, operation: op)
    let analysis = try FrameworkSupport.analyse(space, analysis, control)
    let n = space.actorCount
    let d = model.disagreement
    var parameters = ["mediator": mediator.name, "rule": mediator.rule.rawValue]
    var notes = [String]()
    var lottery: [WeightedDeal]
    var method: String
    var isExact = true
    switch mediator.rule {
    case .nashProduct:
      guard n >= 2 else {
        throw .invalidArgument(op, "the nash-product rule needs at least two actors")
      }
      let pareto = analysis.paretoSet
      parameters["candidates"] = "lotteries over the \(pareto.count) Pareto deals"
      guard try Self.hasStrictlyRationalLottery(space, deals: pareto) else {
        return try FrameworkSupport.noAgreement(
          framework: op, pivotal: [], method: "Nash product over lotteries",
          parameters: parameters,
          notes: ["no lottery gives every party strictly more than disagreement"],
          space: space, analysis: analysis)
      }
      let problem = try BargainingProblem<Rational>(
        deals: pareto.map { Array(space.utilities(at: $0)) }, disagreement: d, lotteries: true)
      let nash = try NashBargainingSolution(control: control).solve(problem)
      let total = nash.lottery.reduce(Rational.zero) { $0 + $1.weight }
      guard total > .zero else { throw .numerical(op, "the Nash solver returned no lottery") }
      lottery = FrameworkSupport.normalised(
        nash.lottery.map { (pareto[$0.deal], $0.weight / total) }, in: space)
      isExact = nash.isExact
      method = "Nash product over lotteries (NashBargainingSolution: \(nash.method))"
      if !nash.isExact {
        notes.append(
          "the Nash optimum is irrational here: the floating-point lottery, rounded to "
            + "rationals, is reported with its exact expected utilities")
      }
      notes += nash.notes
      if nash.status != .complete { notes.append("Nash solver: \(nash.status)") }
    case .ideal:
      guard let ideal = mediator.ideal else {
        throw .invalidArgument(op, "the mediator's rule is `ideal` but it states no ideal deal")
      }
      guard ideal.options.count == space.radices.count,
        zip(ideal.options, space.radices).allSatisfy({ $0 >= 0 && $0 < $1 })
      else {
        throw .invalidArgument(op, "the mediator's ideal \(ideal.options) is no deal of the model")
      }
      let zone = analysis.zoneOfAgreement
      guard let first = zone.first else {
        let refusing = (0..<n).filter {
          space.utility(of: $0, at: space.index(of: ideal)) <= d[$0]
        }
        return try FrameworkSupport.noAgreement(
          framework: op, pivotal: FrameworkSupport.names(refusing, in: model),
          method: "nearest deal to the mediator's ideal", parameters: parameters,
          notes: [
            "no deal is acceptable to every party; the ideal itself would be refused by "
              + Self.describe(refusing, in: model)
          ], space: space, analysis: analysis)
      }
      var best = first
      var bestDistance = mediator.distance(space.deal(at: first), ideal, in: model)
      for deal in zone.dropFirst() {
        let distance = mediator.distance(space.deal(at: deal), ideal, in: model)
        if distance < bestDistance {
          best = deal
          bestDistance = distance
        }
      }
      lottery = [WeightedDeal(deal: space.deal(at: best), probability: Rational(1))]
      method = "nearest deal to the mediator's ideal in the zone of agreement"
      parameters["ideal"] = model.describe(ideal)
      parameters["distance"] = bestDistance.description
    case .utilitarian:
      var best = 0
      var bestSum = Rational.zero
      var bestInZone = false
      for deal in 0..<space.count {
        var sum = Rational.zero
        var inZone = true
        for a in 0..<n {
          let u = space.utility(of: a, at: deal)
          sum += u
          if u <= d[a] { inZone = false }
        }
        if deal == 0 || sum > bestSum || (sum == bestSum && inZone && !bestInZone) {
          best = deal
          bestSum = sum
          bestInZone = inZone
        }
      }
      lottery = [WeightedDeal(deal: space.deal(at: best), probability: Rational(1))]
      method = "deal with the largest utility sum"
      parameters["utility sum"] = bestSum.description
    }
    if let stop = control.stopReason() { throw .cancelled("\(op) (\(stop))") }
    // Adoption: everyone strictly gains.
    let payoffs = FrameworkSupport.expectedUtilities(of: lottery, in: space)
    let refusing = (0..<n).filter { payoffs[$0] <= d[$0] }
    if !refusing.isEmpty {
      return try FrameworkSupport.noAgreement(
        framework: op, pivotal: FrameworkSupport.names(refusing, in: model), method: method,
        parameters: parameters,
        notes: notes + [
          "the mediator's text (\(Self.describe(lottery, in: model))) would be refused by "
            + Self.describe(refusing, in: model)
        ], space: space, analysis: analysis)
    }
    let gains = (0..<n).map { payoffs[$0] - d[$0] }
    let smallest = gains.min()!
    return try FrameworkSupport.agreement(
      framework: op, lottery: lottery, payoffs: payoffs, expectedDelay: .zero,
      pivotal: (0..<n).filter { gains[$0] == smallest }.map { model.actors[$0].name },
      method: method, isExact: isExact, parameters: parameters, notes: notes, space: space,
      analysis: analysis, operation: op)
  }

  /// Whether some lottery over `deals` gives every actor strictly more than disagreement:
  /// max t subject to Σⱼ λⱼ uᵢⱼ − t ≥ dᵢ, Σ λ = 1, λ, t ≥ 0 (exact LP), and t > 0.
  static func hasStrictlyRationalLottery(_ space: DealSpace, deals: [Int]) throws(SolverError)
    -> Bool
  {
    let n = space.actorCount
    let m = deals.count
    let d = space.model.disagreement
    var lp = LinearProgram(
      .maximize, objective: [Rational](repeating: .zero, count: m) + [Rational(1)])
    for a in 0..<n {
      var row = deals.map { space.utility(of: a, at: $0) }
      row.append(Rational(-1))
      lp.addConstraint(row, .greaterOrEqual, d[a])
    }
    lp.addConstraint(
      [Rational](repeating: Rational(1), count: m) + [Rational.zero], .equal, Rational(1))
    let solution: LPSolution<Rational>
    do {
      solution = try lp.solveExact()
    } catch {
      throw .numerical("mediation", "the individual-rationality LP failed: \(error)")
    }
    guard solution.status == .optimal, let t = solution.objectiveValue else { return false }
    return t > .zero
  }

  static func describe(_ actors: [Int], in model: NegotiationModel) -> String {
    actors.map { model.actors[$0].name + (model.actors[$0].veto ? " (veto)" : "") }
      .joined(separator: ", ")
  }

  static func describe(_ lottery: [WeightedDeal], in model: NegotiationModel) -> String {
    lottery.map { term in
      term.probability == Rational(1)
        ? model.describe(term.deal) : "\(term.probability): \(model.describe(term.deal))"
    }.joined(separator: "; ")
  }
}
