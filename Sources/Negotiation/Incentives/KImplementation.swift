// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// Payments that make a target pure profile an equilibrium of a normal-form game:
/// Monderer and Tennenholtz's *k-implementation*.
///
/// An interested party (the sponsor) commits to non-negative payments `V_i(s)` to player `i`
/// at profile `s`; the players then play the game `U + V`. Monderer & Tennenholtz,
/// "k-Implementation", *Journal of Artificial Intelligence Research* 21 (2004) 37–62, observe
/// that promises made at profiles nobody plays cost nothing: what the sponsor pays is `V(z)`
/// at the profile `z` actually reached. Two questions are answered exactly:
///
/// 1. ``nashPayments(for:target:margin:)``: the cheapest payments that make `z` a (strict,
///    with `margin > 0`) Nash equilibrium. With non-negative payments, paying anywhere but at
///    `z` can only raise deviation payoffs, so the optimum pays at `z` only:
///    `p_i = max(0, max_{x_i ≠ z_i} U_i(x_i, z_{-i}) + margin − U_i(z))`, cost `Σ_i p_i`.
/// 2. ``dominantStrategyPayments(for:target:margin:offPathMargin:)``: promises that make
///    every `z_i` dominant (M&T §3, exact implementation of a singleton: promise player `i`
///    at each `(z_i, s_{-i})` the largest gain any deviation would have there). The promise
///    table is the pointwise-smallest one with `z_i` dominant, so it minimises the total
///    promised; the cost actually paid, `Σ_i V_i(z)`, equals the Nash cost of (1): M&T's
///    result that a singleton's implementation cost is `Σ_i max_{x_i}(U_i(x_i, z_{-i}) −
///    U_i(z))`, zero for a Nash equilibrium. An `offPathMargin > 0` adds that much to every
///    promise at `(z_i, s_{-i})`, `s_{-i} ≠ z_{-i}`, so each other strategy is strictly
///    worse somewhere and the non-dominated strategies are exactly `z` (M&T's notion of
///    implementation), still at zero extra cost on the path.
///
/// Every answer is verified on the changed game `U + V`: exact regret at `z` through
/// ``NormalFormGame/regret(of:at:)``, and dominance by comparing every pair of strategies
/// against every opponent profile.
/// - Complexity: O(M · n) for `M` profiles and `n` players (each profile visited once per
///   player), plus the same again for verification.
public enum KImplementation {
  /// One player's payments.
  public struct PlayerPayment: Sendable, Hashable {
    public var player: Int
    /// `U_i(z)`.
    public var targetPayoff: Rational
    /// `max_{x_i ≠ z_i} U_i(x_i, z_{-i})` (the target payoff when the player has one strategy).
    public var bestDeviationPayoff: Rational
    /// What the sponsor pays the player at the target profile.
    public var paymentAtTarget: Rational
  }

  /// The answer: the payments, the changed game, the costs and the provenance.
  public struct Result: Sendable {
    public var target: [Int]
    public var players: [PlayerPayment]
    /// `promises[i][k]`: the payment promised to player `i` at the profile with index `k`
    /// (in the game's profile-index order).
    public var promises: [[Rational]]
    /// `U + V`.
    public var changedGame: NormalFormGame<Rational>
    /// What is paid when the target is played: `Σ_i V_i(z)`.
    public var costAtTarget: Rational
    /// `Σ_i Σ_s V_i(s)`: everything promised.
    public var totalPromised: Rational
    /// The largest `Σ_i V_i(s)` over profiles of non-dominated strategies in `U + V` (M&T's
    /// cost of an implementation); `nil` for ``KImplementation/nashPayments(for:target:margin:)``.
    public var worstCaseCost: Rational?
    /// Each player's strategies not weakly dominated by a pure strategy in `U + V`.
    public var undominated: [[Int]]
    public var method: String
    public var isExact: Bool { true }
    public var parameters: [String: String]
    public var status: SolverStatus
    public var notes: [String]
  }

  /// The cheapest non-negative payments, at the target profile only, that make `target` a
  /// Nash equilibrium, with every deviation losing at least `margin` (strict when positive).
  ///
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` when the target is not a profile of the
  ///   game or the margin is negative; ``SolverError/numerical(_:_:)`` if verification fails.
  public static func nashPayments(
    for game: NormalFormGame<Rational>, target: [Int], margin: Rational = 0
  ) throws(SolverError) -> Result {
    try check(game, target, margin, "k-implementation")
    var promises = [[Rational]](
      repeating: [Rational](repeating: 0, count: game.profileCount),
      count: game.playerCount)
    let at = game.profileIndex(target)
    var players = [PlayerPayment]()
    for i in 0..<game.playerCount {
      let (own, best) = deviation(game, i, target)
      let pay = max(Rational(0), (best.map { $0 + margin } ?? own) - own)
      promises[i][at] = pay
      players.append(
        PlayerPayment(
          player: i, targetPayoff: own,
          bestDeviationPayoff: best ?? own, paymentAtTarget: pay))
    }
    let changed = apply(promises, to: game)
    let cost = players.reduce(Rational(0)) { $0 + $1.paymentAtTarget }
    // Verify: zero regret at the target, and the margin holds for every deviation.
    let profile = MixedProfile<Rational>(pure: target, shape: game.shape)
    guard changed.maxRegret(at: profile) == 0 else {
      throw .numerical("k-implementation", "verification failed: the target has positive regret")
    }
    for i in 0..<game.playerCount {
      let (own, best) = deviation(changed, i, target)
      if let best, best + margin > own {
        throw .numerical("k-implementation", "verification failed: margin of player \(i)")
      }
    }
    return Result(
      target: target, players: players, promises: promises, changedGame: changed,
      costAtTarget: cost, totalPromised: cost, worstCaseCost: nil,
      undominated: undominated(changed),
      method: "k-implementation (Nash, payments at the target)",
      parameters: [
        "target": target.map(String.init).joined(separator: ","),
        "margin": margin.description,
      ],
      status: .complete,
      notes: ["Monderer & Tennenholtz (2004): payments at the target profile only."])
  }

  /// The smallest promises `V ≥ 0` that make each target strategy `z_i` dominant in `U + V`
  /// (by at least `margin` against every other strategy and opponent profile), plus
  /// `offPathMargin` at every off-path profile `(z_i, s_{-i})`, `s_{-i} ≠ z_{-i}`.
  ///
  /// The promise to player `i` at `(z_i, s_{-i})` is
  /// `max(0, max_{x_i ≠ z_i} U_i(x_i, s_{-i}) + margin − U_i(z_i, s_{-i}))` (plus
  /// `offPathMargin` off the path); nothing is promised at other profiles. Each entry is the
  /// least that keeps `z_i` dominant against `s_{-i}`, so the table is the smallest
  /// entrywise; the sponsor pays only `Σ_i V_i(z)` when the target is played.
  ///
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for a bad target or a negative margin;
  ///   ``SolverError/numerical(_:_:)`` if verification fails.
  public static func dominantStrategyPayments(
    for game: NormalFormGame<Rational>, target: [Int], margin: Rational = 0,
    offPathMargin: Rational = 0
  ) throws(SolverError) -> Result {
    try check(game, target, margin, "k-implementation")
    guard offPathMargin >= 0 else {
      throw .invalidArgument("k-implementation", "the off-path margin must be ≥ 0")
    }
    let n = game.playerCount
    let shape = game.shape
    var promises = [[Rational]](
      repeating: [Rational](repeating: 0, count: game.profileCount),
      count: n)
    let at = game.profileIndex(target)
    for i in 0..<n {
      let stride = game.stride(of: i)
      for k in 0..<game.profileCount {
        let s = game.profile(at: k)
        guard s[i] == target[i] else { continue }
        let own = game.payoffs[i][k]
        var need = Rational(0)
        for x in 0..<shape[i] where x != target[i] {
          let other = game.payoffs[i][k + (x - target[i]) * stride]
          need = max(need, other + margin - own)
        }
        promises[i][k] = need + (k == at ? 0 : offPathMargin)
      }
    }
    let changed = apply(promises, to: game)
    // Verify dominance by the margin, and zero regret at the target.
    for i in 0..<n {
      let stride = game.stride(of: i)
      for k in 0..<game.profileCount where game.profile(at: k)[i] == target[i] {
        let own = changed.payoffs[i][k]
        for x in 0..<shape[i] where x != target[i] {
          let other = changed.payoffs[i][k + (x - target[i]) * stride]
          guard other + margin <= own else {
            throw .numerical(
              "k-implementation",
              "verification failed: strategy \(target[i]) of player \(i) is not dominant")
          }
        }
      }
    }
    let profile = MixedProfile<Rational>(pure: target, shape: shape)
    guard changed.maxRegret(at: profile) == 0 else {
      throw .numerical("k-implementation", "verification failed: the target has positive regret")
    }
    let kept = undominated(changed)
    var worst = Rational(0)
    forEachProfile(of: kept) { s in
      let k = game.profileIndex(s)
      worst = max(worst, (0..<n).reduce(Rational(0)) { $0 + promises[$1][k] })
    }
    let players = (0..<n).map { i in
      let (own, best) = deviation(game, i, target)
      return PlayerPayment(
        player: i, targetPayoff: own, bestDeviationPayoff: best ?? own,
        paymentAtTarget: promises[i][at])
    }
    var notes = ["Monderer & Tennenholtz (2004) §3: promises off the path are never paid."]
    if kept.enumerated().contains(where: { $0.element != [target[$0.offset]] }) {
      notes.append(
        "some other strategies are only weakly worse everywhere and stay "
          + "undominated; use offPathMargin > 0 (or margin > 0) for exact implementation")
    }
    return Result(
      target: target, players: players, promises: promises, changedGame: changed,
      costAtTarget: players.reduce(Rational(0)) { $0 + $1.paymentAtTarget },
      totalPromised: promises.reduce(Rational(0)) { $0 + $1.reduce(Rational(0), +) },
      worstCaseCost: worst, undominated: kept,
      method: "k-implementation (dominant strategies, promises off the path)",
      parameters: [
        "target": target.map(String.init).joined(separator: ","),
        "margin": margin.description, "offPathMargin": offPathMargin.description,
      ],
      status: .complete, notes: notes)
  }

  // MARK: - Helpers

  static func check(
    _ game: NormalFormGame<Rational>, _ target: [Int], _ margin: Rational, _ op: String
  ) throws(SolverError) {
    guard target.count == game.playerCount,
      zip(target, game.shape).allSatisfy({ $0 >= 0 && $0 < $1 })
    else { throw .invalidArgument(op, "the target is not a pure profile of the game") }
    guard margin >= 0 else { throw .invalidArgument(op, "the margin must be ≥ 0") }
  }

  /// Player `i`'s payoff at `target` and its best payoff from another strategy (nil if none).
  static func deviation(_ game: NormalFormGame<Rational>, _ i: Int, _ target: [Int])
    -> (Rational, Rational?)
  {
    let k = game.profileIndex(target)
    let stride = game.stride(of: i)
    var best: Rational? = nil
    for x in 0..<game.shape[i] where x != target[i] {
      let v = game.payoffs[i][k + (x - target[i]) * stride]
      best = best.map { max($0, v) } ?? v
    }
    return (game.payoffs[i][k], best)
  }

  /// The game with `promises` added to the payoffs.
  static func apply(_ promises: [[Rational]], to game: NormalFormGame<Rational>)
    -> NormalFormGame<Rational>
  {
    let payoffs = (0..<game.playerCount).map { i in
      zip(game.payoffs[i], promises[i]).map { $0 + $1 }
    }
    return NormalFormGame(
      title: game.title, comment: game.comment, players: game.players,
      strategies: game.strategies, payoffs: payoffs)
  }

  /// Each player's strategies not weakly dominated (≥ everywhere, > somewhere) by another
  /// pure strategy.
  public static func undominated(_ game: NormalFormGame<Rational>) -> [[Int]] {
    (0..<game.playerCount).map { i in
      let stride = game.stride(of: i)
      let m = game.shape[i]
      let bases = (0..<game.profileCount).filter { game.profile(at: $0)[i] == 0 }
      return (0..<m).filter { x in
        !(0..<m).contains { y in
          guard y != x else { return false }
          var strict = false
          for b in bases {
            let vy = game.payoffs[i][b + y * stride]
            let vx = game.payoffs[i][b + x * stride]
            if vy < vx { return false }
            if vy > vx { strict = true }
          }
          return strict
        }
      }
    }
  }

  static func forEachProfile(of sets: [[Int]], _ body: ([Int]) -> Void) {
    guard !sets.contains(where: \.isEmpty) else { return }
    var digits = [Int](repeating: 0, count: sets.count)
    while true {
      body(zip(sets, digits).map { $0[$1] })
      var q = 0
      while q < sets.count {
        digits[q] += 1
        if digits[q] < sets[q].count { break }
        digits[q] = 0
        q += 1
      }
      if q == sets.count { return }
    }
  }
}
