// SPDX-License-Identifier: GPL-3.0-or-later

import Dispatch
import Foundation
import GSLSupport
public import GameCore

/// A Monte Carlo design over a model's parameters: `count` draws of every parameter that
/// states a distribution, reproducible from a seed, and a parallel map over the draws whose
/// results come back in draw order.
///
/// Steps:
/// 1. The parameters drawn are those with a `distribution` that no override fixes, in the
///    table's order; the others keep their value (a formula follows the drawn values) or
///    their override.
/// 2. Draws are grouped in blocks of ``blockSize``. Block `b` has its own GSL mt19937,
///    seeded with the low 32 bits of SplitMix64(seed ⊕ SplitMix64(b + 1)) (Steele, Lea and
///    Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014, section 3; GSL's
///    mt19937 keeps 32 bits of a seed). Within a block, draw after draw and parameter after
///    parameter take the generator's next outputs (uniform: `gsl_ran_flat`; normal:
///    `gsl_ran_gaussian`; triangular: inverse distribution function; log-uniform: the
///    exponential of a uniform on the logarithms). So draw `i` depends only on the seed and
///    `i`, never on the thread count or the shard: the same seed gives the same draws on any
///    machine (with the same GSL and a correctly rounded libm).
/// 3. A value outside the parameter's stated `range` is rejected and drawn again from the
///    same generator (the draw follows the distribution truncated to the range). The design
///    refuses a distribution that puts less than ``minimumMassInRange`` of its mass in the
///    range, so rejection ends quickly.
/// 4. Each value is converted exactly to a `Rational` (every finite `Double` is a dyadic
///    rational), so every draw's model is instantiated and solved exactly.
///
/// Shard `k` of `n` (1-based `k`) holds the draws `i` with `i mod n = k − 1`; the shards'
/// results, merged in draw order, are the whole run's.
public struct MonteCarloDesign: Sendable {
  /// The number of consecutive draws that share one generator.
  public static let blockSize = 1_000
  /// The most draws a design may have.
  public static let maxDraws = 10_000_000
  /// The least probability a distribution must give to its parameter's range.
  public static let minimumMassInRange = 0.001

  /// The model's parameters.
  public let parameters: ParameterTable
  /// The parameters drawn, in the table's order.
  public let drawn: [ModelParameter]
  /// The values fixed for this run (not drawn).
  public let overrides: [String: Rational]
  /// The number of draws.
  public let count: Int
  /// The seed.
  public let seed: UInt64

  /// A design of `count` draws of `parameters` from `seed`, with `overrides` fixed.
  ///
  /// - Throws: `SolverError.invalidArgument` when `count` is not in `1...maxDraws`, an
  ///   override names no parameter, no parameter is left to draw, or a distribution puts
  ///   less than ``minimumMassInRange`` of its mass in its parameter's range.
  public init(
    parameters: ParameterTable, count: Int, seed: UInt64, overrides: [String: Rational] = [:]
  ) throws(SolverError) {
    guard (1...Self.maxDraws).contains(count) else {
      throw .invalidArgument(
        "sample", "the number of draws must lie between 1 and \(Self.maxDraws), found \(count)")
    }
    for name in overrides.keys.sorted() where parameters.parameter(named: name) == nil {
      throw .invalidArgument("sample", "the model has no parameter '\(name)'")
    }
    let drawn = parameters.parameters.filter {
      $0.distribution != nil && overrides[$0.name] == nil
    }
    guard !drawn.isEmpty else {
      throw .invalidArgument(
        "sample",
        "no parameter left to draw: none states a distribution"
          + (overrides.isEmpty ? "" : " that --set does not fix"))
    }
    for p in drawn {
      let mass = Self.massInRange(p.distribution!, p.range)
      guard mass >= Self.minimumMassInRange else {
        throw .invalidArgument(
          "sample",
          "the \(p.distribution!.name) distribution of '\(p.name)' puts "
            + "\(mass < 1e-12 ? "none" : "under 0.1%") of its mass in its range")
      }
    }
    self.parameters = parameters
    self.drawn = drawn
    self.overrides = overrides
    self.count = count
    self.seed = seed
  }

  /// About how many bytes `draws` draws of `drawn` parameters hold while a run lasts: each
  /// draw's values (an array of `drawn` doubles with its header, kept by the design and by
  /// the result) and its result (`resultBytes`). Checked against a memory limit before
  /// ``map(_:concurrency:control:_:)`` materializes them; `nil` if the count overflows.
  public static func estimatedBytes(draws: Int, drawn: Int, resultBytes: Int = 256) -> Int? {
    let (values, o1) = drawn.multipliedReportingOverflow(by: 2 * MemoryLayout<Double>.size)
    let perDraw = values.addingReportingOverflow(2 * 32 + resultBytes)
    let (total, o2) = draws.multipliedReportingOverflow(by: perDraw.partialValue)
    return o1 || perDraw.overflow || o2 ? nil : total
  }

  /// The indices of the draws in shard `k` of `n` (`1 ≤ k ≤ n`): those `i` with
  /// `i mod n = k − 1`.
  public func indices(shard k: Int, of n: Int) -> [Int] {
    precondition(n >= 1 && (1...n).contains(k), "MonteCarloDesign: shard \(k) of \(n)")
    return stride(from: k - 1, to: count, by: n).map { $0 }
  }

  /// The drawn parameters' values (``drawn`` order) in every draw of block `b`, as doubles.
  ///
  /// - Complexity: O(blockSize × drawn), plus the rejected draws.
  public func blockValues(_ b: Int) -> [[Double]] {
    precondition(b >= 0 && b * Self.blockSize < count, "MonteCarloDesign: block \(b)")
    let source = RandomSource(seed: UInt(Self.blockSeed(seed: seed, block: b)))
    let size = min(Self.blockSize, count - b * Self.blockSize)
    let plans = drawn.map { Sampler($0) }
    return (0..<size).map { _ in plans.map { $0.draw(source) } }
  }

  /// The drawn values of draw `i` as doubles (``drawn`` order).
  public func values(draw i: Int) -> [Double] {
    blockValues(i / Self.blockSize)[i % Self.blockSize]
  }

  /// The overrides that instantiate draw `i`'s model: the fixed overrides plus the drawn
  /// values, exactly.
  public func overrides(forDraw values: [Double]) -> [String: Rational] {
    var out = overrides
    for (p, x) in zip(drawn, values) { out[p.name] = Rational(x) }
    return out
  }

  /// `body(draw)` for every draw of `indices` (increasing), run in parallel.
  ///
  /// The draws' values are generated block by block first (cheap), then the bodies run on
  /// `concurrency` workers (default: one per draw, which `DispatchQueue.concurrentPerform`
  /// spreads over one thread per core) taking draws in order from a shared counter; each
  /// worker converts its draw's values
  /// to exact overrides. Before each draw the control is polled; once it asks to stop, the
  /// remaining draws are skipped.
  ///
  /// - Returns: the results of the draws computed, in the order of `indices`, and the
  ///   status: `.complete`, or the control's reason for stopping.
  /// - Complexity: the sum of the bodies' costs divided among the threads, plus
  ///   O(blocks touched × blockSize × drawn).
  public func map<T: Sendable>(
    _ indices: [Int], concurrency: Int? = nil, control: SolverControl = .none,
    _ body: @Sendable (MonteCarloDraw) -> T
  ) -> (results: [(draw: Int, value: T)], status: SolverStatus) {
    precondition(indices.allSatisfy { (0..<count).contains($0) }, "MonteCarloDesign: index")
    precondition(concurrency.map { $0 >= 1 } ?? true, "MonteCarloDesign: concurrency")
    var block = (index: -1, values: [[Double]]())
    let values: [[Double]] = indices.map { i in
      let b = i / Self.blockSize
      if block.index != b { block = (b, blockValues(b)) }
      return block.values[i % Self.blockSize]
    }
    let (mapped, status) = ParameterSweep.map(
      Array(indices.indices), concurrency: concurrency, control: control
    ) { j in
      body(MonteCarloDraw(
        index: indices[j], values: values[j], overrides: overrides(forDraw: values[j])))
    }
    let done = zip(indices, mapped).compactMap { i, v in v.map { (draw: i, value: $0) } }
    return (done, status)
  }

  /// The seed of block `b`'s generator: the low 32 bits of SplitMix64(seed ⊕
  /// SplitMix64(b + 1)).
  public static func blockSeed(seed: UInt64, block b: Int) -> UInt32 {
    UInt32(truncatingIfNeeded: splitMix64(seed ^ splitMix64(UInt64(b) &+ 1)))
  }

  /// SplitMix64's output function (Steele, Lea and Flood 2014): the golden-gamma increment
  /// then a variant of MurmurHash3's 64-bit finaliser.
  static func splitMix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The probability `distribution` gives to `range` (1 without a range).
  static func massInRange(_ d: ParameterDistribution, _ range: ClosedRange<Rational>?) -> Double {
    guard let range else { return 1 }
    let lo = range.lowerBound.doubleValue
    let hi = range.upperBound.doubleValue
    func clamp01(_ x: Double) -> Double { min(max(x, 0), 1) }
    switch d {
    case .uniform(let a, let b):
      let (a, b) = (a.doubleValue, b.doubleValue)
      return clamp01((min(hi, b) - max(lo, a)) / (b - a))
    case .logUniform(let a, let b):
      let (a, b) = (a.doubleValue, b.doubleValue)
      guard hi > 0 else { return 0 }
      let l = max(lo, a)
      let h = min(hi, b)
      guard h > l else { return 0 }
      return clamp01((log(h) - log(l)) / (log(b) - log(a)))
    case .triangular(let a, let m, let b):
      let (a, m, b) = (a.doubleValue, m.doubleValue, b.doubleValue)
      func cdf(_ x: Double) -> Double {
        if x <= a { return 0 }
        if x >= b { return 1 }
        if x <= m { return (x - a) * (x - a) / ((b - a) * (m - a)) }
        return 1 - (b - x) * (b - x) / ((b - a) * (b - m))
      }
      return clamp01(cdf(hi) - cdf(lo))
    case .normal(let mean, let sd):
      let (mean, sd) = (mean.doubleValue, sd.doubleValue)
      return NormalDistribution.cdf(hi, mean: mean, standardDeviation: sd)
        - NormalDistribution.cdf(lo, mean: mean, standardDeviation: sd)
    }
  }

  /// One parameter's sampler: its distribution as doubles and its range.
  struct Sampler {
    enum Kind {
      case uniform(Double, Double)
      case normal(Double, Double)
      case triangular(Double, Double, Double)
      case logUniform(Double, Double)
    }
    let kind: Kind
    let range: ClosedRange<Rational>?

    init(_ p: ModelParameter) {
      switch p.distribution! {
      case .uniform(let a, let b): kind = .uniform(a.doubleValue, b.doubleValue)
      case .normal(let m, let s): kind = .normal(m.doubleValue, s.doubleValue)
      case .triangular(let a, let m, let b):
        kind = .triangular(a.doubleValue, m.doubleValue, b.doubleValue)
      case .logUniform(let a, let b): kind = .logUniform(a.doubleValue, b.doubleValue)
      }
      range = p.range
    }

    /// A draw, redrawn until it lies in the range (checked exactly).
    func draw(_ source: RandomSource) -> Double {
      while true {
        let x: Double
        switch kind {
        case .uniform(let a, let b): x = source.flat(low: a, high: b)
        case .normal(let m, let s): x = source.gaussian(mean: m, standardDeviation: s)
        case .triangular(let a, let m, let b): x = source.triangular(low: a, mode: m, high: b)
        case .logUniform(let a, let b): x = source.logUniform(low: a, high: b)
        }
        if let range, !range.contains(Rational(x)) { continue }
        return x
      }
    }
  }
}

/// One draw of a ``MonteCarloDesign``.
public struct MonteCarloDraw: Sendable {
  /// The draw's number, from 0.
  public var index: Int
  /// The drawn parameters' values (``MonteCarloDesign/drawn`` order).
  public var values: [Double]
  /// The overrides that instantiate the draw's model: the design's fixed overrides plus the
  /// drawn values, converted exactly.
  public var overrides: [String: Rational]
}
