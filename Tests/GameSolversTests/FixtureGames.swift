// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import _TestSupport

/// A minimal reader for the Gambit `.nfg` fixtures (payoff and outcome forms), used by these
/// tests until the `GameFiles` reader lands; it trusts its input and reports nothing.
enum FixtureGames {
  /// The game in `Tests/Fixtures/gambit/<path>`.
  static func load(_ path: String) throws -> NormalFormGame<Rational> {
    let url = Fixtures.gambit.appendingPathComponent(path)
    return parse(try String(contentsOf: url, encoding: .utf8))
  }

  enum Token: Equatable {
    case open, close, text(String), word(String)
  }

  static func tokens(_ s: String) -> [Token] {
    var out = [Token]()
    var it = Array(s.unicodeScalars)[...]
    while let c = it.first {
      if c == "{" { out.append(.open); it = it.dropFirst() }
      else if c == "}" { out.append(.close); it = it.dropFirst() }
      else if c == "\"" {
        it = it.dropFirst()
        var t = String.UnicodeScalarView()
        while let d = it.first, d != "\"" {
          if d == "\\", it.count > 1 { it = it.dropFirst() }
          t.append(it.first!)
          it = it.dropFirst()
        }
        it = it.dropFirst()
        out.append(.text(String(t)))
      } else if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "," {
        it = it.dropFirst()
      } else {
        var t = String.UnicodeScalarView()
        while let d = it.first, !" \n\t\r,{}\"".unicodeScalars.contains(d) {
          t.append(d)
          it = it.dropFirst()
        }
        out.append(.word(String(t)))
      }
    }
    return out
  }

  static func parse(_ source: String) -> NormalFormGame<Rational> {
    var t = tokens(source)[...]
    t = t.dropFirst(4)  // NFG 1 R "title"
    var players = [String]()
    t = t.dropFirst()  // {
    while case .text(let p) = t.first { players.append(p); t = t.dropFirst() }
    t = t.dropFirst()  // }
    var strategies = [[String]]()
    t = t.dropFirst()  // {
    if t.first == .open {
      while t.first == .open {
        t = t.dropFirst()
        var names = [String]()
        while case .text(let s) = t.first { names.append(s); t = t.dropFirst() }
        t = t.dropFirst()
        strategies.append(names)
      }
    } else {
      while case .word(let w) = t.first {
        strategies.append((1...Int(w)!).map(String.init))
        t = t.dropFirst()
      }
    }
    t = t.dropFirst()  // }
    if case .text = t.first { t = t.dropFirst() }  // comment
    let n = players.count
    let count = strategies.reduce(1) { $0 * $1.count }
    var payoffs = [[Rational]](repeating: [], count: n)
    if t.first == .open {
      t = t.dropFirst()
      var outcomes = [[Rational]]()
      while t.first == .open {
        t = t.dropFirst(2)  // { "name"
        var v = [Rational]()
        while case .word(let w) = t.first { v.append(Rational(w)!); t = t.dropFirst() }
        t = t.dropFirst()
        outcomes.append(v)
      }
      t = t.dropFirst()
      for case .word(let w) in t {
        let k = Int(w)!
        for p in 0..<n { payoffs[p].append(k == 0 ? 0 : outcomes[k - 1][p]) }
      }
    } else {
      var k = 0
      for case .word(let w) in t {
        payoffs[k % n].append(Rational(w)!)
        k += 1
      }
    }
    precondition(payoffs.allSatisfy { $0.count == count })
    return NormalFormGame(players: players, strategies: strategies, payoffs: payoffs)
  }

  /// The two-player fixtures with their numbers of extreme equilibria (SOURCE.md).
  static let twoPlayerCounts: [(String, Int)] = [
    ("catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg", 75),
    ("catalog/journals/other/shapley1974/fig2.nfg", 3),
    ("catalog/journals/other/shapley1974/fig3.nfg", 3),
    ("contrib/games/2x2.nfg", 1),
    ("contrib/games/2x2const.nfg", 1),
    ("contrib/games/8x8.nfg", 5),
    ("contrib/games/coord2.nfg", 3),
    ("contrib/games/coord3.nfg", 7),
    ("contrib/games/deg1.nfg", 6),
    ("contrib/games/deg2.nfg", 7),
    ("contrib/games/mixdom.nfg", 1),
    ("contrib/games/oneill.nfg", 1),
    ("contrib/games/pd.nfg", 1),
    ("contrib/games/perfect1.nfg", 9),
    ("contrib/games/todd1.nfg", 5),
    ("contrib/games/yamamoto.nfg", 2),
    ("contrib/games/zero.nfg", 4),
    ("tests/test_games/const_sum_game.nfg", 2),
    ("tests/test_games/coordination_4x4_payoff.nfg", 15),
  ]

  /// A random m × n game with integer payoffs drawn from `range`.
  static func random(_ m: Int, _ n: Int, range: ClosedRange<Int>, seed: UInt64)
    -> NormalFormGame<Rational>
  {
    var rng = SeededGenerator(seed: seed)
    let a = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: range, using: &rng)) } }
    let b = (0..<m).map { _ in (0..<n).map { _ in Rational(Int.random(in: range, using: &rng)) } }
    return NormalFormGame(A: a, B: b)
  }
}
