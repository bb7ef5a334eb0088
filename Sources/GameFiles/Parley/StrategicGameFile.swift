// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
public import GameCore

/// Reads Parley's parametric strategic-form game format: a small YAML file whose payoffs are
/// exact numbers or formulas over named parameters (``NormalFormGame``).
///
/// ```yaml
/// parley: game                 # kind marker (required)
/// version: 1                   # required; this reader knows 1
/// name: NAME                   # required
/// summary: TEXT                # optional
/// parameters:                  # optional, as in the negotiation format
///   d: {value: 3, range: [0, 8], unit: ..., source: ...}
/// players:                     # at least one; names unique
///   - {name: China, strategies: [Enforce, Leak]}     # at least one strategy; names unique
///   - {name: North Korea, strategies: [Provoke, Restrain]}
/// payoffs:                     # every profile exactly once
///   - {profile: [Enforce, Provoke], payoffs: ["d - 5", -3]}   # one strategy per player,
///                                                            # one payoff per player
/// ```
/// Every problem is a ``GameFileError`` at the offending node (`path:line:col`): unknown or
/// missing keys, unknown strategy names (listing the player's strategies), a profile given
/// twice or not at all (naming it), the wrong number of strategies or payoffs, formulas that
/// do not parse or evaluate (located inside the formula), and more than ``maxProfiles``
/// profiles.
/// - Complexity: linear in the file; an instantiation re-reads the YAML tree (no re-scan).
public enum StrategicGameFile {
  /// The most profiles a game in this format may have (it lists every one).
  public static let maxProfiles = 100_000
  /// The most payoffs (players × profiles) a game in this format may have: its table is
  /// allocated before the payoffs are read, so the declared shape is checked first.
  public static let maxPayoffs = 1_000_000

  /// Whether `text` looks like this format (its kind marker), for dispatch on `.yaml` files.
  public static func isGame(_ text: String) -> Bool {
    KindMarker.present("game", in: text)
  }

  /// The game in `text` at its parameters' stated values.
  public static func parse(_ text: String, path: String = "<input>") throws(GameFileError)
    -> NormalFormGame<Rational>
  {
    try parseParametric(text, path: path).defaults
  }

  /// The game in `text` in parametric form.
  ///
  /// - Throws: `GameFileError` located at the offending key, value or formula.
  public static func parseParametric(_ text: String, path: String = "<input>")
    throws(GameFileError) -> ParametricModel<NormalFormGame<Rational>>
  {
    try ParametricModel.parse(text, path: path) { (root, scope) throws(GameFileError) in
      try game(root, scope: scope)
    }
  }

  /// The game in the file at `url`, in parametric form; errors name `path` (default: the
  /// file's path).
  public static func readParametric(contentsOf url: URL, path: String? = nil)
    throws(GameFileError) -> ParametricModel<NormalFormGame<Rational>>
  {
    try ParametricModel.read(contentsOf: url, path: path) { (text, shown) throws(GameFileError) in
      try parseParametric(text, path: shown)
    }
  }

  static func game(_ node: YAMLNode, scope: ParameterScope) throws(GameFileError)
    -> NormalFormGame<Rational>
  {
    let root = try node.mapping()
    try root.allowOnly(["parley", "version", "name", "summary", "parameters", "players", "payoffs"])
    try KindMarker.check(root, kind: "game")
    let name = try root.required("name").name()
    let summary = try root.optional("summary")?.string() ?? ""
    // Players and strategies.
    var players = [String]()
    var playerSet = Set<String>()
    var strategies = [[String]]()
    let playerNodes = try root.required("players").sequence()
    guard !playerNodes.isEmpty else {
      throw try root.required("players").error("a game needs at least one player")
    }
    for p in playerNodes {
      let m = try p.mapping()
      try m.allowOnly(["name", "strategies"])
      let nameNode = try m.required("name")
      let playerName = try nameNode.name()
      if !playerSet.insert(playerName).inserted {
        throw nameNode.error("player '\(playerName)' is named twice")
      }
      let strategyNode = try m.required("strategies")
      let list = try strategyNode.names()
      guard !list.isEmpty else {
        throw strategyNode.error("player '\(playerName)' needs at least one strategy")
      }
      var seen = Set<String>()
      if let twice = list.first(where: { !seen.insert($0).inserted }) {
        throw strategyNode.error("player '\(playerName)': strategy '\(twice)' is named twice")
      }
      players.append(playerName)
      strategies.append(list)
    }
    let n = players.count
    var count = 1
    for s in strategies {
      count *= s.count
      guard count <= maxProfiles else {
        throw try root.required("players").error(
          "the game has more than \(maxProfiles) profiles; this format lists every one")
      }
    }
    guard count * n <= maxPayoffs else {
      throw try root.required("players").error(
        "the game has \(n) players and \(count) profiles, more than \(maxPayoffs) payoffs")
    }
    // Payoffs: profile index with player 0 varying fastest (NormalFormGame's order).
    var table = [[Rational]](repeating: [Rational](repeating: 0, count: count), count: n)
    var given = [Int?](repeating: nil, count: count)
    // Each player's strategies by name (a file may list many profiles of many strategies).
    let strategyIndex = strategies.map { list in
      Dictionary(list.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }
    let payoffsNode = try root.required("payoffs")
    for entry in try payoffsNode.sequence() {
      let m = try entry.mapping()
      try m.allowOnly(["profile", "payoffs"])
      let profileNode = try m.required("profile")
      let profile = try profileNode.names()
      guard profile.count == n else {
        throw profileNode.error(
          "a profile names one strategy per player (\(n)), found \(profile.count)")
      }
      var index = 0
      var stride = 1
      for (p, s) in profile.enumerated() {
        guard let k = strategyIndex[p][s] else {
          throw profileNode.error(
            "player '\(players[p])' has no strategy '\(s)'; its strategies are: "
              + strategies[p].joined(separator: ", "))
        }
        index += k * stride
        stride *= strategies[p].count
      }
      if let line = given[index] {
        throw profileNode.error(
          "profile (\(profile.joined(separator: ", "))) is given twice (first at line \(line))")
      }
      given[index] = profileNode.line
      let valuesNode = try m.required("payoffs")
      let values = try valuesNode.sequence()
      guard values.count == n else {
        throw valuesNode.error("a profile has one payoff per player (\(n)), found \(values.count)")
      }
      for p in 0..<n { table[p][index] = try scope.number(values[p]) }
    }
    if let missing = given.firstIndex(where: { $0 == nil }) {
      var rest = missing
      let names = strategies.map { list -> String in
        defer { rest /= list.count }
        return list[rest % list.count]
      }
      throw payoffsNode.error(
        "profile (\(names.joined(separator: ", "))) has no payoffs; every profile must be given")
    }
    return NormalFormGame(
      title: name, comment: summary, players: players, strategies: strategies, payoffs: table)
  }
}
