// SPDX-License-Identifier: GPL-3.0-or-later

/// A set of players `{0, …, 63}` stored as a bit mask: player `i` is a member when bit `i`
/// is set.
///
/// The mask is also the coalition's index in a characteristic function stored in bit-mask
/// order (MatTuGames' convention, with the empty coalition at index 0).
public struct Coalition: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The members as bits: bit `i` set means player `i` belongs.
  public var mask: UInt64

  /// The coalition whose members are the set bits of `mask`.
  @inlinable public init(mask: UInt64) { self.mask = mask }

  /// The coalition of the given players.
  ///
  /// - Precondition: every player is in `0..<64`.
  public init<C: Sequence>(_ players: C) where C.Element == Int {
    var m: UInt64 = 0
    for p in players {
      precondition((0..<64).contains(p), "Coalition: player \(p) out of range")
      m |= 1 << UInt64(p)
    }
    mask = m
  }

  /// The empty coalition.
  public static var empty: Coalition { Coalition(mask: 0) }

  /// The grand coalition of `n` players.
  public static func grand(_ n: Int) -> Coalition {
    precondition((0...64).contains(n))
    return Coalition(mask: n == 64 ? .max : (UInt64(1) << UInt64(n)) - 1)
  }

  /// The number of members.
  @inlinable public var count: Int { mask.nonzeroBitCount }
  /// Whether the coalition has no members.
  @inlinable public var isEmpty: Bool { mask == 0 }

  /// Whether `player` belongs.
  @inlinable public func contains(_ player: Int) -> Bool { mask >> UInt64(player) & 1 == 1 }

  /// The coalition with `player` added.
  @inlinable public func inserting(_ player: Int) -> Coalition {
    Coalition(mask: mask | 1 << UInt64(player))
  }

  /// The coalition with `player` removed.
  @inlinable public func removing(_ player: Int) -> Coalition {
    Coalition(mask: mask & ~(1 << UInt64(player)))
  }

  /// The members in increasing order.
  public var members: [Int] {
    var out: [Int] = [], m = mask
    while m != 0 {
      out.append(m.trailingZeroBitCount)
      m &= m - 1
    }
    return out
  }

  /// Whether every member of `self` belongs to `other`.
  @inlinable public func isSubset(of other: Coalition) -> Bool { mask & ~other.mask == 0 }

  public static func < (lhs: Coalition, rhs: Coalition) -> Bool { lhs.mask < rhs.mask }

  /// `{1,3}` with 1-based player numbers, as the literature prints coalitions.
  public var description: String {
    "{" + members.map { String($0 + 1) }.joined(separator: ",") + "}"
  }
}
