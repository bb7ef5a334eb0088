// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import LPSupport

/// The value and a pair of optimal behaviour strategies of a two-player constant-sum tree
/// with perfect recall, by the sequence-form linear programs.
///
/// Koller, Megiddo & von Stengel (1994), "Fast algorithms for finding randomized strategies
/// in game trees", and von Stengel (1996), §3, Theorem 3.2 (AGT §3.11):
/// 1. Build the sequence form (``SequenceForm``): `E x = e`, `F y = f`, and player 1's payoff
///    matrix `A` over pairs of sequences (player 2's payoffs are a constant minus player 1's,
///    and the constant is dropped).
/// 2. Player 1 solves `max f·q  s.t.  Fᵀq − Aᵀx ≤ 0, E x = e, x ≥ 0, q free` (the dual of
///    player 2's best response to `x`, folded in); its optimum is the game's value.
/// 3. Player 2 solves `min e·p  s.t.  Eᵀp − A y ≥ 0, F y = f, y ≥ 0, p free`, which has the
///    same optimum.
/// 4. The realization plans become behaviour strategies; the pair is verified in the tree.
/// The LPs run exactly (``LinearProgram/solveExact(options:control:)``) for `Rational`, or
/// through GLPK for `Double`.
///
/// - Complexity: two LPs with `O(n₁ + n₂)` rows and columns for `nᵢ` sequences, so
///   polynomial in the size of the tree (unlike the normal form).
public struct SequenceFormLP: Sendable {
  /// The method's name on the command line.
  public var name: String { "zerosum" }
  /// Limits passed to the LP solver.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  /// The value to player 1 and one optimal pair.
  ///
  /// - Throws: `SolverError.unsupportedGame` unless the tree has two players, perfect recall
  ///   and constant-sum payoffs at its leaves; `.numerical` when an LP fails or the result
  ///   fails verification; `.cancelled` or `.limitExceeded` when stopped.
  public func solve<S: GameScalar>(_ game: ExtensiveFormGame<S>) throws(SolverError)
    -> BehaviorSolverResult<S>
  {
    try SequenceFormLCP.requireTwoPlayersWithRecall(game, for: name)
    let form = SequenceForm(game)
    let tolerance = S.isExact ? S.zero : S(Rational(1e-9))
    if let first = form.leaves.first {
      let total = first.payoffs[0] + first.payoffs[1]
      for leaf in form.leaves
      where !(leaf.payoffs[0] + leaf.payoffs[1]).isClose(to: total, tolerance: tolerance) {
        throw .unsupportedGame(name,
          "the payoffs at leaf node \(leaf.node) do not sum to the same constant as at node "
            + "\(first.node); the tree is not constant-sum")
      }
    }
    let n1 = form.sequenceCounts[0], n2 = form.sequenceCounts[1]
    var a = [Int: Rational]()
    for leaf in form.leaves {
      a[leaf.sequences[0] * n2 + leaf.sequences[1], default: 0] +=
        leaf.chance.rationalValue * leaf.payoffs[0].rationalValue
    }
    let rowsE = Self.constraintRows(form, player: 0, in: game)
    let rowsF = Self.constraintRows(form, player: 1, in: game)
    // Player 1: variables x (n1) then q (rowsF.count).
    let mq = rowsF.count, mp = rowsE.count
    var lp1 = LinearProgram(.maximize, objective: Self.unit(n1, mq))
    for k in n1..<(n1 + mq) { lp1.makeFree(k) }
    // Fᵀq − Aᵀx ≤ 0, one row per sequence of player 2.
    var rows1 = [[Rational]](repeating: [Rational](repeating: 0, count: n1 + mq), count: n2)
    for (r, entries) in rowsF.enumerated() {
      for (s, c) in entries { rows1[s][n1 + r] += Rational(c) }
    }
    for (key, v) in a { rows1[key % n2][key / n2] -= v }
    for row in rows1 { lp1.addConstraint(row, .lessOrEqual, 0) }
    for (r, entries) in rowsE.enumerated() {
      var row = [Rational](repeating: 0, count: n1 + mq)
      for (s, c) in entries { row[s] += Rational(c) }
      lp1.addConstraint(row, .equal, r == 0 ? 1 : 0)
    }
    // Player 2: variables y (n2) then p (rowsE.count).
    var lp2 = LinearProgram(.minimize, objective: Self.unit(n2, mp))
    for k in n2..<(n2 + mp) { lp2.makeFree(k) }
    // Eᵀp − Ay ≥ 0, one row per sequence of player 1.
    var rows2 = [[Rational]](repeating: [Rational](repeating: 0, count: n2 + mp), count: n1)
    for (r, entries) in rowsE.enumerated() {
      for (s, c) in entries { rows2[s][n2 + r] += Rational(c) }
    }
    for (key, v) in a { rows2[key / n2][key % n2] -= v }
    for row in rows2 { lp2.addConstraint(row, .greaterOrEqual, 0) }
    for (r, entries) in rowsF.enumerated() {
      var row = [Rational](repeating: 0, count: n2 + mp)
      for (s, c) in entries { row[s] += Rational(c) }
      lp2.addConstraint(row, .equal, r == 0 ? 1 : 0)
    }
    let s1: LPSolution<S>, s2: LPSolution<S>
    do {
      s1 = try lp1.solve(in: S.self, control: control)
      s2 = try lp2.solve(in: S.self, control: control)
    } catch {
      if error.isInterruption {
        if control.cancellation?.isCancelled == true { throw .cancelled(name) }
        throw .limitExceeded(name, error.reason)
      }
      throw .numerical(name, "the sequence-form LP failed: \(error.reason)")
    }
    guard s1.status == .optimal, s2.status == .optimal, let value = s1.objectiveValue else {
      throw .numerical(name, "the sequence-form LPs ended \(s1.status) and \(s2.status)")
    }
    let x = Array(s1.values[0..<n1]), y = Array(s2.values[0..<n2])
    let profile = form.behaviorProfile([x, y], in: game)
    let check = S.isExact ? S.zero : S(Rational(1e-6))
    guard game.isNashEquilibrium(profile, tolerance: check) else {
      throw .numerical(name, "internal check failed: the profile has positive regret "
        + "(\(game.maxRegret(at: profile)))")
    }
    return BehaviorSolverResult(
      equilibria: [profile], method: name,
      parameters: ["rational": S.isExact ? "true" : "false"], tolerance: check,
      gameValue: value)
  }

  /// The objective `(0, …, 0 | 1, 0, …, 0)`: the first of `free` variables after `fixed`.
  static func unit(_ fixed: Int, _ free: Int) -> [Rational] {
    var c = [Rational](repeating: 0, count: fixed + free)
    c[fixed] = 1
    return c
  }

  /// The rows of player `p`'s constraint matrix, each as (sequence, coefficient) pairs.
  static func constraintRows<S: GameScalar>(
    _ form: SequenceForm<S>, player p: Int, in game: ExtensiveFormGame<S>
  ) -> [[(Int, Int)]] {
    var rows = [[(0, 1)]]
    for h in form.constraintSets[p] {
      var row = [(form.parentSequence[h], -1)]
      for k in game.informationSets[h].actions.indices {
        row.append((form.firstSequence[h] + k, 1))
      }
      rows.append(row)
    }
    return rows
  }
}
