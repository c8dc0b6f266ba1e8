#!/usr/bin/env bash
# Instructions executed by `extract` (one thread) and `figures` on 2 MB of text, counted
# by valgrind. Wall and CPU time on a shared virtual machine wander by 10-30% from run
# to run; instruction counts repeat to the thousandth, so they show whether a change
# to the engine made it cheaper even when the clock cannot.
#
#   bench/instructions.sh                      # the release build of this checkout
#   bench/instructions.sh path/to/countercheck # another build, to compare
#
# Two inputs: 2 MB of the generated corpus (a figure every 170 bytes or so) and, when
# the seed articles are beside the project (SEED_DIR, default ../shared/seed), 2 MB of
# copies of them (a figure every 900 bytes, as in real reporting).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || {
    echo "bench/instructions.sh needs valgrind (Debian: apt-get install valgrind)" >&2
    exit 1
}
work=target/bench
mkdir -p "$work"
if [ $# -gt 0 ]; then
    bin=$1
else
    cargo build --release --quiet --bin countercheck
    bin=target/release/countercheck
fi
cargo build --release --quiet --example gen_corpus
dense="$work/corpus-2MB"
[ -d "$dense" ] || target/release/examples/gen_corpus --size 2MB --out "$dense" 2>/dev/null
[ -f "$dense.txt" ] || find "$dense" -name '*.txt' -print0 | sort -z | xargs -0 cat > "$dense.txt"

sparse="$work/seed-2MB"
bench/seed_copies.sh "$sparse" 2000000 || true

# millions of instructions of a command, whose standard input is $1
count() {
    local input=$1
    shift
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" \
        <"$input" 2>&1 >/dev/null |
        awk '/I +refs/ { gsub(",", "", $4); printf "%.1f", $4 / 1e6 }'
}

row() { # label dir
    local bytes
    bytes=$(find "$2" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    local x f
    x=$(RAYON_NUM_THREADS=1 count /dev/null "$bin" extract "$2" -q -o /dev/null)
    f=$(count "$2.txt" "$bin" figures)
    awk -v l="$1" -v b="$bytes" -v x="$x" -v f="$f" 'BEGIN {
        printf "| %s | %.2f MB | %s M (%.0f a byte) | %s M (%.0f a byte) |\n", l, b / 1e6, x, x * 1e6 / b, f, f * 1e6 / b
    }'
}

echo "| text | size | extract, instructions | figures, instructions |"
echo "|---|---|---|---|"
row "generated corpus" "$dense"
[ -d "$sparse" ] && row "seed articles, copied" "$sparse"
exit 0
