// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import GSLSupport

/// A Monte Carlo estimate of the Shapley value with confidence intervals, for games too
/// large to enumerate (a formula over up to 64 players).
///
/// Steps (Castro, Gómez and Tejada, "Polynomial calculation of the Shapley value based on
/// sampling", *Computers & Operations Research* 36, 2009, §3):
/// 1. Draw `samples` uniformly random orders of the players (Fisher–Yates shuffles driven by
///    GSL's seeded `mt19937`, so a seed fixes the result on every machine).
/// 2. Along each order, record every player's marginal contribution
///    `v(P ∪ {i}) − v(P)` to its predecessors `P`; `φ̂ᵢ` is the mean.
/// 3. The half-width of the confidence interval is `z · sᵢ / √samples`, with `sᵢ` the
///    sample standard deviation (`z = 1.96` for 95%).
/// 4. Check efficiency: each order's contributions sum to `v(N)`, so `Σ φ̂ᵢ = v(N)` up to
///    rounding.
/// - Complexity: `samples · n` evaluations of the worth function.
public struct ShapleyMonteCarlo: Sendable {
  /// The number of random orders.
  public var samples: Int
  /// The generator's seed.
  public var seed: UInt
  /// The normal quantile for the interval (1.96 for 95%).
  public var z: Double

  public init(samples: Int = 10_000, seed: UInt = 1, z: Double = 1.959_963_984_540_054) {
    self.samples = samples
    self.seed = seed
    self.z = z
  }

  /// The estimate for `n` players with worths from `worth`.
  ///
  /// - Throws: ``SolverError`` for `n` outside `1...64`, fewer than 2 samples, or
  ///   cancellation before the first sample.
  public func solve(
    playerCount n: Int, control: SolverControl = .none, worth: (Coalition) -> Double
  ) throws(SolverError) -> AllocationResult<Double> {
    guard (1...64).contains(n) else {
      throw .invalidArgument("shapley-mc", "Monte Carlo supports 1 to 64 players, got \(n)")
    }
    guard samples >= 2 else {
      throw .invalidArgument("shapley-mc", "at least 2 samples are needed, got \(samples)")
    }
    let rng = RandomSource(seed: seed)
    var mean = [Double](repeating: 0, count: n), m2 = mean
    var order = Array(0..<n)
    let grand = worth(.grand(n))
    var done = 0
    var status = SolverStatus.complete
    for t in 1...samples {
      if t & 255 == 0, let stop = control.stopReason() { status = stop; break }
      for i in stride(from: n - 1, to: 0, by: -1) {
        order.swapAt(i, rng.uniformInt(below: i + 1))
      }
      var c = Coalition.empty
      var previous = 0.0
      for i in order {
        c = c.inserting(i)
        let v = c.count == n ? grand : worth(c)
        let x = v - previous
        previous = v
        // Welford's running mean and sum of squared deviations.
        let d = x - mean[i]
        mean[i] += d / Double(t)
        m2[i] += d * (x - mean[i])
      }
      done = t
    }
    guard done >= 2 else { throw .cancelled("shapley-mc") }
    let half = m2.map { z * ($0 / Double(done - 1)).squareRoot() / Double(done).squareRoot() }
    let sum = mean.reduce(0, +)
    guard abs(sum - grand) <= 1e-9 * max(1, abs(grand)) * Double(n) else {
      throw .numerical("shapley-mc", "the estimate is not efficient: \(sum) vs \(grand)")
    }
    return AllocationResult(
      allocations: [mean], method: "shapley-mc",
      parameters: ["samples": String(done), "seed": String(seed),
        "confidence": "95%", "algorithm": "permutation sampling"],
      status: status, halfWidths: half)
  }

  /// The estimate for an explicit game.
  public func solve<S: GameScalar>(
    _ game: CoalitionalGame<S>, control: SolverControl = .none
  ) throws(SolverError) -> AllocationResult<Double> {
    try solve(playerCount: game.playerCount, control: control) {
      game.worth(of: $0).doubleValue
    }
  }

  /// The Shapley–Shubik estimate of a weighted voting game of any size: along each random
  /// order, the pivotal player (the one whose arrival makes the coalition win every layer)
  /// scores 1.
  ///
  /// - Throws: ``SolverError`` for fewer than 2 samples or cancellation before the first.
  /// - Complexity: `samples · n · L` for `L` layers.
  public func solve(_ game: WeightedVotingGame, control: SolverControl = .none)
    throws(SolverError) -> AllocationResult<Double>
  {
    guard samples >= 2 else {
      throw .invalidArgument("shapley-mc", "at least 2 samples are needed, got \(samples)")
    }
    let n = game.playerCount
    let rng = RandomSource(seed: seed)
    var pivots = [Int](repeating: 0, count: n)
    var order = Array(0..<n)
    var sums = [Int](repeating: 0, count: game.layers.count)
    var done = 0
    var status = SolverStatus.complete
    for t in 1...samples {
      if t & 255 == 0, let stop = control.stopReason() { status = stop; break }
      for i in stride(from: n - 1, to: 0, by: -1) {
        order.swapAt(i, rng.uniformInt(below: i + 1))
      }
      for l in sums.indices { sums[l] = 0 }
      for i in order {
        var wins = true
        for (l, layer) in game.layers.enumerated() {
          sums[l] += layer.weights[i]
          if sums[l] < layer.quota { wins = false }
        }
        if wins { pivots[i] += 1; break }
      }
      done = t
    }
    guard done >= 2 else { throw .cancelled("shapley-mc") }
    let m = Double(done)
    let mean = pivots.map { Double($0) / m }
    // Each contribution is 0 or 1: the sample variance is T/(T−1) · p̂(1 − p̂).
    let half = mean.map { p in z * (p * (1 - p) / (m - 1)).squareRoot() }
    guard abs(mean.reduce(0, +) - 1) <= 1e-9 * Double(n) else {
      throw .numerical("shapley-mc", "the estimate does not sum to 1")
    }
    return AllocationResult(
      allocations: [mean], method: "shapley-mc",
      parameters: ["samples": String(done), "seed": String(seed),
        "confidence": "95%", "algorithm": "permutation sampling (pivots)"],
      status: status, halfWidths: half)
  }
}
