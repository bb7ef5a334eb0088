// SPDX-License-Identifier: GPL-3.0-or-later

import GSLSupport
import Testing

@Suite struct GSLSupportTests {
  /// A singular matrix must come back as a thrown status, not as GSL's default abort (which
  /// would end the process with signal 6). GSL 2.7 reports a singular LU solve as `GSL_EDOM`.
  @Test func singularLUSolveThrowsDomainError() {
    #expect(throws: GSLError.domain) {
      try GSLLinearAlgebra.solve([1, 2, 2, 4], [1, 1], n: 2)
    }
    #expect(throws: GSLError.self) {
      try GSLLinearAlgebra.solve([0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3], n: 3)
    }
  }

  /// 2x + y = 5, x + 3y = 10 has the solution x = 1, y = 3.
  @Test func regularLUSolveIsRight() throws {
    let x = try GSLLinearAlgebra.solve([2, 1, 1, 3], [5, 10], n: 2)
    #expect(abs(x[0] - 1) < 1e-12 && abs(x[1] - 3) < 1e-12)
    // A 3×3 system with a known integer solution (1, −2, 3), needing a row exchange.
    let A: [Double] = [0, 2, 1, 1, 1, 1, 4, -1, 2]
    let b = [-1.0, 2, 12]
    let y = try GSLLinearAlgebra.solve(A, b, n: 3)
    #expect(zip(y, [1.0, -2, 3]).allSatisfy { abs($0 - $1) < 1e-12 })
  }

  /// `gsl_rng_mt19937` seeded with 42: the reference outputs of the Mersenne Twister.
  @Test func mersenneTwisterIsReproducible() {
    let rng = RandomSource(seed: 42)
    #expect(rng.next() == 1_608_637_542)
    #expect(rng.next() == 3_421_126_067)
    let again = RandomSource(seed: 42)
    #expect(again.next() == 1_608_637_542)
    let other = RandomSource(seed: 43)
    #expect(other.next() != 1_608_637_542)
    for _ in 0..<100 {
      let k = rng.uniformInt(below: 7)
      #expect((0..<7).contains(k))
      let u = rng.uniform()
      #expect(u >= 0 && u < 1)
    }
  }
}
