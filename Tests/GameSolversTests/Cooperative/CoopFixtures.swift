// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import _TestSupport

/// Small helpers and textbook games for the cooperative tests.
enum Coop {
  static func r(_ n: Int, _ d: Int = 1) -> Rational { Rational(n, d) }

  /// The glove game with one left glove (player 1) and two right gloves (players 2, 3):
  /// a pair is worth 1 (Maschler, Solan & Zamir 2013, Example 17.4 and §18.3).
  static var glove: CoalitionalGame<Rational> {
    try! CoalitionalGame(playerCount: 3) { c in
      c.contains(0) && (c.contains(1) || c.contains(2)) ? 1 : 0
    }
  }

  /// The bankruptcy game of estate `e` and claims `d`: `v(S) = max(0, e − Σ_{j∉S} dⱼ)`
  /// (O'Neill 1982; Aumann & Maschler 1985).
  static func bankruptcy(estate e: Int, claims d: [Int]) -> CoalitionalGame<Rational> {
    try! CoalitionalGame(playerCount: d.count) { c in
      let outside = (0..<d.count).filter { !c.contains($0) }.map { d[$0] }.reduce(0, +)
      return Rational(max(0, e - outside))
    }
  }

  /// A random game with integer worths in `-range...range` (v(∅) = 0).
  static func random(
    _ n: Int, range: Int = 10, using g: inout SeededGenerator
  ) -> CoalitionalGame<Rational> {
    let values = (1..<(1 << n)).map { _ in Rational(Int.random(in: -range...range, using: &g)) }
    return try! CoalitionalGame(values: values, order: .bitMask)
  }

  /// A random superadditive-leaning game: worths grow with coalition size.
  static func randomGrowing(_ n: Int, using g: inout SeededGenerator) -> CoalitionalGame<Rational> {
    let values = (1..<(1 << n)).map { m in
      Rational(m.nonzeroBitCount * m.nonzeroBitCount * 3 + Int.random(in: 0...4, using: &g))
    }
    return try! CoalitionalGame(values: values, order: .bitMask)
  }

  /// The game with players renamed by `perm`: `w(S) = v(perm⁻¹(S))`, i.e. player `i` of the
  /// new game is player `perm[i]` of the old.
  static func permuted(_ game: CoalitionalGame<Rational>, _ perm: [Int])
    -> CoalitionalGame<Rational>
  {
    try! CoalitionalGame(playerCount: game.playerCount) { c in
      game.worth(of: Coalition(c.members.map { perm[$0] }))
    }
  }
}
