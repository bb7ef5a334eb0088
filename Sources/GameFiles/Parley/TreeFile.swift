// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
public import GameCore

/// Reads Parley's parametric extensive-form game format: a game tree in YAML whose chance
/// probabilities and payoffs are exact numbers or formulas over named parameters
/// (``ExtensiveFormGame``).
///
/// ```yaml
/// parley: tree                 # kind marker (required)
/// version: 1                   # required; this reader knows 1
/// name: NAME                   # required
/// summary: TEXT                # optional
/// parameters:                  # optional, as in the other formats
///   q: {value: 3/4, range: [0, 1], unit: ..., source: ...}
/// players: [Designators, North Korea]   # at least one; names unique
/// tree: NODE                   # the root
/// ```
/// A `NODE` is one of three mappings, told apart by their keys:
/// ```yaml
/// # A decision: the player moves; the moves (at least one) in file order, each to a node.
/// {player: NAME, infoset: LABEL, moves: {MOVE: NODE, MOVE: NODE, ...}}
/// # A chance move: each move's probability is an exact number or a formula in [0, 1],
/// # and they sum to exactly 1 (the label is optional: `chance:` alone is allowed).
/// {chance: LABEL, moves: [{move: NAME, probability: FORMULA, then: NODE}, ...]}
/// # A terminal node: one payoff per player, in the order of `players:`.
/// {outcome: NAME, payoffs: [FORMULA, FORMULA, ...]}     # outcome: optional
/// ```
/// - Information sets: the decision nodes of one player that share an `infoset` label form
///   one information set (the player cannot tell them apart), and must offer the same moves
///   in the same order. A decision node without a label is a set of its own. Sets are
///   numbered per player in order of first use (pre-order), and named by their label.
/// - Each chance node is its own chance set, named by its label; each terminal carries its
///   own outcome, numbered in pre-order and named by `outcome` (default: no name).
/// - YAML anchors and aliases (`&name`, `*name`) may repeat a subtree; every copy counts
///   towards ``maxNodes``.
///
/// As with Gambit's `.efg` files (``EFGFile``), perfect recall is not required here: solvers
/// that need it check it. Every problem is a ``GameFileError`` at the offending node
/// (`path:line:col`): unknown or missing keys, a node that is none of the three kinds, an
/// unknown player (listing the players), a move named twice, a set whose nodes offer
/// different moves (naming the line of its first node), a probability outside [0, 1] or
/// probabilities not summing to 1 (exactly, at every instantiation), the wrong number of
/// payoffs, formulas that do not parse or evaluate (located inside the formula), more than
/// ``maxNodes`` nodes, and a tree more than ``maxDepth`` moves deep.
/// - Complexity: linear in the number of nodes (the tree is walked with an explicit stack,
///   not by recursion); an instantiation re-reads the YAML tree (no re-scan).
public enum TreeFile {
  /// The most nodes a tree in this format may have (counted as they are read, so aliases
  /// that repeat subtrees cannot make the walk unbounded).
  public static let maxNodes = 100_000
  /// The most moves from the root to any node.
  public static let maxDepth = 256

  /// Whether `text` looks like this format (its kind marker), for dispatch on `.yaml` files.
  public static func isTree(_ text: String) -> Bool {
    KindMarker.present("tree", in: text)
  }

  /// The game in `text` at its parameters' stated values.
  public static func parse(_ text: String, path: String = "<input>") throws(GameFileError)
    -> ExtensiveFormGame<Rational>
  {
    try parseParametric(text, path: path).defaults
  }

  /// The game in `text` in parametric form.
  ///
  /// - Throws: `GameFileError` located at the offending key, value or formula.
  public static func parseParametric(_ text: String, path: String = "<input>")
    throws(GameFileError) -> ParametricModel<ExtensiveFormGame<Rational>>
  {
    try ParametricModel.parse(text, path: path) { (root, scope) throws(GameFileError) in
      try game(root, scope: scope)
    }
  }

  /// The game in the file at `url`, in parametric form; errors name `path` (default: the
  /// file's path).
  public static func readParametric(contentsOf url: URL, path: String? = nil)
    throws(GameFileError) -> ParametricModel<ExtensiveFormGame<Rational>>
  {
    try ParametricModel.read(contentsOf: url, path: path) { (text, shown) throws(GameFileError) in
      try parseParametric(text, path: shown)
    }
  }

  typealias Game = ExtensiveFormGame<Rational>

  static func game(_ node: YAMLNode, scope: ParameterScope) throws(GameFileError) -> Game {
    let root = try node.mapping()
    try root.allowOnly(["parley", "version", "name", "summary", "parameters", "players", "tree"])
    try KindMarker.check(root, kind: "tree")
    let name = try root.required("name").name()
    let summary = try root.optional("summary")?.string() ?? ""
    let playersNode = try root.required("players")
    let players = try playersNode.names()
    guard !players.isEmpty else { throw playersNode.error("a game needs at least one player") }
    var playerIndex = [String: Int]()
    for (p, player) in players.enumerated() {
      if playerIndex[player] != nil {
        throw playersNode.error("player '\(player)' is named twice")
      }
      playerIndex[player] = p
    }
    var builder = Builder(players: players, playerIndex: playerIndex, scope: scope)
    try builder.walk(try root.required("tree"))
    return ExtensiveFormGame(
      title: name, comment: summary, players: players, informationSets: builder.sets,
      outcomes: builder.outcomes, nodes: builder.nodes)
  }

  /// The pre-order walk that builds the game's arrays.
  struct Builder {
    let players: [String]
    let playerIndex: [String: Int]
    let scope: ParameterScope
    var nodes = [Game.Node]()
    var sets = [Game.InformationSet]()
    var outcomes = [Game.Outcome]()
    /// Each player's labelled sets: index in `sets` and the line of the first node.
    var labelled = [Int: [String: (index: Int, line: Int)]]()
    /// Each player's sets so far (their numbers run from 1).
    var setCounts: [Int]
    var chanceSets = 0

    init(players: [String], playerIndex: [String: Int], scope: ParameterScope) {
      self.players = players
      self.playerIndex = playerIndex
      self.scope = scope
      self.setCounts = [Int](repeating: 0, count: players.count)
    }

    /// Reads the tree rooted at `root` in pre-order: a node is read, then its children's
    /// subtrees in move order (pushed on the stack in reverse).
    mutating func walk(_ root: YAMLNode) throws(GameFileError) {
      var stack = [(node: root, depth: 0)]
      while let (node, depth) = stack.popLast() {
        guard nodes.count < TreeFile.maxNodes else {
          throw node.error(
            "the tree has more than \(TreeFile.maxNodes) nodes (counting every copy of an "
              + "aliased subtree)")
        }
        guard depth <= TreeFile.maxDepth else {
          throw node.error("the tree is more than \(TreeFile.maxDepth) moves deep")
        }
        let m = try node.mapping()
        let children: [YAMLNode]
        if m.optional("player") != nil {
          children = try decision(node, m)
        } else if m.optional("chance") != nil {
          children = try chance(node, m)
        } else if m.optional("payoffs") != nil {
          try terminal(m)
          children = []
        } else {
          throw node.error(
            "\(node.context) is not a node: a decision has 'player' and 'moves', a chance "
              + "node 'chance' and 'moves', a terminal 'payoffs'")
        }
        for child in children.reversed() { stack.append((child, depth + 1)) }
      }
    }

    /// A decision node; returns its children in move order.
    mutating func decision(_ node: YAMLNode, _ m: YAMLMapping) throws(GameFileError)
      -> [YAMLNode]
    {
      try m.allowOnly(["player", "infoset", "moves"])
      let playerNode = try m.required("player")
      let player = try playerNode.name()
      guard let p = playerIndex[player] else {
        throw playerNode.error(
          "unknown player '\(player)'; the players are: " + players.joined(separator: ", "))
      }
      let movesNode = try m.required("moves")
      let moves = try movesNode.mapping()
      guard !moves.entries.isEmpty else {
        throw movesNode.error("a decision node needs at least one move")
      }
      var actions = [String]()
      var seen = Set<String>()
      for entry in moves.entries {
        let action = try entry.keyNode.name()
        guard seen.insert(action).inserted else {
          throw entry.keyNode.error("the move '\(action)' is named twice")
        }
        actions.append(action)
      }
      let h: Int
      if let labelNode = m.optional("infoset") {
        let label = try labelNode.name()
        if let existing = labelled[p]?[label] {
          guard sets[existing.index].actions == actions else {
            throw movesNode.error(
              "information set '\(label)' of \(player) has the moves "
                + actions.joined(separator: ", ") + " here but "
                + sets[existing.index].actions.joined(separator: ", ")
                + " at its node on line \(existing.line); the nodes of a set offer the same "
                + "moves in the same order")
          }
          h = existing.index
        } else {
          h = newSet(player: p, name: label, actions: actions)
          labelled[p, default: [:]][label] = (h, node.line)
        }
      } else {
        h = newSet(player: p, name: "", actions: actions)
      }
      nodes.append(Game.Node(informationSet: h))
      return moves.entries.map(\.value)
    }

    mutating func newSet(player p: Int, name: String, actions: [String]) -> Int {
      setCounts[p] += 1
      sets.append(.init(player: p, number: setCounts[p], name: name, actions: actions))
      return sets.count - 1
    }

    /// A chance node; returns its children in move order.
    mutating func chance(_ node: YAMLNode, _ m: YAMLMapping) throws(GameFileError)
      -> [YAMLNode]
    {
      try m.allowOnly(["chance", "moves"])
      let label = try m.required("chance").string().trimmingWhitespace
      let shown = label.isEmpty ? "the chance node" : "chance node '\(label)'"
      let movesNode = try m.required("moves")
      let list = try movesNode.sequence()
      guard !list.isEmpty else { throw movesNode.error("\(shown) needs at least one move") }
      var actions = [String]()
      var probabilities = [Rational]()
      var children = [YAMLNode]()
      var seen = Set<String>()
      for item in list {
        let e = try item.mapping()
        try e.allowOnly(["move", "probability", "then"])
        let moveNode = try e.required("move")
        let action = try moveNode.name()
        guard seen.insert(action).inserted else {
          throw moveNode.error("\(shown): the move '\(action)' is named twice")
        }
        let pNode = try e.required("probability")
        let probability = try scope.number(pNode)
        guard probability >= 0, probability <= 1 else {
          throw pNode.error(
            "\(shown): the probability of '\(action)' is \(probability), outside [0, 1]")
        }
        actions.append(action)
        probabilities.append(probability)
        children.append(try e.required("then"))
      }
      let total = probabilities.reduce(Rational.zero, +)
      guard total == 1 else {
        throw movesNode.error("the probabilities of \(shown) sum to \(total), not 1")
      }
      chanceSets += 1
      sets.append(
        .init(chance: chanceSets, name: label, actions: actions, probabilities: probabilities))
      nodes.append(Game.Node(label: label, informationSet: sets.count - 1))
      return children
    }

    /// A terminal node: its outcome.
    mutating func terminal(_ m: YAMLMapping) throws(GameFileError) {
      try m.allowOnly(["outcome", "payoffs"])
      let name = try m.optional("outcome")?.string().trimmingWhitespace ?? ""
      let valuesNode = try m.required("payoffs")
      let values = try valuesNode.sequence()
      guard values.count == players.count else {
        throw valuesNode.error(
          "a terminal has one payoff per player (\(players.count)), found \(values.count)")
      }
      var payoffs = [Rational]()
      payoffs.reserveCapacity(values.count)
      for v in values { payoffs.append(try scope.number(v)) }
      outcomes.append(.init(number: outcomes.count + 1, name: name, payoffs: payoffs))
      nodes.append(Game.Node(outcome: outcomes.count - 1))
    }
  }
}
