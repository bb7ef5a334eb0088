// SPDX-License-Identifier: GPL-3.0-or-later

/// How a computation ended.
public enum SolverStatus: Hashable, Sendable, CustomStringConvertible {
  /// The method ran to completion: every object it promises was found.
  case complete
  /// The method stopped after reporting the requested number of objects.
  case stoppedAfter(Int)
  /// A pivoting method reached its pivot limit.
  case pivotLimit(Int)
  /// The time limit elapsed; what was found so far is reported.
  case timeLimit
  /// The computation was cancelled; what was found so far is reported.
  case cancelled

  public var description: String {
    switch self {
    case .complete: return "complete"
    case .stoppedAfter(let n): return "stopped after \(n)"
    case .pivotLimit(let n): return "pivot limit \(n) reached"
    case .timeLimit: return "time limit reached"
    case .cancelled: return "cancelled"
    }
  }
}

/// What a Nash solver found, with the provenance a published table needs.
///
/// Modelled on pygambit's `NashComputationResult` and QuantEcon's `NashResult`: the method,
/// whether arithmetic was exact, the parameters used and how the run ended travel with the
/// equilibria. Every profile in ``equilibria`` has been verified by the solver (zero regret in
/// exact arithmetic, regret within ``tolerance`` otherwise) before it is returned.
public struct SolverResult<S: GameScalar>: Sendable {
  /// The equilibria found, in the order the method found them.
  public var equilibria: [MixedProfile<S>]
  /// The method's short name, e.g. `"enummixed"`.
  public var method: String
  /// Whether the computation was carried out in exact arithmetic.
  public var isExact: Bool
  /// The parameters the method ran with, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// The tolerance used to verify each equilibrium (zero when exact).
  public var tolerance: S
  /// Values of the game, for methods that compute one (a zero-sum game's value to player 1).
  public var gameValue: S?
  /// Remarks on the run (e.g. the game was degenerate), for reports.
  public var notes: [String]

  public init(
    equilibria: [MixedProfile<S>], method: String, parameters: [String: String] = [:],
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

/// A method that computes Nash equilibria of a normal-form game.
public protocol NashSolver: Sendable {
  /// The short name used on the command line and in reports (`"enummixed"`).
  var name: String { get }
  /// Computes equilibria of `game`; every returned profile is verified.
  func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError) -> SolverResult<S>
}
