#!/usr/bin/env bash
# Sweep overhead: N short runs of the default scenario (one simulated day each, seeds 1..N) as one
# sweep on all threads, against the sum of the same runs' times measured one at a time on one thread.
# The ratio says how much of the cores' time a sweep spends in runs rather than in handing out work,
# writing the journal and waiting (target: at least 90% on 2 cores).
#   usage: benchmarks/sweep_overhead.sh [RUNS] [THREADS]     (default 1000 runs, all cores)
# Needs a Release build: cmake --workflow --preset test (or cmake --build --preset release).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000}
threads=${2:-$(nproc)}
binary=build/release/streetwise
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/spec.yaml" <<SPEC
# The default scenario (20,000 residents, 150 offenders, 20 police units) for one day, N seeds.
set: {time.days: 1}
design: grid
replicates: $runs
parameters:
  - {key: offenders.count, values: [150]}
outcomes: [all crime]
SPEC
seconds() { date +%s.%N; }
start=$(seconds)
"$binary" sweep "$work/spec.yaml" -o "$work/parallel" --threads "$threads" -q > "$work/parallel.txt"
wall=$(awk -v a="$start" -v b="$(seconds)" 'BEGIN {printf "%.3f", b - a}')
"$binary" sweep "$work/spec.yaml" -o "$work/single" --threads 1 -q > "$work/single.txt"
# Each journal line's third field is that run's wall time; with one thread each run had a core alone.
single_sum=$(awk -F'\t' '!/^#/ {s += $3} END {printf "%.3f", s}' "$work/single/journal.tsv")
cmp -s "$work/parallel/results.h5" "$work/single/results.h5" && same=yes || same=NO
echo "sweep overhead: $runs runs of the default scenario (20,000 residents, 1 day each), seeds 1-$runs"
echo "  sweep on $threads threads: $(printf %.2f "$wall") s wall (whole command, city and table included)"
echo "  sum of single-run times (1 thread, one run at a time): $single_sum s"
echo "  cores busy with runs: $(awk -v s="$single_sum" -v t="$threads" -v w="$wall" 'BEGIN {printf "%.1f", 100 * s / (t * w)}')% of $threads x wall"
echo "  results identical to the one-thread sweep: $same"
grep '^busy' "$work/parallel.txt" | sed 's/^/  sweep says: /'
