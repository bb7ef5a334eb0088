// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GSLSupport
import Testing

/// The GSL wrappers the bargaining and arbitration solvers use, against known values, and
/// their error statuses on bad input (no abort: the handler is off).
@Suite struct GSLNumericsTests {
  @Test func normalDistribution() throws {
    #expect(abs(NormalDistribution.cdf(1.959963984540054) - 0.975) < 1e-12)
    #expect(
      abs(NormalDistribution.cdf(110, mean: 100, standardDeviation: 10) - 0.8413447460685429)
        < 1e-12)
    #expect(abs(NormalDistribution.density(0) - 1 / (2 * Double.pi).squareRoot()) < 1e-15)
    #expect(abs(try NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-12)
    #expect(throws: GSLError.domain) { try NormalDistribution.quantile(1.5) }
  }

  @Test func brentRootAndMinimum() throws {
    let r = try RootFinder.brent(in: 0, 2) { $0 * $0 - 2 }
    #expect(abs(r - 2.0.squareRoot()) < 1e-12)
    #expect(throws: GSLError.invalid) { try RootFinder.brent(in: 2, 3) { $0 * $0 - 2 } }
    let m = try Minimizer.brent(in: -1, 3, guess: 0.5) { ($0 - 1) * ($0 - 1) + 2 }
    #expect(abs(m - 1) < 1e-6)
    #expect(throws: GSLError.invalid) { try Minimizer.brent(in: -1, 3, guess: 2.9) { $0 } }
  }

  @Test func hybridSystemAndDerivative() throws {
    // x² + y² = 4, x = y → (√2, √2).
    let root = try MultiRootFinder.hybrid(guess: [1, 0.5]) { v in
      [v[0] * v[0] + v[1] * v[1] - 4, v[0] - v[1]]
    }
    #expect(abs(root[0] - 2.0.squareRoot()) < 1e-9 && abs(root[1] - 2.0.squareRoot()) < 1e-9)
    #expect(abs(try Derivative.estimate(at: 0) { sin($0) } - 1) < 1e-9)
    // One-sided at the edge of the domain: d/dx √x at 1 is 1/2.
    #expect(abs(try Derivative.estimate(at: 1, domain: 0...1) { $0.squareRoot() } - 0.5) < 1e-6)
  }
}
