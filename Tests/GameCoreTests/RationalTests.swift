// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
@testable import GameCore
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

  /// Arithmetic on long operands (Henrici's addition, cross-cancelled products, the
  /// word-finishing gcd) against the schoolbook formulas reduced with BigInt's own gcd, on
  /// seeded random values from tiny to several words long.
  @Test func longArithmeticMatchesSchoolbookFormulas() {
    var rng = SplitMix(seed: 99)
    func big(_ words: Int) -> BigInt {
      var x = BigInt(0)
      for _ in 0..<words { x = (x << 64) + BigInt(BigUInt(rng.next())) }
      return x
    }
    func value() -> (BigInt, BigInt) {
      let shared = big(Int(rng.next() % 2)) + 1  // common factors make the gcds non-trivial
      var n = big(Int(rng.next() % 4)) * shared
      if rng.next() % 2 == 0 { n.negate() }
      let d = (big(Int(rng.next() % 4)) + 1) * shared * (BigInt(1) << Int(rng.next() % 40))
      return (n, d)
    }
    func reference(_ n: BigInt, _ d: BigInt) -> (BigInt, BigInt) {
      var (n, d) = (n, d)
      if d.sign == .minus { n.negate(); d.negate() }
      let g = BigInt(n.magnitude.greatestCommonDivisor(with: d.magnitude))
      return n.isZero ? (0, 1) : (n / g, d / g)
    }
    for _ in 0..<400 {
      let (a, b) = value()
      let (c, d) = value()
      let x = Rational(a, b), y = Rational(c, d)
      let cases: [(Rational, (BigInt, BigInt))] = [
        (x + y, reference(a * d + c * b, b * d)),
        (x - y, reference(a * d - c * b, b * d)),
        (x * y, reference(a * c, b * d)),
      ] + (c.isZero ? [] : [(x / y, reference(a * d, b * c))])
      for (got, want) in cases {
        #expect(got.numerator == want.0 && got.denominator == want.1)
        // Canonical: a value that fits in machine integers compares equal to its small form.
        if let n = Int(exactly: want.0), let m = Int(exactly: want.1) {
          #expect(got == Rational(n, m))
        }
      }
      #expect(-(-x) == x && (x - x) == 0)
      if !a.isZero { #expect(x * x.reciprocal! == 1) }
    }
  }

  /// The gcd of long magnitudes (GNU MP's, from `gmpThreshold` words on) equals BigInt's own
  /// on seeded operands from 1 to 60 words with a planted common factor, and is a divisor
  /// of both that leaves coprime cofactors.
  @Test func longGCDsMatchBigIntsGCD() {
    var rng = SplitMix(seed: 7)
    func big(_ words: Int) -> BigUInt {
      BigUInt(words: (0..<max(words, 1)).map { _ in UInt(rng.next()) }) + 1
    }
    for k in 0..<80 {
      let shared = big(Int(rng.next() % UInt64(1 + k % 20)))
      let a = big(Int(rng.next() % 60)) * shared
      let b = big(Int(rng.next() % 60)) * shared << Int(rng.next() % 70)
      let g = Rational.gcd(a, b)
      #expect(g == a.greatestCommonDivisor(with: b))
      #expect(a % g == 0 && b % g == 0)
      #expect((a / g).greatestCommonDivisor(with: b / g) == 1)
      #expect(Rational.gcd(b, a) == g && Rational.gcd(a, 0) == a && Rational.gcd(0, b) == b)
    }
  }

  /// A sum of fractions near the formula language's 16,384-bit limit (the input that made
  /// the `expression` fuzz target time out, `Fuzz/slow-formula.txt`): the formula's value is
  /// the sum computed term by term.
  @Test func aLongSumOfLongFractionsIsExact() throws {
    let terms = (0..<40).map { "3^\(10300 - $0)/7^\(5800 + $0)" }
    let formula = try Formula(terms.joined(separator: " + "))
    var sum = Rational.zero
    for i in 0..<40 {
      sum += Rational(BigInt(3).power(10300 - i), BigInt(7).power(5800 + i))
    }
    do {
      #expect(try formula.evaluate(with: [:]) == sum)
    } catch {
      // The sum exceeds the bit limit: a clear error, not a wrong value.
      #expect("\(error)".contains("bits"), "\(error)")
      #expect(sum.numerator.magnitude.bitWidth + sum.denominator.magnitude.bitWidth > 16_384)
    }
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
