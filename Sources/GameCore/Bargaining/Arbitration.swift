// SPDX-License-Identifier: GPL-3.0-or-later

/// The arbitrator's preferred award as the parties see it: a random variable with a known
/// distribution (Farber 1980; Gibbons 1992, §1.2.D).
public enum ArbitratorDistribution<S: GameScalar>: Sendable {
  /// Normal with the given mean and standard deviation (> 0). Its quantities are irrational,
  /// so results are computed in `Double`.
  case normal(mean: Double, standardDeviation: Double)
  /// Uniform on [lower, upper], lower < upper.
  case uniform(lower: S, upper: S)
  /// The distribution of past awards, smoothed by a Gaussian kernel density estimate so that
  /// it has a density (a step CDF admits no pure-strategy equilibrium in final-offer
  /// arbitration). `bandwidth` `nil` uses Silverman's (1986) rule of thumb. At least two
  /// distinct samples are needed.
  case empirical(samples: [S], bandwidth: Double? = nil)

  /// Short text for reports.
  public var summary: String {
    switch self {
    case .normal(let m, let s): return "normal(mean \(m), sd \(s))"
    case .uniform(let a, let b): return "uniform[\(a), \(b)]"
    case .empirical(let x, let h):
      return "empirical(\(x.count) samples, Gaussian kernel, bandwidth "
        + (h.map { "\($0)" } ?? "Silverman") + ")"
    }
  }
}

/// A party's attitude to risk over the award w.
///
/// The union values an award w at u(w) and the firm values paying w at g(−w). With
/// constant absolute risk aversion ρ > 0 (CARA), u(w) = (1 − e^{−ρw})/ρ and
/// g(−w) = (1 − e^{ρw})/ρ; ρ = 0 is risk neutrality.
public enum RiskAttitude: Sendable, Hashable, CustomStringConvertible {
  /// Expected-value maximiser.
  case neutral
  /// Constant absolute risk aversion with coefficient ρ > 0.
  case cara(Double)

  /// The coefficient of absolute risk aversion (zero when neutral).
  public var coefficient: Double {
    switch self {
    case .neutral: return 0
    case .cara(let r): return r
    }
  }

  public var description: String {
    switch self {
    case .neutral: return "risk-neutral"
    case .cara(let r): return "CARA(\(r))"
    }
  }
}
