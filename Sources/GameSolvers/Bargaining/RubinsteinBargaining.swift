// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The subgame-perfect agreement of Rubinstein's alternating-offers game.
public struct RubinsteinResult<S: GameScalar>: Sendable {
  /// The division of the pie agreed in the first round: player 0's and player 1's shares.
  public var shares: [S]
  /// The player who proposes first.
  public var firstProposer: Int
  /// The share each player keeps when proposing (stationary strategies; the first round's
  /// proposer's entry for a finite horizon).
  public var proposerShares: [S]
  /// Finite horizon: the proposer's share in each round 1…T, found by backward induction.
  public var roundShares: [S]
  /// The horizon (`nil` for the infinite game or the continuous-time limit).
  public var horizon: Int?
  /// The method, e.g. `"closed form"`.
  public var method: String
  /// Whether the shares are exact.
  public var isExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// Remarks for reports.
  public var notes: [String]
}

/// Rubinstein's (1982) alternating-offers bargaining over a pie of size one.
///
/// Two players alternate proposals; the responder accepts or rejects, and a rejection costs
/// a period: player i discounts by δᵢ ∈ (0, 1]. Osborne and Rubinstein (1994, §7.3;
/// 1990, ch. 3) give the unique subgame-perfect equilibrium:
/// - Infinite horizon: player i, proposing, keeps xᵢ* = (1 − δⱼ)/(1 − δᵢδⱼ) and offers
///   δⱼ(1 − δᵢ)/(1 − δᵢδⱼ), which j accepts at once (needs δᵢδⱼ < 1). Verified: each
///   responder is offered exactly the discounted value of proposing next period.
/// - Finite horizon T: backward induction. In round T the proposer takes the whole pie; in
///   round t < T the proposer keeps sₜ = 1 − δᵣ·sₜ₊₁ where r, the responder, proposes in
///   round t + 1. As T → ∞ the first-round split converges to the infinite-horizon one.
/// - Continuous-time limit (Binmore, Rubinstein and Wolinsky 1986): with δᵢ = e^{−rᵢΔ} and
///   Δ → 0 the split tends to (r₁, r₀)/(r₀ + r₁), the asymmetric Nash solution with weights
///   1/rᵢ — exact for rational rates, whoever proposes first.
/// - Complexity: O(1), or O(T) for a finite horizon.
public struct RubinsteinBargaining: Sendable {
  public init() {}

  /// The equilibrium split for discount factors `discounts` (δ₀, δ₁).
  ///
  /// - Parameters:
  ///   - firstProposer: 0 or 1.
  ///   - horizon: the number of rounds, or `nil` for the infinite game.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` for discount factors outside (0, 1], a
  ///   bad proposer or horizon, or δ₀ = δ₁ = 1 with an infinite horizon (every split is then
  ///   an equilibrium outcome).
  public func solve<S: GameScalar>(
    discounts: [S], firstProposer: Int = 0, horizon: Int? = nil
  ) throws(SolverError) -> RubinsteinResult<S> {
    let op = "rubinstein"
    guard discounts.count == 2 else {
      throw .invalidArgument(op, "two discount factors are needed, got \(discounts.count)")
    }
    for (i, delta) in discounts.enumerated() where !(delta > .zero && delta <= 1) {
      throw .invalidArgument(op, "discount factor \(i) is \(delta), outside (0, 1]")
    }
    guard firstProposer == 0 || firstProposer == 1 else {
      throw .invalidArgument(op, "the first proposer must be player 0 or 1")
    }
    let params = [
      "discounts": discounts.map(\.description).joined(separator: ","),
      "first proposer": String(firstProposer),
      "horizon": horizon.map(String.init) ?? "infinite",
    ]
    let p = firstProposer
    let r = 1 - firstProposer
    if let horizon {
      guard horizon >= 1 else { throw .invalidArgument(op, "the horizon must be at least 1") }
      var rounds = [S](repeating: 1, count: horizon)
      for t in stride(from: horizon - 2, through: 0, by: -1) {
        let responder = t % 2 == 0 ? r : p
        rounds[t] = 1 - discounts[responder] * rounds[t + 1]
      }
      // Verify: each round's responder gets exactly the discounted next-round share.
      for t in 0..<(horizon - 1) {
        let responder = t % 2 == 0 ? r : p
        guard (1 - rounds[t]).isClose(to: discounts[responder] * rounds[t + 1]) else {
          throw .numerical(op, "backward induction check failed at round \(t + 1)")
        }
      }
      var shares = [S](repeating: .zero, count: 2)
      shares[p] = rounds[0]
      shares[r] = 1 - rounds[0]
      var keep = [S](repeating: .zero, count: 2)
      keep[p] = rounds[0]
      if horizon > 1 { keep[r] = rounds[1] }
      return RubinsteinResult(
        shares: shares, firstProposer: p, proposerShares: keep, roundShares: rounds,
        horizon: horizon, method: "backward induction", isExact: S.isExact, parameters: params,
        status: .complete, notes: [])
    }
    let product = discounts[0] * discounts[1]
    guard product < 1 else {
      throw .invalidArgument(
        op,
        "with both discount factors 1 the infinite game has a continuum of equilibria; "
          + "give a horizon")
    }
    let keep = (0..<2).map { i in (1 - discounts[1 - i]) / (1 - product) }
    for i in 0..<2 {
      guard (1 - keep[i]).isClose(to: discounts[1 - i] * keep[1 - i]) else {
        throw .numerical(op, "the responder's indifference check failed")
      }
    }
    var shares = [S](repeating: .zero, count: 2)
    shares[p] = keep[p]
    shares[r] = 1 - keep[p]
    return RubinsteinResult(
      shares: shares, firstProposer: p, proposerShares: keep, roundShares: [], horizon: nil,
      method: "closed form (Rubinstein 1982)", isExact: S.isExact, parameters: params,
      status: .complete, notes: [])
  }

  /// The limit split as the period length tends to zero, for discount rates rᵢ > 0
  /// (δᵢ = e^{−rᵢΔ}): player i gets r₁₋ᵢ/(r₀ + r₁), the Nash solution with weights 1/rᵢ.
  /// - Throws: ``SolverError/invalidArgument(_:_:)`` unless two positive rates are given.
  public func continuousTimeLimit<S: GameScalar>(rates: [S]) throws(SolverError)
    -> RubinsteinResult<S>
  {
    let op = "rubinstein"
    guard rates.count == 2, rates.allSatisfy({ $0 > .zero }) else {
      throw .invalidArgument(op, "two positive discount rates are needed")
    }
    let total = rates[0] + rates[1]
    let shares = [rates[1] / total, rates[0] / total]
    return RubinsteinResult(
      shares: shares, firstProposer: 0, proposerShares: shares, roundShares: [], horizon: nil,
      method: "continuous-time limit (Binmore, Rubinstein and Wolinsky 1986)",
      isExact: S.isExact, parameters: ["rates": rates.map(\.description).joined(separator: ",")],
      status: .complete,
      notes: ["equals the asymmetric Nash solution of the pie with weights 1/r₀, 1/r₁"])
  }
}
