// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import LPSupport

/// A correlated equilibrium: a distribution over pure profiles from which no player, told
/// only its own recommended strategy, gains by deviating.
public struct CorrelatedEquilibriumResult: Sendable {
  /// The probability of each pure profile, in the game's profile-index order.
  public var distribution: [Rational]
  /// Every player's expected payoff under the distribution.
  public var payoffs: [Rational]
  /// The objective the LP optimised, and its value.
  public var objective: CorrelatedEquilibrium.Objective
  public var objectiveValue: Rational
  /// The largest gain any player could make by deviating from a recommendation (exactly 0
  /// when verified).
  public var maxIncentiveViolation: Rational
  /// How the result was found.
  public var method: String
  /// Whether arithmetic was exact (always: the LP is solved over rationals).
  public var isExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// Remarks for reports.
  public var notes: [String]

  /// The profiles with positive probability, as (profile index, probability).
  public var support: [(profile: Int, probability: Rational)] {
    distribution.indices.filter { distribution[$0] > 0 }.map { ($0, distribution[$0]) }
  }
}

/// Correlated equilibria of an n-player normal-form game by linear programming (Aumann 1974,
/// "Subjectivity and correlation in randomized strategies"; the LP formulation as in Nisan et
/// al. 2007, *Algorithmic Game Theory*, §2.7, and Papadimitriou & Roughgarden 2008).
///
/// A distribution x over pure profiles is a correlated equilibrium iff for every player i and
/// every pair of its strategies s ≠ s′,
/// `Σ_{t₋ᵢ} x(s, t₋ᵢ) · (uᵢ(s, t₋ᵢ) − uᵢ(s′, t₋ᵢ)) ≥ 0`:
/// told to play s, i cannot gain by switching to s′. These constraints with `x ≥ 0`,
/// `Σ x = 1` describe a polytope; the solver maximises a linear objective over it (total
/// payoff by default, or one player's payoff, or minimises one player's payoff). Steps:
/// 1. Build the LP: one variable per profile, Σᵢ mᵢ(mᵢ − 1) incentive rows.
/// 2. Solve exactly (GLPK's basis re-solved over rationals by LPSupport).
/// 3. Verify over rationals: x is a distribution and every incentive constraint holds; the
///    largest violation is reported (zero) and anything else is an error.
/// The set of correlated equilibria contains every Nash equilibrium, so the LP is feasible.
/// - Complexity: one LP with P = Πᵢ mᵢ variables and Σᵢ mᵢ(mᵢ − 1) rows, each row with P/mᵢ
///   nonzeros; O(P · Σᵢ mᵢ) to build and to verify. Refused above `maxProfiles`.
public struct CorrelatedEquilibrium: Sendable {
  /// What the LP optimises.
  public enum Objective: Sendable, Hashable, CustomStringConvertible {
    /// Maximise the sum of the players' expected payoffs.
    case welfare
    /// Maximise one player's expected payoff.
    case maximize(player: Int)
    /// Minimise one player's expected payoff.
    case minimize(player: Int)

    public var description: String {
      switch self {
      case .welfare: return "max welfare"
      case .maximize(let p): return "max payoff of player \(p + 1)"
      case .minimize(let p): return "min payoff of player \(p + 1)"
      }
    }
  }

  public var objective: Objective
  public var control: SolverControl
  /// The largest game accepted (profiles).
  public var maxProfiles: Int

  public init(objective: Objective = .welfare, control: SolverControl = .none, maxProfiles: Int = 20_000) {
    self.objective = objective
    self.control = control
    self.maxProfiles = maxProfiles
  }

  /// A correlated equilibrium of `game` optimising ``objective``.
  /// - Throws: ``SolverError`` when the game is too large, the player index is out of range,
  ///   or the LP fails or is interrupted.
  public func solve(_ game: NormalFormGame<Rational>) throws(SolverError)
    -> CorrelatedEquilibriumResult
  {
    let op = "ce"
    let n = game.playerCount
    let count = game.profileCount
    guard count <= maxProfiles else {
      throw .limitExceeded(op, "\(count) profiles; the limit is \(maxProfiles)")
    }
    switch objective {
    case .maximize(let p), .minimize(let p):
      guard (0..<n).contains(p) else {
        throw .invalidArgument(op, "player \(p + 1) is not in a \(n)-player game")
      }
    case .welfare: break
    }
    var costs = [Rational](repeating: 0, count: count)
    for x in 0..<count {
      switch objective {
      case .welfare: for p in 0..<n { costs[x] += game.payoffs[p][x] }
      case .maximize(let p): costs[x] = game.payoffs[p][x]
      case .minimize(let p): costs[x] = game.payoffs[p][x]
      }
    }
    var sense = LinearProgram.Sense.maximize
    if case .minimize = objective { sense = .minimize }
    var lp = LinearProgram(sense, objective: costs)
    for p in 0..<n {
      for row in incentiveRows(game, player: p) {
        lp.addConstraint(row, .greaterOrEqual, 0)
      }
    }
    lp.addConstraint([Rational](repeating: 1, count: count), .equal, 1)
    for x in 0..<count { lp.setBounds(of: x, lower: 0, upper: nil) }
    let solution: LPSolution<Rational>
    do {
      solution = try lp.solveExact(control: control)
    } catch {
      if let status = error.solverStatus, error.isInterruption {
        throw .cancelled("\(op) (\(status))")
      }
      throw .numerical(op, "the LP failed: \(error)")
    }
    guard solution.status == .optimal else {
      throw .numerical(op, "the LP ended \(solution.status); a correlated equilibrium always exists")
    }
    let x = solution.values
    // Verification, exactly.
    guard x.allSatisfy({ $0 >= 0 }), x.reduce(0, +) == 1 else {
      throw .numerical(op, "the LP's answer is not a probability distribution")
    }
    var worst = Rational(0)
    for p in 0..<n {
      for row in incentiveRows(game, player: p) {
        var slack = Rational(0)
        for k in 0..<count where row[k] != 0 { slack += row[k] * x[k] }
        if -slack > worst { worst = -slack }
      }
    }
    guard worst == 0 else {
      throw .numerical(op, "a player gains \(worst) by deviating; not an equilibrium")
    }
    let payoffs = (0..<n).map { p in
      (0..<count).reduce(Rational(0)) { $0 + x[$1] * game.payoffs[p][$1] }
    }
    return CorrelatedEquilibriumResult(
      distribution: x, payoffs: payoffs, objective: objective,
      objectiveValue: solution.objectiveValue ?? 0, maxIncentiveViolation: worst,
      method: op, isExact: true,
      parameters: ["objective": objective.description, "lp": "exact simplex (GLPK warm start)"],
      status: .complete,
      notes: [])
  }

  /// Player p's incentive rows: for each ordered pair (s, s′), s ≠ s′, the coefficients
  /// uₚ(s, t₋ₚ) − uₚ(s′, t₋ₚ) on the profiles where p plays s (zero elsewhere).
  func incentiveRows(_ game: NormalFormGame<Rational>, player p: Int) -> [[Rational]] {
    let m = game.strategies[p].count
    let stride = game.stride(of: p)
    var rows = [[Rational]]()
    for s in 0..<m {
      for t in 0..<m where t != s {
        var row = [Rational](repeating: 0, count: game.profileCount)
        for x in 0..<game.profileCount where (x / stride) % m == s {
          let deviation = x + (t - s) * stride
          row[x] = game.payoffs[p][x] - game.payoffs[p][deviation]
        }
        rows.append(row)
      }
    }
    return rows
  }
}
