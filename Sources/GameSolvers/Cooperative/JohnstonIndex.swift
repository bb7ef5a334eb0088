// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// The Johnston index of a simple game (Johnston 1978; Felsenthal and Machover 1998, §6.2).
///
/// Steps: for every winning coalition `S`, find its critical members (those whose departure
/// makes `S` lose); when there are `c(S) > 0` of them, each gets `1/c(S)`. The raw index is
/// the sum over all such vulnerable coalitions; the (normalised) index divides by the total,
/// so it sums to 1. Verify the sum.
/// - Complexity: O(n · 2ⁿ).
public struct JohnstonIndex: Sendable {
  public init() {}

  /// The normalised index of a simple game; the raw sums are returned in `counts`.
  ///
  /// - Throws: ``SolverError`` when the game is not simple.
  public func solve<S: GameScalar>(_ game: CoalitionalGame<S>) throws(SolverError)
    -> AllocationResult<S>
  {
    try game.requireSimple(for: "johnston")
    var raw = [Rational](repeating: 0, count: game.playerCount)
    var vulnerable = 0
    var critical: [Int] = []
    for m in 1...game.grandMask where game[m] == 1 {
      critical.removeAll(keepingCapacity: true)
      var bits = m
      while bits != 0 {
        let low = bits & -bits
        if game[m & ~low] == .zero { critical.append(low.trailingZeroBitCount) }
        bits &= bits - 1
      }
      if critical.isEmpty { continue }
      vulnerable += 1
      let share = Rational(1, critical.count)
      for i in critical { raw[i] = raw[i] + share }
    }
    let total = raw.reduce(Rational(0), +)
    let x = raw.map { $0 * total.reciprocal! }
    guard x.reduce(Rational(0), +) == 1 else {
      throw .numerical("johnston", "the index does not sum to 1")
    }
    return AllocationResult(
      allocations: [x.map { S($0) }], method: "johnston",
      parameters: ["algorithm": "enumeration"],
      scalar: S(Rational(vulnerable)), scalarName: "vulnerable coalitions",
      counts: raw.map(\.description))
  }
}
