// SPDX-License-Identifier: GPL-3.0-or-later

/// What a cooperative solution method computed: one payoff vector (a value, an index, the
/// nucleolus) or several (core vertices), with the provenance a report needs.
///
/// Like ``SolverResult``, it records the method, whether arithmetic was exact, the
/// parameters and how the run ended. Every allocation has been verified by the method before
/// it is returned (efficiency for values, the core constraints for core points and vertices,
/// the defining equalities of the nucleolus' last linear programme).
public struct AllocationResult<S: GameScalar>: Sendable {
  /// The payoff vectors, one entry per player each.
  public var allocations: [[S]]
  /// The method's short name, e.g. `"shapley"`, `"nucleolus"`.
  public var method: String
  /// Whether the computation was exact.
  public var isExact: Bool
  /// The parameters the method ran with, as text.
  public var parameters: [String: String]
  /// How the run ended.
  public var status: SolverStatus
  /// A number the method computes besides the allocations, named by ``scalarName``: the
  /// least-core value `ε*`, the Banzhaf total swing count, …
  public var scalar: S?
  /// What ``scalar`` is, e.g. `"least-core epsilon"`.
  public var scalarName: String?
  /// For Monte Carlo estimates: the half-width of each player's confidence interval.
  public var halfWidths: [Double]?
  /// Exact integer counts behind an index (swings, minimal winning coalitions), as text.
  public var counts: [String]?
  /// Remarks on the run, for reports.
  public var notes: [String]

  public init(
    allocations: [[S]], method: String, parameters: [String: String] = [:],
    status: SolverStatus = .complete, scalar: S? = nil, scalarName: String? = nil,
    halfWidths: [Double]? = nil, counts: [String]? = nil, notes: [String] = []
  ) {
    self.allocations = allocations
    self.method = method
    self.isExact = S.isExact
    self.parameters = parameters
    self.status = status
    self.scalar = scalar
    self.scalarName = scalarName
    self.halfWidths = halfWidths
    self.counts = counts
    self.notes = notes
  }

  /// The first (usually only) allocation.
  public var allocation: [S] { allocations[0] }
}

extension AllocationResult {
  /// The same result over another scalar type (exactness kept only if both are exact).
  public func converted<T: GameScalar>(to _: T.Type = T.self) -> AllocationResult<T> {
    var r = AllocationResult<T>(
      allocations: allocations.map { $0.map { T($0.rationalValue) } }, method: method,
      parameters: parameters, status: status, scalar: scalar.map { T($0.rationalValue) },
      scalarName: scalarName, halfWidths: halfWidths, counts: counts, notes: notes)
    r.isExact = isExact && T.isExact
    return r
  }
}
