#!/usr/bin/env bash
# End-to-end benchmark of countercheck on generated news corpora: wall time, throughput
# and peak memory (GNU time) of extract, report and export, and of figures on the same
# text, at each SIZE given (default: 1MB 100MB; add 1GB for the full table), with all
# cores and with one, then extract and report on the same size as one JSONL file, and
# on copies of the seed articles when they are beside the project (see the end). Each
# command runs RUNS times (default three; one at a gigabyte or more, where a run takes
# minutes) and its row gives the median wall time with the fastest and slowest beside
# it; figures keeps the fastest of three. Prints a Markdown table for BENCHMARKS.md,
# then the targets of issue 6 computed from it.
#
#   bench/run.sh            # 1MB and 100MB
#   bench/run.sh 1MB 1GB    # any sizes
#   RUNS=5 bench/run.sh     # five runs of each command
#   PGO=1 bench/run.sh      # time the profile-guided build of bench/pgo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1MB 100MB)
work=target/bench
mkdir -p "$work"
cargo build --release --quiet --bin countercheck --example gen_corpus
bin=target/release/countercheck
build="plain release build (cargo build --release)"
if [ "${PGO:-0}" != 0 ]; then
    bin=$(bench/pgo.sh)
    build="profile-guided release build (bench/pgo.sh)"
fi
gen=target/release/examples/gen_corpus

# The corpus a command reads ($warm: a directory or a file). This machine's page cache
# loses some of a corpus between runs even with memory to spare (a run of 16,000 files
# found a few dozen of them on disk again, and read them at a tenth of a run's time in
# the reading thread), so each command is timed right after its input is read once.
warm=""
runs=1
warm_up() {
    [ -n "$warm" ] || return 0
    if [ -d "$warm" ]; then
        find "$warm" -name '*.txt' -print0 | xargs -0 cat > /dev/null
    else
        cat "$warm" > /dev/null
    fi
}

# seconds and peak RSS (KB) of one run of a command, from GNU time
measure_once() {
    warm_up
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
        cat "$work/stderr.txt" >&2
        return 1
    }
    cat "$work/time.txt"
}

# The median seconds of $runs runs of a command, the largest peak RSS (KB) among them,
# and the fastest and slowest seconds. This machine's clock wanders by a fifth from one
# run to the next, so one run may land on either side of a target it meets or misses.
measure() {
    local times=() most=0 s kb
    for ((i = 0; i < runs; i++)); do
        read -r s kb < <(measure_once "$@") || return 1
        times+=("$s")
        ((kb > most)) && most=$kb
    done
    printf '%s\n' "${times[@]}" | sort -n |
        awk -v kb="$most" '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)], kb, t[1], t[NR] }'
}

# the fastest of three runs of a command (seconds and its peak RSS): for figures, whose
# runs are short enough for the machine's wander to swamp one of them
fastest_of_three() {
    local best="" s kb
    for _ in 1 2 3; do
        read -r s kb < <(measure_once "$@")
        if [ -z "$best" ] || awk -v a="$s" -v b="${best% *}" 'BEGIN { exit !(a < b) }'; then
            best="$s $kb"
        fi
    done
    echo "$best"
}

# The median seconds and peak RSS of each row, by "command corpus threads", for the
# summary of the targets at the end.
declare -A secs rss bytes_of

row() { # name size_bytes threads seconds kb spread
    secs["$1 $size $3"]=$4
    bytes_of["$size"]=$2
    rss["$1 $size $3"]=$5
    local mbps
    # GNU time gives hundredths of a second: a run below one gives only a lower bound.
    mbps=$(awk -v b="$2" -v s="$4" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else printf "> %.0f", b / 1e6 / 0.01 }')
    printf '| %s | %s | %s | %.2f s | %s | %s MB/s | %d MB |\n' \
        "$1" "$size" "$3" "$4" "$6" "$mbps" $(($5 / 1024))
}

# The spread of a row's runs: the fastest and slowest seconds, or "one run".
spread() { # fastest slowest
    if [ "$runs" -gt 1 ]; then
        printf '%.2f-%.2f s of %d' "$1" "$2" "$runs"
    else
        echo "one run"
    fi
}

# With one rayon thread the reading thread and the writing one still run beside the
# worker, on the other core when it is free; pinned to one core with taskset, all
# three share it. Both are shown: "1" is one core of work, "1 pinned" one core in all,
# which is what the targets' "one core" means.
pinned() { # dir bytes
    command -v taskset >/dev/null || return 0
    read -r s kb lo hi < <(RAYON_NUM_THREADS=1 measure taskset -c 0 "$bin" extract "$1" -q -o /dev/null)
    row extract "$2" "1 pinned" "$s" "$kb" "$(spread "$lo" "$hi")"
    read -r s kb lo hi < <(RAYON_NUM_THREADS=1 measure taskset -c 0 "$bin" report "$1" -q -o /dev/null)
    row report "$2" "1 pinned" "$s" "$kb" "$(spread "$lo" "$hi")"
}

echo "Timing $bin, the $build."
echo
echo "| command | corpus | threads | wall (median) | runs | throughput | peak RSS |"
echo "|---|---|---|---|---|---|---|"
for size in "${sizes[@]}"; do
    runs=${RUNS:-3}
    case $size in *GB) runs=${RUNS:-1} ;; esac
    dir="$work/corpus-$size"
    [ -d "$dir" ] || "$gen" --size "$size" --out "$dir" 2>/dev/null
    bytes=$(find "$dir" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    flat="$work/corpus-$size.txt"
    [ -f "$flat" ] || find "$dir" -name '*.txt' -print0 | sort -z | xargs -0 cat > "$flat"
    warm=$dir
    for threads in 0 1; do
        label=$([ "$threads" = 0 ] && nproc || echo 1)
        export RAYON_NUM_THREADS=$threads
        read -r s kb lo hi < <(measure "$bin" extract "$dir" -q -o /dev/null)
        row extract "$bytes" "$label" "$s" "$kb" "$(spread "$lo" "$hi")"
        read -r s kb lo hi < <(measure "$bin" report "$dir" -q -o /dev/null)
        row report "$bytes" "$label" "$s" "$kb" "$(spread "$lo" "$hi")"
        rm -rf "$work/export"
        read -r s kb lo hi < <(measure "$bin" export "$dir" -q --out "$work/export")
        row export "$bytes" "$label" "$s" "$kb" "$(spread "$lo" "$hi")"
    done
    pinned "$dir" "$bytes"
    unset RAYON_NUM_THREADS
    warm=$flat
    read -r s kb < <(fastest_of_three sh -c "\"$bin\" figures < \"$flat\"")
    row figures "$bytes" 1 "$s" "$kb" "fastest of 3"
    # The same size as one JSONL file, as archives are often kept: it is read a line at
    # a time, so extract's memory must not grow with it either.
    jsonl="$work/corpus-$size.jsonl"
    [ -f "$jsonl" ] || "$gen" --size "$size" --out "$jsonl" --jsonl 2>/dev/null
    jsonl_bytes=$(stat -c %s "$jsonl")
    warm=$jsonl
    plain_size=$size
    size="$size JSONL"
    read -r s kb lo hi < <(measure "$bin" extract "$jsonl" -q -o /dev/null)
    row extract "$jsonl_bytes" "$(nproc)" "$s" "$kb" "$(spread "$lo" "$hi")"
    read -r s kb lo hi < <(measure "$bin" report "$jsonl" -q -o /dev/null)
    row report "$jsonl_bytes" "$(nproc)" "$s" "$kb" "$(spread "$lo" "$hi")"
    size=$plain_size
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
    runs=${RUNS:-3}
    read -r s kb lo hi < <(measure "$bin" extract "$dir" -q -o /dev/null)
    row extract "$bytes" "$(nproc)" "$s" "$kb" "$(spread "$lo" "$hi")"
    read -r s kb lo hi < <(measure "$bin" report "$dir" -q -o /dev/null)
    row report "$bytes" "$(nproc)" "$s" "$kb" "$(spread "$lo" "$hi")"
    export RAYON_NUM_THREADS=1
    read -r s kb lo hi < <(measure "$bin" extract "$dir" -q -o /dev/null)
    row extract "$bytes" 1 "$s" "$kb" "$(spread "$lo" "$hi")"
    pinned "$dir" "$bytes"
    unset RAYON_NUM_THREADS
    warm=$flat
    read -r s kb < <(fastest_of_three sh -c "\"$bin\" figures < \"$flat\"")
    row figures "$bytes" 1 "$s" "$kb" "fastest of 3"
fi

# The targets of issue 6 as this run measured them, one line each, from the rows'
# medians. "One core" is the whole process on one core ("1 pinned": the reading and
# writing threads share it with the worker); the ratio to one worker thread, whose
# reading and writing threads have the other core to themselves, is shown beside it.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "Targets, from the medians above:"
cores=$(nproc)
for key in "${!secs[@]}"; do
    set -- $key
    [ "$1" = extract ] && [ "${key##* }" = "$cores" ] || continue
    corpus=${key#extract }
    corpus=${corpus% "$cores"}
    two=${secs[$key]}
    pinned=${secs["extract $corpus 1 pinned"]:-}
    one=${secs["extract $corpus 1"]:-}
    report=${secs["report $corpus $cores"]:-}
    report_pinned=${secs["report $corpus 1 pinned"]:-}
    figures=${secs["figures $corpus 1"]:-}
    mb=$(awk -v b="${bytes_of[$corpus]}" 'BEGIN { print b / 1e6 }')
    parts=()
    [ -n "$pinned" ] && parts+=("extract $(ratio "$mb" "$pinned") MB/s on one pinned core")
    [ -n "$figures" ] && parts+=("figures $(ratio "$mb" "$figures") MB/s")
    [ -n "$report_pinned" ] && parts+=("report $(ratio "$report_pinned" "$pinned")x extract on one pinned core")
    [ -n "$report" ] && parts+=("report $(ratio "$report" "$two")x extract on all cores")
    [ -n "$pinned" ] && parts+=("all cores $(ratio "$pinned" "$two")x one pinned core")
    [ -n "$one" ] && parts+=("all cores $(ratio "$one" "$two")x one worker thread")
    parts+=("peak RSS extract $((${rss[$key]} / 1024)) MB")
    [ -n "$report" ] && parts+=("peak RSS report $((${rss["report $corpus $cores"]} / 1024)) MB")
    line="- $corpus: $(IFS=';'; echo "${parts[*]}" | sed 's/;/; /g')"
    echo "$line"
done | sort
