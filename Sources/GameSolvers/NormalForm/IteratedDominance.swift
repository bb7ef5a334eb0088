// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import LPSupport

/// Iterated elimination of dominated strategies in an n-player normal-form game, by pure
/// strategies and optionally by mixed strategies.
///
/// A strategy `s` of player `p` is *strictly dominated* by a (possibly mixed) strategy `σ` of
/// the same player when `u_p(σ, o) > u_p(s, o)` for every profile `o` of the other players'
/// surviving strategies; *weakly dominated* when `≥` holds everywhere and `>` somewhere
/// (Myerson 1991, §2.5; Fudenberg & Tirole 1991, §2.1). Steps, repeated in rounds until a
/// round removes nothing:
/// 1. For each player in index order and each surviving strategy `s` in index order:
/// 2. Quick exclusion: if `s` is a best response to some pure profile `o` (for weak
///    dominance: the unique one), no mixture can dominate it, and the checks are skipped.
/// 3. Pure check: the first surviving `t ≠ s` that dominates `s`.
/// 4. Mixed check (``byMixedStrategies``): the linear program `max ε` subject to
///    `Σₜ σₜ u_p(t, o) − ε ≥ u_p(s, o)` for every `o`, `σ` in the simplex over the player's
///    other surviving strategies; `s` is strictly dominated by a mixture iff `ε* > 0`
///    (Myerson 1991, Thm 1.6 and §2.5). For weak dominance the program is
///    `max Σₒ Σₜ σₜ u_p(t, o)` subject to `Σₜ σₜ u_p(t, o) ≥ u_p(s, o)`, and `s` is weakly
///    dominated iff the optimum exceeds `Σₒ u_p(s, o)`. Over ``Rational`` the programs are
///    solved exactly (LPSupport's exact path), over `Double` by GLPK.
/// 5. Verify the dominator against every `o` (exactly, or beyond the tolerance for `Double`),
///    log it, and remove `s` at once, so later checks in the same round see the smaller game.
///
/// Strict dominance is order-independent: the surviving game is the same whatever the order
/// of elimination, and it has the same Nash equilibria as the original (Myerson 1991, §2.5).
/// **Weak dominance is order-dependent**: the result depends on the order above, and
/// equilibria of the original game can be lost (none are gained).
///
/// - Complexity: each round makes at most Σₚ mₚ² pure comparisons over the other players'
///   surviving profiles, plus one LP per strategy that survives the quick checks, with
///   `mₚ` variables and one row per opponents' profile; at most Σₚ mₚ rounds.
public struct IteratedDominance: Sendable {
  /// Which dominance relation eliminates strategies.
  public enum Strength: String, Sendable, Hashable {
    /// `>` against every opponents' profile; order-independent.
    case strict
    /// `≥` everywhere and `>` somewhere; order-dependent.
    case weak
  }

  /// The method's name on the command line.
  public var name: String { "dominance" }
  /// Strict (default) or weak dominance.
  public var strength: Strength
  /// Whether mixed strategies may dominate (one LP per candidate strategy).
  public var byMixedStrategies: Bool
  /// Cancellation and deadline, polled once per strategy checked.
  public var control: SolverControl

  public init(
    strength: Strength = .strict, byMixedStrategies: Bool = false,
    control: SolverControl = .none
  ) {
    self.strength = strength
    self.byMixedStrategies = byMixedStrategies
    self.control = control
  }

  /// Eliminates dominated strategies from `game` until none is left.
  ///
  /// - Throws: ``SolverError`` only when cancelled before anything was examined or when an
  ///   LP fails numerically; a deadline ends the run with status `.timeLimit` and the
  ///   eliminations made so far.
  public func reduce<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> DominanceResult<S>
  {
    if control.stopReason() == .cancelled { throw .cancelled(name) }
    let scale = game.payoffs.joined().reduce(S(1)) { Swift.max($0, $1.magnitude) }
    let tolerance = S.defaultTolerance * scale
    var kernel = Kernel(
      game: game, survivors: game.strategies.map { Array($0.indices) },
      strict: strength == .strict, tolerance: tolerance)
    var log: [DominanceResult<S>.Elimination] = []
    var notes: [String] = []
    var status = SolverStatus.complete
    var round = 0
    rounds: while true {
      round += 1
      var removed = false
      for p in 0..<game.playerCount {
        var k = 0
        while k < kernel.survivors[p].count {
          if let stop = control.stopReason() {
            status = stop
            break rounds
          }
          let s = kernel.survivors[p][k]
          let found: DominanceResult<S>.Dominator?
          do {
            found = try dominator(of: s, player: p, in: &kernel, notes: &notes)
          } catch let error {
            if let stop = error.solverStatus {
              status = stop
              break rounds
            }
            throw .numerical(name, "dominance LP: \(error.reason)")
          }
          if let found {
            log.append(
              .init(round: round, player: p, strategy: s, dominator: found,
                isStrict: strength == .strict))
            kernel.survivors[p].remove(at: k)
            removed = true
          } else {
            k += 1
          }
        }
      }
      if !removed { break }
    }
    if strength == .weak {
      notes.append(
        "weak dominance is order-dependent: players and strategies were examined in index "
          + "order and each elimination took effect at once")
    }
    return DominanceResult(
      reducedGame: kernel.reducedGame(), survivors: kernel.survivors, eliminations: log,
      method: name,
      parameters: ["strength": strength.rawValue, "mixed": byMixedStrategies ? "yes" : "no"],
      status: status, tolerance: tolerance, notes: notes)
  }

  /// What dominates strategy `s` of player `p` in the current game, or `nil`.
  private func dominator<S: GameScalar>(
    of s: Int, player p: Int, in kernel: inout Kernel<S>, notes: inout [String]
  ) throws(LPError) -> DominanceResult<S>.Dominator? {
    let others = kernel.survivors[p].filter { $0 != s }
    if others.isEmpty { return nil }
    let bases = kernel.opponentBases(of: p)
    let u = kernel.payoffs(of: p)
    let stride = kernel.game.stride(of: p)
    let tol = kernel.tolerance
    // Quick exclusion: a (unique, for weak) best response to a pure profile survives.
    for base in bases {
      let own = u[base + s * stride]
      let best = others.reduce(own) { Swift.max($0, u[base + $1 * stride]) }
      if kernel.strict ? own >= best - tol : own > best + tol { return nil }
    }
    // Pure dominators, first in index order.
    for t in others where kernel.dominates(weights: [(t, S(1))], s, player: p, bases: bases) {
      return .pure(t)
    }
    guard byMixedStrategies, others.count > 1 else { return nil }
    guard let sigma = try mixedDominator(of: s, by: others, player: p, kernel: kernel) else {
      return nil
    }
    let weights = zip(others, sigma).filter { $0.1 != .zero }
    guard kernel.dominates(weights: weights, s, player: p, bases: bases) else {
      notes.append(
        "strategy \(s + 1) of player \(p + 1): the LP's dominating mixture failed the check "
          + "(rounding); the strategy was kept")
      return nil
    }
    var full = [S](repeating: .zero, count: kernel.game.strategies[p].count)
    for (t, w) in weights { full[t] = w }
    return .mixed(full)
  }

  /// Solves the dominance LP; returns the mixture over `others` if it dominates `s`.
  private func mixedDominator<S: GameScalar>(
    of s: Int, by others: [Int], player p: Int, kernel: Kernel<S>
  ) throws(LPError) -> [S]? {
    let bases = kernel.opponentBases(of: p)
    let u = kernel.payoffs(of: p)
    let stride = kernel.game.stride(of: p)
    let k = others.count
    func r(_ v: S) -> Rational { v.rationalValue }
    if kernel.strict {
      // Variables σ_0…σ_{k−1}, ε (free); maximise ε.
      var lp = LinearProgram(.maximize, objective: Array(repeating: 0, count: k) + [1])
      lp.makeFree(k)
      for base in bases {
        lp.addConstraint(
          others.map { r(u[base + $0 * stride]) } + [-1], .greaterOrEqual, r(u[base + s * stride]))
      }
      lp.addConstraint(Array(repeating: 1, count: k) + [0], .equal, 1)
      let solution = try lp.solve(in: S.self, control: control)
      guard solution.status == .optimal, let epsilon = solution.objectiveValue,
        epsilon > kernel.tolerance
      else { return nil }
      return Array(solution.values[..<k])
    } else {
      let rows = bases.map { base in others.map { r(u[base + $0 * stride]) } }
      let objective = (0..<k).map { c in rows.reduce(Rational(0)) { $0 + $1[c] } }
      let ownTotal = bases.reduce(S.zero) { $0 + u[$1 + s * stride] }
      var weighted = LinearProgram(.maximize, objective: objective)
      for (row, base) in zip(rows, bases) {
        weighted.addConstraint(row, .greaterOrEqual, r(u[base + s * stride]))
      }
      weighted.addConstraint(Array(repeating: 1, count: k), .equal, 1)
      let solution = try weighted.solve(in: S.self, control: control)
      guard solution.status == .optimal, let best = solution.objectiveValue,
        best > ownTotal + kernel.tolerance
      else { return nil }
      return solution.values
    }
  }
}

// MARK: - Kernel

/// The game and the current survivors, with the payoff look-ups the checks need.
private struct Kernel<S: GameScalar> {
  let game: NormalFormGame<S>
  var survivors: [[Int]]
  let strict: Bool
  let tolerance: S

  func payoffs(of p: Int) -> [S] { game.payoffs[p] }

  /// The profile-index offsets of every profile of the other players' survivors (player
  /// `p`'s own digit zero), in odometer order.
  func opponentBases(of p: Int) -> [Int] {
    var bases = [0]
    for q in 0..<game.playerCount where q != p {
      let stride = game.stride(of: q)
      bases = survivors[q].flatMap { t in bases.map { $0 + t * stride } }
    }
    return bases
  }

  /// Whether the mixture `weights` (strategy, probability) dominates `s` against every
  /// opponents' profile in `bases`: strictly (beyond the tolerance) or weakly.
  func dominates(weights: [(Int, S)], _ s: Int, player p: Int, bases: [Int]) -> Bool {
    let u = game.payoffs[p]
    let stride = game.stride(of: p)
    var somewhereBetter = false
    for base in bases {
      var mixed = S.zero
      for (t, w) in weights { mixed += w * u[base + t * stride] }
      let own = u[base + s * stride]
      if strict {
        if !(mixed > own + tolerance) { return false }
      } else {
        if mixed < own - tolerance { return false }
        if mixed > own + tolerance { somewhereBetter = true }
      }
    }
    return strict || somewhereBetter
  }

  /// The game restricted to the survivors, with the original names.
  func reducedGame() -> NormalFormGame<S> {
    let shape = survivors.map(\.count)
    let count = shape.reduce(1, *)
    var table = [[S]](repeating: [], count: game.playerCount)
    for p in table.indices { table[p].reserveCapacity(count) }
    var digits = [Int](repeating: 0, count: shape.count)
    for _ in 0..<count {
      var index = 0
      for q in 0..<shape.count { index += survivors[q][digits[q]] * game.stride(of: q) }
      for p in 0..<game.playerCount { table[p].append(game.payoffs[p][index]) }
      for q in 0..<shape.count {
        digits[q] += 1
        if digits[q] < shape[q] { break }
        digits[q] = 0
      }
    }
    return NormalFormGame(
      title: game.title, comment: game.comment, players: game.players,
      strategies: zip(game.strategies, survivors).map { names, kept in kept.map { names[$0] } },
      payoffs: table)
  }
}
