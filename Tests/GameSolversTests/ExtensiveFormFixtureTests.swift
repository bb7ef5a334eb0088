// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import GameSolvers
import Testing
import _TestSupport

/// Reads a Gambit `.efg` fixture by its path under `Tests/Fixtures/gambit`.
func gambitTree(_ path: String) throws -> ExtensiveFormGame<Rational> {
  try GameFile.readExtensiveForm(contentsOf: Fixtures.gambit.appendingPathComponent(path))
}

/// Gambit's answers from SOURCE.md: backward-induction payoffs of the perfect-information
/// fixtures (with the number of pure SPE, counted by brute force below), and `lcp_solve`
/// payoffs of the two-player imperfect-information ones.
let speFixtures: [(path: String, payoffs: [Rational], count: Int)] = [
  ("catalog/journals/ijgt/selten1975/fig2.efg", [1, 1], 1),
  ("tests/test_games/3_player_perfect_info_1_move_each.efg", [1, 1, 1], 3),
  ("tests/test_games/perfect_info_with_chance.efg", [-1, 1], 4),
  ("tests/test_games/two_player_perfect_info_win_lose.efg", [1, -1], 2),
]

let lcpFixtures: [(path: String, payoffs: [Rational])] = [
  ("catalog/books/myerson1991/fig2_1.efg", [Rational(1, 3), Rational(-1, 3)]),
  ("catalog/books/myerson1991/fig4_2.efg", [Rational(5, 2), Rational(9, 4)]),
  ("contrib/games/cent2.efg", [Rational(69, 50), Rational(276, 175)]),
  ("contrib/games/e04.efg", [3, -1]),
  ("contrib/games/montyhal.efg", [Rational(200, 3), 1]),
  ("doc/poker.efg", [Rational(1, 3), Rational(-1, 3)]),
  ("tests/test_games/entry_accommodation.efg", [Rational(7, 3), Rational(7, 3)]),
  ("tests/test_games/stripped_down_poker.efg", [Rational(1, 3), Rational(-1, 3)]),
]

/// Every pure profile of a perfect-information tree that is subgame perfect, by brute force:
/// each decision node's chosen action must be optimal for the mover given the profile below.
func bruteForceSPE<S: GameScalar>(_ game: ExtensiveFormGame<S>) -> Set<[Int]> {
  let sets = game.informationSets.indices.filter { game.informationSets[$0].mover != .chance }
  var found = Set<[Int]>()
  var choice = [Int](repeating: 0, count: game.informationSets.count)
  func check() -> Bool {
    let profile = game.behaviorProfile { k in
      game.informationSets[k].actions.indices.map { $0 == choice[k] ? 1 : 0 }
    }
    let n = game.playerCount
    var value = [[S]](repeating: [S](repeating: .zero, count: n), count: game.nodes.count)
    for v in game.nodes.indices.reversed() {
      let node = game.nodes[v]
      if let h = node.informationSet {
        if case .player(let p) = game.informationSets[h].mover {
          let best = node.children.map { value[$0][p] }.max()!
          if value[node.children[choice[h]]][p] != best { return false }
        }
        for (a, c) in node.children.enumerated() {
          for p in 0..<n { value[v][p] += profile[h][a] * value[c][p] }
        }
      }
      if let o = node.outcome {
        for p in 0..<n { value[v][p] += game.outcomes[o].payoffs[p] }
      }
    }
    return true
  }
  func walk(_ i: Int) {
    if i == sets.count {
      if check() { found.insert(sets.map { choice[$0] }) }
      return
    }
    for a in game.informationSets[sets[i]].actions.indices {
      choice[sets[i]] = a
      walk(i + 1)
    }
  }
  walk(0)
  return found
}

/// The pure choices of a 0/1 behaviour profile at the players' sets.
func pureChoices<S: GameScalar>(_ profile: BehaviorProfile<S>, _ game: ExtensiveFormGame<S>)
  -> [Int]
{
  game.informationSets.indices.filter { game.informationSets[$0].mover != .chance }
    .map { profile[$0].firstIndex(of: 1)! }
}

@Suite struct ExtensiveFormFixtureTests {
  @Test(arguments: speFixtures.map(\.path))
  func backwardInductionFindsEverySPE(_ path: String) throws {
    let fixture = speFixtures.first { $0.path == path }!
    let game = try gambitTree(path)
    #expect(game.hasPerfectRecall && game.isPerfectInformation)
    let result = try BackwardInduction().solve(game)
    #expect(result.status == .complete)
    #expect(result.equilibria.count == fixture.count)
    #expect(Set(result.equilibria.map { pureChoices($0, game) }) == bruteForceSPE(game))
    #expect(result.equilibria.contains { game.expectedPayoffs($0) == fixture.payoffs })
    for e in result.equilibria { #expect(game.maxRegret(at: e) == 0) }
    let float = try BackwardInduction().solve(game.converted(to: Double.self))
    #expect(float.equilibria.count == fixture.count)
  }

  @Test func backwardInductionRejectsImperfectInformation() throws {
    let game = try gambitTree("doc/poker.efg")
    #expect(throws: SolverError.self) { try BackwardInduction().solve(game) }
  }

  @Test(arguments: lcpFixtures.map(\.path))
  func sequenceFormLCPMatchesGambit(_ path: String) throws {
    let expected = lcpFixtures.first { $0.path == path }!.payoffs
    let game = try gambitTree(path)
    let result = try SequenceFormLCP().solve(game)
    #expect(result.equilibria.count == 1)
    let e = try #require(result.equilibria.first)
    #expect(game.isValid(e))
    #expect(game.maxRegret(at: e) == 0)
    #expect(game.expectedPayoffs(e) == expected)
    let pivoted = try #require(try SequenceFormLCP(floatFirst: false).solve(game).equilibria.first)
    #expect(game.maxRegret(at: pivoted) == 0)
    #expect(game.expectedPayoffs(pivoted) == expected)
    let floatGame = game.converted(to: Double.self)
    let f = try #require(try SequenceFormLCP().solve(floatGame).equilibria.first)
    #expect(floatGame.maxRegret(at: f) < 1e-9)
    for (x, y) in zip(floatGame.expectedPayoffs(f), expected) {
      #expect(abs(x - y.doubleValue) < 1e-9)
    }
  }

  /// Gambit's `lcp_solve(rational=True)` profile on one-card poker (pygambit 17.0.0b2).
  @Test func sequenceFormLCPGivesGambitsPokerProfile() throws {
    let game = try gambitTree("doc/poker.efg")
    let e = try #require(try SequenceFormLCP().solve(game).equilibria.first)
    let alice = game.informationSets(of: 0).map { e[$0] }
    let bob = game.informationSets(of: 1).map { e[$0] }
    #expect(alice == [[1, 0], [Rational(1, 3), Rational(2, 3)]])
    #expect(bob == [[Rational(2, 3), Rational(1, 3)]])
  }

  @Test func zeroSumLPGivesThePokerValue() throws {
    for path in ["doc/poker.efg", "tests/test_games/stripped_down_poker.efg",
      "catalog/books/myerson1991/fig2_1.efg"]
    {
      let game = try gambitTree(path)
      let result = try SequenceFormLP().solve(game)
      #expect(result.gameValue == Rational(1, 3))
      let e = try #require(result.equilibria.first)
      #expect(game.maxRegret(at: e) == 0)
      let float = try SequenceFormLP().solve(game.converted(to: Double.self))
      #expect(abs(float.gameValue! - 1.0 / 3) < 1e-9)
    }
    let general = try gambitTree("tests/test_games/entry_accommodation.efg")
    #expect(throws: SolverError.self) { try SequenceFormLP().solve(general) }
  }

  @Test func reducedNormalFormNamesPlansByActionLabels() throws {
    let game = try gambitTree("tests/test_games/entry_accommodation.efg")
    let reduced = try ReducedNormalForm(game)
    #expect(reduced.game.strategies == [["S,A,*", "S,F,*", "T,*,A", "T,*,F"], ["E", "O"]])
    let poker = try ReducedNormalForm(try gambitTree("doc/poker.efg"))
    #expect(poker.game.strategies[0] == ["Raise,Raise", "Raise,Fold", "Fold,Raise", "Fold,Fold"])
    #expect(poker.game.strategies[1] == ["Meet", "Pass"])
  }

  /// Every extreme equilibrium of the reduced normal form maps (Kuhn) to a behaviour
  /// equilibrium of the tree with the same payoffs.
  @Test(arguments: lcpFixtures.map(\.path))
  func reducedNormalFormEquilibriaAreTreeEquilibria(_ path: String) throws {
    let game = try gambitTree(path)
    let reduced = try ReducedNormalForm(game)
    guard reduced.game.profileCount <= 400 else { return }
    let result = try VertexEnumeration().solve(reduced.game)
    #expect(!result.equilibria.isEmpty)
    for mixed in result.equilibria {
      let behavior = reduced.behaviorProfile(from: mixed)
      #expect(game.maxRegret(at: behavior) == 0)
      #expect(game.expectedPayoffs(behavior) == reduced.game.payoffs(at: mixed))
    }
  }

  @Test func perfectRecallViolationsAreFound() throws {
    // Player 1 moves, then moves again without remembering the first move.
    typealias G = ExtensiveFormGame<Rational>
    let forgetful = G(
      players: ["1", "2"],
      informationSets: [
        .init(player: 0, number: 1, actions: ["L", "R"]),
        .init(player: 0, number: 2, actions: ["l", "r"]),
      ],
      outcomes: [.init(number: 1, payoffs: [1, 0]), .init(number: 2, payoffs: [0, 1])],
      nodes: [
        .init(informationSet: 0), .init(informationSet: 1), .init(outcome: 0),
        .init(outcome: 1), .init(informationSet: 1), .init(outcome: 1), .init(outcome: 0),
      ])
    #expect(forgetful.perfectRecallViolation() != nil)
    #expect(throws: SolverError.self) { try SequenceFormLCP().solve(forgetful) }
    #expect(throws: SolverError.self) { try SequenceFormLP().solve(forgetful) }
    for path in lcpFixtures.map(\.path) + speFixtures.map(\.path) {
      #expect(try gambitTree(path).hasPerfectRecall, "\(path)")
    }
  }
}
