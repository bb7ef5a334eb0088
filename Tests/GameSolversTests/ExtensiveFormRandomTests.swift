// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

/// Seeded random trees for the extensive-form solvers.
enum RandomTrees {
  typealias G = ExtensiveFormGame<Rational>

  /// A perfect-information tree with chance nodes: every decision node its own set, payoffs
  /// drawn from a small range so that ties are common.
  static func perfectInformation(players n: Int, depth: Int, maxSets: Int,
    using rng: inout SeededGenerator) -> G
  {
    var sets = [G.InformationSet]()
    var outcomes = [G.Outcome]()
    var nodes = [G.Node]()
    var numbers = [Int](repeating: 0, count: n + 1)
    func grow(_ level: Int) {
      if level == depth || sets.count >= maxSets || Int.random(in: 0..<5, using: &rng) == 0 {
        outcomes.append(.init(number: outcomes.count + 1,
          payoffs: (0..<n).map { _ in Rational(Int.random(in: 0...2, using: &rng)) }))
        nodes.append(.init(outcome: outcomes.count - 1))
        return
      }
      let k = Int.random(in: 2...3, using: &rng)
      if Int.random(in: 0..<4, using: &rng) == 0 {
        numbers[n] += 1
        let weights = (0..<k).map { _ in Int.random(in: 1...4, using: &rng) }
        let total = weights.reduce(0, +)
        sets.append(.init(chance: numbers[n], actions: (0..<k).map { "c\($0)" },
          probabilities: weights.map { Rational($0, total) }))
      } else {
        let p = Int.random(in: 0..<n, using: &rng)
        numbers[p] += 1
        sets.append(.init(player: p, number: numbers[p], actions: (0..<k).map { "a\($0)" }))
      }
      nodes.append(.init(informationSet: sets.count - 1))
      for _ in 0..<k { grow(level + 1) }
    }
    grow(0)
    return G(players: (1...n).map(String.init), informationSets: sets, outcomes: outcomes,
      nodes: nodes)
  }

  /// A two-player signalling tree with perfect recall: chance draws a type, player 1 sees it
  /// and acts, player 2 sees only player 1's action, and player 1 sometimes moves again.
  static func signalling(types: Int, actions1: Int, actions2: Int, zeroSum: Bool,
    using rng: inout SeededGenerator) -> G
  {
    var sets = [G.InformationSet]()
    var outcomes = [G.Outcome]()
    var nodes = [G.Node]()
    let weights = (0..<types).map { _ in Int.random(in: 1...5, using: &rng) }
    let total = weights.reduce(0, +)
    sets.append(.init(chance: 1, actions: (0..<types).map { "t\($0)" },
      probabilities: weights.map { Rational($0, total) }))
    for t in 0..<types {
      sets.append(.init(player: 0, number: t + 1, actions: (0..<actions1).map { "s\($0)" }))
    }
    for a in 0..<actions1 {
      sets.append(.init(player: 1, number: a + 1, actions: (0..<actions2).map { "r\($0)" }))
    }
    var later = types
    func leaf() {
      let u = Rational(Int.random(in: -3...3, using: &rng))
      let v = zeroSum ? -u : Rational(Int.random(in: -3...3, using: &rng))
      outcomes.append(.init(number: outcomes.count + 1, payoffs: [u, v]))
      nodes.append(.init(outcome: outcomes.count - 1))
    }
    nodes.append(.init(informationSet: 0))
    for t in 0..<types {
      nodes.append(.init(informationSet: 1 + t))
      for a in 0..<actions1 {
        nodes.append(.init(informationSet: 1 + types + a))
        for _ in 0..<actions2 {
          if Int.random(in: 0..<3, using: &rng) == 0 {
            later += 1
            sets.append(.init(player: 0, number: later, actions: ["x", "y"]))
            nodes.append(.init(informationSet: sets.count - 1))
            leaf()
            leaf()
          } else {
            leaf()
          }
        }
      }
    }
    return G(players: ["1", "2"], informationSets: sets, outcomes: outcomes, nodes: nodes)
  }
}

@Suite struct ExtensiveFormRandomTests {
  @Test func backwardInductionEqualsBruteForceOnRandomTrees() throws {
    var rng = SeededGenerator(seed: 2026)
    for trial in 0..<30 {
      let game = RandomTrees.perfectInformation(
        players: 2 + trial % 2, depth: 4, maxSets: 8, using: &rng)
      let result = try BackwardInduction().solve(game)
      let mine = result.equilibria.map { pureChoices($0, game) }
      #expect(Set(mine).count == mine.count, "trial \(trial): duplicates")
      #expect(Set(mine) == bruteForceSPE(game), "trial \(trial)")
    }
  }

  @Test func sequenceFormLCPHasZeroRegretOnRandomTrees() throws {
    var rng = SeededGenerator(seed: 7)
    for trial in 0..<16 {
      let game = RandomTrees.signalling(
        types: 2 + trial % 2, actions1: 2 + trial % 3, actions2: 2 + (trial / 3) % 2,
        zeroSum: trial % 2 == 0, using: &rng)
      #expect(game.hasPerfectRecall)
      let result = try SequenceFormLCP().solve(game)
      let e = try #require(result.equilibria.first)
      #expect(game.maxRegret(at: e) == 0, "trial \(trial)")
      if trial % 4 == 1 {
        let pivoted = try SequenceFormLCP(floatFirst: false).solve(game)
        let p = try #require(pivoted.equilibria.first)
        #expect(game.maxRegret(at: p) == 0, "trial \(trial)")
      }
      if trial % 2 == 0 {
        let lp = try SequenceFormLP().solve(game)
        #expect(lp.gameValue == game.expectedPayoffs(e)[0], "trial \(trial)")
      }
      let float = try SequenceFormLCP().solve(game.converted(to: Double.self))
      let f = try #require(float.equilibria.first)
      #expect(game.converted(to: Double.self).maxRegret(at: f) < 1e-9)
    }
  }
}
