// SPDX-License-Identifier: GPL-3.0-or-later
// Only the GSL headers Parley uses. HAVE_INLINE makes gsl_vector_get/set inline.
#ifndef PARLEY_CGSL_SHIM_H
#define PARLEY_CGSL_SHIM_H
#define HAVE_INLINE 1
#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_permutation.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_roots.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_multiroots.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_odeiv2.h>

static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_root_fsolver_type *cgsl_root_brent(void) {
  return gsl_root_fsolver_brent;
}
static inline const gsl_min_fminimizer_type *cgsl_min_brent(void) {
  return gsl_min_fminimizer_brent;
}
static inline const gsl_multiroot_fsolver_type *cgsl_multiroot_hybrids(void) {
  return gsl_multiroot_fsolver_hybrids;
}
static inline const gsl_odeiv2_step_type *cgsl_odeiv2_rk8pd(void) {
  return gsl_odeiv2_step_rk8pd;
}
#endif
