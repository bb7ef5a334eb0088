// SPDX-License-Identifier: GPL-3.0-or-later

import GSLSupport
import GameCore
import RealModule

// Internal pieces shared by the axiomatic bargaining solvers: the linear programs over the
// (comprehensive) convex hull of the deals, and the numerics of the pie model.

/// The constraint matrix of the hull programs, built once per problem and shared by the
/// programs of one solution (ideal point, ray): columns λ (m deals), slacks s (n) and t;
/// rows one per player and Σλ = 1. The t column is rewritten for each program in place.
final class HullMatrix<S: GameScalar> {
  let m: Int
  let n: Int
  var columns: Int { m + n + 1 }
  var A: [S]
  var Ad: [Double]

  init(deals: [[S]], players n: Int) {
    m = deals.count
    self.n = n
    let cols = m + n + 1
    A = [S](repeating: .zero, count: (n + 1) * cols)
    Ad = [Double](repeating: 0, count: (n + 1) * cols)
    for (j, u) in deals.enumerated() {
      for i in 0..<n {
        A[i * cols + j] = u[i]
        Ad[i * cols + j] = u[i].doubleValue
      }
      A[n * cols + j] = 1
      Ad[n * cols + j] = 1
    }
    for i in 0..<n {
      A[i * cols + m + i] = -1
      Ad[i * cols + m + i] = -1
    }
  }

  func setRay(_ ray: [S]?) {
    for i in 0..<n {
      A[i * columns + m + n] = ray.map { -$0[i] } ?? .zero
      Ad[i * columns + m + n] = ray.map { -$0[i].doubleValue } ?? 0
    }
  }
}

enum HullPrograms {
  /// maximise objᵀ(Pλ) (or t when `ray` is given) over lotteries λ with Pλ − t·ray ≥ d,
  /// t ≥ 0.
  ///
  /// Returns the lottery (deal indices and weights), the point Pλ and t. Programs with more
  /// than 2,000 deals are solved by column generation.
  static func solve<S: GameScalar>(
    deals: [[S]], disagreement d: [S], objective: [S], ray: [S]?, control: SolverControl,
    operation: String, matrix: HullMatrix<S>? = nil
  ) throws(SolverError) -> (lottery: [LotteryTerm<S>], point: [S], t: S) {
    let m = deals.count
    let n = d.count
    let mat = matrix ?? HullMatrix(deals: deals, players: n)
    mat.setRay(ray)
    let cols = mat.columns
    let rows = n + 1
    var b = d
    b.append(1)
    var c = [S](repeating: .zero, count: cols)
    var cd = [Double](repeating: 0, count: cols)
    if ray != nil {
      c[m + n] = 1
      cd[m + n] = 1
    } else {
      let od = objective.map { $0.doubleValue }
      for j in 0..<m {
        var s = S.zero
        var sd = 0.0
        for i in 0..<n where !objective[i].isZero {
          s += objective[i] * deals[j][i]
          sd += od[i] * mat.Ad[i * cols + j]
        }
        c[j] = s
        cd[j] = sd
      }
    }
    let lp = DenseProgram(rowCount: rows, columnCount: cols, A: mat.A, b: b, c: c)
    let outcome: DenseOutcome<S>
    if m > 2_000 {
      // Column generation from the deals best for each player, for the total, and along the
      // ray or objective.
      var directions = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
      directions.append([Double](repeating: 1, count: n))
      if let ray { directions.append(ray.map { $0.doubleValue }) }
      if !objective.isEmpty { directions.append(objective.map { $0.doubleValue }) }
      var initial = Set<Int>()
      var score = [Double](repeating: 0, count: m)
      for dir in directions {
        for j in 0..<m {
          var s = 0.0
          for i in 0..<n { s += dir[i] * mat.Ad[i * cols + j] }
          score[j] = s
        }
        initial.formUnion(topIndices(score, count: 64))
      }
      let approximation = S.isExact
        ? DenseProgram(
          rowCount: rows, columnCount: cols, A: mat.Ad, b: b.map { $0.doubleValue }, c: cd)
        : nil
      outcome = DenseSimplex.solveByColumnGeneration(
        lp, approximation: approximation, initial: Array(initial), mandatory: Array(m..<cols),
        control: control)
    } else {
      outcome = DenseSimplex.solve(lp, control: control)
    }
    switch outcome {
    case .optimal(let sol):
      var lottery = [LotteryTerm<S>]()
      var point = [S](repeating: .zero, count: n)
      for j in 0..<m where sol.x[j] > .zero {
        lottery.append(LotteryTerm(deal: j, weight: sol.x[j]))
        for i in 0..<n { point[i] += sol.x[j] * deals[j][i] }
      }
      return (lottery, point, ray == nil ? .zero : sol.x[m + n])
    case .infeasible:
      throw .invalidArgument(
        operation, "no lottery gives every player at least the disagreement payoff")
    case .unbounded:
      throw .numerical(operation, "the linear program is unbounded (a ray of zero length?)")
    case .stopped(let s):
      throw s == .cancelled ? .cancelled(operation) : .limitExceeded(operation, "\(s)")
    }
  }

  /// The deals as one row-major `Double` array (m × n).
  static func flatDoubles<S: GameScalar>(_ deals: [[S]]) -> [Double] {
    let n = deals.first?.count ?? 0
    var out = [Double](repeating: 0, count: deals.count * n)
    for (j, u) in deals.enumerated() { for i in 0..<n { out[j * n + i] = u[i].doubleValue } }
    return out
  }

  /// The indices of the `count` largest scores (in no particular order).
  /// - Complexity: O(m log count).
  static func topIndices(_ score: [Double], count k: Int) -> [Int] {
    // A binary min-heap of (score, index) holding the best k seen so far.
    var heap = [(Double, Int)]()
    heap.reserveCapacity(k)
    func siftDown(_ start: Int) {
      var i = start
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var smallest = i
        if l < heap.count && heap[l].0 < heap[smallest].0 { smallest = l }
        if r < heap.count && heap[r].0 < heap[smallest].0 { smallest = r }
        if smallest == i { return }
        heap.swapAt(i, smallest)
        i = smallest
      }
    }
    for (j, s) in score.enumerated() {
      if heap.count < k {
        heap.append((s, j))
        var i = heap.count - 1
        while i > 0 && heap[(i - 1) / 2].0 > heap[i].0 {
          heap.swapAt(i, (i - 1) / 2)
          i = (i - 1) / 2
        }
      } else if s > heap[0].0 {
        heap[0] = (s, j)
        siftDown(0)
      }
    }
    return heap.map(\.1)
  }

  /// The ideal (utopia) point: each player's best payoff over the individually rational part
  /// of the feasible set.
  static func idealPoint<S: GameScalar>(
    deals: [[S]], disagreement d: [S], lotteries: Bool, control: SolverControl,
    operation: String, matrix: HullMatrix<S>? = nil
  ) throws(SolverError) -> [S] {
    let n = d.count
    if !lotteries {
      let ir = deals.filter { u in (0..<n).allSatisfy { u[$0] >= d[$0] } }
      guard !ir.isEmpty else {
        throw .invalidArgument(
          operation, "no deal gives every player at least the disagreement payoff")
      }
      return (0..<n).map { i in ir.map { $0[i] }.max()! }
    }
    var ideal = [S]()
    let mat = matrix ?? HullMatrix(deals: deals, players: n)
    for i in 0..<n {
      var e = [S](repeating: .zero, count: n)
      e[i] = 1
      ideal.append(
        try solve(
          deals: deals, disagreement: d, objective: e, ray: nil, control: control,
          operation: operation, matrix: mat
        ).point[i])
    }
    return ideal
  }
}

/// The numerics of ``PieDivision``: minimal acceptable shares and inverse utilities.
struct PieNumerics {
  let pie: PieDivision
  let d: [Double]
  let operation: String

  var n: Int { d.count }

  func u(_ i: Int, _ x: Double) -> Double { pie.utilities[i](x) }

  /// The share x ∈ [0, 1] at which player i's utility equals `level` (utilities increase).
  func share(_ i: Int, reaching level: Double) throws(SolverError) -> Double {
    if u(i, 0) >= level { return 0 }
    if u(i, 1) <= level { return 1 }
    do {
      return try RootFinder.brent(in: 0, 1) { x in self.u(i, x) - level }
    } catch {
      throw .numerical(operation, "could not invert player \(i)'s utility: \(error)")
    }
  }

  /// The smallest shares the players accept (their utility reaches the disagreement payoff).
  func minimalShares() throws(SolverError) -> [Double] {
    var m = [Double]()
    for i in 0..<n { m.append(try share(i, reaching: d[i])) }
    if m.reduce(0, +) >= 1 {
      throw .invalidArgument(
        operation, "the players' minimal acceptable shares sum to at least the whole pie")
    }
    return m
  }

  func derivative(_ i: Int, _ x: Double) throws(SolverError) -> Double {
    do {
      return try Derivative.estimate(at: x, step: 1e-6, domain: 0...1) { self.u(i, $0) }
    } catch {
      throw .numerical(operation, "could not differentiate player \(i)'s utility: \(error)")
    }
  }

  /// Solves Σᵢ xᵢ(λ) = 1 for λ where each xᵢ(λ) is decreasing in λ on [lo, hi].
  func balance(
    lo: Double, hi: Double, _ shares: (Double) throws(SolverError) -> [Double]
  ) throws(SolverError) -> [Double] {
    // Bisection on a monotone, possibly kinked, function (robust where Brent needs signs).
    var a = lo
    var b = hi
    var fa = try shares(a).reduce(0, +) - 1
    let fb = try shares(b).reduce(0, +) - 1
    if fa < 0 || fb > 0 {
      throw .numerical(operation, "the share equation has no root in [\(lo), \(hi)]")
    }
    for _ in 0..<200 {
      let mid = a > 0 && b > 4 * a ? (a * b).squareRoot() : (a + b) / 2
      let fm = try shares(mid).reduce(0, +) - 1
      if fm > 0 {
        a = mid
        fa = fm
      } else {
        b = mid
      }
      if b - a <= 1e-15 * max(1, abs(b)) { break }
    }
    _ = fa
    // Shares jump where a utility is linear (a flat marginal condition): give the remainder
    // to the players whose shares differ across the final bracket.
    let xa = try shares(a)
    let xb = try shares(b)
    let diff = zip(xa, xb).map { max($0 - $1, 0) }
    let spread = diff.reduce(0, +)
    let remainder = 1 - xb.reduce(0, +)
    if spread > 0 { return (0..<xb.count).map { xb[$0] + remainder * diff[$0] / spread } }
    let total = xb.reduce(0, +)
    return xb.map { $0 / total }
  }
}
