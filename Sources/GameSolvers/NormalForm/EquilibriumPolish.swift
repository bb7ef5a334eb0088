// SPDX-License-Identifier: GPL-3.0-or-later

import GSLSupport
import GameCore

/// Turns an approximate Nash equilibrium of an n-player game into an accurate one, and into an
/// exact one where its support admits it.
///
/// A Nash equilibrium with supports `Sᵢ` solves the support's indifference system
/// `u_i(j, σ₋ᵢ) = vᵢ (j ∈ Sᵢ), Σ_{j∈Sᵢ} σᵢⱼ = 1` (McKelvey & McLennan 1996, §2; Porter,
/// Nudelman & Shoham 2008). Steps:
/// 1. The support: the strategies played with probability above ``supportThreshold``.
/// 2. Refinement (``refine(_:in:)``): Newton's method on that square system in `Double`
///    (each step an LU solve through GSL), from the approximate profile.
/// 3. Exact candidates (``exact(_:in:)``): when at most two players mix, the system is
///    linear in the mixing players' probabilities and is solved in rationals by Gaussian
///    elimination; otherwise (or when that system is singular) each refined probability is
///    replaced by the simplest fraction within a radius of it (radii 1e-12 up to 1e-3, the
///    denominator at most ``maxDenominator``), the last of each support taking the rest.
/// 4. A candidate is kept only if it is a profile with exactly zero regret in the exact game.
///
/// - Complexity: each Newton step is O(profiles × n³ + k³) for `k = Σ|Sᵢ| + n` unknowns.
public struct EquilibriumPolish: Sendable {
  /// Probabilities above this are in the support.
  public var supportThreshold: Double
  /// The largest denominator tried in rational reconstruction.
  public var maxDenominator: Int
  /// Newton iterations allowed.
  public var maxIterations: Int

  public init(supportThreshold: Double = 1e-6, maxDenominator: Int = 1_000_000,
    maxIterations: Int = 30)
  {
    self.supportThreshold = supportThreshold
    self.maxDenominator = maxDenominator
    self.maxIterations = maxIterations
  }

  /// The supports of `profile`: strategies with probability above the threshold.
  public func supports(of profile: MixedProfile<Double>) -> [[Int]] {
    profile.probabilities.map { row in row.indices.filter { row[$0] > supportThreshold } }
  }

  /// Newton's method on the support's indifference system; `nil` when the system is
  /// singular or Newton does not converge to a valid profile.
  public func refine(_ profile: MixedProfile<Double>, in game: NormalFormGame<Double>)
    -> MixedProfile<Double>?
  {
    let support = supports(of: profile)
    guard support.allSatisfy({ !$0.isEmpty }) else { return nil }
    let n = game.playerCount
    var sigma = (0..<n).map { i in
      var row = [Double](repeating: 0, count: game.strategies[i].count)
      let mass = support[i].reduce(0) { $0 + profile.probabilities[i][$1] }
      for j in support[i] { row[j] = profile.probabilities[i][j] / mass }
      return row
    }
    // Unknowns: σ over the supports, then v.
    var index = [(Int, Int)]()
    for i in 0..<n { for j in support[i] { index.append((i, j)) } }
    let k = index.count + n
    var v = (0..<n).map { i in MultilinearPayoffs(game, at: sigma).value(i, support[i][0]) }
    for _ in 0..<maxIterations {
      let d = MultilinearPayoffs(game, at: sigma)
      var f = [Double](repeating: 0, count: k)
      var jac = [Double](repeating: 0, count: k * k)
      var row = 0
      for i in 0..<n {
        for j in support[i] {
          f[row] = d.value(i, j) - v[i]
          for (c, (q, l)) in index.enumerated() where q != i {
            jac[row * k + c] = d.derivative(i, j, q, l)
          }
          jac[row * k + index.count + i] = -1
          row += 1
        }
      }
      for i in 0..<n {
        f[row] = support[i].reduce(0) { $0 + sigma[i][$1] } - 1
        for (c, (q, _)) in index.enumerated() where q == i { jac[row * k + c] = 1 }
        row += 1
      }
      let residual = f.map(abs).max() ?? 0
      if residual < 1e-14 { break }
      guard let step = try? GSLLinearAlgebra.solve(jac, f.map { -$0 }, n: k) else {
        return nil
      }
      for (c, (q, l)) in index.enumerated() { sigma[q][l] += step[c] }
      for i in 0..<n { v[i] += step[index.count + i] }
    }
    guard sigma.allSatisfy({ $0.allSatisfy { $0 > -1e-9 && $0.isFinite } }) else { return nil }
    let refined = MixedProfile(sigma.map { row in
      let clamped = row.map { max($0, 0) }
      let total = clamped.reduce(0, +)
      return clamped.map { $0 / total }
    })
    return refined
  }

  /// An exact equilibrium near `profile`, or `nil` when neither the linear solve nor
  /// rational reconstruction yields a profile with zero regret in `game`.
  public func exact(_ profile: MixedProfile<Double>, in game: NormalFormGame<Rational>)
    -> MixedProfile<Rational>?
  {
    let floatGame = game.converted(to: Double.self)
    let refined = refine(profile, in: floatGame) ?? profile
    let support = supports(of: refined)
    guard support.allSatisfy({ !$0.isEmpty }) else { return nil }
    var candidates = [MixedProfile<Rational>]()
    if let linear = linearSolve(support: support, near: refined, in: game) {
      candidates.append(linear)
    }
    if let linear = candidates.first, linear.isValid() && game.isNashEquilibrium(linear) {
      return linear
    }
    for radius in [1e-12, 1e-9, 1e-7, 1e-5, 1e-3] {
      if let rounded = reconstruct(refined, support: support, radius: radius),
        rounded.isValid() && game.isNashEquilibrium(rounded)
      {
        return rounded
      }
    }
    return nil
  }

  /// Each support probability replaced by the simplest fraction within `radius` of it (the
  /// one with the least denominator, by continued fractions); the last of each support takes
  /// the rest.
  func reconstruct(_ profile: MixedProfile<Double>, support: [[Int]], radius: Double)
    -> MixedProfile<Rational>?
  {
    var rows = [[Rational]]()
    for (i, row) in profile.probabilities.enumerated() {
      var exactRow = [Rational](repeating: 0, count: row.count)
      var rest = Rational(1)
      for j in support[i].dropLast() {
        guard let r = Self.simplestFraction(in: max(row[j] - radius, 0), row[j] + radius),
          r.denominator <= maxDenominator
        else { return nil }
        exactRow[j] = r
        rest -= r
      }
      exactRow[support[i].last!] = rest
      rows.append(exactRow)
    }
    return MixedProfile(rows)
  }

  /// The fraction with the least denominator in `[lo, hi]` (0 ≤ lo ≤ hi), by the
  /// continued-fraction recursion: an integer if one lies in the interval, else
  /// `n + 1/simplest(1/(hi − n), 1/(lo − n))` for `n = ⌊lo⌋`.
  static func simplestFraction(in lo: Double, _ hi: Double, depth: Int = 0) -> Rational? {
    guard lo.isFinite, hi.isFinite, lo <= hi, lo >= 0, depth < 40 else { return nil }
    let c = lo.rounded(.up)
    if c <= hi {
      guard c < 1e15 else { return nil }
      return Rational(Int(c))
    }
    let n = lo.rounded(.down)
    guard n < 1e15, let inner = simplestFraction(in: 1 / (hi - n), 1 / (lo - n), depth: depth + 1)
    else { return nil }
    return Rational(Int(n)) + inner.reciprocal!
  }

  /// When at most two players mix, their probabilities solve a linear system exactly: the
  /// other mixer's indifference among its support, and each mixer's probabilities summing to
  /// one. Players who do not mix play their one support strategy.
  func linearSolve(support: [[Int]], near profile: MixedProfile<Double>,
    in game: NormalFormGame<Rational>) -> MixedProfile<Rational>?
  {
    let n = game.playerCount
    let mixers = (0..<n).filter { support[$0].count > 1 }
    guard mixers.count == 2 else { return nil }
    let (a, b) = (mixers[0], mixers[1])
    var base = (0..<n).map { i in
      (0..<game.strategies[i].count).map { support[i].count == 1 && $0 == support[i][0] ?
        Rational(1) : Rational(0) }
    }
    // Solve for one mixer's probabilities from the other's indifference.
    func solveFor(_ x: Int, indifferent y: Int) -> [Rational]? {
      let sx = support[x], sy = support[y]
      guard sx.count == sy.count else { return nil }
      // Row r < |sy| − 1: u_y(sy[r+1]) − u_y(sy[0]) as a linear form in σ_x; last: Σσ_x = 1.
      var matrix = [[Rational]]()
      for r in 1..<sy.count {
        var row = [Rational]()
        for l in sx {
          var profileIdx = [Int](repeating: 0, count: n)
          for i in 0..<n where support[i].count == 1 { profileIdx[i] = support[i][0] }
          profileIdx[x] = l
          profileIdx[y] = sy[r]
          let hi = game.payoff(to: y, at: profileIdx)
          profileIdx[y] = sy[0]
          row.append(hi - game.payoff(to: y, at: profileIdx))
        }
        row.append(0)
        matrix.append(row)
      }
      matrix.append([Rational](repeating: 1, count: sx.count) + [1])
      guard let solution = Self.gaussian(matrix) else { return nil }
      return solution
    }
    guard let pa = solveFor(a, indifferent: b), let pb = solveFor(b, indifferent: a) else {
      return nil
    }
    for (k, j) in support[a].enumerated() { base[a][j] = pa[k] }
    for (k, j) in support[b].enumerated() { base[b][j] = pb[k] }
    return MixedProfile(base)
  }

  /// The unique solution of the square system `[M | rhs]` in rationals, or `nil` if singular.
  static func gaussian(_ system: [[Rational]]) -> [Rational]? {
    var m = system
    let size = m.count
    for col in 0..<size {
      guard let pivot = (col..<size).first(where: { m[$0][col] != 0 }) else { return nil }
      m.swapAt(col, pivot)
      let inverse = m[col][col].reciprocal!
      for c in col...size { m[col][c] = m[col][c] * inverse }
      for r in 0..<size where r != col && m[r][col] != 0 {
        let factor = m[r][col]
        for c in col...size { m[r][c] -= factor * m[col][c] }
      }
    }
    return m.map { $0[size] }
  }
}
