#!/usr/bin/env bash
# Thread scaling of one scenario through the real `streetwise run`: runs it once per thread count
# and prints a Markdown table of wall time, stepping time, agent-steps per second, parallel
# efficiency against one thread (T1 / (N x TN)) and peak memory, with the scenario, size and seed.
# Not a test: timings depend on the machine and on what else runs. Report Release figures and
# name the machine (docs/performance.md).
#   benchmarks/thread_scaling.sh scenarios/bench/metro.yaml              # threads 1 2
#   THREADS="1 2 4 8 16" benchmarks/thread_scaling.sh scenarios/bench/b1-m.yaml
#   STREETWISE=path/to/streetwise SEED=2 benchmarks/thread_scaling.sh SCENARIO [--set KEY=VALUE ...]
set -euo pipefail
if [ $# -lt 1 ]; then
    echo "usage: $0 SCENARIO.yaml [streetwise run options, e.g. --set time.days=1]" >&2
    exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
bin="${STREETWISE:-$here/../build/release/streetwise}"
threads="${THREADS:-1 2}"
seed="${SEED:-1}"
scenario="$1"
shift
if [ ! -x "$bin" ]; then
    echo "$0: no streetwise binary at $bin: build it first (cmake --workflow --preset release) or set STREETWISE" >&2
    exit 2
fi
if [ ! -x /usr/bin/time ]; then
    echo "$0: /usr/bin/time is needed for peak memory (Debian package 'time')" >&2
    exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "scenario $scenario, seed $seed, $(nproc) cores on this machine ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
echo
echo "| threads | wall s | stepping s | agent-steps/s (whole run) | efficiency (whole run) | efficiency (stepping) | peak memory GB |"
echo "|---|---|---|---|---|---|---|"
first_wall=""
first_step=""
for n in $threads; do
    /usr/bin/time -f "%M" -o "$work/rss" "$bin" run "$scenario" --seed "$seed" --threads "$n" "$@" \
        -o "$work/run.h5" > "$work/out.txt"
    # "time      151.09 s wall (city 0.11, agents and routes 62.64, stepping 88.20, writing 0.06)"
    wall=$(sed -n 's/^time *\([0-9.]*\) s wall.*/\1/p' "$work/out.txt")
    stepping=$(sed -n 's/^time .*stepping \([0-9.]*\).*/\1/p' "$work/out.txt")
    speed=$(sed -n 's/^speed *\([0-9.]* [a-z]*\) agent-steps.*/\1/p' "$work/out.txt")
    steps=$(sed -n 's/^speed .*(\([0-9,]*\) agent-steps)/\1/p' "$work/out.txt")
    rss_kb=$(tail -1 "$work/rss")
    [ -z "$first_wall" ] && first_wall=$wall && first_step=$stepping && first_n=$n
    eff=$(awk -v a="$first_wall" -v b="$wall" -v n="$n" -v m="$first_n" 'BEGIN { printf "%.0f%%", 100 * a * m / (n * b) }')
    eff_step=$(awk -v a="$first_step" -v b="$stepping" -v n="$n" -v m="$first_n" 'BEGIN { printf "%.0f%%", 100 * a * m / (n * b) }')
    gb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.2f", k / 1048576 }')
    echo "| $n | $wall | $stepping | $speed ($steps agent-steps) | $eff | $eff_step | $gb |"
done
