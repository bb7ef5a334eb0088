// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import LPSupport
import Negotiation
import Testing
import _TestSupport

@Suite struct DealSpaceTests {
  /// Two issues (3 × 4 options), two actors: deals are numbered last issue fastest and
  /// utilities are the salience-weighted sums.
  @Test func numberingAndUtilities() throws {
    let issues = [
      NegotiationIssue(name: "a", kind: .ordered(["x", "y", "z"])),
      NegotiationIssue(name: "aid", kind: .numeric(lower: 0, upper: 3, step: 1), unit: "bn"),
    ]
    let ann = NegotiationActor(
      name: "Ann", recognition: Rational(1, 2), disagreement: 0,
      salience: [Rational(1, 4), Rational(3, 4)],
      utilities: [
        .table([0, Rational(1, 2), 1]),
        .piecewiseLinear([UtilityPoint(amount: 0, utility: 0), UtilityPoint(amount: 3, utility: 1)]),
      ])
    let bob = NegotiationActor(
      name: "Bob", recognition: Rational(1, 2), disagreement: Rational(1, 5),
      salience: [1, 0], utilities: [.table([1, 0, 0]), .table([0, 0, 0, 0])])
    let model = NegotiationModel(name: "t", issues: issues, actors: [ann, bob])
    let space = try DealSpace(model)
    #expect(space.count == 12)
    #expect(space.deal(at: 7) == Deal([1, 3]))
    #expect(space.index(of: Deal([2, 1])) == 9)
    for d in 0..<space.count {
      let deal = space.deal(at: d)
      #expect(space.index(of: deal) == d)
      #expect(Array(space.utilities(at: d)) == model.utilities(for: deal))
    }
    // Ann at (y, 2): 1/4 · 1/2 + 3/4 · 2/3 = 5/8.
    #expect(space.utility(of: 0, at: space.index(of: Deal([1, 2]))) == Rational(5, 8))
    #expect(throws: SolverError.self) { try DealSpace(model, limit: 11) }
  }

  /// The table holds deals × actors utilities: a space within the deal cap but with more
  /// actors than ``DealSpace/actorsAtLimit`` per capped deal is refused before allocation.
  @Test func theUtilityTableIsBoundedBeforeAllocation() throws {
    let issue = NegotiationIssue(name: "a", kind: .ordered(["x", "y"]))
    func model(actors: Int) -> NegotiationModel {
      let list = (0..<actors).map { k in
        NegotiationActor(
          name: "A\(k)", recognition: Rational(1, actors), disagreement: 0, salience: [1],
          utilities: [.table([0, 1])])
      }
      return NegotiationModel(name: "t", issues: [issue], actors: list)
    }
    // Two deals, limit 2: up to 2 × 8 = 16 utilities.
    #expect(try DealSpace(model(actors: 8), limit: 2).count == 2)
    do {
      _ = try DealSpace(model(actors: 9), limit: 2)
      Issue.record("a table of 18 utilities should be refused")
    } catch {
      #expect(error.isLimitExceeded || error.reason.contains("more than the limit of 16 utilities"))
    }
  }
}

@Suite struct DealSpaceAnalysisTests {
  /// A seeded random space: the skyline equals the brute-force Pareto set, the zone holds
  /// exactly the deals above disagreement, and Pareto deals are optimal among lotteries
  /// unless a mixture of others dominates them.
  @Test func paretoSetMatchesBruteForce() throws {
    var generator = SeededGenerator(seed: 7)
    for _ in 0..<5 {
      let issues = (0..<3).map { k in
        NegotiationIssue(name: "i\(k)", kind: .categorical((0..<4).map { "o\($0)" }))
      }
      let actors = (0..<3).map { a in
        NegotiationActor(
          name: "A\(a)", recognition: Rational(1, 3),
          disagreement: Rational(Int(generator.next() % 5), 10),
          salience: [Rational(1, 3), Rational(1, 3), Rational(1, 3)],
          utilities: (0..<3).map { _ in
            .table((0..<4).map { _ in Rational(Int(generator.next() % 11), 10) })
          })
      }
      let model = NegotiationModel(name: "r", issues: issues, actors: actors)
      let space = try DealSpace(model)
      let analysis = try DealSpaceAnalysis(space)
      let u = (0..<space.count).map { Array(space.utilities(at: $0)) }
      let brute = (0..<space.count).filter { d in
        !(0..<space.count).contains { e in
          e != d && zip(u[e], u[d]).allSatisfy { $0 >= $1 } && zip(u[e], u[d]).contains { $0 > $1 }
        }
      }
      #expect(analysis.paretoSet == brute)
      let zone = (0..<space.count).filter { d in (0..<3).allSatisfy { u[d][$0] > actors[$0].disagreement } }
      #expect(analysis.zoneOfAgreement == zone)
      for a in 0..<3 {
        #expect(u[analysis.bestDeal[a]][a] == u.map { $0[a] }.max())
        #expect(u[analysis.worstDeal[a]][a] == u.map { $0[a] }.min())
      }
      // A dominated deal is never Pareto optimal among lotteries; the utilitarian best is.
      if let dominated = (0..<space.count).first(where: { !brute.contains($0) }) {
        #expect(try !analysis.isParetoOptimalAmongLotteries(u[dominated], in: space))
      }
      let utilitarian = (0..<space.count).max { u[$0].reduce(0, +) < u[$1].reduce(0, +) }!
      #expect(try analysis.isParetoOptimalAmongLotteries(u[utilitarian], in: space))
    }
  }

  /// Deals whose utilities differ by 10⁻¹⁷ (their `Double` images coincide or are adjacent):
  /// the screened skyline and the extremes still equal the exact brute-force answers.
  @Test(arguments: 0..<4)
  func nearTiesAreDecidedExactly(seed: Int) throws {
    var g = SeededGenerator(seed: UInt64(40 + seed))
    let tiny = Rational(1, 100_000_000_000_000_000)
    let n = 3 + seed % 3
    let issues = (0..<3).map { k in
      NegotiationIssue(name: "i\(k)", kind: .categorical((0..<4).map { "o\($0)" }))
    }
    let actors = (0..<n).map { a in
      NegotiationActor(
        name: "A\(a)", recognition: Rational(1, n),
        disagreement: Rational(Int.random(in: 1...2, using: &g), 3)
          + tiny * Rational(Int.random(in: -1...1, using: &g)),
        salience: [1, 1, 1],
        utilities: (0..<3).map { _ in
          .table((0..<4).map { _ in
            Rational(Int.random(in: 0...1, using: &g)) / 3
              + tiny * Rational(Int.random(in: -2...2, using: &g))
          })
        })
    }
    let model = NegotiationModel(name: "ties", issues: issues, actors: actors)
    let space = try DealSpace(model)
    let u = (0..<space.count).map { Array(space.utilities(at: $0)) }
    // The near-ties are real: some distinct exact utilities share a Double image.
    #expect((0..<n).contains { a in
      u.contains { x in u.contains { y in x[a] != y[a] && x[a].doubleValue == y[a].doubleValue } }
    })
    let brute = (0..<space.count).filter { d in
      !(0..<space.count).contains { e in
        zip(u[e], u[d]).allSatisfy { $0 >= $1 } && zip(u[e], u[d]).contains { $0 > $1 }
      }
    }
    let analysis = try DealSpaceAnalysis(space)
    #expect(analysis.paretoSet == brute)
    #expect(
      try DealSpaceAnalysis.pareto(in: space, among: Array((0..<space.count).reversed()))
        == brute)
    let d = model.disagreement
    #expect(
      analysis.zoneOfAgreement
        == (0..<space.count).filter { x in (0..<n).allSatisfy { u[x][$0] > d[$0] } })
    for a in 0..<n {
      let column = u.map { $0[a] }
      #expect(analysis.bestDeal[a] == column.firstIndex(of: column.max()!))
      #expect(analysis.worstDeal[a] == column.firstIndex(of: column.min()!))
    }
  }

  /// Six actors, 125 deals: the masked skyline equals brute force, and Pareto optimality
  /// among lotteries by column generation (over every deal or the Pareto set) agrees with one
  /// exact LP over every deal, for deals, mixtures, points above the frontier and below it.
  @Test func paretoOptimalityByColumnGenerationMatchesFullLP() throws {
    var g = SeededGenerator(seed: 11)
    let n = 6
    let issues = (0..<3).map { k in
      NegotiationIssue(name: "i\(k)", kind: .categorical((0..<5).map { "o\($0)" }))
    }
    let actors = (0..<n).map { a in
      NegotiationActor(
        name: "A\(a)", recognition: Rational(1, n), disagreement: 0,
        salience: [1, 1, 1].map { Rational($0, 3) },
        utilities: (0..<3).map { _ in
          .table((0..<5).map { _ in Rational(Int.random(in: 0...20, using: &g), 20) })
        })
    }
    let model = NegotiationModel(name: "six", issues: issues, actors: actors)
    let space = try DealSpace(model)
    let u = (0..<space.count).map { Array(space.utilities(at: $0)) }
    let brute = (0..<space.count).filter { d in
      !(0..<space.count).contains { e in
        zip(u[e], u[d]).allSatisfy { $0 >= $1 } && zip(u[e], u[d]).contains { $0 > $1 }
      }
    }
    let analysis = try DealSpaceAnalysis(space)
    #expect(analysis.paretoSet == brute)
    func fullLP(_ payoffs: [Rational]) throws -> Bool {
      var lp = LinearProgram(
        .maximize, objective: [Rational](repeating: 0, count: space.count)
          + [Rational](repeating: 1, count: n))
      for a in 0..<n {
        var row = (0..<space.count).map { u[$0][a] }
        row += (0..<n).map { $0 == a ? Rational(-1) : 0 }
        lp.addConstraint(row, .equal, payoffs[a])
      }
      lp.addConstraint(
        [Rational](repeating: 1, count: space.count) + [Rational](repeating: 0, count: n),
        .equal, 1)
      let solution = try lp.solveExact()
      return solution.status == .infeasible || solution.objectiveValue == 0
    }
    var points = [[Rational]]()
    for _ in 0..<4 {
      let x = Int.random(in: 0..<space.count, using: &g)
      let y = brute[Int.random(in: 0..<brute.count, using: &g)]
      points.append(u[x])
      points.append(u[y])
      points.append(zip(u[x], u[y]).map { ($0 + $1) / 2 })
      points.append(u[y].map { $0 + Rational(1, 100) })
      points.append(u[y].map { $0 - Rational(1, 100) })
    }
    for point in points {
      let expected = try fullLP(point)
      #expect(try DealSpaceAnalysis.isParetoOptimalAmongLotteries(point, in: space) == expected)
      #expect(try analysis.isParetoOptimalAmongLotteries(point, in: space) == expected)
    }
  }
}
