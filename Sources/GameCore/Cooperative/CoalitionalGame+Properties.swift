// SPDX-License-Identifier: GPL-3.0-or-later

extension CoalitionalGame {
  /// Whether `v(S ∪ T) ≥ v(S) + v(T)` for all disjoint `S`, `T`.
  ///
  /// - Complexity: O(3ⁿ) comparisons (every pair of disjoint coalitions).
  public func isSuperadditive(tolerance: S = .defaultTolerance) -> Bool {
    let full = grandMask
    for s in 1...full {
      let rest = full & ~s
      // Every non-empty T ⊆ N∖S with T > S (each unordered pair once).
      var t = rest
      while t > 0 {
        if t > s && worths[s | t] + tolerance < worths[s] + worths[t] { return false }
        t = (t - 1) & rest
      }
    }
    return true
  }

  /// Whether the game is convex (supermodular): `v(S ∪ T) + v(S ∩ T) ≥ v(S) + v(T)`.
  ///
  /// Checked through the equivalent local condition: for every `S` and `i ≠ j` outside it,
  /// `v(S∪{i,j}) − v(S∪{j}) ≥ v(S∪{i}) − v(S)` (Shapley 1971, "Cores of convex games", §2).
  ///
  /// - Complexity: O(n² · 2ⁿ).
  public func isConvex(tolerance: S = .defaultTolerance) -> Bool {
    let n = playerCount
    for s in 0...grandMask {
      for i in 0..<n where s >> i & 1 == 0 {
        let si = s | 1 << i
        for j in (i + 1)..<max(n, i + 1) where s >> j & 1 == 0 {
          let sj = s | 1 << j
          if worths[si | sj] - worths[sj] + tolerance < worths[si] - worths[s] { return false }
        }
      }
    }
    return true
  }

  /// Whether `S ⊆ T` implies `v(S) ≤ v(T)` (so also `v(S) ≥ v(∅) = 0`).
  ///
  /// - Complexity: O(n · 2ⁿ).
  public func isMonotone(tolerance: S = .defaultTolerance) -> Bool {
    for s in 0...grandMask {
      for i in 0..<playerCount where s >> i & 1 == 0 {
        if worths[s | 1 << i] + tolerance < worths[s] { return false }
      }
    }
    return true
  }

  /// Whether the game is simple: every worth is 0 or 1, `v(N) = 1`, and it is monotone.
  ///
  /// - Complexity: O(n · 2ⁿ).
  public func isSimple() -> Bool {
    worths.allSatisfy { $0 == .zero || $0 == 1 } && grandWorth == 1 && isMonotone()
  }

  /// Whether `v(N) ≥ Σᵢ v({i})`: the imputation set is non-empty.
  public var isEssential: Bool {
    var s = S.zero
    for i in 0..<playerCount { s += worths[1 << i] }
    return grandWorth >= s
  }

  /// Whether `x` is efficient (`x(N) = v(N)`) and individually rational (`xᵢ ≥ v({i})`).
  public func isImputation(_ x: [S], tolerance: S = .defaultTolerance) -> Bool {
    precondition(x.count == playerCount)
    guard total(x, over: .grand(playerCount)).isClose(to: grandWorth, tolerance: tolerance)
    else { return false }
    return (0..<playerCount).allSatisfy { x[$0] + tolerance >= worths[1 << $0] }
  }

  /// Whether `x` lies in the core: `x(N) = v(N)` and `x(S) ≥ v(S)` for every coalition.
  ///
  /// - Complexity: O(2ⁿ) (each coalition's total from a smaller one's).
  public func isInCore(_ x: [S], tolerance: S = .defaultTolerance) -> Bool {
    precondition(x.count == playerCount)
    return maxExcess(at: x) <= tolerance
      && total(x, over: .grand(playerCount)).isClose(to: grandWorth, tolerance: tolerance)
  }

  /// The largest excess `max_{S ≠ ∅} v(S) − x(S)` over all non-empty coalitions.
  ///
  /// - Complexity: O(2ⁿ).
  public func maxExcess(at x: [S]) -> S {
    excesses(at: x).dropFirst().max() ?? .zero
  }

  /// `e[mask] = v(S) − x(S)` for every coalition, `e[0] = 0`.
  ///
  /// - Complexity: O(2ⁿ): `x(S) = x(S ∖ {lowest member}) + x_lowest`.
  public func excesses(at x: [S]) -> [S] {
    var sums = [S](repeating: .zero, count: worths.count)
    var e = sums
    for m in 1..<worths.count {
      let low = m & -m
      sums[m] = sums[m & ~low] + x[low.trailingZeroBitCount]
      e[m] = worths[m] - sums[m]
    }
    return e
  }
}

extension CoalitionalGame {
  /// The minimal winning coalitions of a simple game: `S` wins and no `S ∖ {i}` does.
  ///
  /// - Precondition: the game is simple (``isSimple()``).
  /// - Complexity: O(n · 2ⁿ).
  public func minimalWinningCoalitions() -> [Coalition] {
    var out: [Coalition] = []
    for m in 1...grandMask where worths[m] == 1 {
      var bits = m, minimal = true
      while bits != 0 {
        let low = bits & -bits
        if worths[m & ~low] == 1 { minimal = false; break }
        bits &= bits - 1
      }
      if minimal { out.append(Coalition(mask: UInt64(m))) }
    }
    return out
  }

  /// Throws unless the game is simple, naming `operation`.
  public func requireSimple(for operation: String) throws(SolverError) {
    guard isSimple() else {
      throw .unsupportedGame(
        operation,
        "the index is defined for simple games (worths 0 or 1, v(N) = 1, monotone)")
    }
  }
}
