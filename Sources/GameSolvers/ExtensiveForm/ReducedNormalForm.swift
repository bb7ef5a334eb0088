// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// The reduced normal (strategic) form of an extensive-form game, so that every normal-form
/// solver applies to trees.
///
/// A *reduced* pure strategy (a plan) of a player names an action only at the player's
/// information sets its own earlier choices do not rule out; pure strategies that differ only
/// at sets they cannot reach are merged (von Stengel 2007, AGT §3.10; Osborne & Rubinstein
/// 1994, §11.2.2). Steps:
/// 1. For each player, walk the tree from the root in pre-order. At another mover's node go
///    on into every child; at the player's own node with a chosen action follow it; at the
///    first one without, branch on each action. Each completed walk is one plan.
/// 2. Name a plan by its actions at the player's sets, in the game's order, joined by `,`,
///    with `*` at sets the plan does not reach (an empty label is replaced by the action's
///    1-based number).
/// 3. A profile's payoffs are the chance-weighted sum of the outcomes on the paths the plans
///    allow.
/// The mapping back (``behaviorProfile(from:)``) is Kuhn's (1953): the probability of action
/// `a` at set `h` is the mass of the plans choosing `a` there over the mass of the plans that
/// reach `h`; at sets no plan in the support reaches, the player mixes uniformly.
///
/// - Complexity: O(plans × nodes) per player to enumerate; O(profiles × nodes) for the
///   payoffs. The plan count is exponential in the tree's size in the worst case, hence the
///   `maxProfiles` limit.
public struct ReducedNormalForm<S: GameScalar>: Sendable {
  /// The tree.
  public let tree: ExtensiveFormGame<S>
  /// The normal-form game, its strategies the plans.
  public let game: NormalFormGame<S>
  /// `plans[p][s][k]`: the action plan `s` of player `p` takes at information set `k`, or
  /// `nil` where it takes none (sets it does not reach, and other movers' sets).
  public let plans: [[[Int?]]]

  /// Builds the reduced normal form.
  ///
  /// - Throws: `SolverError.limitExceeded` when the game would have more than `maxProfiles`
  ///   pure profiles.
  public init(_ tree: ExtensiveFormGame<S>, maxProfiles: Int = 1 << 22) throws(SolverError) {
    self.tree = tree
    var plans = [[[Int?]]]()
    var profiles = 1
    for p in 0..<tree.playerCount {
      let mine = Self.plans(of: p, in: tree, limit: maxProfiles)
      let (product, overflow) = profiles.multipliedReportingOverflow(by: mine.count)
      if overflow || product > maxProfiles || mine.count > maxProfiles {
        throw .limitExceeded("reduced normal form",
          "the reduced normal form has more than \(maxProfiles) pure profiles")
      }
      profiles = product
      plans.append(mine)
    }
    self.plans = plans
    let names = (0..<tree.playerCount).map { p in
      plans[p].map { Self.name(of: $0, player: p, in: tree) }
    }
    let n = tree.playerCount
    let shape = plans.map(\.count)
    var payoffs = [[S]](repeating: [S](repeating: .zero, count: profiles), count: n)
    var digits = [Int](repeating: 0, count: n)
    var stack = [(node: Int, prob: S)]()
    for index in 0..<profiles {
      stack.append((tree.root, 1))
      while let (v, pr) = stack.popLast() {
        let node = tree.nodes[v]
        if let o = node.outcome {
          for q in 0..<n { payoffs[q][index] += pr * tree.outcomes[o].payoffs[q] }
        }
        guard let h = node.informationSet else { continue }
        switch tree.informationSets[h].mover {
        case .chance:
          for (a, c) in node.children.enumerated() {
            let q = tree.informationSets[h].probabilities[a]
            if q != .zero { stack.append((c, pr * q)) }
          }
        case .player(let q):
          stack.append((node.children[plans[q][digits[q]][h]!], pr))
        }
      }
      // Next profile: player 0's digit changes fastest (NormalFormGame's order).
      for q in 0..<n {
        digits[q] += 1
        if digits[q] < shape[q] { break }
        digits[q] = 0
      }
    }
    game = NormalFormGame(
      title: tree.title, comment: tree.comment, players: tree.players, strategies: names,
      payoffs: payoffs)
  }

  /// The plans of `player`, in the order of the pre-order walk (earlier sets vary slowest).
  static func plans(of player: Int, in tree: ExtensiveFormGame<S>, limit: Int) -> [[Int?]] {
    var out = [[Int?]]()
    var assignment = [Int?](repeating: nil, count: tree.informationSets.count)
    func walk(_ frontier: [Int]) {
      var frontier = frontier
      while !frontier.isEmpty {
        // Take the earliest node in pre-order.
        let i = frontier.indices.min { frontier[$0] < frontier[$1] }!
        let v = frontier.remove(at: i)
        guard let h = tree.nodes[v].informationSet else { continue }
        let children = tree.nodes[v].children
        guard tree.informationSets[h].mover == .player(player) else {
          frontier.append(contentsOf: children)
          continue
        }
        if let a = assignment[h] {
          frontier.append(children[a])
          continue
        }
        for a in children.indices {
          if out.count > limit { return }
          assignment[h] = a
          walk(frontier + [children[a]])
        }
        assignment[h] = nil
        return
      }
      out.append(assignment)
    }
    walk([tree.root])
    return out
  }

  static func name(of plan: [Int?], player: Int, in tree: ExtensiveFormGame<S>) -> String {
    let sets = tree.informationSets(of: player)
    if sets.isEmpty { return "*" }
    return sets.map { k in
      guard let a = plan[k] else { return "*" }
      let label = tree.informationSets[k].actions[a]
      return label.isEmpty ? String(a + 1) : label
    }.joined(separator: ",")
  }

  /// The behaviour profile that realises the same outcome distribution as a mixed profile of
  /// the reduced normal form (Kuhn 1953; exact when the tree has perfect recall).
  public func behaviorProfile(from mixed: MixedProfile<S>) -> BehaviorProfile<S> {
    var reached = [S](repeating: .zero, count: tree.informationSets.count)
    var chosen = tree.informationSets.map { [S](repeating: .zero, count: $0.actions.count) }
    for p in 0..<tree.playerCount {
      for (s, plan) in plans[p].enumerated() {
        let w = mixed.probabilities[p][s]
        if w == .zero { continue }
        for (k, a) in plan.enumerated() {
          guard let a else { continue }
          reached[k] += w
          chosen[k][a] += w
        }
      }
    }
    return tree.behaviorProfile { k in
      let m = tree.informationSets[k].actions.count
      if reached[k] == .zero { return [S](repeating: S(Rational(1, m)), count: m) }
      let inverse = reached[k].reciprocal!
      return chosen[k].map { $0 * inverse }
    }
  }
}

extension ReducedNormalForm {
  /// A normal-form solver's result on ``game`` carried back to the tree: each mixed
  /// equilibrium becomes its behaviour profile (Kuhn), duplicates are dropped, and each
  /// profile is verified in the tree (zero regret exactly, or within `tolerance`).
  ///
  /// - Throws: `SolverError.unsupportedGame` when the tree lacks perfect recall (Kuhn's
  ///   theorem, and the tree's best responses, need it); `.numerical` if a profile fails.
  public func behaviorResult(_ result: SolverResult<S>, tolerance: S = .defaultTolerance)
    throws(SolverError) -> BehaviorSolverResult<S>
  {
    if let problem = tree.perfectRecallViolation() {
      throw .unsupportedGame(result.method, problem)
    }
    var seen = Set<BehaviorProfile<S>>()
    var profiles = [BehaviorProfile<S>]()
    for mixed in result.equilibria {
      let profile = behaviorProfile(from: mixed)
      guard seen.insert(profile).inserted else { continue }
      guard tree.isNashEquilibrium(profile, tolerance: tolerance) else {
        throw .numerical(result.method,
          "internal check failed: an equilibrium of the reduced normal form has regret "
            + "\(tree.maxRegret(at: profile)) in the tree")
      }
      profiles.append(profile)
    }
    let shape = game.shape.map(String.init).joined(separator: "x")
    var notes = result.notes
    notes.append("solved on the reduced normal form (\(shape))")
    if profiles.count < result.equilibria.count {
      notes.append("\(result.equilibria.count) equilibria of the reduced normal form give "
        + "\(profiles.count) distinct behaviour profiles")
    }
    var out = BehaviorSolverResult(
      equilibria: profiles, method: result.method, parameters: result.parameters,
      status: result.status, tolerance: tolerance, gameValue: result.gameValue, notes: notes)
    out.isExact = result.isExact
    return out
  }
}
