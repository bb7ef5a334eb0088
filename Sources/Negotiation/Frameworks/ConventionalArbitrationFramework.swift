// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// Conventional arbitration over deals: the arbitrator imposes its own ideal.
///
/// The parties do not know the ideal exactly, so the award is the lottery
/// ``Mediator/idealDistribution`` (the stated ideal with the probability left over by the
/// alternatives; Farber & Katz 1979; Farber 1980, §II). Every actor's payoff is its exact
/// expected utility under that lottery; agreement probability 1 (the award binds), no delay,
/// no pivotal actors (no one's consent is needed). Risk-neutral actors: the scalar analysis
/// of risk attitudes and contract zones is ``ConventionalArbitration`` in GameSolvers.
/// - Complexity: O(K · n) for K possible ideals and n actors, plus the Pareto LP.
public struct ConventionalArbitrationFramework: Sendable {
  /// Limits honoured by the deal-space analysis.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// The imposed award lottery and its expected utilities.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` naming `conventional` when the model has
  ///   no mediator, no ideal, or probabilities that do not sum to one.
  public func solve(_ space: DealSpace, analysis: DealSpaceAnalysis? = nil)
    throws(SolverError) -> FrameworkOutcome
  {
    let op = "conventional"
    let model = space.model
    let mediator = try FrameworkSupport.mediator(of: model, operation: op)
    let ideals = try FrameworkSupport.idealDistribution(of: mediator, in: space, operation: op)
    let analysis = try FrameworkSupport.analyse(space, analysis, control)
    let lottery = FrameworkSupport.normalised(
      ideals.map { (space.index(of: $0.deal), $0.probability) }, in: space)
    let d = model.disagreement
    let payoffs = FrameworkSupport.expectedUtilities(of: lottery, in: space)
    let losing = (0..<space.actorCount).filter { payoffs[$0] < d[$0] }
    var notes = [String]()
    if !losing.isEmpty {
      notes.append(
        "worse off than disagreement: "
          + FrameworkSupport.names(losing, in: model)
          .joined(separator: ", "))
    }
    return try FrameworkSupport.agreement(
      framework: op, lottery: lottery, payoffs: payoffs, expectedDelay: .zero, pivotal: [],
      method: "the arbitrator imposes its ideal (exact expected utilities)", isExact: true,
      parameters: ["arbitrator": mediator.name, "possible ideals": String(ideals.count)],
      notes: notes, space: space, analysis: analysis, operation: op)
  }
}
