#!/usr/bin/env bash
# End-to-end benchmark of countercheck on generated news corpora: wall time, throughput
# and peak memory (GNU time) of extract, report and export, and of figures on the same
# text, at each SIZE given (default: 1MB 100MB; add 1GB for the full table), with all
# cores and with one, and on copies of the seed articles when they are beside the
# project (see the end). Each command runs once, but figures three times, keeping the
# fastest. Prints a Markdown table for BENCHMARKS.md.
#
#   bench/run.sh            # 1MB and 100MB
#   bench/run.sh 1MB 1GB    # any sizes
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1MB 100MB)
work=target/bench
mkdir -p "$work"
cargo build --release --quiet --bin countercheck --example gen_corpus
bin=target/release/countercheck
gen=target/release/examples/gen_corpus

# The corpus a command reads ($warm: a directory or a file). This machine's page cache
# loses some of a corpus between runs even with memory to spare (a run of 16,000 files
# found a few dozen of them on disk again, and read them at a tenth of a run's time in
# the reading thread), so each command is timed right after its input is read once.
warm=""
warm_up() {
    [ -n "$warm" ] || return 0
    if [ -d "$warm" ]; then
        find "$warm" -name '*.txt' -print0 | xargs -0 cat > /dev/null
    else
        cat "$warm" > /dev/null
    fi
}

# seconds and peak RSS (KB) of a command, from GNU time
measure() {
    warm_up
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
        cat "$work/stderr.txt" >&2
        return 1
    }
    cat "$work/time.txt"
}

# the fastest of three runs of a command (seconds and its peak RSS): for figures, whose
# runs are short enough for the machine's wander to swamp one of them
fastest_of_three() {
    local best="" s kb
    for _ in 1 2 3; do
        read -r s kb < <(measure "$@")
        if [ -z "$best" ] || awk -v a="$s" -v b="${best% *}" 'BEGIN { exit !(a < b) }'; then
            best="$s $kb"
        fi
    done
    echo "$best"
}

row() { # name size_bytes threads seconds kb
    local mbps
    mbps=$(awk -v b="$2" -v s="$4" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "-" }')
    printf '| %s | %s | %s | %.2f s | %s MB/s | %d MB |\n' "$1" "$size" "$3" "$4" "$mbps" $(( $5 / 1024 ))
}

# With one rayon thread the reading thread and the writing one still run beside the
# worker, on the other core when it is free; pinned to one core with taskset, all
# three share it. Both are shown: "1" is one core of work, "1 pinned" one core in all.
pinned_extract() { # dir bytes
    command -v taskset >/dev/null || return 0
    read -r s kb < <(RAYON_NUM_THREADS=1 measure taskset -c 0 "$bin" extract "$1" -q -o /dev/null)
    row extract "$2" "1 pinned" "$s" "$kb"
}

echo "| command | corpus | threads | wall | throughput | peak RSS |"
echo "|---|---|---|---|---|---|"
for size in "${sizes[@]}"; do
    dir="$work/corpus-$size"
    [ -d "$dir" ] || "$gen" --size "$size" --out "$dir" 2>/dev/null
    bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    flat="$work/corpus-$size.txt"
    [ -f "$flat" ] || find "$dir" -name '*.txt' -print0 | sort -z | xargs -0 cat > "$flat"
    warm=$dir
    for threads in 0 1; do
        label=$([ "$threads" = 0 ] && nproc || echo 1)
        export RAYON_NUM_THREADS=$threads
        read -r s kb < <(measure "$bin" extract "$dir" -q -o /dev/null)
        row extract "$bytes" "$label" "$s" "$kb"
        read -r s kb < <(measure "$bin" report "$dir" -q -o /dev/null)
        row report "$bytes" "$label" "$s" "$kb"
        rm -rf "$work/export"
        read -r s kb < <(measure "$bin" export "$dir" -q --out "$work/export")
        row export "$bytes" "$label" "$s" "$kb"
    done
    pinned_extract "$dir" "$bytes"
    unset RAYON_NUM_THREADS
    warm=$flat
    read -r s kb < <(fastest_of_three sh -c "\"$bin\" figures < \"$flat\"")
    row figures "$bytes" 1 "$s" "$kb"
done

# The generated corpus is written from data/samples, which carry a figure every 170
# bytes or so; the seed articles of real reporting carry one every 900. When they are
# beside the project (SEED_DIR, default ../shared/seed), copies of them make a corpus
# at that density (SEED_BYTES, default 100 MB, the size the targets are set at), so
# the table shows both ends. At 10 MB, start-up and the clock's hundredths of a second
# weigh on figures' throughput.
seed_bytes=${SEED_BYTES:-100000000}
dir="$work/seed-$((seed_bytes / 1000000))MB"
flat="$dir.txt"
if bench/seed_copies.sh "$dir" "$seed_bytes"; then
    size="seed ×$(find "$dir" -name '*.txt' | wc -l) docs"
    bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    warm=$dir
    export RAYON_NUM_THREADS=1
    read -r s kb < <(measure "$bin" extract "$dir" -q -o /dev/null)
    row extract "$bytes" 1 "$s" "$kb"
    pinned_extract "$dir" "$bytes"
    unset RAYON_NUM_THREADS
    warm=$flat
    read -r s kb < <(fastest_of_three sh -c "\"$bin\" figures < \"$flat\"")
    row figures "$bytes" 1 "$s" "$kb"
fi
