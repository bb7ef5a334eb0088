// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore

/// Finds a Nash equilibrium of a two-player game by complementary pivoting.
///
/// The Lemke-Howson algorithm as von Stengel (2007), "Equilibrium computation for two-player
/// games in strategic and extensive form" (AGT ch. 3), §3.4–3.5, Algorithm 3.6, states it:
/// 1. Make the payoffs positive and set up the tableaux of `P = {x ≥ 0 : Bᵀx ≤ 1}` and
///    `Q = {y ≥ 0 : Ay ≤ 1}`, both at the artificial equilibrium (0, 0).
/// 2. Drop the missing label `k = initialLabel`: its variable (`x_k` in P for k < m,
///    `y_{k−m}` in Q otherwise) enters the basis of its tableau.
/// 3. The minimum-ratio test picks the leaving variable; its label has become duplicate, so
///    the variable with the same label enters in the *other* tableau. Repeat until the
///    leaving variable has label k: the pair is then completely labelled.
/// Ties in the ratio test are broken lexicographically with the columns of the initial basis
/// (§3.5), so degenerate games never make the path cycle. The exact path uses fraction-free
/// integer pivoting (checked `Int64`, moving to `BigInt` on overflow); the float path uses
/// `Double` with a tolerance. With `allLabels`, the path is followed from every label and the
/// distinct equilibria (within 1e-6 for floats) are returned in the order first found. Each result is verified.
///
/// - Complexity: each pivot costs O(r·(m + n)) for r = n or m rows; the number of pivots is
///   usually small but exponential in the worst case (Savani & von Stengel 2006).
public struct LemkeHowson: NashSolver {
  /// The method's name on the command line.
  public var name: String { "lcp" }
  /// The label dropped first, 0-based over the m + n labels (row strategies first).
  public var initialLabel: Int
  /// Follow the path from every label and return the distinct equilibria found.
  public var allLabels: Bool
  /// Pivots allowed per path before stopping with `.pivotLimit`.
  public var maxPivots: Int
  /// Limits honoured once per pivot.
  public var control: SolverControl
  /// For the float path: entries within this of zero count as zero.
  public var tolerance: Double

  public init(initialLabel: Int = 0, allLabels: Bool = false, maxPivots: Int = 1_000_000,
    control: SolverControl = .none, tolerance: Double = 1e-9)
  {
    self.initialLabel = initialLabel
    self.allLabels = allLabels
    self.maxPivots = maxPivots
    self.control = control
    self.tolerance = tolerance
  }

  /// One equilibrium (or, with `allLabels`, one per distinct path end).
  ///
  /// - Throws: `SolverError.unsupportedGame` unless the game has two players;
  ///   `.invalidArgument` if `initialLabel` is out of range; `.numerical` if a float result
  ///   fails verification.
  public func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> SolverResult<S>
  {
    try game.requireTwoPlayers(for: name)
    let m = game.strategies[0].count, n = game.strategies[1].count
    guard allLabels || (0..<(m + n)).contains(initialLabel) else {
      throw .invalidArgument(name,
        "initialLabel \(initialLabel) is outside 0..<\(m + n) (the game's m + n labels)")
    }
    var parameters = ["rational": S.isExact ? "true" : "false",
      "maxPivots": String(maxPivots)]
    parameters[allLabels ? "allLabels" : "initialLabel"] =
      allLabels ? "true" : String(initialLabel)
    let labels = allLabels ? Array(0..<(m + n)) : [initialLabel]
    if S.isExact {
      let g = unsafeSameType(game, as: NormalFormGame<Rational>.self)
      let (p, q) = BestResponsePolytopes.exactTableaux(g)
      let (found, status) = run(p, q, m: m, n: n, labels: labels)
      for e in found where !g.isNashEquilibrium(e) {
        throw .numerical(name, "internal check failed: a reported profile has positive regret")
      }
      return unsafeSameType(
        SolverResult(equilibria: found, method: name, parameters: parameters, status: status),
        as: SolverResult<S>.self)
    }
    let g = game.converted(to: Double.self)
    let (p, q) = BestResponsePolytopes.floatTableaux(g, tolerance: tolerance)
    let (found, status) = run(p, q, m: m, n: n, labels: labels)
    let scale = g.payoffs.joined().reduce(1.0) { max($0, abs($1)) }
    let check = max(tolerance, 1e-9) * 1e3 * scale
    for e in found where !g.isNashEquilibrium(e, tolerance: check) {
      throw .numerical(name, "a floating-point equilibrium failed verification (regret above "
        + "\(check)); solve exactly instead")
    }
    return unsafeSameType(
      SolverResult(equilibria: found, method: name, parameters: parameters, status: status,
        tolerance: check),
      as: SolverResult<S>.self)
  }

  // MARK: - Kernel

  /// Follows the paths from `labels`; returns distinct equilibria in the order found.
  func run<T: PivotTableau>(_ p: T, _ q: T, m: Int, n: Int, labels: [Int])
    -> ([MixedProfile<T.Value>], SolverStatus) where T.Value: GameScalar
  {
    var found = [MixedProfile<T.Value>]()
    var seen = Set<MixedProfile<T.Value>>()
    // Float paths that end at one equilibrium can differ in the last bits.
    let close = T.Value.isExact ? T.Value.zero : T.Value(Rational(1, 1_000_000))
    func isNew(_ e: MixedProfile<T.Value>) -> Bool {
      if T.Value.isExact { return seen.insert(e).inserted }
      return !found.contains { f in
        zip(f.probabilities.joined(), e.probabilities.joined()).allSatisfy {
          $0.isClose(to: $1, tolerance: close)
        }
      }
    }
    for k in labels {
      switch path(p, q, m: m, n: n, missing: k) {
      case .success(let e):
        if isNew(e) { found.append(e) }
      case .failure(let stop):
        return (found, stop.status)
      }
    }
    return (found, .complete)
  }

  struct Stop: Error { var status: SolverStatus }

  /// One Lemke-Howson path from the artificial equilibrium, dropping label `k`.
  func path<T: PivotTableau>(_ p: T, _ q: T, m: Int, n: Int, missing k: Int)
    -> Result<MixedProfile<T.Value>, Stop> where T.Value: GameScalar
  {
    var p = p, q = q
    var entering = k
    var inP = k < m  // the tableau in which `entering` enters
    var pivots = 0
    while true {
      if pivots >= maxPivots { return .failure(Stop(status: .pivotLimit(maxPivots))) }
      if let reason = control.stopReason() { return .failure(Stop(status: reason)) }
      pivots += 1
      let leaving: Int
      if inP {
        // P's initial basis is the slacks, labels m..<m+n.
        guard let r = p.lexicographicMinimumRatioRow(column: entering,
          tieBreakers: m..<(m + n))
        else { preconditionFailure("P is bounded for positive payoffs") }
        leaving = p.basis[r]
        p.pivot(row: r, column: entering)
      } else {
        guard let r = q.lexicographicMinimumRatioRow(column: entering, tieBreakers: 0..<m)
        else { preconditionFailure("Q is bounded for positive payoffs") }
        leaving = q.basis[r]
        q.pivot(row: r, column: entering)
      }
      if leaving == k { break }
      entering = leaving
      inP.toggle()
    }
    return .success(MixedProfile([strategy(p, decision: 0..<m), strategy(q, decision: m..<(m + n))]))
  }

  /// The normalised values of the decision variables (labels `decision`) of tableau `t`.
  private func strategy<T: PivotTableau>(_ t: T, decision: Range<Int>) -> [T.Value]
  where T.Value: GameScalar {
    var v = [T.Value](repeating: .zero, count: decision.count)
    var total = T.Value.zero
    for (r, b) in t.basis.enumerated() where decision.contains(b) {
      let value = t.scaledValue(r)
      v[b - decision.lowerBound] = value
      total += value
    }
    let inverse = total.reciprocal!
    return v.map { $0 * inverse }
  }
}
