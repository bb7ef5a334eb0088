// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import GameSolvers
import Testing
import _TestSupport

/// A zero-sum game from player 1's matrix.
func zeroSum<S: GameScalar>(_ A: [[Int]], as _: S.Type = Rational.self) -> NormalFormGame<S> {
  NormalFormGame(
    A: A.map { $0.map { S(Rational($0)) } }, B: A.map { $0.map { S(Rational(-$0)) } })
}

@Suite struct ZeroSumLPTests {
  @Test func matchingPenniesHasValueZeroAndUniformStrategies() throws {
    let r = try ZeroSumLP().solve(zeroSum([[1, -1], [-1, 1]]))
    #expect(r.gameValue == 0)
    #expect(r.equilibria == [MixedProfile([[Rational(1, 2), Rational(1, 2)],
      [Rational(1, 2), Rational(1, 2)]])])
    #expect(r.method == "zerosum" && r.isExact && r.status == .complete)
  }

  /// A 2×2 game without a saddle point: v = (ad − bc)/(a + d − b − c) = 1/5, and both
  /// players mix (2/5, 3/5) (Maschler, Solan & Zamir 2013, ch. 5, the 2×2 formula).
  @Test func twoByTwoWithoutSaddlePoint() throws {
    let r = try ZeroSumLP().solve(zeroSum([[2, -1], [-1, 1]]))
    #expect(r.gameValue == Rational(1, 5))
    let half = [Rational(2, 5), Rational(3, 5)]
    #expect(r.equilibria.first?.probabilities == [half, half])
  }

  @Test func rockPaperScissorsHasTheUniqueUniformSolution() throws {
    let g: NormalFormGame<Rational> = zeroSum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    let r = try ZeroSumLP().solve(g)
    let third = [Rational](repeating: Rational(1, 3), count: 3)
    #expect(r.gameValue == 0)
    #expect(r.equilibria.first?.probabilities == [third, third])
  }

  /// Gambit's `contrib/games/mixdom.nfg`: a 4×4 zero-sum game whose only equilibrium is the
  /// saddle point (row 3, column 2), value 4 (pygambit's `lp_solve` agrees).
  @Test func mixdomHasSaddlePointValueFour() throws {
    let A = [[6, 2, 1, 4], [7, 1, 2, 5], [5, 4, 6, 7], [1, 3, 7, 2]]
    let r = try ZeroSumLP().solve(zeroSum(A))
    #expect(r.gameValue == 4)
    #expect(r.equilibria == [MixedProfile(pure: [2, 1], shape: [4, 4])])
  }

  /// Constant-sum: A + B = 10. Player 1 mixes (2/3, 1/3), player 2 (1/2, 1/2), value 5.
  @Test func constantSumGameReportsPlayerTwosValueInANote() throws {
    let A: [[Rational]] = [[6, 4], [3, 7]]
    let g = NormalFormGame(A: A, B: A.map { $0.map { 10 - $0 } })
    let r = try ZeroSumLP().solve(g)
    #expect(r.gameValue == 5)
    #expect(r.equilibria.first?.probabilities == [
      [Rational(2, 3), Rational(1, 3)], [Rational(1, 2), Rational(1, 2)],
    ])
    #expect(r.notes.contains { $0.contains("player 2's value is 5") })
  }

  @Test func refusesGamesThatAreNotConstantSum() {
    let g = NormalFormGame<Rational>(A: [[3, 0], [5, 1]], B: [[3, 5], [0, 1]])
    #expect {
      try ZeroSumLP().solve(g)
    } throws: { error in
      guard let e = error as? SolverError else { return false }
      return e.isUnsupportedGame && e.reason.contains("not constant-sum")
    }
    let three = NormalFormGame<Rational>(
      players: ["1", "2", "3"], strategies: [["a"], ["b"], ["c"]], payoffs: [[0], [0], [0]])
    #expect {
      try ZeroSumLP().solve(three)
    } throws: { error in
      (error as? SolverError)?.reason.contains("3 players") ?? false
    }
  }

  @Test func doublePathAgreesWithTheExactPath() throws {
    let A = [[3, -2, 4, 0], [-1, 5, -3, 2], [2, 0, 1, -4]]
    let exact = try ZeroSumLP().solve(zeroSum(A, as: Rational.self))
    let float = try ZeroSumLP().solve(zeroSum(A, as: Double.self))
    #expect(!float.isExact && float.method == "zerosum")
    let v = try #require(float.gameValue)
    #expect(abs(v - exact.gameValue!.doubleValue) < 1e-9)
    let g: NormalFormGame<Double> = zeroSum(A, as: Double.self)
    #expect(g.maxRegret(at: float.equilibria[0]) <= float.tolerance)
  }

  /// Random integer zero-sum games: the profile has zero regret exactly, its payoff is the
  /// value, a pure saddle point (when the pure scan finds one) has the same payoff, and the
  /// float path agrees.
  @Test func randomGamesHaveExactZeroRegret() throws {
    var rng = SeededGenerator(seed: 55)
    for _ in 0..<40 {
      let m = Int.random(in: 1...7, using: &rng), n = Int.random(in: 1...7, using: &rng)
      let A = (0..<m).map { _ in (0..<n).map { _ in Int.random(in: -9...9, using: &rng) } }
      let g: NormalFormGame<Rational> = zeroSum(A)
      let r = try ZeroSumLP().solve(g)
      let p = try #require(r.equilibria.first)
      #expect(g.isNashEquilibrium(p))
      #expect(g.maxRegret(at: p) == 0)
      #expect(g.payoff(to: 0, at: p) == r.gameValue)
      let saddles = try PureStrategyEquilibria().solve(g).equilibria
      for s in saddles { #expect(g.payoff(to: 0, at: s) == r.gameValue) }
      let f = try ZeroSumLP().solve(zeroSum(A, as: Double.self))
      #expect(abs(f.gameValue! - r.gameValue!.doubleValue) < 1e-7)
    }
  }

  @Test func solvesATwentyFiveByTwentyFiveGameExactly() throws {
    var rng = SeededGenerator(seed: 4040)
    let A = (0..<25).map { _ in (0..<25).map { _ in Int.random(in: -99...99, using: &rng) } }
    let g: NormalFormGame<Rational> = zeroSum(A)
    let r = try ZeroSumLP().solve(g)
    #expect(g.maxRegret(at: r.equilibria[0]) == 0)
  }

  /// The same game read from Gambit's file, and every Gambit `.nfg` fixture: constant-sum
  /// two-player games are solved with zero regret; the others are refused.
  @Test func gambitFixtures() throws {
    let mixdom = try GameFile.readNormalForm(
      contentsOf: Fixtures.gambit.appendingPathComponent("contrib/games/mixdom.nfg"))
    #expect(try ZeroSumLP().solve(mixdom).gameValue == 4)
    var solved = 0, refused = 0
    for url in Fixtures.gambitNFG {
      let g = try GameFile.readNormalForm(contentsOf: url)
      if g.isTwoPlayer && g.isConstantSum() {
        let r = try ZeroSumLP().solve(g)
        #expect(g.maxRegret(at: r.equilibria[0]) == 0, "\(url.lastPathComponent)")
        #expect(g.payoff(to: 0, at: r.equilibria[0]) == r.gameValue)
        solved += 1
      } else {
        #expect(throws: SolverError.self) { try ZeroSumLP().solve(g) }
        refused += 1
      }
    }
    #expect(solved >= 3 && refused > 10)
  }
}
