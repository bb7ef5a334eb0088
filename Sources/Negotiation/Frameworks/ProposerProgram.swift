// SPDX-License-Identifier: GPL-3.0-or-later

/// A proposer's problem in floating point: the best lottery over a set of deals for the
/// proposer subject to every coalition member receiving at least its threshold.
///
/// `max Σₓ λₓ uⱼ(x)` subject to `Σₓ λₓ uᵢ(x) ≥ wᵢ` for the m coalition members i, `Σₓ λₓ = 1`,
/// `λ ≥ 0`. Revised dual simplex (Chvátal 1983, ch. 10) with an explicit (m + 1)-square basis
/// inverse: the rows do not depend on the thresholds, only the right-hand side does, so a
/// basis optimal for one threshold vector stays dual feasible for every other and warm starts
/// the next solve. The cold start is the basis of every surplus plus the proposer's favourite
/// deal, which is dual feasible by construction.
/// - Complexity: O(P · m) per pivot for P deals, O(m²) for the basis update.
struct ProposerProgram {
  /// Deal utilities, `utility[x * n + a]`, for the P candidate deals.
  let utility: [Double]
  let n: Int
  let dealCount: Int
  /// The proposer.
  let proposer: Int
  /// The coalition members (rows), in increasing order.
  let members: [Int]
  /// Basic variables: k < P is a deal, P + r the surplus of row r.
  var basis: [Int]
  /// The largest utility magnitude (at least 1), for tolerances.
  let scale: Double

  /// The outcome of one solve.
  struct Outcome {
    var feasible: Bool
    var value: Double
    /// Basic deals and their weights (weights may be 0 in a degenerate basis).
    var deals: [(deal: Int, weight: Double)]
    /// Rows whose surplus is nonbasic (their constraint binds), as actor indices; with the
    /// basic deals they form a square system (one more deal than binding rows).
    var binding: [Int]
  }

  init(utility: [Double], actors n: Int, proposer: Int, members: [Int]) {
    self.utility = utility
    self.n = n
    self.dealCount = utility.count / n
    self.proposer = proposer
    self.members = members
    var favourite = 0
    for x in 0..<dealCount where utility[x * n + proposer] > utility[favourite * n + proposer] {
      favourite = x
    }
    let count = dealCount
    self.basis = members.indices.map { count + $0 } + [favourite]
    self.scale = utility.reduce(1.0) { max($0, abs($1)) }
  }

  private var m: Int { members.count }

  /// Column k of the constraint matrix (rows: members, then the sum row).
  private func column(_ k: Int) -> [Double] {
    if k < dealCount {
      var c = members.map { utility[k * n + $0] }
      c.append(1)
      return c
    }
    var c = [Double](repeating: 0, count: m + 1)
    c[k - dealCount] = -1
    return c
  }

  private func cost(_ k: Int) -> Double { k < dealCount ? utility[k * n + proposer] : 0 }

  /// The inverse of the basis matrix, or nil if singular.
  private func inverse() -> [[Double]]? {
    let size = m + 1
    var a = [[Double]](repeating: [Double](repeating: 0, count: 2 * size), count: size)
    for (col, k) in basis.enumerated() {
      let c = column(k)
      for r in 0..<size { a[r][col] = c[r] }
    }
    for r in 0..<size { a[r][size + r] = 1 }
    for col in 0..<size {
      var pivot = col
      for r in col..<size where abs(a[r][col]) > abs(a[pivot][col]) { pivot = r }
      guard abs(a[pivot][col]) > 1e-12 else { return nil }
      a.swapAt(col, pivot)
      let inv = 1 / a[col][col]
      for c in 0..<(2 * size) { a[col][c] *= inv }
      for r in 0..<size where r != col && a[r][col] != 0 {
        let f = a[r][col]
        for c in 0..<(2 * size) { a[r][c] -= f * a[col][c] }
      }
    }
    return a.map { Array($0[size...]) }
  }

  /// Solves for thresholds `w` (indexed by actor), warm-starting from the last basis.
  mutating func solve(thresholds w: [Double]) -> Outcome {
    if let outcome = run(w) { return outcome }
    // Numerical trouble: restart from the cold basis once.
    self = ProposerProgram(utility: utility, actors: n, proposer: proposer, members: members)
    return run(w) ?? Outcome(feasible: false, value: -.infinity, deals: [], binding: [])
  }

  private mutating func run(_ w: [Double]) -> Outcome? {
    let size = m + 1
    var b = members.map { w[$0] }
    b.append(1)
    guard var binv = inverse() else { return nil }
    var isBasic = [Bool](repeating: false, count: dealCount + m)
    for k in basis { isBasic[k] = true }
    let eps = 1e-11 * scale
    for _ in 0..<(50 * size + 200) {
      // Primal values of the basic variables.
      var xb = [Double](repeating: 0, count: size)
      for r in 0..<size { for c in 0..<size { xb[r] += binv[r][c] * b[c] } }
      var leave = -1
      var worst = -eps
      for r in 0..<size where xb[r] < worst {
        worst = xb[r]
        leave = r
      }
      // Duals π = c_B B⁻¹.
      var pi = [Double](repeating: 0, count: size)
      for r in 0..<size {
        let c = cost(basis[r])
        if c != 0 { for j in 0..<size { pi[j] += c * binv[r][j] } }
      }
      if leave < 0 {
        var deals = [(deal: Int, weight: Double)]()
        var value = 0.0
        var binding = Set(members.indices)
        for r in 0..<size {
          let k = basis[r]
          if k < dealCount {
            deals.append((k, max(xb[r], 0)))
            value += xb[r] * cost(k)
          } else {
            binding.remove(k - dealCount)
          }
        }
        return Outcome(
          feasible: true, value: value, deals: deals,
          binding: binding.sorted().map { members[$0] })
      }
      // Row `leave` of B⁻¹A; entering variable by the dual ratio test.
      let row = binv[leave]
      var enter = -1
      var bestRatio = Double.infinity
      for x in 0..<dealCount where !isBasic[x] {
        var alpha = row[m]
        var reduced = cost(x) - pi[m]
        for (i, a) in members.enumerated() {
          let u = utility[x * n + a]
          alpha += row[i] * u
          reduced -= pi[i] * u
        }
        if alpha < -1e-12 {
          let ratio = min(reduced, 0) / alpha
          if ratio < bestRatio {
            bestRatio = ratio
            enter = x
          }
        }
      }
      for r in 0..<m where !isBasic[dealCount + r] {
        let alpha = -row[r]
        if alpha < -1e-12 {
          let ratio = min(pi[r], 0) / alpha
          if ratio < bestRatio {
            bestRatio = ratio
            enter = dealCount + r
          }
        }
      }
      if enter < 0 {
        return Outcome(feasible: false, value: -.infinity, deals: [], binding: [])
      }
      isBasic[basis[leave]] = false
      isBasic[enter] = true
      basis[leave] = enter
      // Update the inverse by the eta transformation of the entering column.
      let a = column(enter)
      var d = [Double](repeating: 0, count: size)
      for r in 0..<size { for c in 0..<size { d[r] += binv[r][c] * a[c] } }
      let p = d[leave]
      guard abs(p) > 1e-14 else { return nil }
      for c in 0..<size { binv[leave][c] /= p }
      for r in 0..<size where r != leave && d[r] != 0 {
        for c in 0..<size { binv[r][c] -= d[r] * binv[leave][c] }
      }
    }
    return nil
  }
}
