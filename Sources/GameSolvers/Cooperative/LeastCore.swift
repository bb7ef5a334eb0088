// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// The least core of a TU game: its value `ε*` and one point in it, exactly.
///
/// The least core is the set of efficient `x` minimising `max_{∅≠S≠N} v(S) − x(S)`
/// (Maschler, Peleg and Shapley 1979, §3; Maschler, Solan and Zamir 2013, §20.5). Steps:
/// solve `min ε` subject to `x(S) + ε ≥ v(S)` for every non-empty proper `S` and
/// `x(N) = v(N)` (one LP, GLPK with the final basis made exact); verify that the point's
/// largest excess is `ε*`. The core is non-empty (the game is balanced, Bondareva 1963,
/// Shapley 1967) exactly when `ε* ≤ 0`, and then the point is in the core.
/// - Complexity: one LP with `2ⁿ − 2` rows and `n + 1` columns.
public struct LeastCore: Sendable {
  public init() {}

  /// A least-core point of `game`; `scalar` is `ε*`.
  ///
  /// - Throws: ``SolverError`` for more than 20 players, an LP failure or cancellation.
  public func solve<S: GameScalar>(
    _ game: CoalitionalGame<S>, control: SolverControl = .none
  ) throws(SolverError) -> AllocationResult<S> {
    guard game.playerCount <= 20 else {
      throw .limitExceeded("leastcore", "the LP has 2^n rows; at most 20 players are supported")
    }
    let exact = game.converted(to: Rational.self)
    let outcome = try ExcessMinimization.run(
      exact, individuallyRational: false, rounds: .one, control: control,
      operation: "leastcore")
    try ExcessMinimization.verify(
      exact, outcome, individuallyRational: false, operation: "leastcore")
    let eps = outcome.levels.first ?? 0
    return AllocationResult<Rational>(
      allocations: [outcome.point], method: "leastcore", parameters: ["algorithm": "LP"],
      scalar: eps, scalarName: "least-core epsilon",
      notes: [eps <= 0 ? "the core is non-empty (epsilon <= 0)" : "the core is empty"]
    ).converted(to: S.self)
  }
}
