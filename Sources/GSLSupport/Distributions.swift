// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// The normal (Gaussian) distribution through GSL's `gsl_cdf` and `gsl_randist` functions.
public enum NormalDistribution {
  /// The density at `x` of N(mean, sd²). The corresponding GSL function is
  /// `gsl_ran_gaussian_pdf`.
  public static func density(_ x: Double, mean: Double = 0, standardDeviation sd: Double = 1)
    -> Double
  {
    precondition(sd > 0)
    GSL.ensureInitialized()
    return gsl_ran_gaussian_pdf(x - mean, sd)
  }

  /// P(X ≤ x) for X ~ N(mean, sd²). The corresponding GSL function is `gsl_cdf_gaussian_P`.
  public static func cdf(_ x: Double, mean: Double = 0, standardDeviation sd: Double = 1)
    -> Double
  {
    precondition(sd > 0)
    GSL.ensureInitialized()
    return gsl_cdf_gaussian_P(x - mean, sd)
  }

  /// The p-quantile of N(mean, sd²), for 0 < p < 1. The corresponding GSL function is
  /// `gsl_cdf_gaussian_Pinv`.
  /// - Throws: ``GSLError/domain`` when p is outside (0, 1).
  public static func quantile(_ p: Double, mean: Double = 0, standardDeviation sd: Double = 1)
    throws(GSLError) -> Double
  {
    precondition(sd > 0)
    guard p > 0, p < 1 else { throw .domain }
    GSL.ensureInitialized()
    return mean + gsl_cdf_gaussian_Pinv(p, sd)
  }
}

/// Samplers for the distributions model parameters may follow, driven by a ``RandomSource``
/// (GSL's mt19937). Each consumes the generator's outputs in a fixed way, so a seeded source
/// gives the same draws on every machine with the same GSL and a correctly rounded libm.
extension RandomSource {
  /// A draw from the uniform distribution on [low, high) (`gsl_ran_flat`).
  public func flat(low: Double, high: Double) -> Double {
    precondition(low < high, "flat: low \(low) is not below high \(high)")
    return gsl_ran_flat(rng, low, high)
  }

  /// A draw from N(mean, sd²): `mean + gsl_ran_gaussian(sd)` (GSL's Box–Muller polar
  /// method, which consumes a variable number of uniforms).
  public func gaussian(mean: Double = 0, standardDeviation sd: Double) -> Double {
    precondition(sd > 0, "gaussian: the standard deviation must be positive")
    return mean + gsl_ran_gaussian(rng, sd)
  }

  /// A draw from the triangular distribution on [low, high] with mode `mode`, by the
  /// inverse of its distribution function (Kotz and van Dorp, *Beyond Beta*, 2004,
  /// section 1.2): with u uniform on [0, 1) (`gsl_rng_uniform`) and c = (m − a)/(b − a),
  /// x = a + √(u (b − a)(m − a)) when u < c, else x = b − √((1 − u)(b − a)(b − m)).
  /// One uniform per draw.
  public func triangular(low a: Double, mode m: Double, high b: Double) -> Double {
    precondition(a < b && a <= m && m <= b, "triangular: need low ≤ mode ≤ high, low < high")
    let u = gsl_rng_uniform(rng)
    let c = (m - a) / (b - a)
    if u < c { return a + ((u * (b - a) * (m - a))).squareRoot() }
    return b - ((1 - u) * (b - a) * (b - m)).squareRoot()
  }

  /// A draw from the log-uniform distribution on [low, high] (0 < low < high): the
  /// exponential of a draw uniform on [log low, log high) (`gsl_ran_flat`).
  public func logUniform(low: Double, high: Double) -> Double {
    precondition(0 < low && low < high, "logUniform: need 0 < low < high")
    return exp(gsl_ran_flat(rng, log(low), log(high)))
  }
}
