// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore

/// Reads Parley's parametric bargaining-problem format: a small YAML file whose utilities,
/// disagreement point and weights are exact numbers or formulas over named parameters. It
/// gives the same ``BargainingFile`` as the text format.
///
/// ```yaml
/// parley: bargaining           # kind marker (required)
/// version: 1                   # required; this reader knows 1
/// name: NAME                   # required
/// summary: TEXT                # optional
/// parameters:                  # optional, as in the other model formats
///   stake: {value: 9, range: [5, 12], unit: thousands, source: ...}
/// players: [Ann, Bob]          # at least two; names unique
/// disagreement: [1, 1]         # one number or formula per player
/// lotteries: yes               # optional: yes (the deals' convex hull; default) or no
/// weights: [1, 2]              # optional: the asymmetric Nash solution's weights (> 0)
/// deals:                       # at least one; names unique
///   - {name: split, utilities: [5, 5]}
///   - {name: ann-leads, utilities: [stake, 2]}
/// ```
/// Every problem is a ``GameFileError`` at the offending node (`path:line:col`): unknown or
/// missing keys, names given twice, the wrong number of utilities, weights that are not
/// positive once evaluated, formulas that do not parse or evaluate (located inside the
/// formula), and more than ``maxPlayers`` players, ``maxDeals`` deals or ``maxUtilities``
/// utilities (checked before the table of utilities is built).
/// - Complexity: linear in the file; an instantiation re-reads the YAML tree (no re-scan).
extension BargainingFile {
  /// The most players a problem in this format may have.
  public static let maxPlayers = 1_000
  /// The most deals a problem in this format may have.
  public static let maxDeals = 100_000
  /// The most utilities (players × deals) a problem in this format may have.
  public static let maxUtilities = 1_000_000

  /// Whether `text` is in this format (a line `parley: bargaining`), for dispatch between
  /// it and the text format.
  public static func isModel(_ text: String) -> Bool {
    KindMarker.present("bargaining", in: text)
  }

  /// The problem in `text` (the YAML format) in parametric form.
  ///
  /// - Throws: `GameFileError` located at the offending key, value or formula.
  public static func parseParametric(_ text: String, path: String = "<input>")
    throws(GameFileError) -> ParametricModel<BargainingFile>
  {
    try ParametricModel.parse(text, path: path) { (root, scope) throws(GameFileError) in
      try problem(root, scope: scope)
    }
  }

  /// The problem in the YAML file at `url`, in parametric form; errors name `path`
  /// (default: the file's path).
  public static func readParametric(contentsOf url: URL, path: String? = nil)
    throws(GameFileError) -> ParametricModel<BargainingFile>
  {
    try ParametricModel.read(contentsOf: url, path: path) { (text, shown) throws(GameFileError) in
      try parseParametric(text, path: shown)
    }
  }

  static func problem(_ node: YAMLNode, scope: ParameterScope) throws(GameFileError)
    -> BargainingFile
  {
    let root = try node.mapping()
    try root.allowOnly([
      "parley", "version", "name", "summary", "parameters", "players", "disagreement",
      "lotteries", "weights", "deals",
    ])
    try KindMarker.check(root, kind: "bargaining")
    let name = try root.required("name").name()
    let summary = try root.optional("summary")?.string() ?? ""
    let playersNode = try root.required("players")
    let players = try KindMarker.uniqueNames(playersNode, what: "player")
    guard players.count >= 2 else {
      throw playersNode.error("a bargaining problem needs at least two players")
    }
    guard players.count <= maxPlayers else {
      throw playersNode.error(
        "the problem has \(players.count) players, more than \(maxPlayers)")
    }
    let n = players.count
    func vector(_ node: YAMLNode, _ what: String) throws(GameFileError) -> [Rational] {
      let items = try node.sequence()
      guard items.count == n else {
        throw node.error("\(what) has one number per player (\(n)), found \(items.count)")
      }
      var out = [Rational]()
      out.reserveCapacity(n)
      for item in items { out.append(try scope.number(item)) }
      return out
    }
    let disagreement = try vector(try root.required("disagreement"), "the disagreement point")
    var lotteries = true
    if let node = root.optional("lotteries") {
      switch try node.string().trimmingWhitespace {
      case "yes", "true": lotteries = true
      case "no", "false": lotteries = false
      case let s: throw node.error("lotteries: expected yes or no, found \"\(s)\"")
      }
    }
    var weights: [Rational]? = nil
    if let node = root.optional("weights") {
      let w = try vector(node, "the weights")
      let items = try node.sequence()
      if let bad = w.firstIndex(where: { $0 <= 0 }) {
        throw items[bad].error(
          "\(items[bad].context): the weights must be positive, found \(w[bad])")
      }
      weights = w
    }
    let dealsNode = try root.required("deals")
    let dealNodes = try dealsNode.sequence()
    guard !dealNodes.isEmpty else {
      throw dealsNode.error("the feasible set is empty: no deals were given")
    }
    guard dealNodes.count <= maxDeals else {
      throw dealsNode.error("the problem has \(dealNodes.count) deals, more than \(maxDeals)")
    }
    guard dealNodes.count * n <= maxUtilities else {
      throw dealsNode.error(
        "the problem has \(n) players and \(dealNodes.count) deals, more than \(maxUtilities) "
          + "utilities")
    }
    var deals = [[Rational]]()
    deals.reserveCapacity(dealNodes.count)
    var names = [String]()
    var seen = [String: Int]()
    for entry in dealNodes {
      let m = try entry.mapping()
      try m.allowOnly(["name", "utilities"])
      let nameNode = try m.required("name")
      let dealName = try nameNode.name()
      if let line = seen[dealName] {
        throw nameNode.error("deal '\(dealName)' is named twice (first at line \(line))")
      }
      seen[dealName] = nameNode.line
      names.append(dealName)
      deals.append(try vector(try m.required("utilities"), "deal '\(dealName)'"))
    }
    let problem: BargainingProblem<Rational>
    do {
      problem = try BargainingProblem<Rational>(
        deals: deals, disagreement: disagreement, lotteries: lotteries, players: players,
        dealNames: names)
    } catch {
      throw dealsNode.error(error.reason)
    }
    var file = BargainingFile(problem: problem, weights: weights)
    file.name = name
    file.summary = summary
    return file
  }
}
