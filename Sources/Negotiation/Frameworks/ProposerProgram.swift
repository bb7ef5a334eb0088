// SPDX-License-Identifier: GPL-3.0-or-later

/// A proposer's problem in floating point: the best lottery over the deals for the proposer
/// subject to every coalition member receiving at least its threshold.
///
/// `max Σₓ λₓ uⱼ(x)` subject to `Σₓ λₓ uᵢ(x) ≥ wᵢ` for the m coalition members i, `Σₓ λₓ = 1`,
/// `λ ≥ 0`. Revised simplex (Chvátal 1983, ch. 7 and 10) with an explicit (m + 1)-square basis
/// inverse over a working set of deals, with delayed column generation (Chvátal 1983, ch. 13):
/// 1. Dual simplex over the working set. The rows do not depend on the thresholds, only the
///    right-hand side does, so a basis optimal for one threshold vector stays dual feasible
///    for every other and warm starts the next solve. The cold start is the basis of every
///    surplus plus the proposer's favourite working deal, dual feasible by construction.
/// 2. Pricing (``price(_:)``, or ``solve(thresholds:)`` alone): with the duals π of an
///    optimal basis every deal's reduced cost uⱼ(x) − π₀ − Σᵢ πᵢuᵢ(x) is computed in one flat
///    pass; the best deals with a positive one join the working set and the primal simplex
///    continues from the (still primal feasible) basis. When the restricted program is
///    infeasible, the infeasibility row of the dual simplex prices instead (deals that could
///    break it join, and the dual simplex restarts cold).
/// 3. Repeat until no deal prices out: the basis is then optimal over every deal (up to
///    rounding; the exact phase of ``UnanimityBargaining`` proves optimality separately).
/// - Complexity: O(W · m) per pivot for W working deals, O(m²) for the basis update, and
///   O(D · n) per pricing pass over the D deals.
struct ProposerProgram {
  /// All deal utilities, `utility[x * n + a]`.
  let utility: [Double]
  let n: Int
  let dealCount: Int
  /// The proposer.
  let proposer: Int
  /// The coalition members (rows), in increasing order.
  let members: [Int]
  /// The working deals (columns) and their utilities, members' then the proposer's, with
  /// stride m + 1.
  private(set) var working: [Int] = []
  private var inWorking = Set<Int>()
  private var local: [Double] = []
  /// Basic variables: k ≥ 0 is working column k, −1 − r the surplus of row r.
  var basis: [Int] = []
  /// The largest utility magnitude (at least 1), for tolerances.
  let scale: Double
  /// The deals priced out at the last solve (for sharing among programs).
  private(set) var lastEntering: [Int] = []

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

  /// A restricted solve's end: optimal with the duals, or infeasible with the row of B⁻¹
  /// proving it.
  private enum End {
    case optimal(Outcome, duals: [Double])
    case infeasible(row: [Double])
  }

  init(
    utility: [Double], actors n: Int, proposer: Int, members: [Int], seed: [Int],
    scale: Double
  ) {
    self.utility = utility
    self.n = n
    self.dealCount = utility.count / n
    self.proposer = proposer
    self.members = members
    self.scale = scale
    add(seed)
    coldStart()
  }

  private var m: Int { members.count }

  /// Appends deals to the working set.
  mutating func add(_ deals: [Int]) {
    for x in deals where inWorking.insert(x).inserted {
      working.append(x)
      for a in members { local.append(utility[x * n + a]) }
      local.append(utility[x * n + proposer])
    }
  }

  /// The basis of every surplus plus the proposer's favourite working deal.
  private mutating func coldStart() {
    var favourite = 0
    for k in working.indices where local[k * (m + 1) + m] > local[favourite * (m + 1) + m] {
      favourite = k
    }
    basis = (0..<m).map { -1 - $0 } + [favourite]
  }

  /// Column k of the constraint matrix (rows: members, then the sum row).
  private func column(_ k: Int) -> [Double] {
    if k >= 0 {
      var c = Array(local[(k * (m + 1))..<(k * (m + 1) + m)])
      c.append(1)
      return c
    }
    var c = [Double](repeating: 0, count: m + 1)
    c[-1 - k] = -1
    return c
  }

  private func cost(_ k: Int) -> Double { k >= 0 ? local[k * (m + 1) + m] : 0 }

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

  /// Solves for thresholds `w` (indexed by actor) over every deal: warm-started dual simplex
  /// over the working set, pricing, and more working deals until none prices out.
  mutating func solve(thresholds w: [Double]) -> Outcome {
    lastEntering = []
    for _ in 0..<200 {
      let end: End
      if let e = run(w) {
        end = e
      } else {
        // Numerical trouble: restart from the cold basis once.
        coldStart()
        guard let e = run(w) else { break }
        end = e
      }
      switch end {
      case .optimal(let outcome, let duals):
        let entering = price(duals)
        if entering.isEmpty { return outcome }
        add(entering)
        lastEntering += entering
        if !primal(w) { coldStart() }
      case .infeasible(let row):
        let entering = farkasPrice(row)
        if entering.isEmpty {
          return Outcome(feasible: false, value: -.infinity, deals: [], binding: [])
        }
        add(entering)
        lastEntering += entering
        coldStart()
      }
    }
    return Outcome(feasible: false, value: -.infinity, deals: [], binding: [])
  }

  /// The deals (not working) with the largest positive reduced costs uⱼ(x) − π·(u_C(x), 1).
  private func price(_ pi: [Double]) -> [Int] {
    var weight = [Double](repeating: 0, count: n)
    weight[proposer] = 1
    for (r, a) in members.enumerated() { weight[a] -= pi[r] }
    return best(weight: weight, constant: -pi[m], above: 1e-10 * scale)
  }

  /// The deals that could break the infeasibility row ρ: ρ₀ + Σᵢ ρᵢuᵢ(x) < 0.
  private func farkasPrice(_ row: [Double]) -> [Int] {
    var weight = [Double](repeating: 0, count: n)
    for (r, a) in members.enumerated() { weight[a] -= row[r] }
    return best(weight: weight, constant: -row[m], above: 1e-12)
  }

  /// Up to 16 deals outside the working set with the largest Σₐ weightₐ uₐ(x) + constant
  /// above `above`, largest first.
  private func best(weight: [Double], constant: Double, above: Double) -> [Int] {
    let limit = 16
    var top = [(score: Double, deal: Int)]()
    var floor = above
    utility.withUnsafeBufferPointer { u in
      weight.withUnsafeBufferPointer { g in
        for x in 0..<dealCount {
          var s = constant
          let base = x * n
          for a in 0..<n { s += g[a] * u[base + a] }
          guard s > floor, !inWorking.contains(x) else { continue }
          top.append((s, x))
          if top.count > 2 * limit {
            top.sort { $0.score > $1.score }
            top.removeLast(top.count - limit)
            floor = top[limit - 1].score
          }
        }
      }
    }
    top.sort { $0.score != $1.score ? $0.score > $1.score : $0.deal < $1.deal }
    return top.prefix(limit).map(\.deal)
  }

  /// The basic solution xB = B⁻¹b and duals π = c_B B⁻¹.
  private func primalAndDuals(_ binv: [[Double]], _ b: [Double]) -> ([Double], [Double]) {
    let size = m + 1
    var xb = [Double](repeating: 0, count: size)
    for r in 0..<size { for c in 0..<size { xb[r] += binv[r][c] * b[c] } }
    var pi = [Double](repeating: 0, count: size)
    for r in 0..<size {
      let c = cost(basis[r])
      if c != 0 { for j in 0..<size { pi[j] += c * binv[r][j] } }
    }
    return (xb, pi)
  }

  private func rhs(_ w: [Double]) -> [Double] {
    var b = members.map { w[$0] }
    b.append(1)
    return b
  }

  /// Pivots `enter` into the basis at row `leave`, updating the inverse (eta transformation).
  private mutating func pivot(_ binv: inout [[Double]], enter: Int, leave: Int) -> Bool {
    let size = m + 1
    let a = column(enter)
    var d = [Double](repeating: 0, count: size)
    for r in 0..<size { for c in 0..<size { d[r] += binv[r][c] * a[c] } }
    let p = d[leave]
    guard abs(p) > 1e-14 else { return false }
    basis[leave] = enter
    for c in 0..<size { binv[leave][c] /= p }
    for r in 0..<size where r != leave && d[r] != 0 {
      for c in 0..<size { binv[r][c] -= d[r] * binv[leave][c] }
    }
    return true
  }

  /// Primal simplex over the working set from a primal feasible basis (Dantzig's rule);
  /// false on numerical trouble.
  private mutating func primal(_ w: [Double]) -> Bool {
    let size = m + 1
    let b = rhs(w)
    guard var binv = inverse() else { return false }
    let eps = 1e-11 * scale
    for _ in 0..<(50 * size + 200) {
      let (xb, pi) = primalAndDuals(binv, b)
      if xb.contains(where: { $0 < -eps }) { return false }
      var isBasic = [Bool](repeating: false, count: working.count)
      for k in basis where k >= 0 { isBasic[k] = true }
      var enter = Int.min
      var bestReduced = 1e-10 * scale
      for k in working.indices where !isBasic[k] {
        var reduced = local[k * size + m] - pi[m]
        for r in 0..<m { reduced -= pi[r] * local[k * size + r] }
        if reduced > bestReduced {
          bestReduced = reduced
          enter = k
        }
      }
      for r in 0..<m where !basis.contains(-1 - r) && pi[r] > bestReduced {
        bestReduced = pi[r]
        enter = -1 - r
      }
      if enter == Int.min { return true }
      let a = column(enter)
      var d = [Double](repeating: 0, count: size)
      for r in 0..<size { for c in 0..<size { d[r] += binv[r][c] * a[c] } }
      var leave = -1
      var ratio = Double.infinity
      for r in 0..<size where d[r] > 1e-12 {
        let t = max(xb[r], 0) / d[r]
        if t < ratio {
          ratio = t
          leave = r
        }
      }
      guard leave >= 0, pivot(&binv, enter: enter, leave: leave) else { return false }
    }
    return false
  }

  /// Dual simplex over the working set from the current (dual feasible) basis.
  private mutating func run(_ w: [Double]) -> End? {
    let size = m + 1
    let b = rhs(w)
    guard var binv = inverse() else { return nil }
    var isBasic = [Bool](repeating: false, count: working.count)
    var surplusBasic = [Bool](repeating: false, count: m)
    for k in basis {
      if k >= 0 { isBasic[k] = true } else { surplusBasic[-1 - k] = true }
    }
    let eps = 1e-11 * scale
    for _ in 0..<(50 * size + 200) {
      let (xb, pi) = primalAndDuals(binv, b)
      var leave = -1
      var worst = -eps
      for r in 0..<size where xb[r] < worst {
        worst = xb[r]
        leave = r
      }
      if leave < 0 {
        var deals = [(deal: Int, weight: Double)]()
        var value = 0.0
        var binding = Set(members.indices)
        for r in 0..<size {
          let k = basis[r]
          if k >= 0 {
            deals.append((working[k], max(xb[r], 0)))
            value += xb[r] * cost(k)
          } else {
            binding.remove(-1 - k)
          }
        }
        let outcome = Outcome(
          feasible: true, value: value, deals: deals,
          binding: binding.sorted().map { members[$0] })
        return .optimal(outcome, duals: pi)
      }
      // Row `leave` of B⁻¹A; entering variable by the dual ratio test.
      let row = binv[leave]
      var enter = Int.min
      var bestRatio = Double.infinity
      for k in working.indices where !isBasic[k] {
        var alpha = row[m]
        var reduced = local[k * size + m] - pi[m]
        for r in 0..<m {
          let u = local[k * size + r]
          alpha += row[r] * u
          reduced -= pi[r] * u
        }
        if alpha < -1e-12 {
          let ratio = min(reduced, 0) / alpha
          if ratio < bestRatio {
            bestRatio = ratio
            enter = k
          }
        }
      }
      for r in 0..<m where !surplusBasic[r] {
        let alpha = -row[r]
        if alpha < -1e-12 {
          let ratio = min(pi[r], 0) / alpha
          if ratio < bestRatio {
            bestRatio = ratio
            enter = -1 - r
          }
        }
      }
      if enter == Int.min { return .infeasible(row: row) }
      let old = basis[leave]
      guard pivot(&binv, enter: enter, leave: leave) else { return nil }
      if old >= 0 { isBasic[old] = false } else { surplusBasic[-1 - old] = false }
      if enter >= 0 { isBasic[enter] = true } else { surplusBasic[-1 - enter] = true }
    }
    return nil
  }
}
