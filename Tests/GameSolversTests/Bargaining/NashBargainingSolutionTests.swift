// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct NashBargainingSolutionTests {
  typealias Q = Rational

  /// Dividing a dollar with linear utilities: Osborne and Rubinstein (1994), Example 300.1 —
  /// the symmetric Nash solution splits equally; weights (α, 1 − α) give shares (α, 1 − α)
  /// (Roth 1979, §I.D).
  @Test func splitTheDollarOnASegment() throws {
    let p = try BargainingProblem<Q>(
      deals: [[1, 0], [0, 1]], disagreement: [0, 0], lotteries: true)
    let s = try NashBargainingSolution().solve(p)
    #expect(s.point == [Q(1, 2), Q(1, 2)])
    #expect(s.isExact)
    #expect(
      Set(s.lottery) == [
        LotteryTerm(deal: 0, weight: Q(1, 2)), LotteryTerm(deal: 1, weight: Q(1, 2)),
      ])
    let a = try NashBargainingSolution().solve(p, weights: [Q(1, 3), Q(2, 3)])
    #expect(a.point == [Q(1, 3), Q(2, 3)])
    #expect(a.isExact)
  }

  /// Without lotteries the deal with the largest Nash product is chosen.
  @Test func finiteDealsWithoutLotteries() throws {
    let p = try BargainingProblem<Q>(
      deals: [[10, 0], [0, 10], [6, 5], [4, 7], [3, 3]], disagreement: [1, 1], lotteries: false)
    let s = try NashBargainingSolution().solve(p)
    #expect(s.point == [6, 5])  // (5·4 = 20) beats (3·6 = 18)
    #expect(s.lottery == [LotteryTerm(deal: 2, weight: 1)])
  }

  /// The optimum inside an edge of the hull is reported as a lottery over its endpoints.
  @Test func optimumInsideAnEdgeIsALottery() throws {
    let p = try BargainingProblem<Q>(
      deals: [[4, 0], [0, 4], [3, 2], [1, 1]], disagreement: [0, 0], lotteries: true)
    // Facet through (3,2) and (0,4): 2u1 + 3u2 = 12 → u = (3, 2) vertex? gradient check:
    // at (3,2), g = (1/3, 1/2), g·(0,4) = 2 ≤ 2, g·(4,0) = 4/3 ≤ 2: the vertex (3,2) wins
    // against (0,4); on the edge to (4,0): 2u1 + u2 = 8 → u = (2, 4)? not in edge; so vertex.
    let s = try NashBargainingSolution().solve(p)
    #expect(s.isExact)
    #expect(s.point == [3, 2])
    let q = try BargainingProblem<Q>(
      deals: [[6, 0], [0, 6], [1, 1]], disagreement: [0, 0], lotteries: true)
    let t = try NashBargainingSolution().solve(q, weights: [1, 2])
    #expect(t.point == [2, 4])
    #expect(
      Set(t.lottery) == [
        LotteryTerm(deal: 0, weight: Q(1, 3)), LotteryTerm(deal: 1, weight: Q(2, 3)),
      ])
  }

  /// A risk-averse player gets less: u₁(x) = x, u₂(x) = √x, d = 0 gives x₁ = 2/3
  /// (Osborne and Rubinstein 1990, §2.4; Roth 1979).
  @Test func pieWithRiskAversion() throws {
    let pie = PieDivision(utilities: [{ $0 }, { $0.squareRoot() }])
    let p = try BargainingProblem<Double>(pie: pie, disagreement: [0, 0])
    let s = try NashBargainingSolution().solve(p)
    #expect(abs(s.shares[0] - 2.0 / 3) < 1e-7)
    #expect(!s.isExact)
  }

  /// Three players, the optimum on a facet: exact.
  @Test func threePlayerFacet() throws {
    let p = try BargainingProblem<Q>(
      deals: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], disagreement: [0, 0, 0], lotteries: true)
    let s = try NashBargainingSolution().solve(p)
    #expect(s.point == [Q(1, 3), Q(1, 3), Q(1, 3)])
    #expect(s.isExact)
  }
}
