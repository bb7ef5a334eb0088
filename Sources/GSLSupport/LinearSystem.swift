// SPDX-License-Identifier: GPL-3.0-or-later

internal import CGSL

/// Dense linear algebra in `Double` through GSL.
public enum GSLLinearAlgebra {
  /// Solves `A x = b` for square `A` (row-major, `n × n`) by LU decomposition with partial
  /// pivoting.
  ///
  /// The corresponding GSL functions are `gsl_linalg_LU_decomp` and `gsl_linalg_LU_solve`.
  /// - Throws: ``GSLError/domain`` (GSL 2.7's code for a singular matrix) or another status.
  /// - Complexity: O(n³).
  public static func solve(_ A: [Double], _ b: [Double], n: Int) throws(GSLError) -> [Double] {
    precondition(A.count == n * n && b.count == n && n > 0)
    GSL.ensureInitialized()
    var a = A, rhs = b
    var x = [Double](repeating: 0, count: n)
    let perm = gsl_permutation_alloc(n)!
    defer { gsl_permutation_free(perm) }
    var status: CInt = 0
    a.withUnsafeMutableBufferPointer { ap in
      rhs.withUnsafeMutableBufferPointer { bp in
        x.withUnsafeMutableBufferPointer { xp in
          var m = gsl_matrix_view_array(ap.baseAddress, n, n)
          var bv = gsl_vector_view_array(bp.baseAddress, n)
          var xv = gsl_vector_view_array(xp.baseAddress, n)
          var signum: CInt = 0
          status = gsl_linalg_LU_decomp(&m.matrix, perm, &signum)
          if status == CInt(GSL_SUCCESS) {
            status = gsl_linalg_LU_solve(&m.matrix, perm, &bv.vector, &xv.vector)
          }
        }
      }
    }
    try GSLError.check(status)
    if x.contains(where: { !$0.isFinite }) { throw .singular }
    return x
  }
}
