#!/usr/bin/env bash
# Builds countercheck with profile-guided optimisation: an instrumented build runs every
# command over a corpus generated from data/samples, and the release build is then
# compiled with the counts it left, so the compiler lays out the branches and inlines
# the calls that news text takes. The program is the same: the script ends by checking
# that the optimised build writes the same bytes as the plain one.
#
#   bench/pgo.sh                  # -> target/pgo/release/countercheck
#   LLVM_PROFDATA=path bench/pgo.sh
#
# Needs llvm-profdata of the LLVM that rustc is built on (rustc -vV names it): on
# Debian `apt-get install llvm-22` for LLVM 22, or `rustup component add llvm-tools`.
# The training text is generated, never the seed articles, so the seed copies that
# bench/run.sh times are text the profile has not seen.
set -euo pipefail
cd "$(dirname "$0")/.."

major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
host=$(rustc -vV | sed -n 's/^host: //p')
profdata=${LLVM_PROFDATA:-}
if [ -z "$profdata" ]; then
    for candidate in \
        "$(command -v "llvm-profdata-$major" || true)" \
        "/usr/lib/llvm-$major/bin/llvm-profdata" \
        "$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            profdata=$candidate
            break
        fi
    done
fi
if [ -z "$profdata" ]; then
    echo "bench/pgo.sh: no llvm-profdata for LLVM $major (the LLVM rustc is built on)." >&2
    echo "Install it (Debian: apt-get install llvm-$major; rustup: rustup component add llvm-tools)" >&2
    echo "or name one with LLVM_PROFDATA=path." >&2
    exit 1
fi

work=target/pgo
raw=$PWD/$work/raw
profile=$PWD/$work/countercheck.profdata
train=$work/train
rm -rf "$raw" "$profile"
mkdir -p "$work"

# The plain build, for the generator and for the check at the end.
cargo build --release --quiet --locked --bin countercheck --example gen_corpus
plain=target/release/countercheck
[ -d "$train" ] || target/release/examples/gen_corpus --size 8MB --seed 7 --out "$train" 2>/dev/null
[ -f "$train.jsonl" ] || target/release/examples/gen_corpus --size 2MB --seed 8 --jsonl --out "$train.jsonl" 2>/dev/null
[ -f "$train.txt" ] || find "$train" -name '*.txt' -print0 | sort -z | xargs -0 cat > "$train.txt"

# The instrumented build has a target directory of its own, so that neither build
# throws the other's objects away.
echo "== instrumented build" >&2
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$raw" \
    cargo build --release --quiet --locked --bin countercheck --target-dir "$work/generate"
trained=$work/generate/release/countercheck

# Every command, on one core and on all of them, over the training corpus. Their
# summaries on standard error go to a log, shown if a command fails.
log=$work/runs.log
quiet() {
    "$@" 2>>"$log" || {
        cat "$log" >&2
        echo "bench/pgo.sh: failed: $*" >&2
        return 1
    }
}
runs() { # bin out
    local bin=$1 out=$2
    mkdir -p "$out"
    for threads in 1 0; do
        RAYON_NUM_THREADS=$threads quiet "$bin" extract "$train" -q -o "$out/claims-$threads.csv"
    done
    quiet "$bin" extract "$train.jsonl" -q --format jsonl -o "$out/claims.jsonl"
    for format in md html json; do
        quiet "$bin" report "$train" -q --format "$format" -o "$out/report.$format"
    done
    RAYON_NUM_THREADS=1 quiet "$bin" report "$train" -q -o "$out/report-1.md"
    quiet "$bin" export "$train" -q --out "$out/export"
    quiet "$bin" graph data/samples -q --format json -o "$out/graph.json"
    quiet "$bin" figures < "$train.txt" > "$out/figures.jsonl"
}
rm -f "$log"
echo "== training on $train" >&2
runs "$trained" "$work/out-trained"
"$profdata" merge -o "$profile" "$raw"

echo "== optimised build" >&2
# Functions the training never reached have no counts; the compiler's note for each
# of them says nothing the build needs.
RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-use=$profile -Cllvm-args=-pgo-warn-missing-function=false" \
    cargo build --release --quiet --locked --bin countercheck --target-dir "$work"
optimised=$work/release/countercheck

# The same program: every output of the training runs byte for byte.
runs "$plain" "$work/out-plain"
runs "$optimised" "$work/out-optimised"
if ! diff -r -q "$work/out-plain" "$work/out-optimised" >&2; then
    echo "bench/pgo.sh: the optimised build's output differs from the plain build's" >&2
    exit 1
fi
echo "$optimised"
