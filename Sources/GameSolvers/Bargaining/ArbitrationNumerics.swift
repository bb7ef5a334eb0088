// SPDX-License-Identifier: GPL-3.0-or-later

import GSLSupport
import GameCore
import RealModule

/// Floating-point quantities of an ``ArbitratorDistribution`` (GSL for the normal family).
struct DistributionNumerics {
  enum Kind {
    case normal(Double, Double)
    case uniform(Double, Double)
    /// Gaussian kernel density estimate: samples and bandwidth.
    case kernel([Double], Double)
  }
  let kind: Kind

  init<S: GameScalar>(_ d: ArbitratorDistribution<S>, operation op: String) throws(SolverError) {
    switch d {
    case .normal(let m, let s):
      guard s > 0, m.isFinite, s.isFinite else {
        throw .invalidArgument(op, "the normal distribution needs a finite mean and sd > 0")
      }
      kind = .normal(m, s)
    case .uniform(let a, let b):
      guard a < b else {
        throw .invalidArgument(op, "the uniform distribution needs lower < upper")
      }
      kind = .uniform(a.doubleValue, b.doubleValue)
    case .empirical(let samples, let bandwidth):
      let x = samples.map(\.doubleValue).sorted()
      guard x.count >= 2, x.first! < x.last! else {
        throw .invalidArgument(op, "at least two distinct samples are needed")
      }
      let h = bandwidth ?? Self.silverman(x)
      guard h > 0, h.isFinite else { throw .invalidArgument(op, "the bandwidth must be positive") }
      kind = .kernel(x, h)
    }
  }

  /// Silverman's (1986, eq. 3.31) rule of thumb: 0.9·min(sd, IQR/1.34)·N^(−1/5).
  static func silverman(_ x: [Double]) -> Double {
    let n = Double(x.count)
    let mean = x.reduce(0, +) / n
    let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
    func quantile(_ p: Double) -> Double {
      let pos = p * (n - 1)
      let k = Int(pos)
      return k + 1 < x.count ? x[k] + (pos - Double(k)) * (x[k + 1] - x[k]) : x[k]
    }
    let iqr = quantile(0.75) - quantile(0.25)
    let spread = iqr > 0 ? min(sd, iqr / 1.34) : sd
    return 0.9 * spread * Double.pow(n, -0.2)
  }

  func cdf(_ w: Double) -> Double {
    switch kind {
    case .normal(let m, let s): return NormalDistribution.cdf(w, mean: m, standardDeviation: s)
    case .uniform(let a, let b): return min(max((w - a) / (b - a), 0), 1)
    case .kernel(let x, let h):
      return x.reduce(0) { $0 + NormalDistribution.cdf(w, mean: $1, standardDeviation: h) }
        / Double(x.count)
    }
  }

  func pdf(_ w: Double) -> Double {
    switch kind {
    case .normal(let m, let s): return NormalDistribution.density(w, mean: m, standardDeviation: s)
    case .uniform(let a, let b): return w >= a && w <= b ? 1 / (b - a) : 0
    case .kernel(let x, let h):
      return x.reduce(0) { $0 + NormalDistribution.density(w, mean: $1, standardDeviation: h) }
        / Double(x.count)
    }
  }

  var mean: Double {
    switch kind {
    case .normal(let m, _): return m
    case .uniform(let a, let b): return (a + b) / 2
    case .kernel(let x, _): return x.reduce(0, +) / Double(x.count)
    }
  }

  var standardDeviation: Double {
    switch kind {
    case .normal(_, let s): return s
    case .uniform(let a, let b): return (b - a) / 12.squareRoot()
    case .kernel(let x, let h):
      let m = mean
      let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count)
      return (v + h * h).squareRoot()
    }
  }

  /// A range holding all but a negligible part of the mass.
  var support: ClosedRange<Double> {
    switch kind {
    case .normal(let m, let s): return (m - 12 * s)...(m + 12 * s)
    case .uniform(let a, let b): return a...b
    case .kernel(let x, let h): return (x.first! - 12 * h)...(x.last! + 12 * h)
    }
  }

  func median() throws(SolverError) -> Double {
    switch kind {
    case .normal(let m, _): return m
    case .uniform(let a, let b): return (a + b) / 2
    case .kernel:
      do {
        return try RootFinder.brent(in: support.lowerBound, support.upperBound) {
          self.cdf($0) - 0.5
        }
      } catch { throw .numerical("arbitration", "could not find the median: \(error)") }
    }
  }

  /// log E[e^{tX}] (the cumulant generating function), in closed form for each family.
  func logMGF(_ t: Double) -> Double {
    if t == 0 { return 0 }
    switch kind {
    case .normal(let m, let s): return m * t + s * s * t * t / 2
    case .uniform(let a, let b):
      // log((e^{tb} − e^{ta}) / (t(b − a))), computed stably.
      let hi = max(t * a, t * b)
      let lo = min(t * a, t * b)
      return hi + Double.log(-Double.expMinusOne(lo - hi)) - Double.log(abs(t) * (b - a))
    case .kernel(let x, let h):
      let terms = x.map { $0 * t + h * h * t * t / 2 }
      let top = terms.max()!
      return top + Double.log(terms.reduce(0) { $0 + Double.exp($1 - top) } / Double(x.count))
    }
  }
}

/// CARA utilities, centred at `origin` (CARA preferences are unchanged by a shift).
struct CARA {
  let rho: Double
  let origin: Double
  /// The union's utility of an award, u(w) = (1 − e^{−ρ(w − o)})/ρ (linear when ρ = 0).
  func union(_ w: Double) -> Double {
    rho == 0 ? w - origin : -Double.expMinusOne(-rho * (w - origin)) / rho
  }
  func unionSlope(_ w: Double) -> Double { rho == 0 ? 1 : Double.exp(-rho * (w - origin)) }
  /// The firm's utility of paying an award, G(w) = (1 − e^{ρ(w − o)})/ρ (−w when ρ = 0).
  func firm(_ w: Double) -> Double {
    rho == 0 ? -(w - origin) : -Double.expMinusOne(rho * (w - origin)) / rho
  }
  func firmSlope(_ w: Double) -> Double { rho == 0 ? -1 : -Double.exp(rho * (w - origin)) }
}
