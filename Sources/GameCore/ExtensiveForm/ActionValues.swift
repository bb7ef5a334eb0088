// SPDX-License-Identifier: GPL-3.0-or-later

extension ExtensiveFormGame {
  /// Every node's expected payoffs under `profile`: the value of the subtree below it (its
  /// outcome included), one entry per player, in pre-order.
  ///
  /// Steps: one reverse pass over the pre-order (children before parents), as in
  /// ``expectedPayoffs(_:)``, keeping every node's values.
  /// - Complexity: O(nodes × players).
  public func subtreePayoffs(_ profile: BehaviorProfile<S>) -> [[S]] {
    let n = playerCount
    var value = [[S]](repeating: [S](repeating: .zero, count: n), count: nodes.count)
    for v in nodes.indices.reversed() {
      let node = nodes[v]
      var here = [S](repeating: .zero, count: n)
      if let h = node.informationSet {
        for (a, c) in node.children.enumerated() {
          let pr = profile.probabilities[h][a]
          if pr == .zero { continue }
          for p in 0..<n { here[p] += pr * value[c][p] }
        }
      }
      if let o = node.outcome {
        for p in 0..<n { here[p] += outcomes[o].payoffs[p] }
      }
      value[v] = here
    }
    return value
  }

  /// What each action of each player's information set is worth to its mover when everyone
  /// plays `profile` below it: `values[h][a]` for a player's set `h` (empty for chance sets).
  ///
  /// At a set of one node `x` this is the mover's expected payoff in the subtree of `x`'s
  /// child by action `a` (the quantity backward induction compares). At a set of several
  /// nodes it is `Σ_{x ∈ h} ρ₋ᵢ(x) · W(child(x, a))`, where `ρ₋ᵢ(x)` is the probability that
  /// chance and the other players lead to `x` and `W` the mover's subtree value, as in
  /// ``bestResponse(of:to:)`` (von Stengel 1996, §3); when no member can be reached that
  /// way, every member counts once. Differences of these values are the margins whose signs
  /// decide which actions are optimal (a parameter sweep locates where they cross zero).
  /// - Complexity: O(nodes × players).
  public func actionValues(under profile: BehaviorProfile<S>) -> [[S]] {
    let n = playerCount
    let w = subtreePayoffs(profile)
    // ρ₋ᵢ for every player i at every node.
    var rho = [[S]](repeating: [S](repeating: .zero, count: n), count: nodes.count)
    rho[root] = [S](repeating: 1, count: n)
    for v in nodes.indices {
      guard let h = nodes[v].informationSet else { continue }
      let mover = informationSets[h].mover
      for (a, c) in nodes[v].children.enumerated() {
        let pr = profile.probabilities[h][a]
        var next = rho[v]
        for p in 0..<n where mover != .player(p) { next[p] *= pr }
        rho[c] = next
      }
    }
    return informationSets.map { set -> [S] in
      guard case .player(let i) = set.mover else { return [] }
      var weights = set.members.map { set.members.count == 1 ? S(1) : rho[$0][i] }
      if weights.allSatisfy({ $0 == .zero }) { weights = weights.map { _ in S(1) } }
      return set.actions.indices.map { a in
        var total = S.zero
        for (x, weight) in zip(set.members, weights) where weight != .zero {
          total += weight * w[nodes[x].children[a]][i]
        }
        return total
      }
    }
  }
}
