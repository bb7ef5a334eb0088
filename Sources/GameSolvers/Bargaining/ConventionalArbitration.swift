// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The prospects of conventional arbitration and the contract zone it creates.
public struct ConventionalResult<S: GameScalar>: Sendable {
  /// The expected award E[x].
  public var expectedAward: S
  /// The standard deviation of the award.
  public var awardStandardDeviation: Double
  /// The union's certainty equivalent of going to arbitration: the least settlement it
  /// prefers to arbitration.
  public var unionCertaintyEquivalent: S
  /// The firm's certainty equivalent: the most it would pay to avoid arbitration.
  public var firmCertaintyEquivalent: S
  /// The contract zone's width, firm CE − union CE (the sum of the two risk premia).
  public var contractZoneWidth: S
  /// How the result was computed.
  public var method: String
  /// Whether the figures are exact.
  public var isExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// Remarks for reports.
  public var notes: [String]
}

/// Conventional arbitration: the arbitrator imposes her preferred award x, random to the
/// parties (Farber and Katz 1979; Farber 1980, §II).
///
/// Risk-averse parties prefer a sure settlement: the union accepts any w with
/// u(w) ≥ E[u(x)], the firm any w with G(w) ≥ E[G(x)], so every w in the contract zone
/// [CE_union, CE_firm] beats arbitration for both. With CARA coefficients ρ these are
/// CE_union = −(1/ρ_u) log E[e^{−ρ_u x}] and CE_firm = (1/ρ_f) log E[e^{ρ_f x}], computed from
/// closed-form moment generating functions: normal μ ∓ ρσ²/2; uniform
/// log((e^{tb} − e^{ta})/(t(b − a)))/t; for an empirical distribution its Gaussian kernel
/// estimate (a mixture of normals). Risk-neutral parties have an empty zone (both CEs are
/// the mean), which is exact for uniform and empirical inputs.
/// - Complexity: O(N) for N samples, O(1) otherwise.
public struct ConventionalArbitration: Sendable {
  public init() {}

  /// The expected award, its spread and the contract zone.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for a bad distribution or a negative
  ///   risk-aversion coefficient.
  public func solve<S: GameScalar>(
    _ distribution: ArbitratorDistribution<S>, union: RiskAttitude = .neutral,
    firm: RiskAttitude = .neutral
  ) throws(SolverError) -> ConventionalResult<S> {
    let op = "conventional"
    for r in [union, firm] where !(r.coefficient >= 0 && r.coefficient.isFinite) {
      throw .invalidArgument(op, "risk-aversion coefficients must be finite and non-negative")
    }
    let dist = try DistributionNumerics(distribution, operation: op)
    let exactMean: S?
    switch distribution {
    case .normal: exactMean = nil
    case .uniform(let a, let b): exactMean = (a + b) / S.of(2)
    case .empirical(let x, _): exactMean = x.reduce(S.zero, +) / S.of(x.count)
    }
    let mean = exactMean ?? S(Rational(dist.mean))
    let ru = union.coefficient
    let rf = firm.coefficient
    let ceU = ru == 0 ? mean : S(Rational(-dist.logMGF(-ru) / ru))
    let ceF = rf == 0 ? mean : S(Rational(dist.logMGF(rf) / rf))
    let exact = S.isExact && exactMean != nil && ru == 0 && rf == 0
    return ConventionalResult(
      expectedAward: mean, awardStandardDeviation: dist.standardDeviation,
      unionCertaintyEquivalent: ceU, firmCertaintyEquivalent: ceF,
      contractZoneWidth: ceF - ceU,
      method: "certainty equivalents from moment generating functions", isExact: exact,
      parameters: [
        "distribution": distribution.summary, "union": union.description,
        "firm": firm.description,
      ], status: .complete, notes: [])
  }
}

/// Final-offer and conventional arbitration side by side (Farber 1980): the expected award,
/// its spread, the gap between final offers and the conventional contract zone.
public struct ArbitrationComparison<S: GameScalar>: Sendable {
  /// The final-offer equilibrium.
  public var finalOffer: FinalOfferResult<S>
  /// The conventional-arbitration prospects.
  public var conventional: ConventionalResult<S>

  /// Computes both for the same distribution and attitudes.
  public static func compare(
    _ distribution: ArbitratorDistribution<S>, union: RiskAttitude = .neutral,
    firm: RiskAttitude = .neutral
  ) throws(SolverError) -> ArbitrationComparison<S> {
    ArbitrationComparison(
      finalOffer: try FinalOfferArbitration().solve(distribution, union: union, firm: firm),
      conventional: try ConventionalArbitration().solve(distribution, union: union, firm: firm))
  }
}
