// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The egalitarian solution: equal gains over the disagreement point, as large as possible.
///
/// Kalai (1977), "Proportional solutions to bargaining situations": the maximal point
/// d + t*(1, …, 1) of the comprehensive feasible set — every player gains the same amount of
/// utility (utilities must be comparable across players). It is the only solution that is
/// monotone in the feasible set and weakly Pareto optimal (Kalai 1977, Theorem 1).
/// - Lotteries: one linear program, max t subject to d + t·1 ≤ Pλ, exact for exact `S`.
/// - Deals without lotteries: the individually rational deal with the largest minimum gain,
///   ties broken by the total gain (a leximin step).
/// - Pie: t* solves Σᵢ uᵢ⁻¹(dᵢ + t) = 1 (bisection, GSL root finding for the inverses).
/// - Complexity: one linear program with m + n + 1 columns and n + 1 rows.
public struct EgalitarianSolution: Sendable {
  /// Limits passed to the linear program.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// Solves `problem`.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` when no feasible point is individually
  ///   rational.
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solve<S: GameScalar>(_ problem: BargainingProblem<S>) throws(SolverError)
    -> BargainingSolution<S>
  {
    try RaySolution.solve(problem, concept: "egalitarian", control: control)
  }
}
