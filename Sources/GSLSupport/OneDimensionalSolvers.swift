// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// Boxes a Swift closure so that GSL's C callbacks can reach it through `params`.
private final class ClosureBox {
  let f: (Double) -> Double
  init(_ f: @escaping (Double) -> Double) { self.f = f }
}

private let callScalar: @convention(c) (Double, UnsafeMutableRawPointer?) -> Double = { x, p in
  Unmanaged<ClosureBox>.fromOpaque(p!).takeUnretainedValue().f(x)
}

/// Root finding on an interval by Brent's method (GSL's `gsl_root_fsolver_brent`).
public enum RootFinder {
  /// A root of `f` in `[lower, upper]`, where f(lower) and f(upper) have opposite signs.
  ///
  /// Iterates `gsl_root_fsolver_iterate` until `gsl_root_test_interval` accepts the bracket.
  /// - Throws: ``GSLError/invalid`` when the interval does not bracket a root (GSL's
  ///   `GSL_EINVAL`), ``GSLError/maxIterations`` when it does not converge.
  public static func brent(
    in lower: Double, _ upper: Double, absoluteTolerance: Double = 1e-13,
    relativeTolerance: Double = 1e-13, maxIterations: Int = 200,
    _ f: @escaping (Double) -> Double
  ) throws(GSLError) -> Double {
    GSL.ensureInitialized()
    let fl = f(lower)
    let fu = f(upper)
    if fl == 0 { return lower }
    if fu == 0 { return upper }
    let box = ClosureBox(f)
    let solver = gsl_root_fsolver_alloc(cgsl_root_brent())!
    defer { gsl_root_fsolver_free(solver) }
    return try withExtendedLifetime(box) { () throws(GSLError) -> Double in
      var fn = gsl_function(function: callScalar, params: Unmanaged.passUnretained(box).toOpaque())
      try GSLError.check(gsl_root_fsolver_set(solver, &fn, lower, upper))
      for _ in 0..<maxIterations {
        try GSLError.check(gsl_root_fsolver_iterate(solver))
        let lo = gsl_root_fsolver_x_lower(solver)
        let hi = gsl_root_fsolver_x_upper(solver)
        if gsl_root_test_interval(lo, hi, absoluteTolerance, relativeTolerance)
          == CInt(GSL_SUCCESS)
        {
          return gsl_root_fsolver_root(solver)
        }
      }
      throw .maxIterations
    }
  }
}

/// Minimisation on an interval by Brent's method (GSL's `gsl_min_fminimizer_brent`).
public enum Minimizer {
  /// A local minimiser of `f` in `[lower, upper]`, starting from `guess`, which must satisfy
  /// f(guess) < f(lower) and f(guess) < f(upper). A minimum is located to about √ε of its
  /// position, so tolerances much below 1e-8 cannot be met.
  ///
  /// - Throws: ``GSLError/invalid`` when `guess` does not bracket a minimum (GSL's
  ///   `GSL_EINVAL`), ``GSLError/maxIterations`` when it does not converge.
  public static func brent(
    in lower: Double, _ upper: Double, guess: Double, absoluteTolerance: Double = 1e-7,
    maxIterations: Int = 200, _ f: @escaping (Double) -> Double
  ) throws(GSLError) -> Double {
    GSL.ensureInitialized()
    let box = ClosureBox(f)
    let solver = gsl_min_fminimizer_alloc(cgsl_min_brent())!
    defer { gsl_min_fminimizer_free(solver) }
    return try withExtendedLifetime(box) { () throws(GSLError) -> Double in
      var fn = gsl_function(function: callScalar, params: Unmanaged.passUnretained(box).toOpaque())
      try GSLError.check(gsl_min_fminimizer_set(solver, &fn, guess, lower, upper))
      for _ in 0..<maxIterations {
        try GSLError.check(gsl_min_fminimizer_iterate(solver))
        let lo = gsl_min_fminimizer_x_lower(solver)
        let hi = gsl_min_fminimizer_x_upper(solver)
        if gsl_min_test_interval(lo, hi, absoluteTolerance, 0) == CInt(GSL_SUCCESS) {
          return gsl_min_fminimizer_x_minimum(solver)
        }
      }
      throw .maxIterations
    }
  }
}

private final class VectorBox {
  let f: ([Double]) -> [Double]
  let n: Int
  init(_ f: @escaping ([Double]) -> [Double], n: Int) {
    self.f = f
    self.n = n
  }
}

private let callVector:
  @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?
  ) -> CInt = { x, p, out in
    let box = Unmanaged<VectorBox>.fromOpaque(p!).takeUnretainedValue()
    let input = (0..<box.n).map { gsl_vector_get(x, $0) }
    let value = box.f(input)
    for i in 0..<box.n { gsl_vector_set(out, i, value[i]) }
    return value.allSatisfy(\.isFinite) ? CInt(GSL_SUCCESS) : CInt(GSL_EBADFUNC)
  }

/// Systems of nonlinear equations by Powell's hybrid method with a finite-difference Jacobian
/// (GSL's `gsl_multiroot_fsolver_hybrids`).
public enum MultiRootFinder {
  /// A root of `f: ℝⁿ → ℝⁿ` near `guess`.
  ///
  /// Iterates until `gsl_multiroot_test_residual` reports |f| below `residualTolerance`.
  /// - Throws: ``GSLError/noProgress`` or another status when the iteration stalls,
  ///   ``GSLError/maxIterations`` when it does not converge.
  public static func hybrid(
    guess: [Double], residualTolerance: Double = 1e-12, maxIterations: Int = 500,
    _ f: @escaping ([Double]) -> [Double]
  ) throws(GSLError) -> [Double] {
    GSL.ensureInitialized()
    let n = guess.count
    precondition(n > 0)
    let box = VectorBox(f, n: n)
    let solver = gsl_multiroot_fsolver_alloc(cgsl_multiroot_hybrids(), n)!
    defer { gsl_multiroot_fsolver_free(solver) }
    let x0 = gsl_vector_alloc(n)!
    defer { gsl_vector_free(x0) }
    for i in 0..<n { gsl_vector_set(x0, i, guess[i]) }
    return try withExtendedLifetime(box) { () throws(GSLError) -> [Double] in
      var fn = gsl_multiroot_function(
        f: callVector, n: n, params: Unmanaged.passUnretained(box).toOpaque())
      try GSLError.check(gsl_multiroot_fsolver_set(solver, &fn, x0))
      for _ in 0..<maxIterations {
        let status = gsl_multiroot_fsolver_iterate(solver)
        if gsl_multiroot_test_residual(solver.pointee.f, residualTolerance)
          == CInt(GSL_SUCCESS)
        {
          return (0..<n).map { gsl_vector_get(solver.pointee.x, $0) }
        }
        try GSLError.check(status)
      }
      throw .maxIterations
    }
  }
}

/// Numerical differentiation by adaptive finite differences (GSL's `gsl_deriv`).
public enum Derivative {
  /// f′(x) by a central difference if [x − h, x + h] lies in `domain`, else a one-sided one
  /// that stays inside it. The corresponding GSL functions are `gsl_deriv_central`,
  /// `gsl_deriv_forward` and `gsl_deriv_backward`.
  /// - Throws: the GSL status if the estimate fails.
  public static func estimate(
    at x: Double, step h: Double = 1e-5, domain: ClosedRange<Double> = -.infinity ... .infinity,
    _ f: @escaping (Double) -> Double
  ) throws(GSLError) -> Double {
    GSL.ensureInitialized()
    let box = ClosureBox(f)
    var result = 0.0
    var error = 0.0
    let status = withExtendedLifetime(box) { () -> CInt in
      var fn = gsl_function(function: callScalar, params: Unmanaged.passUnretained(box).toOpaque())
      if x - h >= domain.lowerBound && x + h <= domain.upperBound {
        return gsl_deriv_central(&fn, x, h, &result, &error)
      } else if x + h <= domain.upperBound {
        return gsl_deriv_forward(&fn, x, h, &result, &error)
      } else {
        return gsl_deriv_backward(&fn, x, h, &result, &error)
      }
    }
    try GSLError.check(status)
    return result
  }
}
