#!/usr/bin/env bash
# Copies the seed articles (SEED_DIR, default ../shared/seed) into DIR until it holds
# at least BYTES, and writes the copies end to end to DIR.txt: a corpus at the figure
# density of real reporting for bench/run.sh and bench/instructions.sh. Does nothing
# when DIR exists; exits 1 when the seed articles are not there.
#
#   bench/seed_copies.sh DIR BYTES
set -euo pipefail
dir=$1
bytes=$2
seed=${SEED_DIR:-../shared/seed}
[ -d "$dir" ] && exit 0
ls "$seed"/*.txt >/dev/null 2>&1 || exit 1
mkdir -p "$dir"
# The size counted is what `du -sb "$dir"` gives: the copies and the folder itself. It is
# kept as the copies are made, since running du after each round read the whole folder
# again and took hours at a gigabyte.
set_bytes=$(cat "$seed"/*.txt | wc -c)
files=0
n=0
while [ $((files + $(stat -c %s "$dir"))) -lt "$bytes" ]; do
    n=$((n + 1))
    for f in "$seed"/*.txt; do cp "$f" "$dir/$n-$(basename "$f")"; done
    files=$((files + set_bytes))
done
find "$dir" -name '*.txt' -print0 | sort -z | xargs -0 cat > "$dir.txt"
