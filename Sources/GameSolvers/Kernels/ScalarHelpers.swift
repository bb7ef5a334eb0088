// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

extension GameScalar {
  /// Whether the value is exactly zero.
  @inlinable var isZero: Bool { self == .zero }
  /// The exact value of an integer.
  @inlinable static func of(_ k: Int) -> Self { Self(Rational(k)) }
}
