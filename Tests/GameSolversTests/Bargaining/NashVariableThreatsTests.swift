// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct NashVariableThreatsTests {
  typealias Q = Rational

  /// Transferable utility (Nash 1953; Luce and Raiffa 1957, §6.9): σ = max(aᵢⱼ + bᵢⱼ), t the
  /// value of A − B, solution ((σ + t)/2, (σ − t)/2). Here A − B = [[1, 0], [0, −1]]: row 0
  /// dominates, the column player answers with column 1, t = 0, σ = 3.
  @Test func transferableBattleOfTheSexes() throws {
    let g = NormalFormGame<Q>(A: [[2, -1], [-1, 1]], B: [[1, -1], [-1, 2]])
    let r = try NashVariableThreats().solveTransferable(g)
    #expect(r.solution == [Q(3, 2), Q(3, 2)])
    #expect(r.threats == [[1, 0], [0, 1]])
    #expect(r.disagreement == [-1, -1])
    #expect(r.isExact && r.isTransferable)
  }

  /// A threat advantage: the row player can hurt the column player cheaply.
  /// A − B = [[0, 3], [−2, 1]]... worked by hand: row 0 dominates row 1 in A − B
  /// ([0, 3] vs [−2, 1]); the column player picks column 0; t = 0 → σ = max sum = 6 at (0, 0).
  @Test func transferableWithSidePayment() throws {
    let g = NormalFormGame<Q>(A: [[3, 4], [0, 2]], B: [[3, 1], [2, 1]])
    let r = try NashVariableThreats().solveTransferable(g)
    #expect(r.solution == [3, 3])
    let h = NormalFormGame<Q>(A: [[5, 0], [0, 1]], B: [[1, 0], [0, 0]])
    // A − B = [[4, 0], [0, 1]]: value 4/5 (x = (1/5, 4/5), y = (1/5, 4/5)); σ = 6.
    let s = try NashVariableThreats().solveTransferable(h)
    #expect(s.solution == [Q(17, 5), Q(13, 5)])
    #expect(s.threats == [[Q(1, 5), Q(4, 5)], [Q(1, 5), Q(4, 5)]])
    #expect(s.sidePayment == 5 - Q(17, 5))
  }

  /// Non-transferable utility: battle of the sexes with cells (4, 1), (1, 4) and (0, 0)
  /// off the diagonal; the frontier edge has normal (1, 1) and the threat game
  /// A − B = [[3, 0], [0, −3]] has value 0, so the solution is (5/2, 5/2).
  @Test func nonTransferableSymmetric() throws {
    let g = NormalFormGame<Q>(A: [[4, 0], [0, 1]], B: [[1, 0], [0, 4]])
    let r = try NashVariableThreats().solveNonTransferable(g)
    #expect(r.solution == [Q(5, 2), Q(5, 2)])
    #expect(!r.isTransferable)
    #expect(r.agreement.map(\.weight).reduce(0, +) == 1)
  }

  /// The solution is verified internally (the Nash solution from the threat point); here
  /// check it is on the frontier and that the threat point lies below it, on random games.
  @Test func nonTransferableRandomGamesVerify() throws {
    var rng = SeededGenerator(seed: 1953)
    for _ in 0..<15 {
      let A = (0..<3).map { _ in (0..<3).map { _ in Q(Int.random(in: 0...9, using: &rng)) } }
      let B = (0..<3).map { _ in (0..<3).map { _ in Q(Int.random(in: 0...9, using: &rng)) } }
      let r = try NashVariableThreats().solveNonTransferable(NormalFormGame(A: A, B: B))
      #expect(r.solution[0] >= r.disagreement[0] && r.solution[1] >= r.disagreement[1])
      let t = try NashVariableThreats().solveTransferable(NormalFormGame(A: A, B: B))
      // Transferable utility can only enlarge the joint payoff.
      #expect(t.solution[0] + t.solution[1] >= r.solution[0] + r.solution[1])
    }
  }

  @Test func needsTwoPlayers() {
    let g = NormalFormGame<Q>(
      players: ["1", "2", "3"], strategies: [["a"], ["b"], ["c"]], payoffs: [[1], [1], [1]])
    #expect(throws: SolverError.self) { try NashVariableThreats().solveTransferable(g) }
  }
}
