// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import Negotiation
import Testing

/// ``BreakpointSearch``: exact values on linear margins, brackets by bisection that contain
/// the change, several changes in one interval, and no change when the ends agree.
@Suite struct BreakpointTests {
  typealias Probe = BreakpointSearch.Probe<Int>

  /// A piecewise-linear margin 3x − 1 (sign change at exactly 1/3) decides the signature.
  static func linear(_ x: Rational) -> Probe {
    let m = 3 * x - 1
    return Probe(signature: m > 0 ? 1 : 0, margins: ["m": m])
  }

  @Test func linearMarginGivesTheExactValue() {
    let search = BreakpointSearch(tolerance: Rational(1, 1000))
    let found = search.changes(
      from: 0, Self.linear(0), to: 1, Self.linear(1), probe: { Self.linear($0) })
    #expect(found.count == 1)
    #expect(found.first?.value == Rational(1, 3))
    // At 1/3 the margin is 0, not > 0: the answer there is still the one below.
    #expect(found.first?.valueBelongsBefore == true)
    #expect(found.first?.margin == "m")
    // Direct evaluations on either side of the value.
    #expect(Self.linear(Rational(1, 3)).signature == 0)
    #expect(Self.linear(Rational(1, 3) + Rational(1, 10_000_000)).signature == 1)
  }

  /// At exactly 1/3 the answer is neither end's (signature 2: both hold there): two exact
  /// changes at 1/3, into that answer and out of it, instead of a bracket around it.
  @Test func anAnswerHeldOnlyAtTheRootGivesTwoExactChanges() {
    func probe(_ x: Rational) -> Probe {
      let m = 3 * x - 1
      return Probe(signature: m == 0 ? 2 : m > 0 ? 1 : 0, margins: ["m": m])
    }
    let found = BreakpointSearch(tolerance: Rational(1, 1000)).changes(
      from: 0, probe(0), to: 1, probe(1), probe: { probe($0) })
    #expect(found.count == 2)
    #expect(found.map(\.value) == [Rational(1, 3), Rational(1, 3)])
    #expect(found.map(\.before) == [0, 2])
    #expect(found.map(\.after) == [2, 1])
    #expect(found.map(\.valueBelongsBefore) == [false, true])
  }

  @Test func withoutMarginsBisectionBracketsTheChange() {
    // The change is at √2, which no rational reaches: only a bracket can be reported.
    func probe(_ x: Rational) -> Probe { Probe(signature: x * x > 2 ? 1 : 0) }
    let tolerance = Rational(1, 1_000_000)
    let found = BreakpointSearch(tolerance: tolerance).changes(
      from: 1, probe(1), to: 2, probe(2), probe: { probe($0) })
    #expect(found.count == 1)
    let b = found[0]
    #expect(b.value == nil)
    #expect(b.upper - b.lower <= tolerance)
    #expect(b.lower * b.lower < 2 && b.upper * b.upper > 2)
    #expect(probe(b.lower).signature == b.before && probe(b.upper).signature == b.after)
  }

  @Test func severalChangesInOneIntervalAreAllFound() {
    // The signature is the floor of 4x on [0, 1): changes at 1/4, 1/2 and 3/4; the ends
    // differ, so bisection finds the ones in between too.
    func probe(_ x: Rational) -> Probe {
      var k = 0
      while Rational(k + 1, 4) <= x { k += 1 }
      return Probe(signature: k)
    }
    let found = BreakpointSearch(tolerance: Rational(1, 1000)).changes(
      from: 0, probe(0), to: Rational(9, 10), probe(Rational(9, 10)), probe: { probe($0) })
    #expect(found.map(\.before) == [0, 1, 2])
    #expect(found.map(\.after) == [1, 2, 3])
    for (b, k) in zip(found, 1...3) {
      #expect(b.lower < Rational(k, 4) && Rational(k, 4) <= b.upper)
    }
  }

  @Test func equalEndsHaveNoChange() {
    let found = BreakpointSearch().changes(
      from: 0, Self.linear(0), to: Rational(1, 4), Self.linear(Rational(1, 4)),
      probe: { Self.linear($0) })
    #expect(found.isEmpty)
  }
}
