// SPDX-License-Identifier: GPL-3.0-or-later
// GNU MP, for the gcd of long integers (Rational's normalisation). Only mpz_t is used, through
// these helpers, which take and give magnitudes as arrays of 64-bit words, least significant
// first (BigInt's layout).
#ifndef PARLEY_CGMP_SHIM_H
#define PARLEY_CGMP_SHIM_H
#include <gmp.h>
#include <stddef.h>
#include <stdint.h>

/// The gcd of the magnitudes a (an words) and b (bn words) into out, which must hold
/// min(an, bn) words (the gcd is no longer than the shorter operand, nonzero operands
/// assumed); returns the number of words written.
static inline size_t cgmp_gcd_words(
    const uint64_t *a, size_t an, const uint64_t *b, size_t bn, uint64_t *out) {
  mpz_t x, y;
  mpz_init(x);
  mpz_init(y);
  mpz_import(x, an, -1, sizeof(uint64_t), 0, 0, a);
  mpz_import(y, bn, -1, sizeof(uint64_t), 0, 0, b);
  mpz_gcd(x, x, y);
  size_t count = 0;
  mpz_export(out, &count, -1, sizeof(uint64_t), 0, 0, x);
  mpz_clear(x);
  mpz_clear(y);
  return count;
}
#endif
