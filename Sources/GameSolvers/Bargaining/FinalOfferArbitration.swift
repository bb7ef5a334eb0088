// SPDX-License-Identifier: GPL-3.0-or-later

import GSLSupport
import GameCore
import RealModule

/// The equilibrium of a final-offer arbitration game.
public struct FinalOfferResult<S: GameScalar>: Sendable {
  /// The firm's offer w_f (the lower one).
  public var firmOffer: S
  /// The union's offer w_u.
  public var unionOffer: S
  /// w_u − w_f.
  public var gap: S
  /// The probability that the arbitrator picks the firm's offer, F((w_f + w_u)/2).
  public var firmOfferProbability: S
  /// The expected award w_f·F + w_u·(1 − F).
  public var expectedAward: S
  /// The standard deviation of the award, (w_u − w_f)·√(F(1 − F)).
  public var awardStandardDeviation: Double
  /// How the equilibrium was found.
  public var method: String
  /// Whether the offers are exact.
  public var isExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// Remarks for reports.
  public var notes: [String]
}

/// Final-offer arbitration: the firm and the union each submit an offer and the arbitrator
/// imposes the one closer to her preferred award x, which the parties see as random with
/// CDF F (Farber 1980; Gibbons 1992, §1.2.D).
///
/// With offers w_f < w_u the firm's offer wins when x < m = (w_f + w_u)/2, so the expected
/// award is w_f F(m) + w_u (1 − F(m)). Steps:
/// - Risk-neutral parties (Gibbons 1992, §1.2.D): the first-order conditions
///   F(m) = (w_u − w_f) f(m)/2 = 1 − F(m) give m = the median and w_u − w_f = 1/f(median).
///   Normal N(μ, σ²): offers μ ∓ σ√(π/2), gap σ√(2π). Uniform [a, b]: offers a and b,
///   exact. Empirical: a Gaussian kernel density estimate of the samples (Silverman's
///   bandwidth unless one is given); the median by GSL's Brent root finder.
/// - Risk-averse parties with CARA utilities (Farber 1980, §III): the union's condition
///   (1 − F) u′(w_u) = (f/2)(u(w_u) − u(w_f)) and the firm's F·G′(w_f) = (f/2)(G(w_u) − G(w_f))
///   are solved together by GSL's hybrid method from the risk-neutral offers. A more
///   risk-averse party moderates its offer.
/// - Verification: each offer is a best reply to the other, checked against a fine grid of
///   alternative offers over the whole relevant range (expected utility may not improve by
///   more than 1e-9).
/// - Complexity: O(k) distribution evaluations for k grid points (k = 4001), times the
///   sample count for an empirical distribution.
public struct FinalOfferArbitration: Sendable {
  public init() {}

  /// The equilibrium offers.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for a bad distribution or a negative
  ///   risk-aversion coefficient, ``SolverError/numerical(_:_:)`` when the first-order
  ///   conditions have no solution or their solution is not an equilibrium (possible for a
  ///   strongly multimodal empirical distribution).
  public func solve<S: GameScalar>(
    _ distribution: ArbitratorDistribution<S>, union: RiskAttitude = .neutral,
    firm: RiskAttitude = .neutral
  ) throws(SolverError) -> FinalOfferResult<S> {
    let op = "final-offer"
    for r in [union, firm] where !(r.coefficient >= 0 && r.coefficient.isFinite) {
      throw .invalidArgument(op, "risk-aversion coefficients must be finite and non-negative")
    }
    let dist = try DistributionNumerics(distribution, operation: op)
    let params = [
      "distribution": distribution.summary, "union": union.description,
      "firm": firm.description,
    ]
    let median = try dist.median()
    let f0 = dist.pdf(median)
    guard f0 > 0 else { throw .numerical(op, "the density vanishes at the median") }
    var wf = median - 1 / (2 * f0)
    var wu = median + 1 / (2 * f0)
    let neutral = union.coefficient == 0 && firm.coefficient == 0
    let u = CARA(rho: union.coefficient, origin: median)
    let g = CARA(rho: firm.coefficient, origin: median)
    var method = "risk-neutral first-order conditions (median, gap 1/f(median))"
    if !neutral {
      let root: [Double]
      do {
        root = try MultiRootFinder.hybrid(guess: [wf, wu]) { w in
          let m = (w[0] + w[1]) / 2
          let F = dist.cdf(m)
          let f = dist.pdf(m)
          return [
            F * g.firmSlope(w[0]) - f / 2 * (g.firm(w[1]) - g.firm(w[0])),
            (1 - F) * u.unionSlope(w[1]) - f / 2 * (u.union(w[1]) - u.union(w[0])),
          ]
        }
      } catch {
        throw .numerical(op, "the risk-averse first-order conditions did not converge: \(error)")
      }
      (wf, wu) = (root[0], root[1])
      method = "CARA first-order conditions, GSL hybrid solver"
    }
    guard wf < wu else { throw .numerical(op, "the offers cross (\(wf) ≥ \(wu))") }
    try verify(dist: dist, wf: wf, wu: wu, u: u, g: g, op: op)
    let m = (wf + wu) / 2
    let F = dist.cdf(m)
    let sd = (wu - wf) * (F * (1 - F)).squareRoot()
    if neutral, case .uniform(let a, let b) = distribution {
      let half = S(Rational(1, 2))
      return FinalOfferResult(
        firmOffer: a, unionOffer: b, gap: b - a, firmOfferProbability: half,
        expectedAward: (a + b) * half, awardStandardDeviation: sd,
        method: "uniform: offers at the ends of the support (exact)", isExact: S.isExact,
        parameters: params, status: .complete, notes: ["verified: each offer a best reply"])
    }
    return FinalOfferResult(
      firmOffer: S(Rational(wf)), unionOffer: S(Rational(wu)), gap: S(Rational(wu - wf)),
      firmOfferProbability: S(Rational(F)), expectedAward: S(Rational(wf * F + wu * (1 - F))),
      awardStandardDeviation: sd, method: method, isExact: false, parameters: params,
      status: .complete, notes: ["verified: each offer a best reply (grid of 4001 offers)"])
  }

  private func verify(
    dist: DistributionNumerics, wf: Double, wu: Double, u: CARA, g: CARA, op: String
  ) throws(SolverError) {
    let range = dist.support
    func firmEU(_ w: Double) -> Double {
      let F = dist.cdf((w + wu) / 2)
      return F * g.firm(w) + (1 - F) * g.firm(wu)
    }
    func unionEU(_ w: Double) -> Double {
      let F = dist.cdf((wf + w) / 2)
      return F * u.union(wf) + (1 - F) * u.union(w)
    }
    let k = 4000
    let firmLow = 2 * range.lowerBound - wu
    let unionHigh = 2 * range.upperBound - wf
    let bestFirm = firmEU(wf)
    let bestUnion = unionEU(wu)
    for s in 0...k {
      let t = Double(s) / Double(k)
      let a = firmLow + t * (wu - firmLow)
      let b = wf + t * (unionHigh - wf)
      if firmEU(a) > bestFirm + 1e-9 * (1 + abs(bestFirm)) {
        throw .numerical(op, "the firm's offer \(wf) is not a best reply (offer \(a) is better)")
      }
      if unionEU(b) > bestUnion + 1e-9 * (1 + abs(bestUnion)) {
        throw .numerical(op, "the union's offer \(wu) is not a best reply (offer \(b) is better)")
      }
    }
  }
}
