// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// The Deegan–Packel index of a simple game (Deegan and Packel 1978).
///
/// Steps: list the minimal winning coalitions `M`; each is equally likely to form and
/// splits the prize equally among its members, so `DPᵢ = (1/|M|) Σ_{S∈M, i∈S} 1/|S|`.
/// Verify `Σ DPᵢ = 1`.
/// - Complexity: O(n · 2ⁿ).
public struct DeeganPackelIndex: Sendable {
  public init() {}

  /// The index of a simple game.
  ///
  /// - Throws: ``SolverError`` when the game is not simple.
  public func solve<S: GameScalar>(_ game: CoalitionalGame<S>) throws(SolverError)
    -> AllocationResult<S>
  {
    try game.requireSimple(for: "deegan-packel")
    let minimal = game.minimalWinningCoalitions()
    var x = [Rational](repeating: 0, count: game.playerCount)
    for s in minimal {
      let share = Rational(1, s.count * minimal.count)
      for i in s.members { x[i] = x[i] + share }
    }
    guard x.reduce(Rational(0), +) == 1 else {
      throw .numerical("deegan-packel", "the index does not sum to 1")
    }
    return AllocationResult(
      allocations: [x.map { S($0) }], method: "deegan-packel",
      parameters: ["algorithm": "minimal winning coalitions"],
      scalar: S(Rational(minimal.count)), scalarName: "minimal winning coalitions")
  }
}
