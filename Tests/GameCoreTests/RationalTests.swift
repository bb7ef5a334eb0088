// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
import GameCore
import Testing

@Suite struct RationalTests {
  @Test func normalisesSignAndLowestTerms() {
    #expect(Rational(2, -4) == Rational(-1, 2))
    #expect(Rational(0, -7) == 0)
    #expect(Rational(6, 3).isInteger)
    #expect(Rational(-3, 9).description == "-1/3")
  }

  @Test func parsesIntegersFractionsAndDecimals() {
    #expect(Rational("19/20") == Rational(19, 20))
    #expect(Rational(".80") == Rational(4, 5))
    #expect(Rational("-1.5e-3") == Rational(-3, 2000))
    #expect(Rational("+12") == 12)
    #expect(Rational("1e3") == 1000)
    #expect(Rational("1/0") == nil)
    #expect(Rational("abc") == nil)
    #expect(Rational("") == nil)
    #expect(Rational("-") == nil)
    #expect(Rational(".") == nil)
    #expect(Rational("1e") == nil)
    #expect(Rational("1.2.3") == nil)
    // Exponents are bounded (a fuzzer's "…e68666" took seconds to expand).
    #expect(Rational("1e400")?.description == "1" + String(repeating: "0", count: 400))
    #expect(Rational("1e-400") == Rational(BigInt(1), BigInt(10).power(400)))
    #expect(Rational("1e401") == nil)
    // Exact 10^100 parses; a mantissa longer than the text limit is refused, not parsed.
    let googol = "1" + String(repeating: "0", count: 100)
    #expect(Rational(googol)?.description == googol)
    #expect(Rational(String(repeating: "7", count: Rational.maxTextLength)) != nil)
    #expect(Rational(String(repeating: "7", count: Rational.maxTextLength + 1)) == nil)
    #expect(Rational("1/" + String(repeating: "3", count: 20_000)) == nil)
    #expect(Rational("5e-68666") == nil)
  }

  @Test func overflowMovesToBigIntAndBack() {
    let big = Rational(Int(Int64.max), 1) + 1
    #expect(!big.isSmall)
    #expect(big.numerator == BigInt(Int64.max) + 1)
    let back = big - 1
    #expect(back.isSmall)
    #expect(back == Rational(Int(Int64.max)))
    let tiny = Rational(1, Int(Int64.max)) * Rational(1, Int(Int64.max))
    #expect(!tiny.isSmall)
    #expect(tiny * Rational(Int(Int64.max)) == Rational(1, Int(Int64.max)))
  }

  @Test func fieldOperationsAgreeWithBigIntArithmetic() {
    var rng = SplitMix(seed: 7)
    for _ in 0..<2000 {
      let a = Rational(rng.int(in: -1 << 40...1 << 40), rng.int(in: 1...1 << 40))
      let b = Rational(rng.int(in: -1 << 40...1 << 40), rng.int(in: 1...1 << 40))
      let sum = a + b, product = a * b
      #expect(sum.numerator * a.denominator * b.denominator
        == (a.numerator * b.denominator + b.numerator * a.denominator) * sum.denominator)
      #expect(product.numerator * a.denominator * b.denominator
        == a.numerator * b.numerator * product.denominator)
      #expect((a - b) + b == a)
      if !b.isZero { #expect((a / b) * b == a) }
      #expect((a < b) == (a.numerator * b.denominator < b.numerator * a.denominator))
    }
  }

  @Test func doublesConvertExactly() {
    #expect(Rational(0.5) == Rational(1, 2))
    #expect(Rational(-0.75) == Rational(-3, 4))
    #expect(Rational(0.1).doubleValue == 0.1)
    #expect(Rational(1e300).doubleValue == 1e300)
  }

  @Test func decimalStringsRoundHalfAwayFromZero() {
    #expect(Rational(1, 3).decimalString(places: 4) == "0.3333")
    #expect(Rational(2, 3).decimalString(places: 2) == "0.67")
    #expect(Rational(-1, 8).decimalString(places: 2) == "-0.13")
    #expect(Rational(5).decimalString(places: 0) == "5")
    #expect(Rational(-1, 1000).decimalString(places: 2) == "0.00")
  }
}

/// A tiny seeded generator for reproducible tests.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }
}
