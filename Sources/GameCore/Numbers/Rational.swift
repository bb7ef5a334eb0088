// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
import CGMP

/// An exact rational number `numerator / denominator`, always in lowest terms with a positive
/// denominator.
///
/// Most values met in game theory have small numerators and denominators, so a value is stored
/// as a pair of machine integers while it fits and moves to arbitrary-precision `BigInt`s only
/// when an operation would overflow (the "small-value fast path" that GMP's `mpq` and Gambit's
/// `Rational` lack). The representation is canonical: a value that fits in `Int64` is always
/// stored small, so `==` and `hash(into:)` can compare representations directly.
///
/// - Complexity: O(1) for small operands; for large ones, dominated by the gcd of the
///   `BigInt` operands (quadratic in their length).
public struct Rational: Sendable {
  @usableFromInline
  enum Storage: Sendable {
    /// Numerator and positive denominator in lowest terms.
    case small(Int64, Int64)
    /// Numerator and positive denominator in lowest terms, at least one outside `Int64`;
    /// boxed so that a `Rational` stays three words wide (24 bytes, not 80).
    case big(BigParts)
  }

  /// The parts of a value too large for machine integers (immutable, shared on copy).
  @usableFromInline
  final class BigParts: Sendable {
    @usableFromInline let n: BigInt
    @usableFromInline let d: BigInt
    @usableFromInline init(_ n: BigInt, _ d: BigInt) {
      self.n = n
      self.d = d
    }
  }

  @usableFromInline var storage: Storage

  @inlinable init(storage: Storage) { self.storage = storage }

  /// Creates the integer `value`.
  @inlinable public init(_ value: Int) { storage = .small(Int64(value), 1) }

  /// Creates the integer `value`.
  public init(_ value: BigInt) { self.init(normalizing: value, 1) }

  /// Creates `numerator / denominator` in lowest terms.
  ///
  /// - Precondition: `denominator != 0`.
  public init(_ numerator: Int, _ denominator: Int) {
    precondition(denominator != 0, "Rational: zero denominator")
    self.init(smallNumerator: Int64(numerator), Int64(denominator))
  }

  /// Creates `numerator / denominator` in lowest terms.
  ///
  /// - Precondition: `denominator != 0`.
  public init(_ numerator: BigInt, _ denominator: BigInt) {
    precondition(!denominator.isZero, "Rational: zero denominator")
    self.init(normalizing: numerator, denominator)
  }

  /// Normalises two `Int64`s, falling back to `BigInt` only for `Int64.min` corner cases.
  @usableFromInline
  init(smallNumerator n: Int64, _ d: Int64) {
    if n == .min || d == .min {
      self.init(normalizing: BigInt(n), BigInt(d))
    } else {
      var n = n, d = d
      if d < 0 { n = -n; d = -d }
      let g = Rational.gcd(n.magnitude, d.magnitude)
      if g > 1 { n /= Int64(g); d /= Int64(g) }
      self.init(storage: .small(n, d))
    }
  }

  /// Normalises two `BigInt`s and demotes the result to machine integers when it fits.
  @usableFromInline
  init(normalizing n: BigInt, _ d: BigInt) {
    var n = n, d = d
    if d.sign == .minus { n.negate(); d.negate() }
    let g = BigInt(Rational.gcd(n.magnitude, d.magnitude))
    if g != 1 && !g.isZero { n /= g; d /= g }
    if n.isZero { d = 1 }
    self.init(reduced: n, d)
  }

  /// Stores `n / d`, already in lowest terms with `d > 0`, small when it fits.
  @usableFromInline
  init(reduced n: BigInt, _ d: BigInt) {
    if let sn = Int64(exactly: n), let sd = Int64(exactly: d), sn != .min {
      storage = .small(sn, sd)
    } else {
      storage = .big(BigParts(n, d))
    }
  }

  /// Operands at least this many words long go to GNU MP's `mpz_gcd` (subquadratic, with
  /// Lehmer steps on machine words); below it, the copies into and out of GMP cost more than
  /// the few remainder steps they save.
  @usableFromInline
  static let gmpThreshold = 4

  /// The gcd of two arbitrary-precision magnitudes: GNU MP's `mpz_gcd` when both are long;
  /// otherwise Euclid's remainder steps, then the binary gcd on machine words as soon as one
  /// fits in a word (one long division by a word finishes the other).
  ///
  /// Euclid on `BigUInt` takes about 0.6 steps per bit, each a long division: a sum of
  /// fractions near the formula language's 16,384-bit limit took minutes. GMP's gcd is
  /// quasi-linear (half-gcd) above a few hundred words and uses Lehmer's algorithm below.
  /// - Complexity: O(M(k) log k) word operations for k-word operands through GMP, where M is
  ///   the cost of a multiplication; O(k²) on the Euclid path, which only short operands take.
  @usableFromInline
  static func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
    var (a, b) = a >= b ? (a, b) : (b, a)
    if b.words.count >= gmpThreshold { return gmpGCD(a, b) }
    while true {
      if b.isZero { return a }
      if a.words.count <= 2 {
        // Both fit in 128 bits: the binary gcd without allocation.
        let g = gcd(wide(a), wide(b))
        return BigUInt(words: [UInt(truncatingIfNeeded: g), UInt(truncatingIfNeeded: g >> 64)])
      }
      if b.words.count <= 1 {
        let small = UInt64(b.words.first ?? 0)
        let r = a % b
        return BigUInt(gcd(small, UInt64(r.words.first ?? 0)))
      }
      (a, b) = (b, a % b)
    }
  }

  /// The gcd of two nonzero magnitudes by GNU MP.
  @usableFromInline
  static func gmpGCD(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
    let x = a.words.map { UInt64($0) }
    let y = b.words.map { UInt64($0) }
    var out = [UInt64](repeating: 0, count: min(x.count, y.count))
    let count = x.withUnsafeBufferPointer { xp in
      y.withUnsafeBufferPointer { yp in
        out.withUnsafeMutableBufferPointer { op in
          cgmp_gcd_words(xp.baseAddress, xp.count, yp.baseAddress, yp.count, op.baseAddress)
        }
      }
    }
    return BigUInt(words: out.prefix(count).map { UInt($0) })
  }

  /// A magnitude of at most two words as a `UInt128`.
  @usableFromInline
  static func wide(_ x: BigUInt) -> UInt128 {
    var w = UInt128(0)
    for (k, word) in x.words.prefix(2).enumerated() { w |= UInt128(word) << (64 * k) }
    return w
  }

  /// Binary gcd on unsigned machine integers (64-bit words, or 128 bits for two).
  @inlinable
  static func gcd<T: FixedWidthInteger & UnsignedInteger>(_ a: T, _ b: T) -> T {
    var a = a, b = b
    if a == 0 { return b }
    if b == 0 { return a }
    let shift = (a | b).trailingZeroBitCount
    a >>= a.trailingZeroBitCount
    repeat {
      b >>= b.trailingZeroBitCount
      if a > b { swap(&a, &b) }
      b -= a
    } while b != 0
    return a << shift
  }

  /// The numerator, in lowest terms; its sign is the sign of the value.
  public var numerator: BigInt {
    switch storage {
    case .small(let n, _): return BigInt(n)
    case .big(let box): return box.n
    }
  }

  /// The denominator, in lowest terms; always positive.
  public var denominator: BigInt {
    switch storage {
    case .small(_, let d): return BigInt(d)
    case .big(let box): return box.d
    }
  }

  /// Whether the value is an integer.
  public var isInteger: Bool {
    switch storage {
    case .small(_, let d): return d == 1
    case .big(let box): return box.d == 1
    }
  }

  /// Whether numerator and denominator fit in machine integers.
  public var isSmall: Bool {
    if case .small = storage { return true }
    return false
  }

  /// Numerator and (positive) denominator in lowest terms as machine integers, or `nil` when
  /// either is outside `Int64`. No `BigInt` is made, so this is cheap in loops.
  @inlinable public var smallParts: (numerator: Int64, denominator: Int64)? {
    if case .small(let n, let d) = storage { return (n, d) }
    return nil
  }

  /// -1, 0 or 1.
  public var signum: Int {
    switch storage {
    case .small(let n, _): return n == 0 ? 0 : (n < 0 ? -1 : 1)
    case .big(let box): return box.n.isZero ? 0 : (box.n.sign == .minus ? -1 : 1)
    }
  }

  /// Whether the value is zero.
  @inlinable public var isZero: Bool {
    if case .small(let n, _) = storage { return n == 0 }
    return false
  }

  /// The nearest `Double` (correctly rounded for small values; within an ulp otherwise).
  public var doubleValue: Double {
    switch storage {
    case .small(let n, let d): return Double(n) / Double(d)
    case .big(let box):
      let n = box.n, d = box.d
      // Scale so that both parts are representable before dividing.
      let shift = max(n.magnitude.bitWidth, d.magnitude.bitWidth) - 1000
      if shift > 0 {
        return Double(n >> shift) / Double(d >> shift)
      }
      return Double(n) / Double(d)
    }
  }

  /// The largest integer not greater than the value.
  public var floor: BigInt {
    let n = numerator, d = denominator
    let (q, r) = n.quotientAndRemainder(dividingBy: d)
    return (r.sign == .minus && !r.isZero) ? q - 1 : q
  }
}

// MARK: - Arithmetic

extension Rational {
  @inlinable
  public static func + (lhs: Rational, rhs: Rational) -> Rational {
    if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage {
      if b == 1 && d == 1 {
        let (s, o) = a.addingReportingOverflow(c)
        if !o && s != .min { return Rational(storage: .small(s, 1)) }
      } else if b == d {
        let (s, o) = a.addingReportingOverflow(c)
        if !o { return Rational(smallNumerator: s, b) }
      } else {
        let (ad, o1) = a.multipliedReportingOverflow(by: d)
        let (cb, o2) = c.multipliedReportingOverflow(by: b)
        let (bd, o3) = b.multipliedReportingOverflow(by: d)
        if !(o1 || o2 || o3) {
          let (s, o4) = ad.addingReportingOverflow(cb)
          if !o4 { return Rational(smallNumerator: s, bd) }
        }
      }
      return wideAdd(a, b, c, d)
    }
    return slowAdd(lhs, rhs)
  }

  /// a/b + c/d for machine-integer parts (b, d > 0) whose products overflow 64 bits:
  /// Henrici's addition in 128 bits, without allocating.
  @usableFromInline
  static func wideAdd(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> Rational {
    let g = Int64(gcd(b.magnitude, d.magnitude))
    let bg = b / g
    let t = Int128(a) * Int128(d / g) + Int128(c) * Int128(bg)
    if t == 0 { return Rational(storage: .small(0, 1)) }
    let g2 = Int64(gcd(UInt64(g), UInt64(t.magnitude % UInt128(g))))
    return wide(t / Int128(g2), Int128(bg) * Int128(d / g2))
  }

  /// `n / d`, in lowest terms with `d > 0`, from 128-bit parts.
  @usableFromInline
  static func wide(_ n: Int128, _ d: Int128) -> Rational {
    if let sn = Int64(exactly: n), let sd = Int64(exactly: d), sn != .min {
      return Rational(storage: .small(sn, sd))
    }
    return Rational(reduced: BigInt(n), BigInt(d))
  }

  @usableFromInline
  static func slowAdd(_ lhs: Rational, _ rhs: Rational) -> Rational {
    // Henrici's addition (Knuth, TAOCP vol. 2, 4.5.1): with g = gcd(b, d), the sum
    // (a·(d/g) + c·(b/g)) / (b·d/g) can only share factors of g, so the second gcd is taken
    // with g (usually small), not with the whole product.
    let a = lhs.numerator, b = lhs.denominator
    let c = rhs.numerator, d = rhs.denominator
    let g = BigInt(gcd(b.magnitude, d.magnitude))
    if g == 1 { return Rational(reduced: a * d + c * b, b * d) }
    let bg = b / g
    let t = a * (d / g) + c * bg
    if t.isZero { return Rational(storage: .small(0, 1)) }
    let g2 = BigInt(gcd(t.magnitude, g.magnitude))
    if g2 == 1 { return Rational(reduced: t, bg * d) }
    return Rational(reduced: t / g2, bg * (d / g2))
  }

  /// The product of operands not both small: cross-cancelled first (Knuth, TAOCP vol. 2,
  /// 4.5.1), so the result is in lowest terms without a gcd of the products.
  @usableFromInline
  static func slowMultiply(_ lhs: Rational, _ rhs: Rational) -> Rational {
    let a = lhs.numerator, b = lhs.denominator
    let c = rhs.numerator, d = rhs.denominator
    if a.isZero || c.isZero { return Rational(storage: .small(0, 1)) }
    let g1 = BigInt(gcd(a.magnitude, d.magnitude))
    let g2 = BigInt(gcd(c.magnitude, b.magnitude))
    let (a1, d1) = g1 == 1 ? (a, d) : (a / g1, d / g1)
    let (c1, b1) = g2 == 1 ? (c, b) : (c / g2, b / g2)
    return Rational(reduced: a1 * c1, b1 * d1)
  }

  @inlinable
  public static prefix func - (x: Rational) -> Rational {
    switch x.storage {
    case .small(let n, let d):
      if n != .min { return Rational(storage: .small(-n, d)) }
      return Rational(normalizing: -BigInt(n), BigInt(d))
    case .big(let box): return Rational(reduced: -box.n, box.d)
    }
  }

  @inlinable
  public static func - (lhs: Rational, rhs: Rational) -> Rational { lhs + (-rhs) }

  @inlinable
  public static func * (lhs: Rational, rhs: Rational) -> Rational {
    if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage {
      if b == 1 && d == 1 {
        let (p, o) = a.multipliedReportingOverflow(by: c)
        if !o && p != .min { return Rational(storage: .small(p, 1)) }
      } else {
        // Cross-cancel first so that products stay small.
        let g1 = Int64(Rational.gcd(a.magnitude, d.magnitude))
        let g2 = Int64(Rational.gcd(c.magnitude, b.magnitude))
        let a1 = g1 > 1 ? a / g1 : a, d1 = g1 > 1 ? d / g1 : d
        let c1 = g2 > 1 ? c / g2 : c, b1 = g2 > 1 ? b / g2 : b
        let (n, o1) = a1.multipliedReportingOverflow(by: c1)
        let (m, o2) = b1.multipliedReportingOverflow(by: d1)
        if !(o1 || o2) && n != .min {
          return Rational(storage: n == 0 ? .small(0, 1) : .small(n, m))
        }
        // Cross-cancelled, the 128-bit products are in lowest terms.
        return wide(Int128(a1) * Int128(c1), Int128(b1) * Int128(d1))
      }
    }
    return slowMultiply(lhs, rhs)
  }

  /// The multiplicative inverse.
  ///
  /// - Precondition: the value is not zero.
  public var reciprocal: Rational? {
    switch storage {
    case .small(let n, let d):
      if n == 0 { return nil }
      return n < 0 ? Rational(smallNumerator: -d, -n) : Rational(storage: .small(d, n))
    case .big(let box):
      return box.n.sign == .minus
        ? Rational(reduced: -box.d, -box.n) : Rational(reduced: box.d, box.n)
    }
  }

  @inlinable
  public static func / (lhs: Rational, rhs: Rational) -> Rational {
    guard let r = rhs.reciprocal else { preconditionFailure("Rational: division by zero") }
    return lhs * r
  }

  @inlinable public static func += (lhs: inout Rational, rhs: Rational) { lhs = lhs + rhs }
  @inlinable public static func -= (lhs: inout Rational, rhs: Rational) { lhs = lhs - rhs }
  @inlinable public static func *= (lhs: inout Rational, rhs: Rational) { lhs = lhs * rhs }
  @inlinable public static func /= (lhs: inout Rational, rhs: Rational) { lhs = lhs / rhs }

  /// The absolute value.
  public var magnitude: Rational { signum < 0 ? -self : self }
}

// MARK: - Equatable, Hashable, Comparable

extension Rational: Hashable {
  public static func == (lhs: Rational, rhs: Rational) -> Bool {
    switch (lhs.storage, rhs.storage) {
    case (.small(let a, let b), .small(let c, let d)): return a == c && b == d
    case (.big(let x), .big(let y)): return x === y || (x.n == y.n && x.d == y.d)
    default: return false  // canonical form: small and big never denote the same value
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch storage {
    case .small(let n, let d): hasher.combine(n); hasher.combine(d)
    case .big(let box): hasher.combine(box.n); hasher.combine(box.d)
    }
  }
}

extension Rational: Comparable {
  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    if case .small(let a, let b) = lhs.storage, case .small(let c, let d) = rhs.storage {
      if b == d { return a < c }
      // Compare a*d with c*b in 128 bits.
      let x = a.multipliedFullWidth(by: d), y = c.multipliedFullWidth(by: b)
      return x.high < y.high || (x.high == y.high && x.low < y.low)
    }
    return lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
  }
}

// MARK: - Literals and numeric protocols

extension Rational: ExpressibleByIntegerLiteral {
  public init(integerLiteral value: Int) { self.init(value) }
}

extension Rational: SignedNumeric {
  public init?<T: BinaryInteger>(exactly source: T) {
    if let v = Int64(exactly: source), v != .min {
      self.init(storage: .small(v, 1))
    } else {
      self.init(normalizing: BigInt(source), 1)
    }
  }
}

extension Rational {
  /// The value of `x` exactly: every finite `Double` is a dyadic rational.
  ///
  /// - Precondition: `x` is finite.
  public init(_ x: Double) {
    precondition(x.isFinite, "Rational: non-finite Double")
    if x == 0 { self = 0; return }
    let exponent = Int(x.exponent) - Double.significandBitCount
    let significand = BigInt(x.significandBitPattern | (1 << UInt64(Double.significandBitCount)))
    var n = x.isSubnormal ? BigInt(x.significandBitPattern) : significand
    let e = x.isSubnormal ? Int(Double.leastNormalMagnitude.exponent) - Double.significandBitCount : exponent
    if x < 0 { n.negate() }
    if e >= 0 {
      self.init(normalizing: n << e, 1)
    } else {
      self.init(normalizing: n, BigInt(1) << -e)
    }
  }
}

// MARK: - Text

extension Rational: CustomStringConvertible, LosslessStringConvertible {
  /// `"p/q"`, or `"p"` for integers.
  public var description: String {
    switch storage {
    case .small(let n, let d): return d == 1 ? "\(n)" : "\(n)/\(d)"
    case .big(let box): return box.d == 1 ? "\(box.n)" : "\(box.n)/\(box.d)"
    }
  }

  /// The largest decimal exponent the text initializer accepts (enough for every `Double`).
  public static let maxExponent = 400

  /// The longest number text the text initializer accepts: 10,000 characters (an exact
  /// 10^100 needs 101). Longer tokens are refused rather than parsed, since the cost of
  /// converting decimal digits grows faster than their count.
  public static let maxTextLength = 10_000

  /// Parses an integer (`-12`), a fraction (`3/4`), or a decimal with an optional exponent of
  /// at most ±``maxExponent`` (`.80`, `-1.5e-3`), exactly, of at most ``maxTextLength``
  /// characters. Returns `nil` for anything else.
  public init?(_ text: some StringProtocol) {
    guard let value = Rational.parse(Substring(text)) else { return nil }
    self = value
  }

  static func parse(_ text: Substring) -> Rational? {
    guard text.utf8.count <= maxTextLength else { return nil }
    var s = text[...]
    var negative = false
    if let c = s.first, c == "+" || c == "-" { negative = c == "-"; s = s.dropFirst() }
    if let slash = s.firstIndex(of: "/") {
      let num = s[..<slash], den = s[s.index(after: slash)...]
      guard !num.isEmpty, !den.isEmpty, num.allSatisfy(\.isASCIIDigit),
        den.allSatisfy(\.isASCIIDigit), let n = BigInt(num, radix: 10),
        let d = BigInt(den, radix: 10), !d.isZero
      else { return nil }
      return Rational(normalizing: negative ? -n : n, d)
    }
    var mantissa = s, exponentPart: Substring = ""
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = s[..<e]
      exponentPart = s[s.index(after: e)...]
      guard !exponentPart.isEmpty else { return nil }  // "1e" has no exponent digits
    }
    var intPart = mantissa, fracPart: Substring = ""
    if let dot = mantissa.firstIndex(of: ".") {
      intPart = mantissa[..<dot]
      fracPart = mantissa[mantissa.index(after: dot)...]
    }
    guard !(intPart.isEmpty && fracPart.isEmpty), intPart.allSatisfy(\.isASCIIDigit),
      fracPart.allSatisfy(\.isASCIIDigit)
    else { return nil }
    var exponent = 0
    if !exponentPart.isEmpty {
      var es = exponentPart
      var eneg = false
      if let c = es.first, c == "+" || c == "-" { eneg = c == "-"; es = es.dropFirst() }
      // At most ±400 (every Double's range): 10^e costs time and memory growing with e, so a
      // short token such as "1e999999" must not be able to stall a reader.
      guard !es.isEmpty, es.count <= 6, es.allSatisfy(\.isASCIIDigit), let ev = Int(es),
        ev <= Rational.maxExponent
      else {
        return nil
      }
      exponent = eneg ? -ev : ev
    }
    guard let digits = BigInt(String(intPart) + String(fracPart), radix: 10)
      ?? (intPart.isEmpty && fracPart.isEmpty ? nil : BigInt(0))
    else { return nil }
    exponent -= fracPart.count
    var n = negative ? -digits : digits
    var d = BigInt(1)
    if exponent >= 0 { n *= BigInt(10).power(exponent) } else { d = BigInt(10).power(-exponent) }
    return Rational(normalizing: n, d)
  }

  /// The value rounded to `places` decimal places (half away from zero), as text.
  public func decimalString(places: Int) -> String {
    precondition(places >= 0)
    let scale = BigInt(10).power(places)
    let n = numerator * scale, d = denominator
    var (q, r) = n.magnitude.quotientAndRemainder(dividingBy: d.magnitude)
    if r * 2 >= d.magnitude { q += 1 }
    var digits = String(q)
    if places > 0 {
      if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -places))
    }
    let negative = numerator.sign == .minus && q != 0
    return negative ? "-" + digits : digits
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
