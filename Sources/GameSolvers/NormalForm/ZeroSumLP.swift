// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import LPSupport

/// Solves a two-player zero-sum (or constant-sum) game by linear programming: the value and a
/// maximin strategy for each player.
///
/// By von Neumann's minimax theorem the row player's maximin payoff equals the column player's
/// minimax loss, and a pair of optimal strategies is a Nash equilibrium (Osborne & Rubinstein
/// 1994, §2.5, Prop. 22.2; Maschler, Solan & Zamir 2013, ch. 5). Steps:
/// 1. Check the game: two players whose payoffs sum to the same constant `c` at every profile
///    (otherwise ``SolverError/unsupportedGame(_:_:)``). Player 1's matrix `A` is then the
///    whole game; player 2's payoff is `c − A`.
/// 2. Solve the row player's program `max v` subject to `Σᵢ xᵢ Aᵢⱼ ≥ v` for every column `j`,
///    `Σᵢ xᵢ = 1`, `x ≥ 0`, `v` free.
/// 3. The dual of that program is the column player's `min w` subject to `Σⱼ Aᵢⱼ yⱼ ≤ w`: its
///    solution is read from the duals of the column rows (`yⱼ = −dualⱼ`, which sum to 1
///    because `v` is free). Exact arithmetic uses LPSupport's exact path (GLPK's basis
///    re-solved over ``Rational``); `Double` uses GLPK's answer.
/// 4. Verify: `(x, y)` is a valid profile with zero regret (within the scaled tolerance for
///    `Double`), and `min_j (xᵀA)ⱼ = v = maxᵢ (Ay)ᵢ`.
///
/// ``SolverResult/gameValue`` is `v`, the value to player 1; player 2's is `c − v`.
///
/// - Complexity: one LP with `m + 1` variables and `n + 1` rows for an `m × n` game; polynomial
///   in practice (simplex), plus O(m·n) for the checks.
public struct ZeroSumLP: NashSolver {
  /// The method's name on the command line.
  public var name: String { "zerosum" }
  /// Cancellation and deadline, passed on to the LP solve.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  public func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> SolverResult<S>
  {
    guard game.isTwoPlayer else {
      throw .unsupportedGame(
        name, "the game has \(game.playerCount) players; the method needs exactly two")
    }
    let scale = game.payoffs.joined().reduce(S(1)) { Swift.max($0, $1.magnitude) }
    let tolerance = S.defaultTolerance * scale
    if let (profile, total, firstTotal) = nonConstantSum(game, tolerance: tolerance) {
      let p = game.profile(at: profile).map { "\($0 + 1)" }.joined(separator: ",")
      throw .unsupportedGame(
        name,
        "the game is not constant-sum: payoffs sum to \(firstTotal.formatted()) at profile "
          + "(1,1) but to \(total.formatted()) at profile (\(p))")
    }
    let constant = game.payoffs[0][0] + game.payoffs[1][0]
    let A = game.rowMatrix.map { $0.map(\.rationalValue) }
    let m = A.count, n = A[0].count

    // Row player's program: variables x₀…x_{m−1}, v.
    var lp = LinearProgram(.maximize, objective: Array(repeating: 0, count: m) + [1])
    lp.makeFree(m)
    for j in 0..<n {
      lp.addConstraint((0..<m).map { A[$0][j] } + [-1], .greaterOrEqual, 0)
    }
    lp.addConstraint(Array(repeating: 1, count: m) + [0], .equal, 1)

    let solution: LPSolution<S>
    do {
      solution = try lp.solve(in: S.self, control: control)
    } catch {
      switch error.solverStatus {
      case .cancelled?: throw .cancelled(name)
      case let status?:
        return SolverResult(
          equilibria: [], method: name, parameters: [:], status: status,
          tolerance: tolerance)
      case nil: throw .numerical(name, error.reason)
      }
    }
    guard solution.status == .optimal, let value = solution.objectiveValue else {
      throw .numerical(name, "the LP of a finite game was reported \(solution.status)")
    }
    let x = cleaned(Array(solution.values[..<m]))
    let y = cleaned(solution.rowDuals[..<n].map { -$0 })
    let profile = MixedProfile<S>([x, y])

    // Verify: max_i (Ay)_i = v = min_j (xᵀA)_j. Then xᵀAy = v and both regrets are zero;
    // the regrets are computed from the same two passes over the table.
    let rowValues = game.strategyValues(of: 0, against: profile)
    let colValues = game.strategyValues(of: 1, against: profile)
    let rowRegret = rowValues.max()! - zip(x, rowValues).reduce(S.zero) { $0 + $1.0 * $1.1 }
    let colRegret = colValues.max()! - zip(y, colValues).reduce(S.zero) { $0 + $1.0 * $1.1 }
    guard profile.isValid(tolerance: tolerance), rowRegret <= tolerance, colRegret <= tolerance
    else {
      throw .numerical(name, "internal check failed: the optimal strategies have positive regret")
    }
    guard rowValues.max()!.isClose(to: value, tolerance: tolerance),
      (constant - colValues.max()!).isClose(to: value, tolerance: tolerance)
    else {
      throw .numerical(name, "internal check failed: maximin and minimax differ from the value")
    }
    var notes = [String]()
    if constant != .zero {
      notes.append(
        "constant-sum game (payoffs sum to \(constant.formatted())); "
          + "player 2's value is \((constant - value).formatted())")
    }
    return SolverResult(
      equilibria: [profile], method: name, parameters: [:], status: .complete,
      tolerance: tolerance, gameValue: value, notes: notes)
  }

  /// The first profile whose payoff total differs from profile 0's, with both totals.
  private func nonConstantSum<S: GameScalar>(_ game: NormalFormGame<S>, tolerance: S)
    -> (Int, S, S)?
  {
    let first = game.payoffs[0][0] + game.payoffs[1][0]
    for i in 0..<game.profileCount {
      let t = game.payoffs[0][i] + game.payoffs[1][i]
      if !t.isClose(to: first, tolerance: tolerance) { return (i, t, first) }
    }
    return nil
  }

  /// For inexact types, clamps rounding-level negatives to zero and rescales to sum 1;
  /// exact vectors are returned unchanged.
  private func cleaned<S: GameScalar>(_ v: [S]) -> [S] {
    guard !S.isExact else { return v }
    let clamped = v.map { Swift.max($0.doubleValue, 0) }
    let total = clamped.reduce(0, +)
    return clamped.map { S(Rational(total > 0 ? $0 / total : $0)) }
  }
}
