// SPDX-License-Identifier: GPL-3.0-or-later

/// A named model input: its value (a formula, possibly over other parameters), and what is
/// known about it (range, distribution, unit, source).
public struct ModelParameter: Sendable, Hashable {
  public var name: String
  /// The default value: a number or a formula over other parameters.
  public var value: Formula
  /// The range the value is believed to lie in, if stated.
  public var range: ClosedRange<Rational>?
  /// The distribution the value is believed to follow, if stated.
  public var distribution: ParameterDistribution?
  /// The unit of the value (free text).
  public var unit: String
  /// Where the value comes from (free text).
  public var source: String

  public init(
    name: String, value: Formula, range: ClosedRange<Rational>? = nil,
    distribution: ParameterDistribution? = nil, unit: String = "", source: String = ""
  ) {
    self.name = name
    self.value = value
    self.range = range
    self.distribution = distribution
    self.unit = unit
    self.source = source
  }
}

/// The distribution a parameter is believed to follow, for uncertainty analysis.
public enum ParameterDistribution: Sendable, Hashable {
  case uniform(low: Rational, high: Rational)
  case normal(mean: Rational, standardDeviation: Rational)
  case triangular(low: Rational, mode: Rational, high: Rational)
  /// The logarithm is uniform on `[log low, log high]`; `0 < low < high`.
  case logUniform(low: Rational, high: Rational)

  /// The distribution's name as written in model files.
  public var name: String {
    switch self {
    case .uniform: return "uniform"
    case .normal: return "normal"
    case .triangular: return "triangular"
    case .logUniform: return "log-uniform"
    }
  }

  /// Every name, as written in model files.
  public static let names = ["uniform", "normal", "triangular", "log-uniform"]
}

/// A model's parameters, in the order given, with the order to evaluate them in.
///
/// Parameters may refer to one another; the table checks, when built, that every name a
/// value uses is a parameter and that no parameters refer to each other in a cycle
/// (depth-first search with three colours, Cormen et al., *Introduction to Algorithms*,
/// 3rd ed., section 22.3: a back edge closes a cycle, reported in order).
public struct ParameterTable: Sendable, Hashable {
  /// The parameters, in the order given.
  public let parameters: [ModelParameter]
  /// Indices into ``parameters``, every parameter after those its value uses.
  public let evaluationOrder: [Int]

  /// A table with no parameters.
  public static let empty = try! ParameterTable([])

  /// Checks and orders `parameters`.
  ///
  /// - Complexity: O(parameters + uses of names).
  /// - Throws: `ExpressionError` naming the parameter concerned: `.domain` for a name used
  ///   twice or reserved, `.unknownName` for a value using a name that is no parameter (at its
  ///   column; the message lists the parameters), `.cycle` for parameters that refer to each
  ///   other in a cycle (the message spells the cycle out: `a → b → a`).
  public init(_ parameters: [ModelParameter]) throws(ExpressionError) {
    var index = [String: Int]()
    for (i, p) in parameters.enumerated() {
      if Formula.reservedWords.contains(p.name) {
        throw ExpressionError(
          .domain, column: 0, "'\(p.name)' is a reserved word and cannot name a parameter",
          parameter: p.name)
      }
      if index[p.name] != nil {
        throw ExpressionError(
          .domain, column: 0, "the parameter '\(p.name)' is defined twice", parameter: p.name)
      }
      index[p.name] = i
    }
    let known = parameters.map(\.name)
    var uses = [[Int]]()
    for p in parameters {
      var edges = [Int]()
      for name in p.value.names {
        guard let j = index[name] else {
          throw ExpressionError(
            .unknownName, column: Self.column(of: name, in: p.value.root),
            "unknown name '\(name)'; "
              + (known.isEmpty
                ? "no parameters are defined"
                : "the parameters are: " + known.joined(separator: ", ")),
            parameter: p.name)
        }
        edges.append(j)
      }
      uses.append(edges)
    }
    // Depth-first search with an explicit stack (a chain of thousands of parameters must not
    // overflow the call stack): 0 unvisited, 1 on the stack, 2 done. Each stack entry is a
    // parameter and the next of its uses to follow.
    var colour = [Int](repeating: 0, count: parameters.count)
    var order = [Int]()
    var stack = [(node: Int, next: Int)]()
    for root in parameters.indices where colour[root] == 0 {
      colour[root] = 1
      stack.append((root, 0))
      while let (i, next) = stack.last {
        guard next < uses[i].count else {
          stack.removeLast()
          colour[i] = 2
          order.append(i)
          continue
        }
        stack[stack.count - 1].next += 1
        let j = uses[i][next]
        if colour[j] == 1 {
          let start = stack.firstIndex { $0.node == j }!
          let cycle = (stack[start...].map(\.node) + [j]).map { parameters[$0].name }
          throw ExpressionError(
            .cycle, column: 0,
            "the parameters refer to each other in a cycle: " + cycle.joined(separator: " → "),
            parameter: parameters[j].name)
        }
        if colour[j] == 0 {
          colour[j] = 1
          stack.append((j, 0))
        }
      }
    }
    self.parameters = parameters
    self.evaluationOrder = order
  }

  /// The parameters' names, in the order given.
  public var names: [String] { parameters.map(\.name) }

  /// Whether the table has no parameters.
  public var isEmpty: Bool { parameters.isEmpty }

  /// The parameter called `name`.
  public func parameter(named name: String) -> ModelParameter? {
    parameters.first { $0.name == name }
  }

  /// Every parameter's value, with `overrides` replacing the values given (a parameter
  /// whose value is overridden no longer depends on the others; those depending on it see
  /// the new value).
  ///
  /// - Complexity: O(total size of the formulas).
  /// - Throws: `ExpressionError`: `.unknownName` for an override naming no parameter (listing
  ///   the parameters), or the error of the first formula that fails, naming its parameter.
  public func values(
    overriding overrides: [String: Rational] = [:], limits: Formula.Limits = .standard
  ) throws(ExpressionError) -> [String: Rational] {
    for name in overrides.keys.sorted() where parameter(named: name) == nil {
      throw ExpressionError(
        .unknownName, column: 0,
        "unknown parameter '\(name)'; "
          + (parameters.isEmpty
            ? "the model defines no parameters"
            : "the parameters are: " + names.joined(separator: ", ")))
    }
    var values = [String: Rational]()
    for i in evaluationOrder {
      let p = parameters[i]
      if let q = overrides[p.name] {
        values[p.name] = q
        continue
      }
      do {
        values[p.name] = try p.value.evaluate(with: values, limits: limits)
      } catch {
        throw error.attributed(to: p.name)
      }
    }
    return values
  }

  /// The column of the first use of `name` in `node` (0 if unused).
  static func column(of name: String, in node: Formula.Node) -> Int {
    switch node {
    case .number: return 0
    case .name(let n, let c): return n == name ? c : 0
    case .negate(let a, _), .not(let a, _): return column(of: name, in: a)
    case .binary(_, let a, let b, _):
      let c = column(of: name, in: a)
      return c > 0 ? c : column(of: name, in: b)
    case .call(_, let args, _):
      for a in args {
        let c = column(of: name, in: a)
        if c > 0 { return c }
      }
      return 0
    }
  }
}
