# SPDX-License-Identifier: GPL-3.0-or-later
"""`python -m parley_kernel -f CONNECTION_FILE`: what the kernel spec runs."""

from ipykernel.kernelapp import IPKernelApp

from .kernel import ParleyKernel

IPKernelApp.launch_instance(kernel_class=ParleyKernel)
