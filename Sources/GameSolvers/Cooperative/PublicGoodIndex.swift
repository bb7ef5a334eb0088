// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// Holler's public good index of a simple game (Holler 1982; Holler and Packel 1983).
///
/// Steps: list the minimal winning coalitions; count, for each player, the minimal winning
/// coalitions it belongs to (`cᵢ`); `hᵢ = cᵢ / Σⱼ cⱼ`. Verify `Σ hᵢ = 1`.
/// - Complexity: O(n · 2ⁿ).
public struct PublicGoodIndex: Sendable {
  public init() {}

  /// The index of a simple game.
  ///
  /// - Throws: ``SolverError`` when the game is not simple.
  public func solve<S: GameScalar>(_ game: CoalitionalGame<S>) throws(SolverError)
    -> AllocationResult<S>
  {
    try game.requireSimple(for: "holler")
    var c = [Int](repeating: 0, count: game.playerCount)
    for s in game.minimalWinningCoalitions() { for i in s.members { c[i] += 1 } }
    let total = c.reduce(0, +)
    let x = c.map { Rational($0, total) }
    guard x.reduce(Rational(0), +) == 1 else {
      throw .numerical("holler", "the index does not sum to 1")
    }
    return AllocationResult(
      allocations: [x.map { S($0) }], method: "holler",
      parameters: ["algorithm": "minimal winning coalitions"], counts: c.map(String.init))
  }
}
