// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Negotiation
import Testing
import _TestSupport

/// The branch-and-bound optimum (`optimalOutcome`) and the LP shortcut at the lower bounds
/// against the full enumeration solving every LP (`solve`, `skipsLPAtLowerBounds = false`):
/// the same outcome, intended set and objective on seeded random draws of the case model and
/// on seeded random models (negative thresholds, caps, both objectives).
@Suite struct OutreachBranchAndBoundTests {
  /// The branch and bound with the LP shortcut against the full enumeration solving every
  /// LP (the solver as it was before either), and against the full enumeration with it.
  static func expectSame(_ model: OutreachModel, _ label: String) throws {
    var everyLP = OutreachCompetition()
    everyLP.skipsLPAtLowerBounds = false
    let full = try everyLP.solve(model)
    let shortcut = try OutreachCompetition().solve(model)
    let fast = try OutreachCompetition().optimalOutcome(model)
    #expect(fast.outcome == full.outcome, "\(label)")
    #expect(fast.intended == full.intended, "\(label)")
    #expect(fast.objectiveValue == full.objectiveValue, "\(label)")
    #expect(shortcut.outcome == full.outcome && shortcut.intended == full.intended, "\(label)")
    #expect(shortcut.setsAffordable == full.setsAffordable, "\(label)")
  }

  @Test func caseModelAtRandomDraws() throws {
    let parametric = try OutreachFile.readParametric(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent(
        "Models/negotiation/africa-outreach.yaml"), path: "africa-outreach.yaml")
    // Draws of the Monte Carlo design itself (seeded), plus random budgets.
    let design = try MonteCarloDesign(parameters: parametric.parameters, count: 12, seed: 5)
    var rng = SeededGenerator(seed: 17)
    for i in 0..<12 {
      let values = design.values(draw: i)
      var overrides = design.overrides(forDraw: values)
      if i % 2 == 1 { overrides["sponsor_budget"] = Rational(Int.random(in: 0...200, using: &rng)) }
      let model = try parametric.instantiate(overrides: overrides)
      try Self.expectSame(model, "draw \(i) \(overrides)")
    }
  }

  @Test func randomModels() throws {
    var rng = SeededGenerator(seed: 2026)
    func amount(_ range: ClosedRange<Int>) -> Rational {
      Rational(Int.random(in: range, using: &rng), Int.random(in: 1...4, using: &rng))
    }
    for trial in 0..<40 {
      let n = Int.random(in: 1...5, using: &rng)
      let targets = (0..<n).map { k in
        OutreachTarget(
          name: "t\(k)", tieValue: amount(0...30), revenue: amount(0...40),
          visibility: Rational(Int.random(in: 0...4, using: &rng), 4),
          cap: Bool.random(using: &rng) ? amount(5...40) : nil)
      }
      let model = OutreachModel(
        name: "random \(trial)", sponsorBudget: amount(0...80), counterBudget: amount(0...30),
        shamingProbability: Rational(Int.random(in: 0...4, using: &rng), 4),
        shamingCost: amount(0...40), margin: Rational(1, Int.random(in: 1...10, using: &rng)),
        objective: Bool.random(using: &rng) ? .flips : .revenueLost, targets: targets)
      try Self.expectSame(model, "trial \(trial)")
    }
  }
}
