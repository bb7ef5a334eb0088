// SPDX-License-Identifier: GPL-3.0-or-later

public import GameCore
import LPSupport

/// The nucleolus or the pre-nucleolus of a TU game, by a sequence of linear programmes,
/// exactly.
///
/// The (pre-)nucleolus is the (pre-)imputation whose vector of excesses `v(S) − x(S)`,
/// sorted in decreasing order, is lexicographically smallest (Schmeidler 1969). Steps
/// (Maschler, Peleg and Shapley 1979, §6; Maschler, Solan and Zamir 2013, §20.6):
/// 1. Start with every non-empty proper coalition free and none fixed; the span of fixed
///    coalitions holds the grand coalition.
/// 2. Solve `min ε` over `x` subject to `x(S) + ε ≥ v(S)` for free `S`, `x(S) = v(S) − εₛ`
///    for fixed `S`, `x(N) = v(N)` and, for the nucleolus, `xᵢ ≥ v({i})`. The LP is solved
///    by GLPK and its final basis made exact (``LinearProgram/solveExact(options:control:)``),
///    by constraint generation: start from the singletons and the `(n−1)`-coalitions, and
///    add the free coalitions whose exact excess exceeds `ε` until none does (the relaxed
///    optimum is then the full one, and its duals, extended by zeros, are optimal too).
/// 3. Every free coalition with a positive dual is tight at every optimum (complementary
///    slackness); fix it at excess `ε*`. At least one has a positive dual, since the duals of
///    the free rows sum to 1.
/// 4. Drop from the free set every coalition whose incidence vector lies in the span of the
///    fixed ones (its excess is already determined). Each round raises the span's rank, so
///    after at most `n` rounds the rank is `n` and `x` is unique.
/// 5. Verify: efficiency, individual rationality (nucleolus), every fixed coalition at its
///    level, and no excess above the first level `ε₁` (the least-core value).
///
/// Arithmetic is exact: a `Double` game is converted to its exact dyadic rationals first.
/// The `2ⁿ` excesses scanned after each LP are computed in machine integers over a common
/// denominator when they fit (``ScaledExcesses``), else as rationals; the LP bases are made
/// exact by fraction-free elimination, in `Int64` when the numbers allow.
/// - Complexity: at most `n` rounds; each solves a few LPs with `n + 1` columns and the
///   generated rows (usually O(n²), at most `2ⁿ − 2`), and scans all `2ⁿ` excesses (O(2ⁿ)
///   machine operations per scan on the fast path).
public struct Nucleolus: Sendable {
  /// Which solution.
  public enum Kind: String, Sendable, Hashable {
    /// Minimise over imputations (`xᵢ ≥ v({i})`); needs `v(N) ≥ Σ v({i})`.
    case nucleolus
    /// Minimise over pre-imputations (efficient vectors).
    case preNucleolus = "prenucleolus"
  }

  /// The solution computed.
  public var kind: Kind
  /// Whether the `2ⁿ` excesses are scanned in machine integers over a common denominator
  /// when they fit (``ScaledExcesses``; exact either way). `false` computes every excess as a
  /// rational: the reference path, kept for checking the fast one.
  public var scaledExcesses: Bool

  public init(kind: Kind = .nucleolus, scaledExcesses: Bool = true) {
    self.kind = kind
    self.scaledExcesses = scaledExcesses
  }

  /// The nucleolus (or pre-nucleolus) of `game`; `scalar` holds the least-core value.
  ///
  /// - Throws: ``SolverError`` when the imputation set is empty (nucleolus), the game has
  ///   more than 20 players, an LP fails, or the run is cancelled.
  public func solve<S: GameScalar>(
    _ game: CoalitionalGame<S>, control: SolverControl = .none
  ) throws(SolverError) -> AllocationResult<S> {
    let op = kind.rawValue
    guard game.playerCount <= 20 else {
      throw .limitExceeded(op, "the LPs have 2^n rows; at most 20 players are supported")
    }
    let exact = game.converted(to: Rational.self)
    if kind == .nucleolus && !exact.isEssential {
      throw .unsupportedGame(op, "v(N) < Σ v({i}): the game has no imputations")
    }
    let outcome = try ExcessMinimization.run(
      exact, individuallyRational: kind == .nucleolus, rounds: .untilUnique, control: control,
      operation: op, scaledExcesses: scaledExcesses)
    let x = outcome.point
    try ExcessMinimization.verify(exact, outcome, individuallyRational: kind == .nucleolus,
      operation: op, scaledExcesses: scaledExcesses)
    return AllocationResult<Rational>(
      allocations: [x], method: op,
      parameters: ["algorithm": "sequential LP (Maschler-Peleg-Shapley)",
        "lp rounds": String(outcome.rounds)],
      scalar: outcome.levels.first, scalarName: "least-core epsilon"
    ).converted(to: S.self)
  }
}

/// The sequential excess-minimising LPs shared by the least core and the (pre-)nucleolus.
enum ExcessMinimization {
  enum Rounds { case one, untilUnique }

  struct Outcome {
    var point: [Rational]
    /// `levels[k]`: the optimal `ε` of round `k`.
    var levels: [Rational]
    /// Fixed coalitions (masks) with their excess levels.
    var fixed: [(mask: Int, level: Rational)]
    var rounds: Int
  }

  /// - Parameter scaledExcesses: scan the `2ⁿ` excesses in machine integers when they fit
  ///   (``ScaledExcesses``); `false` keeps every excess a rational (the reference path).
  static func run(
    _ game: CoalitionalGame<Rational>, individuallyRational: Bool, rounds: Rounds,
    control: SolverControl, operation op: String, scaledExcesses: Bool = true
  ) throws(SolverError) -> Outcome {
    let n = game.playerCount
    let full = game.grandMask
    let free = n == 1 ? [] : Array(1..<full)
    var fixed: [(mask: Int, level: Rational)] = []
    var span = Span(n)
    span.insert(vector(full, n))
    var levels: [Rational] = []
    var point = [Rational](repeating: 0, count: n)
    if n == 1 { return Outcome(point: [game.grandWorth], levels: [], fixed: [], rounds: 0) }
    var round = 0
    var isFree = [Bool](repeating: false, count: full + 1)
    for m in free { isFree[m] = true }
    // Excesses in machine integers when they fit (`ScaledExcesses`), else as rationals.
    var scaled = scaledExcesses ? ScaledExcesses(game) : nil
    // The rows in the current LP: a subset of the free coalitions, grown by constraint
    // generation (start with the singletons and the coalitions of all but one player).
    var inActive = [Bool](repeating: false, count: full + 1)
    for m in free where m.nonzeroBitCount == 1 || m.nonzeroBitCount == n - 1 {
      inActive[m] = true
    }
    /// The free coalitions outside the LP whose excess at `x` exceeds `eps` (every one when
    /// `eps` is nil), most exposed first; those found in the span are freed for good.
    func exceeding(_ x: [Rational], _ eps: Rational?) -> [Int] {
      var out: [Int] = []
      // Moved out of `scaled` while scanning, so its buffers are not copied on write.
      var table = scaled
      scaled = nil
      defer { scaled = table }
      if let threshold = table?.scan(at: x, level: eps ?? 0), let e = table?.values {
        var found: [(Int, Int64)] = []
        for m in 1..<full where isFree[m] && !inActive[m] && (eps == nil || e[m] > threshold) {
          found.append((m, e[m]))
        }
        found.sort { $0.1 > $1.1 }
        out = found.map(\.0)
      } else {
        let e = game.excesses(at: x)
        var found: [(Int, Rational)] = []
        for m in 1..<full where isFree[m] && !inActive[m] && (eps == nil || e[m] > eps!) {
          found.append((m, e[m]))
        }
        found.sort { $0.1 > $1.1 }
        out = found.map(\.0)
      }
      // Span membership is tested lazily, only for the coalitions found.
      if round > 1 {
        out = out.filter { m in
          if span.contains(vector(m, n)) { isFree[m] = false; return false }
          return true
        }
      }
      return out
    }
    while true {
      round += 1
      var solution: LPSolution<Rational>
      var rows: [Int]
      // Constraint generation: solve over the active rows; add the free coalitions whose
      // excess exceeds ε; stop when none does (then the optimum is the full LP's, and the
      // duals extended by zeros are optimal for it too).
      while true {
        if let stop = control.stopReason() { throw .cancelled("\(op) (\(stop))") }
        rows = (1..<full).filter { inActive[$0] }
        solution = try solveExcessLP(
          game, rows: rows, fixed: fixed, individuallyRational: individuallyRational,
          operation: op, round: round)
        let x = Array(solution.values[0..<n])
        let violated: [Int]
        if let eps = solution.objectiveValue {
          violated = exceeding(x, eps)
          if violated.isEmpty { break }
        } else {
          // Unbounded: the active rows do not yet bound ε; add the most exposed coalitions.
          violated = exceeding(x, nil)
          if violated.isEmpty {
            throw .numerical(op, "the excess LP of round \(round) is unbounded")
          }
        }
        for m in violated.prefix(max(4 * n, 16)) { inActive[m] = true }
      }
      let eps = solution.objectiveValue!
      levels.append(eps)
      point = Array(solution.values[0..<n])
      if rounds == .one { break }
      var newlyFixed: [Int] = []
      for (r, m) in rows.enumerated() where solution.rowDuals[r] != 0 { newlyFixed.append(m) }
      guard !newlyFixed.isEmpty else {
        throw .numerical(op, "round \(round): no free coalition has a positive dual")
      }
      for m in newlyFixed {
        fixed.append((m, eps))
        span.insert(vector(m, n))
      }
      if span.rank == n { break }
      for m in newlyFixed { isFree[m] = false }
      var activeCount = 0
      for m in rows where inActive[m] {
        if isFree[m] && !span.contains(vector(m, n)) {
          activeCount += 1
        } else {
          inActive[m] = false
          if isFree[m] { isFree[m] = false }
        }
      }
      if activeCount == 0 {
        // Seed the next round with free coalitions outside the span.
        for m in 1..<full where isFree[m] {
          if span.contains(vector(m, n)) { isFree[m] = false; continue }
          inActive[m] = true
          activeCount += 1
          if activeCount >= 2 * n { break }
        }
      }
      if activeCount == 0 { break }
    }
    return Outcome(point: point, levels: levels, fixed: fixed, rounds: round)
  }

  /// `min ε` over the rows `rows` (free coalitions), the fixed equalities and efficiency.
  static func solveExcessLP(
    _ game: CoalitionalGame<Rational>, rows: [Int], fixed: [(mask: Int, level: Rational)],
    individuallyRational: Bool, operation op: String, round: Int
  ) throws(SolverError) -> LPSolution<Rational> {
    let n = game.playerCount
    var lp = LinearProgram(.minimize, objective: [Rational](repeating: 0, count: n) + [1])
    for j in 0...n { lp.makeFree(j) }
    if individuallyRational {
      for i in 0..<n { lp.setBounds(of: i, lower: game[1 << i], upper: nil) }
    }
    for m in rows { lp.addConstraint(vector(m, n) + [1], .greaterOrEqual, game[m]) }
    for (m, level) in fixed {
      lp.addConstraint(vector(m, n) + [0], .equal, game[m] - level)
    }
    lp.addConstraint(vector(game.grandMask, n) + [0], .equal, game.grandWorth)
    let solution: LPSolution<Rational>
    do {
      solution = try lp.solveExact()
    } catch {
      throw .numerical(op, error.description)
    }
    guard solution.status != .infeasible else {
      throw .numerical(op, "the excess LP of round \(round) is infeasible")
    }
    return solution
  }

  /// Checks efficiency, individual rationality, the fixed levels and the first level.
  static func verify(
    _ game: CoalitionalGame<Rational>, _ outcome: Outcome, individuallyRational: Bool,
    operation op: String, scaledExcesses: Bool = true
  ) throws(SolverError) {
    let x = outcome.point, n = game.playerCount
    guard game.total(x, over: .grand(n)) == game.grandWorth else {
      throw .numerical(op, "verification failed: x(N) ≠ v(N)")
    }
    if individuallyRational {
      for i in 0..<n where x[i] < game[1 << i] {
        throw .numerical(op, "verification failed: player \(i + 1) gets less than v({i})")
      }
    }
    for (m, level) in outcome.fixed
    where game.excess(of: Coalition(mask: UInt64(m)), at: x) != level {
      throw .numerical(op, "verification failed: a fixed coalition left its level")
    }
    if let first = outcome.levels.first, n > 1 {
      if scaledExcesses, var table = ScaledExcesses(game),
        let threshold = table.scan(at: x, level: first)
      {
        guard table.values[1..<game.grandMask].max()! == threshold else {
          throw .numerical(op, "verification failed: the largest excess is not ε₁ = \(first)")
        }
        return
      }
      let e = game.excesses(at: x)
      guard e[1..<game.grandMask].max()! == first else {
        throw .numerical(op, "verification failed: the largest excess is not ε₁ = \(first)")
      }
    }
  }

  static func vector(_ mask: Int, _ n: Int) -> [Rational] {
    (0..<n).map { mask >> $0 & 1 == 1 ? Rational(1) : Rational(0) }
  }

  /// A subspace of ℚⁿ kept as rows in reduced echelon form.
  struct Span {
    var rows: [[Rational]] = []
    var pivots: [Int] = []
    let n: Int
    init(_ n: Int) { self.n = n }
    var rank: Int { rows.count }

    func reduced(_ v: [Rational]) -> [Rational] {
      var v = v
      for (row, p) in zip(rows, pivots) where v[p] != 0 {
        let f = v[p]
        for j in 0..<n where row[j] != 0 { v[j] = v[j] - f * row[j] }
      }
      return v
    }

    func contains(_ v: [Rational]) -> Bool { reduced(v).allSatisfy { $0 == 0 } }

    mutating func insert(_ v: [Rational]) {
      var r = reduced(v)
      guard let p = r.firstIndex(where: { $0 != 0 }) else { return }
      let inv = r[p].reciprocal!
      for j in 0..<n { r[j] = r[j] * inv }
      // Keep the echelon rows reduced with respect to the new pivot.
      for k in rows.indices where rows[k][p] != 0 {
        let f = rows[k][p]
        for j in 0..<n { rows[k][j] = rows[k][j] - f * r[j] }
      }
      rows.append(r)
      pivots.append(p)
    }
  }
}
