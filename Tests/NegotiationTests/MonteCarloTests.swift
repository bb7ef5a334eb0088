// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import GameCore
import GameFiles
import Negotiation
import Testing
import _TestSupport

/// Monte Carlo designs: draws reproducible from the seed whatever the thread count or shard,
/// sample means close to the distributions' means, truncation to the range, cancellation, and
/// the summary statistics.
@Suite struct MonteCarloTests {
  static func parameter(
    _ name: String, _ value: Rational, range: ClosedRange<Rational>? = nil,
    _ distribution: ParameterDistribution?
  ) throws -> ModelParameter {
    ModelParameter(
      name: name, value: try Formula(value.description), range: range,
      distribution: distribution)
  }

  /// Four parameters, one per distribution, and one derived from them.
  static func table() throws -> ParameterTable {
    try ParameterTable([
      parameter("u", 3, .uniform(low: 2, high: 5)),
      parameter("g", 10, .normal(mean: 10, standardDeviation: 2)),
      parameter("t", 1, .triangular(low: 0, mode: 1, high: 4)),
      parameter("l", 10, .logUniform(low: 1, high: 100)),
      ModelParameter(name: "sum", value: try Formula("u + g")),
    ])
  }

  /// Every draw's values and overrides, computed with `concurrency` workers.
  func run(_ design: MonteCarloDesign, _ indices: [Int], concurrency: Int?)
    -> [(draw: Int, value: [Double])]
  {
    let (results, status) = design.map(indices, concurrency: concurrency) { draw in
      // The overrides are the drawn values, exactly.
      precondition(
        zip(design.drawn, draw.values).allSatisfy { draw.overrides[$0.name] == Rational($1) })
      return draw.values
    }
    #expect(status == .complete)
    return results
  }

  @Test func drawsAreReproducibleAcrossRunsAndThreadCounts() throws {
    let design = try MonteCarloDesign(parameters: Self.table(), count: 1_500, seed: 42)
    #expect(design.drawn.map(\.name) == ["u", "g", "t", "l"])
    let all = Array(0..<design.count)
    let one = run(design, all, concurrency: 1)
    let two = run(design, all, concurrency: 2)
    let many = run(design, all, concurrency: nil)
    #expect(one.map(\.draw) == all)
    #expect(one.map(\.value) == two.map(\.value))
    #expect(one.map(\.value) == many.map(\.value))
    // A fresh design from the same seed draws the same; another seed does not.
    let again = try MonteCarloDesign(parameters: Self.table(), count: 1_500, seed: 42)
    #expect(run(again, all, concurrency: 3).map(\.value) == one.map(\.value))
    let other = try MonteCarloDesign(parameters: Self.table(), count: 1_500, seed: 43)
    #expect(run(other, [0], concurrency: 1)[0].value != one[0].value)
    // Draw i depends only on (seed, i): a longer run begins with the same draws.
    let longer = try MonteCarloDesign(parameters: Self.table(), count: 2_000, seed: 42)
    #expect(longer.values(draw: 1_234) == one[1_234].value)
    #expect(design.values(draw: 1_499) == one[1_499].value)
    // Draws differ from one another (one generator per block, not per draw).
    #expect(Set(one.map { $0.value[0] }).count == design.count)
  }

  @Test func blockSeedsAreFixed() {
    // Pinned so that a change of the derivation (and of every published draw) is noticed.
    #expect(
      MonteCarloDesign.blockSeed(seed: 0, block: 0)
        != MonteCarloDesign.blockSeed(
          seed: 0, block: 1))
    #expect(
      MonteCarloDesign.blockSeed(seed: 1, block: 0)
        != MonteCarloDesign.blockSeed(
          seed: 2, block: 0))
    // An independent SplitMix64 (Python) gives this.
    #expect(MonteCarloDesign.blockSeed(seed: 1, block: 0) == 0xD65A_F21E)
  }

  @Test func shardsMergeIntoTheWholeRun() throws {
    let design = try MonteCarloDesign(parameters: Self.table(), count: 1_100, seed: 7)
    let whole = run(design, Array(0..<design.count), concurrency: nil)
    let n = 3
    let parts = (1...n).map { k in run(design, design.indices(shard: k, of: n), concurrency: 2) }
    #expect(parts.map(\.count).reduce(0, +) == design.count)
    var merged = [(draw: Int, value: [Double])]()
    for i in 0..<design.count { merged.append(parts[i % n][i / n]) }
    #expect(merged.map(\.draw) == whole.map(\.draw))
    #expect(merged.map(\.value) == whole.map(\.value))
    for k in 0..<4 {
      #expect(
        SampleSummary(merged.map { $0.value[k] }) == SampleSummary(whole.map { $0.value[k] }))
    }
  }

  @Test func sampleMeansMatchTheDistributions() throws {
    let design = try MonteCarloDesign(parameters: Self.table(), count: 8_000, seed: 2024)
    let draws = run(design, Array(0..<design.count), concurrency: nil)
    // Theoretical means and standard deviations.
    let logSpan = log(100.0)
    let expected: [(mean: Double, sd: Double)] = [
      (3.5, 3 / 12.0.squareRoot()),
      (10, 2),
      (5.0 / 3, ((0.0 + 1 + 16 - 0 - 0 - 4) / 18).squareRoot()),
      (99 / logSpan, ((100.0 * 100 - 1) / (2 * logSpan) - pow(99 / logSpan, 2)).squareRoot()),
    ]
    for (k, e) in expected.enumerated() {
      let values = draws.map { $0.value[k] }
      let s = SampleSummary(values)
      let se = e.sd / Double(values.count).squareRoot()
      #expect(abs(s.mean - e.mean) < 4 * se, "parameter \(k): \(s.mean) vs \(e.mean)")
      #expect(abs(s.standardDeviation - e.sd) < 0.05 * e.sd, "parameter \(k)")
    }
    // Supports: uniform in [2, 5), triangular in [0, 4], log-uniform in [1, 100].
    #expect(draws.allSatisfy { (2..<5).contains($0.value[0]) })
    #expect(draws.allSatisfy { (0...4).contains($0.value[2]) })
    #expect(draws.allSatisfy { (1...100).contains($0.value[3]) })
    // The triangular median is 4 − √6 (the mode's side holds 1/4 of the mass).
    let median = SampleSummary(draws.map { $0.value[2] }).median
    #expect(abs(median - (4 - 6.0.squareRoot())) < 0.05)
  }

  @Test func drawsOutsideTheRangeAreDrawnAgain() throws {
    let table = try ParameterTable([
      Self.parameter("x", 0, range: 0...1, .normal(mean: 0, standardDeviation: 1))
    ])
    let design = try MonteCarloDesign(parameters: table, count: 2_000, seed: 5)
    let values = run(design, Array(0..<design.count), concurrency: nil).map { $0.value[0] }
    #expect(values.allSatisfy { Rational($0) >= 0 && Rational($0) <= 1 })
    // The standard normal truncated to [0, 1] has mean (φ(0) − φ(1)) / (Φ(1) − Φ(0)).
    let phi = { (x: Double) in exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    let mean = (phi(0) - phi(1)) / 0.341_344_746_068_542_9
    let s = SampleSummary(values)
    #expect(abs(s.mean - mean) < 4 * s.standardError)
  }

  @Test func overridesAndFormulasAreNotDrawn() throws {
    let design = try MonteCarloDesign(
      parameters: Self.table(), count: 10, seed: 1, overrides: ["g": 7])
    #expect(design.drawn.map(\.name) == ["u", "t", "l"])
    let (results, _) = design.map([3]) { $0.overrides }
    let overrides = try #require(results.first?.value)
    #expect(overrides["g"] == 7)
    #expect(overrides["sum"] == nil)  // derived: evaluated by the model from the draws
    let values = try Self.table().values(overriding: overrides)
    #expect(values["sum"] == overrides["u"]! + 7)
  }

  @Test func badDesignsThrow() throws {
    let table = try Self.table()
    #expect(throws: SolverError.self) {
      try MonteCarloDesign(parameters: table, count: 0, seed: 1)
    }
    #expect(throws: SolverError.self) {
      try MonteCarloDesign(parameters: table, count: 5, seed: 1, overrides: ["nope": 1])
    }
    #expect(throws: SolverError.self) {
      try MonteCarloDesign(
        parameters: table, count: 5, seed: 1, overrides: ["u": 1, "g": 1, "t": 1, "l": 1])
    }
    let far = try ParameterTable([
      Self.parameter("x", 0, range: 10...11, .normal(mean: 0, standardDeviation: 1))
    ])
    #expect(throws: SolverError.self) { try MonteCarloDesign(parameters: far, count: 5, seed: 1) }
  }

  @Test func aCancelledRunStops() throws {
    let design = try MonteCarloDesign(parameters: Self.table(), count: 50, seed: 1)
    let flag = CancellationFlag()
    flag.cancel()
    let (results, status) = design.map(
      Array(0..<50), control: SolverControl(cancellation: flag)
    ) { $0.index }
    #expect(results.isEmpty)
    #expect(status == .cancelled)
    // Cancelled part-way (one worker, cancelling at draw 10): the draws before it are kept.
    let late = CancellationFlag()
    let (some, stopped) = design.map(
      Array(0..<50), concurrency: 1, control: SolverControl(cancellation: late)
    ) { draw -> Int in
      if draw.index == 10 { late.cancel() }
      return draw.index
    }
    #expect(some.map(\.value) == Array(0...10))
    #expect(stopped == .cancelled)
  }

  @Test func outreachDrawsAreSolvedExactlyAndReproducibly() throws {
    let parametric = try OutreachFile.readParametric(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent(
        "Models/negotiation/africa-outreach.yaml"), path: "africa-outreach.yaml")
    let design = try MonteCarloDesign(
      parameters: parametric.parameters, count: 3, seed: 11, overrides: ["sponsor_budget": 60])
    let solve = { @Sendable (draw: MonteCarloDraw) -> OutreachCompetition.Outcome? in
      guard let model = try? parametric.instantiate(overrides: draw.overrides) else { return nil }
      // The model's revenue for Uganda is 2% of the drawn overseas revenue, exactly.
      precondition(
        model.targets[0].revenue == draw.overrides["overseas_revenue"]! * Rational(1, 50))
      return try? OutreachCompetition().solve(model).outcome
    }
    let a = design.map(Array(0..<3), concurrency: 1, solve)
    let b = design.map(Array(0..<3), solve)
    #expect(a.results.map(\.value) == b.results.map(\.value))
    #expect(a.results.allSatisfy { $0.value != nil })
  }

  @Test func summaryStatistics() {
    let s = SampleSummary((1...100).map(Double.init))
    #expect(s.mean == 50.5)
    #expect(s.q05 == 5)
    #expect(s.median == 50)
    #expect(s.q95 == 95)
    let sd = (Double(100 * 101) / 12).squareRoot()  // sample sd of 1...100: √(n(n+1)/12)
    #expect(abs(s.standardDeviation - sd) < 1e-9)
    let half = SampleSummary.z975 * sd / 10
    #expect(abs(s.meanInterval.lowerBound - (50.5 - half)) < 1e-9)
    #expect(abs(s.meanInterval.upperBound - (50.5 + half)) < 1e-9)
    let one = SampleSummary([3])
    #expect(one.meanInterval == 3...3 && one.q05 == 3 && one.q95 == 3)
  }
}
