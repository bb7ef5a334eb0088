// SPDX-License-Identifier: GPL-3.0-or-later
#ifndef PARLEY_CGLPK_SHIM_H
#define PARLEY_CGLPK_SHIM_H
#include <glpk.h>
#endif
