// SPDX-License-Identifier: GPL-3.0-or-later

/// An arithmetic formula over named parameters, parsed once and evaluated exactly.
///
/// The language is small and safe: no I/O, no loops, no assignment, bounded in size.
///
/// | form | meaning |
/// | --- | --- |
/// | `12`, `0.25`, `.5`, `1e-3` | exact numbers (`3/4` is a division, hence exact too) |
/// | `nk_patience` | a parameter (a letter or `_`, then letters, digits and `_`) |
/// | `a ^ n` | power; `n` must evaluate to a whole number; right-associative |
/// | `-a` | negation (`-2^2` is `-(2^2)`) |
/// | `a * b`, `a / b` | product, exact quotient |
/// | `a + b`, `a - b` | sum, difference |
/// | `a < b`, `<=`, `>`, `>=`, `==`, `!=` | 1 when true, 0 when false; not chained |
/// | `not a` | 1 when `a` is 0, else 0 |
/// | `a and b`, `a or b` | 1 or 0, from the operands' truth (non-zero is true), short-circuit |
/// | `min(a, ...)`, `max(a, ...)`, `abs(a)`, `if(c, a, b)` | functions; `if` evaluates one branch |
///
/// Precedence, from loosest to tightest: `or`, `and`, `not`, comparisons, `+ -`, `* /`,
/// unary `-`, `^`. Parentheses group.
///
/// Bounds (``Limits``): the text's length, the nesting depth, the number of nodes, and the
/// size in bits of every number computed; a power whose result would exceed the size is
/// refused before it is computed.
public struct Formula: Sendable, Hashable, CustomStringConvertible {
  /// The bounds a formula must respect.
  public struct Limits: Sendable, Hashable {
    /// The most Unicode scalars in the text.
    public var maxLength: Int
    /// The deepest nesting of operators, calls and parentheses.
    public var maxDepth: Int
    /// The most nodes in the tree.
    public var maxNodes: Int
    /// The most bits in the numerator or denominator of any value computed.
    public var maxBits: Int

    public init(maxLength: Int = 1_000, maxDepth: Int = 64, maxNodes: Int = 500,
      maxBits: Int = 16_384)
    {
      self.maxLength = maxLength
      self.maxDepth = maxDepth
      self.maxNodes = maxNodes
      self.maxBits = maxBits
    }

    /// The default bounds: 1,000 characters, depth 64, 500 nodes, 16,384-bit numbers.
    public static let standard = Limits()
  }

  /// A binary operator.
  public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case equal = "==", notEqual = "!="
    case and, or
  }

  /// A built-in function.
  public enum Function: String, Sendable, Hashable, CaseIterable {
    case abs, max, min
    /// `if(condition, then, else)`.
    case conditional = "if"
  }

  /// A node of the syntax tree; `column` is where its token starts in the text (1-based).
  public indirect enum Node: Sendable, Hashable {
    case number(Rational, column: Int)
    case name(String, column: Int)
    case negate(Node, column: Int)
    case not(Node, column: Int)
    /// A binary operation; `column` is the operator's.
    case binary(BinaryOperator, Node, Node, column: Int)
    case call(Function, [Node], column: Int)

    /// The column of the node's token.
    public var column: Int {
      switch self {
      case .number(_, let c), .name(_, let c), .negate(_, let c), .not(_, let c),
        .binary(_, _, _, let c), .call(_, _, let c):
        return c
      }
    }

    /// The node written with every operation in parentheses: `(1 + (2 * 3))`.
    public var parenthesized: String {
      switch self {
      case .number(let q, _):
        // A fraction is a division in the language: parenthesize it, or `x ^ 0.5` would
        // read back as `(x ^ 1) / 2`.
        if !q.isInteger { return "(\(q.numerator) / \(q.denominator))" }
        return q.signum < 0 ? "(\(q.description))" : q.description
      case .name(let n, _): return n
      case .negate(let a, _): return "(-\(a.parenthesized))"
      case .not(let a, _): return "(not \(a.parenthesized))"
      case .binary(let op, let a, let b, _):
        return "(\(a.parenthesized) \(op.rawValue) \(b.parenthesized))"
      case .call(let f, let args, _):
        return f.rawValue + "(" + args.map(\.parenthesized).joined(separator: ", ") + ")"
      }
    }
  }

  /// Words that cannot name a parameter.
  public static let reservedWords: Set<String> =
    ["and", "or", "not"].reduce(into: Set(Function.allCases.map(\.rawValue))) { $0.insert($1) }

  /// The text as written.
  public let text: String
  /// The syntax tree.
  public let root: Node
  /// The number of nodes in the tree.
  public let nodeCount: Int
  /// The parameter names used, each once, in order of first use.
  public let names: [String]

  /// Parses `text`.
  ///
  /// - Complexity: O(length of the text).
  /// - Throws: `ExpressionError` located at the offending column: `.syntax` for text that
  ///   is not a formula, `.limit` when a bound of `limits` is exceeded, `.domain` for a call
  ///   with the wrong number of arguments.
  public init(_ text: String, limits: Limits = .standard) throws(ExpressionError) {
    let length = text.unicodeScalars.count
    guard length <= limits.maxLength else {
      throw ExpressionError(
        .limit, column: limits.maxLength + 1,
        "the formula is \(length) characters long; at most \(limits.maxLength) are allowed")
    }
    var parser = FormulaParser(tokens: try FormulaLexer.tokens(of: text), limits: limits)
    root = try parser.parseFormula()
    nodeCount = parser.nodeCount
    self.text = text
    var seen = [String]()
    Self.collectNames(root, into: &seen)
    names = seen
  }

  /// The formula as written.
  public var description: String { text }

  /// The value when the formula uses no parameter.
  public var constantValue: Rational? {
    guard names.isEmpty else { return nil }
    return try? evaluate(with: [:])
  }

  private static func collectNames(_ node: Node, into out: inout [String]) {
    switch node {
    case .number: break
    case .name(let n, _): if !out.contains(n) { out.append(n) }
    case .negate(let a, _), .not(let a, _): collectNames(a, into: &out)
    case .binary(_, let a, let b, _):
      collectNames(a, into: &out)
      collectNames(b, into: &out)
    case .call(_, let args, _): for a in args { collectNames(a, into: &out) }
    }
  }
}
