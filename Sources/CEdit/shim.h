// SPDX-License-Identifier: GPL-3.0-or-later
// libedit's readline-compatible interface (Debian libedit-dev), for the REPL's line editing.
#include <stdio.h>
#include <editline/readline.h>
