# SPDX-License-Identifier: GPL-3.0-or-later
"""A Jupyter kernel for Parley: each cell is Parley commands run in one `parley` session."""

__version__ = "0.1.0"
