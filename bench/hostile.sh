#!/usr/bin/env bash
# Hostile shapes of input at full size, through `extract`: wall time, peak memory and
# exit code of each. The scaling tests (crates/countercheck-cli/src/scaling.rs) assert
# that these shapes are linear at small sizes; this script shows the sizes the issue
# names. Prints a Markdown table.
#
#   bench/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."

work=target/hostile
mkdir -p "$work"
cargo build --release --quiet --bin countercheck
bin=target/release/countercheck

python3 - "$work" <<'EOF'
import os, sys
work = sys.argv[1]

def repeat_to(unit, size):
    return (unit * (size // len(unit) + 1))[:size]

article = ("Russian forces launched 215 drones and missiles overnight, Ukraine's air "
           "force said. At least 12 people were killed and more than 40 injured in Kyiv, "
           "the State Emergency Service said. ")
shapes = {
    "one-line-100MB.txt": lambda: repeat_to(article, 100_000_000),
    "million-figures.txt": lambda: repeat_to("12 killed, 40% injured, 3 dozen missing, ", 14_000_000),
    "nested-quotes.txt": lambda: "“" * 100_000 + " 5 people were killed, he said " + "”" * 100_000,
    "number-words-1MB.txt": lambda: repeat_to("one hundred and ", 1_000_000),
    "digits-commas-1MB.txt": lambda: repeat_to("1,000,", 1_000_000),
    # A million short documents in one JSONL file, read a line at a time.
    "million-lines.jsonl": lambda: "".join(
        f'{{"id": "{i}", "text": "At least {i % 90 + 2} people were killed."}}\n'
        for i in range(1_000_000)
    ),
}
for name, make in shapes.items():
    path = os.path.join(work, name)
    if not os.path.exists(path):
        with open(path, "w") as f:
            f.write(make())
folder = os.path.join(work, "ten-thousand-files")
if not os.path.isdir(folder):
    for i in range(10_000):
        sub = os.path.join(folder, f"{i % 100:02}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{i}.txt"), "w") as f:
            f.write(f"At least {i % 90 + 2} people were killed, police said.\n")
EOF

echo "| input | size | wall | peak RSS | claims | exit |"
echo "|---|---|---|---|---|---|"
for input in one-line-100MB.txt million-figures.txt nested-quotes.txt \
    number-words-1MB.txt digits-commas-1MB.txt ten-thousand-files million-lines.jsonl; do
    path="$work/$input"
    size=$(du -sb "$path" | cut -f1)
    set +e
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" extract "$path" -q -o "$work/out.csv" 2>"$work/stderr.txt"
    code=$?
    set -e
    read -r s kb < "$work/time.txt"
    claims=$(grep -o '[0-9]* claims' "$work/stderr.txt" | tail -1 | cut -d' ' -f1)
    printf '| %s | %.1f MB | %.2f s | %d MB | %s | %d |\n' "$input" \
        "$(awk -v b="$size" 'BEGIN { print b / 1e6 }')" "$s" $((kb / 1024)) "${claims:-?}" "$code"
done
