// SPDX-License-Identifier: GPL-3.0-or-later

import GSLSupport
import GameCore

/// A path of a learning or evolutionary dynamic and where it ended.
public struct DynamicsResult<S: GameScalar>: Sendable {
  /// The times (continuous dynamics) or rounds (discrete ones) at which the state was
  /// recorded.
  public var times: [S]
  /// The state at each recorded time: every player's mixed strategy.
  public var path: [MixedProfile<S>]
  /// The last state.
  public var final: MixedProfile<S>
  /// The largest gain any player could make against the last state by a pure deviation
  /// (0 at a Nash equilibrium).
  public var finalRegret: S
  /// Whether the last state is a Nash equilibrium (regret 0, or within `tolerance`).
  public var endsAtEquilibrium: Bool
  /// The tolerance used for `endsAtEquilibrium` (0 when exact).
  public var tolerance: S
  public var method: String
  public var isExact: Bool
  public var parameters: [String: String]
  public var status: SolverStatus
  public var notes: [String]
}

/// The multi-population replicator dynamic of a normal-form game, integrated numerically.
///
/// Each player p is a population whose share playing s grows at the rate by which s's payoff
/// exceeds the population's average (Taylor & Jonker 1978; Weibull 1995, *Evolutionary Game
/// Theory*, §5.1): `ẋₚₛ = xₚₛ (uₚ(s, x₋ₚ) − uₚ(x))`. The simplex of each player is invariant,
/// faces included, so a start in the interior stays there. Steps:
/// 1. Start from the given interior profile (default: uniform).
/// 2. Integrate with GSL's adaptive Runge–Kutta Prince–Dormand (8, 9) driver
///    (``ODESolver``), recording the state at `samples` evenly spaced times up to `horizon`.
/// 3. Report the last state and its regret. Rest points of the dynamic include every Nash
///    equilibrium and every pure profile; a stable rest point is a Nash equilibrium
///    (Weibull 1995, Prop. 5.8), but the dynamic may cycle (matching pennies orbits its
///    equilibrium) — the result says whether the last state is one.
/// - Complexity: each right-hand-side evaluation costs O(n · P) for P pure profiles and n
///   players; the number of evaluations depends on the driver's step control.
public struct ReplicatorDynamics: Sendable {
  /// The time to integrate to.
  public var horizon: Double
  /// The number of recorded states after the start.
  public var samples: Int
  /// The tolerance on the regret for `endsAtEquilibrium`.
  public var tolerance: Double
  public var control: SolverControl

  public init(
    horizon: Double = 100, samples: Int = 20, tolerance: Double = 1e-6,
    control: SolverControl = .none
  ) {
    self.horizon = horizon
    self.samples = samples
    self.tolerance = tolerance
    self.control = control
  }

  /// Integrates the dynamic of `game` from `start` (uniform when `nil`).
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for a start that is not a profile of the
  ///   game or bad horizon/samples; ``SolverError/numerical(_:_:)`` if GSL's driver fails.
  public func solve(_ game: NormalFormGame<Double>, from start: MixedProfile<Double>? = nil)
    throws(SolverError) -> DynamicsResult<Double>
  {
    let op = "replicator"
    guard horizon > 0, horizon.isFinite else {
      throw .invalidArgument(op, "the horizon must be a positive number")
    }
    guard (1...100_000).contains(samples) else {
      throw .invalidArgument(op, "samples must be between 1 and 100000")
    }
    let shape = game.shape
    let initial = start ?? MixedProfile(shape.map { m in [Double](repeating: 1 / Double(m), count: m) })
    guard initial.probabilities.map(\.count) == shape, initial.isValid(tolerance: 1e-9) else {
      throw .invalidArgument(op, "the start is not a mixed profile of this game")
    }
    let offsets = shape.indices.map { p in shape[..<p].reduce(0, +) }
    let y0 = initial.probabilities.flatMap { $0 }
    let times = (1...samples).map { horizon * Double($0) / Double(samples) }
    let states: [[Double]]
    var stopped: SolverStatus? = nil
    do {
      states = try ODESolver.integrate(
        from: 0, y0, reporting: times,
        shouldStop: {
          if let s = control.stopReason() { stopped = s; return true }
          return false
        }
      ) { _, y, dy in
        let profile = MixedProfile(
          shape.indices.map { p in Array(y[offsets[p]..<(offsets[p] + shape[p])]) })
        for p in shape.indices {
          let values = game.strategyValues(of: p, against: profile)
          var average = 0.0
          for s in 0..<shape[p] { average += y[offsets[p] + s] * values[s] }
          for s in 0..<shape[p] {
            dy[offsets[p] + s] = y[offsets[p] + s] * (values[s] - average)
          }
        }
      }
    } catch {
      throw .numerical(op, "GSL's ODE driver failed: \(error)")
    }
    func profile(_ y: [Double]) -> MixedProfile<Double> {
      // Renormalise away the integrator's drift off the simplex.
      MixedProfile(
        shape.indices.map { p in
          let part = y[offsets[p]..<(offsets[p] + shape[p])].map { max($0, 0) }
          let total = part.reduce(0, +)
          return total > 0 ? part.map { $0 / total } : part
        })
    }
    let path = [initial] + states.map(profile)
    let last = path.last!
    let regret = game.maxRegret(at: last)
    return DynamicsResult(
      times: [0] + times.prefix(states.count), path: path, final: last, finalRegret: regret,
      endsAtEquilibrium: regret <= tolerance, tolerance: tolerance, method: op,
      isExact: false,
      parameters: [
        "horizon": "\(horizon)", "samples": "\(samples)",
        "integrator": "GSL rk8pd, abs/rel tolerance 1e-10",
      ],
      status: stopped ?? .complete,
      notes: regret <= tolerance
        ? [] : ["the last state is not a Nash equilibrium (regret \(regret))"])
  }
}
