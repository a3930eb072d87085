#!/usr/bin/env bash
# Runs the reporting-apps pack and writes its headline table into README.md (between the HEADLINES
# markers): crime, recording and the issue 7 outcomes from `streetwise compare` over REPLICATES paired
# replicates (seeds 1..N), and the apps' SOS and data figures from `streetwise run` of each app
# scenario with seeds 1..DETAIL_RUNS, averaged.
#   scenarios/reporting-apps/make-readme.sh      # 10 replicates of four weeks, about two minutes on two cores
#   REPLICATES=20 STREETWISE=path/to/streetwise scenarios/reporting-apps/make-readme.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${STREETWISE:-$here/../../build/release/streetwise}"
replicates="${REPLICATES:-10}"
detail_runs="${DETAIL_RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
variants="vaw-app-low vaw-app-high vaw-route-peers vaw-route-police hate-app"

cd "$here"
# shellcheck disable=SC2086
"$bin" compare baseline.yaml $(for v in $variants; do echo "$v.yaml"; done) --replicates "$replicates" \
    -o "$work/compare.json" > "$work/compare.txt"
for scenario in $variants; do
    for seed in $(seq 1 "$detail_runs"); do
        "$bin" run "$scenario.yaml" --seed "$seed" -o "$work/$scenario-$seed.h5" > "$work/$scenario-$seed.txt"
    done
done

python3 - "$work" "$replicates" "$detail_runs" "$here/README.md" $variants <<'PY'
import json, re, statistics, sys
work, replicates, detail_runs, readme, variants = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]
table = json.load(open(f"{work}/compare.json"))
outcome = {o["outcome"]: o for o in table["outcomes"]}
names = {"reporting-baseline": "baseline", "reporting-vaw-low": "vaw-app-low", "reporting-vaw-high": "vaw-app-high",
         "reporting-vaw-peers": "vaw-route-peers", "reporting-vaw-police": "vaw-route-police",
         "reporting-hate-app": "hate-app"}

def cell(name, scenario, digits=1, diff=True):
    o = outcome[name]
    if scenario == table["baseline"]:
        return f'{o["baseline"]["mean"]:.{digits}f}'
    v = next(v for v in o["variants"] if v["scenario"] == scenario)
    d = v["difference"]
    text = f'{v["mean"]["mean"]:.{digits}f}'
    return text + (f' ({d["mean"]:+.{digits}f} [{d["low"]:+.{digits}f}, {d["high"]:+.{digits}f}])' if diff else "")

def details(file):
    if file == "baseline":
        return "-", "-", "-"
    sos, came, data = [], [], []
    for seed in range(1, detail_runs + 1):
        text = open(f"{work}/{file}-{seed}.txt").read()
        m = re.search(r'([0-9,]+) SOS to ([0-9,]+) people, ([0-9,]+) came', text)
        sos.append(int(m.group(1).replace(",", "")) if m else 0)
        came.append(int(m.group(3).replace(",", "")) if m else 0)
        m = re.search(r'data: ([0-9,]+) items \(([^)]*)\) held by ([^\n]*)', text)
        data.append((int(m.group(1).replace(",", "")), m.group(2), m.group(3)) if m else (0, "", ""))
    mean = statistics.mean
    items = f'{mean(d[0] for d in data):.1f} ({data[0][1]}; held by {data[0][2]})'
    return f"{mean(sos):.1f}", f"{mean(came):.1f}", items

rows = []
for scenario, file in names.items():
    sos, came, items = details(file)
    rows.append(f"| {file} | {cell('all crime', scenario, diff=False)} | {cell('harassment', scenario, diff=False)} | "
                f"{cell('recorded crime', scenario)} | {cell('dark figure share', scenario, 3)} | "
                f"{cell('app reports', scenario)} | {cell('victims reached', scenario)} | {cell('mean trust', scenario, 4)} | "
                f"{cell('unsafe after dark women %', scenario)} | {cell('insecurity index', scenario, 2)} | "
                f"{sos} | {came} | {items} |")
out = [f"Per run of four weeks, mean over {replicates} replicates (seeds 1 to {replicates}, the same for every "
       "scenario); differences from the baseline are paired, with 95% intervals. SOS, responders and personal data "
       f"are means over seeds 1 to {detail_runs} of `streetwise run`.", "",
       "| scenario | all crime | harassment | recorded crime | dark figure share | app reports | victims reached | "
       "mean trust | women unsafe after dark, % | insecurity index (0-100) | SOS sent | responders who came | personal data items (what; who holds them) |",
       "|---|---|---|---|---|---|---|---|---|---|---|---|---|", *rows]
text = open(readme).read()
start, end = "<!-- HEADLINES START -->", "<!-- HEADLINES END -->"
before, rest = text.split(start)
_, after = rest.split(end)
open(readme, "w").write(before + start + "\n" + "\n".join(out) + "\n" + end + after)
print("\n".join(out))
PY
