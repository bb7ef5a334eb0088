// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import Negotiation
import Testing

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
}
