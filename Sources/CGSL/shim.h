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

static inline const gsl_rng_type *cgsl_rng_mt19937(void) { return gsl_rng_mt19937; }
#endif
