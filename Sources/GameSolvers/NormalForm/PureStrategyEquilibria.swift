// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Finds every pure-strategy Nash equilibrium of an n-player normal-form game.
///
/// A pure profile is an equilibrium when each player's strategy is a best response to the
/// others' (Osborne & Rubinstein 1994, Def. 14.1). The scan makes one pass per player over the
/// payoff table: for each *line* — the profiles that differ only in player `p`'s strategy —
/// it finds the maximal payoff and marks the profiles attaining it. A profile is an
/// equilibrium when all players mark it. The marks live in one bit vector per player, so
/// nothing is allocated per profile; Gambit's `enumpure` and QuantEcon's `pure_nash_brute`
/// instead test every profile's every deviation.
///
/// - Complexity: O(n·M) payoff comparisons for M profiles and n players, plus M·n bits of
///   working memory (M/8 bytes per player).
public struct PureStrategyEquilibria: NashSolver {
  /// The method's name on the command line.
  public var name: String { "pure" }
  /// Limits honoured once per player pass and every 2^16 lines.
  public var control: SolverControl

  public init(control: SolverControl = .none) {
    self.control = control
  }

  public func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> SolverResult<S>
  {
    let (profiles, status) = equilibriumIndices(of: game)
    let shape = game.shape
    let equilibria = profiles.map { MixedProfile<S>(pure: game.profile(at: $0), shape: shape) }
    // Verify what we report: zero regret (exact) or within tolerance.
    for e in equilibria where !game.isNashEquilibrium(e) {
      throw .numerical(name, "internal check failed: a reported profile has positive regret")
    }
    return SolverResult(equilibria: equilibria, method: name, status: status)
  }

  /// The profile indices of all pure equilibria, in increasing index order.
  public func equilibriumIndices<S: GameScalar>(of game: NormalFormGame<S>) -> ([Int], SolverStatus) {
    let total = game.profileCount
    let words = (total + 63) >> 6
    // candidate[i] bit set ⇔ every player processed so far best-responds at profile i.
    var candidate = [UInt64](repeating: ~0, count: words)
    if total & 63 != 0 { candidate[words - 1] = (1 << UInt64(total & 63)) - 1 }
    let tolerance = S.defaultTolerance
    for p in 0..<game.playerCount {
      if let reason = control.stopReason() { return ([], reason) }
      let m = game.strategies[p].count
      let stride = game.stride(of: p)
      let block = stride * m
      game.payoffs[p].withUnsafeBufferPointer { table in
        candidate.withUnsafeMutableBufferPointer { cand in
          var lineStart = 0
          while lineStart < total {
            // Lines with this `lineStart` block: profiles lineStart + r, r in 0..<stride.
            for r in 0..<stride {
              let base = lineStart + r
              var best = table[base]
              var k = 1
              while k < m {
                let v = table[base + k * stride]
                if v > best { best = v }
                k += 1
              }
              k = 0
              while k < m {
                let i = base + k * stride
                if table[i] < best - tolerance {
                  cand[i >> 6] &= ~(1 << UInt64(i & 63))
                }
                k += 1
              }
            }
            lineStart += block
          }
        }
      }
    }
    var result = [Int]()
    for w in 0..<words where candidate[w] != 0 {
      var bits = candidate[w]
      while bits != 0 {
        let b = bits.trailingZeroBitCount
        result.append(w << 6 + b)
        bits &= bits - 1
      }
    }
    return (result, .complete)
  }
}
