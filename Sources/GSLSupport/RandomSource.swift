// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// A seeded Mersenne Twister (`gsl_rng_mt19937`): the same seed gives the same draws on
/// every machine. Never seeded from the environment.
public final class RandomSource {
  let rng: UnsafeMutablePointer<gsl_rng>

  /// Creates a generator seeded with `seed`.
  ///
  /// The corresponding GSL functions are `gsl_rng_alloc` and `gsl_rng_set`.
  public init(seed: UInt) {
    GSL.ensureInitialized()
    rng = gsl_rng_alloc(cgsl_rng_mt19937())!
    gsl_rng_set(rng, seed)
  }

  deinit { gsl_rng_free(rng) }

  /// The next raw 32-bit output (`gsl_rng_get`).
  public func next() -> UInt { gsl_rng_get(rng) }

  /// A uniform integer in `0..<n` (`gsl_rng_uniform_int`).
  public func uniformInt(below n: Int) -> Int {
    precondition(n > 0)
    return Int(gsl_rng_uniform_int(rng, UInt(n)))
  }

  /// A uniform double in [0, 1) (`gsl_rng_uniform`).
  public func uniform() -> Double { gsl_rng_uniform(rng) }
}
