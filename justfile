# Thin wrappers over cargo: every recipe is one command you can also type yourself.

default:
    @just --list

# Build the release binary (target/release/countercheck).
build:
    cargo build --release

# The profile-guided release binary (target/pgo/release/countercheck; needs llvm-profdata, see bench/pgo.sh).
pgo:
    bench/pgo.sh

# The whole test suite, as CI runs it.
test:
    cargo test --workspace

# Clippy with warnings as errors.
lint:
    cargo clippy --workspace --all-targets -- -D warnings

# Format the code.
fmt:
    cargo fmt --all

# Check formatting without changing files.
fmt-check:
    cargo fmt --all --check

# API documentation for the workspace.
doc:
    cargo doc --workspace --no-deps

# Run the tests and accept changed snapshots (read them first: git diff snapshots/).
snap:
    cargo insta test --workspace --accept

# Criterion benchmarks, then the end-to-end table (bench/run.sh; sizes as arguments).
bench *SIZES:
    cargo bench -p countercheck-grammar --bench scan
    bench/run.sh {{SIZES}}

# The end-to-end table for the profile-guided build.
bench-pgo *SIZES:
    PGO=1 bench/run.sh {{SIZES}}

# Fuzz a target of fuzz/ (figures or extract) for SECONDS, more libFuzzer flags after them (needs cargo-fuzz; nightly flags via RUSTC_BOOTSTRAP).
fuzz TARGET="figures" SECONDS="300" *FLAGS:
    RUSTC_BOOTSTRAP=1 cargo fuzz run {{TARGET}} -- -max_total_time={{SECONDS}} -dict=fuzz/grammar.dict {{FLAGS}}

# Figures found in the sample articles, one JSON line per paragraph.
sample:
    cargo run --release -- figures < data/samples/01-kyiv-overnight-assault.txt

# Conformance with the Recognizers-Text number cases (needs ../shared).
conformance: build
    python3 ../shared/tools/figures_check.py ../shared/conformance/recognizers-text-counts.tsv -- target/release/countercheck figures

# Everything CI runs.
ci:
    bash .ci/run

# Open the HTML report of data/samples in headless Chromium and check it (see e2e/README.md).
e2e:
    test -d e2e/node_modules/playwright-core || npm ci --prefix e2e --no-audit --no-fund
    node e2e/check.mjs

# Instructions executed on 2 MB (valgrind), which repeat where timings wander; pass
# another build's binary to compare.
instructions *BIN:
    bench/instructions.sh {{BIN}}
