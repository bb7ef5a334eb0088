// SPDX-License-Identifier: GPL-3.0-or-later

import RealModule

/// The number field a game's payoffs and a solver's arithmetic live in.
///
/// Parley's solvers are generic over this protocol, so the same code runs exactly over
/// ``Rational`` (the default everywhere) or in floating point over `Double` when the user asks
/// for speed. Exact types have a zero ``defaultTolerance``; every comparison of payoffs in a
/// solver goes through a tolerance so that the floating-point path stays robust.
public protocol GameScalar: AlgebraicField, Comparable, Hashable, Sendable,
  CustomStringConvertible
where Magnitude == Self {
  /// The tolerance used when none is given: zero for exact types, √ulp for `Double`.
  static var defaultTolerance: Self { get }
  /// Whether arithmetic in this type is exact.
  static var isExact: Bool { get }
  /// The value of an exact rational in this type (rounded for inexact types).
  init(_ rational: Rational)
  /// The nearest `Double`.
  var doubleValue: Double { get }
  /// The exact value as a rational (for `Double`, its exact dyadic value).
  var rationalValue: Rational { get }
}

extension GameScalar {
  /// Text for reports: the exact `p/q` form for exact types, else `decimals` places.
  ///
  /// With `decimals` given, exact values are rounded too (Gambit's `-d`).
  public func formatted(decimals: Int? = nil) -> String {
    if let decimals {
      return Self.isExact
        ? rationalValue.decimalString(places: decimals)
        : Self.roundedDecimal(doubleValue, places: decimals)
    }
    if Self.isExact { return rationalValue.description }
    return Self.shortestDecimal(doubleValue)
  }

  static func shortestDecimal(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  static func roundedDecimal(_ x: Double, places: Int) -> String {
    // Exact decimal rounding of the Double's dyadic value avoids printf's platform quirks.
    guard x.isFinite else { return "\(x)" }
    return Rational(x).decimalString(places: places)
  }

  /// Whether `self` and `other` differ by at most `tolerance`.
  @inlinable
  public func isClose(to other: Self, tolerance: Self = .defaultTolerance) -> Bool {
    let d = self - other
    return (d < .zero ? -d : d) <= tolerance
  }
}

extension Rational: AlgebraicField, GameScalar {
  public static var defaultTolerance: Rational { 0 }
  public static var isExact: Bool { true }
  public init(_ rational: Rational) { self = rational }
  public var rationalValue: Rational { self }
}

extension Double: GameScalar {
  /// √ulp(1) ≈ 1.49e-8, as swift-numerics' `isApproximatelyEqual` default.
  public static var defaultTolerance: Double { Double.ulpOfOne.squareRoot() }
  public static var isExact: Bool { false }
  public init(_ rational: Rational) { self = rational.doubleValue }
  public var doubleValue: Double { self }
  public var rationalValue: Rational { Rational(self) }
}
