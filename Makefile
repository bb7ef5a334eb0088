# Parley — build, run and test on Debian 12 with Swift 6.3.
# `make run` and `make test` install what is missing (system packages through apt-get, Python
# tools into .venv/), build, and run.
# SPDX-License-Identifier: GPL-3.0-or-later

SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# librsvg2-bin (rsvg-convert) and the TeX packages (pdflatex, booktabs, pgfplots) let the
# GameExport tests render the SVG figures and compile the LaTeX tables and pgfplots figures;
# without them those tests are skipped. Installing them took 29 s and 94 s on Debian 12.
APT_PACKAGES := libgsl-dev libgmp-dev pkg-config libglpk-dev lrslib libedit-dev tmux python3-venv time \
  librsvg2-bin texlive-latex-base texlive-latex-recommended texlive-pictures
# pygambit 17.0.0b2 is the only release with a prebuilt Linux wheel for CPython 3.11;
# 16.x builds Gambit from source (over ten minutes on two cores).
PY_PACKAGES := pygambit==17.0.0b2 nashpy==0.0.43 quantecon==0.11.4 \
  powerindex==0.3.5 powerindices==1.0.2 coopgame-py==0.3.0
# The Jupyter kernel's and the notebook checker's packages (make test runs the notebooks;
# installing them took 64 s on two busy cores). `make notebook` adds the notebook server.
JUPYTER_PACKAGES := ipykernel==7.4.0 jupyter_client==8.10.0 nbclient==0.11.0 nbformat==5.11.1
NOTEBOOK_PACKAGES := notebook==7.6.5
NOTEBOOKS := $(sort $(wildcard Notebooks/*.ipynb))
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN := .build/release/parley
DEBUG_BIN := .build/debug/parley

.PHONY: all deps slurm-deps venv build release run test test-swift test-peer test-notebooks \
  notebook test-slurm test-slurm-quick bench \
  fuzz fuzz-long sanitize clean

all: build

## Install the Debian packages Parley needs, if any is missing.
deps:
	@if ! dpkg -s $(APT_PACKAGES) >/dev/null 2>&1; then \
	  echo "Installing system packages: $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $(APT_PACKAGES); \
	fi

## Python peers (pygambit, nashpy, QuantEcon) in a local virtual environment.
venv: $(VENV)/.installed
$(VENV)/.installed: Makefile
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --prefer-binary $(PY_PACKAGES) $(JUPYTER_PACKAGES)
	@touch $@

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product parley

## The main job: a scripted session on the Six Party model (Notebooks/six-party.parley) that
## prints the framework comparison, the incentives and the outreach tables and writes its
## exports to out/; then the catalogue games' equilibrium tables.
run: release
	@mkdir -p out
	$(RELEASE_BIN) run Notebooks/six-party.parley
	@for f in Models/games/*.nfg; do \
	  echo; $(RELEASE_BIN) solve "$$f" || exit 1; \
	done

## Every test: the Swift suites, the peer comparison against Gambit, the notebooks and the
## kernel, and a small run on a real single-node Slurm cluster.
test: deps venv
	$(SWIFT) build --build-tests
	$(MAKE) test-swift test-peer test-notebooks test-slurm-quick

test-swift:
	timeout 1800 $(SWIFT) test --skip-build < /dev/null

test-peer:
	$(PY) Tests/Peer/compare_efg_with_gambit.py --parley $(DEBUG_BIN)
	$(PY) Tests/Peer/compare_with_gambit.py --parley $(DEBUG_BIN)

## Every notebook in Notebooks/ run headless with the Parley kernel and compared with its
## stored outputs (timings, dates and cells tagged no-check excepted), then the kernel's
## protocol tests and the checker's own tests (Tests/Kernel, jupyter_client).
test-notebooks:
	@mkdir -p out
	$(PY) Notebooks/kernel/run_notebooks.py $(NOTEBOOKS) --check --parley $(DEBUG_BIN)
	PARLEY_BIN=$(DEBUG_BIN) $(PY) -m unittest discover -s Tests/Kernel -v

## Jupyter with the Parley kernel: installs the notebook server and registers the kernel
## ("Parley") in .venv, then says how to open the notebooks.
notebook: deps venv build
	$(PY) -m pip install --quiet --prefer-binary $(NOTEBOOK_PACKAGES)
	$(PY) Notebooks/kernel/parley_kernel/install.py --sys-prefix
	@echo
	@echo "Open the notebooks with:  $(VENV)/bin/jupyter notebook Notebooks/"
	@echo "(choose the kernel 'Parley'; PARLEY_BIN picks another parley than $(DEBUG_BIN))."
	@echo "Re-run and check them:    $(PY) Notebooks/kernel/run_notebooks.py Notebooks/*.ipynb --check"

## A real Slurm cluster on this machine: install Debian's slurm-wlm and munge, start munged,
## slurmctld and slurmd (one node, configured in a temporary folder), submit a Monte Carlo run
## of the outreach model as a job array (SLURM_DRAWS draws in SLURM_SHARDS shards) with
## `parley sample … --slurm --submit`, wait for the merge job and compare its table with the
## single-process run exactly; the daemons are stopped on exit (Tests/Slurm/run_slurm_test.sh).
SLURM_PACKAGES := slurm-wlm munge
SLURM_DRAWS ?= 2000
SLURM_SHARDS ?= 8
slurm-deps:
	@if ! dpkg -s $(SLURM_PACKAGES) >/dev/null 2>&1; then \
	  echo "Installing $(SLURM_PACKAGES)"; \
	  $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends \
	    $(SLURM_PACKAGES); \
	fi

test-slurm: deps slurm-deps release
	time Tests/Slurm/run_slurm_test.sh $(RELEASE_BIN) $(SLURM_DRAWS) $(SLURM_SHARDS)

## The same on the debug build `make test` has just made, with 200 draws in 4 shards (a debug
## draw costs about 14 times a release one): about 1.5 minutes, apt included.
test-slurm-quick: slurm-deps
	time Tests/Slurm/run_slurm_test.sh $(DEBUG_BIN) 200 4

## Benchmarks against the peers (not a test).
bench: deps venv release
	$(PY) Benchmarks/bench.py --parley $(RELEASE_BIN)
	$(PY) Benchmarks/coop_bench.py --parley $(RELEASE_BIN)
	$(PY) Benchmarks/negotiation_bench.py --parley $(RELEASE_BIN)
	$(PY) Benchmarks/sweep_bench.py --parley $(RELEASE_BIN)
	$(PY) Benchmarks/sample_bench.py --parley $(RELEASE_BIN)
	$(PY) Benchmarks/repl_bench.py --parley $(RELEASE_BIN)
	$(PY) Tests/Peer/compare_efg_with_gambit.py --parley $(RELEASE_BIN) --bench
	PARLEY_BENCH=1 $(SWIFT) test -c release --filter BargainingBenchmarks

## libFuzzer on every reader, the expression language and REPL command lines, FUZZ_SECONDS
## each (Fuzz/ is a separate package; see Fuzz/README.md); prints each target's executions
## and rate, and the total. FUZZ_TARGETS picks some: nfg efg negotiation outreach
## bargaining coalitional actors repl expression game tree.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) Fuzz/fuzz.sh $(FUZZ_TARGETS)

## The issue's goal: FUZZ_RUNS (10^7) executions per target, each capped at
## FUZZ_LONG_HOURS (default 6) hours. A nightly job, not for a shared machine: at the rates
## measured on two busy cores (Fuzz/README.md: 1.6k/s for the negotiation reader and the
## REPL, 4-14k/s for the rest) it takes 6 to 10 hours in all, half of it those two.
FUZZ_RUNS ?= 10000000
FUZZ_LONG_HOURS ?= 6
fuzz-long: deps
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SECONDS=$$(( $(FUZZ_LONG_HOURS) * 3600 )) SWIFT=$(SWIFT) \
	  Fuzz/fuzz.sh $(FUZZ_TARGETS)

## The Swift tests under AddressSanitizer (own scratch path, .build-asan; about 9 minutes,
## build included, on two busy cores), then under ThreadSanitizer (.build-tsan) the suites
## that use several threads: concurrent GLPK solves, cancellation flags, the terminal's
## signal handling, the session runner, and the parallel sweeps and Monte Carlo runs (the
## cancellable map, the parametric models' shared formula cache, the block-seeded draws,
## the breakpoint searches, the outreach branch and bound). Swift Testing runs tests in
## parallel, so TSan also sees each suite's tests racing one another. Leaks in XCTest and swift-foundation
## are suppressed (Tests/Sanitizers/lsan.supp).
SANITIZE_FILTER ?=
TSAN_SUITES := LinearProgramTests IteratedDominanceTests TerminalTests SessionTests \
  MonteCarloTests CancellableMapTests ParametricModelTests BreakpointTests \
  OutreachBranchAndBoundTests
TSAN_FILTER ?= $(subst $(eval) ,|,$(strip $(TSAN_SUITES)))
LSAN := LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp
sanitize: deps
	time $(LSAN) timeout 3600 $(SWIFT) test --sanitize=address --scratch-path .build-asan \
	  $(if $(SANITIZE_FILTER),--filter '$(SANITIZE_FILTER)') < /dev/null
	time timeout 3600 $(SWIFT) test --sanitize=thread --scratch-path .build-tsan \
	  --filter '$(TSAN_FILTER)' < /dev/null

clean:
	rm -rf .build
