// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Every pure subgame-perfect equilibrium of a perfect-information tree (chance moves
/// allowed), by backward induction.
///
/// Zermelo's and Kuhn's backward induction (Osborne & Rubinstein 1994, §6.2, Proposition
/// 99.2), keeping every tie so that all pure SPE are found:
/// 1. Visit the nodes children first (the reverse of the pre-order).
/// 2. A terminal node has one solution: its payoffs, no choices.
/// 3. A chance node combines one solution of each child (every combination), its payoffs the
///    probability-weighted sum.
/// 4. A decision node takes every combination of its children's solutions and, for each,
///    every action that maximises the mover's payoff (within the tolerance for `Double`).
/// 5. Each node's outcome adds to its solutions' payoffs. The root's solutions are the pure
///    SPE, each checked: at every decision node the chosen action is optimal for the mover
///    under the profile, and no player has positive regret in the whole tree.
/// A cap on the number of partial solutions kept per node bounds the work when ties make the
/// count explode; the status then says so and every reported profile is still an SPE.
///
/// - Complexity: O(nodes × players) without ties; the number of SPE is exponential in the
///   number of tied decisions in the worst case, hence ``maxEquilibria``.
public struct BackwardInduction: Sendable {
  /// The method's name on the command line.
  public var name: String { "spe" }
  /// Most solutions kept at any node (and reported).
  public var maxEquilibria: Int
  /// Limits honoured once per node.
  public var control: SolverControl
  /// Payoff differences within this count as ties in `Double` runs.
  public var tolerance: Double

  public init(maxEquilibria: Int = 10_000, control: SolverControl = .none,
    tolerance: Double = 1e-9)
  {
    self.maxEquilibria = maxEquilibria
    self.control = control
    self.tolerance = tolerance
  }

  private struct Partial<T> {
    var payoffs: [T]
    /// (information set, action) for the decision nodes of the subtree.
    var moves: [(Int, Int)]
  }

  /// All pure subgame-perfect equilibria, as behaviour profiles (probability 0 or 1).
  ///
  /// - Throws: `SolverError.unsupportedGame` when a player's information set has more than
  ///   one node; `.cancelled` when stopped before the root was reached; `.numerical` if a
  ///   profile fails its check.
  public func solve<S: GameScalar>(_ game: ExtensiveFormGame<S>) throws(SolverError)
    -> BehaviorSolverResult<S>
  {
    for (k, set) in game.informationSets.enumerated() {
      if case .player = set.mover, set.members.count > 1 {
        throw .unsupportedGame(name,
          "backward induction needs perfect information; information set \(k) "
            + "(number \(set.number)) has \(set.members.count) nodes")
      }
    }
    guard maxEquilibria > 0 else {
      throw .invalidArgument(name, "maxEquilibria must be positive, not \(maxEquilibria)")
    }
    let tie = S.isExact ? S.zero : S(Rational(tolerance))
    let n = game.playerCount
    var truncated = false
    var solutions = [[Partial<S>]?](repeating: nil, count: game.nodes.count)
    for v in game.nodes.indices.reversed() {
      if let reason = control.stopReason() {
        throw reason == .cancelled ? .cancelled(name) : .limitExceeded(name, "\(reason)")
      }
      let node = game.nodes[v]
      var here: [Partial<S>]
      if let h = node.informationSet {
        let set = game.informationSets[h]
        // Every combination of the children's solutions, capped.
        var combos: [[Partial<S>]] = [[]]
        for c in node.children {
          let options = solutions[c]!
          var next = [[Partial<S>]]()
          outer: for prefix in combos {
            for o in options {
              if next.count >= maxEquilibria {
                truncated = true
                break outer
              }
              next.append(prefix + [o])
            }
          }
          combos = next
          solutions[c] = nil
        }
        here = []
        for combo in combos {
          let moves = combo.flatMap(\.moves)
          switch set.mover {
          case .chance:
            var total = [S](repeating: .zero, count: n)
            for (a, part) in combo.enumerated() where set.probabilities[a] != .zero {
              for p in 0..<n { total[p] += set.probabilities[a] * part.payoffs[p] }
            }
            here.append(Partial(payoffs: total, moves: moves))
          case .player(let p):
            let best = combo.map { $0.payoffs[p] }.max()!
            for (a, part) in combo.enumerated() where part.payoffs[p] >= best - tie {
              if here.count >= maxEquilibria {
                truncated = true
                break
              }
              here.append(Partial(payoffs: part.payoffs, moves: moves + [(h, a)]))
            }
          }
        }
      } else {
        here = [Partial(payoffs: [S](repeating: .zero, count: n), moves: [])]
      }
      if let o = node.outcome {
        for i in here.indices {
          for p in 0..<n { here[i].payoffs[p] += game.outcomes[o].payoffs[p] }
        }
      }
      solutions[v] = here
    }
    let verifyTolerance = S.isExact ? S.zero : S(Rational(tolerance * 10))
    var found = [BehaviorProfile<S>]()
    for part in solutions[game.root]! {
      var choice = [Int](repeating: 0, count: game.informationSets.count)
      for (h, a) in part.moves { choice[h] = a }
      let profile = game.behaviorProfile { k in
        (0..<game.informationSets[k].actions.count).map { $0 == choice[k] ? 1 : 0 }
      }
      guard Self.isSubgamePerfect(profile, in: game, tolerance: verifyTolerance),
        game.isNashEquilibrium(profile, tolerance: verifyTolerance)
      else {
        throw .numerical(name, "internal check failed: a profile is not subgame perfect")
      }
      found.append(profile)
    }
    return BehaviorSolverResult(
      equilibria: found, method: name,
      parameters: ["rational": S.isExact ? "true" : "false",
        "maxEquilibria": String(maxEquilibria)],
      status: truncated ? .stoppedAfter(found.count) : .complete,
      tolerance: verifyTolerance,
      notes: truncated ? ["ties produced more than \(maxEquilibria) partial solutions; "
        + "the list is incomplete"] : [])
  }

  /// Whether, at every decision node of a perfect-information tree, the action `profile`
  /// plays (a pure choice) is optimal for the mover given the profile below it.
  static func isSubgamePerfect<S: GameScalar>(
    _ profile: BehaviorProfile<S>, in game: ExtensiveFormGame<S>, tolerance: S
  ) -> Bool {
    let n = game.playerCount
    var value = [S](repeating: .zero, count: game.nodes.count * n)
    for v in game.nodes.indices.reversed() {
      let node = game.nodes[v]
      if let h = node.informationSet {
        let probs = profile.probabilities[h]
        if case .player(let p) = game.informationSets[h].mover {
          let chosen = probs.firstIndex(of: 1)!
          let best = node.children.map { value[$0 * n + p] }.max()!
          if value[node.children[chosen] * n + p] < best - tolerance { return false }
        }
        for (a, c) in node.children.enumerated() where probs[a] != .zero {
          for p in 0..<n { value[v * n + p] += probs[a] * value[c * n + p] }
        }
      }
      if let o = node.outcome {
        for p in 0..<n { value[v * n + p] += game.outcomes[o].payoffs[p] }
      }
    }
    return true
  }
}
