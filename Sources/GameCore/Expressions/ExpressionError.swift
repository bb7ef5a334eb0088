// SPDX-License-Identifier: GPL-3.0-or-later

/// A problem with a formula or a parameter table: where it is and what went wrong.
///
/// ``column`` is 1-based and counts Unicode scalars within the formula's text (0 when the
/// problem is not at one spot, such as a cycle between parameters). ``parameter`` names the
/// parameter whose formula failed, when there is one, so a file reader can point at it.
public struct ExpressionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What kind of problem this is.
  public enum Kind: String, Hashable, Sendable {
    /// The text is not a formula (an unexpected character or token, a missing parenthesis).
    case syntax
    /// A division (or a negative power) by zero.
    case divisionByZero
    /// A name that is not a parameter, or a call of something that is not a function.
    case unknownName
    /// Parameters that refer to each other in a cycle.
    case cycle
    /// A bound was exceeded: the text's length, its depth or node count, a number's size.
    case limit
    /// An operation outside its domain: a fractional exponent, a wrong argument count, a
    /// parameter defined twice or named like a keyword.
    case domain
  }

  /// What kind of problem this is.
  public var kind: Kind
  /// The 1-based column (in Unicode scalars) within the formula, or 0.
  public var column: Int
  /// What was expected and what was found.
  public var message: String
  /// The parameter whose formula failed, if any.
  public var parameter: String?

  public init(_ kind: Kind, column: Int, _ message: String, parameter: String? = nil) {
    self.kind = kind
    self.column = column
    self.message = message
    self.parameter = parameter
  }

  /// `column C: MESSAGE` (or just the message when there is no column).
  public var description: String {
    column > 0 ? "column \(column): \(message)" : message
  }

  /// The same error attributed to `parameter` (unless it already names one).
  func attributed(to parameter: String) -> ExpressionError {
    var copy = self
    if copy.parameter == nil { copy.parameter = parameter }
    return copy
  }
}
