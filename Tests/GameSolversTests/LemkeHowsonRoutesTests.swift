// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

/// The exact route through the float path (re-solving its final basis) against exact pivoting,
/// and the revised float path against the exact results.
@Suite struct LemkeHowsonRoutesTests {
  @Test func floatFirstMatchesExactPivotingOnRandomGames() throws {
    for seed in 0..<6 as Range<UInt64> {
      let g = FixtureGames.random(21 + Int(seed % 3), 22, range: 0...999, seed: 40 + seed)
      let label = Int(seed) * 7 % 40
      let viaFloat = try LemkeHowson(initialLabel: label).solve(g)
      let pivoted = try LemkeHowson(initialLabel: label, floatFirstAbove: .max).solve(g)
      #expect(viaFloat.parameters["route"] == "float path, exact re-solve")
      #expect(pivoted.parameters["route"] == nil)
      #expect(viaFloat.equilibria == pivoted.equilibria)
      #expect(viaFloat.notes.first == pivoted.notes.first)  // the same number of pivots
      #expect(viaFloat.equilibria.allSatisfy { g.maxRegret(at: $0) == .zero })
    }
  }

  @Test func floatFirstOnDegenerateGamesStillExact() throws {
    for seed in 0..<4 as Range<UInt64> {
      let g = FixtureGames.random(22, 21, range: 0...2, seed: 90 + seed)
      let r = try LemkeHowson(initialLabel: Int(seed), allLabels: seed == 0).solve(g)
      #expect(r.status == .complete && !r.equilibria.isEmpty)
      #expect(r.equilibria.allSatisfy { g.maxRegret(at: $0) == .zero })
    }
  }

  @Test func revisedFloatPathAgreesWithExactOnLargerGames() throws {
    // Long paths on 60 × 60 games; bases past the revised limit continue on dense pivots.
    for seed in 0..<3 as Range<UInt64> {
      let g = FixtureGames.random(60, 60, range: 0...999, seed: 7 + seed)
      let label = Int(seed) * 31
      let f = try LemkeHowson(initialLabel: label).solve(g.converted(to: Double.self))
      let r = try LemkeHowson(initialLabel: label).solve(g)
      #expect(f.equilibria.count == 1 && r.equilibria.count == 1)
      let exact = r.equilibria[0].converted(to: Double.self)
      for (u, v) in zip(exact.probabilities.joined(), f.equilibria[0].probabilities.joined()) {
        #expect(abs(u - v) < 1e-9)
      }
    }
  }
}
