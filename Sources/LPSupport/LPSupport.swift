// SPDX-License-Identifier: GPL-3.0-or-later
// Linear programming through GLPK, with the optimal basis re-solved in exact rationals.
