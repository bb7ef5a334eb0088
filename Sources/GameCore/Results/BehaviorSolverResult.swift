// SPDX-License-Identifier: GPL-3.0-or-later

/// What an extensive-form solver found: equilibria in behaviour strategies, with the same
/// provenance as ``SolverResult`` (method, exactness, parameters, status).
///
/// Every profile in ``equilibria`` has been verified by the solver in the tree (each player's
/// best-response value equals their expected payoff — exactly in exact arithmetic, within
/// ``tolerance`` otherwise) before it is returned.
public struct BehaviorSolverResult<S: GameScalar>: Sendable {
  /// The equilibria found, in the order the method found them.
  public var equilibria: [BehaviorProfile<S>]
  /// The method's short name, e.g. `"seqform"`.
  public var method: String
  /// Whether the computation was carried out in exact arithmetic.
  public var isExact: Bool
  /// The parameters the method ran with, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// The tolerance used to verify each equilibrium (zero when exact).
  public var tolerance: S
  /// The game's value to player 1, for methods that compute one (zero-sum trees).
  public var gameValue: S?
  /// Remarks on the run, for reports.
  public var notes: [String]

  public init(
    equilibria: [BehaviorProfile<S>], method: String, parameters: [String: String] = [:],
    status: SolverStatus = .complete, tolerance: S = .defaultTolerance, gameValue: S? = nil,
    notes: [String] = []
  ) {
    self.equilibria = equilibria
    self.method = method
    self.isExact = S.isExact
    self.parameters = parameters
    self.status = status
    self.tolerance = tolerance
    self.gameValue = gameValue
    self.notes = notes
  }
}
