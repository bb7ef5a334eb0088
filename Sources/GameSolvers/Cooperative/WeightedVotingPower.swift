// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
public import GameCore

/// Exact Banzhaf and Shapley–Shubik indices of a weighted voting game `[q; w₁, …, wₙ]` by
/// dynamic programming over coalition weights (generating functions), for hundreds of players.
///
/// Steps (Brams and Affuso 1976 for the generating functions; Uno, "Efficient computation of
/// power indices for weighted majority games", 2012, §3, for removing one player):
/// 1. Players of weight 0 are null players: they get 0 and are set aside (`z` of them); the
///    other `m` players remain.
/// 2. Count coalitions by weight below the quota, `f[w] = #{S : w(S) = w}` for `w < q`
///    (Shapley–Shubik: `f[k][w]`, also by size `k`), adding one player at a time:
///    `f[w + wᵢ] += f[w]`.
/// 3. For each player `i`, remove it by deconvolution: `g[w] = f[w] − g[w − wᵢ]` (ascending
///    `w`), the counts over the other players. Its swings are the losing coalitions that `i`
///    turns winning: `ηᵢ = 2^z · Σ_{q−wᵢ ≤ w < q} g[w]`; for Shapley–Shubik the same sums per
///    size `k` give `φᵢ = Σₖ k!(m−k−1)!/m! · Σ_{q−wᵢ ≤ w < q} g[k][w]`.
/// 4. Counts are exact multi-word integers (`⌈(m+1)/64⌉` words each); the final fractions
///    are exact rationals. Verify `Σ φᵢ = 1` and `Σ ηᵢ > 0`.
///
/// Games with several layers (vetoes as a second layer) go through enumeration of the
/// characteristic function, so at most ``CoalitionalGame/maxPlayers`` players.
/// - Complexity: Banzhaf O(n·q·W) word operations, Shapley–Shubik O(n²·q·W), for
///   `W = ⌈(m+1)/64⌉`; memory O(q·W), respectively O(n·q·W) words.
public struct WeightedVotingPower: Sendable {
  /// The memory the count tables may use, checked before allocating.
  public var maxMemory: Int

  public init(maxMemory: Int = 1 << 30) {
    self.maxMemory = maxMemory
  }

  /// The Banzhaf index: swing counts, absolute (`ηᵢ / 2ⁿ⁻¹`) or normalised (`ηᵢ / Σ η`).
  ///
  /// - Throws: ``SolverError`` when the tables exceed ``maxMemory``, when cancelled, or for
  ///   a multi-layer game with more than 25 players.
  public func banzhaf(
    _ game: WeightedVotingGame, normalization: BanzhafIndex.Normalization = .normalized,
    control: SolverControl = .none
  ) throws(SolverError) -> AllocationResult<Rational> {
    if game.layers.count > 1 {
      let g = try game.characteristicFunction(Rational.self)
      return try BanzhafIndex(normalization: normalization).solve(g, control: control)
    }
    let n = game.playerCount
    let layer = game.layers[0]
    let q = layer.quota
    let active = (0..<n).filter { layer.weights[$0] > 0 }
    let z = n - active.count
    let words = active.count / 64 + 1
    try checkMemory(q, words, rows: 2, "banzhaf")
    var f = [UInt64](repeating: 0, count: q * words)
    f[0] = 1
    try f.withUnsafeMutableBufferPointer { (fp) throws(SolverError) in
      let f = fp.baseAddress!
      for i in active {
        if let stop = control.stopReason() { throw .cancelled("banzhaf (\(stop))") }
        let wi = layer.weights[i]
        if wi >= q { continue }
        for w in stride(from: q - 1 - wi, through: 0, by: -1) {
          Limbs.add(f + (w + wi) * words, f + w * words, words)
        }
      }
    }
    var swings = [BigInt](repeating: 0, count: n)
    var g = [UInt64](repeating: 0, count: q * words)
    var sum = [UInt64](repeating: 0, count: words)
    for i in active {
      if let stop = control.stopReason() { throw .cancelled("banzhaf (\(stop))") }
      let wi = layer.weights[i]
      f.withUnsafeBufferPointer { fp in
        g.withUnsafeMutableBufferPointer { gp in
          sum.withUnsafeMutableBufferPointer { sp in
            let f = fp.baseAddress!, g = gp.baseAddress!, s = sp.baseAddress!
            Limbs.deconvolve(g, f, length: q, shift: wi, words)
            for j in 0..<words { s[j] = 0 }
            for w in max(0, q - wi)..<q { Limbs.add(s, g + w * words, words) }
          }
        }
      }
      swings[i] = BigInt(BigUInt(words: sum.map { UInt($0) })) << z
    }
    return try BanzhafIndex.result(
      swings: swings, playerCount: n, normalization: normalization,
      algorithm: "weight dynamic programme")
  }

  /// The Shapley–Shubik index.
  ///
  /// - Throws: ``SolverError`` when the tables exceed ``maxMemory``, when cancelled, or for
  ///   a multi-layer game with more than 25 players.
  public func shapleyShubik(_ game: WeightedVotingGame, control: SolverControl = .none)
    throws(SolverError) -> AllocationResult<Rational>
  {
    if game.layers.count > 1 {
      let g = try game.characteristicFunction(Rational.self)
      var r = try ShapleyValue().solve(g, control: control)
      r.method = "shapley-shubik"
      return r
    }
    let n = game.playerCount
    let layer = game.layers[0]
    let q = layer.quota
    let active = (0..<n).filter { layer.weights[$0] > 0 }
    let m = active.count
    let words = m / 64 + 1
    try checkMemory(q * (m + 1), words, rows: 2, "shapley-shubik")
    let row = q * words
    var f = [UInt64](repeating: 0, count: (m + 1) * row)
    f[0] = 1
    try f.withUnsafeMutableBufferPointer { (fp) throws(SolverError) in
      let f = fp.baseAddress!
      for (t, i) in active.enumerated() {
        if let stop = control.stopReason() { throw .cancelled("shapley-shubik (\(stop))") }
        let wi = layer.weights[i]
        if wi >= q { continue }
        for k in stride(from: t, through: 0, by: -1) {
          let from = f + k * row, to = f + (k + 1) * row
          for w in stride(from: q - 1 - wi, through: 0, by: -1) {
            Limbs.add(to + (w + wi) * words, from + w * words, words)
          }
        }
      }
    }
    // k!(m−k−1)! for k in 0..<m, and m!.
    var factorial = [BigInt](repeating: 1, count: m + 1)
    for k in stride(from: 1, through: m, by: 1) { factorial[k] = factorial[k - 1] * BigInt(k) }
    var phi = [Rational](repeating: 0, count: n)
    var g = [UInt64](repeating: 0, count: m * row)
    var sum = [UInt64](repeating: 0, count: words)
    for i in active {
      if let stop = control.stopReason() { throw .cancelled("shapley-shubik (\(stop))") }
      let wi = layer.weights[i]
      var numerator = BigInt(0)
      f.withUnsafeBufferPointer { fp in
        g.withUnsafeMutableBufferPointer { gp in
          sum.withUnsafeMutableBufferPointer { sp in
            let f = fp.baseAddress!, g = gp.baseAddress!, s = sp.baseAddress!
            for k in 0..<m {
              let gk = g + k * row, fk = f + k * row
              // g[k][w] = f[k][w] − g[k−1][w−wᵢ]
              for w in 0..<q {
                let dst = gk + w * words
                if k > 0 && w >= wi {
                  Limbs.subtract(dst, fk + w * words, gk - row + (w - wi) * words, words)
                } else {
                  for j in 0..<words { dst[j] = fk[w * words + j] }
                }
              }
              for j in 0..<words { s[j] = 0 }
              var any = false
              for w in max(0, q - wi)..<q {
                Limbs.add(s, gk + w * words, words)
              }
              for j in 0..<words where s[j] != 0 { any = true }
              if any {
                let count = BigInt(BigUInt(words: (0..<words).map { UInt(s[$0]) }))
                numerator += count * factorial[k] * factorial[m - k - 1]
              }
            }
          }
        }
      }
      phi[i] = Rational(numerator, factorial[m])
    }
    let total = phi.reduce(Rational(0), +)
    guard total == 1 else {
      throw .numerical("shapley-shubik", "the index sums to \(total), not 1")
    }
    return AllocationResult(
      allocations: [phi], method: "shapley-shubik",
      parameters: ["algorithm": "weight dynamic programme"])
  }

  private func checkMemory(_ cells: Int, _ words: Int, rows: Int, _ op: String)
    throws(SolverError)
  {
    let (a, o1) = cells.multipliedReportingOverflow(by: words)
    let (b, o2) = a.multipliedReportingOverflow(by: 8 * rows)
    guard !o1, !o2, b <= maxMemory else {
      throw .limitExceeded(
        op, "the count tables need \(o1 || o2 ? "more than Int.max" : "\(b)") bytes; "
          + "the limit is \(maxMemory)")
    }
  }
}

/// Unsigned multi-word integers stored in place, little-endian words.
enum Limbs {
  /// `d += s`.
  @inline(__always)
  static func add(_ d: UnsafeMutablePointer<UInt64>, _ s: UnsafePointer<UInt64>, _ n: Int) {
    var carry: UInt64 = 0
    for j in 0..<n {
      let (a, o1) = d[j].addingReportingOverflow(s[j])
      let (b, o2) = a.addingReportingOverflow(carry)
      d[j] = b
      carry = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
    }
  }

  /// `d = a − b` (the caller guarantees `a ≥ b`).
  @inline(__always)
  static func subtract(
    _ d: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
    _ n: Int
  ) {
    var borrow: UInt64 = 0
    for j in 0..<n {
      let (x, o1) = a[j].subtractingReportingOverflow(b[j])
      let (y, o2) = x.subtractingReportingOverflow(borrow)
      d[j] = y
      borrow = (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
    }
  }

  /// `g[w] = f[w] − g[w − shift]` for `w` in `0..<length` (entries of `n` words).
  static func deconvolve(
    _ g: UnsafeMutablePointer<UInt64>, _ f: UnsafePointer<UInt64>, length: Int, shift: Int,
    _ n: Int
  ) {
    for w in 0..<length {
      if w >= shift {
        subtract(g + w * n, f + w * n, g + (w - shift) * n, n)
      } else {
        for j in 0..<n { g[w * n + j] = f[w * n + j] }
      }
    }
  }
}
