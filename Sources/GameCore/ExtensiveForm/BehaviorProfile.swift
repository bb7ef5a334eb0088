// SPDX-License-Identifier: GPL-3.0-or-later

/// A behaviour-strategy profile of an extensive-form game: a probability vector over the
/// actions of every information set.
///
/// `probabilities[k]` belongs to the game's information set `k` (players' and chance's alike,
/// in the game's order); for chance sets it holds the chance probabilities.
public struct BehaviorProfile<S: GameScalar>: Sendable, Hashable {
  /// `probabilities[k][a]`: the probability of action `a` at information set `k`.
  public var probabilities: [[S]]

  public init(_ probabilities: [[S]]) {
    self.probabilities = probabilities
  }

  /// The distribution at information set `k`.
  public subscript(k: Int) -> [S] { probabilities[k] }

  /// The same profile over another scalar type.
  public func converted<T: GameScalar>(to _: T.Type = T.self) -> BehaviorProfile<T> {
    BehaviorProfile<T>(probabilities.map { $0.map { T($0.rationalValue) } })
  }
}

extension ExtensiveFormGame {
  /// The profile that plays the given distributions at players' sets and the chance
  /// probabilities at chance sets; `choose(k)` is asked only for players' sets.
  public func behaviorProfile(_ choose: (Int) -> [S]) -> BehaviorProfile<S> {
    BehaviorProfile(
      informationSets.indices.map { k in
        informationSets[k].mover == .chance ? informationSets[k].probabilities : choose(k)
      })
  }

  /// The profile in which every player mixes uniformly at every set.
  public var centroid: BehaviorProfile<S> {
    behaviorProfile { k in
      let m = informationSets[k].actions.count
      return [S](repeating: S(Rational(1, m)), count: m)
    }
  }

  /// Whether the profile has one distribution per set with the set's action count,
  /// non-negative probabilities summing to one (within `tolerance`), and chance's own
  /// probabilities at chance sets.
  public func isValid(_ profile: BehaviorProfile<S>, tolerance: S = .defaultTolerance) -> Bool {
    guard profile.probabilities.count == informationSets.count else { return false }
    for (k, set) in informationSets.enumerated() {
      let row = profile.probabilities[k]
      guard row.count == set.actions.count else { return false }
      if set.mover == .chance {
        if !zip(row, set.probabilities).allSatisfy({ $0.isClose(to: $1, tolerance: tolerance) }) {
          return false
        }
        continue
      }
      if row.contains(where: { $0 < -tolerance }) { return false }
      if !row.reduce(S.zero, +).isClose(to: 1, tolerance: tolerance) { return false }
    }
    return true
  }

  /// The probability of reaching each node under `profile`, in pre-order.
  ///
  /// - Complexity: O(nodes).
  public func realizationProbabilities(_ profile: BehaviorProfile<S>) -> [S] {
    var reach = [S](repeating: .zero, count: nodes.count)
    reach[root] = 1
    for v in nodes.indices {
      guard let h = nodes[v].informationSet else { continue }
      for (a, c) in nodes[v].children.enumerated() {
        reach[c] = reach[v] * profile.probabilities[h][a]
      }
    }
    return reach
  }

  /// Every player's expected payoff under `profile`.
  ///
  /// Steps: one reverse pass over the pre-order (children before parents) gives each node's
  /// expected payoffs from its outcome and its children's values.
  /// - Complexity: O(nodes × players).
  public func expectedPayoffs(_ profile: BehaviorProfile<S>) -> [S] {
    let n = playerCount
    var value = [S](repeating: .zero, count: nodes.count * n)
    for v in nodes.indices.reversed() {
      let node = nodes[v]
      if let h = node.informationSet {
        for (a, c) in node.children.enumerated() {
          let pr = profile.probabilities[h][a]
          if pr == .zero { continue }
          for p in 0..<n { value[v * n + p] += pr * value[c * n + p] }
        }
      }
      if let o = node.outcome {
        for p in 0..<n { value[v * n + p] += outcomes[o].payoffs[p] }
      }
    }
    return Array(value[0..<n])
  }

  /// The most `player` can expect by changing their own behaviour while the others (and
  /// chance) keep `profile`, with a best response attaining it.
  ///
  /// Backward induction over the player's own information sets, deepest first (the number of
  /// the player's earlier moves orders them, since the game has perfect recall): a set's
  /// action value is `Σ_{x ∈ set} ρ₋ᵢ(x) · W(child(x, a))`, where `ρ₋ᵢ` is the probability
  /// that chance and the others lead to `x` and `W` is the expected payoff of a subtree under
  /// the choices already made below (von Stengel 1996, §3; Kuhn 1953).
  ///
  /// - Precondition: the game has perfect recall.
  /// - Returns: the best-response value and, per information set of `player`, a best action
  ///   (`nil` at other sets).
  /// - Complexity: O(nodes × (1 + depth in the player's own moves)).
  public func bestResponse(of player: Int, to profile: BehaviorProfile<S>)
    -> (value: S, actions: [Int?])
  {
    var rho = [S](repeating: .zero, count: nodes.count)
    rho[root] = 1
    for v in nodes.indices {
      guard let h = nodes[v].informationSet else { continue }
      let mine = informationSets[h].mover == .player(player)
      for (a, c) in nodes[v].children.enumerated() {
        rho[c] = mine ? rho[v] : rho[v] * profile.probabilities[h][a]
      }
    }
    let depth = ownDepths()
    var choice = [Int?](repeating: nil, count: informationSets.count)
    var w = [S](repeating: .zero, count: nodes.count)
    let mySets = informationSets(of: player)
    let maxLevel = mySets.map { depth[informationSets[$0].members[0]] }.max() ?? -1
    func pass() {
      for v in nodes.indices.reversed() {
        let node = nodes[v]
        var total = S.zero
        if let h = node.informationSet {
          if informationSets[h].mover == .player(player) {
            if let a = choice[h] { total = w[node.children[a]] }
          } else {
            for (a, c) in node.children.enumerated() {
              let pr = profile.probabilities[h][a]
              if pr != .zero { total += pr * w[c] }
            }
          }
        }
        if let o = node.outcome { total += outcomes[o].payoffs[player] }
        w[v] = total
      }
    }
    var level = maxLevel
    while level >= 0 {
      pass()
      for h in mySets where depth[informationSets[h].members[0]] == level {
        var best = 0
        var bestValue = S.zero
        for a in informationSets[h].actions.indices {
          var q = S.zero
          for x in informationSets[h].members where rho[x] != .zero {
            q += rho[x] * w[nodes[x].children[a]]
          }
          if a == 0 || q > bestValue {
            best = a
            bestValue = q
          }
        }
        choice[h] = best
      }
      level -= 1
    }
    pass()
    return (w[root], choice)
  }

  /// How much `player` gains by a best response to `profile`.
  public func regret(of player: Int, at profile: BehaviorProfile<S>) -> S {
    let gain = bestResponse(of: player, to: profile).value - expectedPayoffs(profile)[player]
    return gain < .zero ? .zero : gain
  }

  /// The largest regret over all players; zero exactly at a Nash equilibrium.
  public func maxRegret(at profile: BehaviorProfile<S>) -> S {
    (0..<playerCount).map { regret(of: $0, at: profile) }.max() ?? .zero
  }

  /// Whether `profile` is valid and no player gains more than `tolerance` by deviating.
  ///
  /// - Precondition: the game has perfect recall.
  public func isNashEquilibrium(_ profile: BehaviorProfile<S>, tolerance: S = .defaultTolerance)
    -> Bool
  {
    isValid(profile, tolerance: tolerance) && maxRegret(at: profile) <= tolerance
  }
}
