// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// One deal as every actor sees it: utility, disagreement payoff, surplus, whether it accepts,
/// whether it can and does block the deal, and the cheapest transfers that would make the
/// deal acceptable to all.
///
/// An actor *accepts* when its utility for the deal is at least its disagreement payoff plus
/// the margin (weakly, as ``CheapestTransfers`` requires); a veto player that does not accept
/// *blocks*. A deal is accepted as it stands when the required actors (every actor for
/// unanimity; for a quota, at least K actors including every veto player) accept it. The
/// incentive is ``CheapestTransfers`` on the same deal and requirement: the least total side
/// payment over the model's transfer channels, within their budgets.
///
/// - Complexity: O(actors × issues) for the utilities, plus one ``CheapestTransfers`` solve
///   (one exact LP for unanimity).
public struct DealEvaluation: Sendable {
  /// One actor's view of the deal.
  public struct Actor: Sendable, Hashable {
    public var name: String
    /// Utility for the deal before transfers.
    public var utility: Rational
    public var disagreement: Rational
    /// `utility − disagreement`.
    public var surplus: Rational
    /// `utility ≥ disagreement + margin`.
    public var accepts: Bool
    /// Whether the actor holds a veto.
    public var veto: Bool
    /// A veto player that does not accept.
    public var blocks: Bool { veto && !accepts }
  }

  /// The actors, in the model's order.
  public var actors: [Actor]
  /// Whether the deal is accepted without transfers under the requirement.
  public var acceptedAsItStands: Bool
  /// The cheapest transfers that make it acceptable (zero when it already is).
  public var incentive: CheapestTransfers.Result

  /// Evaluates `deal` of `model` under `requirement` (every required gain at least `margin`).
  ///
  /// - Throws: what ``CheapestTransfers/solve(_:deal:control:)`` throws.
  public init(
    _ model: NegotiationModel, deal: Deal,
    requirement: CheapestTransfers.Requirement = .unanimity, margin: Rational = 0,
    control: SolverControl = .none
  ) throws(SolverError) {
    let solver = CheapestTransfers(requirement: requirement, margin: margin)
    incentive = try solver.solve(model, deal: deal, control: control)
    let utilities = model.utilities(for: deal)
    actors = model.actors.indices.map { i in
      let a = model.actors[i]
      return Actor(
        name: a.name, utility: utilities[i], disagreement: a.disagreement,
        surplus: utilities[i] - a.disagreement,
        accepts: utilities[i] >= a.disagreement + margin, veto: a.veto)
    }
    let accepting = actors.filter(\.accepts).count
    switch requirement {
    case .unanimity:
      acceptedAsItStands = accepting == actors.count
    case .quota(let k):
      acceptedAsItStands = !actors.contains(where: \.blocks) && accepting >= k
    }
  }

  /// The names of the veto players that block the deal.
  public var blockers: [String] { actors.filter(\.blocks).map(\.name) }
}
