// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// Fictitious play in a normal-form game, in exact arithmetic.
///
/// Brown (1951) and Robinson (1951): in every round each player plays a best reply to the
/// empirical frequencies of the others' past play (simultaneous updating; ties go to the
/// lowest-numbered strategy, so the path is deterministic). The empirical frequencies
/// converge to a Nash equilibrium in two-player zero-sum games (Robinson 1951), 2×2 games
/// (Miyasawa 1961) and potential games (Monderer & Shapley 1996), but may cycle otherwise
/// (Shapley 1964). Steps:
/// 1. Round 1: every player plays `start` (default its first strategy).
/// 2. Rounds 2…T: each player's best reply to the others' empirical mixed strategies
///    (counts / (t − 1)), computed exactly.
/// 3. Record the empirical profile at `samples` evenly spaced rounds; report the last one's
///    regret (exact), i.e. how far it is from equilibrium.
/// - Complexity: O(T · n · P) for T rounds, n players and P pure profiles.
public struct FictitiousPlay: Sendable {
  public var rounds: Int
  public var samples: Int
  public var control: SolverControl

  public init(rounds: Int = 1000, samples: Int = 20, control: SolverControl = .none) {
    self.rounds = rounds
    self.samples = samples
    self.control = control
  }

  /// Runs fictitious play on `game` from the pure profile `start` (first strategies when
  /// `nil`).
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solve<S: GameScalar>(_ game: NormalFormGame<S>, from start: [Int]? = nil)
    throws(SolverError) -> DynamicsResult<S>
  {
    let op = "fictitious"
    guard (1...10_000_000).contains(rounds) else {
      throw .invalidArgument(op, "rounds must be between 1 and 10000000")
    }
    guard (1...100_000).contains(samples) else {
      throw .invalidArgument(op, "samples must be between 1 and 100000")
    }
    let shape = game.shape
    let first = start ?? shape.map { _ in 0 }
    guard first.count == shape.count, zip(first, shape).allSatisfy({ (0..<$1).contains($0) })
    else { throw .invalidArgument(op, "the start is not a pure profile of this game") }
    var counts = shape.map { [Int](repeating: 0, count: $0) }
    for p in shape.indices { counts[p][first[p]] += 1 }
    let every = max(1, rounds / samples)
    func empirical(_ t: Int) -> MixedProfile<S> {
      let total = S(Rational(t))
      return MixedProfile(counts.map { row in row.map { (c: Int) -> S in S(Rational(c)) / total } })
    }
    var times: [S] = [S(Rational(1))]
    var path = [empirical(1)]
    var status = SolverStatus.complete
    var t = 1
    while t < rounds {
      if t & 63 == 0, let stop = control.stopReason() {
        status = stop
        break
      }
      let beliefs = empirical(t)
      var plays = [Int](repeating: 0, count: shape.count)
      for p in shape.indices {
        let values = game.strategyValues(of: p, against: beliefs)
        var best = 0
        for s in 1..<values.count where values[s] > values[best] { best = s }
        plays[p] = best
      }
      for p in shape.indices { counts[p][plays[p]] += 1 }
      t += 1
      if t % every == 0 || t == rounds {
        times.append(S(Rational(t)))
        path.append(empirical(t))
      }
    }
    if times.last != S(Rational(t)) {
      times.append(S(Rational(t)))
      path.append(empirical(t))
    }
    let last = path.last!
    let regret = game.maxRegret(at: last)
    let tolerance: S = S.isExact ? .zero : .defaultTolerance
    return DynamicsResult(
      times: times, path: path, final: last, finalRegret: regret,
      endsAtEquilibrium: regret <= tolerance, tolerance: tolerance, method: op,
      isExact: S.isExact,
      parameters: ["rounds": "\(t)", "start": first.map { String($0 + 1) }.joined(separator: ",")],
      status: status,
      notes: ["the empirical frequencies after \(t) rounds are a \(regret)-equilibrium"])
  }
}
