// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// Maximum flow on a small dense network, generic over the number field.
///
/// Edmonds and Karp (1972): augment along shortest paths found by breadth-first search;
/// with exact capacities the result is exact. Used to split a tie group's required
/// inclusion probabilities among the proposers who mix over it.
/// - Complexity: O(V·E) augmentations of O(V²) each on a dense V-node network.
struct MaxFlow<S: GameScalar> {
  let nodeCount: Int
  private(set) var capacity: [[S]]
  private(set) var flow: [[S]]

  init(nodeCount: Int) {
    self.nodeCount = nodeCount
    capacity = Array(repeating: Array(repeating: .zero, count: nodeCount), count: nodeCount)
    flow = capacity
  }

  mutating func addCapacity(from a: Int, to b: Int, _ c: S) {
    capacity[a][b] += c
  }

  /// Pushes as much flow as possible from `source` to `sink`; returns its value.
  mutating func run(source: Int, sink: Int, tolerance: S) -> S {
    var total = S.zero
    while true {
      var parent = [Int](repeating: -1, count: nodeCount)
      parent[source] = source
      var queue = [source]
      var head = 0
      while head < queue.count, parent[sink] < 0 {
        let u = queue[head]
        head += 1
        for v in 0..<nodeCount where parent[v] < 0 && capacity[u][v] - flow[u][v] > tolerance {
          parent[v] = u
          queue.append(v)
        }
      }
      if parent[sink] < 0 { return total }
      var push: S? = nil
      var v = sink
      while v != source {
        let u = parent[v]
        let residual = capacity[u][v] - flow[u][v]
        if push == nil || residual < push! { push = residual }
        v = u
      }
      v = sink
      while v != source {
        let u = parent[v]
        flow[u][v] += push!
        flow[v][u] -= push!
        v = u
      }
      total += push!
    }
  }
}
