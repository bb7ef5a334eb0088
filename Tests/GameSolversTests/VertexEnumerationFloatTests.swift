// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import GameSolvers
import Testing
import _TestSupport

/// The float vertex search (dictionaries on one stack buffer) against the exact one.
@Suite struct VertexEnumerationFloatTests {
  @Test func floatSearchFindsTheExactEquilibria() throws {
    for seed in 0..<12 as Range<UInt64> {
      // Even seeds: generic payoffs; odd seeds: payoffs in 0...2, highly degenerate.
      let g = FixtureGames.random(5 + Int(seed % 3), 6, range: seed % 2 == 0 ? 0...999 : 0...2,
        seed: 300 + seed)
      let exact = try VertexEnumeration().solve(g).equilibria
      let float = try VertexEnumeration().solve(g.converted(to: Double.self)).equilibria
      #expect(exact.count == float.count)
      // Float ties may order degenerate vertices differently: compare rounded sorted lists.
      func key(_ p: MixedProfile<Double>) -> [Int] {
        p.probabilities.joined().map { Int(($0 * 1e6).rounded()) }
      }
      let a = exact.map { key($0.converted(to: Double.self)) }
        .sorted { $0.lexicographicallyPrecedes($1) }
      let b = float.map(key).sorted { $0.lexicographicallyPrecedes($1) }
      #expect(a == b)
    }
  }
}
