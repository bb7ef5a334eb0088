// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameSolvers
import Testing
import _TestSupport

@Suite struct ArbitrationTests {
  typealias Q = Rational

  /// Gibbons (1992), §1.2.D: with x ~ N(μ, σ²) and risk-neutral parties the offers are
  /// μ ∓ σ√(π/2), so the gap is σ√(2π) and each offer wins with probability 1/2.
  @Test func gibbonsNormalExample() throws {
    let r = try FinalOfferArbitration().solve(
      ArbitratorDistribution<Double>.normal(mean: 100, standardDeviation: 10))
    let half = 10 * (Double.pi / 2).squareRoot()
    #expect(abs(r.firmOffer - (100 - half)) < 1e-9)
    #expect(abs(r.unionOffer - (100 + half)) < 1e-9)
    #expect(abs(r.gap - 10 * (2 * Double.pi).squareRoot()) < 1e-9)
    #expect(abs(r.firmOfferProbability - 0.5) < 1e-12)
    #expect(abs(r.expectedAward - 100) < 1e-9)
    #expect(!r.isExact)
  }

  /// Uniform [a, b]: F(m) = 1/2 at m = (a + b)/2 and the gap 1/f = b − a put the offers at the
  /// ends of the support — exact.
  @Test func uniformIsExact() throws {
    let r = try FinalOfferArbitration().solve(
      ArbitratorDistribution<Q>.uniform(lower: 40, upper: 55))
    #expect(r.firmOffer == 40 && r.unionOffer == 55 && r.expectedAward == Q(95, 2))
    #expect(r.isExact)
  }

  /// Farber (1980): a more risk-averse party makes a less extreme offer.
  @Test func riskAversionModeratesOffers() throws {
    let dist = ArbitratorDistribution<Double>.normal(mean: 100, standardDeviation: 10)
    let neutral = try FinalOfferArbitration().solve(dist)
    let averseUnion = try FinalOfferArbitration().solve(dist, union: .cara(0.05))
    let averseFirm = try FinalOfferArbitration().solve(dist, firm: .cara(0.05))
    #expect(averseUnion.unionOffer < neutral.unionOffer)
    #expect(averseUnion.expectedAward < neutral.expectedAward)
    #expect(averseFirm.firmOffer > neutral.firmOffer)
    #expect(averseFirm.expectedAward > neutral.expectedAward)
    let both = try FinalOfferArbitration().solve(dist, union: .cara(0.05), firm: .cara(0.05))
    #expect(abs(both.expectedAward - 100) < 1e-6)  // symmetric aversion, symmetric outcome
    #expect(both.gap < neutral.gap)
  }

  /// An empirical distribution: many normal samples behave like the normal (the kernel
  /// estimate adds the bandwidth to the variance).
  @Test func empiricalSamplesApproachTheNormal() throws {
    var rng = SeededGenerator(seed: 1980)
    var samples = [Double]()
    while samples.count < 600 {
      let u = Double.random(in: 0..<1, using: &rng)
      let v = Double.random(in: 0..<1, using: &rng)
      samples.append(100 + 10 * (-2 * log(1 - u)).squareRoot() * cos(2 * .pi * v))
    }
    let r = try FinalOfferArbitration().solve(
      ArbitratorDistribution<Double>.empirical(samples: samples))
    #expect(abs(r.gap - 10 * (2 * Double.pi).squareRoot()) < 2.5)
    #expect(abs(r.firmOfferProbability - 0.5) < 1e-9)
  }

  /// Conventional arbitration with CARA parties and a normal award: certainty equivalents
  /// μ − ρᵤσ²/2 and μ + ρ_fσ²/2 (Farber and Katz 1979); risk-neutral parties have no zone.
  @Test func conventionalContractZone() throws {
    let dist = ArbitratorDistribution<Double>.normal(mean: 100, standardDeviation: 10)
    let c = try ConventionalArbitration().solve(dist, union: .cara(0.02), firm: .cara(0.04))
    #expect(abs(c.unionCertaintyEquivalent - 99) < 1e-9)
    #expect(abs(c.firmCertaintyEquivalent - 102) < 1e-9)
    #expect(abs(c.contractZoneWidth - 3) < 1e-9)
    let u = try ConventionalArbitration().solve(
      ArbitratorDistribution<Q>.uniform(lower: 40, upper: 55))
    #expect(u.expectedAward == Q(95, 2) && u.contractZoneWidth == 0 && u.isExact)
    let averse = try ConventionalArbitration().solve(
      ArbitratorDistribution<Q>.uniform(lower: 40, upper: 55), union: .cara(0.1), firm: .cara(0.1))
    #expect(averse.unionCertaintyEquivalent < Q(95, 2) && averse.firmCertaintyEquivalent > Q(95, 2))
    let e = try ConventionalArbitration().solve(
      ArbitratorDistribution<Q>.empirical(samples: [40, 44, 50, 53]))
    #expect(e.expectedAward == Q(187, 4) && e.isExact)
  }

  @Test func sideBySide() throws {
    let cmp = try ArbitrationComparison<Double>.compare(
      .normal(mean: 100, standardDeviation: 10), union: .cara(0.02), firm: .cara(0.02))
    #expect(cmp.finalOffer.awardStandardDeviation > 0)
    #expect(cmp.conventional.contractZoneWidth > 0)
    #expect(abs(cmp.finalOffer.expectedAward - cmp.conventional.expectedAward) < 1e-6)
  }

  @Test func badInput() {
    #expect(throws: SolverError.self) {
      try FinalOfferArbitration().solve(
        ArbitratorDistribution<Double>.normal(mean: 0, standardDeviation: 0))
    }
    #expect(throws: SolverError.self) {
      try FinalOfferArbitration().solve(ArbitratorDistribution<Q>.uniform(lower: 5, upper: 5))
    }
    #expect(throws: SolverError.self) {
      try FinalOfferArbitration().solve(ArbitratorDistribution<Q>.empirical(samples: [3, 3, 3]))
    }
    #expect(throws: SolverError.self) {
      try FinalOfferArbitration().solve(
        ArbitratorDistribution<Double>.normal(mean: 0, standardDeviation: 1), union: .cara(-1))
    }
  }
}
