// SPDX-License-Identifier: GPL-3.0-or-later

import Synchronization

/// A flag another thread (a Ctrl-C handler, a kernel interrupt) sets to ask a running solver to
/// stop. Solvers poll it at natural steps — once per pivot or per support pair, as Gambit's
/// `cancel.h` specifies — and report what they found so far with status `.cancelled`.
public final class CancellationFlag: Sendable {
  private let flag = Atomic<Bool>(false)

  public init() {}

  /// Asks the computation to stop.
  public func cancel() { flag.store(true, ordering: .relaxed) }
  /// Clears the request (before the next computation).
  public func reset() { flag.store(false, ordering: .relaxed) }
  /// Whether a stop has been requested.
  public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Limits a solver honours: cancellation and a wall-clock deadline.
public struct SolverControl: Sendable {
  /// Checked at natural steps; `nil` means the run cannot be cancelled.
  public var cancellation: CancellationFlag?
  /// The run stops (reporting what it found) once this instant has passed.
  public var deadline: ContinuousClock.Instant?

  public init(cancellation: CancellationFlag? = nil, timeLimit: Duration? = nil) {
    self.cancellation = cancellation
    self.deadline = timeLimit.map { ContinuousClock.now.advanced(by: $0) }
  }

  /// No limits.
  public static var none: SolverControl { SolverControl() }

  /// The status a solver should stop with now, or `nil` to go on.
  public func stopReason() -> SolverStatus? {
    if let cancellation, cancellation.isCancelled { return .cancelled }
    if let deadline, ContinuousClock.now >= deadline { return .timeLimit }
    return nil
  }
}
