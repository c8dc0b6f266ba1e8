"""Throughput of the number recognizers analysts would otherwise use, on one text file.

Usage: peers.py TEXT_FILE   (run by bench/peers.sh inside its virtual environment)
Prints one line per tool: name, seconds, MB/s, numbers found.
"""
import sys
import time


def lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [line for line in f.read().splitlines() if line.strip()]


def timed(name, fn, text_lines, size):
    start = time.perf_counter()
    found = sum(fn(line) for line in text_lines)
    seconds = time.perf_counter() - start
    print(f"{name}\t{seconds:.2f}\t{size / 1e6 / seconds:.3f}\t{found}")


def main():
    path = sys.argv[1]
    text_lines = lines(path)
    size = sum(len(line.encode("utf-8")) + 1 for line in text_lines)

    from recognizers_number import recognize_number, Culture

    timed("recognizers-text (number)", lambda l: len(recognize_number(l, Culture.English)), text_lines, size)

    from quantulum3 import parser

    timed("quantulum3", lambda l: len(parser.parse(l)), text_lines, size)


if __name__ == "__main__":
    main()
