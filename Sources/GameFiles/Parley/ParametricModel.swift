// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import Foundation
import Synchronization
import Yams

/// A model read from a file with a `parameters:` section, kept in parametric form so that it
/// can be instantiated again at other parameter values (sweeps, uncertainty analysis).
///
/// The file's YAML tree is kept; ``instantiate(overrides:)`` resolves the parameters (the
/// overrides replace their values, the parameters depending on them follow), then reads the
/// tree again with every number that is written as a formula evaluated at those values, and
/// checks the model as the plain reader does. Reading a tree is linear in its size, so an
/// instantiation costs about as much as parsing the file once, without the YAML scan.
public struct ParametricModel<Model: Sendable>: Sendable {
  /// The model's parameters.
  public let parameters: ParameterTable
  /// The file's path, as used in error messages.
  public let path: String
  /// The model at the parameters' own values.
  public let defaults: Model
  private let nodes: NodeBox
  /// The numbers and formulas read so far, parsed once for every instantiation.
  private let texts = TextCache()
  private let build: @Sendable (ParameterScope) throws(GameFileError) -> Model

  init(
    parameters: ParameterTable, nodes: [String: YAMLNode], path: String,
    build: @escaping @Sendable (ParameterScope) throws(GameFileError) -> Model
  ) throws(GameFileError) {
    self.parameters = parameters
    self.nodes = NodeBox(nodes: nodes)
    self.path = path
    self.build = build
    let values = try Self.values(parameters, nodes: nodes, path: path, overrides: [:])
    try ParameterSection.checkRanges(parameters, values: values, nodes: nodes)
    defaults = try build(ParameterScope(values: values, texts: texts))
  }

  /// Every parameter's value with `overrides` applied.
  ///
  /// - Throws: `GameFileError`: for an override naming no parameter (no location; the
  ///   message lists the parameters), or located at the formula of the first parameter that
  ///   cannot be evaluated.
  public func values(overrides: [String: Rational] = [:]) throws(GameFileError)
    -> [String: Rational]
  {
    try Self.values(parameters, nodes: nodes.nodes, path: path, overrides: overrides)
  }

  /// The model with `overrides` replacing the values of the parameters they name.
  ///
  /// Values outside a parameter's stated range are allowed (a sweep may go beyond it); the
  /// model's own checks still apply (a discount factor must lie in (0, 1], probabilities
  /// must sum to 1, …).
  /// - Complexity: linear in the size of the file's YAML tree.
  /// - Throws: `GameFileError` located at the offending value or formula; when overrides are
  ///   given, its message ends with the values of the overridden parameters.
  public func instantiate(overrides: [String: Rational] = [:]) throws(GameFileError) -> Model {
    if overrides.isEmpty { return defaults }
    let values = try values(overrides: overrides)
    do {
      return try build(ParameterScope(values: values, texts: texts))
    } catch {
      var located = error
      located.message +=
        " (with "
        + overrides.keys.sorted().map { "\($0) = \(overrides[$0]!)" }.joined(separator: ", ")
        + ")"
      throw located
    }
  }

  static func values(
    _ table: ParameterTable, nodes: [String: YAMLNode], path: String,
    overrides: [String: Rational]
  ) throws(GameFileError) -> [String: Rational] {
    do {
      return try table.values(overriding: overrides)
    } catch {
      if let name = error.parameter, let node = nodes[name] {
        throw ParameterScope.located(error, at: node, what: "parameter '\(name)'")
      }
      throw GameFileError(path: path, line: 0, column: 0, message: error.message)
    }
  }
}

extension ParametricModel {
  /// A YAML model with an optional `parameters:` section: `text` composed once, `build`
  /// reading the tree at each instantiation's parameter values.
  ///
  /// - Throws: `GameFileError` located at the offending key, value or formula.
  static func parse(
    _ text: String, path: String,
    build: @escaping @Sendable (YAMLNode, ParameterScope) throws(GameFileError) -> Model
  ) throws(GameFileError) -> ParametricModel<Model> {
    let root = try YAMLNode.parse(text, path: path)
    let section = try ParameterSection.read(try root.mapping().optional("parameters"))
    let tree = SharedTree(root: root)
    return try ParametricModel(parameters: section.table, nodes: section.nodes, path: path) {
      (scope) throws(GameFileError) -> Model in
      try build(tree.root, scope)
    }
  }

  /// The file at `url` (checked to be UTF-8) read by `parse`; errors name `path` (default:
  /// the file's path).
  static func read(
    contentsOf url: URL, path: String?,
    parse: (String, String) throws(GameFileError) -> ParametricModel<Model>
  ) throws(GameFileError) -> ParametricModel<Model> {
    let shown = path ?? url.path
    let bytes = try GameFile.contents(of: url)
    let text = try GameFile.withValidUTF8(bytes, path: shown) {
      (buffer) throws(GameFileError) -> String in
      String(decoding: buffer, as: UTF8.self)
    }
    return try parse(text, shown)
  }
}

/// The YAML nodes of the parameters' values, shared read-only between threads (Yams's nodes
/// are immutable once composed, but not declared `Sendable`).
private struct NodeBox: @unchecked Sendable {
  let nodes: [String: YAMLNode]
}

/// A YAML tree shared read-only between threads, for the instantiators.
struct SharedTree: @unchecked Sendable {
  let root: YAMLNode
}

/// The parameter values a model is being read at, and the reading of numbers as formulas.
struct ParameterScope: Sendable {
  let values: [String: Rational]
  /// Parsed numbers and formulas shared by the instantiations of one model, if any.
  var texts: TextCache? = nil

  /// Where the formula's text starts relative to the node's mark: one column after the quote
  /// of a one-line quoted scalar, at the mark for a plain one; `nil` when columns within the
  /// text cannot be mapped to the file (block scalars, several lines).
  static func offset(of node: YAMLNode, text: String) -> Int? {
    guard case .scalar(let s) = node.node, !text.unicodeScalars.contains("\n") else {
      return nil
    }
    switch s.style {
    case .plain, .any: return 0
    case .singleQuoted, .doubleQuoted: return 1
    case .literal, .folded: return nil
    }
  }

  /// `error` located in the file: the node's line, and its column plus the column within
  /// the formula when that can be mapped.
  static func located(_ error: ExpressionError, at node: YAMLNode, what: String) -> GameFileError {
    let text = (try? node.string()) ?? ""
    var column = node.column
    if error.column > 0, let offset = offset(of: node, text: text) {
      column += offset + error.column - 1
    }
    let message: String
    switch error.kind {
    case .syntax, .unknownName:
      message =
        "\(what): expected a number (integer, decimal or fraction) or a formula over the "
        + "parameters, found \"\(text)\" (\(error.message))"
    default:
      message = "\(what): \(error.message) in \"\(text)\""
    }
    // The formula may span lines (an escaped or folded line break): the message may not.
    return GameFileError(
      path: node.path, line: node.line, column: column, message: YAMLNode.oneLine(message))
  }

  /// The node as an exact number: a number as written, or a formula evaluated at
  /// ``values``.
  func number(_ node: YAMLNode) throws(GameFileError) -> Rational {
    let text = try node.string()
    do {
      if let texts {
        switch try texts.parsed(text) {
        case .number(let q): return q
        case .formula(let f): return try f.evaluate(with: values)
        }
      }
      if let q = Rational(text.trimmingWhitespace) { return q }
      return try Formula(text).evaluate(with: values)
    } catch {
      throw Self.located(error, at: node, what: node.context)
    }
  }
}

/// Reads a model file's `parameters:` section.
///
/// ```yaml
/// parameters:
///   NAME:
///     value: X                 # required: a number or a formula over other parameters
///     range: [LOW, HIGH]       # optional, LOW ≤ HIGH; the value must lie in it
///     distribution: uniform    # optional: uniform | log-uniform (over the range),
///                              # {kind: normal, sd: S, mean: M}  (mean default: the value),
///                              # {kind: triangular, mode: M}     (mode default: the value;
///                              #   low/high default: the range), low/high may be given
///     unit: TEXT               # optional
///     source: TEXT             # optional
///   NAME: X                    # shorthand for {value: X}
/// ```
enum ParameterSection {
  /// The table and the value node of each parameter (for locating errors).
  static func read(_ node: YAMLNode?) throws(GameFileError)
    -> (table: ParameterTable, nodes: [String: YAMLNode])
  {
    guard let node else { return (.empty, [:]) }
    let m = try node.mapping()
    var parameters = [ModelParameter]()
    var nodes = [String: YAMLNode]()
    var seen = Set<String>()
    for entry in m.entries {
      let name = entry.key.trimmingWhitespace
      let keyNode = entry.keyNode
      guard !seen.contains(name) else {
        throw keyNode.error("the parameter '\(name)' is defined twice")
      }
      seen.insert(name)
      guard isName(name) else {
        throw keyNode.error(
          "'\(name)' cannot name a parameter: use a letter or '_', then letters, digits and "
            + "'_'" + (Formula.reservedWords.contains(name) ? " (and no reserved word)" : ""))
      }
      var valueNode = entry.value
      var range: ClosedRange<Rational>? = nil
      var distribution: ParameterDistribution? = nil
      var unit = ""
      var source = ""
      if case .mapping = entry.value.node {
        let spec = try entry.value.mapping()
        try spec.allowOnly(["value", "range", "distribution", "unit", "source"])
        valueNode = try spec.required("value")
        if let r = spec.optional("range") {
          let bounds = try r.sequence()
          guard bounds.count == 2 else {
            throw r.error(
              "parameter '\(name)': a range is [LOW, HIGH], found \(bounds.count) values")
          }
          let low = try bounds[0].rational()
          let high = try bounds[1].rational()
          guard low <= high else {
            throw r.error(
              "parameter '\(name)': the range's low end \(low) exceeds its high end \(high)")
          }
          range = low...high
        }
        unit = try spec.optional("unit")?.string() ?? ""
        source = try spec.optional("source")?.string() ?? ""
        if let d = spec.optional("distribution") {
          distribution = try readDistribution(d, name: name, range: range, value: valueNode)
        }
      }
      let text = try valueNode.string()
      let formula: Formula
      do { formula = try Formula(text) } catch {
        throw ParameterScope.located(error, at: valueNode, what: "parameter '\(name)'")
      }
      parameters.append(
        ModelParameter(
          name: name, value: formula, range: range, distribution: distribution, unit: unit,
          source: source))
      nodes[name] = valueNode
    }
    do {
      return (try ParameterTable(parameters), nodes)
    } catch {
      guard let name = error.parameter, let at = nodes[name] else {
        throw node.error(error.message)
      }
      if error.kind == .cycle { throw at.error(error.message) }
      throw ParameterScope.located(error, at: at, what: "parameter '\(name)'")
    }
  }

  static func isName(_ s: String) -> Bool {
    guard let first = s.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
      !Formula.reservedWords.contains(s)
    else { return false }
    return s.unicodeScalars.allSatisfy {
      $0 == "_" || $0.properties.isAlphabetic || ($0 >= "0" && $0 <= "9")
    }
  }

  static func readDistribution(
    _ node: YAMLNode, name: String, range: ClosedRange<Rational>?, value: YAMLNode
  ) throws(GameFileError) -> ParameterDistribution {
    var kind: String
    var spec: YAMLMapping? = nil
    if case .mapping = node.node {
      let m = try node.mapping()
      try m.allowOnly(["kind", "low", "high", "mean", "sd", "mode"])
      kind = try m.required("kind").name()
      spec = m
    } else {
      kind = try node.name()
    }
    func given(_ key: String) throws(GameFileError) -> Rational? {
      try spec?.optional(key)?.rational()
    }
    let what = "parameter '\(name)'"
    func bounds() throws(GameFileError) -> (Rational, Rational) {
      guard let low = try given("low") ?? range?.lowerBound,
        let high = try given("high") ?? range?.upperBound
      else {
        throw node.error("\(what): a \(kind) distribution needs a range (or low and high)")
      }
      guard low < high else {
        throw node.error(
          "\(what): the distribution's low end \(low) is not below its high end \(high)")
      }
      return (low, high)
    }
    let constant = Rational(try value.string().trimmingWhitespace)
    switch kind {
    case "uniform":
      let (low, high) = try bounds()
      return .uniform(low: low, high: high)
    case "log-uniform":
      let (low, high) = try bounds()
      guard low > 0 else { throw node.error("\(what): a log-uniform distribution needs low > 0") }
      return .logUniform(low: low, high: high)
    case "triangular":
      let (low, high) = try bounds()
      guard let mode = try given("mode") ?? constant else {
        throw node.error("\(what): give the triangular distribution's mode")
      }
      guard low <= mode, mode <= high else {
        throw node.error("\(what): the mode \(mode) lies outside [\(low), \(high)]")
      }
      return .triangular(low: low, mode: mode, high: high)
    case "normal":
      guard let sd = try given("sd") else {
        throw node.error("\(what): a normal distribution needs its standard deviation 'sd'")
      }
      guard sd > 0 else { throw node.error("\(what): the standard deviation must be > 0") }
      guard let mean = try given("mean") ?? constant else {
        throw node.error("\(what): give the normal distribution's mean")
      }
      return .normal(mean: mean, standardDeviation: sd)
    default:
      throw node.error(
        "\(what): unknown distribution '\(kind)'; expected one of: "
          + ParameterDistribution.names.joined(separator: ", "))
    }
  }

  /// Checks that every parameter's default value lies in its stated range.
  static func checkRanges(
    _ table: ParameterTable, values: [String: Rational], nodes: [String: YAMLNode]
  ) throws(GameFileError) {
    for p in table.parameters {
      guard let range = p.range, let v = values[p.name], !range.contains(v) else { continue }
      throw nodes[p.name]!.error(
        "parameter '\(p.name)': the value \(v) lies outside its range [\(range.lowerBound), "
          + "\(range.upperBound)]")
    }
  }
}

/// The texts of a model's numbers, each parsed once (as a number or a formula) and shared
/// between threads: instantiating a model again at other parameter values then only
/// evaluates. Texts that fail to parse are not kept (the error is raised again each time).
final class TextCache: @unchecked Sendable {
  enum Parsed: Sendable {
    case number(Rational)
    case formula(Formula)
  }

  // A plain lock around a dictionary (`table` is only touched with `lock` held).
  private let lock = NSLock()
  private var table: [String: Parsed] = [:]

  /// The text parsed as `ParameterScope.number(_:)` reads it: a number, else a formula.
  /// - Throws: the formula's `ExpressionError`.
  func parsed(_ text: String) throws(ExpressionError) -> Parsed {
    lock.lock()
    let known = table[text]
    lock.unlock()
    if let known { return known }
    let parsed: Parsed
    if let q = Rational(text.trimmingWhitespace) {
      parsed = .number(q)
    } else {
      parsed = .formula(try Formula(text))
    }
    lock.lock()
    table[text] = parsed
    lock.unlock()
    return parsed
  }
}
