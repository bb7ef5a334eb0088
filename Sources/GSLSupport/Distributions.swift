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
