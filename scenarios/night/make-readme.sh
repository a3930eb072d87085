#!/usr/bin/env bash
# Runs the night pack and writes its headline table into README.md (between the HEADLINES markers):
# night crime, the after-dark unsafe share of women and men and the insecurity index from
# `streetwise compare` over REPLICATES paired replicates (seeds 1..N, common random numbers).
#   scenarios/night/make-readme.sh            # 10 replicates, about a minute and a half on two cores
#   REPLICATES=20 STREETWISE=path/to/streetwise scenarios/night/make-readme.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${STREETWISE:-$here/../../build/release/streetwise}"
replicates="${REPLICATES:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$here"
"$bin" compare baseline.yaml lighting.yaml later-closing.yaml night-patrol.yaml --replicates "$replicates" \
    -o "$work/compare.json" > "$work/compare.txt"

python3 - "$work" "$replicates" "$here/README.md" <<'PY'
import json, sys
work, replicates, readme = sys.argv[1], int(sys.argv[2]), sys.argv[3]
table = json.load(open(f"{work}/compare.json"))
outcome = {o["outcome"]: o for o in table["outcomes"]}

def cell(name, scenario, digits=1):
    o = outcome[name]
    if scenario == table["baseline"]:
        return f'{o["baseline"]["mean"]:.{digits}f}'
    v = next(v for v in o["variants"] if v["scenario"] == scenario)
    d = v["difference"]
    return f'{v["mean"]["mean"]:.{digits}f} ({d["mean"]:+.{digits}f} [{d["low"]:+.{digits}f}, {d["high"]:+.{digits}f}])'

rows = []
names = {"night-baseline": "baseline", "night-lighting": "lighting", "night-later-closing": "later-closing",
         "night-patrol": "night-patrol"}
for scenario, file in names.items():
    rows.append(f"| {file} | {cell('crime at night', scenario)} | {cell('all crime', scenario)} | "
                f"{cell('unsafe after dark women %', scenario)} | {cell('unsafe after dark men %', scenario)} | "
                f"{cell('insecurity index', scenario, 2)} |")
out = [f"Per run of four weeks, mean over {replicates} replicates (seeds 1 to {replicates}, the same for every "
       "scenario); in brackets the paired difference from the baseline with its 95% interval. Unsafe after dark: "
       "the share who would feel unsafe walking alone after dark on a quiet street near home, at the end of the "
       "run (ONS 2021: women 49%, men 15%). Insecurity index: the run's mean of the hourly mean index (0-100).", "",
       "| scenario | crime at night | all crime | unsafe after dark, women % | unsafe after dark, men % | "
       "insecurity index |",
       "|---|---|---|---|---|---|", *rows]
text = open(readme).read()
start, end = "<!-- HEADLINES START -->", "<!-- HEADLINES END -->"
before, rest = text.split(start)
_, after = rest.split(end)
open(readme, "w").write(before + start + "\n" + "\n".join(out) + "\n" + end + after)
print("\n".join(out))
PY
