// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
import Foundation
import Synchronization
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
/// 4. Counts are exact multi-word integers (`⌈(m+1)/64⌉` words each, and for size `k` only
///    the words `C(m, k)` needs); players of equal weight share one deconvolution. The final
///    fractions are exact rationals. Verify `Σ φᵢ = 1` and `Σ ηᵢ > 0`.
///
/// Games with several layers (vetoes as a second layer) go through enumeration of the
/// characteristic function, so at most ``CoalitionalGame/maxPlayers`` players.
/// - Complexity: Banzhaf O((n + d)·q·W) word operations, Shapley–Shubik O(n·(n + d)·q·P),
///   for `d` distinct weights, `W = ⌈(m+1)/64⌉` words per count and `P ≈ log₂ C(m, m/2)/61`
///   primes; memory O(q·W) words, respectively O(n·q) words per core (one prime's table
///   each, the primes processed in parallel).
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
      // Lightest first: after t players the counts are below 2^t (t/64 + 1 words) and
      // non-zero only up to the weight of those players.
      var reach = 0
      for (t, i) in active.sorted(by: { layer.weights[$0] < layer.weights[$1] }).enumerated() {
        if let stop = control.stopReason() { throw .cancelled("banzhaf (\(stop))") }
        let wi = layer.weights[i]
        if wi >= q { continue }
        let n = min(words, (t + 1) / 64 + 1)
        for w in stride(from: min(q - 1 - wi, reach), through: 0, by: -1) {
          Limbs.add(f + (w + wi) * words, f + w * words, n)
        }
        reach = min(q - 1, reach + wi)
      }
    }
    var swings = [BigInt](repeating: 0, count: n)
    var g = [UInt64](repeating: 0, count: q * words)
    var sum = [UInt64](repeating: 0, count: words)
    var done: [Int: BigInt] = [:]
    for i in active {
      if let stop = control.stopReason() { throw .cancelled("banzhaf (\(stop))") }
      let wi = layer.weights[i]
      if let known = done[wi] { swings[i] = known; continue }
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
      done[wi] = swings[i]
    }
    return try BanzhafIndex.result(
      swings: swings, playerCount: n, normalization: normalization,
      algorithm: "weight dynamic programme")
  }

  /// The Shapley–Shubik index.
  ///
  /// Counts are kept modulo primes just below 2⁶² (a residue number system). Each prime is a
  /// separate pass over its own table of `(m + 1) · q` words: the table is built, every
  /// distinct weight is deconvolved out of it row by row (two rows of scratch), and only the
  /// window sums per size are kept; the passes run in parallel on the machine's cores, so
  /// memory is one table per core rather than one per prime. The window sums are rebuilt
  /// exactly by the Chinese remainder theorem.
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
    // Row k needs enough primes for C(m, k); it feeds rows k+1, k+2, …, so it is kept in as
    // many planes as any later row needs (`kept` does not increase with k).
    let planesFor = (0...m).map { k in Self.bitsForBinomial(m, k) / 61 + 1 }
    var kept = planesFor
    for k in stride(from: m - 1, through: 0, by: -1) { kept[k] = max(kept[k], kept[k + 1]) }
    let planes = planesFor.max()!
    let primes = Self.primes(count: planes)
    // Plane j needs rows 0..<rows[j] (the rows whose `kept` exceeds j).
    let rows = (0..<planes).map { j in kept.prefix { $0 > j }.count }
    let workers = planes == 1 ? 1 : max(1, min(planes, Self.processorCount))
    try checkMemory(q * (rows.first ?? 1) + 2 * q, workers, rows: 1, "shapley-shubik")
    // Row k can be non-zero only between the weights of the k lightest and the k heaviest
    // players (capped at q − 1): lo[k]...hi[k].
    let sorted = active.map { layer.weights[$0] }.sorted()
    var lo = [Int](repeating: 0, count: m + 1), hi = lo
    for k in 1...max(m, 1) where k <= m {
      lo[k] = min(q, lo[k - 1] + sorted[k - 1])
      hi[k] = min(q - 1, hi[k - 1] + sorted[m - k])
    }
    // Players of equal weight have equal counts: one deconvolution per distinct weight.
    let classes = Array(Set(active.map { layer.weights[$0] })).sorted()
    // sums[j][c][k]: plane j's residue of the window sum of size k for weight class c.
    let sums = Mutex([[[UInt64]]](repeating: [], count: planes))
    let failure = Mutex<SolverError?>(nil)
    // Lightest first: after the t lightest players, row k is non-zero only up to the weight
    // of the k heaviest of them, which keeps the early passes narrow.
    let weights = sorted
    let (keptRows, loRows, hiRows) = (kept, lo, hi)
    // One plane (up to about 60 players) runs on the calling thread: no dispatch.
    @Sendable func pass(_ j: Int) {
      if failure.withLock({ $0 != nil }) { return }
      if let stop = control.stopReason() {
        failure.withLock { $0 = $0 ?? .cancelled("shapley-shubik (\(stop))") }
        return
      }
      let plane = Self.shapleyShubikPlane(
        prime: primes[j], plane: j, rows: rows[j], quota: q, weights: weights,
        classes: classes, kept: keptRows, planesFor: planesFor, lo: loRows, hi: hiRows,
        control: control)
      switch plane {
      case .success(let s): sums.withLock { $0[j] = s }
      case .failure(let e): failure.withLock { $0 = $0 ?? e }
      }
    }
    if planes == 1 {
      pass(0)
    } else {
      DispatchQueue.concurrentPerform(iterations: planes) { pass($0) }
    }
    if let e = failure.withLock({ $0 }) { throw e }
    let table = sums.withLock { $0 }
    // k!(m−k−1)! for k in 0..<m, and m!.
    var factorial = [BigInt](repeating: 1, count: m + 1)
    for k in stride(from: 1, through: m, by: 1) { factorial[k] = factorial[k - 1] * BigInt(k) }
    // A count below one prime is its own residue; CRT only for the rows needing more.
    let crt = planes == 1 ? [] : (1...planes).map { Residues.CRT(primes: Array(primes.prefix($0))) }
    var byWeight: [Int: Rational] = [:]
    // Up to 20 players m! fits a machine word, and so does every numerator (at most m!).
    var small: [UInt64]? = nil
    if planes == 1, let total = UInt64(exactly: factorial[m]) {
      small = (0..<m).map { k in UInt64(factorial[k] * factorial[m - k - 1]) }
      for (c, wi) in classes.enumerated() {
        var numerator: UInt64 = 0
        for k in 0..<m where table[0][c][k] != 0 {
          let (t, o1) = table[0][c][k].multipliedReportingOverflow(by: small![k])
          let (u, o2) = numerator.addingReportingOverflow(t)
          if o1 || o2 { small = nil; break }
          numerator = u
        }
        guard small != nil else { break }
        byWeight[wi] = Rational(Int(numerator), Int(total))
      }
    }
    for (c, wi) in classes.enumerated() where small == nil {
      var numerator = BigInt(0)
      for k in 0..<m {
        let used = planesFor[k]
        if used == 1 {
          let r = table[0][c][k]
          if r != 0 { numerator += BigInt(r) * factorial[k] * factorial[m - k - 1] }
          continue
        }
        let residues = (0..<used).map { table[$0][c][k] }
        if residues.contains(where: { $0 != 0 }) {
          numerator += crt[used - 1].value(residues) * factorial[k] * factorial[m - k - 1]
        }
      }
      // Small fractions (m ≤ 20) skip the BigInt gcd.
      if let a = Int(exactly: numerator), let b = Int(exactly: factorial[m]) {
        byWeight[wi] = Rational(a, b)
      } else {
        byWeight[wi] = Rational(numerator, factorial[m])
      }
    }
    var phi = [Rational](repeating: 0, count: n)
    for i in active { phi[i] = byWeight[layer.weights[i]]! }
    let total = phi.reduce(Rational(0), +)
    guard total == 1 else {
      throw .numerical("shapley-shubik", "the index sums to \(total), not 1")
    }
    return AllocationResult(
      allocations: [phi], method: "shapley-shubik",
      parameters: ["algorithm": "weight dynamic programme"])
  }

  /// One prime's pass of ``shapleyShubik(_:control:)`` over `weights` sorted ascending:
  /// builds `f[k][w]` (coalitions of
  /// size `k` and weight `w < q`, modulo `prime`) for rows `0..<rows`, then for each weight
  /// class removes one player of that weight (`g[k][w] = f[k][w] − g[k−1][w − wᵢ]`, two
  /// rolling rows) and returns the window sums `Σ_{q−wᵢ ≤ w < q} g[k][w]` for every row
  /// `k` that needs this plane (`planesFor[k] > plane`), indexed `[class][k]`.
  private static func shapleyShubikPlane(
    prime p: UInt64, plane j: Int, rows: Int, quota q: Int, weights: [Int], classes: [Int],
    kept: [Int], planesFor: [Int], lo: [Int], hi: [Int], control: SolverControl
  ) -> Result<[[UInt64]], SolverError> {
    let m = weights.count
    var out = [[UInt64]](repeating: [UInt64](repeating: 0, count: m), count: classes.count)
    guard rows > 0 else { return .success(out) }
    var f = [UInt64](repeating: 0, count: rows * q)
    var scratch = [UInt64](repeating: 0, count: 2 * q)
    f[0] = 1
    // prefix[t]: the weight of the t lightest players (`weights` is sorted ascending).
    var prefix = [Int](repeating: 0, count: m + 1)
    for t in 0..<m { prefix[t + 1] = prefix[t] + weights[t] }
    let cancelled: SolverError? = f.withUnsafeMutableBufferPointer { fp in
      let f = fp.baseAddress!
      for (t, wi) in weights.enumerated() {
        if let stop = control.stopReason() { return .cancelled("shapley-shubik (\(stop))") }
        if wi >= q { continue }
        for k in stride(from: min(t, rows - 2), through: 0, by: -1) where kept[k + 1] > j {
          // Row k's non-zero entries w lie between the k lightest (lo[k]) and the k heaviest
          // of the t players added so far; they move to w + wᵢ < q.
          let first = lo[k], last = min(hi[k], prefix[t] - prefix[t - k], q - 1 - wi)
          if first > last { continue }
          Residues.addShifted(
            f + (k + 1) * q + wi + first, f + k * q + first, count: last - first + 1, modulus: p)
        }
      }
      return nil
    }
    if let cancelled { return .failure(cancelled) }
    f.withUnsafeBufferPointer { fp in
      scratch.withUnsafeMutableBufferPointer { sp in
        let f = fp.baseAddress!
        for (c, wi) in classes.enumerated() {
          var previous = sp.baseAddress!, current = sp.baseAddress! + q
          for k in 0..<min(rows, m) {
            let fk = f + k * q
            let first = lo[k], last = hi[k]
            if first > last { continue }
            current.advanced(by: first).update(from: fk + first, count: last - first + 1)
            if k > 0 {
              let a = max(first, lo[k - 1] + wi), b = min(last, hi[k - 1] + wi)
              if a <= b {
                Residues.subtractShifted(
                  current + a, current + a, previous + (a - wi), count: b - a + 1, modulus: p)
              }
            }
            if planesFor[k] > j, max(q - wi, first) <= last {
              var s: UInt64 = 0
              for w in max(q - wi, first)...last {
                s &+= current[w]
                if s >= p { s &-= p }
              }
              out[c][k] = s
            }
            swap(&previous, &current)
          }
        }
      }
    }
    return .success(out)
  }

  /// Bits enough for `C(m, k)` (two bits of margin over the `lgamma` estimate).
  static func bitsForBinomial(_ m: Int, _ k: Int) -> Int {
    guard k > 0 && k < m else { return 2 }
    let ln = lgamma(Double(m + 1)) - lgamma(Double(k + 1)) - lgamma(Double(m - k + 1))
    return Int((ln / log(2.0)).rounded(.up)) + 2
  }

  /// The machine's active cores, read once.
  static let processorCount = ProcessInfo.processInfo.activeProcessorCount

  /// The 64 largest primes below 2⁶², found once (enough for about 3,900 players).
  static let knownPrimes = searchPrimes(count: 64)

  /// The `count` largest primes below 2⁶², in decreasing order.
  static func primes(count: Int) -> [UInt64] {
    count <= knownPrimes.count ? Array(knownPrimes.prefix(count)) : searchPrimes(count: count)
  }

  /// The `count` largest primes below 2⁶² (deterministic Miller–Rabin, ``isPrime(_:)``).
  static func searchPrimes(count: Int) -> [UInt64] {
    var out: [UInt64] = []
    var c: UInt64 = (1 << 62) - 1
    while out.count < count {
      if isPrime(c) { out.append(c) }
      c -= 2
    }
    return out
  }

  /// Whether `n` is prime: Miller–Rabin with the first twelve primes as bases, which is
  /// deterministic for every `n < 3.3 · 10²⁴` (Sorenson and Webster 2015), so for all of
  /// `UInt64`. O(log n) multiplications of 128-bit products per base.
  static func isPrime(_ n: UInt64) -> Bool {
    let bases: [UInt64] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
    if n < 2 { return false }
    for b in bases where n % b == 0 { return n == b }
    var d = n - 1, s = 0
    while d & 1 == 0 { d >>= 1; s += 1 }
    func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
      n.dividingFullWidth(a.multipliedFullWidth(by: b)).remainder
    }
    func powmod(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
      var result: UInt64 = 1, b = base % n, e = exponent
      while e > 0 {
        if e & 1 == 1 { result = mulmod(result, b) }
        b = mulmod(b, b)
        e >>= 1
      }
      return result
    }
    witnesses: for a in bases {
      var x = powmod(a, d)
      if x == 1 || x == n - 1 { continue }
      for _ in 0..<max(0, s - 1) {
        x = mulmod(x, x)
        if x == n - 1 { continue witnesses }
      }
      return false
    }
    return true
  }

  private func checkMemory(_ cells: Int, _ words: Int, rows: Int, _ op: String)
    throws(SolverError)
  {
    let (a, o1) = cells.multipliedReportingOverflow(by: words)
    let (b, o2) = a.multipliedReportingOverflow(by: 8 * rows)
    guard !o1, !o2, b <= maxMemory else {
      throw .limitExceeded(
        op, "the count tables need \(o1 || o2 ? "more than Int.max" : "\(b)") bytes; "
          + "the limit is \(maxMemory) (a Monte Carlo estimate, shapley-mc, has no such limit)")
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

/// Arithmetic on residues modulo primes below 2⁶² (so sums of two never overflow).
enum Residues {
  /// `to[w] = (to[w] + from[w]) mod p` for `w` in `0..<count` (non-overlapping rows).
  @inline(__always)
  static func addShifted(
    _ to: UnsafeMutablePointer<UInt64>, _ from: UnsafePointer<UInt64>, count: Int,
    modulus p: UInt64
  ) {
    for w in 0..<count {
      let s = to[w] &+ from[w]
      to[w] = s >= p ? s &- p : s
    }
  }

  /// `d[w] = (a[w] − b[w]) mod p` for `w` in `0..<count` (`d` may be `a`'s row only if
  /// `b` is another row).
  @inline(__always)
  static func subtractShifted(
    _ d: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
    count: Int, modulus p: UInt64
  ) {
    for w in 0..<count {
      let x = a[w], y = b[w]
      d[w] = x >= y ? x &- y : x &+ p &- y
    }
  }

  /// Reconstruction of an integer below `Π pⱼ` from its residues (Chinese remainder
  /// theorem, Garner's form with precomputed `Mⱼ · (Mⱼ⁻¹ mod pⱼ)`).
  struct CRT {
    let modulus: BigInt
    let coefficients: [BigInt]

    init(primes: [UInt64]) {
      let product = primes.reduce(BigInt(1)) { $0 * BigInt($1) }
      modulus = product
      coefficients = primes.map { p in
        let m = product / BigInt(p)
        let inverse = (m % BigInt(p)).inverse(BigInt(p))!
        return m * inverse
      }
    }

    func value(_ residues: [UInt64]) -> BigInt {
      var x = BigInt(0)
      for (r, c) in zip(residues, coefficients) where r != 0 { x += BigInt(r) * c }
      return x % modulus
    }
  }
}
