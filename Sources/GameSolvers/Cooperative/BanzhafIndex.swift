// SPDX-License-Identifier: GPL-3.0-or-later

import BigInt
public import GameCore

/// The Banzhaf index (Banzhaf 1965; Penrose 1946) of a simple game, or the Banzhaf value of
/// a TU game, by enumeration.
///
/// Steps (Felsenthal and Machover, *The Measurement of Voting Power*, 1998, §3.2):
/// 1. For each player `i` and coalition `S ∌ i`, add the marginal contribution
///    `v(S∪{i}) − v(S)`; in a simple game this counts `i`'s swings `ηᵢ`.
/// 2. Report, as asked: the swing counts `ηᵢ` (``Normalization/swings``), the absolute index
///    `β′ᵢ = ηᵢ / 2ⁿ⁻¹` (``Normalization/absolute``, the Banzhaf value of a TU game), or the
///    normalised index `βᵢ = ηᵢ / Σⱼ ηⱼ` (``Normalization/normalized``).
/// 3. Verify that the normalised index sums to 1.
///
/// - Complexity: O(n · 2ⁿ).
public struct BanzhafIndex: Sendable {
  /// Which form of the index to report.
  public enum Normalization: String, Sendable, Hashable, CaseIterable {
    /// The number of swings (raw counts).
    case swings
    /// `ηᵢ / 2ⁿ⁻¹`: the probability of being decisive (Penrose–Banzhaf measure).
    case absolute
    /// `ηᵢ / Σ η`: shares summing to 1.
    case normalized
  }

  /// The form reported.
  public var normalization: Normalization

  public init(normalization: Normalization = .normalized) {
    self.normalization = normalization
  }

  /// The index of `game` (any TU game; swings are integers only for simple games).
  ///
  /// - Throws: ``SolverError`` when no player ever swings (normalised form), or when
  ///   cancelled.
  public func solve<S: GameScalar>(
    _ game: CoalitionalGame<S>, control: SolverControl = .none
  ) throws(SolverError) -> AllocationResult<S> {
    let n = game.playerCount
    var raw = [S](repeating: .zero, count: n)
    for i in 0..<n {
      if let stop = control.stopReason() { throw .cancelled("banzhaf (\(stop))") }
      let bit = 1 << i
      for m in 0...game.grandMask where m & bit == 0 {
        raw[i] += game[m | bit] - game[m]
      }
    }
    if game.isSimple() {
      let swings = raw.map { BigInt($0.rationalValue.numerator) }
      let r = try Self.result(
        swings: swings, playerCount: n, normalization: normalization, algorithm: "enumeration")
      return r.converted(to: S.self)
    }
    let half = S(Rational(BigInt(1) << (n - 1)))
    let values: [S]
    switch normalization {
    case .swings, .absolute: values = raw.map { $0 * half.reciprocal! }
    case .normalized:
      let total = raw.reduce(S.zero, +)
      guard total != .zero else {
        throw .unsupportedGame("banzhaf", "no player has a positive marginal contribution")
      }
      values = raw.map { $0 * total.reciprocal! }
    }
    return AllocationResult(
      allocations: [values], method: "banzhaf",
      parameters: ["algorithm": "enumeration", "normalization": normalization == .normalized
        ? "normalized" : "absolute"],
      notes: normalization == .swings
        ? ["not a simple game: the absolute Banzhaf value is reported"] : [])
  }

  /// The result for swing counts `swings` of an `n`-player simple game.
  static func result(
    swings: [BigInt], playerCount n: Int, normalization: Normalization, algorithm: String
  ) throws(SolverError) -> AllocationResult<Rational> {
    let total = swings.reduce(BigInt(0), +)
    guard total > 0 else {
      throw .unsupportedGame("banzhaf", "no player is ever decisive")
    }
    // Fractions of machine integers skip the BigInt gcd.
    func fraction(_ a: BigInt, _ b: BigInt) -> Rational {
      if let x = Int(exactly: a), let y = Int(exactly: b) { return Rational(x, y) }
      return Rational(a, b)
    }
    let values: [Rational]
    switch normalization {
    case .swings: values = swings.map { Rational($0) }
    case .absolute: values = swings.map { fraction($0, BigInt(1) << (n - 1)) }
    case .normalized: values = swings.map { fraction($0, total) }
    }
    if normalization == .normalized {
      let sum = values.reduce(Rational(0), +)
      guard sum == 1 else { throw .numerical("banzhaf", "the index sums to \(sum), not 1") }
    }
    return AllocationResult(
      allocations: [values], method: "banzhaf",
      parameters: ["algorithm": algorithm, "normalization": normalization.rawValue],
      scalar: Rational(total), scalarName: "total swings",
      counts: swings.map { $0.description })
  }
}
