#!/bin/bash
# Instructions per article of `dyad extract` and `dyad ingest` (valgrind's callgrind, one rayon
# thread): the cost over the first 2,000 bench articles minus the cost over the first 1,000,
# divided by 1,000, so startup and one-time regex compilation cancel out. Deterministic, unlike
# timings on a shared VM. Needs valgrind and the corpus of `dyad bench --n 10000` (seed 42).
# Usage: scripts/instructions.sh [path/to/dyad]   (default target/release/dyad)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/dyad}
corpus=bench-out/corpus-10000-42/text
[ -d "$corpus/000" ] || { echo "run 'cargo run --release -- bench --n 10000' first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/1k" "$work/2k"
cp -r "$corpus/000" "$work/1k/"
cp -r "$corpus/000" "$corpus/001" "$work/2k/"
count() {
  rm -f "$work"/db*
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" \
    2>&1 >/dev/null | awk '/Collected/ {print $4}'
}
for mode in extract ingest; do
  if [ $mode = extract ]; then args=(extract); else args=(ingest --db "$work/db"); fi
  one=$(count "$bin" "${args[@]}" "$work/1k")
  two=$(count "$bin" "${args[@]}" "$work/2k")
  echo "$mode: $(( (two - one) / 1000 / 1000 ))K instructions per article"
done
