// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct AxiomaticSolutionTests {
  typealias Q = Rational

  /// Kalai and Smorodinsky (1975), the example motivating monotonicity: enlarging S to T
  /// (adding (1, 0.7) in place of (3/4, 3/4)) lowers player 2's Nash payoff from 3/4 to
  /// 7/10 although player 2's possibilities grew; the Kalai–Smorodinsky payoff rises from
  /// 3/4 to 10/13.
  @Test func kalaiSmorodinskyMonotonicityExample() throws {
    let S = try BargainingProblem<Q>(
      deals: [[0, 0], [1, 0], [0, 1], [Q(3, 4), Q(3, 4)]], disagreement: [0, 0], lotteries: true)
    let T = try BargainingProblem<Q>(
      deals: [[0, 0], [1, 0], [0, 1], [1, Q(7, 10)]], disagreement: [0, 0], lotteries: true)
    #expect(try NashBargainingSolution().solve(S).point == [Q(3, 4), Q(3, 4)])
    #expect(try NashBargainingSolution().solve(T).point == [1, Q(7, 10)])
    let ksS = try KalaiSmorodinsky().solve(S)
    let ksT = try KalaiSmorodinsky().solve(T)
    #expect(ksS.point == [Q(3, 4), Q(3, 4)])
    #expect(ksT.point == [Q(10, 13), Q(10, 13)])
    #expect(ksT.isExact)
    // The lottery realises the point: 3/13 on (0, 1) and 10/13 on (1, 7/10).
    #expect(
      Set(ksT.lottery) == [
        LotteryTerm(deal: 2, weight: Q(3, 13)), LotteryTerm(deal: 3, weight: Q(10, 13)),
      ])
  }

  /// Kalai (1977): equal gains. With the frontier u₂ = 2(1 − u₁), equal gains give
  /// t = 2/3; the Kalai–Smorodinsky point (ideal (1, 2)) is (1/2, 1) instead.
  @Test func egalitarianEqualGains() throws {
    let p = try BargainingProblem<Q>(
      deals: [[1, 0], [0, 2]], disagreement: [0, 0], lotteries: true)
    let e = try EgalitarianSolution().solve(p)
    #expect(e.point == [Q(2, 3), Q(2, 3)])
    #expect(e.concept == "egalitarian")
    #expect(try KalaiSmorodinsky().solve(p).point == [Q(1, 2), 1])
    #expect(try NashBargainingSolution().solve(p).point == [Q(1, 2), 1])
  }

  @Test func utilitarianMaximisesTheTotal() throws {
    let p = try BargainingProblem<Q>(
      deals: [[5, 1], [3, 4], [1, 5], [0, 0]], disagreement: [1, 1], lotteries: true)
    let u = try UtilitarianSolution().solve(p)
    #expect(u.point == [3, 4])
    let q = try BargainingProblem<Q>(
      deals: [[9, 0], [3, 4], [1, 5]], disagreement: [1, 1], lotteries: true)
    // (9, 0) is not individually rational; mixing it with (3, 4) up to u₂ = 1 is.
    let v = try UtilitarianSolution().solve(q)
    #expect(v.point == [Q(15, 2), 1])
  }

  @Test func paretoFrontier() throws {
    let deals: [[Q]] = [[4, 0], [3, 3], [0, 4], [2, 2], [1, 3], [Q(7, 2), Q(1, 2)]]
    let noLotteries = try BargainingProblem<Q>(
      deals: deals, disagreement: [0, 0], lotteries: false)
    #expect(try ParetoFrontier().solve(noLotteries).deals == [2, 1, 5, 0])  // (1,3) ≤ (3,3)
    let hull = try BargainingProblem<Q>(deals: deals, disagreement: [0, 0], lotteries: true)
    let f = try ParetoFrontier().solve(hull)
    #expect(f.deals == [2, 1, 0])  // (1,3) and (7/2,1/2) lie below the hull's frontier
    #expect(f.edges == [[2, 1], [1, 0]])
    let three = try BargainingProblem<Q>(
      deals: [
        [1, 0, 0], [0, 1, 0], [0, 0, 1], [Q(1, 4), Q(1, 4), Q(1, 4)], [Q(1, 2), Q(1, 2), 0],
      ],
      disagreement: [0, 0, 0], lotteries: true)
    #expect(try ParetoFrontier().solve(three).deals == [0, 1, 2, 4])
  }

  // MARK: - Properties on random problems

  func randomProblem(players n: Int, deals m: Int, using rng: inout SeededGenerator) throws
    -> BargainingProblem<Q>
  {
    let deals = (0..<m).map { _ in (0..<n).map { _ in Q(Int.random(in: 0...20, using: &rng)) } }
    return try BargainingProblem(
      deals: deals, disagreement: [Q](repeating: 2, count: n), lotteries: true)
  }

  /// Nash (1950) and Kalai–Smorodinsky (1975) are invariant under positive affine changes
  /// of each player's utility; the solutions are Pareto optimal and individually rational.
  @Test func scaleInvarianceParetoAndIndividualRationality() throws {
    var rng = SeededGenerator(seed: 1950)
    for trial in 0..<25 {
      let n = trial < 15 ? 2 : 3
      let p = try randomProblem(players: n, deals: 12, using: &rng)
      let scale = (0..<n).map { _ in
        Q(Int.random(in: 1...5, using: &rng), Int.random(in: 1...3, using: &rng))
      }
      let shift = (0..<n).map { _ in Q(Int.random(in: -5...5, using: &rng)) }
      let t = try BargainingProblem<Q>(
        deals: p.deals.map { u in (0..<n).map { scale[$0] * u[$0] + shift[$0] } },
        disagreement: (0..<n).map { scale[$0] * p.disagreement[$0] + shift[$0] }, lotteries: true)
      for solver in ["nash", "ks"] {
        let a =
          try solver == "nash" ? NashBargainingSolution().solve(p) : KalaiSmorodinsky().solve(p)
        let b =
          try solver == "nash" ? NashBargainingSolution().solve(t) : KalaiSmorodinsky().solve(t)
        if n == 2 { #expect(a.isExact && b.isExact) }
        guard a.isExact && b.isExact else { continue }
        #expect(
          (0..<n).allSatisfy { b.point[$0] == scale[$0] * a.point[$0] + shift[$0] }, "\(solver)")
        #expect((0..<n).allSatisfy { a.point[$0] >= p.disagreement[$0] })
        // Pareto: no deal in the hull's frontier test dominates the point (LP: max Σs = 0).
        let withPoint = try BargainingProblem<Q>(
          deals: p.deals + [a.point], disagreement: p.disagreement, lotteries: true)
        if solver == "nash" || n == 2 {
          #expect(try ParetoFrontier().solve(withPoint).deals.contains(p.deals.count) || n == 2)
        }
      }
      // The lottery realises (Nash) or dominates (KS) the point.
      let nash = try NashBargainingSolution().solve(p)
      let realised = (0..<n).map { i in
        nash.lottery.reduce(Q(0)) { $0 + $1.weight * p.deals[$1.deal][i] }
      }
      if nash.isExact { #expect(realised == nash.point) }
    }
  }

  /// Large deal sets go through column generation; the comprehensive hull's solutions depend
  /// only on the undominated deals, which are few enough for the plain simplex method.
  @Test func columnGenerationMatchesTheUndominatedDeals() throws {
    var rng = SeededGenerator(seed: 2500)
    let deals = (0..<2500).map { _ in (0..<3).map { _ in Q(Int.random(in: 0...60, using: &rng)) } }
    let all = try BargainingProblem<Q>(deals: deals, disagreement: [5, 5, 5], lotteries: true)
    let keep = deals.indices.filter { k in
      !deals.contains { q in zip(q, deals[k]).allSatisfy { $0 >= $1 } && q != deals[k] }
    }
    let few = try BargainingProblem<Q>(
      deals: keep.map { deals[$0] }, disagreement: [5, 5, 5], lotteries: true)
    #expect(try KalaiSmorodinsky().solve(all).point == KalaiSmorodinsky().solve(few).point)
    #expect(try EgalitarianSolution().solve(all).point == EgalitarianSolution().solve(few).point)
    #expect(
      try UtilitarianSolution().solve(all).point.reduce(0, +)
        == UtilitarianSolution().solve(few).point.reduce(0, +))
  }

  /// A symmetric problem gets a symmetric solution.
  @Test func symmetry() throws {
    let deals: [[Q]] = [[6, 1], [1, 6], [4, 3], [3, 4], [0, 0]]
    let p = try BargainingProblem<Q>(deals: deals, disagreement: [0, 0], lotteries: true)
    for s in [
      try NashBargainingSolution().solve(p), try KalaiSmorodinsky().solve(p),
      try EgalitarianSolution().solve(p), try UtilitarianSolution().solve(p),
    ]
    where s.concept != "utilitarian" {
      #expect(s.point == [Q(7, 2), Q(7, 2)], "\(s.concept)")
    }
  }

  /// Exact and floating-point answers agree on random problems.
  @Test func exactAgreesWithDouble() throws {
    var rng = SeededGenerator(seed: 77)
    for _ in 0..<10 {
      let p = try randomProblem(players: 3, deals: 15, using: &rng)
      let f = try BargainingProblem<Double>(
        deals: p.deals.map { $0.map(\.doubleValue) },
        disagreement: p.disagreement.map(\.doubleValue),
        lotteries: true)
      let a = try NashBargainingSolution().solve(p)
      let b = try NashBargainingSolution().solve(f)
      for i in 0..<3 { #expect(abs(a.point[i].doubleValue - b.point[i]) < 1e-6) }
      let c = try KalaiSmorodinsky().solve(p)
      let d = try KalaiSmorodinsky().solve(f)
      for i in 0..<3 { #expect(abs(c.point[i].doubleValue - d.point[i]) < 1e-7) }
    }
  }

  /// Pie division: the solutions' shares sum to one, and with linear utilities every
  /// solution splits equally.
  @Test func pieSolutions() throws {
    let linear = try BargainingProblem<Double>(pie: .linear(players: 3), disagreement: [0, 0, 0])
    for s in [
      try NashBargainingSolution().solve(linear), try KalaiSmorodinsky().solve(linear),
      try EgalitarianSolution().solve(linear),
    ] {
      #expect(s.shares.allSatisfy { abs($0 - 1.0 / 3) < 1e-7 }, "\(s.concept)")
    }
    let concave = try BargainingProblem<Double>(
      pie: PieDivision(utilities: [{ $0 }, { $0.squareRoot() }]), disagreement: [0, 0])
    // KS: ideal (1, 1); x = √(1 − x) → x = (√5 − 1)/2.
    let ks = try KalaiSmorodinsky().solve(concave)
    #expect(abs(ks.shares[0] - (5.0.squareRoot() - 1) / 2) < 1e-7)
    // Utilitarian: 1 = 1/(2√(1 − x)) → x = 3/4.
    let ut = try UtilitarianSolution().solve(concave)
    #expect(abs(ut.shares[0] - 0.75) < 1e-6)
  }

  @Test func badInputGivesClearErrors() throws {
    #expect(throws: SolverError.self) {
      try BargainingProblem<Q>(deals: [], disagreement: [0, 0], lotteries: true)
    }
    #expect(throws: SolverError.self) {
      try BargainingProblem<Q>(deals: [[1, 2, 3]], disagreement: [0, 0], lotteries: true)
    }
    #expect(throws: SolverError.self) {
      try BargainingProblem<Q>(deals: [[1]], disagreement: [0], lotteries: true)
    }
    let noGain = try BargainingProblem<Q>(
      deals: [[1, 0], [0, 1]], disagreement: [1, 1], lotteries: true)
    do {
      _ = try NashBargainingSolution().solve(noGain)
      Issue.record("expected an error")
    } catch {
      #expect(error.reason.contains("disagreement payoff"))
    }
    let p = try BargainingProblem<Q>(
      deals: [[1, 0], [0, 1]], disagreement: [0, 0], lotteries: true)
    #expect(throws: SolverError.self) { try NashBargainingSolution().solve(p, weights: [1, -1]) }
    #expect(throws: SolverError.self) { try NashBargainingSolution().solve(p, weights: [1]) }
    #expect(throws: SolverError.self) {
      try BargainingProblem<Double>(pie: .linear(players: 2), disagreement: [2, 0])
    }
  }
}
