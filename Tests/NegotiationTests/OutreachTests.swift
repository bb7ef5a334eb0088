// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Negotiation
import Testing
import _TestSupport

@Suite struct OutreachTests {
  /// p·c = 10. A: t = 10, r = 8; B: t = 2, r = 30; C: t = 0, r = 4. Counter budget 10, ε = 1.
  static func handWorked(budget: Rational = 20) -> OutreachModel {
    OutreachModel(
      name: "three", sponsorBudget: budget, counterBudget: 10, shamingProbability: Rational(1, 2),
      shamingCost: 20, margin: 1,
      targets: [
        OutreachTarget(name: "A", tieValue: 10, revenue: 8, visibility: 0),
        OutreachTarget(name: "B", tieValue: 12, revenue: 30, visibility: 1),
        OutreachTarget(name: "C", tieValue: 5, revenue: 4, visibility: Rational(1, 2)),
      ])
  }

  /// Flipping A alone costs 10 + 9 (the adversary is unwilling to pay 9 > 8), B alone
  /// 2 + 11 (unable: 11 > 10), C alone 0 + 5; with 20 the sponsor flips B and C for 18.
  @Test func handWorkedExample() throws {
    let s = try OutreachCompetition().solve(Self.handWorked())
    #expect(s.intended == [1, 2])
    #expect(s.outcome.offers == [0, 13, 5])
    #expect(s.outcome.cutsTies == [false, true, true])
    #expect(s.outcome.counters == [0, 0, 0])
    #expect(s.outcome.offered == 18)
    #expect(s.outcome.revenueLost == 34)
    #expect(s.objectiveValue == 34)
    let sweep = try OutreachCompetition().sweep(Self.handWorked(), budgets: [0, 5, 13, 18, 37])
    #expect(sweep.map(\.outcome.revenueLost) == [0, 4, 30, 34, 42])
    #expect(sweep[4].outcome.offers == [19, 13, 5])
  }

  /// With offers (0, 12, 5) the adversary can keep B for 10 — and does.
  @Test func adversaryCountersWhenItCan() {
    let m = Self.handWorked()
    let r = OutreachCompetition.adversaryResponse(m, offers: [0, 12, 5])
    #expect(r.counterNeeded == [0, 10, 5])
    #expect(r.keepsTies == [true, true, false])
    #expect(r.netRevenue == Rational(28))
  }

  /// The documented limit: a decoy offer to a target the adversary keeps drains its budget.
  @Test func decoyOffersAreOutsideTheSearchedClass() throws {
    let m = OutreachModel(
      name: "decoy", sponsorBudget: 12, counterBudget: 10, margin: Rational(1, 100),
      objective: .flips,
      targets: [
        OutreachTarget(name: "a", tieValue: 0, revenue: 1000, visibility: 0),
        OutreachTarget(name: "b", tieValue: 0, revenue: 100, visibility: 0),
        OutreachTarget(name: "c", tieValue: 0, revenue: 100, visibility: 0),
      ])
    let s = try OutreachCompetition().solve(m)
    // Without decoys each flip costs 10.01 (the adversary's whole budget plus ε): one flip.
    #expect(s.outcome.flips == 1 && s.outcome.offered == Rational(1001, 100))
    // Offering 9 to a (which the adversary then keeps, paying 9) leaves it 1 to defend b and
    // c: both flip for 11.02 in all.
    let decoy = OutreachCompetition.outcome(m, offers: [9, Rational(101, 100), Rational(101, 100)])
    #expect(decoy.cutsTies == [false, true, true])
    #expect(decoy.offered <= m.sponsorBudget)
    // The decoy search finds two flips (and no more cheaply than 9 + 2 · 1.01 requires).
    let full = try OutreachCompetition(searchDecoys: true).solve(m)
    #expect(full.outcome.flips == 2)
    #expect(full.outcome.offered <= m.sponsorBudget)
    #expect(full.outcome.counterSpent > 0)
  }

  /// Brute force over a grid: with integer data, p·c·n integral and ε = 1/2, offers on the
  /// half-integer grid realise every strict comparison by at least 1/2, so no grid
  /// allocation may beat the decoy search; the decoy search never does worse than the
  /// default search.
  @Test func decoySearchBeatsEveryGridAllocation() throws {
    var g = SeededGenerator(seed: 9)
    for round in 0..<12 {
      let n = round < 8 ? 2 : 3
      let top = n == 2 ? 24 : 12  // grid 0, 1/2, …, top/2
      let m = OutreachModel(
        name: "grid", sponsorBudget: Rational(Int.random(in: 2...12, using: &g)),
        counterBudget: Rational(Int.random(in: 0...6, using: &g)),
        shamingProbability: Rational(1, 2), shamingCost: 2, margin: Rational(1, 2),
        objective: round % 2 == 0 ? .revenueLost : .flips,
        targets: (0..<n).map { i in
          OutreachTarget(
            name: "t\(i)", tieValue: Rational(Int.random(in: 0...5, using: &g)),
            revenue: Rational(Int.random(in: 0...8, using: &g)),
            visibility: Rational(Int.random(in: 0...1, using: &g)))
        })
      let full = try OutreachCompetition(searchDecoys: true).solve(m)
      let plain = try OutreachCompetition().solve(m)
      #expect(full.objectiveValue >= plain.objectiveValue)
      #expect(full.outcome.offered <= m.sponsorBudget)
      var offers = [Rational](repeating: 0, count: n)
      var digits = [Int](repeating: 0, count: n)
      var bestGrid = Rational(0)
      while true {
        for i in 0..<n { offers[i] = Rational(digits[i], 2) }
        if offers.reduce(0, +) <= m.sponsorBudget {
          let o = OutreachCompetition.outcome(m, offers: offers)
          bestGrid = max(bestGrid, m.objective == .flips ? Rational(o.flips) : o.revenueLost)
        }
        var q = 0
        while q < n {
          digits[q] += 1
          if digits[q] <= top { break }
          digits[q] = 0
          q += 1
        }
        if q == n { break }
      }
      #expect(full.objectiveValue >= bestGrid, "round \(round)")
    }
  }

  static func randomModel(_ g: inout SeededGenerator, n: Int) -> OutreachModel {
    OutreachModel(
      name: "random", sponsorBudget: Rational(Int.random(in: 0...40, using: &g)),
      counterBudget: Rational(Int.random(in: 0...15, using: &g)),
      shamingProbability: Rational(Int.random(in: 0...4, using: &g), 4),
      shamingCost: Rational(Int.random(in: 0...12, using: &g)), margin: Rational(1, 2),
      targets: (0..<n).map { i in
        OutreachTarget(
          name: "t\(i)", tieValue: Rational(Int.random(in: 0...12, using: &g)),
          revenue: Rational(Int.random(in: 0...15, using: &g)),
          visibility: Rational(Int.random(in: 0...3, using: &g), 3))
      })
  }

  /// The knapsack best response equals brute force over all kept sets (value, then revenue).
  @Test func adversaryResponseIsOptimal() {
    var g = SeededGenerator(seed: 3)
    for _ in 0..<60 {
      let n = Int.random(in: 1...7, using: &g)
      let m = Self.randomModel(&g, n: n)
      let offers = (0..<n).map { _ in Rational(Int.random(in: 0...15, using: &g)) }
      let r = OutreachCompetition.adversaryResponse(m, offers: offers)
      let need = r.counterNeeded
      var best: (Rational, Rational)? = nil
      for mask in 0..<(1 << n) {
        let kept = (0..<n).filter { mask & (1 << $0) != 0 || need[$0] == 0 }
        let cost = kept.reduce(Rational(0)) { $0 + need[$1] }
        guard cost <= m.counterBudget else { continue }
        let value = kept.reduce(Rational(0)) { $0 + m.targets[$1].revenue - need[$1] }
        let revenue = kept.reduce(Rational(0)) { $0 + m.targets[$1].revenue }
        if best == nil || (value, revenue) > best! { best = (value, revenue) }
      }
      #expect(r.netRevenue == best!.0)
      let revenue = (0..<n).filter { r.keepsTies[$0] }.reduce(Rational(0)) {
        $0 + m.targets[$1].revenue
      }
      #expect(revenue == best!.1)
      #expect(r.counters.reduce(0, +) <= m.counterBudget)
    }
  }

  /// Properties on random instances: no target with v > p c n flips without an offer;
  /// the optimum never falls as the budget grows; offers stay within the budget.
  @Test func randomInstanceProperties() throws {
    var g = SeededGenerator(seed: 5)
    for _ in 0..<15 {
      let n = Int.random(in: 1...5, using: &g)
      let m = Self.randomModel(&g, n: n)
      let budgets: [Rational] = [0, 5, 10, 20, 40]
      let sweep = try OutreachCompetition().sweep(m, budgets: budgets)
      for (b, s) in zip(budgets, sweep) {
        #expect(s.outcome.offered <= b)
        for i in 0..<n where m.threshold(of: i) > 0 && s.outcome.offers[i] == 0 {
          #expect(!s.outcome.cutsTies[i])
        }
      }
      for k in 1..<sweep.count {
        #expect(sweep[k].objectiveValue >= sweep[k - 1].objectiveValue)
      }
    }
  }

  @Test func tooManyTargets() {
    var g = SeededGenerator(seed: 1)
    let m = Self.randomModel(&g, n: 5)
    #expect(throws: SolverError.self) { try OutreachCompetition(maxTargets: 4).solve(m) }
  }

  // MARK: - File

  @Test func readsTheAfricaModel() throws {
    let url = Fixtures.repositoryRoot.appendingPathComponent(
      "Models/negotiation/africa-outreach.yaml")
    let m = try OutreachFile.read(contentsOf: url)
    #expect(m.targets.count >= 5)
    #expect(m.sponsor == "South Korea" && m.adversary == "North Korea")
    let range = try #require(m.ranges.first { $0.name == "overseas_revenue" })
    #expect(range.low == 200 && range.high == 2000)
    let s = try OutreachCompetition().solve(m)
    #expect(s.outcome.offered <= m.sponsorBudget)
    #expect(s.outcome.flips > 0)
  }

  static let minimal = """
    parley: outreach
    version: 1
    name: t
    sponsor: {name: S, budget: 10}
    adversary: {name: N, counter-budget: 5}
    shaming: {probability: 0.5, cost: 4}
    targets:
      - {name: A, tie-value: 3, revenue: 2, visibility: 1}
    """

  @Test func parsesMinimal() throws {
    let m = try OutreachFile.parse(Self.minimal)
    #expect(m.threshold(of: 0) == 1)
    #expect(m.margin == Rational(1, 100) && m.objective == .revenueLost)
  }

  @Test(arguments: [
    ("budget: 10}", "budget: -1}", "2:", "must be ≥ 0"),
    ("probability: 0.5", "probability: 1.5", "6:", "must lie in [0, 1]"),
    ("visibility: 1}", "visibility: 2}", "8:", "must lie in [0, 1]"),
    ("name: t", "name: t\nbogus: 1", "4:1", "unknown key 'bogus'"),
    ("revenue: 2,", "revnue: 2,", "8:", "unknown key 'revnue'"),
    ("version: 1", "version: 2", "2:", "unsupported version"),
  ])
  func locatedErrors(_ from: String, _ to: String, _ where_: String, _ message: String) {
    let text = Self.minimal.replacingOccurrences(of: from, with: to)
    do {
      _ = try OutreachFile.parse(text, path: "o.yaml")
      Issue.record("expected an error for \(to)")
    } catch {
      #expect(error.description.contains(message), "\(error)")
      #expect(error.line > 0)
      #expect(error.description.hasPrefix("o.yaml:"))
    }
  }
}
