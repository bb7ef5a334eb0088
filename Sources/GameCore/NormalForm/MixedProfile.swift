// SPDX-License-Identifier: GPL-3.0-or-later

/// A mixed-strategy profile: one probability vector per player.
public struct MixedProfile<S: GameScalar>: Sendable, Hashable {
  /// `probabilities[p][s]`: the probability player `p` plays strategy `s`.
  public var probabilities: [[S]]

  public init(_ probabilities: [[S]]) {
    self.probabilities = probabilities
  }

  /// The profile in which each player plays the given pure strategy.
  public init(pure profile: [Int], shape: [Int]) {
    precondition(profile.count == shape.count)
    probabilities = zip(profile, shape).map { s, m in
      (0..<m).map { $0 == s ? S.one : S.zero }
    }
  }

  /// Player `p`'s mixed strategy.
  public subscript(player: Int) -> [S] { probabilities[player] }

  /// Whether every player's probabilities are non-negative and sum to one (within tolerance).
  public func isValid(tolerance: S = .defaultTolerance) -> Bool {
    probabilities.allSatisfy { row in
      row.allSatisfy { $0 >= -tolerance }
        && row.reduce(S.zero, +).isClose(to: .one, tolerance: tolerance)
    }
  }

  /// The indices of the strategies each player plays with positive probability.
  public func support(tolerance: S = .defaultTolerance) -> [[Int]] {
    probabilities.map { row in row.indices.filter { row[$0] > tolerance } }
  }

  /// Whether every player plays one strategy with probability one.
  public var isPure: Bool {
    probabilities.allSatisfy { row in row.filter { $0 != .zero }.count == 1 }
  }

  /// The same profile over another scalar type.
  public func converted<T: GameScalar>(to _: T.Type = T.self) -> MixedProfile<T> {
    MixedProfile<T>(probabilities.map { $0.map { T($0.rationalValue) } })
  }
}

extension GameScalar {
  @inlinable static var one: Self { 1 }
}

extension NormalFormGame {
  /// For each strategy `s` of `player`, the expected payoff of playing `s` while the others
  /// play `profile`: `u_p(s, σ_{-p})`.
  ///
  /// - Complexity: O(M), one pass over the profiles whose other-player strategies are all
  ///   in the support of `profile`.
  public func strategyValues(of player: Int, against profile: MixedProfile<S>) -> [S] {
    precondition(profile.probabilities.count == playerCount)
    let n = playerCount
    let own = strategies[player].count
    var values = [S](repeating: .zero, count: own)
    // Enumerate the supports of the other players only.
    let supports: [[Int]] = (0..<n).map { q in
      q == player ? [0] : profile.probabilities[q].indices.filter { profile.probabilities[q][$0] != .zero }
    }
    if supports.contains(where: \.isEmpty) { return values }
    var digits = [Int](repeating: 0, count: n)
    let table = payoffs[player]
    let ownStride = strides[player]
    while true {
      var weight = S.one
      var base = 0
      for q in 0..<n where q != player {
        let s = supports[q][digits[q]]
        weight = weight * profile.probabilities[q][s]
        base += s * strides[q]
      }
      for s in 0..<own {
        values[s] += weight * table[base + s * ownStride]
      }
      // Advance the odometer over the other players' supports.
      var q = 0
      while q < n {
        if q != player {
          digits[q] += 1
          if digits[q] < supports[q].count { break }
          digits[q] = 0
        }
        q += 1
      }
      if q == n { break }
    }
    return values
  }

  /// `player`'s expected payoff at `profile`.
  public func payoff(to player: Int, at profile: MixedProfile<S>) -> S {
    let values = strategyValues(of: player, against: profile)
    return zip(values, profile.probabilities[player]).reduce(S.zero) { $0 + $1.0 * $1.1 }
  }

  /// Every player's expected payoff at `profile`.
  public func payoffs(at profile: MixedProfile<S>) -> [S] {
    (0..<playerCount).map { payoff(to: $0, at: profile) }
  }

  /// How much `player` could gain by deviating from `profile` to a best response.
  public func regret(of player: Int, at profile: MixedProfile<S>) -> S {
    let values = strategyValues(of: player, against: profile)
    let current = zip(values, profile.probabilities[player]).reduce(S.zero) { $0 + $1.0 * $1.1 }
    let best = values.max()!
    return best - current
  }

  /// The largest regret over all players; zero exactly at a Nash equilibrium.
  public func maxRegret(at profile: MixedProfile<S>) -> S {
    (0..<playerCount).map { regret(of: $0, at: profile) }.max()!
  }

  /// Whether `profile` is a valid profile at which no player gains more than `tolerance` by
  /// deviating.
  public func isNashEquilibrium(_ profile: MixedProfile<S>, tolerance: S = .defaultTolerance)
    -> Bool
  {
    guard profile.probabilities.count == playerCount,
      zip(profile.probabilities, strategies).allSatisfy({ $0.count == $1.count }),
      profile.isValid(tolerance: tolerance)
    else { return false }
    return maxRegret(at: profile) <= tolerance
  }

  /// The pure best responses of `player` to `profile`.
  public func bestResponses(of player: Int, to profile: MixedProfile<S>,
    tolerance: S = .defaultTolerance) -> [Int]
  {
    let values = strategyValues(of: player, against: profile)
    let best = values.max()!
    return values.indices.filter { values[$0] >= best - tolerance }
  }
}
