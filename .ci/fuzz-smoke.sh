#!/usr/bin/env bash
# Short fuzzing run for CI: builds the fuzz preset (Clang 16, libFuzzer, ASan + UBSan) and runs each
# fuzz target of tests/fuzz for FUZZ_SECONDS seconds (default 60), one after the other, each on a
# copy of its seed corpus and regression inputs inside the build folder (tests/ is never written).
# Fails if any target finds something (crash, sanitizer report, escaping exception, leak, timeout,
# memory blow-up), after printing the end of its log and the path of the reproducer, which
# `build/fuzz/fuzz_<target> REPRODUCER` replays. Needs clang-16 and libclang-rt-16-dev
# (.ci/install-deps.sh).
#
# Environment: FUZZ_SECONDS (per target, default 60); FUZZ_BUILD_DIR (default build/fuzz, the
# preset's); CMAKE_BUILD_PARALLEL_LEVEL and CMAKE_<LANG>_COMPILER_LAUNCHER (e.g. ccache) as CMake
# reads them.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
build=${FUZZ_BUILD_DIR:-build/fuzz}
started=$SECONDS

cmake --preset fuzz -B "$build"
cmake --build "$build" --target fuzz_scenario_reader fuzz_osm_import fuzz_run_file

failed=()
for pair in scenario_reader:scenario osm_import:osm run_file:run_file; do
  target=${pair%%:*}
  inputs=${pair##*:}
  work=$build/fuzz-smoke/$inputs
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp -R "tests/fuzz/corpus/$inputs/." "$work/corpus/"
  # The reproducers of past findings seed the run too: variations on them are where bugs cluster.
  if [[ -d tests/fuzz/regressions/$inputs ]]; then cp -R "tests/fuzz/regressions/$inputs/." "$work/corpus/"; fi
  options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 -print_final_stats=1
           -artifact_prefix="$work/artifacts/")
  if [[ -f tests/fuzz/$inputs.dict ]]; then options+=(-dict="tests/fuzz/$inputs.dict"); fi

  echo "fuzz-smoke: fuzz_$target for ${seconds}s on $(find "$work/corpus" -type f | wc -l) seed inputs"
  if "$build/fuzz_$target" "${options[@]}" "$work/corpus" > "$work/fuzz.log" 2>&1; then
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$work/fuzz.log" || true
  else
    echo "fuzz-smoke: fuzz_$target FOUND A PROBLEM; end of its log ($work/fuzz.log):" >&2
    tail -n 80 "$work/fuzz.log" >&2
    for reproducer in "$work"/artifacts/*; do
      [[ -e $reproducer ]] && echo "fuzz-smoke: reproducer: $reproducer (replay: $build/fuzz_$target $reproducer)" >&2
    done
    failed+=("fuzz_$target")
  fi
done

echo "fuzz-smoke: done in $((SECONDS - started)) s"
if ((${#failed[@]} > 0)); then
  echo "fuzz-smoke: findings in ${failed[*]}: fix the reader (an InputError naming file, key, problem and hint)," \
       "and commit the minimised reproducer under tests/fuzz/regressions/ (see tests/fuzz/README.md)" >&2
  exit 1
fi
