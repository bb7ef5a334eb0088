// SPDX-License-Identifier: GPL-3.0-or-later

/// The sequence form of an extensive-form game with perfect recall (Koller, Megiddo & von
/// Stengel 1996; von Stengel 1996, §3): each player's *sequences* of own moves, the linear
/// constraints `E x = e` that make a vector a realization plan, and the leaves' payoffs
/// indexed by the sequences that lead to them.
///
/// Player `p`'s sequence 0 is the empty sequence; set `h` of `p` (in the game's order) with
/// `k` actions contributes the sequences ``firstSequence``[h] ..< that + k. Row 0 of `E` is
/// `x_∅ = 1`; the row of set `h` is `Σ_a x_(h,a) − x_parent(h) = 0`.
public struct SequenceForm<S: GameScalar>: Sendable {
  /// A terminal node reached with positive chance probability.
  public struct Leaf: Sendable, Hashable {
    /// The node.
    public var node: Int
    /// The sequence of each player leading to it.
    public var sequences: [Int]
    /// The product of the chance probabilities on its path.
    public var chance: S
    /// Each player's payoff there (the sum of the outcomes on its path).
    public var payoffs: [S]
  }

  /// Number of sequences of each player.
  public let sequenceCounts: [Int]
  /// For each information set of a player, the index of its first action's sequence (among
  /// its player's sequences); `-1` for chance sets.
  public let firstSequence: [Int]
  /// For each information set of a player, the sequence leading to it (its *parent
  /// sequence*); `-1` for chance sets.
  public let parentSequence: [Int]
  /// `constraintSets[p]`: the sets whose rows follow row 0 in player `p`'s `E`, in order.
  public let constraintSets: [[Int]]
  /// The leaves with positive chance probability, in pre-order.
  public let leaves: [Leaf]

  /// Builds the sequence form.
  ///
  /// - Precondition: the game has perfect recall.
  /// - Complexity: O(nodes × players).
  public init(_ game: ExtensiveFormGame<S>) {
    let n = game.playerCount
    var counts = [Int](repeating: 1, count: n)
    var first = [Int](repeating: -1, count: game.informationSets.count)
    var sets = [[Int]](repeating: [], count: n)
    for (k, set) in game.informationSets.enumerated() {
      guard case .player(let p) = set.mover else { continue }
      first[k] = counts[p]
      counts[p] += set.actions.count
      sets[p].append(k)
    }
    var parent = [Int](repeating: -1, count: game.informationSets.count)
    // Forward pass: each node's current sequence per player, chance weight and payoffs.
    var seq = [Int](repeating: 0, count: game.nodes.count * n)
    var chance = [S](repeating: .zero, count: game.nodes.count)
    var pay = [S](repeating: .zero, count: game.nodes.count * n)
    chance[game.root] = 1
    var leaves = [Leaf]()
    for v in game.nodes.indices {
      let node = game.nodes[v]
      if let o = node.outcome {
        for p in 0..<n { pay[v * n + p] += game.outcomes[o].payoffs[p] }
      }
      guard let h = node.informationSet else {
        if chance[v] != .zero {
          leaves.append(Leaf(node: v, sequences: Array(seq[(v * n)..<(v * n + n)]),
            chance: chance[v], payoffs: Array(pay[(v * n)..<(v * n + n)])))
        }
        continue
      }
      let mover = game.informationSets[h].mover
      if case .player(let p) = mover { parent[h] = seq[v * n + p] }
      for (a, c) in node.children.enumerated() {
        for p in 0..<n {
          seq[c * n + p] = seq[v * n + p]
          pay[c * n + p] = pay[v * n + p]
        }
        switch mover {
        case .chance: chance[c] = chance[v] * game.informationSets[h].probabilities[a]
        case .player(let p):
          chance[c] = chance[v]
          seq[c * n + p] = first[h] + a
        }
      }
    }
    sequenceCounts = counts
    firstSequence = first
    parentSequence = parent
    constraintSets = sets
    self.leaves = leaves
  }

  /// The behaviour profile of realization plans `plans[p]` (one entry per sequence):
  /// `b(h, a) = x_(h,a) / x_parent(h)`, uniform where the parent has probability zero.
  public func behaviorProfile(_ plans: [[S]], in game: ExtensiveFormGame<S>)
    -> BehaviorProfile<S>
  {
    game.behaviorProfile { k in
      guard case .player(let p) = game.informationSets[k].mover else { return [] }
      let m = game.informationSets[k].actions.count
      let reach = plans[p][parentSequence[k]]
      if reach == .zero { return [S](repeating: S(Rational(1, m)), count: m) }
      let inverse = reach.reciprocal!
      return (0..<m).map { plans[p][firstSequence[k] + $0] * inverse }
    }
  }
}
