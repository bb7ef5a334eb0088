// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import Negotiation
import Synchronization
import Testing

/// ``ParameterSweep/map(_:control:progress:_:)``: every point when not stopped, with one
/// progress call per point; skipped points and status `cancelled` when stopped.
@Suite struct CancellableMapTests {
  @Test func completeRunMatchesThePlainMap() {
    let indices = Array(0..<50)
    let calls = Atomic<Int>(0)
    let (results, status) = ParameterSweep.map(
      indices, control: .none, progress: { calls.add(1, ordering: .relaxed) }
    ) { $0 * $0 }
    #expect(status == .complete)
    #expect(results.map { $0 } == ParameterSweep.map(indices) { $0 * $0 }.map { $0 })
    #expect(calls.load(ordering: .relaxed) == 50)
  }

  @Test func cancellationSkipsTheRest() {
    let flag = CancellationFlag()
    let indices = Array(0..<200)
    let (results, status) = ParameterSweep.map(
      indices, control: SolverControl(cancellation: flag)
    ) { i -> Int in
      if i == 10 { flag.cancel() }
      return i
    }
    #expect(status == .cancelled)
    let done = results.compactMap { $0 }
    #expect(done.count < indices.count)
    #expect(done.contains(10))
    // What was computed is right.
    for (i, r) in results.enumerated() { if let r { #expect(r == i) } }
  }

  @Test func alreadyCancelledComputesNothing() {
    let flag = CancellationFlag()
    flag.cancel()
    let (results, status) = ParameterSweep.map(
      Array(0..<5), control: SolverControl(cancellation: flag)) { $0 }
    #expect(status == .cancelled)
    #expect(results.allSatisfy { $0 == nil })
  }
}
