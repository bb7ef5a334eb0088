// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
public import GameCore

/// Reads Parley's outreach model format (YAML, `parley: outreach`, `version: 1`).
///
/// ```yaml
/// parley: outreach
/// version: 1
/// name: africa-outreach
/// summary: free text
/// unit: million USD per year
/// sponsor: {name: South Korea, budget: 150}
/// adversary: {name: North Korea, counter-budget: 60}
/// shaming: {probability: 0.3, cost: 40}
/// margin: 1/10                       # optional, > 0 (default 1/100)
/// objective: revenue-lost            # or flips (default revenue-lost)
/// parameters:                        # optional, as in the negotiation format; any amount
///   overseas_revenue: {value: 500, range: [200, 2000]}   # may then be a formula over them
/// ranges:                            # optional documented ranges (parameters with a range
///                                    # are listed among them too)
///   - {name: overseas-revenue, low: 200, high: 2000, base: 500, unit: ..., note: ...}
/// targets:
///   - {name: Uganda, tie-value: 25, revenue: overseas_revenue * 0.02, visibility: 0.5, cap: 80}
/// ```
/// Every problem is a ``GameFileError`` at the offending node (`path:line:col`): unknown
/// keys, missing keys, negative amounts or budgets, probabilities or visibilities outside
/// [0, 1], a non-positive margin, duplicate target names, a base outside its range.
public enum OutreachFile {
  /// The model in `text`.
  public static func parse(_ text: String, path: String = "<input>") throws(GameFileError)
    -> OutreachModel
  {
    try parseParametric(text, path: path).defaults
  }

  /// The model in `text` in parametric form: its `parameters:` and an instantiator that
  /// reads the model again at other parameter values.
  ///
  /// - Throws: `GameFileError` located at the offending key, value or formula.
  public static func parseParametric(_ text: String, path: String = "<input>")
    throws(GameFileError) -> ParametricModel<OutreachModel>
  {
    let root = try YAMLNode.parse(text, path: path)
    let section = try ParameterSection.read(try root.mapping().optional("parameters"))
    let tree = SharedTree(root: root)
    let table = section.table
    return try ParametricModel(parameters: table, nodes: section.nodes, path: path) {
      (scope) throws(GameFileError) -> OutreachModel in
      try model(tree.root, scope: scope, parameters: table)
    }
  }

  /// The model in `root` with formulas evaluated at `scope`'s values.
  static func model(
    _ node: YAMLNode, scope: ParameterScope, parameters: ParameterTable
  ) throws(GameFileError) -> OutreachModel {
    let root = try node.mapping()
    try root.allowOnly([
      "parley", "version", "name", "summary", "parameters", "unit", "sponsor", "adversary",
      "shaming", "margin", "objective", "ranges", "targets",
    ])
    let kind = try root.required("parley")
    guard try kind.string() == "outreach" else {
      throw kind.error("expected 'parley: outreach', found '\(try kind.string())'")
    }
    let versionNode = try root.required("version")
    guard try versionNode.integer() == 1 else {
      throw versionNode.error("unsupported version \(try versionNode.integer()); expected 1")
    }
    func nonNegative(_ node: YAMLNode) throws(GameFileError) -> Rational {
      let q = try scope.number(node)
      guard q >= 0 else { throw node.error("\(node.context) must be ≥ 0, found \(q)") }
      return q
    }
    func unitInterval(_ node: YAMLNode) throws(GameFileError) -> Rational {
      let q = try scope.number(node)
      guard q >= 0 && q <= 1 else {
        throw node.error("\(node.context) must lie in [0, 1], found \(q)")
      }
      return q
    }
    let sponsor = try root.required("sponsor").mapping()
    try sponsor.allowOnly(["name", "budget"])
    let adversary = try root.required("adversary").mapping()
    try adversary.allowOnly(["name", "counter-budget"])
    var p = Rational(0)
    var c = Rational(0)
    if let shamingNode = root.optional("shaming") {
      let shaming = try shamingNode.mapping()
      try shaming.allowOnly(["probability", "cost"])
      p = try unitInterval(try shaming.required("probability"))
      c = try nonNegative(try shaming.required("cost"))
    }
    var margin = Rational(1, 100)
    if let node = root.optional("margin") {
      margin = try scope.number(node)
      guard margin > 0 else { throw node.error("margin must be > 0, found \(margin)") }
    }
    var objective = OutreachModel.Objective.revenueLost
    if let node = root.optional("objective") {
      guard let o = OutreachModel.Objective(rawValue: try node.string()) else {
        throw node.error(
          "objective must be 'revenue-lost' or 'flips', found "
            + "'\(try node.string())'")
      }
      objective = o
    }
    var ranges = [OutreachModel.ParameterRange]()
    for item in try root.optional("ranges")?.sequence() ?? [] {
      let r = try item.mapping()
      try r.allowOnly(["name", "low", "high", "base", "unit", "note"])
      let low = try r.required("low").rational()
      let high = try r.required("high").rational()
      let baseNode = try r.required("base")
      let base = try baseNode.rational()
      guard low <= high else { throw item.error("\(item.context): low exceeds high") }
      guard base >= low && base <= high else {
        throw baseNode.error("\(baseNode.context) \(base) lies outside [\(low), \(high)]")
      }
      ranges.append(
        .init(
          name: try r.required("name").name(), low: low, high: high,
          base: base, unit: try r.optional("unit")?.string() ?? "",
          note: try r.optional("note")?.string() ?? ""))
    }
    for p in parameters.parameters {
      guard let range = p.range, let value = scope.values[p.name] else { continue }
      ranges.append(
        .init(
          name: p.name, low: range.lowerBound, high: range.upperBound, base: value,
          unit: p.unit, note: p.source))
    }
    var targets = [OutreachTarget]()
    let targetsNode = try root.required("targets")
    for item in try targetsNode.sequence() {
      let t = try item.mapping()
      try t.allowOnly(["name", "tie-value", "revenue", "visibility", "cap", "note"])
      let nameNode = try t.required("name")
      let name = try nameNode.name()
      guard !targets.contains(where: { $0.name == name }) else {
        throw nameNode.error("duplicate target '\(name)'")
      }
      targets.append(
        OutreachTarget(
          name: name, tieValue: try nonNegative(try t.required("tie-value")),
          revenue: try nonNegative(try t.required("revenue")),
          visibility: try unitInterval(try t.required("visibility")),
          cap: try t.optional("cap").map { (n: YAMLNode) throws(GameFileError) in
            try nonNegative(n)
          },
          note: try t.optional("note")?.string() ?? ""))
    }
    guard !targets.isEmpty else { throw targetsNode.error("targets is empty") }
    return OutreachModel(
      name: try root.required("name").name(), version: 1,
      summary: try root.optional("summary")?.string() ?? "",
      unit: try root.optional("unit")?.string() ?? "",
      sponsor: try sponsor.required("name").name(),
      adversary: try adversary.required("name").name(),
      sponsorBudget: try nonNegative(try sponsor.required("budget")),
      counterBudget: try nonNegative(try adversary.required("counter-budget")),
      shamingProbability: p, shamingCost: c, margin: margin, objective: objective,
      targets: targets, ranges: ranges)
  }

  /// The model in the file at `url`.
  public static func read(contentsOf url: URL, path: String? = nil) throws(GameFileError)
    -> OutreachModel
  {
    try readParametric(contentsOf: url, path: path).defaults
  }

  /// The model in the file at `url`, in parametric form.
  public static func readParametric(contentsOf url: URL, path: String? = nil)
    throws(GameFileError) -> ParametricModel<OutreachModel>
  {
    let shown = path ?? url.path
    guard let data = try? Data(contentsOf: url) else {
      throw GameFileError(path: shown, line: 0, column: 0, message: "cannot read the file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw GameFileError(path: shown, line: 0, column: 0, message: "the file is not UTF-8")
    }
    return try parseParametric(text, path: shown)
  }
}
