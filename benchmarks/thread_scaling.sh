#!/usr/bin/env bash
# Thread scaling of one scenario through the real `streetwise run`: runs it once per thread count
# and prints a Markdown table of wall time, stepping time, agent-steps per second, parallel
# efficiency against one thread (T1 / (N x TN)) and peak memory, with the scenario, size and seed.
# Not a test: timings depend on the machine and on what else runs. Report Release figures and
# name the machine (docs/performance.md).
#   benchmarks/thread_scaling.sh scenarios/bench/metro.yaml              # threads 1 2
#   THREADS="1 2 4 8 16" benchmarks/thread_scaling.sh scenarios/bench/b1-m.yaml
#   REPEAT=3 benchmarks/thread_scaling.sh scenarios/bench/metro.yaml     # medians of 3 runs each
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
repeat="${REPEAT:-1}"
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

echo "scenario $scenario, seed $seed, $(nproc) cores on this machine ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $repeat run(s) per thread count"
echo
# Runs go round the thread counts REPEAT times (1 2 1 2 ..., not 1 1 2 2), so a slow spell of a
# shared machine falls on every thread count alike; the table gives the median of each.
for ((r = 1; r <= repeat; r++)); do
    for n in $threads; do
        /usr/bin/time -f "%M" -o "$work/rss" "$bin" run "$scenario" --seed "$seed" --threads "$n" "$@" \
            -o "$work/run.h5" > "$work/out.txt"
        # "time      151.09 s wall (city 0.11, agents and routes 62.64, stepping 88.20, writing 0.06)"
        wall=$(sed -n 's/^time *\([0-9.]*\) s wall.*/\1/p' "$work/out.txt")
        stepping=$(sed -n 's/^time .*stepping \([0-9.]*\).*/\1/p' "$work/out.txt")
        steps=$(sed -n 's/^speed .*(\([0-9,]*\) agent-steps)/\1/p' "$work/out.txt" | tr -d ,)
        echo "$wall $stepping $(tail -1 "$work/rss") $steps" >> "$work/runs-$n"
        if [ "$repeat" -gt 1 ]; then echo "run $r, $n thread(s): $wall s wall, $stepping s stepping" >&2; fi
    done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "| threads | wall s | stepping s | agent-steps/s (whole run) | efficiency (whole run) | efficiency (stepping) | peak memory GB |"
echo "|---|---|---|---|---|---|---|"
first_wall=""
for n in $threads; do
    wall=$(cut -d' ' -f1 "$work/runs-$n" | median)
    stepping=$(cut -d' ' -f2 "$work/runs-$n" | median)
    rss_kb=$(cut -d' ' -f3 "$work/runs-$n" | sort -g | tail -1)
    steps=$(head -1 "$work/runs-$n" | cut -d' ' -f4)
    range=""
    if [ "$repeat" -gt 1 ]; then
        range=" (median of $repeat: $(cut -d' ' -f1 "$work/runs-$n" | sort -g | head -1) to $(cut -d' ' -f1 "$work/runs-$n" | sort -g | tail -1))"
    fi
    [ -z "$first_wall" ] && first_wall=$wall && first_step=$stepping && first_n=$n
    eff=$(awk -v a="$first_wall" -v b="$wall" -v n="$n" -v m="$first_n" 'BEGIN { printf "%.0f%%", 100 * a * m / (n * b) }')
    eff_step=$(awk -v a="$first_step" -v b="$stepping" -v n="$n" -v m="$first_n" 'BEGIN { printf "%.0f%%", 100 * a * m / (n * b) }')
    speed=$(awk -v s="$steps" -v w="$wall" 'BEGIN { printf "%.1f million", s / w / 1e6 }')
    gb=$(awk -v k="$rss_kb" 'BEGIN { printf "%.2f", k / 1048576 }')
    echo "| $n | $wall$range | $stepping | $speed ($(echo "$steps" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta') agent-steps) | $eff | $eff_step | $gb |"
done
