// SPDX-License-Identifier: GPL-3.0-or-later

/// The summary of a sample of numbers: mean, a 95% confidence interval of the mean, and the
/// 5%, 50% and 95% quantiles.
///
/// Steps:
/// 1. The mean and the sample variance are accumulated by Welford's method (Knuth, *The Art
///    of Computer Programming*, vol. 2, 3rd ed., section 4.2.2), stable for large samples.
/// 2. The 95% confidence interval of the mean is the normal approximation
///    mean ± 1.96 · s / √n (s the sample standard deviation, n − 1 in its denominator;
///    central limit theorem, so it is approximate for small n and heavy tails; a zero-width
///    interval for n = 1).
/// 3. The p-quantile is the nearest-rank one: the ⌈p·n⌉-th smallest value (Hyndman and Fan,
///    "Sample quantiles in statistical packages", Am. Statistician 50(4), 1996, definition
///    1), so every quantile is one of the values sampled.
public struct SampleSummary: Sendable, Hashable {
  /// The number of values.
  public var count: Int
  public var mean: Double
  /// The sample standard deviation (0 for one value).
  public var standardDeviation: Double
  /// The 95% confidence interval of the mean (normal approximation).
  public var meanInterval: ClosedRange<Double>
  /// The 5%, 50% and 95% quantiles.
  public var q05: Double
  public var median: Double
  public var q95: Double

  /// The standard normal's 97.5% quantile, for the 95% interval.
  public static let z975 = 1.959_963_984_540_054

  /// Summarises `values` (at least one).
  ///
  /// - Complexity: O(n log n) (a sort for the quantiles).
  public init(_ values: [Double]) {
    precondition(!values.isEmpty, "SampleSummary: no values")
    var mean = 0.0
    var m2 = 0.0
    for (k, x) in values.enumerated() {
      let delta = x - mean
      mean += delta / Double(k + 1)
      m2 += delta * (x - mean)
    }
    let n = values.count
    let sd = n > 1 ? (m2 / Double(n - 1)).squareRoot() : 0
    let half = Self.z975 * sd / Double(n).squareRoot()
    let sorted = values.sorted()
    func quantile(_ p: Double) -> Double {
      let rank = Int((p * Double(n)).rounded(.up))
      return sorted[min(max(rank, 1), n) - 1]
    }
    self.count = n
    self.mean = mean
    self.standardDeviation = sd
    self.meanInterval = (mean - half)...(mean + half)
    self.q05 = quantile(0.05)
    self.median = quantile(0.5)
    self.q95 = quantile(0.95)
  }

  /// The standard error of the mean, s / √n.
  public var standardError: Double { standardDeviation / Double(count).squareRoot() }
}
