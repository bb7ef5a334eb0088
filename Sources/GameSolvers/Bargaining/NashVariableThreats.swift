// SPDX-License-Identifier: GPL-3.0-or-later

import GameCore
import RealModule

/// The outcome of Nash's variable-threat bargaining game.
public struct VariableThreatResult<S: GameScalar>: Sendable {
  /// The players' payoffs in the agreement.
  public var solution: [S]
  /// The optimal threats: the row player's and the column player's mixed strategies.
  public var threats: [[S]]
  /// The payoffs if the threats are carried out (the disagreement point they induce).
  public var disagreement: [S]
  /// The cells (profile index = row + rows·column) and probabilities of the agreed lottery;
  /// with transferable utility the one cell maximising the joint payoff.
  public var agreement: [LotteryTerm<S>]
  /// Transferable utility: the side payment from the row to the column player that splits
  /// the joint payoff (zero in the non-transferable case).
  public var sidePayment: S
  /// Whether utility is transferable.
  public var isTransferable: Bool
  /// How the solution was found.
  public var method: String
  /// Whether the solution is exact.
  public var isExact: Bool
  /// Whether the threat strategies are exact (in the non-transferable case the threats at a
  /// frontier vertex are found by bisection on the supporting line's slope).
  public var threatsAreExact: Bool
  /// The parameters used, as text.
  public var parameters: [String: String]
  /// How the computation ended.
  public var status: SolverStatus
  /// Remarks for reports.
  public var notes: [String]
}

/// Nash's (1953) variable-threat bargaining for two-player games: each player first commits
/// to a threat (a mixed strategy carried out if bargaining fails), then the players bargain
/// with the threat payoffs as the disagreement point.
///
/// - Transferable utility (Nash 1953, §6; Luce and Raiffa 1957, §6.9; Owen 1995, §VII.2):
///   the players agree on a cell with the largest joint payoff σ and split it so that
///   u₁ − u₂ equals the value t of the zero-sum game A − B; the optimal threats are that
///   game's optimal strategies and the solution is ((σ + t)/2, (σ − t)/2). Exact.
/// - Non-transferable utility (Nash 1953, §§4–5): the feasible set is the convex hull of the
///   payoff pairs. On a frontier edge with normal a (a·u = c) the Nash solution from any
///   threat point d satisfies a₁u₁ − a₂u₂ = a₁d₁ − a₂d₂, so the players play the zero-sum
///   game a₁A − a₂B; the solution is the frontier point P with a₁P₁ − a₂P₂ equal to its value
///   v(a). Steps: for each edge solve the game exactly and test whether
///   P = ((c + v)/2a₁, (c − v)/2a₂) lies on the edge; otherwise the solution is the vertex
///   whose normal cone contains an a with a₁V₁ − a₂V₂ = v(a), located by a sign change and
///   bisection. The result is verified: the Nash bargaining solution from the threat point
///   is P.
/// - Complexity: one zero-sum linear program per frontier edge (plus bisection steps).
public struct NashVariableThreats: Sendable {
  public init() {}

  /// The transferable-utility solution of the bimatrix game.
  /// - Throws: ``SolverError/unsupportedGame(_:_:)`` unless the game has two players.
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solveTransferable<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> VariableThreatResult<S>
  {
    let op = "threats"
    guard game.isTwoPlayer else {
      throw .unsupportedGame(op, "variable-threat bargaining needs a two-player game")
    }
    let A = game.rowMatrix
    let B = game.columnMatrix
    let rows = A.count
    let cols = A[0].count
    var best = (S.zero, 0, 0)
    for i in 0..<rows {
      for j in 0..<cols where (i == 0 && j == 0) || A[i][j] + B[i][j] > best.0 {
        best = (A[i][j] + B[i][j], i, j)
      }
    }
    let sigma = best.0
    let D = (0..<rows).map { i in (0..<cols).map { j in A[i][j] - B[i][j] } }
    let threat = try MatrixGameValue<S>.solve(D, operation: op)
    let two = S.of(2)
    let solution = [(sigma + threat.value) / two, (sigma - threat.value) / two]
    let d = threatPayoffs(A, B, threat.rowStrategy, threat.columnStrategy)
    // Verify: the TU Nash solution from d splits the surplus equally.
    let gain = (sigma - d[0] - d[1]) / two
    guard solution[0].isClose(to: d[0] + gain), solution[1].isClose(to: d[1] + gain) else {
      throw .numerical(op, "the transferable-utility solution failed its check")
    }
    return VariableThreatResult(
      solution: solution, threats: [threat.rowStrategy, threat.columnStrategy],
      disagreement: d, agreement: [LotteryTerm(deal: best.1 + rows * best.2, weight: 1)],
      sidePayment: A[best.1][best.2] - solution[0], isTransferable: true,
      method: "zero-sum game A − B by linear programming",
      isExact: S.isExact, threatsAreExact: S.isExact,
      parameters: ["utility": "transferable"], status: .complete,
      notes: ["threat game value t = \(threat.value), joint payoff σ = \(sigma)"])
  }

  /// The non-transferable-utility solution: bargaining over the convex hull of payoff pairs.
  /// - Throws: ``SolverError/unsupportedGame(_:_:)`` unless the game has two players.
  @_specialize(where S == Rational)
  @_specialize(where S == Double)
  public func solveNonTransferable<S: GameScalar>(_ game: NormalFormGame<S>)
    throws(SolverError) -> VariableThreatResult<S>
  {
    let op = "threats"
    guard game.isTwoPlayer else {
      throw .unsupportedGame(op, "variable-threat bargaining needs a two-player game")
    }
    let A = game.rowMatrix
    let B = game.columnMatrix
    let rows = A.count
    let cols = A[0].count
    var cells = [[S]]()
    for j in 0..<cols { for i in 0..<rows { cells.append([A[i][j], B[i][j]]) } }
    let chain = ParetoFrontier.upperRightChain(
      cells, candidates: ParetoFrontier.undominatedDeals(cells))
    let params = ["utility": "non-transferable"]
    func combined(_ a: [S]) -> [[S]] {
      (0..<rows).map { i in (0..<cols).map { j in a[0] * A[i][j] - a[1] * B[i][j] } }
    }
    // Edges.
    for (l, r) in zip(chain, chain.dropFirst()) {
      let V = cells[l]
      let W = cells[r]
      let a = [V[1] - W[1], W[0] - V[0]]
      let c = a[0] * V[0] + a[1] * V[1]
      let t = try MatrixGameValue<S>.solve(combined(a), operation: op)
      let two = S.of(2)
      let P = [(c + t.value) / (two * a[0]), (c - t.value) / (two * a[1])]
      if P[0] >= V[0] && P[0] <= W[0] {
        let weight = W[0] == V[0] ? S.zero : (P[0] - V[0]) / (W[0] - V[0])
        let lottery = [
          LotteryTerm(deal: l, weight: 1 - weight), LotteryTerm(deal: r, weight: weight),
        ]
        .filter { $0.weight > .zero }
        return try finish(
          P, threats: t, lottery: lottery, A: A, B: B, cells: cells, exactThreats: S.isExact,
          params: params, method: "frontier edge, zero-sum game a₁A − a₂B", op: op)
      }
    }
    // Vertices: find a normal in the cone with a₁V₁ − a₂V₂ = v(a).
    for (k, v) in chain.enumerated() {
      let V = cells[v]
      let left: [S] =
        k > 0
        ? [cells[chain[k - 1]][1] - V[1], V[0] - cells[chain[k - 1]][0]] : [0, 1]
      let right: [S] =
        k + 1 < chain.count
        ? [V[1] - cells[chain[k + 1]][1], cells[chain[k + 1]][0] - V[0]] : [1, 0]
      func h(_ a: [S]) throws(SolverError) -> (S, MatrixGameValue<S>) {
        let t = try MatrixGameValue<S>.solve(combined(a), operation: op)
        return (a[0] * V[0] - a[1] * V[1] - t.value, t)
      }
      let normalize: ([S]) -> [S] = { a in
        let s = a[0] + a[1]
        return [a[0] / s, a[1] / s]
      }
      let aL = normalize(left)
      let aR = normalize(right)
      let (hL, tL) = try h(aL)
      let (hR, tR) = try h(aR)
      if hL.isZero {
        return try finish(
          V, threats: tL, lottery: [LotteryTerm(deal: v, weight: 1)],
          A: A, B: B, cells: cells, exactThreats: S.isExact, params: params,
          method: "frontier vertex", op: op)
      }
      if hR.isZero {
        return try finish(
          V, threats: tR, lottery: [LotteryTerm(deal: v, weight: 1)],
          A: A, B: B, cells: cells, exactThreats: S.isExact, params: params,
          method: "frontier vertex", op: op)
      }
      guard (hL < .zero) != (hR < .zero) else { continue }
      // Bisection on the normal's direction, in floating point.
      let Ad = A.map { $0.map(\.doubleValue) }
      let Bd = B.map { $0.map(\.doubleValue) }
      let aLd = aL.map(\.doubleValue)
      let aRd = aR.map(\.doubleValue)
      let Vd = V.map(\.doubleValue)
      var lo = 0.0
      var hi = 1.0
      let lowSign = hL < .zero
      var approx: MatrixGameValue<Double>? = nil
      for _ in 0..<60 {
        let s = (lo + hi) / 2
        let a = (0..<2).map { aLd[$0] * (1 - s) + aRd[$0] * s }
        let M = (0..<rows).map { i in (0..<cols).map { j in a[0] * Ad[i][j] - a[1] * Bd[i][j] } }
        let t = try MatrixGameValue<Double>.solve(M, operation: op)
        approx = t
        if (a[0] * Vd[0] - a[1] * Vd[1] - t.value < 0) == lowSign { lo = s } else { hi = s }
      }
      let threats = MatrixGameValue<S>(
        value: S(Rational(approx!.value)), rowStrategy: approx!.rowStrategy.map { S(Rational($0)) },
        columnStrategy: approx!.columnStrategy.map { S(Rational($0)) })
      return try finish(
        V, threats: threats, lottery: [LotteryTerm(deal: v, weight: 1)], A: A, B: B,
        cells: cells, exactThreats: false, params: params,
        method: "frontier vertex, threats by bisection on the supporting slope", op: op)
    }
    throw .numerical(op, "no frontier point satisfies Nash's threat condition")
  }

  private func threatPayoffs<S: GameScalar>(_ A: [[S]], _ B: [[S]], _ x: [S], _ y: [S]) -> [S] {
    var d = [S.zero, S.zero]
    for i in A.indices {
      for j in A[0].indices where !(x[i] * y[j]).isZero {
        d[0] += x[i] * y[j] * A[i][j]
        d[1] += x[i] * y[j] * B[i][j]
      }
    }
    return d
  }

  private func finish<S: GameScalar>(
    _ P: [S], threats t: MatrixGameValue<S>, lottery: [LotteryTerm<S>], A: [[S]], B: [[S]],
    cells: [[S]], exactThreats: Bool, params: [String: String], method: String, op: String
  ) throws(SolverError) -> VariableThreatResult<S> {
    let d = threatPayoffs(A, B, t.rowStrategy, t.columnStrategy)
    var notes = [String]()
    // Verify: the Nash bargaining solution from the threat point is P.
    if let problem = try? BargainingProblem<S>(deals: cells, disagreement: d, lotteries: true),
      let nbs = try? NashBargainingSolution().solve(problem)
    {
      let tol: S = exactThreats ? .zero : S(Rational(1, 1_000_000))
      guard zip(nbs.point, P).allSatisfy({ $0.isClose(to: $1, tolerance: tol) }) else {
        throw .numerical(op, "the Nash solution from the threat point is not the claimed point")
      }
    } else {
      notes.append("the threat point is Pareto optimal: no bargaining gain beyond it")
    }
    return VariableThreatResult(
      solution: P, threats: [t.rowStrategy, t.columnStrategy], disagreement: d,
      agreement: lottery, sidePayment: .zero, isTransferable: false,
      method: method, isExact: S.isExact,
      threatsAreExact: exactThreats, parameters: params, status: .complete, notes: notes)
  }
}
