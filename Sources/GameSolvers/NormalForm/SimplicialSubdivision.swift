// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// One Nash equilibrium of an n-player game by simplicial subdivision: the variable-dimension
/// restart algorithm on the product of the players' simplices, repeated on ever finer grids,
/// then polished to an exact equilibrium where the support admits it.
///
/// The method is the restart algorithm of van der Laan, Talman & van der Heyden (1987),
/// "Simplicial variable dimension algorithms for solving the nonlinear complementarity problem
/// on a product of unit simplices using a general labelling", *Mathematics of Operations
/// Research* 12(3), §§2–4 (after van der Laan & Talman 1982, *MOR* 7(1), for games), which is
/// the method Gambit's `simpdiv` implements. A profile is a point `x` of
/// `S = Δ(m₁) × … × Δ(mₙ)`; the grid of mesh `1/M` holds the profiles with `M·x` integral.
/// Steps:
/// 1. Labelling. With `uᵢⱼ = uᵢ(j, x₋ᵢ)` and `bᵢ = maxₖ uᵢₖ`, a grid point's label is the
///    pair `(i, j)` with `xᵢⱼ > 0` that maximises the shortfall `bᵢ − uᵢⱼ`: the played
///    strategy that is furthest from a best response. The maximum is at least the max
///    regret (each player's regret is the `xᵢ`-average of its shortfalls), and 0 only at an
///    equilibrium.
/// 2. Regions. From the start `v` (a grid point), the directions `q(i, j) = e(i, j+1) − e(i, j)`
///    (cyclically in `j`) move probability from `j` to the next strategy; a set `T` of pairs,
///    with `Tᵢ` a proper subset of player `i`'s strategies, spans the cone
///    `A(T) = {v + Σ_{h∈T} λₕ q(h) : λ ≥ 0} ∩ S` of dimension `|T|`. It is triangulated by
///    the simplices `σ(a, π)`: vertices `y¹ = v + Σ aₕ q(h)/M` (`a ≥ 0` integral) and
///    `yᵏ⁺¹ = yᵏ + q(πₖ)/M` for a permutation `π` of `T` (Freudenthal's subdivision of the
///    cubes in `λ`; the faces `xᵢⱼ = 0` of `S` are unions of its faces).
/// 3. Path. Start with `T = ∅` at `{v}`. A `|T|`-simplex of `A(T)` whose facet carries every
///    label of `T` has one other vertex; if that vertex's label `(i, j)` is new, `T` grows by
///    it and the simplex becomes a facet of the next one; if it repeats, the other vertex with
///    that label is replaced (pivot). A pivot onto the face `λₕ = 0` shrinks `T` by `h`
///    instead. Label `(i, j)` needs `xᵢⱼ > 0`, so no such facet lies on a face `xᵢⱼ = 0` of
///    `S` with `(i, j) ∈ T` and the path never leaves `S`; it cannot cycle, and ends when
///    some player's labels are all present. One of that player's strategies is a best
///    response (shortfall 0) near the simplex, and its label was the maximal shortfall at
///    a vertex, so the max regret there is O(1/M) (the payoffs are Lipschitz in `x`).
/// 4. Restart. The final simplex's barycentre (or its best vertex) is rounded to the grid
///    of mesh `1/(M·gridResize)` and the path is followed again, until the max regret is at
///    most `tolerance` times the payoff range. From a regret of 1% on, each stage also tries
///    Newton's method on the profile's support (``EquilibriumPolish/refine(_:in:)``) and stops
///    early if that reaches the tolerance within 0.05 of the stage's point. With
///    ``leash``, a stage that moves more than that many grid steps from its start is cut
///    short and restarts from its lowest-regret vertex (giving up the guarantee, as Gambit's
///    leash does).
/// 5. Result. In `Rational`, the profile is polished to an exact equilibrium on its support
///    (``EquilibriumPolish/exact(_:in:)``) and verified to have regret exactly 0; when that
///    fails the float profile is reported with `isExact = false` and its verified regret
///    bound as the tolerance. In `Double`, the (refined) profile is verified against the
///    tolerance.
///
/// - Complexity: each pivot labels one vertex, O(profiles × n²) for n players, and copies
///   O(N) integers for `N = Σ mᵢ`; a stage takes at most as many pivots as there are
///   simplices in the grid (exponential in `N` in the worst case), typically a few hundred.
///   The number of stages is about `log(1/tolerance)/log(gridResize)`.
public struct SimplicialSubdivision: NashSolver {
  /// The method's name on the command line.
  public var name: String { "simpdiv" }
  /// The profile the first stage starts from (rounded to the first grid); `nil` for the
  /// centroid, every player mixing uniformly.
  public var start: MixedProfile<Double>?
  /// The first grid's denominator `M`; `nil` for the least common multiple of the strategy
  /// counts (so that the centroid is a grid point), at most 60.
  public var initialGrid: Int?
  /// The factor by which each restart refines the grid (Gambit's `-g`, default 2).
  public var gridResize: Int
  /// The most grid steps a stage may move from its start; `nil` for no limit.
  public var leash: Int?
  /// The search stops when the max regret is at most this times the payoff range.
  public var tolerance: Double
  /// Pivots allowed over all stages.
  public var maxPivots: Int
  /// Limits honoured before each stage and every 256 pivots.
  public var control: SolverControl
  /// Polishing of the final profile.
  public var polish: EquilibriumPolish

  public init(start: MixedProfile<Double>? = nil, initialGrid: Int? = nil, gridResize: Int = 2,
    leash: Int? = nil, tolerance: Double = 1e-8, maxPivots: Int = 10_000_000,
    control: SolverControl = .none, polish: EquilibriumPolish = EquilibriumPolish())
  {
    self.start = start
    self.initialGrid = initialGrid
    self.gridResize = gridResize
    self.leash = leash
    self.tolerance = tolerance
    self.maxPivots = maxPivots
    self.control = control
    self.polish = polish
  }

  /// One equilibrium, polished (exactly for `Rational` where the support admits it) and
  /// verified.
  ///
  /// - Throws: `SolverError.invalidArgument` for a grid factor below 2, a start of the wrong
  ///   shape, a non-positive grid or leash, or a tolerance not in (0, 1);
  ///   `.limitExceeded` when the grid can no longer be refined in 64-bit integers;
  ///   `.numerical` if a path leaves the simplex (which the theory excludes).
  ///   Cancellation, the time limit and the pivot limit end the run with that status and
  ///   no equilibrium.
  public func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> SolverResult<S>
  {
    try validate(game)
    let floatGame = game.converted(to: Double.self)
    let all = floatGame.payoffs.flatMap { $0 }
    let low = all.min() ?? 0, range = (all.max() ?? 0) - low
    var parameters = ["rational": S.isExact ? "true" : "false",
      "start": start == nil ? "centroid" : "given", "gridResize": String(gridResize),
      "leash": leash.map(String.init) ?? "none", "tolerance": String(tolerance)]
    let startProfile = start ?? MixedProfile(floatGame.shape.map { m in
      [Double](repeating: 1 / Double(m), count: m)
    })
    var notes = [String]()
    var floatProfile: MixedProfile<Double>
    if range == 0 {
      // Every profile is an equilibrium of a game with constant payoffs.
      floatProfile = startProfile
      notes.append("all payoffs are equal: the start is an equilibrium")
    } else {
      var search = Search(game: floatGame, low: low, range: range, solver: self)
      let end = try search.run(from: startProfile)
      parameters["refinements"] = String(end.refinements)
      parameters["pivots"] = String(end.pivots)
      parameters["grid"] = String(end.grid)
      if end.status != .complete {
        notes.append("stopped at grid 1/\(end.grid) with relative max regret \(end.regret)")
        return SolverResult(equilibria: [], method: name, parameters: parameters,
          status: end.status, notes: notes)
      }
      notes.append("\(end.refinements + 1) stages, \(end.pivots) pivots, final grid 1/\(end.grid)")
      if end.refined { notes.append("finished by Newton's method on the support") }
      floatProfile = end.profile
    }
    let bound = tolerance * max(range, 1e-300)
    if S.isExact {
      let exactGame = unsafeSameType(game, as: NormalFormGame<Rational>.self)
      if let exact = polish.exact(floatProfile, in: exactGame), exact.isValid(),
        exactGame.maxRegret(at: exact) == 0
      {
        notes.append("polished to an exact equilibrium on its support")
        return SolverResult(
          equilibria: [unsafeSameType(exact, as: MixedProfile<S>.self)], method: name,
          parameters: parameters, notes: notes)
      }
      // The float profile, read exactly and normalised, with its exact regret.
      let rows = floatProfile.probabilities.map { row -> [Rational] in
        let r = row.map { Rational(max($0, 0)) }
        let total = r.reduce(Rational(0), +)
        return r.map { $0 / total }
      }
      let profile = MixedProfile(rows)
      let regret = exactGame.maxRegret(at: profile)
      guard regret <= Rational(bound) else {
        throw .numerical(name, "the final profile has max regret \(regret.doubleValue) > \(bound)")
      }
      notes.append("could not be made exact on its support; max regret \(regret.doubleValue)")
      var result = SolverResult(
        equilibria: [unsafeSameType(profile, as: MixedProfile<S>.self)], method: name,
        parameters: parameters, tolerance: unsafeSameType(Rational(bound), as: S.self),
        notes: notes)
      result.isExact = false
      return result
    }
    guard floatGame.isNashEquilibrium(floatProfile, tolerance: max(bound, 1e-15)) else {
      throw .numerical(name, "the final profile has max regret "
        + "\(floatGame.maxRegret(at: floatProfile)) > \(bound)")
    }
    return SolverResult(
      equilibria: [floatProfile.converted(to: S.self)], method: name, parameters: parameters,
      tolerance: S(Rational(max(bound, 1e-15))), notes: notes)
  }

  func validate<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError) {
    guard gridResize >= 2 else {
      throw .invalidArgument(name, "the grid refinement factor must be ≥ 2, not \(gridResize)")
    }
    if let initialGrid, initialGrid < 1 {
      throw .invalidArgument(name, "the initial grid must be ≥ 1, not \(initialGrid)")
    }
    if let leash, leash < 1 {
      throw .invalidArgument(name, "the leash must be ≥ 1, not \(leash)")
    }
    guard tolerance > 0, tolerance < 1 else {
      throw .invalidArgument(name, "the tolerance must be in (0, 1), not \(tolerance)")
    }
    if let start {
      guard start.probabilities.map(\.count) == game.shape,
        start.probabilities.allSatisfy({ row in
          row.allSatisfy { $0 >= 0 && $0.isFinite } && row.reduce(0, +) > 0
        })
      else {
        throw .invalidArgument(name, "the start is not a mixed profile of the game's shape")
      }
    }
  }

  /// How a search ended.
  struct End {
    var profile: MixedProfile<Double>
    var regret: Double
    var refinements: Int
    var pivots: Int
    var grid: Int
    var refined: Bool
    var status: SolverStatus
  }

  /// The stages of the restart algorithm on a game scaled to payoffs in [0, 1].
  struct Search {
    let solver: SimplicialSubdivision
    let game: NormalFormGame<Double>
    let shape: [Int]
    let offsets: [Int]
    /// Player of each pair.
    let owner: [Int]
    /// The pair `(i, j + 1 mod mᵢ)` of each pair `(i, j)`.
    let next: [Int]
    /// Scaled payoffs, `scaled[i][profile]`.
    let scaled: [[Double]]
    var pivots = 0

    init(game: NormalFormGame<Double>, low: Double, range: Double,
      solver: SimplicialSubdivision)
    {
      self.solver = solver
      self.game = game
      shape = game.shape
      var offsets = [Int](), owner = [Int](), next = [Int](), t = 0
      for (i, m) in shape.enumerated() {
        offsets.append(t)
        for j in 0..<m {
          owner.append(i)
          next.append(t + (j + 1) % m)
        }
        t += m
      }
      self.offsets = offsets
      self.owner = owner
      self.next = next
      scaled = game.payoffs.map { row in row.map { ($0 - low) / range } }
    }

    /// `uᵢ(j, x₋ᵢ)` for every pair, one pass over the profiles (player 0's index fastest).
    func values(_ x: [Double]) -> [Double] {
      let n = shape.count
      var values = [Double](repeating: 0, count: x.count)
      var digits = [Int](repeating: 0, count: n)
      var prefix = [Double](repeating: 1, count: n + 1)
      var suffix = [Double](repeating: 1, count: n + 1)
      for index in 0..<game.profileCount {
        for q in 0..<n { prefix[q + 1] = prefix[q] * x[offsets[q] + digits[q]] }
        for q in stride(from: n - 1, through: 0, by: -1) {
          suffix[q] = suffix[q + 1] * x[offsets[q] + digits[q]]
        }
        for i in 0..<n {
          let w = prefix[i] * suffix[i + 1]
          if w != 0 { values[offsets[i] + digits[i]] += w * scaled[i][index] }
        }
        for q in 0..<n {
          digits[q] += 1
          if digits[q] < shape[q] { break }
          digits[q] = 0
        }
      }
      return values
    }

    /// The max regret at `x`, in the scaled game.
    func regret(_ x: [Double]) -> Double {
      let u = values(x)
      var worst = 0.0
      for (i, m) in shape.enumerated() {
        let o = offsets[i]
        var average = 0.0, best = -Double.infinity
        for j in o..<(o + m) {
          average += x[j] * u[j]
          best = max(best, u[j])
        }
        worst = max(worst, best - average)
      }
      return worst
    }

    /// The label of `x` (step 1) and its max regret.
    func label(_ x: [Double]) -> (label: Int, regret: Double) {
      let u = values(x)
      var label = -1, top = -Double.infinity, worst = 0.0
      for (i, m) in shape.enumerated() {
        let o = offsets[i]
        var average = 0.0, best = -Double.infinity
        for j in o..<(o + m) {
          average += x[j] * u[j]
          best = max(best, u[j])
        }
        worst = max(worst, best - average)
        for j in o..<(o + m) where x[j] > 0 && best - u[j] > top {
          top = best - u[j]
          label = j
        }
      }
      return (label, worst)
    }

    func point(_ y: [Int], grid: Int) -> [Double] {
      let scale = 1 / Double(grid)
      return y.map { Double($0) * scale }
    }

    /// `x` rounded to the grid of mesh `1/grid`, each player's total exactly `grid` (largest
    /// remainders round up).
    func rounded(_ x: [Double], grid: Int) -> [Int] {
      var y = [Int](repeating: 0, count: x.count)
      for (i, m) in shape.enumerated() {
        let o = offsets[i]
        let total = (o..<(o + m)).reduce(0.0) { $0 + max(x[$1], 0) }
        var remainders = [(Double, Int)]()
        var sum = 0
        for j in o..<(o + m) {
          let target = max(x[j], 0) / total * Double(grid)
          let whole = Int(target.rounded(.down))
          y[j] = whole
          sum += whole
          remainders.append((target - Double(whole), j))
        }
        remainders.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for k in 0..<(grid - sum) { y[remainders[k % m].1] += 1 }
      }
      return y
    }

    /// How one stage ended.
    enum StageEnd {
      /// A completely labelled simplex, by its vertices.
      case complete([[Int]])
      /// The leash was reached; the lowest-regret vertex seen.
      case leash([Int])
      /// The pivot limit, cancellation or the time limit.
      case stopped(SolverStatus, [Int])
    }

    enum Action {
      case examine(Int)
      case pivotOut(Int)
    }

    /// One path of the variable-dimension algorithm (steps 2–3) on the grid of mesh `1/grid`
    /// from the grid point `v`.
    mutating func stage(from v: [Int], grid: Int) throws(SolverError) -> StageEnd {
      let name = solver.name
      var inT = [Bool](repeating: false, count: v.count)
      var countT = [Int](repeating: 0, count: shape.count)
      var a = [Int](repeating: 0, count: v.count)
      var pi = [Int]()
      let first = label(point(v, grid: grid))
      var vertices = [v]
      var labels = [first.label]
      var best = (v, first.regret)
      var action = Action.examine(0)
      var polls = 0
      func labelled(_ y: [Int]) throws(SolverError) -> Int {
        guard y.allSatisfy({ $0 >= 0 }) else {
          throw .numerical(name, "the path left the product of simplices")
        }
        pivots += 1
        let (l, r) = label(point(y, grid: grid))
        if r < best.1 { best = (y, r) }
        return l
      }
      while true {
        switch action {
        case .examine(let r):
          let l = labels[r]
          if !inT[l] {
            let i = owner[l]
            if countT[i] + 1 == shape[i] { return .complete(vertices) }
            inT[l] = true
            countT[i] += 1
            a[l] = 0
            pi.append(l)
            var y = vertices[vertices.count - 1]
            y[l] -= 1
            y[next[l]] += 1
            labels.append(try labelled(y))
            vertices.append(y)
            action = .examine(vertices.count - 1)
          } else {
            guard let other = labels.indices.first(where: { $0 != r && labels[$0] == l }) else {
              throw .numerical(name, "a repeated label has no twin")
            }
            action = .pivotOut(other)
          }
        case .pivotOut(let r):
          polls += 1
          if polls & 255 == 0, let reason = solver.control.stopReason() {
            return .stopped(reason, best.0)
          }
          if pivots > solver.maxPivots { return .stopped(.pivotLimit(solver.maxPivots), best.0) }
          let t = pi.count
          if r == t {
            let d = pi[t - 1]
            if a[d] == 0 {
              // The facet lies on λ_d = 0: continue in A(T \ {d}).
              pi.removeLast()
              inT[d] = false
              countT[owner[d]] -= 1
              vertices.removeLast()
              labels.removeLast()
              guard !pi.isEmpty, let twin = labels.firstIndex(of: d) else {
                throw .numerical(name, "the path returned to its start")
              }
              action = .pivotOut(twin)
            } else {
              a[d] -= 1
              pi.removeLast()
              pi.insert(d, at: 0)
              var y = vertices[0]
              y[d] += 1
              y[next[d]] -= 1
              vertices.removeLast()
              labels.removeLast()
              labels.insert(try labelled(y), at: 0)
              vertices.insert(y, at: 0)
              action = .examine(0)
            }
          } else if r == 0 {
            let d = pi[0]
            a[d] += 1
            if let leash = solver.leash, a[d] > leash { return .leash(best.0) }
            pi.removeFirst()
            pi.append(d)
            var y = vertices[t]
            y[d] -= 1
            y[next[d]] += 1
            vertices.removeFirst()
            labels.removeFirst()
            labels.append(try labelled(y))
            vertices.append(y)
            action = .examine(t)
          } else {
            pi.swapAt(r - 1, r)
            var y = vertices[r - 1]
            y[pi[r - 1]] -= 1
            y[next[pi[r - 1]]] += 1
            labels[r] = try labelled(y)
            vertices[r] = y
            action = .examine(r)
          }
        }
      }
    }

    /// The largest difference between two profiles' probabilities.
    static func distance(_ a: [Double], _ b: [Double]) -> Double {
      zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    func profile(_ x: [Double]) -> MixedProfile<Double> {
      MixedProfile(shape.indices.map { i in Array(x[offsets[i]..<(offsets[i] + shape[i])]) })
    }

    /// The stages (step 4) from `start`.
    mutating func run(from start: MixedProfile<Double>) throws(SolverError) -> End {
      var grid = solver.initialGrid ?? Self.defaultGrid(shape)
      var x = Array(start.probabilities.joined())
      var refinements = 0
      var regretNow = regret(x)
      while true {
        if let reason = solver.control.stopReason() {
          return End(profile: profile(x), regret: regretNow, refinements: refinements,
            pivots: pivots, grid: grid, refined: false, status: reason)
        }
        let v = rounded(x, grid: grid)
        let end = try stage(from: v, grid: grid)
        switch end {
        case .complete(let vertices):
          var centre = [Double](repeating: 0, count: v.count)
          for y in vertices { for k in y.indices { centre[k] += Double(y[k]) } }
          let scale = 1 / (Double(vertices.count) * Double(grid))
          centre = centre.map { $0 * scale }
          x = centre
          regretNow = regret(centre)
          for y in vertices {
            let p = point(y, grid: grid), r = regret(p)
            if r < regretNow { (x, regretNow) = (p, r) }
          }
        case .leash(let y):
          x = point(y, grid: grid)
          regretNow = regret(x)
        case .stopped(let status, let y):
          let p = point(y, grid: grid)
          return End(profile: profile(p), regret: regret(p), refinements: refinements,
            pivots: pivots, grid: grid, refined: false, status: status)
        }
        if regretNow <= solver.tolerance {
          return End(profile: profile(x), regret: regretNow, refinements: refinements,
            pivots: pivots, grid: grid, refined: false, status: .complete)
        }
        if regretNow <= 1e-2, let refined = refine(x, grid: grid) {
          return End(profile: profile(refined.0), regret: refined.1,
            refinements: refinements, pivots: pivots, grid: grid, refined: true,
            status: .complete)
        }
        guard grid <= Int.max / solver.gridResize / 4 else {
          throw .limitExceeded(solver.name, "the grid 1/\(grid) cannot be refined further "
            + "(relative max regret \(regretNow))")
        }
        grid *= solver.gridResize
        refinements += 1
      }
    }

    /// Newton's method on the support of `x`, first with the probabilities within a few
    /// grid steps of zero dropped; the result if it meets the tolerance within 0.05 of `x`.
    func refine(_ x: [Double], grid: Int) -> ([Double], Double)? {
      var trimmed = x
      for (i, m) in shape.enumerated() {
        let o = offsets[i]
        let keep = (o..<(o + m)).filter { x[$0] > 4 / Double(grid) }
        guard !keep.isEmpty else { continue }
        let total = keep.reduce(0.0) { $0 + x[$1] }
        for j in o..<(o + m) { trimmed[j] = keep.contains(j) ? x[j] / total : 0 }
      }
      for candidate in [trimmed, x] {
        guard let refined = solver.polish.refine(profile(candidate), in: game) else { continue }
        let y = Array(refined.probabilities.joined())
        let r = regret(y)
        if r <= solver.tolerance && Self.distance(x, y) <= 0.05 { return (y, r) }
      }
      return nil
    }

    /// The least common multiple of the strategy counts when it is at most 60, else the
    /// largest count.
    static func defaultGrid(_ shape: [Int]) -> Int {
      func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
      var l = 1
      for m in shape {
        l = l / gcd(l, m) * m
        if l > 60 { return max(shape.max() ?? 1, 1) }
      }
      return max(l, 1)
    }
  }
}
