// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore

/// How a linear program's solve ended.
public enum LPStatus: Sendable, Hashable, CustomStringConvertible {
  /// An optimal solution was found.
  case optimal
  /// No point satisfies the rows and bounds.
  case infeasible
  /// Feasible points exist along which the objective improves without limit.
  case unbounded

  public var description: String {
    switch self {
    case .optimal: return "optimal"
    case .infeasible: return "infeasible"
    case .unbounded: return "unbounded"
    }
  }
}

/// The answer to a ``LinearProgram``: its status, a primal point, the duals and, for
/// infeasible or unbounded programs, a certificate.
///
/// Dual values follow GLPK's convention (GLPK Reference Manual, §1.1 and `glp_get_row_dual`):
/// the dual of row `i` is the reduced cost of its auxiliary variable, the rate at which the
/// optimal objective changes with the row's right-hand side, and the reduced cost of
/// variable `j` is `dⱼ = cⱼ − Σᵢ aᵢⱼ yᵢ`. For `max cᵀx, Ax ≤ b, x ≥ 0` these are the textbook
/// dual `y ≥ 0` with `Aᵀy ≥ c` (Chvátal 1983, ch. 5) and `d = c − Aᵀy ≤ 0`.
public struct LPSolution<S: GameScalar>: Sendable, Hashable {
  /// How the solve ended.
  public var status: LPStatus
  /// The optimal objective value; `nil` unless ``status`` is `.optimal`.
  public var objectiveValue: S?
  /// The structural variables' values: the optimum, or for `.unbounded` the feasible point
  /// the ``ray`` starts from; empty when infeasible.
  public var values: [S]
  /// One dual value per row; empty unless optimal.
  public var rowDuals: [S]
  /// One reduced cost per variable; empty unless optimal.
  public var reducedCosts: [S]
  /// For `.unbounded`: a direction `r` with `values + t·r` feasible for all `t ≥ 0` and the
  /// objective strictly improving along it.
  public var ray: [S]?
  /// For `.infeasible` (exact solves): multipliers `π`, one per row, proving infeasibility:
  /// `Σᵢ πᵢ rᵢ − (πᵀA) x` is zero for every `x` but has constant sign away from zero over the
  /// bounds of the rows' auxiliary variables and of `x` (a Farkas certificate).
  public var farkasMultipliers: [S]?
  /// Whether the numbers are exact.
  public var isExact: Bool
  /// What GLPK's `glp_simplex` reported, e.g. `"optimal"`, or `nil` when GLPK was not used.
  public var glpkStatus: String?
  /// The pivots (and bound flips) the exact simplex made after GLPK's basis; zero when the
  /// basis GLPK found was exactly optimal.
  public var exactPivots: Int

  public init(
    status: LPStatus, objectiveValue: S? = nil, values: [S] = [], rowDuals: [S] = [],
    reducedCosts: [S] = [], ray: [S]? = nil, farkasMultipliers: [S]? = nil,
    glpkStatus: String? = nil, exactPivots: Int = 0
  ) {
    self.status = status
    self.objectiveValue = objectiveValue
    self.values = values
    self.rowDuals = rowDuals
    self.reducedCosts = reducedCosts
    self.ray = ray
    self.farkasMultipliers = farkasMultipliers
    self.isExact = S.isExact
    self.glpkStatus = glpkStatus
    self.exactPivots = exactPivots
  }

  /// The same solution over another scalar type.
  public func converted<T: GameScalar>(to _: T.Type = T.self) -> LPSolution<T> {
    func c(_ v: [S]) -> [T] { v.map { T($0.rationalValue) } }
    var s = LPSolution<T>(
      status: status, objectiveValue: objectiveValue.map { T($0.rationalValue) },
      values: c(values), rowDuals: c(rowDuals), reducedCosts: c(reducedCosts),
      ray: ray.map(c), farkasMultipliers: farkasMultipliers.map(c), glpkStatus: glpkStatus,
      exactPivots: exactPivots)
    s.isExact = isExact && T.isExact
    return s
  }
}

/// A failure to solve a linear program (as opposed to finding it infeasible or unbounded).
public struct LPError: Error, Hashable, Sendable, CustomStringConvertible {
  enum Kind: Hashable, Sendable {
    case glpk
    case cancelled
    case timeLimit
    case pivotLimit
    case nonFinite
    case verification
  }

  let kind: Kind
  /// What went wrong, in one sentence.
  public let reason: String
  /// The pivot limit, for ``pivotLimit(_:)``.
  let limit: Int

  init(_ kind: Kind, _ reason: String, limit: Int = 0) {
    self.kind = kind
    self.reason = reason
    self.limit = limit
  }

  /// GLPK's `glp_simplex` returned a failure code or an undefined status (float path only).
  public static func glpk(_ reason: String) -> LPError { LPError(.glpk, reason) }
  /// The run was cancelled through ``SolverControl``.
  public static var cancelled: LPError { LPError(.cancelled, "cancelled") }
  /// The deadline in ``SolverControl`` passed.
  public static var timeLimit: LPError { LPError(.timeLimit, "time limit reached") }
  /// The exact simplex reached its pivot limit.
  public static func pivotLimit(_ n: Int) -> LPError {
    LPError(.pivotLimit, "pivot limit \(n) reached", limit: n)
  }
  /// A coefficient has no finite `Double` value (float path only).
  public static var nonFinite: LPError {
    LPError(.nonFinite, "a coefficient is too large for Double")
  }
  /// The exact answer failed its own optimality check (an internal error).
  static func verification(_ reason: String) -> LPError { LPError(.verification, reason) }

  /// Whether the run stopped because of ``SolverControl`` (cancelled or out of time).
  public var isInterruption: Bool { kind == .cancelled || kind == .timeLimit }
  /// The ``SolverStatus`` that corresponds to an interruption, or `nil`.
  public var solverStatus: SolverStatus? {
    switch kind {
    case .cancelled: return .cancelled
    case .timeLimit: return .timeLimit
    case .pivotLimit: return .pivotLimit(limit)
    default: return nil
    }
  }

  public var description: String { "lp: \(reason)" }
}

/// Options for the exact solve.
public struct ExactLPOptions: Sendable, Hashable {
  /// Start from GLPK's final basis (the default). When `false` the exact simplex starts from
  /// the slack basis, which is slower but independent of GLPK.
  public var warmStartFromGLPK: Bool
  /// The exact simplex gives up with ``LPError/pivotLimit(_:)`` after this many pivots.
  public var maxPivots: Int

  public init(warmStartFromGLPK: Bool = true, maxPivots: Int = 1_000_000) {
    self.warmStartFromGLPK = warmStartFromGLPK
    self.maxPivots = maxPivots
  }
}
