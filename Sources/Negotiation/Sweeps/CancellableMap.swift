// SPDX-License-Identifier: GPL-3.0-or-later

import Dispatch
public import GameCore
import Synchronization

extension ParameterSweep {
  /// `body` applied to each of `indices` in parallel, like ``map(_:_:)``, but stoppable:
  /// before each point the control is polled, and once it asks to stop the remaining points
  /// are skipped (their results are `nil`). `progress` is called after each point computed.
  ///
  /// Workers take points in order from a shared counter, so a stop leaves the computed
  /// points at the front (up to the ones in flight).
  /// - Parameter concurrency: at most this many workers (default: one per point, which
  ///   Dispatch limits to the cores).
  /// - Returns: one result per index (`nil` for a skipped point), in the order of `indices`,
  ///   and the status: `.complete`, or the control's reason for stopping.
  /// - Complexity: the sum of the bodies' costs divided among the cores.
  public static func map<T: Sendable>(
    _ indices: [Int], concurrency: Int? = nil, control: SolverControl,
    progress: (@Sendable () -> Void)? = nil, _ body: @Sendable (Int) -> T
  ) -> (results: [T?], status: SolverStatus) {
    let results = Mutex([T?](repeating: nil, count: indices.count))
    let stop = Mutex<SolverStatus?>(nil)
    let next = Atomic<Int>(0)
    let workers = min(concurrency ?? indices.count, max(indices.count, 1))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let j = next.wrappingAdd(1, ordering: .relaxed).oldValue
        guard j < indices.count else { return }
        if let reason = control.stopReason() {
          stop.withLock { $0 = $0 ?? reason }
          return
        }
        let value = body(indices[j])
        results.withLock { $0[j] = value }
        progress?()
      }
    }
    let all = results.withLock { $0 }
    let complete = all.allSatisfy { $0 != nil }
    return (all, complete ? .complete : stop.withLock { $0 } ?? .complete)
  }
}
