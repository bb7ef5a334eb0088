// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
public import GameCore

/// Reads Parley's parametric coalitional-game format: a small YAML file whose worths (or
/// quota and weights) are exact numbers or formulas over named parameters. It gives the same
/// ``CoalitionalGameFile/Content`` as the text format, with the game's name.
///
/// ```yaml
/// parley: coalitional          # kind marker (required)
/// version: 1                   # required; this reader knows 1
/// name: NAME                   # required
/// summary: TEXT                # optional
/// parameters:                  # optional, as in the other model formats
///   estate: {value: 200, range: [0, 600]}
/// players: [A, B, C]           # at least one; names unique
/// # then exactly one of:
/// worths:                      # the worth of each coalition listed (each at most once)
///   - {coalition: [B, C], value: "max(0, estate - 100)"}
///   - {coalition: [A, B, C], value: estate}
/// default: 0                   # optional, with worths: the worth of the unlisted ones
/// # or
/// vector:                      # every non-empty coalition's worth, 2^n - 1 of them
///   order: lex                 # lex (by size, then lexicographic) or bitmask
///   values: [0, 0, 0, 0, 0, 100, 200]
/// # or
/// weighted:                    # a weighted voting game [quota; weights]
///   quota: 39                  # integers once evaluated
///   weights: {A: 7, B: 7, C: 1}    # every player once (or a list in player order)
/// # (a list of {quota, weights} is the intersection of several weighted games)
/// ```
/// Every problem is a ``GameFileError`` at the offending node: unknown or missing keys,
/// unknown or repeated player names, a coalition given twice, the wrong number of values,
/// a quota or weight that is not a whole number once evaluated, formulas that do not parse
/// or evaluate (located inside the formula). Games given by worths or a vector are limited
/// to ``maxExplicitPlayers`` players (2^n worths are stored), checked before any worth is
/// allocated; weighted games to ``WeightedVotingText/maxWeights`` weights.
/// - Complexity: O(2^n) for a game given by worths or a vector, plus the file's length.
extension CoalitionalGameFile {
  /// A coalitional game read from the YAML format: its name, summary and content.
  public struct Model: Sendable {
    /// The game's name.
    public var name: String
    /// The game's summary (may be empty).
    public var summary: String
    /// The game.
    public var content: Content

    public init(name: String, summary: String = "", content: Content) {
      self.name = name
      self.summary = summary
      self.content = content
    }
  }

  /// The most players of a game in this format given by worths or a vector: its 2^n worths
  /// are stored (about 24 MB at 20 players), and the nucleolus is limited to 20 players.
  public static let maxExplicitPlayers = 20

  /// Whether `text` is in the YAML format (a line `parley: coalitional`), for dispatch
  /// between it and the text format.
  public static func isModel(_ text: String) -> Bool {
    KindMarker.present("coalitional", in: text)
  }

  /// The game in `text` (the YAML format) in parametric form.
  ///
  /// - Throws: `GameFileError` located at the offending key, value or formula.
  public static func parseParametric(_ text: String, path: String = "<input>")
    throws(GameFileError) -> ParametricModel<Model>
  {
    try ParametricModel.parse(text, path: path) { (root, scope) throws(GameFileError) in
      try model(root, scope: scope)
    }
  }

  /// The game in the YAML file at `url`, in parametric form; errors name `path` (default:
  /// the file's path).
  public static func readParametric(contentsOf url: URL, path: String? = nil)
    throws(GameFileError) -> ParametricModel<Model>
  {
    try ParametricModel.read(contentsOf: url, path: path) { (text, shown) throws(GameFileError) in
      try parseParametric(text, path: shown)
    }
  }

  static func model(_ node: YAMLNode, scope: ParameterScope) throws(GameFileError) -> Model {
    let root = try node.mapping()
    try root.allowOnly([
      "parley", "version", "name", "summary", "parameters", "players", "worths", "default",
      "vector", "weighted",
    ])
    try KindMarker.check(root, kind: "coalitional")
    let name = try root.required("name").name()
    let summary = try root.optional("summary")?.string() ?? ""
    let playersNode = try root.required("players")
    let players = try KindMarker.uniqueNames(playersNode, what: "player")
    guard !players.isEmpty else { throw playersNode.error("a game needs at least one player") }
    let formKeys = root.entries.filter { ["worths", "vector", "weighted"].contains($0.key) }
    let forms = formKeys.map(\.key)
    guard forms.count == 1 else {
      throw (formKeys.last?.keyNode ?? root.owner).error(
        forms.isEmpty
          ? "give the game as 'worths:', 'vector:' or 'weighted:'"
          : "give the game in one form only, found " + forms.map { "'\($0):'" }
            .joined(separator: " and "))
    }
    if let d = root.optional("default"), forms[0] != "worths" {
      throw d.error("'default:' goes with 'worths:' (the worth of the coalitions not listed)")
    }
    let content: Content
    switch forms[0] {
    case "weighted":
      content = .weighted(try weighted(try root.required("weighted"), players, scope: scope))
    case "vector":
      content = try vector(try root.required("vector"), players, playersNode, scope: scope)
    default:
      content = .characteristic(
        try worths(
          try root.required("worths"), default: root.optional("default"), players,
          playersNode, scope: scope),
        order: .sizeThenLexicographic)
    }
    return Model(name: name, summary: summary, content: content)
  }

  /// Checks an explicit game's size before its 2^n worths are allocated.
  static func checkExplicit(_ n: Int, _ node: YAMLNode) throws(GameFileError) {
    guard n <= maxExplicitPlayers else {
      throw node.error(
        "\(n) players need 2^\(n) coalition worths; games given by worths or a vector are "
          + "limited to \(maxExplicitPlayers) players (a weighted game may have more)")
    }
  }

  static func worths(
    _ node: YAMLNode, default defaultNode: YAMLNode?, _ players: [String],
    _ playersNode: YAMLNode, scope: ParameterScope
  ) throws(GameFileError) -> CoalitionalGame<Rational> {
    let n = players.count
    try checkExplicit(n, playersNode)
    let index = Dictionary(players.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    let fill = try defaultNode.map { (d) throws(GameFileError) in try scope.number(d) } ?? 0
    var values = [Rational](repeating: fill, count: 1 << n)
    values[0] = 0
    var given = [Int: Int]()
    for entry in try node.sequence() {
      let m = try entry.mapping()
      try m.allowOnly(["coalition", "value"])
      let coalitionNode = try m.required("coalition")
      let members = try coalitionNode.names()
      guard !members.isEmpty else {
        throw coalitionNode.error("a coalition names at least one player")
      }
      var mask = 0
      for member in members {
        guard let i = index[member] else {
          throw coalitionNode.error(
            "no player '\(member)'; the players are: " + players.joined(separator: ", "))
        }
        guard mask & (1 << i) == 0 else {
          throw coalitionNode.error("player '\(member)' is named twice in the coalition")
        }
        mask |= 1 << i
      }
      if let line = given[mask] {
        throw coalitionNode.error(
          "the coalition {\(members.joined(separator: ", "))} is given twice (first at line "
            + "\(line))")
      }
      given[mask] = coalitionNode.line
      values[mask] = try scope.number(try m.required("value"))
    }
    var game: CoalitionalGame<Rational>
    do {
      game = try CoalitionalGame(values: Array(values.dropFirst()), order: .bitMask)
    } catch {
      throw node.error(error.reason)
    }
    game.playerNames = players
    return game
  }

  static func vector(
    _ node: YAMLNode, _ players: [String], _ playersNode: YAMLNode, scope: ParameterScope
  ) throws(GameFileError) -> Content {
    let n = players.count
    try checkExplicit(n, playersNode)
    let m = try node.mapping()
    try m.allowOnly(["order", "values"])
    let orderNode = try m.required("order")
    let word = try orderNode.name()
    guard let order = CoalitionOrder(rawValue: word) else {
      throw orderNode.error("order must be 'lex' or 'bitmask', found '\(word)'")
    }
    let valuesNode = try m.required("values")
    let items = try valuesNode.sequence()
    let expected = (1 << n) - 1
    guard items.count == expected else {
      throw valuesNode.error(
        "\(n) players have \(expected) non-empty coalitions (2^\(n) - 1), found \(items.count) "
          + "values")
    }
    var values = [Rational]()
    values.reserveCapacity(expected)
    for item in items { values.append(try scope.number(item)) }
    var game: CoalitionalGame<Rational>
    do { game = try CoalitionalGame(values: values, order: order) } catch {
      throw valuesNode.error(error.reason)
    }
    game.playerNames = players
    return .characteristic(game, order: order)
  }

  static func weighted(_ node: YAMLNode, _ players: [String], scope: ParameterScope)
    throws(GameFileError) -> WeightedVotingGame
  {
    let n = players.count
    guard n <= WeightedVotingText.maxWeights else {
      throw node.error("the game has more than \(WeightedVotingText.maxWeights) players")
    }
    let layerNodes: [YAMLNode]
    if case .sequence = node.node {
      layerNodes = try node.sequence()
      guard !layerNodes.isEmpty else { throw node.error("a weighted game needs a layer") }
      guard layerNodes.count * n <= WeightedVotingText.maxWeights else {
        throw node.error(
          "the game has more than \(WeightedVotingText.maxWeights) weights (over all layers)")
      }
    } else {
      layerNodes = [node]
    }
    func whole(_ node: YAMLNode, _ what: String, least: Int) throws(GameFileError) -> Int {
      let q = try scope.number(node)
      guard q.isInteger, let i = Int(exactly: q.numerator) else {
        throw node.error("\(node.context): \(what) must be a whole number, found \(q)")
      }
      guard i >= least else {
        throw node.error(
          "\(node.context): \(what) must be " + (least > 0 ? "positive" : "non-negative")
            + ", found \(i)")
      }
      return i
    }
    let index = Dictionary(players.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    var layers: [(quota: Int, weights: [Int])] = []
    for layerNode in layerNodes {
      let m = try layerNode.mapping()
      try m.allowOnly(["quota", "weights"])
      let quota = try whole(try m.required("quota"), "the quota", least: 1)
      let weightsNode = try m.required("weights")
      var weights = [Int?](repeating: nil, count: n)
      if case .mapping = weightsNode.node {
        for entry in try weightsNode.mapping().entries {
          let player = entry.key.trimmingWhitespace
          guard let i = index[player] else {
            throw entry.keyNode.error(
              "no player '\(player)'; the players are: " + players.joined(separator: ", "))
          }
          weights[i] = try whole(entry.value, "a weight", least: 0)
        }
        if let missing = weights.firstIndex(where: { $0 == nil }) {
          throw weightsNode.error("player '\(players[missing])' has no weight")
        }
      } else {
        let items = try weightsNode.sequence()
        guard items.count == n else {
          throw weightsNode.error("one weight per player (\(n)), found \(items.count)")
        }
        for (i, item) in items.enumerated() {
          weights[i] = try whole(item, "a weight", least: 0)
        }
      }
      layers.append((quota, weights.map { $0! }))
    }
    var game: WeightedVotingGame
    do { game = try WeightedVotingGame(layers: layers) } catch {
      throw node.error(error.reason)
    }
    game.playerNames = players
    return game
  }
}
