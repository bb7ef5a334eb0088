// SPDX-License-Identifier: GPL-3.0-or-later

import GSLSupport
import RealModule
import GameCore

/// A point of the logit quantal response equilibrium correspondence: the precision `λ` and
/// the profile there.
public struct LogitQREPoint: Sendable, Hashable {
  /// The precision.
  public var lambda: Double
  /// The logit equilibrium at `lambda`: `σᵢⱼ ∝ exp(λ·uᵢ(j, σ₋ᵢ))` for every player.
  public var profile: MixedProfile<Double>
  /// Accepted predictor–corrector steps from λ = 0.
  public var steps: Int
}

/// The logit quantal response equilibrium correspondence of an n-player game, traced from the
/// centroid at λ = 0 by predictor–corrector path following, giving the QRE at a chosen λ and
/// the Nash equilibrium at its limit.
///
/// McKelvey & Palfrey (1995) define the logit QRE; the principal branch of the
/// correspondence starts at the uniform profile (λ = 0) and converges to a Nash equilibrium
/// as λ → ∞. Turocy (2005), "A dynamic homotopy interpretation of the logistic quantal
/// response equilibrium correspondence", §4, traces it in log-probabilities; the path
/// follower is the standard one of Allgower & Georg (1990), ch. 2:
/// 1. Unknowns `x = (w, λ)` with `wᵢⱼ = ln σᵢⱼ`; equations, per player `i`:
///    `Σⱼ exp(wᵢⱼ) − 1 = 0` and `wᵢⱼ − wᵢ₀ − λ(uᵢⱼ − uᵢ₀) = 0` for `j ≥ 1`. The Jacobian's
///    entries come from the payoffs' first derivatives (``MultilinearPayoffs``).
/// 2. Predictor: the unit tangent `t` solves `[J; t_prevᵀ] t = [0; 1]` (an LU solve through
///    GSL), which keeps the orientation; step `x + h·t`.
/// 3. Corrector: Newton steps `[J; tᵀ] Δ = [−H; 0]` on the hyperplane through the predicted
///    point. A step whose corrector fails to contract is retried with `h/2`; quick success
///    doubles `h`.
/// 4. For the QRE at a chosen λ, the step that crosses it is interpolated and corrected by
///    Newton's method at that fixed λ. For the limit, the trace stops once the profile's
///    regret is below ``regretTolerance`` (relative to the payoff range) or λ exceeds
///    ``maxLambda``, or earlier once Newton's method on the current support
///    (``EquilibriumPolish/refine(_:in:)``, tried each time λ doubles once λ·range ≥ 50 and
///    the regret is below ``polishFrom``) reaches that tolerance within 0.05 of the current
///    point, so that it is the branch's limit and not another equilibrium; the profile is
///    then polished on its
///    support, exactly for `Rational` where the support admits it, and verified.
///
/// - Complexity: per step O(profiles × n³ + N³) for `N = Σ mᵢ` strategies; the number of
///   steps depends on the path's curvature, typically tens to hundreds.
public struct LogitQRE: NashSolver {
  /// The method's name on the command line.
  public var name: String { "logit" }
  /// The largest λ·(payoff range) traced before giving up on the limit.
  public var maxLambda: Double
  /// The trace stops when the max regret is below this times the payoff range.
  public var regretTolerance: Double
  /// The first step length (arclength).
  public var firstStep: Double
  /// Steps allowed.
  public var maxSteps: Int
  /// Polishing is tried (each time λ doubles) once the max regret is below this times the
  /// payoff range.
  public var polishFrom: Double
  /// Limits honoured once per step.
  public var control: SolverControl
  /// Polishing of the limit profile.
  public var polish: EquilibriumPolish

  public init(maxLambda: Double = 1e9, regretTolerance: Double = 1e-9,
    firstStep: Double = 0.03, maxSteps: Int = 100_000, polishFrom: Double = 1e-2,
    control: SolverControl = .none, polish: EquilibriumPolish = EquilibriumPolish())
  {
    self.polishFrom = polishFrom
    self.maxLambda = maxLambda
    self.regretTolerance = regretTolerance
    self.firstStep = firstStep
    self.maxSteps = maxSteps
    self.control = control
    self.polish = polish
  }

  /// The QRE at precision `lambda` on the principal branch.
  ///
  /// - Throws: `SolverError.invalidArgument` for a negative or non-finite λ; `.numerical`
  ///   when the path cannot be followed; `.cancelled` or `.limitExceeded` when stopped.
  public func point<S: GameScalar>(at lambda: Double, of game: NormalFormGame<S>)
    throws(SolverError) -> LogitQREPoint
  {
    guard lambda.isFinite, lambda >= 0 else {
      throw .invalidArgument(name, "lambda must be a finite number ≥ 0, not \(lambda)")
    }
    var tracer = Tracer(game: game.converted(to: Double.self), solver: self)
    return try tracer.run(target: lambda)
  }

  /// One Nash equilibrium: the limit of the principal branch, polished and verified.
  ///
  /// - Throws: `SolverError.numerical` when the path cannot be followed or the limit does
  ///   not verify; `.limitExceeded` when λ or the step count runs out first.
  public func solve<S: GameScalar>(_ game: NormalFormGame<S>) throws(SolverError)
    -> SolverResult<S>
  {
    let floatGame = game.converted(to: Double.self)
    var tracer = Tracer(game: floatGame, solver: self)
    let end = try tracer.run(target: nil)
    let range = tracer.range
    var notes = ["traced to λ = \(end.lambda) in \(end.steps) steps"]
    let parameters = ["rational": S.isExact ? "true" : "false",
      "regretTolerance": String(regretTolerance)]
    if S.isExact {
      let exactGame = unsafeSameType(game, as: NormalFormGame<Rational>.self)
      guard let exact = polish.exact(end.profile, in: exactGame) else {
        notes.append("the limit profile (max regret \(floatGame.maxRegret(at: end.profile))) "
          + "could not be made exact on its support; no exact equilibrium is reported")
        return SolverResult(equilibria: [], method: name, parameters: parameters,
          notes: notes)
      }
      notes.append("polished to an exact equilibrium on its support")
      return SolverResult(
        equilibria: [unsafeSameType(exact, as: MixedProfile<S>.self)], method: name,
        parameters: parameters, notes: notes)
    }
    let refined = polish.refine(end.profile, in: floatGame)
    let tolerance = max(range, 1) * 1e-8
    var best = end.profile
    if let refined, floatGame.maxRegret(at: refined) <= floatGame.maxRegret(at: best) {
      best = refined
      notes.append("refined by Newton's method on its support")
    }
    guard floatGame.isNashEquilibrium(best, tolerance: tolerance) else {
      throw .numerical(name, "the limit profile has max regret "
        + "\(floatGame.maxRegret(at: best)) > \(tolerance)")
    }
    return SolverResult(
      equilibria: [best.converted(to: S.self)], method: name, parameters: parameters,
      tolerance: S(Rational(tolerance)), notes: notes)
  }

  /// The path follower's state.
  struct Tracer {
    let game: NormalFormGame<Double>
    let solver: LogitQRE
    let shape: [Int]
    let offsets: [Int]
    let size: Int
    let range: Double

    init(game: NormalFormGame<Double>, solver: LogitQRE) {
      self.game = game
      self.solver = solver
      shape = game.shape
      var offsets = [Int](), t = 0
      for m in shape {
        offsets.append(t)
        t += m
      }
      self.offsets = offsets
      size = t
      let all = game.payoffs.flatMap { $0 }
      range = (all.max() ?? 0) - (all.min() ?? 0)
    }

    func sigma(_ x: [Double]) -> [[Double]] {
      shape.indices.map { i in (0..<shape[i]).map { Double.exp(x[offsets[i] + $0]) } }
    }

    /// H(x) and its N × (N + 1) Jacobian (row-major).
    func system(_ x: [Double]) -> (h: [Double], jacobian: [Double]) {
      let s = sigma(x)
      let d = MultilinearPayoffs(game, at: s)
      let lambda = x[size]
      let w = size + 1
      var h = [Double](repeating: 0, count: size)
      var jac = [Double](repeating: 0, count: size * w)
      for i in shape.indices {
        let o = offsets[i]
        h[o] = s[i].reduce(0, +) - 1
        for j in 0..<shape[i] { jac[o * w + o + j] = s[i][j] }
        for j in 1..<max(shape[i], 1) {
          let r = o + j
          let gap = d.value(i, j) - d.value(i, 0)
          h[r] = x[o + j] - x[o] - lambda * gap
          jac[r * w + o + j] = 1
          jac[r * w + o] = -1
          for k in shape.indices where k != i {
            for l in 0..<shape[k] {
              let dgap = d.derivative(i, j, k, l) - d.derivative(i, 0, k, l)
              jac[r * w + offsets[k] + l] = -lambda * dgap * s[k][l]
            }
          }
          jac[r * w + size] = -gap
        }
      }
      return (h, jac)
    }

    /// Solves `[J; cᵀ] y = rhs` for the N × (N + 1) Jacobian and an extra row `c`.
    func augmentedSolve(_ jac: [Double], extra c: [Double], _ rhs: [Double])
      throws(SolverError) -> [Double]
    {
      let w = size + 1
      var a = jac
      a += c
      do {
        return try GSLLinearAlgebra.solve(a, rhs, n: w)
      } catch {
        throw .numerical("logit", "singular Jacobian on the path (\(error))")
      }
    }

    func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// Traces from λ = 0 to `target` (or to the limit when `nil`).
    mutating func run(target: Double?) throws(SolverError) -> LogitQREPoint {
      var x = [Double](repeating: 0, count: size + 1)
      for i in shape.indices {
        for j in 0..<shape[i] { x[offsets[i] + j] = -Double.log(Double(shape[i])) }
      }
      if let target, target == 0 {
        return LogitQREPoint(lambda: 0, profile: MixedProfile(sigma(x)), steps: 0)
      }
      var lambdaDirection = [Double](repeating: 0, count: size + 1)
      lambdaDirection[size] = 1
      var tangent = try augmentedSolve(system(x).jacobian, extra: lambdaDirection,
        [Double](repeating: 0, count: size) + [1])
      var t = norm(tangent)
      tangent = tangent.map { $0 / t }
      var h = solver.firstStep
      var steps = 0
      var nextPolish = 50.0
      let scale = max(range, 1e-300)
      while true {
        if let reason = solver.control.stopReason() {
          if reason == .cancelled { throw .cancelled("logit") }
          throw .limitExceeded("logit", "time limit reached at λ = \(x[size])")
        }
        guard steps < solver.maxSteps else {
          throw .limitExceeded("logit", "step limit \(solver.maxSteps) reached at λ = \(x[size])")
        }
        // Predictor and corrector.
        var accepted: [Double]? = nil
        var iterations = 0
        while accepted == nil {
          guard h > 1e-12 else {
            throw .numerical("logit", "the step size collapsed at λ = \(x[size])")
          }
          var y = zip(x, tangent).map { $0 + h * $1 }
          var previous = Double.infinity
          var ok = false
          iterations = 0
          for _ in 0..<10 {
            iterations += 1
            let (hy, jy) = system(y)
            let delta = try augmentedSolve(jy, extra: tangent, hy.map { -$0 } + [0])
            let size = norm(delta)
            if !size.isFinite || size > 0.5 * previous && iterations > 1 { break }
            for k in y.indices { y[k] += delta[k] }
            previous = size
            if size < 1e-10 * (1 + norm(y)) && norm(system(y).h) < 1e-10 {
              ok = true
              break
            }
          }
          if ok && abs(y[size] - x[size]) < 10 * h + 1 {
            accepted = y
          } else {
            h /= 2
          }
        }
        let y = accepted!
        steps += 1
        // Crossing the requested λ: interpolate, then Newton at that fixed λ.
        if let target, y[size] >= target {
          let f = (target - x[size]) / (y[size] - x[size])
          var z = zip(x, y).map { $0 + f * ($1 - $0) }
          z[size] = target
          let w = try fixedLambdaNewton(z)
          return LogitQREPoint(lambda: target, profile: MixedProfile(sigma(w)), steps: steps)
        }
        // New tangent, oriented as the old one.
        var next = try augmentedSolve(system(y).jacobian, extra: tangent,
          [Double](repeating: 0, count: size) + [1])
        t = norm(next)
        next = next.map { $0 / t }
        tangent = next
        x = y
        if iterations <= 3 { h *= 2 } else if iterations >= 7 { h /= 2 }
        if target == nil {
          let profile = MixedProfile(sigma(x))
          let regret = game.maxRegret(at: profile)
          if regret <= solver.regretTolerance * scale {
            return LogitQREPoint(lambda: x[size], profile: profile, steps: steps)
          }
          // Near the limit, Newton's method on the support converges far faster than the
          // trace (whose regret falls like 1/λ toward a mixed equilibrium).
          if regret <= solver.polishFrom * scale && x[size] * scale >= nextPolish {
            nextPolish = x[size] * scale * 2
            if let refined = solver.polish.refine(profile, in: game),
              game.maxRegret(at: refined) <= solver.regretTolerance * scale,
              Self.distance(refined, profile) <= 0.05
            {
              return LogitQREPoint(lambda: x[size], profile: refined, steps: steps)
            }
          }
          if x[size] * scale > solver.maxLambda {
            throw .limitExceeded("logit",
              "λ passed \(x[size]) without the regret falling below the tolerance")
          }
        }
      }
    }

    /// The largest difference between two profiles' probabilities.
    static func distance(_ a: MixedProfile<Double>, _ b: MixedProfile<Double>) -> Double {
      zip(a.probabilities, b.probabilities).map { zip($0, $1).map { abs($0 - $1) }.max() ?? 0 }
        .max() ?? 0
    }

    /// Newton's method in `w` at the fixed λ of `z`.
    func fixedLambdaNewton(_ z: [Double]) throws(SolverError) -> [Double] {
      var x = z
      var fixLambda = [Double](repeating: 0, count: size + 1)
      fixLambda[size] = 1
      for _ in 0..<50 {
        let (h, jac) = system(x)
        if norm(h) < 1e-13 { return x }
        let delta = try augmentedSolve(jac, extra: fixLambda, h.map { -$0 } + [0])
        for k in x.indices { x[k] += delta[k] }
        if norm(delta) < 1e-14 * (1 + norm(x)) { return x }
      }
      if norm(system(x).h) < 1e-9 { return x }
      throw .numerical("logit", "Newton's method did not converge at λ = \(z[size])")
    }
  }
}
