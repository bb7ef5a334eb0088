// SPDX-License-Identifier: GPL-3.0-or-later

/// Builds a ``Formula``'s syntax tree from its tokens by precedence climbing.
///
/// Precedence climbing (Clarke 1986, "The top-down parsing of expressions"; Richards and
/// Whitby-Strevens, *BCPL*, 1979): `parse(min)` reads a prefix operand, then, while the next
/// token is a binary operator binding at least as tightly as `min`, reads its right operand
/// with `parse(p + 1)` (left-associative) or `parse(p)` (right-associative `^`) and folds.
/// Prefix `not` parses its operand at its own level (so `not a < b` is `not (a < b)`), prefix
/// `-` at the level of `^` (so `-2^2` is `-(2^2)`). Comparisons do not associate: `a < b < c`
/// is an error.
/// - Complexity: O(tokens).
struct FormulaParser {
  let tokens: [FormulaToken]
  let limits: Formula.Limits
  var position = 0
  var depth = 0
  private(set) var nodeCount = 0

  init(tokens: [FormulaToken], limits: Formula.Limits) {
    self.tokens = tokens
    self.limits = limits
  }

  /// Binding powers: `or` 1, `and` 2, `not` 3, comparisons 4, `+ -` 5, `* /` 6, unary `-` 7,
  /// `^` 8.
  static func binding(_ token: FormulaToken) -> (Formula.BinaryOperator, Int)? {
    switch token.kind {
    case .name("or"): return (.or, 1)
    case .name("and"): return (.and, 2)
    case .symbol(let s):
      guard let op = Formula.BinaryOperator(rawValue: s) else { return nil }
      switch op {
      case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: return (op, 4)
      case .add, .subtract: return (op, 5)
      case .multiply, .divide: return (op, 6)
      case .power: return (op, 8)
      case .and, .or: return nil
      }
    default: return nil
    }
  }

  static let notLevel = 3
  static let comparisonLevel = 4
  static let negateLevel = 7

  var current: FormulaToken { tokens[position] }

  mutating func parseFormula() throws(ExpressionError) -> Formula.Node {
    if case .end = current.kind {
      throw ExpressionError(.syntax, column: current.column, "the formula is empty")
    }
    let node = try parse(1)
    guard case .end = current.kind else {
      throw unexpected(expected: "an operator or the end of the formula")
    }
    return node
  }

  func unexpected(expected: String) -> ExpressionError {
    let found: String
    switch current.kind {
    case .end: found = "the end of the formula"
    case .number, .name, .symbol: found = "'\(current.text)'"
    }
    return ExpressionError(.syntax, column: current.column, "expected \(expected), found \(found)")
  }

  mutating func node(_ n: Formula.Node) throws(ExpressionError) -> Formula.Node {
    nodeCount += 1
    guard nodeCount <= limits.maxNodes else {
      throw ExpressionError(
        .limit, column: n.column, "the formula has more than \(limits.maxNodes) nodes")
    }
    return n
  }

  mutating func enter(_ column: Int) throws(ExpressionError) {
    depth += 1
    guard depth <= limits.maxDepth else {
      throw ExpressionError(
        .limit, column: column, "the formula nests deeper than \(limits.maxDepth) levels")
    }
  }

  mutating func parse(_ minimum: Int) throws(ExpressionError) -> Formula.Node {
    try enter(current.column)
    defer { depth -= 1 }
    var lhs = try parsePrefix()
    while let (op, level) = Self.binding(current), level >= minimum {
      let column = current.column
      position += 1
      let rhs = try parse(op == .power ? level : level + 1)
      lhs = try node(.binary(op, lhs, rhs, column: column))
      if level == Self.comparisonLevel, let (next, nextLevel) = Self.binding(current),
        nextLevel == Self.comparisonLevel
      {
        throw ExpressionError(
          .syntax, column: current.column,
          "comparisons do not chain: write 'a \(op.rawValue) b and b \(next.rawValue) c'")
      }
    }
    return lhs
  }

  mutating func parsePrefix() throws(ExpressionError) -> Formula.Node {
    let token = current
    switch token.kind {
    case .number(let q):
      position += 1
      return try node(.number(q, column: token.column))
    case .symbol("-"):
      position += 1
      return try node(.negate(try parse(Self.negateLevel), column: token.column))
    case .symbol("+"):
      position += 1
      return try parse(Self.negateLevel)
    case .symbol("("):
      position += 1
      let inner = try parse(1)
      guard case .symbol(")") = current.kind else {
        throw unexpected(expected: "')' to close the '(' at column \(token.column)")
      }
      position += 1
      return inner
    case .name("not"):
      position += 1
      return try node(.not(try parse(Self.notLevel), column: token.column))
    case .name(let name):
      position += 1
      if case .symbol("(") = current.kind {
        return try parseCall(name, column: token.column)
      }
      if Formula.reservedWords.contains(name) {
        throw ExpressionError(
          .syntax, column: token.column,
          Formula.Function(rawValue: name) != nil
            ? "'\(name)' is a function: write \(name)(...)"
            : "expected a number, a name or '(' before '\(name)'")
      }
      return try node(.name(name, column: token.column))
    default:
      throw unexpected(expected: "a number, a name, '-' or '('")
    }
  }

  mutating func parseCall(_ name: String, column: Int) throws(ExpressionError) -> Formula.Node {
    guard let function = Formula.Function(rawValue: name) else {
      throw ExpressionError(
        .unknownName, column: column,
        "'\(name)' is not a function; the functions are: "
          + Formula.Function.allCases.map(\.rawValue).sorted().joined(separator: ", "))
    }
    position += 1  // "("
    var args = [Formula.Node]()
    if case .symbol(")") = current.kind {
    } else {
      while true {
        args.append(try parse(1))
        if case .symbol(",") = current.kind {
          position += 1
          continue
        }
        break
      }
    }
    guard case .symbol(")") = current.kind else {
      throw unexpected(expected: "',' or ')' in the call of \(name)")
    }
    position += 1
    switch function {
    case .abs where args.count != 1:
      throw ExpressionError(
        .domain, column: column, "abs takes one argument, found \(args.count)")
    case .conditional where args.count != 3:
      throw ExpressionError(
        .domain, column: column,
        "if takes three arguments (condition, then, else), found \(args.count)")
    case .min where args.isEmpty, .max where args.isEmpty:
      throw ExpressionError(.domain, column: column, "\(name) needs at least one argument")
    default: break
    }
    return try node(.call(function, args, column: column))
  }
}
