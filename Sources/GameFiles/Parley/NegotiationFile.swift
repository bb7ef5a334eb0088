// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore

/// Reads and writes Parley's negotiation model format: a YAML file describing a multilateral,
/// multi-issue negotiation (``NegotiationModel``).
///
/// Scalars are read as the text written (through ``YAMLNode``): YAML 1.1's `yes`/`no`/`on`/
/// `off` are never booleans, so an option may be called `no`; numbers are exact rationals
/// (`0.25`, `3/4`, `1e-3`); booleans are only `true` and `false`. Every problem is a
/// ``GameFileError`` located at the offending key or value, and unknown keys are errors.
///
/// ```yaml
/// parley: negotiation          # kind marker (required)
/// version: 1                   # format version (required; this reader knows 1)
/// name: NAME                   # required
/// summary: TEXT                # optional free text
/// parameters:                  # optional: NAME: {value: X, range: [LOW, HIGH],
///   NAME: {value: X, ...}      #   distribution: ..., unit: ..., source: ...} (see below)
/// normalisation:               # required: the scale is stated, not implied
///   weights: sum-to-one | raw
///   utilities: unit-interval | raw
///   note: TEXT                 # optional
/// issues:                      # required, at least one; names unique
///   - {name: NAME, options: [OPTION, ...]}             # categorical
///   - {name: NAME, ordered: [OPTION, ...]}             # ordered: an ordinal scale, in order
///   - {name: NAME, range: {from: A, to: B, step: S}, unit: TEXT}  # numeric grid A, A+S, ..., B
/// actors:                      # required, at least one; names unique
///   - name: NAME
///     capability: C            # optional, default 1; C ≥ 0
///     discount: D              # optional, default 1; 0 < D ≤ 1
///     recognition: P           # required; 0 ≤ P ≤ 1, summing to 1 over the actors
///     disagreement: U          # required: the status-quo utility
///     veto: true | false       # optional, default true
///     issues:                  # salience and utilities per issue
///       ISSUE: {weight: W, utilities: {OPTION: U, ...}}   # every option given
///       ISSUE: {weight: W, utility: [[AMOUNT, U], ...]}    # numeric issue: piecewise linear
/// transfers:                   # optional; one channel per donor
///   - {from: DONOR, to: [ACTOR, ...], budget: B}   # no `to`: any actor but the donor
/// mediator:                    # optional
///   name: NAME
///   rule: nash-product | ideal | utilitarian       # optional, default nash-product
///   ideal: {ISSUE: OPTION, ...}                    # optional; a deal
///   weights: {ISSUE: W, ...}                       # required; issues left out weigh 0
///   uncertainty:                                   # optional: alternative ideals
///     - {ideal: {ISSUE: OPTION, ...}, probability: P}
/// deals:                       # optional named deals, in file order
///   NAME: {ISSUE: OPTION, ...} # every issue given
/// ```
///
/// The rules the reader checks:
/// - An issue has exactly one of `options`, `ordered` and `range`, with at least one option
///   and no option named twice. A range has `step > 0`, `to ≥ from`, `to − from` a whole
///   number of steps, and at most ``maxGridPoints`` points; `unit` is for ranges only. A
///   numeric option is named by its amount (`2.5` or `5/2`).
/// - An issue an actor does not mention has weight 0 for it (and utility 0 on every option).
///   An issue it mentions has a `weight` ≥ 0 and either `utilities` giving every option (for
///   a numeric issue, every grid amount) or, for a numeric issue only, `utility`: points
///   `[amount, utility]` with strictly increasing amounts, interpolated linearly between them
///   and constant beyond the first and last.
/// - `weights: sum-to-one`: each actor's weights sum to exactly 1, as do the mediator's.
///   `utilities: unit-interval`: every option utility, utility point and disagreement payoff
///   lies in [0, 1].
/// - Recognition probabilities lie in [0, 1] and sum to exactly 1.
/// - Capabilities and budgets are ≥ 0; a transfer's recipients are actors other than the
///   donor; a donor that is not an actor is an outside donor.
/// - Mediator weights are ≥ 0; each uncertainty probability lies in [0, 1]; with an `ideal`
///   their sum is at most 1 (the ideal carries the rest), without one it is exactly 1.
/// - A deal names an option for every issue, and nothing else.
///
/// - Parameters and formulas: anywhere a number goes except an issue's `range` (utilities,
///   utility points, weights, capabilities, discounts, recognition, disagreement, budgets,
///   mediator weights and probabilities), a ``Formula`` over the `parameters:` may be written
///   (`discount: nk_patience`); the section is described in Models/negotiation/README.md.
///   ``parseParametric(_:path:)`` keeps the model re-instantiable at other parameter values;
///   formula errors are located at the column inside the formula and quote it.
///
/// ``write(_:)`` prints a model in this format (every formula evaluated, no parameters); for
/// every model that passes these checks, `parse(write(m)) == m`.
public enum NegotiationFile {
  /// The format version this reader and writer know.
  public static let formatVersion = 1
  /// The most grid points a numeric issue may have.
  public static let maxGridPoints = 100_000

  /// Parses a negotiation model from YAML text; `path` is used in error messages.
  ///
  /// - Complexity: linear in the text plus O(actors × options) for the checks.
  /// - Throws: `GameFileError` located at the offending key or value.
  public static func parse(
    _ text: String, path: String = "<input>"
  ) throws(GameFileError) -> NegotiationModel {
    try parseParametric(text, path: path).defaults
  }

  /// Parses a negotiation model from YAML text in parametric form: its `parameters:` and an
  /// instantiator that reads the model again at other parameter values.
  ///
  /// The model at the parameters' own values is read (and checked) at once, as
  /// ``ParametricModel/defaults``.
  /// - Complexity: linear in the text plus O(actors × options) per instantiation.
  /// - Throws: `GameFileError` located at the offending key, value or formula.
  public static func parseParametric(
    _ text: String, path: String = "<input>"
  ) throws(GameFileError) -> ParametricModel<NegotiationModel> {
    let root = try YAMLNode.parse(text, path: path)
    let section = try ParameterSection.read(try root.mapping().optional("parameters"))
    let tree = SharedTree(root: root)
    return try ParametricModel(
      parameters: section.table, nodes: section.nodes, path: path
    ) { (scope) throws(GameFileError) -> NegotiationModel in
      var reader = Reader(scope: scope)
      return try reader.model(tree.root)
    }
  }

  /// Reads a negotiation model in parametric form from the file at `path`.
  ///
  /// - Throws: `GameFileError` when the file cannot be read, is not valid UTF-8, or does not
  ///   parse.
  public static func readParametric(
    path: String
  ) throws(GameFileError) -> ParametricModel<NegotiationModel> {
    let bytes = try GameFile.contents(of: URL(fileURLWithPath: path))
    let text = try GameFile.withValidUTF8(bytes, path: path) {
      (buffer) throws(GameFileError) -> String in
      String(decoding: buffer, as: UTF8.self)
    }
    return try parseParametric(text, path: path)
  }

  /// Reads a negotiation model from the file at `path`.
  ///
  /// - Throws: `GameFileError` when the file cannot be read, is not valid UTF-8, or does not
  ///   parse.
  public static func read(path: String) throws(GameFileError) -> NegotiationModel {
    let bytes = try GameFile.contents(of: URL(fileURLWithPath: path))
    let text = try GameFile.withValidUTF8(bytes, path: path) {
      (buffer) throws(GameFileError) -> String in
      String(decoding: buffer, as: UTF8.self)
    }
    return try parse(text, path: path)
  }
}

// MARK: - Reading

extension YAMLMapping {
  /// The key node of `key`, if present.
  fileprivate func keyNode(_ key: String) -> YAMLNode? {
    entries.first { $0.key == key }?.keyNode
  }

  /// Rejects a key written twice (as text; Yams only catches identically tagged ones).
  fileprivate func rejectDuplicateKeys() throws(GameFileError) {
    var seen = [String: Int]()
    for entry in entries {
      if let line = seen[entry.key] {
        throw entry.keyNode.error(
          "duplicate key '\(entry.key)' in \(owner.context) (first at line \(line))")
      }
      seen[entry.key] = entry.keyNode.line
    }
  }
}

/// The rational 1 (GameCore keeps its `Rational.one` internal).
private let one = Rational(1)

private struct Reader {
  /// The parameter values numbers written as formulas are evaluated at.
  let scope: ParameterScope
  var normalisation = UtilityNormalisation()
  var issues = [NegotiationIssue]()
  var actorNames = [String]()

  mutating func model(_ root: YAMLNode) throws(GameFileError) -> NegotiationModel {
    let top = try root.mapping()
    try top.allowOnly([
      "parley", "version", "name", "summary", "parameters", "normalisation", "issues", "actors",
      "transfers", "mediator", "deals",
    ])
    let marker = try top.required("parley")
    let kind = try marker.name()
    guard kind == "negotiation" else {
      throw marker.error(
        "this is not a negotiation model: 'parley' is '\(kind)', expected "
          + "'negotiation'")
    }
    let versionNode = try top.required("version")
    let version = try versionNode.integer()
    guard version == NegotiationFile.formatVersion else {
      throw versionNode.error(
        "unsupported version \(version); this reader knows version "
          + "\(NegotiationFile.formatVersion)")
    }
    let name = try top.required("name").name()
    let summary = try top.optional("summary")?.string() ?? ""
    normalisation = try readNormalisation(top.required("normalisation"))

    let issueList = try top.required("issues").sequence()
    guard !issueList.isEmpty else { throw try top.required("issues").error("no issues") }
    for node in issueList {
      let issue = try readIssue(node)
      if let first = issues.firstIndex(where: { $0.name == issue.name }) {
        throw try node.mapping().required("name").error(
          "duplicate issue name '\(issue.name)' (issue \(first + 1) has it too)")
      }
      issues.append(issue)
    }

    let actorsNode = try top.required("actors")
    let actorList = try actorsNode.sequence()
    guard !actorList.isEmpty else { throw actorsNode.error("no actors") }
    var actors = [NegotiationActor]()
    for node in actorList {
      let actor = try readActor(node)
      if let first = actorNames.firstIndex(of: actor.name) {
        throw try node.mapping().required("name").error(
          "duplicate actor name '\(actor.name)' (actor \(first + 1) has it too)")
      }
      actorNames.append(actor.name)
      actors.append(actor)
    }
    let recognition = actors.reduce(Rational.zero) { $0 + $1.recognition }
    if recognition != one {
      throw (top.keyNode("actors") ?? actorsNode).error(
        "the actors' recognition probabilities sum to \(NegotiationFile.number(recognition)), "
          + "not 1")
    }

    var transfers = [TransferChannel]()
    if let node = top.optional("transfers") {
      var donorLines = [String: Int]()
      for item in try node.sequence() {
        let (channel, donorNode) = try readTransfer(item)
        if let line = donorLines[channel.donor] {
          throw donorNode.error(
            "donor '\(channel.donor)' already has a transfer channel (line \(line)); give "
              + "one channel per donor")
        }
        donorLines[channel.donor] = donorNode.line
        transfers.append(channel)
      }
    }

    let mediator = try top.optional("mediator").map { (n) throws(GameFileError) in
      try readMediator(n)
    }

    var namedDeals = [NamedDeal]()
    if let node = top.optional("deals") {
      let m = try node.mapping()
      try m.rejectDuplicateKeys()
      for entry in m.entries {
        let dealName = entry.key.trimmingWhitespace
        guard !dealName.isEmpty else { throw entry.keyNode.error("a deal has an empty name") }
        namedDeals.append(NamedDeal(name: dealName, deal: try readDeal(entry.value)))
      }
    }

    return NegotiationModel(
      name: name, version: version, summary: summary, issues: issues, actors: actors,
      transfers: transfers, normalisation: normalisation, mediator: mediator,
      namedDeals: namedDeals)
  }

  func readNormalisation(_ node: YAMLNode) throws(GameFileError) -> UtilityNormalisation {
    let m = try node.mapping()
    try m.allowOnly(["weights", "utilities", "note"])
    let weightsNode = try m.required("weights")
    let weightsText = try weightsNode.name()
    guard let weights = UtilityNormalisation.Weights(rawValue: weightsText) else {
      throw weightsNode.error(
        "unknown weights normalisation '\(weightsText)'; expected one of: "
          + UtilityNormalisation.Weights.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let utilitiesNode = try m.required("utilities")
    let utilitiesText = try utilitiesNode.name()
    guard let utilities = UtilityNormalisation.Utilities(rawValue: utilitiesText) else {
      throw utilitiesNode.error(
        "unknown utilities normalisation '\(utilitiesText)'; expected one of: "
          + UtilityNormalisation.Utilities.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let note = try m.optional("note")?.string() ?? ""
    return UtilityNormalisation(weights: weights, utilities: utilities, note: note)
  }

  func readIssue(_ node: YAMLNode) throws(GameFileError) -> NegotiationIssue {
    let m = try node.mapping()
    try m.allowOnly(["name", "options", "ordered", "range", "unit"])
    let name = try m.required("name").name()
    let given = ["options", "ordered", "range"].filter { m.optional($0) != nil }
    guard given.count == 1 else {
      throw node.error(
        given.isEmpty
          ? "issue '\(name)' needs one of 'options', 'ordered' or 'range'"
          : "issue '\(name)' has both '\(given[0])' and '\(given[1])'; give one")
    }
    if given[0] == "range" {
      let range = try m.required("range")
      let r = try range.mapping()
      try r.allowOnly(["from", "to", "step"])
      let lower = try r.required("from").rational()
      let toNode = try r.required("to")
      let upper = try toNode.rational()
      let stepNode = try r.required("step")
      let step = try stepNode.rational()
      guard step > .zero else {
        throw stepNode.error(
          "issue '\(name)': the step must be positive, found \(NegotiationFile.number(step))")
      }
      guard upper >= lower else {
        throw toNode.error(
          "issue '\(name)': 'to' (\(NegotiationFile.number(upper))) is below 'from' "
            + "(\(NegotiationFile.number(lower)))")
      }
      let steps = (upper - lower) / step
      guard steps.isInteger else {
        throw toNode.error(
          "issue '\(name)': \(NegotiationFile.number(upper)) is not on the grid from "
            + "\(NegotiationFile.number(lower)) in steps of \(NegotiationFile.number(step))")
      }
      guard steps < Rational(NegotiationFile.maxGridPoints) else {
        throw stepNode.error(
          "issue '\(name)': the range has \(steps + 1) grid points; at most "
            + "\(NegotiationFile.maxGridPoints) are allowed")
      }
      let unit = try m.optional("unit")?.string().trimmingWhitespace ?? ""
      return NegotiationIssue(
        name: name, kind: .numeric(lower: lower, upper: upper, step: step), unit: unit)
    }
    if let unitNode = m.keyNode("unit") {
      throw unitNode.error("issue '\(name)': 'unit' applies only to a numeric ('range') issue")
    }
    let list = try m.required(given[0])
    var options = [String]()
    for item in try list.sequence() {
      let option = try item.name()
      if options.contains(option) {
        throw item.error("issue '\(name)' lists the option '\(option)' twice")
      }
      options.append(option)
    }
    guard !options.isEmpty else { throw list.error("issue '\(name)' has no options") }
    return NegotiationIssue(
      name: name, kind: given[0] == "ordered" ? .ordered(options) : .categorical(options))
  }

  /// The option of `issue` named by `node` (an option name, or a numeric issue's amount).
  func option(_ node: YAMLNode, of issue: NegotiationIssue) throws(GameFileError) -> Int {
    let label = try node.name()
    if let option = issue.option(labelled: label) { return option }
    switch issue.kind {
    case .categorical(let options), .ordered(let options):
      throw node.error(
        "unknown option '\(label)' of issue '\(issue.name)'; its options are: "
          + options.joined(separator: ", "))
    case .numeric(let lower, let upper, let step):
      throw node.error(
        "'\(label)' is not an amount on the grid of issue '\(issue.name)' (from "
          + "\(NegotiationFile.number(lower)) to \(NegotiationFile.number(upper)) in steps of "
          + "\(NegotiationFile.number(step)))")
    }
  }

  /// The issue named by `node`.
  func issueIndex(_ node: YAMLNode, key: String) throws(GameFileError) -> Int {
    guard let k = issues.firstIndex(where: { $0.name == key.trimmingWhitespace }) else {
      let parent = node.context.split(separator: ".").dropLast().joined(separator: ".")
      throw node.error(
        "unknown issue '\(key)' in \(parent); the issues are: "
          + issues.map(\.name).joined(separator: ", "))
    }
    return k
  }

  /// Checks a utility against the normalisation.
  func checkUtility(_ u: Rational, _ node: YAMLNode, _ what: String) throws(GameFileError) {
    if normalisation.utilities == .unitInterval && (u < .zero || u > one) {
      throw node.error(
        "\(what) is \(NegotiationFile.number(u)), outside [0, 1] (normalisation utilities: "
          + "unit-interval)")
    }
  }

  func readActor(_ node: YAMLNode) throws(GameFileError) -> NegotiationActor {
    let m = try node.mapping()
    try m.allowOnly([
      "name", "capability", "discount", "recognition", "disagreement", "veto", "issues",
    ])
    let name = try m.required("name").name()
    var capability = one
    if let n = m.optional("capability") {
      capability = try scope.number(n)
      guard capability >= .zero else {
        throw n.error(
          "actor '\(name)': the capability must be non-negative, found "
            + NegotiationFile.number(capability))
      }
    }
    var discount = one
    if let n = m.optional("discount") {
      discount = try scope.number(n)
      guard discount > .zero, discount <= one else {
        throw n.error(
          "actor '\(name)': the discount factor must lie in (0, 1], found "
            + NegotiationFile.number(discount))
      }
    }
    let recognitionNode = try m.required("recognition")
    let recognition = try scope.number(recognitionNode)
    guard recognition >= .zero, recognition <= one else {
      throw recognitionNode.error(
        "actor '\(name)': the recognition probability must lie in [0, 1], found "
          + NegotiationFile.number(recognition))
    }
    let disagreementNode = try m.required("disagreement")
    let disagreement = try scope.number(disagreementNode)
    try checkUtility(disagreement, disagreementNode, "actor '\(name)': the disagreement payoff")
    let veto = try m.optional("veto")?.boolean() ?? true

    var salience = [Rational](repeating: .zero, count: issues.count)
    var utilities = issues.map {
      IssueUtility.table(.init(repeating: .zero, count: $0.optionCount))
    }
    let issuesNode = try m.required("issues")
    let im = try issuesNode.mapping()
    try im.rejectDuplicateKeys()
    for entry in im.entries {
      let k = try issueIndex(entry.keyNode, key: entry.key)
      let issue = issues[k]
      let what = "actor '\(name)', issue '\(issue.name)'"
      let spec = try entry.value.mapping()
      try spec.allowOnly(["weight", "utilities", "utility"])
      let weightNode = try spec.required("weight")
      let weight = try scope.number(weightNode)
      guard weight >= .zero else {
        throw weightNode.error(
          "\(what): the weight must be non-negative, found \(NegotiationFile.number(weight))")
      }
      salience[k] = weight
      switch (spec.optional("utilities"), spec.optional("utility")) {
      case (let table?, nil):
        utilities[k] = .table(try readTable(table, issue: issue, what: what))
      case (nil, let points?):
        guard case .numeric = issue.kind else {
          throw spec.keyNode("utility")!.error(
            "\(what): 'utility' points apply only to a numeric issue; give 'utilities' "
              + "per option")
        }
        utilities[k] = .piecewiseLinear(try readPoints(points, what: what))
      case (nil, nil):
        throw entry.value.error("\(what): give 'utilities' (or 'utility' points)")
      case (_?, _?):
        throw spec.keyNode("utility")!.error("\(what): give 'utilities' or 'utility', not both")
      }
    }
    if normalisation.weights == .sumToOne {
      let sum = salience.reduce(Rational.zero, +)
      if sum != one {
        throw (m.keyNode("issues") ?? issuesNode).error(
          "actor '\(name)': the issue weights sum to \(NegotiationFile.number(sum)), not 1 "
            + "(normalisation weights: sum-to-one)")
      }
    }
    return NegotiationActor(
      name: name, capability: capability, discount: discount, recognition: recognition,
      disagreement: disagreement, salience: salience, utilities: utilities, veto: veto)
  }

  /// `{OPTION: U, ...}` giving every option of `issue`.
  func readTable(
    _ node: YAMLNode, issue: NegotiationIssue, what: String
  ) throws(GameFileError) -> [Rational] {
    let m = try node.mapping()
    var values = [Rational?](repeating: nil, count: issue.optionCount)
    for entry in m.entries {
      let option = try self.option(entry.keyNode, of: issue)
      if values[option] != nil {
        throw entry.keyNode.error(
          "\(what): the option '\(issue.label(of: option))' is given twice")
      }
      let u = try scope.number(entry.value)
      try checkUtility(u, entry.value, "\(what): the utility of '\(entry.key)'")
      values[option] = u
    }
    var out = [Rational]()
    out.reserveCapacity(values.count)
    for (option, value) in values.enumerated() {
      guard let value else {
        throw node.error(
          "\(what): no utility for the option '\(issue.label(of: option))' (give every option)")
      }
      out.append(value)
    }
    return out
  }

  /// `[[AMOUNT, U], ...]` with strictly increasing amounts.
  func readPoints(_ node: YAMLNode, what: String) throws(GameFileError) -> [UtilityPoint] {
    var points = [UtilityPoint]()
    let items = try node.sequence()
    guard !items.isEmpty else { throw node.error("\(what): 'utility' has no points") }
    for item in items {
      let pair = try item.sequence()
      guard pair.count == 2 else {
        throw item.error(
          "\(what): a utility point is [amount, utility], found \(pair.count) values")
      }
      let amount = try scope.number(pair[0])
      let u = try scope.number(pair[1])
      if let last = points.last, amount <= last.amount {
        throw pair[0].error(
          "\(what): the amounts must increase, but \(NegotiationFile.number(amount)) follows "
            + NegotiationFile.number(last.amount))
      }
      try checkUtility(u, pair[1], "\(what): the utility at \(NegotiationFile.number(amount))")
      points.append(UtilityPoint(amount: amount, utility: u))
    }
    return points
  }

  func readTransfer(
    _ node: YAMLNode
  ) throws(GameFileError) -> (TransferChannel, donorNode: YAMLNode) {
    let m = try node.mapping()
    try m.allowOnly(["from", "to", "budget"])
    let donorNode = try m.required("from")
    let donor = try donorNode.name()
    var recipients = [String]()
    if let to = m.optional("to") {
      let items: [YAMLNode]
      if case .sequence = to.node { items = try to.sequence() } else { items = [to] }
      guard !items.isEmpty else {
        throw to.error(
          "'to' of '\(donor)' lists no actor; name the recipients, or leave 'to' out for any")
      }
      for item in items {
        let recipient = try item.name()
        guard actorNames.contains(recipient) else {
          throw item.error(
            "unknown actor '\(recipient)' receiving from '\(donor)'; the actors are: "
              + actorNames.joined(separator: ", "))
        }
        guard recipient != donor else {
          throw item.error("'\(donor)' cannot pay itself")
        }
        guard !recipients.contains(recipient) else {
          throw item.error("'\(recipient)' is listed twice as a recipient of '\(donor)'")
        }
        recipients.append(recipient)
      }
    }
    let budgetNode = try m.required("budget")
    let budget = try scope.number(budgetNode)
    guard budget >= .zero else {
      throw budgetNode.error(
        "the budget of '\(donor)' must be non-negative, found \(NegotiationFile.number(budget))")
    }
    return (TransferChannel(donor: donor, recipients: recipients, budget: budget), donorNode)
  }

  func readMediator(_ node: YAMLNode) throws(GameFileError) -> Mediator {
    let m = try node.mapping()
    try m.allowOnly(["name", "rule", "ideal", "weights", "uncertainty"])
    let name = try m.required("name").name()
    var rule = Mediator.Rule.nashProduct
    if let ruleNode = m.optional("rule") {
      let text = try ruleNode.name()
      guard let r = Mediator.Rule(rawValue: text) else {
        throw ruleNode.error(
          "unknown mediator rule '\(text)'; expected one of: "
            + Mediator.Rule.allCases.map(\.rawValue).joined(separator: ", "))
      }
      rule = r
    }
    let ideal = try m.optional("ideal").map { (n) throws(GameFileError) in try readDeal(n) }
    let weightsNode = try m.required("weights")
    let wm = try weightsNode.mapping()
    try wm.rejectDuplicateKeys()
    var weights = [Rational](repeating: .zero, count: issues.count)
    for entry in wm.entries {
      let k = try issueIndex(entry.keyNode, key: entry.key)
      let w = try scope.number(entry.value)
      guard w >= .zero else {
        throw entry.value.error(
          "mediator '\(name)': the weight of '\(issues[k].name)' must be non-negative, found "
            + NegotiationFile.number(w))
      }
      weights[k] = w
    }
    if normalisation.weights == .sumToOne {
      let sum = weights.reduce(Rational.zero, +)
      if sum != one {
        throw (m.keyNode("weights") ?? weightsNode).error(
          "mediator '\(name)': the issue weights sum to \(NegotiationFile.number(sum)), not 1 "
            + "(normalisation weights: sum-to-one)")
      }
    }
    var uncertainty = [WeightedDeal]()
    if let list = m.optional("uncertainty") {
      var total = Rational.zero
      for item in try list.sequence() {
        let im = try item.mapping()
        try im.allowOnly(["ideal", "probability"])
        let deal = try readDeal(im.required("ideal"))
        let pNode = try im.required("probability")
        let p = try scope.number(pNode)
        guard p >= .zero, p <= one else {
          throw pNode.error(
            "mediator '\(name)': a probability must lie in [0, 1], found "
              + NegotiationFile.number(p))
        }
        total += p
        uncertainty.append(WeightedDeal(deal: deal, probability: p))
      }
      let anchor = m.keyNode("uncertainty") ?? list
      if ideal != nil, total > one {
        throw anchor.error(
          "mediator '\(name)': the alternative ideals' probabilities sum to "
            + "\(NegotiationFile.number(total)), more than 1 (the stated ideal takes 1 − sum)")
      }
      if ideal == nil, total != one {
        throw anchor.error(
          "mediator '\(name)': with no stated ideal the alternatives' probabilities must sum "
            + "to 1, found \(NegotiationFile.number(total))")
      }
    }
    return Mediator(
      name: name, rule: rule, ideal: ideal, weights: weights, uncertainty: uncertainty)
  }

  /// `{ISSUE: OPTION, ...}` naming an option for every issue.
  func readDeal(_ node: YAMLNode) throws(GameFileError) -> Deal {
    let m = try node.mapping()
    try m.rejectDuplicateKeys()
    var options = [Int?](repeating: nil, count: issues.count)
    for entry in m.entries {
      let k = try issueIndex(entry.keyNode, key: entry.key)
      options[k] = try option(entry.value, of: issues[k])
    }
    var deal = [Int]()
    for (k, option) in options.enumerated() {
      guard let option else {
        throw node.error(
          "\(node.context) gives no option for the issue '\(issues[k].name)' (a deal gives "
            + "every issue)")
      }
      deal.append(option)
    }
    return Deal(deal)
  }
}

// MARK: - Writing

extension NegotiationFile {
  /// The model in this format, canonically laid out: every actor's capability, discount,
  /// recognition, disagreement and veto are written; an issue an actor gives weight 0 and
  /// utility 0 throughout is left out; numbers are decimals when exact, else fractions.
  ///
  /// - Complexity: O(actors × options + deals × issues).
  public static func write(_ model: NegotiationModel) -> String {
    var out = "parley: negotiation\n"
    out += "version: \(model.version)\n"
    out += "name: \(scalar(model.name))\n"
    out += "summary: \(text(model.summary, indent: 2))\n"
    out += "normalisation:\n"
    out += "  weights: \(model.normalisation.weights.rawValue)\n"
    out += "  utilities: \(model.normalisation.utilities.rawValue)\n"
    out += "  note: \(text(model.normalisation.note, indent: 4))\n"

    out += "issues:\n"
    for issue in model.issues {
      out += "  - name: \(scalar(issue.name))\n"
      switch issue.kind {
      case .categorical(let options): out += "    options: \(flowList(options))\n"
      case .ordered(let options): out += "    ordered: \(flowList(options))\n"
      case .numeric(let lower, let upper, let step):
        out += "    range: {from: \(number(lower)), to: \(number(upper)), step: \(number(step))}\n"
        if !issue.unit.isEmpty { out += "    unit: \(scalar(issue.unit))\n" }
      }
    }

    out += "actors:\n"
    for actor in model.actors {
      out += "  - name: \(scalar(actor.name))\n"
      out += "    capability: \(number(actor.capability))\n"
      out += "    discount: \(number(actor.discount))\n"
      out += "    recognition: \(number(actor.recognition))\n"
      out += "    disagreement: \(number(actor.disagreement))\n"
      out += "    veto: \(actor.veto)\n"
      var lines = [String]()
      for (k, issue) in model.issues.enumerated() {
        let weight = actor.salience[k]
        let utility = actor.utilities[k]
        if weight == .zero, case .table(let values) = utility, values.allSatisfy(\.isZero) {
          continue
        }
        lines.append("      \(scalar(issue.name)):")
        lines.append("        weight: \(number(weight))")
        switch utility {
        case .table(let values):
          let pairs = values.indices.map { "\(optionLabel(issue, $0)): \(number(values[$0]))" }
          lines.append("        utilities: {\(pairs.joined(separator: ", "))}")
        case .piecewiseLinear(let points):
          let pairs = points.map { "[\(number($0.amount)), \(number($0.utility))]" }
          lines.append("        utility: [\(pairs.joined(separator: ", "))]")
        }
      }
      out +=
        lines.isEmpty ? "    issues: {}\n" : "    issues:\n" + lines.joined(separator: "\n") + "\n"
    }

    if !model.transfers.isEmpty {
      out += "transfers:\n"
      for channel in model.transfers {
        var fields = ["from: \(scalar(channel.donor))"]
        if !channel.recipients.isEmpty { fields.append("to: \(flowList(channel.recipients))") }
        fields.append("budget: \(number(channel.budget))")
        out += "  - {\(fields.joined(separator: ", "))}\n"
      }
    }

    if let mediator = model.mediator {
      out += "mediator:\n"
      out += "  name: \(scalar(mediator.name))\n"
      out += "  rule: \(mediator.rule.rawValue)\n"
      if let ideal = mediator.ideal { out += "  ideal: \(flowDeal(ideal, in: model))\n" }
      let weights = model.issues.indices.map {
        "\(scalar(model.issues[$0].name)): \(number(mediator.weights[$0]))"
      }
      out += "  weights: {\(weights.joined(separator: ", "))}\n"
      if !mediator.uncertainty.isEmpty {
        out += "  uncertainty:\n"
        for alternative in mediator.uncertainty {
          out += "    - ideal: \(flowDeal(alternative.deal, in: model))\n"
          out += "      probability: \(number(alternative.probability))\n"
        }
      }
    }

    if !model.namedDeals.isEmpty {
      out += "deals:\n"
      for named in model.namedDeals {
        out += "  \(scalar(named.name)): \(flowDeal(named.deal, in: model))\n"
      }
    }
    return out
  }

  /// `q` as a decimal when its expansion terminates (`0.25`, `-3`), else as `p/q`.
  static func number(_ q: Rational) -> String {
    var d = q.denominator
    var twos = 0
    var fives = 0
    while d % 2 == 0 {
      d /= 2
      twos += 1
    }
    while d % 5 == 0 {
      d /= 5
      fives += 1
    }
    guard d == 1, max(twos, fives) <= 40 else { return q.description }
    return q.decimalString(places: max(twos, fives))
  }

  /// An option as written: its name, or a numeric issue's amount.
  static func optionLabel(_ issue: NegotiationIssue, _ option: Int) -> String {
    if case .numeric = issue.kind { return scalar(number(issue.value(of: option))) }
    return scalar(issue.label(of: option))
  }

  static func flowList(_ items: [String]) -> String {
    "[" + items.map(scalar).joined(separator: ", ") + "]"
  }

  static func flowDeal(_ deal: Deal, in model: NegotiationModel) -> String {
    let pairs = model.issues.indices.map {
      "\(scalar(model.issues[$0].name)): \(optionLabel(model.issues[$0], deal.options[$0]))"
    }
    return "{" + pairs.joined(separator: ", ") + "}"
  }

  /// A name as a YAML scalar: plain when that is safe in block and flow context (letters,
  /// digits and `_ - . / ( ) '` and inner spaces, starting with a letter, digit or `_`), else
  /// double-quoted.
  static func scalar(_ s: String) -> String {
    func plainSafe(_ c: Character, first: Bool) -> Bool {
      if c.isLetter || c.isNumber || c == "_" { return c.unicodeScalars.allSatisfy(isPrintable) }
      return !first
        && (c == " " || c == "-" || c == "." || c == "/" || c == "(" || c == ")"
          || c == "'")
    }
    if let first = s.first, let last = s.last, last != " ", plainSafe(first, first: true),
      s.dropFirst().allSatisfy({ plainSafe($0, first: false) })
    {
      return s
    }
    return quoted(s)
  }

  /// Free text: plain or quoted on one line, or a literal block when it spans lines and a
  /// block keeps it exactly (`|` when it ends with one line break, `|-` when it ends with
  /// none).
  static func text(_ s: String, indent: Int) -> String {
    guard s.unicodeScalars.contains("\n") else { return s.isEmpty ? "\"\"" : scalar(s) }
    var body = Substring(s)
    var indicator = "|-"
    if body.unicodeScalars.last == "\n" {
      body = Substring(body.unicodeScalars.dropLast())
      indicator = "|"
    }
    let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
    let blockSafe =
      body.unicodeScalars.last != "\n"
      && !body.unicodeScalars.contains { $0 != "\n" && !isPrintable($0) }
      && lines.first.map { $0.first.map { !$0.isWhitespace } == true } == true
      && lines.allSatisfy { line in line.isEmpty || line.contains { $0 != " " } }
    guard blockSafe else { return quoted(s) }
    let pad = String(repeating: " ", count: indent)
    return indicator + "\n" + lines.map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
  }

  /// Whether YAML may hold `u` unescaped: printable, not a line break (NEL, LS and PS
  /// included), not a byte-order mark; tabs are escaped too.
  static func isPrintable(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x2028, 0x2029: return false  // YAML 1.1 line breaks
    case 0x20...0x7E, 0xA0...0xD7FF, 0x10000...0x10FFFF: return true
    case 0xE000...0xFFFD: return u.value != 0xFEFF
    default: return false
    }
  }

  static func quoted(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if isPrintable(u) {
          out.unicodeScalars.append(u)
        } else if u.value <= 0xFFFF {
          out += "\\u" + hex(u.value, digits: 4)
        } else {
          out += "\\U" + hex(u.value, digits: 8)
        }
      }
    }
    return out + "\""
  }

  private static func hex(_ v: UInt32, digits: Int) -> String {
    let h = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, digits - h.count)) + h
  }
}
