#!/usr/bin/env bash
# countercheck side by side with Microsoft Recognizers-Text for Python and quantulum3,
# on the same news-like text: throughput of each and the ratio. The Python tools live
# in their own virtual environment under target/bench/peers-venv.
#
#   bench/peers.sh [SIZE]    # default 1MB of generated news
set -euo pipefail
cd "$(dirname "$0")/.."

size=${1:-1MB}
work=target/bench
venv=$work/peers-venv
mkdir -p "$work"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    # recognizers-text-suite needs this old emoji release.
    "$venv/bin/pip" install -q recognizers-text-suite emoji==0.6.0 quantulum3
fi
cargo build --release --quiet --bin countercheck --example gen_corpus
dir=$work/peers-$size
[ -d "$dir" ] || target/release/examples/gen_corpus --size "$size" --out "$dir" 2>/dev/null
flat=$work/peers-$size.txt
[ -f "$flat" ] || find "$dir" -name '*.txt' -print0 | sort -z | xargs -0 cat > "$flat"
bytes=$(wc -c < "$flat")

seconds() { /usr/bin/time -f "%e" -o "$work/t.txt" "$@" >/dev/null 2>&1; cat "$work/t.txt"; }
fig=$(seconds sh -c "RAYON_NUM_THREADS=1 target/release/countercheck figures < '$flat'")
ext=$(seconds env RAYON_NUM_THREADS=1 target/release/countercheck extract "$dir" -q -o /dev/null)

echo "| tool | seconds | MB/s | countercheck figures is faster by |"
echo "|---|---|---|---|"
fig_mbps=$(awk -v b="$bytes" -v s="$fig" 'BEGIN { printf "%.2f", b / 1e6 / s }')
echo "| countercheck figures (1 core) | $fig | $fig_mbps | 1× |"
awk -v b="$bytes" -v s="$ext" 'BEGIN { printf "| countercheck extract (1 core) | %s | %.2f | — |\n", s, b / 1e6 / s }'
"$venv/bin/python" bench/peers.py "$flat" | while IFS=$'\t' read -r name secs mbps found; do
    ratio=$(awk -v a="$fig_mbps" -v b="$mbps" 'BEGIN { printf "%.0f", a / b }')
    echo "| $name | $secs | $mbps | ${ratio}× |"
done
