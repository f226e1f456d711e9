#!/bin/bash
# Wall and CPU time of two dyad binaries on the same work, in interleaved pairs (A B, then B A,
# ...), so that the VM's drift between minutes weighs on both alike. Prints each pair and the
# median of the pairs' B/A ratios with its quartiles. Needs perf and the corpus of
# `dyad bench --n 10000` (seed 42).
# Usage: scripts/compare.sh OLD_BIN NEW_BIN [pairs (default 20)] [ingest|extract (default ingest)]
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1
new=$2
pairs=${3:-20}
mode=${4:-ingest}
corpus=bench-out/corpus-10000-42/text
[ -d "$corpus/000" ] || { echo "run 'cargo run --release -- bench --n 10000' first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Prints "cpu_ms wall_s" of one run (startup included).
measure() {
  rm -f "$work"/db*
  if [ "$mode" = ingest ]; then
    perf stat -e task-clock -o "$work/stat" "$1" ingest --db "$work/db" "$corpus" >/dev/null 2>&1
  else
    perf stat -e task-clock -o "$work/stat" "$1" extract "$corpus" >/dev/null 2>&1
  fi
  awk '/task-clock/ {gsub(",", "", $1); cpu = $1} /elapsed/ {wall = $1} END {print cpu, wall}' "$work/stat"
}
for i in $(seq "$pairs"); do
  if [ $((i % 2)) = 1 ]; then a=$(measure "$old"); b=$(measure "$new"); else b=$(measure "$new"); a=$(measure "$old"); fi
  echo "$a $b"
done | tee "$work/pairs" | awk '{printf "old %s ms %s s   new %s ms %s s\n", $1, $2, $3, $4}'
median() { sort -g | awk '{v[NR] = $1} END {printf "%.3f (quartiles %.3f-%.3f)", v[int((NR + 1) / 2)], v[int(NR / 4) + 1], v[int(3 * NR / 4)]}'; }
echo "new/old cpu:  $(awk '{print $3 / $1}' "$work/pairs" | median)"
echo "new/old wall: $(awk '{print $4 / $2}' "$work/pairs" | median)"
