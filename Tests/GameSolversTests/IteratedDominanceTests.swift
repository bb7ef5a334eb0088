// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import GameSolvers
import LPSupport
import Testing
import _TestSupport

/// A game with `shape` strategies per player and payoffs `u(player, profile)`.
func makeGame<S: GameScalar>(
  shape: [Int], as _: S.Type = Rational.self, _ u: (Int, [Int]) -> Int
) -> NormalFormGame<S> {
  let count = shape.reduce(1, *)
  let profiles: [[Int]] = (0..<count).map { index in
    var rest = index
    return shape.map { m in
      defer { rest /= m }
      return rest % m
    }
  }
  return NormalFormGame(
    players: shape.indices.map { "\($0 + 1)" },
    strategies: shape.map { m in (0..<m).map { "s\($0 + 1)" } },
    payoffs: shape.indices.map { p in profiles.map { S(Rational(u(p, $0))) } })
}

/// Whether `s` is a best response of `player` to some belief over the other players' pure
/// profiles — found by an LP over the belief, then checked exactly. By Pearce's lemma
/// (Myerson 1991, Thm 1.6) this holds exactly when `s` is not strictly dominated by a mixture.
func isBestResponseToSomeBelief(
  _ g: NormalFormGame<Rational>, player p: Int, strategy s: Int
) throws -> Bool {
  let opponents = (0..<g.profileCount).filter { g.profile(at: $0)[p] == 0 }
  let stride = g.stride(of: p)
  let u = g.payoffs[p]
  let m = g.strategies[p].count
  var lp = LinearProgram(.maximize, objective: Array(repeating: 0, count: opponents.count))
  for t in 0..<m where t != s {
    lp.addConstraint(
      opponents.map { u[$0 + s * stride] - u[$0 + t * stride] }, .greaterOrEqual, 0)
  }
  lp.addConstraint(Array(repeating: 1, count: opponents.count), .equal, 1)
  let solution = try lp.solveExact()
  guard solution.status == .optimal else { return false }
  let mu = solution.values
  let values = (0..<m).map { t in
    zip(opponents, mu).reduce(Rational(0)) { $0 + $1.1 * u[$1.0 + t * stride] }
  }
  return values[s] == values.max()
}

/// Replays an elimination log on `g` and checks each step independently: when it is made, the
/// dominator strictly beats the eliminated strategy against every profile of the other
/// players' strategies still present. Returns the survivors the log leaves.
func replayStrictEliminations(
  _ g: NormalFormGame<Rational>, _ log: [DominanceResult<Rational>.Elimination],
  sourceLocation: SourceLocation = #_sourceLocation
) -> [[Int]] {
  var alive = g.strategies.map { Array($0.indices) }
  for e in log {
    let p = e.player
    #expect(alive[p].contains(e.strategy), sourceLocation: sourceLocation)
    let weights: [Rational]
    switch e.dominator {
    case .pure(let t):
      weights = (0..<g.strategies[p].count).map { $0 == t ? 1 : 0 }
    case .mixed(let sigma):
      weights = sigma
      #expect(sigma.allSatisfy { $0 >= 0 } && sigma.reduce(0, +) == 1)
    }
    #expect(weights[e.strategy] == 0, sourceLocation: sourceLocation)
    for (t, w) in weights.enumerated() where w != 0 {
      #expect(alive[p].contains(t), "dominator uses a removed strategy",
        sourceLocation: sourceLocation)
    }
    for index in 0..<g.profileCount {
      let profile = g.profile(at: index)
      guard profile[p] == 0,
        profile.indices.allSatisfy({ $0 == p || alive[$0].contains(profile[$0]) })
      else { continue }
      let stride = g.stride(of: p)
      let mix = weights.enumerated().reduce(Rational(0)) {
        $0 + $1.1 * g.payoffs[p][index + $1.0 * stride]
      }
      #expect(mix > g.payoffs[p][index + e.strategy * stride], sourceLocation: sourceLocation)
    }
    alive[p].removeAll { $0 == e.strategy }
  }
  return alive
}

@Suite struct IteratedDominanceTests {
  /// The prisoner's dilemma: defection strictly dominates cooperation for both players.
  @Test func prisonersDilemmaReducesToMutualDefection() throws {
    let g = NormalFormGame<Rational>(A: [[3, 0], [5, 1]], B: [[3, 5], [0, 1]])
    let r = try IteratedDominance().reduce(g)
    #expect(r.survivors == [[1], [1]])
    #expect(r.reducedGame.shape == [1, 1])
    #expect(r.reducedGame.strategies == [["2"], ["2"]])
    #expect(r.reducedGame.payoffs == [[1], [1]])
    #expect(
      r.eliminations == [
        .init(round: 1, player: 0, strategy: 0, dominator: .pure(1), isStrict: true),
        .init(round: 1, player: 1, strategy: 0, dominator: .pure(1), isStrict: true),
      ])
    #expect(r.method == "dominance" && r.isExact && r.status == .complete)
    #expect(r.parameters == ["strength": "strict", "mixed": "no"])
  }

  /// Gambit's `contrib/games/mixdom.nfg` (a 4×4 zero-sum game): no pure strategy dominates
  /// another, but row 1 is strictly dominated by a mixture of rows 2–4 (an LP finds
  /// ε = 1/5 with 3/5 on row 2 and 2/5 on row 3); iterating reaches the saddle point
  /// (row 3, column 2).
  @Test func mixdomNeedsAMixedDominator() throws {
    let A = [[6, 2, 1, 4], [7, 1, 2, 5], [5, 4, 6, 7], [1, 3, 7, 2]]
    let g = makeGame(shape: [4, 4]) { p, s in p == 0 ? A[s[0]][s[1]] : -A[s[0]][s[1]] }
    let pure = try IteratedDominance().reduce(g)
    #expect(pure.eliminations.isEmpty && pure.survivors == [[0, 1, 2, 3], [0, 1, 2, 3]])

    let mixed = try IteratedDominance(byMixedStrategies: true).reduce(g)
    let first = try #require(mixed.eliminations.first)
    #expect(first.round == 1 && first.player == 0 && first.strategy == 0)
    guard case .mixed(let sigma) = first.dominator else {
      Issue.record("row 1 needs a mixed dominator")
      return
    }
    #expect(sigma[0] == 0 && sigma.reduce(0, +) == 1 && sigma.allSatisfy { $0 >= 0 })
    // The mixture beats row 1 against every column, exactly.
    for j in 0..<4 {
      let mix = (0..<4).reduce(Rational(0)) { $0 + sigma[$1] * Rational(A[$1][j]) }
      #expect(mix > Rational(A[0][j]))
    }
    #expect(mixed.survivors == [[2], [1]])
    #expect(mixed.parameters["mixed"] == "yes")
  }

  /// Three players, three rounds of reasoning: player 3's second strategy is dominated; then
  /// player 1 (who wants to match player 3) and then player 2 (who wants to match player 1).
  @Test func threePlayerGameNeedsTwoRounds() throws {
    let g = makeGame(shape: [2, 2, 2]) { p, s in
      switch p {
      case 0: return s[0] == s[2] ? 1 : 0
      case 1: return s[1] == s[0] ? 1 : 0
      default: return s[2] == 0 ? 1 : 0
      }
    }
    let r = try IteratedDominance().reduce(g)
    #expect(
      r.eliminations.map { [$0.round, $0.player, $0.strategy] } == [
        [1, 2, 1], [2, 0, 1], [2, 1, 1],
      ])
    #expect(r.survivors == [[0], [0], [0]])
    let equilibria = try PureStrategyEquilibria().solve(g).equilibria
    #expect(equilibria == [MixedProfile(pure: [0, 0, 0], shape: [2, 2, 2])])
  }

  @Test func weakDominanceRemovesMoreAndSaysItIsOrderDependent() throws {
    let g = NormalFormGame<Rational>(A: [[2, 1], [2, 0]], B: [[1, 1], [1, 1]])
    let strict = try IteratedDominance().reduce(g)
    #expect(strict.eliminations.isEmpty)
    let weak = try IteratedDominance(strength: .weak).reduce(g)
    #expect(weak.survivors == [[0], [0, 1]])
    #expect(weak.eliminations.first?.isStrict == false)
    #expect(weak.notes.contains { $0.contains("order-dependent") })
  }

  /// Row 3 = (1, 1, 1) is weakly dominated by ½·row 1 + ½·row 2 = (3/2, 3/2, 1) only.
  @Test func weakDominanceByAMixture() throws {
    let A = [[3, 0, 1], [0, 3, 1], [1, 1, 1]]
    let g = makeGame(shape: [3, 3]) { p, s in p == 0 ? A[s[0]][s[1]] : 0 }
    #expect(try IteratedDominance(strength: .weak).reduce(g).eliminations.isEmpty)
    #expect(try IteratedDominance(byMixedStrategies: true).reduce(g).eliminations.isEmpty)
    let r = try IteratedDominance(strength: .weak, byMixedStrategies: true).reduce(g)
    #expect(r.survivors[0] == [0, 1])
    guard case .mixed(let sigma)? = r.eliminations.first?.dominator else {
      Issue.record("expected a mixed dominator")
      return
    }
    #expect(sigma[2] == 0 && sigma.reduce(0, +) == 1)
  }

  @Test func cancelledBeforeStartingThrows() {
    let flag = CancellationFlag()
    flag.cancel()
    let g = NormalFormGame<Rational>(A: [[3, 0], [5, 1]], B: [[3, 5], [0, 1]])
    #expect(throws: SolverError.self) {
      try IteratedDominance(control: SolverControl(cancellation: flag)).reduce(g)
    }
  }

  @Test func deadlineEndsTheRunWithValidPartialResult() throws {
    let g = NormalFormGame<Rational>(A: [[3, 0], [5, 1]], B: [[3, 5], [0, 1]])
    let r = try IteratedDominance(control: SolverControl(timeLimit: .zero)).reduce(g)
    #expect(r.status == .timeLimit)
    #expect(r.eliminations.isEmpty && r.survivors == [[0, 1], [0, 1]])
  }

  /// Random 2- and 3-player games: strict elimination (with mixtures) keeps exactly the pure
  /// equilibria; every survivor is a best response to some belief in the reduced game; pure
  /// elimination keeps a superset; the float path agrees.
  @Test func randomGamesKeepTheirEquilibriaAndSurvivorsAreUndominated() throws {
    var rng = SeededGenerator(seed: 99)
    var eliminated = 0, mixedDominators = 0
    for trial in 0..<30 {
      let shape = trial % 3 == 0 ? [3, 3, 2] : [4, 4]
      // Payoffs with a drift in the strategy index, so that dominance happens often.
      let table = (0..<shape.count).map { _ in
        (0..<shape.reduce(1, *)).map { _ in Int.random(in: 0...6, using: &rng) }
      }
      let drift = shape.map { _ in Int.random(in: 0...2, using: &rng) }
      let g = makeGame(shape: shape) { p, s in
        var index = 0, place = 1
        for (q, m) in shape.enumerated() {
          index += s[q] * place
          place *= m
        }
        return table[p][index] + drift[p] * s[p]
      }
      let r = try IteratedDominance(byMixedStrategies: true).reduce(g)
      eliminated += r.eliminations.count
      mixedDominators += r.eliminations.filter {
        if case .mixed = $0.dominator { return true } else { return false }
      }.count

      #expect(replayStrictEliminations(g, r.eliminations) == r.survivors)
      let original = Set(try PureStrategyEquilibria().solve(g).equilibria)
      let reduced = try PureStrategyEquilibria().solve(r.reducedGame).equilibria
      let mapped = Set(reduced.map { r.originalProfile($0, shape: shape) })
      #expect(mapped == original)
      for e in mapped { #expect(g.isNashEquilibrium(e)) }

      for p in 0..<shape.count {
        for s in 0..<r.reducedGame.strategies[p].count {
          #expect(try isBestResponseToSomeBelief(r.reducedGame, player: p, strategy: s))
        }
      }
      let pureOnly = try IteratedDominance().reduce(g)
      for p in 0..<shape.count {
        #expect(Set(r.survivors[p]).isSubset(of: Set(pureOnly.survivors[p])))
      }
      let float = try IteratedDominance(byMixedStrategies: true)
        .reduce(g.converted(to: Double.self))
      #expect(float.survivors == r.survivors)
      #expect(!float.isExact)
    }
    #expect(eliminated > 20)
    #expect(mixedDominators > 0)
  }

  /// Every Gambit `.nfg` fixture: the elimination log replays, the pure equilibria are kept,
  /// and `mixdom.nfg` read from its file needs its mixed dominator.
  @Test func gambitFixtures() throws {
    var eliminated = 0
    for url in Fixtures.gambitNFG {
      let g = try GameFile.readNormalForm(contentsOf: url)
      let r = try IteratedDominance(byMixedStrategies: true).reduce(g)
      eliminated += r.eliminations.count
      #expect(replayStrictEliminations(g, r.eliminations) == r.survivors)
      let original = Set(try PureStrategyEquilibria().solve(g).equilibria)
      let reduced = try PureStrategyEquilibria().solve(r.reducedGame).equilibria
      #expect(Set(reduced.map { r.originalProfile($0, shape: g.shape) }) == original,
        "\(url.lastPathComponent)")
      if url.lastPathComponent == "mixdom.nfg" {
        #expect(r.survivors == [[2], [1]])
        #expect(r.reducedGame.strategies == [["3"], ["2"]])
        if case .mixed = r.eliminations.first?.dominator {} else {
          Issue.record("mixdom.nfg: the first elimination needs a mixture")
        }
      }
    }
    #expect(eliminated > 0)
  }
}
