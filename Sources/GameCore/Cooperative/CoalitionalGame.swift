// SPDX-License-Identifier: GPL-3.0-or-later

/// A transferable-utility (TU) coalitional game: `n` players and the worth `v(S)` of every
/// coalition `S`, with `v(∅) = 0`.
///
/// Worths are stored in bit-mask order (index `S.mask`). Two vector conventions are read and
/// written, and the order is always named at the call site (``CoalitionOrder``):
/// - ``CoalitionOrder/bitMask``: coalition `S` at position `mask(S) − 1` of a vector of
///   length `2ⁿ − 1` (MatTuGames, Meinhardt 2013);
/// - ``CoalitionOrder/sizeThenLexicographic``: singletons first, then pairs, …, each size in
///   lexicographic order of the sorted members, `{1},{2},{3},{1,2},{1,3},{2,3},{1,2,3}`
///   (CoopGame for R, Staudacher and Anwander 2019; TUGlab, Mirás Calvo and Sánchez
///   Rodríguez 2006).
///
/// Explicit games are limited to ``maxPlayers`` players (2²⁵ worths); the limit is checked
/// before anything is allocated.
public struct CoalitionalGame<S: GameScalar>: Sendable, Hashable {
  /// The most players an explicit characteristic function may have.
  public static var maxPlayers: Int { 25 }

  /// The number of players.
  public let playerCount: Int
  /// `worths[mask]` is `v(S)` for the coalition with that mask; `worths[0] = 0`.
  public private(set) var worths: [S]
  /// Player names, for reports (default `"1"`, `"2"`, …).
  public var playerNames: [String]

  /// Checks `n` against ``maxPlayers``.
  ///
  /// - Throws: ``SolverError`` (invalid argument for `n < 1`, limit exceeded above the
  ///   limit).
  public static func checkSize(_ n: Int, operation: String = "coop") throws(SolverError) {
    guard n >= 1 else {
      throw .invalidArgument(operation, "a game needs at least one player, got \(n)")
    }
    guard n <= maxPlayers else {
      throw .limitExceeded(
        operation,
        "\(n) players need 2^\(n) coalition worths; explicit games are limited to "
          + "\(maxPlayers) players")
    }
  }

  /// A game from a vector of worths of the `2ⁿ − 1` non-empty coalitions in `order`.
  ///
  /// - Throws: ``SolverError`` when the length is not `2ⁿ − 1` for some `n ≤ maxPlayers`.
  public init(values: [S], order: CoalitionOrder) throws(SolverError) {
    let length = values.count
    guard length >= 1, (length + 1) & length == 0 else {
      throw .invalidArgument(
        "coop",
        "a characteristic function of n players has 2^n - 1 values (1, 3, 7, 15, …); "
          + "got \(length)")
    }
    let n = (length + 1).trailingZeroBitCount
    try Self.checkSize(n)
    var w: [S]
    switch order {
    case .bitMask:
      w = [S.zero]
      w.append(contentsOf: values)
    case .sizeThenLexicographic:
      w = [S](repeating: .zero, count: length + 1)
      for (i, c) in CoalitionOrder.sizeThenLexicographicMasks(n).enumerated() {
        w[Int(c)] = values[i]
      }
    }
    playerCount = n
    worths = w
    playerNames = (1...n).map(String.init)
  }

  /// A game of `n` players whose worths come from `worth`, called once per non-empty
  /// coalition (the empty coalition is worth 0).
  ///
  /// - Throws: ``SolverError`` when `n` is outside `1...maxPlayers`.
  public init(playerCount n: Int, worth: (Coalition) -> S) throws(SolverError) {
    try Self.checkSize(n)
    var w = [S](repeating: .zero, count: 1 << n)
    for m in 1..<(1 << n) { w[m] = worth(Coalition(mask: UInt64(m))) }
    playerCount = n
    worths = w
    playerNames = (1...n).map(String.init)
  }

  /// `v(S)`.
  @inlinable public func worth(of coalition: Coalition) -> S { worths[Int(coalition.mask)] }
  /// `v(S)` for a mask.
  @inlinable public subscript(mask: Int) -> S { worths[mask] }
  /// `v(N)`.
  public var grandWorth: S { worths[worths.count - 1] }
  /// The grand coalition's mask, `2ⁿ − 1`.
  public var grandMask: Int { worths.count - 1 }

  /// The worths of the non-empty coalitions in `order` (the inverse of
  /// ``init(values:order:)``).
  public func values(in order: CoalitionOrder) -> [S] {
    switch order {
    case .bitMask: return Array(worths.dropFirst())
    case .sizeThenLexicographic:
      return CoalitionOrder.sizeThenLexicographicMasks(playerCount).map { worths[Int($0)] }
    }
  }

  /// The game with the same players and worths converted to `T`.
  public func converted<T: GameScalar>(to _: T.Type = T.self) -> CoalitionalGame<T> {
    if let same = self as? CoalitionalGame<T> { return same }
    var g = try! CoalitionalGame<T>(
      values: worths.dropFirst().map { T($0.rationalValue) }, order: .bitMask)
    g.playerNames = playerNames
    return g
  }

  /// `x(S) = Σ_{i∈S} xᵢ`.
  public func total(_ x: [S], over coalition: Coalition) -> S {
    var s = S.zero, m = coalition.mask
    while m != 0 {
      s += x[m.trailingZeroBitCount]
      m &= m - 1
    }
    return s
  }

  /// The excess `e(S, x) = v(S) − x(S)`.
  public func excess(of coalition: Coalition, at x: [S]) -> S {
    worth(of: coalition) - total(x, over: coalition)
  }
}

/// The order in which a vector lists the worths of the non-empty coalitions.
public enum CoalitionOrder: String, Sendable, Hashable, CaseIterable {
  /// Coalition `S` at position `mask(S) − 1`: `{1},{2},{1,2},{3},{1,3},…` (MatTuGames).
  case bitMask = "bitmask"
  /// By size, then lexicographically: `{1},{2},{3},{1,2},{1,3},{2,3},…` (CoopGame, TUGlab).
  case sizeThenLexicographic = "lex"

  /// The masks of the non-empty coalitions of `n` players in size-then-lexicographic order.
  ///
  /// - Complexity: O(2ⁿ · n).
  public static func sizeThenLexicographicMasks(_ n: Int) -> [UInt64] {
    var out: [UInt64] = []
    out.reserveCapacity((1 << n) - 1)
    for k in 1...n {
      var idx = Array(0..<k)
      while true {
        out.append(idx.reduce(UInt64(0)) { $0 | 1 << UInt64($1) })
        // Next k-combination of 0..<n in lexicographic order.
        var i = k - 1
        while i >= 0 && idx[i] == n - k + i { i -= 1 }
        if i < 0 { break }
        idx[i] += 1
        for j in (i + 1)..<k { idx[j] = idx[j - 1] + 1 }
      }
    }
    return out
  }
}
