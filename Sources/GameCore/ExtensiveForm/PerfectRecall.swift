// SPDX-License-Identifier: GPL-3.0-or-later

extension ExtensiveFormGame {
  /// One move of a player: the information set (index into ``informationSets``) and the
  /// action taken there.
  public struct Move: Sendable, Hashable {
    /// The information set's index.
    public var informationSet: Int
    /// The action's index within the set.
    public var action: Int

    public init(informationSet: Int, action: Int) {
      self.informationSet = informationSet
      self.action = action
    }
  }

  /// The moves `player` made on the path from the root to `node`, root first (the player's
  /// *experience* at the node, Kuhn 1953).
  ///
  /// - Complexity: O(depth of `node`).
  public func ownHistory(of player: Int, at node: Int) -> [Move] {
    var moves = [Move]()
    var child = node
    while let parent = nodes[child].parent {
      if let h = nodes[parent].informationSet, informationSets[h].mover == .player(player) {
        let a = nodes[parent].children.firstIndex(of: child)!
        moves.append(Move(informationSet: h, action: a))
      }
      child = parent
    }
    return moves.reversed()
  }

  /// Why the game lacks perfect recall, or `nil` when it has it.
  ///
  /// A game has perfect recall when every player remembers everything they knew and did:
  /// all nodes of one information set share the player's own history — the same sequence of
  /// (information set, action) pairs from the root (Kuhn 1953; Osborne & Rubinstein 1994,
  /// §11.1.3). Steps: one pre-order pass gives each node each player's last own move (its
  /// parent's, updated at that player's nodes); two nodes of one set recall alike exactly when
  /// their last own moves agree, since the earlier history is then recalled at that move's set
  /// (checked there, by induction on depth).
  ///
  /// - Complexity: O(nodes × players).
  public func perfectRecallViolation() -> String? {
    let n = playerCount
    // last[node * n + p]: p's last move before reaching node, as (set, action) or nil.
    var last = [Move?](repeating: nil, count: nodes.count * n)
    for v in nodes.indices {
      guard let h = nodes[v].informationSet else { continue }
      let mover = informationSets[h].mover
      for (a, c) in nodes[v].children.enumerated() {
        for p in 0..<n { last[c * n + p] = last[v * n + p] }
        if case .player(let p) = mover { last[c * n + p] = Move(informationSet: h, action: a) }
      }
    }
    for (k, set) in informationSets.enumerated() {
      guard case .player(let p) = set.mover, let first = set.members.first else { continue }
      for v in set.members.dropFirst() where last[v * n + p] != last[first * n + p] {
        let who = players[p].isEmpty ? "player \(p + 1)" : "player \(p + 1) (\(players[p]))"
        return "information set \(k) (number \(set.number)) of \(who) holds nodes \(first) and "
          + "\(v), which the player reaches by different own moves: the game lacks perfect "
          + "recall"
      }
    }
    return nil
  }

  /// Whether every player always remembers their own earlier moves and information.
  public var hasPerfectRecall: Bool { perfectRecallViolation() == nil }

  /// For each node, the number of moves its mover (a player) made before reaching it; `-1`
  /// for chance and terminal nodes. Under perfect recall all members of a set share it.
  ///
  /// - Complexity: O(nodes × players).
  func ownDepths() -> [Int] {
    let n = playerCount
    var count = [Int](repeating: 0, count: nodes.count * n)
    var depth = [Int](repeating: -1, count: nodes.count)
    for v in nodes.indices {
      guard let h = nodes[v].informationSet else { continue }
      let mover = informationSets[h].mover
      if case .player(let p) = mover { depth[v] = count[v * n + p] }
      for c in nodes[v].children {
        for p in 0..<n { count[c * n + p] = count[v * n + p] }
        if case .player(let p) = mover { count[c * n + p] += 1 }
      }
    }
    return depth
  }
}
