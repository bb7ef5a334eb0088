// SPDX-License-Identifier: GPL-3.0-or-later

/// One term of a lottery over deals: the deal's index and its probability.
public struct LotteryTerm<S: GameScalar>: Sendable, Hashable {
  /// The deal's index in the problem's deal list.
  public var deal: Int
  /// Its probability (positive; the terms of a lottery sum to one).
  public var weight: S

  public init(deal: Int, weight: S) {
    self.deal = deal
    self.weight = weight
  }
}

/// A solution of a bargaining problem, with the provenance a published table needs.
///
/// Follows ``SolverResult``: the concept and method, whether the point is exact, the
/// parameters, how the run ended and remarks travel with the point. On a finite feasible set
/// the point is realised by ``lottery`` (one term with weight one when a single deal solves
/// the problem); on a pie it is realised by the ``shares``.
public struct BargainingSolution<S: GameScalar>: Sendable {
  /// The solution concept, e.g. `"nash"`, `"kalai-smorodinsky"`, `"egalitarian"`.
  public var concept: String
  /// The utility vector the solution assigns.
  public var point: [S]
  /// The deals and probabilities realising (or, under free disposal, dominating) ``point``.
  public var lottery: [LotteryTerm<S>]
  /// The pie shares realising ``point`` (pie problems only).
  public var shares: [S]
  /// How it was computed, e.g. `"hull facet, closed form"`.
  public var method: String
  /// Whether ``point`` is exact (false when it was computed in floating point, even if `S`
  /// is exact).
  public var isExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// The tolerance used when the result was verified (zero when exact).
  public var tolerance: S
  /// Remarks for reports.
  public var notes: [String]

  public init(
    concept: String, point: [S], lottery: [LotteryTerm<S>] = [], shares: [S] = [],
    method: String, isExact: Bool, parameters: [String: String] = [:],
    status: SolverStatus = .complete, tolerance: S = .defaultTolerance, notes: [String] = []
  ) {
    self.concept = concept
    self.point = point
    self.lottery = lottery
    self.shares = shares
    self.method = method
    self.isExact = isExact
    self.parameters = parameters
    self.status = status
    self.tolerance = tolerance
    self.notes = notes
  }
}
