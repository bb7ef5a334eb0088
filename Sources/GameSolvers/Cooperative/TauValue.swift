// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// The τ-value (compromise value) of a quasi-balanced TU game (Tijs 1981).
///
/// Steps (Branzei, Dimitrov and Tijs, *Models in Cooperative Game Theory*, 2008, §3.2):
/// 1. Utopia payoffs `Mᵢ = v(N) − v(N∖{i})`.
/// 2. Minimal rights `mᵢ = max_{S∋i} (v(S) − Σ_{j∈S∖{i}} Mⱼ)`.
/// 3. The game is quasi-balanced when `m ≤ M` and `Σ m ≤ v(N) ≤ Σ M`; then
///    `τ = m + α (M − m)` with `α` chosen so that `Σ τᵢ = v(N)` (`τ = m` when `Σ M = Σ m`).
/// 4. Verify efficiency.
/// - Complexity: O(n · 2ⁿ).
public struct TauValue: Sendable {
  public init() {}

  /// The τ-value of `game`.
  ///
  /// - Throws: ``SolverError`` when the game is not quasi-balanced.
  public func solve<S: GameScalar>(_ game: CoalitionalGame<S>) throws(SolverError)
    -> AllocationResult<S>
  {
    let n = game.playerCount
    let full = game.grandMask
    let upper = (0..<n).map { game.grandWorth - game[full & ~(1 << $0)] }
    var lower = [S](repeating: .zero, count: n)
    var seen = [Bool](repeating: false, count: n)
    let sums = game.excesses(at: upper).enumerated().map { m, e in game[m] - e }  // M(S)
    for m in 1...full {
      var bits = m
      while bits != 0 {
        let i = bits.trailingZeroBitCount
        let gap = game[m] - (sums[m] - upper[i])
        if !seen[i] || gap > lower[i] {
          lower[i] = gap
          seen[i] = true
        }
        bits &= bits - 1
      }
    }
    let sumM = upper.reduce(S.zero, +)
    let summ = lower.reduce(S.zero, +)
    let tol = S.defaultTolerance
    guard zip(lower, upper).allSatisfy({ $0 <= $1 + tol }), summ <= game.grandWorth + tol,
      game.grandWorth <= sumM + tol
    else {
      throw .unsupportedGame("tau", "the game is not quasi-balanced (m ≤ M, Σm ≤ v(N) ≤ ΣM)")
    }
    let tau: [S]
    if sumM == summ {
      tau = lower
    } else {
      let alpha = (game.grandWorth - summ) * (sumM - summ).reciprocal!
      tau = zip(lower, upper).map { $0 + alpha * ($1 - $0) }
    }
    try ShapleyValue.verifyEfficiency(tau, game, method: "tau")
    return AllocationResult(
      allocations: [tau], method: "tau", parameters: ["algorithm": "utopia and minimal rights"],
      notes: [
        "utopia M = (" + upper.map { $0.formatted() }.joined(separator: ", ") + ")",
        "minimal rights m = (" + lower.map { $0.formatted() }.joined(separator: ", ") + ")",
      ])
  }
}
