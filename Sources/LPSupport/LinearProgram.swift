// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// A linear program with exact rational data: optimise `cᵀx` subject to linear rows and bounds
/// on the variables.
///
/// The model follows the form GLPK works with (GLPK Reference Manual, §1.1): each row `i`
/// defines an *auxiliary variable* `rᵢ = Σⱼ aᵢⱼ xⱼ` whose bounds come from the row's relation
/// and right-hand side, and each structural variable `xⱼ` has its own lower and upper bounds
/// (`nil` meaning −∞ or +∞). New variables are non-negative, `0 ≤ xⱼ < ∞`, as in the
/// standard form of Chvátal, *Linear Programming* (1983), ch. 1.
///
/// ```swift
/// // Chvátal (1983), ch. 2: max 5x₁ + 4x₂ + 3x₃ subject to three ≤ rows.
/// var lp = LinearProgram(.maximize, objective: [5, 4, 3])
/// lp.addConstraint([2, 3, 1], .lessOrEqual, 5)
/// lp.addConstraint([4, 1, 2], .lessOrEqual, 11)
/// lp.addConstraint([3, 4, 2], .lessOrEqual, 8)
/// let solution = try lp.solveExact()   // x = (2, 0, 1), objective 13, duals (1, 0, 1)
/// ```
public struct LinearProgram: Sendable, Hashable {
  /// The direction of optimisation.
  public enum Sense: Sendable, Hashable {
    case maximize
    case minimize
  }

  /// How a row's left-hand side compares with its right-hand side.
  public enum Relation: Sendable, Hashable {
    /// `Σⱼ aᵢⱼ xⱼ ≤ bᵢ`.
    case lessOrEqual
    /// `Σⱼ aᵢⱼ xⱼ = bᵢ`.
    case equal
    /// `Σⱼ aᵢⱼ xⱼ ≥ bᵢ`.
    case greaterOrEqual
  }

  /// One row: `coefficients · x  relation  rhs`.
  public struct Constraint: Sendable, Hashable {
    /// The row's coefficients, one per variable (dense).
    public var coefficients: [Rational]
    /// The comparison.
    public var relation: Relation
    /// The right-hand side.
    public var rhs: Rational

    /// The lower bound of the row's auxiliary variable (`nil` for −∞).
    var lower: Rational? { relation == .lessOrEqual ? nil : rhs }
    /// The upper bound of the row's auxiliary variable (`nil` for +∞).
    var upper: Rational? { relation == .greaterOrEqual ? nil : rhs }
  }

  /// Whether ``objective`` is maximised or minimised.
  public var sense: Sense
  /// The objective coefficients `c`, one per variable.
  public private(set) var objective: [Rational]
  /// The rows, in the order they were added.
  public private(set) var constraints: [Constraint] = []
  /// Each variable's lower bound; `nil` means −∞.
  public private(set) var lowerBounds: [Rational?]
  /// Each variable's upper bound; `nil` means +∞.
  public private(set) var upperBounds: [Rational?]

  /// Creates a program over `objective.count` non-negative variables with no rows.
  public init(_ sense: Sense, objective: [Rational]) {
    self.sense = sense
    self.objective = objective
    lowerBounds = Array(repeating: 0, count: objective.count)
    upperBounds = Array(repeating: nil, count: objective.count)
  }

  /// The number of structural variables.
  public var variableCount: Int { objective.count }
  /// The number of rows.
  public var constraintCount: Int { constraints.count }

  /// Appends the row `coefficients · x  relation  rhs`.
  ///
  /// - Precondition: one coefficient per variable.
  public mutating func addConstraint(
    _ coefficients: [Rational], _ relation: Relation, _ rhs: Rational
  ) {
    precondition(coefficients.count == variableCount, "addConstraint: wrong row length")
    constraints.append(Constraint(coefficients: coefficients, relation: relation, rhs: rhs))
  }

  /// Sets `variable`'s bounds; `nil` means unbounded on that side.
  ///
  /// - Precondition: `lower ≤ upper` when both are given.
  public mutating func setBounds(of variable: Int, lower: Rational?, upper: Rational?) {
    if let lower, let upper { precondition(lower <= upper, "setBounds: lower > upper") }
    lowerBounds[variable] = lower
    upperBounds[variable] = upper
  }

  /// Removes both bounds of `variable`.
  public mutating func makeFree(_ variable: Int) {
    setBounds(of: variable, lower: nil, upper: nil)
  }

  /// The objective's value at `x`.
  public func objectiveValue(at x: [Rational]) -> Rational {
    CommonDenominatorVector(objective).dot(CommonDenominatorVector(x))
  }

  /// Row `i`'s left-hand side `Σⱼ aᵢⱼ xⱼ` at `x`.
  public func activity(ofRow i: Int, at x: [Rational]) -> Rational {
    zip(constraints[i].coefficients, x).reduce(Rational(0)) { $0 + $1.0 * $1.1 }
  }
}
