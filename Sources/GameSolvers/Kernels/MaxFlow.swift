// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// Maximum flow on a small network, generic over the number field.
///
/// Dinic (1970): repeatedly build the level graph of shortest residual paths by
/// breadth-first search and saturate it with a blocking flow found by depth-first search
/// with current-arc pointers. With exact capacities the result is exact. Used to split a
/// tie group's required inclusion probabilities among the proposers who mix over it.
/// - Complexity: O(V²E) in general; the bipartite networks here need few phases.
struct MaxFlow<S: GameScalar> {
  let nodeCount: Int
  private var heads: [Int]
  private var to: [Int] = []
  private var residual: [S] = []
  private var next: [Int] = []
  private var original: [S] = []
  private var edgeIndex: [[Int: Int]]

  init(nodeCount: Int) {
    self.nodeCount = nodeCount
    heads = [Int](repeating: -1, count: nodeCount)
    edgeIndex = [[Int: Int]](repeating: [:], count: nodeCount)
  }

  mutating func addCapacity(from a: Int, to b: Int, _ c: S) {
    if let e = edgeIndex[a][b] {
      residual[e] += c
      original[e] += c
      return
    }
    edgeIndex[a][b] = to.count
    to.append(b)
    residual.append(c)
    original.append(c)
    next.append(heads[a])
    heads[a] = to.count - 1
    edgeIndex[b][a] = edgeIndex[b][a] ?? to.count
    to.append(a)
    residual.append(.zero)
    original.append(.zero)
    next.append(heads[b])
    heads[b] = to.count - 1
  }

  /// The flow on the edge a → b (zero if there is none).
  func flow(from a: Int, to b: Int) -> S {
    guard let e = edgeIndex[a][b], to[e] == b else { return .zero }
    return original[e] - residual[e]
  }

  /// Pushes as much flow as possible from `source` to `sink`; returns its value.
  mutating func run(source: Int, sink: Int, tolerance: S) -> S {
    var total = S.zero
    while true {
      var level = [Int](repeating: -1, count: nodeCount)
      level[source] = 0
      var queue = [source]
      var head = 0
      while head < queue.count {
        let u = queue[head]
        head += 1
        var e = heads[u]
        while e >= 0 {
          if level[to[e]] < 0 && residual[e] > tolerance {
            level[to[e]] = level[u] + 1
            queue.append(to[e])
          }
          e = next[e]
        }
      }
      if level[sink] < 0 { return total }
      var current = heads
      while let pushed = augment(source, sink, nil, &level, &current, tolerance), pushed > tolerance
      {
        total += pushed
      }
    }
  }

  private mutating func augment(
    _ u: Int, _ sink: Int, _ limit: S?, _ level: inout [Int], _ current: inout [Int], _ tol: S
  ) -> S? {
    if u == sink { return limit }
    while current[u] >= 0 {
      let e = current[u]
      let v = to[e]
      if level[v] == level[u] + 1 && residual[e] > tol {
        let cap = limit.map { min($0, residual[e]) } ?? residual[e]
        if let pushed = augment(v, sink, cap, &level, &current, tol), pushed > tol {
          residual[e] -= pushed
          residual[e ^ 1] += pushed
          return pushed
        }
      }
      current[u] = next[e]
    }
    return nil
  }
}
