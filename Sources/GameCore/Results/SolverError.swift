// SPDX-License-Identifier: GPL-3.0-or-later

/// A recoverable failure of a solver: the game is outside what the method handles, a limit
/// was hit before anything could be reported, or a numeric method failed.
///
/// The struct wraps an internal kind so that new cases do not break callers (the pattern of
/// swift-argument-parser's `ValidationError` and swift-system's `Errno`). Messages name the
/// operation, as pygambit's `"lcp_solve(): …"` does.
public struct SolverError: Error, Hashable, Sendable, CustomStringConvertible {
  enum Kind: Hashable, Sendable {
    case unsupportedGame
    case invalidArgument
    case limitExceeded
    case numerical
    case cancelled
  }

  let kind: Kind
  /// The operation that failed, e.g. `"enummixed"`.
  public let operation: String
  /// What went wrong, in one sentence.
  public let reason: String

  init(_ kind: Kind, _ operation: String, _ reason: String) {
    self.kind = kind
    self.operation = operation
    self.reason = reason
  }

  /// The method does not apply to this game (e.g. three players for a two-player method).
  public static func unsupportedGame(_ operation: String, _ reason: String) -> SolverError {
    SolverError(.unsupportedGame, operation, reason)
  }
  /// A parameter is out of range.
  public static func invalidArgument(_ operation: String, _ reason: String) -> SolverError {
    SolverError(.invalidArgument, operation, reason)
  }
  /// A size or memory limit would be exceeded.
  public static func limitExceeded(_ operation: String, _ reason: String) -> SolverError {
    SolverError(.limitExceeded, operation, reason)
  }
  /// A numeric method failed (singular system, no convergence, a GSL or LP status).
  public static func numerical(_ operation: String, _ reason: String) -> SolverError {
    SolverError(.numerical, operation, reason)
  }
  /// The computation was cancelled before it produced anything.
  public static func cancelled(_ operation: String) -> SolverError {
    SolverError(.cancelled, operation, "cancelled")
  }

  public var isUnsupportedGame: Bool { kind == .unsupportedGame }
  public var isLimitExceeded: Bool { kind == .limitExceeded }

  public var description: String { "\(operation)(): \(reason)" }
}
