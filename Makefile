# Parallax: set-up, development server and the whole test suite.
#
#   make setup       Rust wasm target, wasm-bindgen-cli and trunk at pinned versions, crates fetched
#   make serve       setup, then the app at http://127.0.0.1:8080 (rebuilds on change)
#   make test-setup  setup, plus Debian's Chromium, Firefox ESR, WebKitGTK's driver and Xvfb,
#                    geckodriver from crates.io and the browser tests' npm packages
#   make build       setup, then the release build into dist/
#   make e2e         test-setup, the release build and the end-to-end tests only
#   make engines     test-setup, the release build and the smoke suite in Firefox ESR and WebKitGTK only
#   make test        test-setup, then fmt, clippy, cargo test, the release build, the e2e tests and
#                    the other engines' smoke suite
#   make bundle      build, then dist/parallax.html (the app in one offline file) and dist/parallax.zip
#   make bench-extraction DIR=…  article extraction: Parallax's import, trafilatura and Readability
#                    on the saved pages in DIR, one scorer, one table (BENCHMARKS.md)
#   make bench-lighthouse [DIST=…]  Lighthouse in Debian's Chromium on five links of the release
#                    build served gzipped, mobile and desktop, one table (BENCHMARKS.md)
#   make fuzz        nightly and cargo-fuzz if missing, then every fuzz target in turn (TESTING.md)
#   make fuzz-min    after make fuzz: the kept corpora in fuzz/regressions/ minimised again
#
# Every install step is skipped when its tool is already there at the right version, so a second
# run is quick, and nothing is ever downloaded outside the package registries (crates, npm, PyPI,
# Debian): trunk and cargo run offline after `cargo fetch`, and the browser tests drive Debian's
# Chromium through playwright-core, and Debian's Firefox ESR (through geckodriver, built from
# crates.io) and WebKitGTK (through its WebKitWebDriver) through selenium-webdriver pointed at
# those drivers, so neither downloads a browser or a driver.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules --warn-undefined-variables

# tools/node_modules/.bin holds npm binaryen's wasm-opt, which trunk runs on release builds.
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

# The wasm-bindgen CLI must have exactly the version of the `wasm-bindgen` crate, pinned once
# with `=` in the root Cargo.toml's [workspace.dependencies]: read from there (Trunk reads the
# same version from Cargo.lock).
WASM_BINDGEN_VERSION := $(shell sed -nE 's/^wasm-bindgen[[:space:]]*=[[:space:]]*"=([^"]+)".*/\1/p' Cargo.toml)
# 0.22 needs a newer rustc than ours; 0.21.14 compiles only with its own lock file (--locked).
TRUNK_VERSION := 0.21.14
WASM_TARGET := wasm32-unknown-unknown
CHROMIUM := /usr/bin/chromium
CHROMEDRIVER := /usr/bin/chromedriver
E2E := tests/e2e
# The other engines' smoke suite (README, "Other engines"): its own npm packages
# (selenium-webdriver), Debian's Firefox ESR, WebKitWebDriver (with WebKitGTK's MiniBrowser) and
# Xvfb, and geckodriver from crates.io.
ENGINES_DIR := tests/e2e-engines
GECKODRIVER_VERSION := 0.37.1
ENGINE_BINARIES := /usr/bin/firefox-esr /usr/bin/WebKitWebDriver /usr/bin/Xvfb
# Stage timings of one `make test`, printed at its end.
TIMES := target/make-stage-times.tsv
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# `stage NAME CMD...` runs one step, prints how long it took and records it in $(TIMES). CMD
# runs as a plain command, so `set -e` still stops it at its first failing line; the EXIT trap
# then records the stage as failed and prints the timings so far.
define STAGE
current= ; t0=0
stage() {
  current=$$1 t0=$$SECONDS; shift
  printf '\n==> %s\n' "$$current"
  "$$@"
  printf '<== %s: %ss\n' "$$current" "$$((SECONDS - t0))"
  printf '%s\t%s\tok\n' "$$current" "$$((SECONDS - t0))" >> $(TIMES)
  current=
}
# `npm_ci DIR`: `npm ci` in DIR unless its node_modules was installed from the same
# package-lock.json (a copy is kept beside it as the stamp). tools/ holds npm binaryen, for
# wasm-opt (Debian's binaryen is too old to read our wasm).
npm_ci() {
  local stamp=$$1/node_modules/.installed-package-lock.json
  if [[ -f $$stamp ]] && cmp -s $$1/package-lock.json $$stamp; then
    echo "$$1 node_modules: up to date with package-lock.json"
  else
    (cd $$1 && npm ci --no-audit --no-fund)
    cp $$1/package-lock.json $$stamp
  fi
}
summary() {
  printf '\nStage timings (seconds):\n'
  awk -F'\t' '{ printf "  %-30s %5d  %s\n", $$1, $$2, $$3; total += $$2 } END { printf "  %-30s %5d\n", "total", total }' $(TIMES)
}
on_exit() {
  local rc=$$?
  if [[ -n "$$current" ]]; then
    printf '%s\t%s\tFAILED (exit %s)\n' "$$current" "$$((SECONDS - t0))" "$$rc" >> $(TIMES)
  fi
  if ((rc != 0)); then summary; fi
}
mkdir -p "$$(dirname $(TIMES))"
trap on_exit EXIT
endef

.PHONY: setup serve build test-setup e2e engines test check-pins

## Checks that the root Cargo.toml pins the wasm-bindgen crate exactly: the CLI is installed at
## that version.
check-pins:
	@if [[ -z "$(WASM_BINDGEN_VERSION)" ]]; then
	  echo 'error: the root Cargo.toml must pin wasm-bindgen exactly in [workspace.dependencies], as in: wasm-bindgen = "=X.Y.Z"' >&2
	  exit 1
	fi

setup: check-pins
	@$(STAGE)
	: > $(TIMES)
	install_target() {
	  if rustup target list --installed | grep -qx '$(WASM_TARGET)'; then
	    echo 'rust target $(WASM_TARGET): present'
	  else
	    rustup target add $(WASM_TARGET)
	  fi
	  for c in rustfmt clippy; do
	    if ! rustup component list --installed | grep -q "^$$c"; then rustup component add "$$c"; fi
	  done
	}
	install_wasm_bindgen() {
	  if [[ "$$(wasm-bindgen --version 2>/dev/null || true)" == 'wasm-bindgen $(WASM_BINDGEN_VERSION)' ]]; then
	    echo 'wasm-bindgen $(WASM_BINDGEN_VERSION): present'
	  else
	    # Not --locked: its lock file pins a crate version that the registry here does not serve.
	    cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force
	  fi
	}
	install_trunk() {
	  if [[ "$$(trunk --version 2>/dev/null || true)" == 'trunk $(TRUNK_VERSION)' ]]; then
	    echo 'trunk $(TRUNK_VERSION): present'
	  else
	    cargo install trunk --version $(TRUNK_VERSION) --locked --force
	  fi
	}
	stage 'setup: rust target' install_target
	stage 'setup: wasm-bindgen-cli' install_wasm_bindgen
	stage 'setup: trunk' install_trunk
	stage 'setup: wasm-opt (npm binaryen)' npm_ci tools
	# Trunk builds with --offline, which cargo obeys too: every crate must be here first.
	stage 'setup: cargo fetch' cargo fetch

serve: setup
	trunk serve --offline --address 127.0.0.1 --port 8080

test-setup: setup
	@$(STAGE)
	install_chromium() {
	  if [[ -x $(CHROMIUM) && -x $(CHROMEDRIVER) ]]; then
	    echo "chromium: present ($$($(CHROMIUM) --version 2>/dev/null || echo 'version unknown'))"
	  else
	    $(SUDO) apt-get update
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
	  fi
	}
	install_engines() {
	  local missing=0 f
	  for f in $(ENGINE_BINARIES); do [[ -x $$f ]] || missing=1; done
	  if ((missing == 0)); then
	    echo "firefox-esr, webkit2gtk-driver, xvfb: present ($$(dpkg-query -W -f='$${Package} $${Version}  ' firefox-esr webkit2gtk-driver xvfb 2>/dev/null || echo 'versions unknown'))"
	  else
	    $(SUDO) apt-get update
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr webkit2gtk-driver xvfb
	  fi
	}
	install_geckodriver() {
	  if [[ "$$(geckodriver --version 2>/dev/null | head -n 1 || true)" == 'geckodriver $(GECKODRIVER_VERSION)'* ]]; then
	    echo 'geckodriver $(GECKODRIVER_VERSION): present'
	  else
	    cargo install geckodriver --version $(GECKODRIVER_VERSION) --locked --force
	  fi
	}
	stage 'test-setup: chromium' install_chromium
	stage 'test-setup: npm ci' npm_ci $(E2E)
	stage 'test-setup: firefox-esr, webkit2gtk-driver, xvfb' install_engines
	stage 'test-setup: geckodriver' install_geckodriver
	stage 'test-setup: npm ci (e2e-engines)' npm_ci $(ENGINES_DIR)

# Property tests run twice in `make test`: with this fixed seed (the same cases on every run),
# then with a random seed that the stage's name prints, so that a new finding can be replayed
# from the log: PROPTEST_RNG_SEED=<seed> cargo test -p parallax-core. A failing case is also
# kept by proptest under proptest-regressions/ beside the test, to be committed and replayed.
PROPTEST_SEED := 20261204
# The commands of the last stages, shared by `build`, `e2e` and `test`.
TRUNK_BUILD := trunk build --release --offline
# The same app built on another story, the tram one written for the tests (issue 19: every
# analysis works on a corpus of texts alone, with no hand-made themes, entities or claims);
# tests/e2e/tram.test.mjs opens it.
TRAM_CORPUS := crates/core/tests/fixtures/tram
TRAM_DIST := target/dist-tram
TRUNK_BUILD_TRAM := env PARALLAX_BUNDLE=$(TRAM_CORPUS) $(TRUNK_BUILD) --dist $(TRAM_DIST)
# Files are named explicitly: Node 20's runner takes file paths (a folder or glob of its own came
# later). They run one at a time; each file starts its own static server and Chromium.
E2E_RUN := node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec $(E2E)/*.test.mjs
# The smoke suite in Firefox ESR and WebKitGTK (tests/e2e-engines/, README "Other engines"): the
# same runner, one file at a time, each starting its own servers and browsers.
ENGINES_RUN := node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec $(ENGINES_DIR)/*.test.mjs

build: setup
	@$(STAGE)
	stage 'trunk build --release' $(TRUNK_BUILD)

e2e: test-setup
	@$(STAGE)
	stage 'trunk build --release' $(TRUNK_BUILD)
	stage 'trunk build --release (the tram story)' $(TRUNK_BUILD_TRAM)
	stage 'e2e (node --test)' $(E2E_RUN)
	summary

engines: test-setup
	@$(STAGE)
	stage 'trunk build --release' $(TRUNK_BUILD)
	stage 'e2e engines (firefox, webkit)' $(ENGINES_RUN)
	summary

test: test-setup
	@$(STAGE)
	stage 'cargo fmt --check' cargo fmt --all -- --check
	stage 'cargo clippy' cargo clippy --workspace --all-targets -- -D warnings
	# The release build before cargo test: the packer's test packs it (and fails under CI without it).
	stage 'trunk build --release' $(TRUNK_BUILD)
	stage 'cargo test (fixed property seed)' env PROPTEST_RNG_SEED=$(PROPTEST_SEED) cargo test --workspace
	seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
	stage "property tests (random seed $$seed)" env PROPTEST_RNG_SEED=$$seed cargo test -p parallax-core -p parallax-search
	stage 'trunk build --release (the tram story)' $(TRUNK_BUILD_TRAM)
	stage 'e2e (node --test)' $(E2E_RUN)
	stage 'e2e engines (firefox, webkit)' $(ENGINES_RUN)
	summary

# ---------------------------------------------------------------------------------------------
# Benchmarks: not part of `make test`. `make bench` prints two reports (BENCHMARKS.md explains
# them) and keeps them, with the raw numbers and the generated corpora, in target/bench/:
#   1. native timings of the core on generated corpora of 200, 2,000 and 20,000 documents
#      (`cargo run --release -p parallax-bench`, which also writes the corpora as JSON);
#   2. our search compiled to wasm (the release profile, and the same at opt-level 3) against
#      MiniSearch and FlexSearch from npm, in one Node process, on those corpora.
# About ten minutes on 2 cores.
BENCH := target/bench
BENCH_WASM := target/$(WASM_TARGET)/release/parallax_search_wasm.wasm
BENCH_WASM_O3 := $(BENCH)/o3/$(WASM_TARGET)/release/parallax_search_wasm.wasm

.PHONY: bench
bench: setup
	@$(STAGE)
	bench_wasm() {
	  cargo build --release --target $(WASM_TARGET) -p parallax-search-wasm
	  wasm-bindgen --target nodejs --out-dir $(BENCH)/wasm $(BENCH_WASM)
	  # The same code at opt-level 3, in its own target folder so the app's build stays cached.
	  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_TARGET_DIR=$(BENCH)/o3 \
	    cargo build --release --target $(WASM_TARGET) -p parallax-search-wasm
	  wasm-bindgen --target nodejs --out-dir $(BENCH)/wasm-o3 $(BENCH_WASM_O3)
	}
	bench_native() {
	  cargo run --release -p parallax-bench -- --out $(BENCH) --bundle | tee $(BENCH)/native.md
	}
	bench_node() {
	  node --max-old-space-size=8192 bench/side-by-side.mjs --data $(BENCH) | tee $(BENCH)/side-by-side.md
	}
	mkdir -p $(BENCH)
	stage 'bench: npm ci' npm_ci bench
	stage 'bench: wasm builds' bench_wasm
	stage 'bench: native (parallax-bench)' bench_native
	stage 'bench: side-by-side (node)' bench_node
	summary

# ---------------------------------------------------------------------------------------------
# Article extraction: not part of `make test` (BENCHMARKS.md, "Article extraction").
# `make bench-extraction DIR=/path/to/pages` runs three extractors on the same saved web pages
# (DIR: `expectations.json` and `pages/*.html.gz`, a benchmark input kept outside the project)
# and scores them with one scorer, `parallax-bench extraction`:
#   1. Parallax's import (`parallax_core::import::import`), in the native benchmark binary;
#   2. trafilatura from PyPI (bench/requirements.txt, every package pinned) in bench/.venv;
#   3. Mozilla Readability with linkedom from npm (bench/package-lock.json), in Node.
# The peers write their texts and their own time per page to EXTRACTION_TMP (outside the project,
# emptied at each run), with each extractor's per-page results as JSON; the table, with the run's
# conditions, is printed and kept in target/bench/extraction.md. About 3 minutes on 2 cores.
DIR ?=
EXTRACTION_TMP ?= /tmp/parallax-bench-extraction
VENV := bench/.venv
# The scorer as built by the stage before the runs, so that all three are scored by one binary.
EXTRACTION_SCORE := $${CARGO_TARGET_DIR:-target}/release/parallax-bench extraction

.PHONY: bench-extraction
bench-extraction: setup
	@$(STAGE)
	if [[ -z "$(DIR)" || ! -f "$(DIR)/expectations.json" ]]; then
	  echo 'error: DIR must name the folder of expectations.json and pages/, as in: make bench-extraction DIR=/path/to/extraction' >&2
	  exit 2
	fi
	dir=$$(realpath "$(DIR)") tmp=$(EXTRACTION_TMP) rows=$(EXTRACTION_TMP)/rows.md
	# `python3 -m venv` needs Debian's python3-venv (ensurepip); bench/.venv is kept while it was
	# installed from the same requirements (a copy is kept in it as the stamp).
	install_venv() {
	  local stamp=$(VENV)/.installed-requirements.txt
	  if [[ -x $(VENV)/bin/python && -f $$stamp ]] && cmp -s bench/requirements.txt $$stamp; then
	    echo "$(VENV): up to date with bench/requirements.txt"
	    return
	  fi
	  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
	    $(SUDO) apt-get update
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
	  fi
	  rm -rf $(VENV)
	  python3 -m venv $(VENV)
	  $(VENV)/bin/pip install --disable-pip-version-check --no-input -q -r bench/requirements.txt
	  cp bench/requirements.txt $$stamp
	}
	run_parallax() {
	  $(EXTRACTION_SCORE) "$$dir" --json $$tmp/parallax.json --row $$rows
	}
	run_trafilatura() {
	  $(VENV)/bin/python bench/trafilatura_run.py --data "$$dir" --out $$tmp/trafilatura
	  $(EXTRACTION_SCORE) "$$dir" --texts $$tmp/trafilatura --json $$tmp/trafilatura.json --row $$rows
	}
	run_readability() {
	  node bench/readability.mjs --data "$$dir" --out $$tmp/readability
	  $(EXTRACTION_SCORE) "$$dir" --texts $$tmp/readability --json $$tmp/readability.json --row $$rows
	}
	rm -rf $$tmp
	mkdir -p $$tmp $(BENCH)
	stage 'extraction: npm ci' npm_ci bench
	stage 'extraction: venv' install_venv
	stage 'extraction: build scorer' cargo build --release -p parallax-bench
	load_start=$$(cut -d' ' -f1-3 /proc/loadavg)
	stage 'extraction: parallax' run_parallax
	stage 'extraction: trafilatura' run_trafilatura
	stage 'extraction: readability' run_readability
	{
	  printf '\n# Article extraction, side by side (%s)\n\n' "$$(date -u +%F)"
	  echo '| extractor | F1 | precision | recall | refused pages | ms/page |'
	  echo '|---|---:|---:|---:|---:|---:|'
	  cat $$rows
	  printf '\n- %s pages of %s; one scorer (parallax-bench extraction): whitespace collapsed, the title counts as text\n' \
	    "$$(ls "$$dir"/pages | wc -l)" "$$dir"
	  printf -- '- CPU: %s, %s cores (each extractor runs on one thread, one after the other)\n' \
	    "$$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" "$$(nproc)"
	  printf -- '- load average (1, 5, 15 min) at start %s, at end %s\n' "$$load_start" "$$(cut -d' ' -f1-3 /proc/loadavg)"
	  printf -- '- %s, workspace release profile; %s; Node %s\n' "$$(rustc --version)" "$$($(VENV)/bin/python --version)" "$$(node --version)"
	  echo "- texts and per-page results (JSON): $$tmp"
	} | tee $(BENCH)/extraction.md
	summary

# ---------------------------------------------------------------------------------------------
# Lighthouse: not part of `make test` (BENCHMARKS.md, "Lighthouse"). `make bench-lighthouse`
# serves a release build (DIST; the default dist/ is built first by `make build`, another folder
# is served as it is) with tests/e2e/server.mjs on 127.0.0.1, sending each file's precompressed
# `.gz` copy like a static host, and runs Lighthouse from npm (bench/package-lock.json, pinned)
# in Debian's Chromium, never a downloaded one, on five links: the library, a reader passage (on
# its prerendered page, and in the older form), an explore query and a three-source compare; Lighthouse's mobile preset (simulated slow 4G, CPU
# slowed 4x) and its desktop preset; performance, accessibility, best practices and SEO;
# LIGHTHOUSE_RUNS runs each (medians). The table, the goals of issue 18 met or not, the run's
# conditions and each link's diagnostics are printed and kept in target/bench/lighthouse.md, the
# raw reports (JSON) in target/bench/lighthouse/. About 7 minutes on 2 cores, plus the build.
DIST ?= dist
LIGHTHOUSE_RUNS ?= 3

.PHONY: bench-lighthouse
bench-lighthouse: $(if $(filter dist,$(DIST)),build,setup)
	@$(STAGE)
	if [[ ! -f "$(DIST)/index.html" ]]; then
	  echo 'error: DIST must name a release build (index.html and its files), as in: make bench-lighthouse DIST=dist' >&2
	  exit 2
	fi
	if [[ ! -x $(CHROMIUM) ]]; then
	  echo 'error: $(CHROMIUM) is missing: run make test-setup (Debian'"'"'s chromium)' >&2
	  exit 2
	fi
	mkdir -p $(BENCH)
	stage 'lighthouse: npm ci' npm_ci bench
	stage 'lighthouse: runs' node bench/lighthouse.mjs --dist "$(DIST)" --runs $(LIGHTHOUSE_RUNS) \
	  --out $(BENCH)/lighthouse.md --raw $(BENCH)/lighthouse
	summary

# ---------------------------------------------------------------------------------------------
# Start-up against a minimal Yew app (issue 18, point 3): not part of `make test`.
# `make bench-startup` builds the app (like `make build`, or DIST=… names a release build) and
# bench/yew-minimal (the smallest Yew app that renders a page and marks itself ready, with the
# app's release profile, Yew, wasm-bindgen, Trunk and wasm-opt level; in a target folder of its
# own), then loads each cold in Chromium in turn: navigation start to `data-ready`, at CPU
# slowdowns 1 and 4 (tests/e2e/startup.mjs; STARTUP_RUNS loads of each). The table, with the
# run's conditions, is printed and kept in target/bench/startup.md. About 5 minutes on 2 cores
# once both are built (BENCHMARKS.md, "Start-up against a minimal Yew app").
STARTUP_RUNS ?= 15
YEW_MINIMAL := bench/yew-minimal

.PHONY: bench-startup
bench-startup: $(if $(filter dist,$(DIST)),build,setup)
	@$(STAGE)
	if [[ ! -f "$(DIST)/index.html" ]]; then
	  echo 'error: DIST must name a release build (index.html and its files), as in: make bench-startup DIST=dist' >&2
	  exit 2
	fi
	if [[ ! -x $(CHROMIUM) ]]; then
	  echo 'error: $(CHROMIUM) is missing: run make test-setup (Debian'"'"'s chromium)' >&2
	  exit 2
	fi
	build_minimal() {
	  (cd $(YEW_MINIMAL) && CARGO_TARGET_DIR=$(CURDIR)/$(BENCH)/yew-minimal-target \
	    $(TRUNK_BUILD) --dist $(CURDIR)/$(BENCH)/yew-minimal)
	}
	mkdir -p $(BENCH)
	stage 'startup: npm ci' npm_ci $(E2E)
	stage 'startup: the minimal Yew app' build_minimal
	stage 'startup: runs' node $(E2E)/startup.mjs --app "$(DIST)" --minimal $(BENCH)/yew-minimal \
	  --runs $(STARTUP_RUNS) | tee $(BENCH)/startup.md
	summary

# ---------------------------------------------------------------------------------------------
# The offline bundle: not part of `make test` (whose e2e stage checks it in bundle.test.mjs).
# `make bundle` is `make build`, then `parallax-pack` on dist/: dist/parallax.html, the whole app
# in one file that runs from file:// with no request, and dist/parallax.zip, the build as it is
# for any static server (README, "Offline bundle").
.PHONY: bundle
bundle: build
	@$(STAGE)
	stage 'parallax-pack' cargo run -q --release --offline -p parallax-pack -- dist

# ---------------------------------------------------------------------------------------------
# Fuzzing: not part of `make test` (TESTING.md, "Fuzzing"). `make fuzz` installs the nightly
# toolchain (minimal profile) and cargo-fuzz when they are missing, builds the targets of fuzz/
# (release, debug assertions and overflow checks on, no sanitizer: the core has no `unsafe`), then
# runs each target in turn, one process with one worker, each input limited to 1 s and the
# process to 2 GB. Inputs the campaign finds go to fuzz/corpus/<target>/ (not committed); the kept,
# minimised corpora in fuzz/regressions/<target>/ are read as seeds and replayed by `cargo test`
# (crates/core/tests/fuzz_corpus.rs). Knobs:
#   make fuzz RUNS=1000000             runs per target (default 10,000,000)
#   make fuzz MAX_TIME=600             also stop each target after this many seconds (0: no limit)
#   make fuzz TARGETS="state query"    only these targets
#   make fuzz ARGS=-max_len=65536      more libFuzzer flags for every target
# A crash, a slow input or an out-of-memory stops the run with the input in fuzz/artifacts/<target>/.
CARGO_MUTANTS_VERSION := 27.1.0
# The files to mutate (default: those of .cargo/mutants.toml); MUTANTS_ARGS passes more options;
# TESTS, the test targets to run for each mutant (`--lib --test state`: faster than every test
# of the package; a mutant they miss is worth running again with all of them).
FILES ?=
MUTANTS_ARGS ?=
TESTS ?=

# Mutation testing: every mutant cargo-mutants makes of the files in .cargo/mutants.toml (or
# FILES) must make a test fail. The report is in mutants.out/ (caught, missed, unviable,
# timeout); TESTING.md keeps the last campaign's figures.
.PHONY: mutants
mutants:
	@$(STAGE)
	install_cargo_mutants() {
	  if [[ "$$(cargo mutants --version 2>/dev/null || true)" == 'cargo-mutants $(CARGO_MUTANTS_VERSION)' ]]; then
	    echo 'cargo-mutants $(CARGO_MUTANTS_VERSION): present'
	  else
	    cargo install cargo-mutants --version $(CARGO_MUTANTS_VERSION) --locked --force
	  fi
	}
	run_mutants() {
	  PROPTEST_CASES=64 cargo mutants --workspace --no-shuffle $(if $(FILES),--no-config) $(foreach f,$(FILES),--file '$(f)') $(MUTANTS_ARGS) $(foreach t,$(TESTS),-C=$(t))
	}
	stage 'mutants: cargo-mutants' install_cargo_mutants
	stage 'mutants: run' run_mutants

CARGO_FUZZ_VERSION := 0.13.2
FUZZ_TARGETS := state step_link import notes draft bundle query
TARGETS ?= $(FUZZ_TARGETS)
RUNS ?= 10000000
MAX_TIME ?= 0
FUZZ_BUILD := -O -a -s none
ARGS ?=
FUZZ_FLAGS = -jobs=1 -workers=1 -timeout=1 -rss_limit_mb=2048 -runs=$(RUNS) -max_total_time=$(MAX_TIME) -print_final_stats=1 $(ARGS)

.PHONY: fuzz
fuzz: TIMES := target/make-fuzz-times.tsv
fuzz:
	@$(STAGE)
	: > $(TIMES)
	install_nightly() {
	  if rustup run nightly rustc --version >/dev/null 2>&1; then
	    echo "rust nightly: present ($$(rustup run nightly rustc --version))"
	  else
	    rustup toolchain install nightly --profile minimal
	  fi
	}
	install_cargo_fuzz() {
	  if [[ "$$(cargo fuzz --version 2>/dev/null | head -n 1 || true)" == 'cargo-fuzz $(CARGO_FUZZ_VERSION)' ]]; then
	    echo 'cargo-fuzz $(CARGO_FUZZ_VERSION): present'
	  else
	    cargo install cargo-fuzz --version $(CARGO_FUZZ_VERSION) --locked --force
	  fi
	}
	fuzz_build() {
	  (cd fuzz && cargo +nightly fuzz build $(FUZZ_BUILD))
	}
	# -jobs=1 runs the fuzzer in a child process whose output goes to fuzz-0.log: it is kept as
	# fuzz/logs/<target>.log and its final statistics printed.
	fuzz_one() {
	  local t=$$1 rc=0
	  mkdir -p fuzz/corpus/$$t fuzz/regressions/$$t fuzz/logs
	  (cd fuzz && cargo +nightly fuzz run $(FUZZ_BUILD) $$t corpus/$$t regressions/$$t -- $(FUZZ_FLAGS)) || rc=$$?
	  if [[ -f fuzz/fuzz-0.log ]]; then mv fuzz/fuzz-0.log fuzz/logs/$$t.log; fi
	  grep -E '^(stat::|Done |INFO: (Seed|Loaded))|==[0-9]+== ERROR|panicked|Test unit written' fuzz/logs/$$t.log || true
	  printf 'corpus: %s files\n' "$$(ls fuzz/corpus/$$t | wc -l)"
	  return $$rc
	}
	stage 'fuzz: rust nightly' install_nightly
	stage 'fuzz: cargo-fuzz' install_cargo_fuzz
	stage 'fuzz: build targets' fuzz_build
	for t in $(TARGETS); do stage "fuzz: $$t" fuzz_one $$t; done
	summary

# `make fuzz-min` (after `make fuzz`; TARGETS as there) replaces each kept corpus in
# fuzz/regressions/<target>/ by the fewest of its inputs and the campaign's that still reach every
# edge they reach (cargo fuzz cmin with libFuzzer's set-cover merge on edges alone:
# -set_cover_merge=1 -use_counters=0), then only the smallest of those, at most KEEP files and
# KEEP_BYTES bytes a target, so that the repository stays small. Found crash-, timeout- and oom-
# inputs are kept as they are.
KEEP ?= 200
KEEP_BYTES ?= 100000
.PHONY: fuzz-min
fuzz-min:
	found=(! -name 'crash-*' ! -name 'timeout-*' ! -name 'oom-*')
	for t in $(TARGETS); do
	  mkdir -p fuzz/corpus/$$t fuzz/regressions/$$t
	  find fuzz/regressions/$$t -maxdepth 1 -type f "$${found[@]}" -exec cp -t fuzz/corpus/$$t {} +
	  (cd fuzz && cargo +nightly fuzz cmin $(FUZZ_BUILD) $$t corpus/$$t -- -set_cover_merge=1 -use_counters=0)
	  find fuzz/regressions/$$t -maxdepth 1 -type f "$${found[@]}" -delete
	  n=0 total=0
	  while read -r size f; do
	    if ((n < $(KEEP) && total + size <= $(KEEP_BYTES))); then
	      cp "$$f" fuzz/regressions/$$t/; n=$$((n + 1)) total=$$((total + size))
	    fi
	  done < <(find fuzz/corpus/$$t -maxdepth 1 -type f -printf '%s %p\n' | sort -n)
	  printf '%s: %s files, %s bytes\n' $$t "$$(ls fuzz/regressions/$$t | wc -l)" "$$(cat fuzz/regressions/$$t/* | wc -c)"
	done
