// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGLPK
import GameCore

/// What one run of GLPK's simplex left behind, copied out of GLPK's problem object.
struct GLPKOutcome {
  /// `glp_simplex`'s return code (0 on success).
  var returnCode: CInt
  /// `glp_get_status`: `GLP_OPT`, `GLP_NOFEAS`, `GLP_UNBND`, …
  var status: CInt
  /// `glp_get_row_stat` for each row, then `glp_get_col_stat` for each column.
  var basis: [CInt]
  /// `glp_get_col_prim` for each column.
  var primal: [Double]
  /// `glp_get_row_dual` for each row.
  var rowDuals: [Double]
  /// `glp_get_col_dual` for each column.
  var reducedCosts: [Double]
  /// `glp_get_obj_val`.
  var objective: Double

  /// Whether GLPK's status says the solution is optimal.
  var isOptimal: Bool { returnCode == 0 && status == GLP_OPT }

  /// The result as an ``LPStatus``, or `nil` if GLPK failed or left the status undefined.
  var lpStatus: LPStatus? {
    guard returnCode == 0 else { return nil }
    switch status {
    case GLP_OPT: return .optimal
    case GLP_NOFEAS: return .infeasible
    case GLP_UNBND: return .unbounded
    default: return nil
    }
  }

  /// Text for reports, e.g. `"optimal"` or `"failed (code 0x09)"`.
  var statusText: String {
    if returnCode != 0 {
      return "failed (\(GLPKProblem.returnCodeName(returnCode)))"
    }
    switch status {
    case GLP_OPT: return "optimal"
    case GLP_FEAS: return "feasible"
    case GLP_INFEAS: return "infeasible (intermediate)"
    case GLP_NOFEAS: return "no primal feasible solution"
    case GLP_UNBND: return "unbounded"
    default: return "undefined"
    }
  }
}

/// Owns one GLPK problem object (`glp_prob`), freed with `glp_delete_prob` in `deinit`.
///
/// GLPK keeps its environment in thread-local storage (Debian builds it reentrant), so
/// objects on different threads do not interfere. Every entry point switches GLPK's terminal
/// output off with `glp_term_out(GLP_OFF)` and restores the previous setting on exit, so
/// GLPK never writes to standard output and no global setting is left changed. Inputs are
/// validated first: GLPK reports invalid arguments by aborting the process.
final class GLPKProblem {
  private let problem: OpaquePointer
  let rowCount: Int
  let columnCount: Int

  /// Loads `lp` into a new GLPK problem, or returns `nil` if a coefficient is not a finite
  /// `Double`.
  ///
  /// The corresponding GLPK functions are `glp_create_prob`, `glp_set_obj_dir`,
  /// `glp_add_rows`, `glp_add_cols`, `glp_set_row_bnds`, `glp_set_col_bnds`,
  /// `glp_set_obj_coef` and `glp_load_matrix` (GLPK Reference Manual, ch. 2).
  init?(_ lp: LinearProgram) {
    let m = lp.constraintCount, n = lp.variableCount
    // Convert and check everything before touching GLPK.
    var ia: [CInt] = [0], ja: [CInt] = [0], ar: [Double] = [0]
    for (i, row) in lp.constraints.enumerated() {
      for (j, a) in row.coefficients.enumerated() where !a.isZero {
        let v = a.doubleValue
        guard v.isFinite else { return nil }
        ia.append(CInt(i + 1))
        ja.append(CInt(j + 1))
        ar.append(v)
      }
    }
    let costs = lp.objective.map(\.doubleValue)
    let rhs = lp.constraints.map(\.rhs.doubleValue)
    let lower = lp.lowerBounds.map { $0?.doubleValue }
    let upper = lp.upperBounds.map { $0?.doubleValue }
    guard costs.allSatisfy(\.isFinite), rhs.allSatisfy(\.isFinite),
      lower.allSatisfy({ $0?.isFinite ?? true }), upper.allSatisfy({ $0?.isFinite ?? true }),
      m < Int(CInt.max), n < Int(CInt.max), ar.count < Int(CInt.max)
    else { return nil }

    let previous = glp_term_out(GLP_OFF)
    defer { glp_term_out(previous) }
    problem = glp_create_prob()
    rowCount = m
    columnCount = n
    glp_set_obj_dir(problem, lp.sense == .maximize ? GLP_MAX : GLP_MIN)
    if m > 0 { glp_add_rows(problem, CInt(m)) }
    if n > 0 { glp_add_cols(problem, CInt(n)) }
    for (i, row) in lp.constraints.enumerated() {
      let b = rhs[i]
      switch row.relation {
      case .lessOrEqual: glp_set_row_bnds(problem, CInt(i + 1), GLP_UP, 0, b)
      case .greaterOrEqual: glp_set_row_bnds(problem, CInt(i + 1), GLP_LO, b, 0)
      case .equal: glp_set_row_bnds(problem, CInt(i + 1), GLP_FX, b, b)
      }
    }
    for j in 0..<n {
      let col = CInt(j + 1)
      glp_set_obj_coef(problem, col, costs[j])
      switch (lower[j], upper[j]) {
      case (nil, nil): glp_set_col_bnds(problem, col, GLP_FR, 0, 0)
      case (let l?, nil): glp_set_col_bnds(problem, col, GLP_LO, l, 0)
      case (nil, let u?): glp_set_col_bnds(problem, col, GLP_UP, 0, u)
      case (let l?, let u?):
        // Distinct rationals may round to one double; GLPK's GLP_DB requires l < u.
        if l < u {
          glp_set_col_bnds(problem, col, GLP_DB, l, u)
        } else {
          glp_set_col_bnds(problem, col, GLP_FX, l, l)
        }
      }
    }
    let ne = ar.count - 1
    if ne > 0 { glp_load_matrix(problem, CInt(ne), ia, ja, ar) }
  }

  deinit {
    let previous = glp_term_out(GLP_OFF)
    glp_delete_prob(problem)
    glp_term_out(previous)
  }

  /// Runs GLPK's primal simplex from an advanced starting basis and copies the results out.
  ///
  /// Follows the GLPK Reference Manual, §2.8.1: `glp_init_smcp` fills the control parameters
  /// with defaults, then `msg_lev = GLP_MSG_OFF` and the time limit `tm_lim` are set;
  /// `glp_scale_prob(GLP_SF_AUTO)` and `glp_adv_basis` prepare the problem first.
  func simplex(timeLimitMilliseconds: Int?) -> GLPKOutcome {
    let previous = glp_term_out(GLP_OFF)
    defer { glp_term_out(previous) }
    var parameters = glp_smcp()
    glp_init_smcp(&parameters)
    parameters.msg_lev = GLP_MSG_OFF
    if let ms = timeLimitMilliseconds {
      parameters.tm_lim = CInt(clamping: max(ms, 1))
    }
    if rowCount > 0 && columnCount > 0 {
      glp_scale_prob(problem, GLP_SF_AUTO)
      glp_adv_basis(problem, 0)
    } else {
      glp_std_basis(problem)
    }
    let code = glp_simplex(problem, &parameters)
    let m = rowCount, n = columnCount
    var basis = [CInt]()
    basis.reserveCapacity(m + n)
    for i in 0..<m { basis.append(glp_get_row_stat(problem, CInt(i + 1))) }
    for j in 0..<n { basis.append(glp_get_col_stat(problem, CInt(j + 1))) }
    return GLPKOutcome(
      returnCode: code,
      status: glp_get_status(problem),
      basis: basis,
      primal: (0..<n).map { glp_get_col_prim(problem, CInt($0 + 1)) },
      rowDuals: (0..<m).map { glp_get_row_dual(problem, CInt($0 + 1)) },
      reducedCosts: (0..<n).map { glp_get_col_dual(problem, CInt($0 + 1)) },
      objective: glp_get_obj_val(problem))
  }

  /// The names of `glp_simplex`'s return codes (GLPK Reference Manual, §2.8.1).
  static func returnCodeName(_ code: CInt) -> String {
    switch code {
    case GLP_EBADB: return "GLP_EBADB: invalid initial basis"
    case GLP_ESING: return "GLP_ESING: singular basis matrix"
    case GLP_ECOND: return "GLP_ECOND: ill-conditioned basis matrix"
    case GLP_EBOUND: return "GLP_EBOUND: incorrect bounds"
    case GLP_EFAIL: return "GLP_EFAIL: solver failure"
    case GLP_EOBJLL: return "GLP_EOBJLL: objective lower limit reached"
    case GLP_EOBJUL: return "GLP_EOBJUL: objective upper limit reached"
    case GLP_EITLIM: return "GLP_EITLIM: iteration limit exceeded"
    case GLP_ETMLIM: return "GLP_ETMLIM: time limit exceeded"
    case GLP_ENOPFS: return "GLP_ENOPFS: no primal feasible solution"
    case GLP_ENODFS: return "GLP_ENODFS: no dual feasible solution"
    default: return "code \(code)"
    }
  }

  /// Whether `code` is `GLP_ETMLIM`.
  static func isTimeLimit(_ code: CInt) -> Bool { code == GLP_ETMLIM }

  /// The basis status codes as the exact simplex's nonbasic positions.
  static func isBasic(_ status: CInt) -> Bool { status == GLP_BS }
  static func isAtUpper(_ status: CInt) -> Bool { status == GLP_NU }
  static func isFreeNonbasic(_ status: CInt) -> Bool { status == GLP_NF }
}
