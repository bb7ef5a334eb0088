// SPDX-License-Identifier: GPL-3.0-or-later

/// A finite game in extensive form: a tree of chance moves and player decisions, grouped into
/// information sets, with outcomes attached to nodes.
///
/// The model follows Gambit's (Kuhn's) extensive form, as its `.efg` files describe it:
/// - ``nodes`` holds the tree in pre-order: `nodes[0]` is the root, and each node is followed
///   by the subtrees of its children in action order. A decision node has one child per
///   action of its information set; a node without an information set is terminal.
/// - An ``InformationSet`` belongs to a player or to chance, has a number that is unique for
///   its mover (as in the file), a name, action labels, and, for chance, one exact probability
///   per action. Its ``InformationSet/members`` are the nodes that share it.
/// - An ``Outcome`` has a number (unique, as in the file), a name and one payoff per player.
///   Outcomes may sit on any node; a player's payoff at a leaf is the sum of the outcomes on
///   the path from the root (``payoffs(at:)``).
///
/// Players are 0-based (``Mover/player(_:)``), unlike the 1-based numbers in files. The type
/// is a plain value; derived data (parents, children, members) is computed once by the
/// initialiser.
///
/// Information sets and outcomes that no node uses cannot be written to an `.efg` file, and a
/// file lists them in order of first use; games read from files satisfy both.
public struct ExtensiveFormGame<S: GameScalar>: Sendable, Hashable {
  /// Who moves at a decision node.
  public enum Mover: Sendable, Hashable {
    /// A chance move, with fixed probabilities.
    case chance
    /// The player with this 0-based index.
    case player(Int)
  }

  /// A set of decision nodes the mover cannot tell apart; all share the same actions.
  public struct InformationSet: Sendable, Hashable {
    /// Who moves here.
    public var mover: Mover
    /// The set's number, unique among its mover's sets (positive, as in the file).
    public var number: Int
    /// The set's name.
    public var name: String
    /// Action labels, in child order.
    public var actions: [String]
    /// For chance sets, each action's probability (non-negative, summing to 1); empty for
    /// players' sets.
    public var probabilities: [S]
    /// The member nodes, in pre-order (filled in by the game's initialiser).
    public internal(set) var members: [Int] = []

    /// A player's information set.
    public init(player: Int, number: Int, name: String = "", actions: [String]) {
      self.mover = .player(player)
      self.number = number
      self.name = name
      self.actions = actions
      self.probabilities = []
    }

    /// A chance information set.
    public init(chance number: Int, name: String = "", actions: [String], probabilities: [S]) {
      self.mover = .chance
      self.number = number
      self.name = name
      self.actions = actions
      self.probabilities = probabilities
    }
  }

  /// A labelled vector of payoffs attached to one or more nodes.
  public struct Outcome: Sendable, Hashable {
    /// The outcome's number, unique in the game (positive, as in the file).
    public var number: Int
    /// The outcome's name.
    public var name: String
    /// One payoff per player.
    public var payoffs: [S]

    public init(number: Int, name: String = "", payoffs: [S]) {
      self.number = number
      self.name = name
      self.payoffs = payoffs
    }
  }

  /// A node of the game tree.
  public struct Node: Sendable, Hashable {
    /// The node's label (labels may repeat; old Gambit files repeat them).
    public var label: String
    /// The index in ``ExtensiveFormGame/informationSets`` of the node's set, or `nil` for a
    /// terminal node.
    public var informationSet: Int?
    /// The index in ``ExtensiveFormGame/outcomes`` of the node's outcome, if any.
    public var outcome: Int?
    /// The parent node, `nil` for the root (filled in by the game's initialiser).
    public internal(set) var parent: Int? = nil
    /// The children, one per action (filled in by the game's initialiser).
    public internal(set) var children: [Int] = []

    public init(label: String = "", informationSet: Int? = nil, outcome: Int? = nil) {
      self.label = label
      self.informationSet = informationSet
      self.outcome = outcome
    }

    /// Whether the node ends the game.
    public var isTerminal: Bool { informationSet == nil }
  }

  /// The game's title.
  public var title: String
  /// A free-text comment.
  public var comment: String
  /// Player names, in order.
  public var players: [String]
  /// The information sets (of players and of chance), in order of first use.
  public private(set) var informationSets: [InformationSet]
  /// The outcomes, in order of first use.
  public private(set) var outcomes: [Outcome]
  /// The tree in pre-order; `nodes[0]` is the root.
  public private(set) var nodes: [Node]

  /// Creates a game from its tree in pre-order, computing parents, children and members.
  ///
  /// - Precondition: ``validationProblem(players:informationSets:outcomes:nodes:)`` is `nil`
  ///   for the arguments.
  /// - Complexity: O(number of nodes + information sets + outcomes × players).
  public init(
    title: String = "", comment: String = "", players: [String],
    informationSets: [InformationSet], outcomes: [Outcome], nodes: [Node]
  ) {
    if let problem = Self.validationProblem(
      players: players, informationSets: informationSets, outcomes: outcomes, nodes: nodes)
    {
      preconditionFailure("ExtensiveFormGame: \(problem)")
    }
    self.title = title
    self.comment = comment
    self.players = players
    self.outcomes = outcomes
    var sets = informationSets
    for k in sets.indices { sets[k].members = [] }
    var tree = nodes
    // (node, children still to come) for the open decision nodes on the current path.
    var open = [(node: Int, remaining: Int)]()
    for i in tree.indices {
      if let top = open.last {
        tree[i].parent = top.node
        tree[top.node].children.append(i)
        if top.remaining == 1 { open.removeLast() } else { open[open.count - 1].remaining -= 1 }
      }
      tree[i].children = []
      if let h = tree[i].informationSet {
        sets[h].members.append(i)
        open.append((i, sets[h].actions.count))
      }
    }
    self.informationSets = sets
    self.nodes = tree
  }

  /// Why the arguments do not describe a game, or `nil` when they do.
  ///
  /// Checks: at least one player; each information set has a mover in range, a positive
  /// number unique for its mover and at least one action, and a chance set has one
  /// non-negative probability per action summing to 1 (within `S.defaultTolerance`); each
  /// outcome has a positive unique number and one payoff per player; every node's indices
  /// are in range; and the pre-order list forms exactly one complete tree.
  public static func validationProblem(
    players: [String], informationSets: [InformationSet], outcomes: [Outcome], nodes: [Node]
  ) -> String? {
    let n = players.count
    if n == 0 { return "a game needs at least one player" }
    var numbers = [Mover: Set<Int>]()
    for (k, h) in informationSets.enumerated() {
      if case .player(let p) = h.mover, !(0..<n).contains(p) {
        return "information set \(k) belongs to player \(p), out of range"
      }
      if h.number < 1 { return "information set \(k) has number \(h.number), not positive" }
      if !numbers[h.mover, default: []].insert(h.number).inserted {
        return "information set \(k) repeats number \(h.number) for the same mover"
      }
      if h.actions.isEmpty { return "information set \(k) has no actions" }
      if h.mover == .chance {
        if h.probabilities.count != h.actions.count {
          return "chance information set \(k) needs one probability per action"
        }
        if h.probabilities.contains(where: { $0 < .zero }) {
          return "chance information set \(k) has a negative probability"
        }
        let total = h.probabilities.reduce(S.zero, +)
        if !total.isClose(to: 1) {
          return "the probabilities of chance information set \(k) sum to \(total), not 1"
        }
      } else if !h.probabilities.isEmpty {
        return "information set \(k) belongs to a player but has probabilities"
      }
    }
    var outcomeNumbers = Set<Int>()
    for (k, o) in outcomes.enumerated() {
      if o.number < 1 { return "outcome \(k) has number \(o.number), not positive" }
      if !outcomeNumbers.insert(o.number).inserted {
        return "outcome \(k) repeats number \(o.number)"
      }
      if o.payoffs.count != n { return "outcome \(k) needs one payoff per player" }
    }
    if nodes.isEmpty { return "the tree has no nodes" }
    var pending = 1
    for (i, node) in nodes.enumerated() {
      if pending == 0 { return "node \(i) comes after the tree is complete" }
      pending -= 1
      if let o = node.outcome, !outcomes.indices.contains(o) {
        return "node \(i) has outcome index \(o), out of range"
      }
      if let h = node.informationSet {
        guard informationSets.indices.contains(h) else {
          return "node \(i) has information set index \(h), out of range"
        }
        pending += informationSets[h].actions.count
      }
    }
    if pending > 0 { return "the tree is incomplete: \(pending) children are missing" }
    return nil
  }

  // MARK: - Queries

  /// Number of players (chance not counted).
  @inlinable public var playerCount: Int { players.count }

  /// The root node's index.
  @inlinable public var root: Int { 0 }

  /// Who moves at `node`, or `nil` at a terminal node.
  public func mover(at node: Int) -> Mover? {
    nodes[node].informationSet.map { informationSets[$0].mover }
  }

  /// The indices of `player`'s information sets, in order.
  public func informationSets(of player: Int) -> [Int] {
    informationSets.indices.filter { informationSets[$0].mover == .player(player) }
  }

  /// The indices of the terminal nodes, in pre-order.
  public var terminalNodes: [Int] { nodes.indices.filter { nodes[$0].isTerminal } }

  /// Each player's payoff at `node`: the sum of the outcomes from the root down to it.
  ///
  /// - Complexity: O(depth × players).
  public func payoffs(at node: Int) -> [S] {
    var total = [S](repeating: .zero, count: playerCount)
    var current: Int? = node
    while let v = current {
      if let o = nodes[v].outcome {
        for p in 0..<playerCount { total[p] += outcomes[o].payoffs[p] }
      }
      current = nodes[v].parent
    }
    return total
  }

  /// Whether every information set has exactly one member.
  public var isPerfectInformation: Bool { informationSets.allSatisfy { $0.members.count == 1 } }
}

extension ExtensiveFormGame {
  /// The same game over another scalar type (chance probabilities and payoffs converted
  /// through their exact rational values).
  ///
  /// - Precondition: for an inexact `T`, the rounded chance probabilities still sum to 1
  ///   within `T.defaultTolerance`.
  public func converted<T: GameScalar>(to _: T.Type = T.self) -> ExtensiveFormGame<T> {
    let sets = informationSets.map { h -> ExtensiveFormGame<T>.InformationSet in
      switch h.mover {
      case .chance:
        return .init(chance: h.number, name: h.name, actions: h.actions,
          probabilities: h.probabilities.map { T($0.rationalValue) })
      case .player(let p):
        return .init(player: p, number: h.number, name: h.name, actions: h.actions)
      }
    }
    return ExtensiveFormGame<T>(
      title: title, comment: comment, players: players, informationSets: sets,
      outcomes: outcomes.map {
        .init(number: $0.number, name: $0.name, payoffs: $0.payoffs.map { T($0.rationalValue) })
      },
      nodes: nodes.map { .init(label: $0.label, informationSet: $0.informationSet,
        outcome: $0.outcome) })
  }
}
