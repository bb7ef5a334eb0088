// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct CoalitionalGameTests {
  /// CoopGame's order for n = 3: {1},{2},{3},{1,2},{1,3},{2,3},{1,2,3}; MatTuGames' bit-mask
  /// order: {1},{2},{1,2},{3},{1,3},{2,3},{1,2,3}.
  @Test func bothVectorConventionsDescribeTheSameGame() throws {
    let lex = try CoalitionalGame<Rational>(
      values: [1, 2, 3, 12, 13, 23, 123].map { Rational($0) }, order: .sizeThenLexicographic)
    #expect(lex.worth(of: Coalition([0, 2])) == 13)
    #expect(lex.worth(of: Coalition([1, 2])) == 23)
    #expect(lex.values(in: .bitMask) == [1, 2, 12, 3, 13, 23, 123].map { Rational($0) })
    let mask = try CoalitionalGame<Rational>(values: lex.values(in: .bitMask), order: .bitMask)
    #expect(mask == lex)
    #expect(mask.values(in: .sizeThenLexicographic) == lex.values(in: .sizeThenLexicographic))
    #expect(CoalitionOrder.sizeThenLexicographicMasks(4).count == 15)
  }

  @Test func wrongVectorLengthIsAClearError() {
    #expect(throws: SolverError.self) {
      try CoalitionalGame<Rational>(values: [1, 2, 3, 4].map { Rational($0) }, order: .bitMask)
    }
    do {
      _ = try CoalitionalGame<Rational>(values: [1, 2].map { Rational($0) }, order: .bitMask)
      Issue.record("expected an error")
    } catch {
      #expect(error.description.contains("2^n - 1 values"))
    }
  }

  @Test func tooManyPlayersIsRejectedBeforeAllocation() {
    do {
      _ = try CoalitionalGame<Rational>(playerCount: 40) { _ in 0 }
      Issue.record("expected an error")
    } catch {
      #expect(error.isLimitExceeded)
    }
  }

  @Test func propertiesOfTextbookGames() throws {
    let glove = Coop.glove
    #expect(glove.isSuperadditive() && glove.isMonotone() && glove.isSimple())
    #expect(!glove.isConvex())  // v(12)+v(13) = 2 > v(123)+v(1) = 1
    let squares = try CoalitionalGame<Rational>(playerCount: 4) {
      Rational($0.count * $0.count)
    }
    #expect(squares.isConvex() && squares.isSuperadditive() && !squares.isSimple())
    let bad = try CoalitionalGame<Rational>(values: [1, 1, 1].map { Rational($0) }, order: .bitMask)
    #expect(!bad.isSuperadditive() && !bad.isConvex() && bad.isMonotone())
    #expect(try CoreSolver().isBalanced(glove))
    // The three-player majority game has an empty core (MSZ 2013, Example 17.6).
    let majority = try WeightedVotingGame(quota: 2, weights: [1, 1, 1])
      .characteristicFunction(Rational.self)
    #expect(try !CoreSolver().isBalanced(majority))
  }

  /// Convex games: superadditive, and the local and global convexity checks agree on random
  /// games.
  @Test func convexityCheckAgreesWithTheDefinition() {
    var g = SeededGenerator(seed: 7)
    for _ in 0..<40 {
      let game = Coop.randomGrowing(4, using: &g)
      var convex = true
      for s in 0...15 { for t in 0...15 where game[s | t] + game[s & t] < game[s] + game[t] {
        convex = false
      } }
      #expect(game.isConvex() == convex)
      if convex { #expect(game.isSuperadditive()) }
    }
  }

  @Test func weightedGameErrors() {
    #expect(throws: SolverError.self) { try WeightedVotingGame(quota: -1, weights: [1, 2]) }
    #expect(throws: SolverError.self) { try WeightedVotingGame(quota: 0, weights: [1, 2]) }
    #expect(throws: SolverError.self) { try WeightedVotingGame(quota: 4, weights: [1, 2]) }
    #expect(throws: SolverError.self) { try WeightedVotingGame(quota: 1, weights: [1, -2]) }
    #expect(throws: SolverError.self) { try WeightedVotingGame(quota: 1, weights: []) }
    #expect(throws: SolverError.self) {
      try WeightedVotingGame(layers: [(2, [1, 1]), (1, [1, 1, 1])])
    }
    do {
      _ = try WeightedVotingGame(quota: -3, weights: [1, 2])
    } catch {
      #expect(error.description.contains("quota must be positive"))
    }
  }

  @Test func rationalWeightsAreScaled() throws {
    let g = try WeightedVotingGame(
      quota: Rational(1, 2), weights: [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
    #expect(g.layers[0].quota == 3 && g.layers[0].weights == [2, 2, 2])
  }
}
