// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// Boxes the right-hand side of an ODE system for GSL's C callback.
private final class SystemBox {
  let f: (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  let dimension: Int
  init(
    dimension: Int,
    _ f: @escaping (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) ->
      Void
  ) {
    self.dimension = dimension
    self.f = f
  }
}

private let callSystem:
  @convention(c) (
    Double, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutableRawPointer?
  ) -> CInt = { t, y, dydt, params in
    let box = Unmanaged<SystemBox>.fromOpaque(params!).takeUnretainedValue()
    box.f(
      t, UnsafeBufferPointer(start: y, count: box.dimension),
      UnsafeMutableBufferPointer(start: dydt, count: box.dimension))
    return CInt(GSL_SUCCESS)
  }

/// Initial-value problems y′ = f(t, y) by GSL's adaptive explicit Runge–Kutta
/// Prince–Dormand (8, 9) method (`gsl_odeiv2_step_rk8pd` through `gsl_odeiv2_driver`; GSL
/// Reference Manual, "Ordinary Differential Equations").
public enum ODESolver {
  /// Integrates from `t0` with state `y0` and returns the state at each of `times`
  /// (increasing, all ≥ t0).
  ///
  /// - Parameters:
  ///   - absoluteTolerance, relativeTolerance: the driver's local error bounds.
  ///   - shouldStop: polled before each output time; returning true ends the integration
  ///     early (the states so far are returned).
  /// - Throws: ``GSLError`` when a step fails (GSL's status), or ``GSLError/invalid`` for
  ///   decreasing times.
  public static func integrate(
    from t0: Double, _ y0: [Double], reporting times: [Double],
    absoluteTolerance: Double = 1e-10, relativeTolerance: Double = 1e-10,
    initialStep: Double = 1e-3, shouldStop: () -> Bool = { false },
    _ f: @escaping (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) ->
      Void
  ) throws(GSLError) -> [[Double]] {
    GSL.ensureInitialized()
    guard !y0.isEmpty else { return times.map { _ in [] } }
    var previous = t0
    for t in times {
      if t < previous { throw .invalid }
      previous = t
    }
    let box = SystemBox(dimension: y0.count, f)
    return try withExtendedLifetime(box) { () throws(GSLError) -> [[Double]] in
      var system = gsl_odeiv2_system(
        function: callSystem, jacobian: nil, dimension: y0.count,
        params: Unmanaged.passUnretained(box).toOpaque())
      guard
        let driver = gsl_odeiv2_driver_alloc_y_new(
          &system, cgsl_odeiv2_rk8pd(), initialStep, absoluteTolerance, relativeTolerance)
      else { throw .failure }
      defer { gsl_odeiv2_driver_free(driver) }
      var t = t0
      var y = y0
      var states = [[Double]]()
      states.reserveCapacity(times.count)
      for target in times {
        if shouldStop() { break }
        if target > t {
          try GSLError.check(gsl_odeiv2_driver_apply(driver, &t, target, &y))
        }
        states.append(y)
      }
      return states
    }
  }
}
