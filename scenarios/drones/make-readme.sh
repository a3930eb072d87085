#!/usr/bin/env bash
# Runs the drones pack and writes its headline table into README.md (between the HEADLINES
# markers): crime from `streetwise compare` over REPLICATES paired replicates (seeds 1..N), and the
# drone figures (flight hours, time to first arrival, privacy footprint) from `streetwise run` of
# each drone scenario with the same seeds, averaged.
#   scenarios/drones/make-readme.sh            # 10 replicates, about two minutes on two cores
#   REPLICATES=20 STREETWISE=path/to/streetwise scenarios/drones/make-readme.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${STREETWISE:-$here/../../build/release/streetwise}"
replicates="${REPLICATES:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$here"
"$bin" compare baseline.yaml patrol.yaml first-responder.yaml --replicates "$replicates" -o "$work/compare.json" \
    > "$work/compare.txt"
for scenario in patrol first-responder; do
    for seed in $(seq 1 "$replicates"); do
        "$bin" run "$scenario.yaml" --seed "$seed" -o "$work/$scenario-$seed.h5" > "$work/$scenario-$seed.txt"
    done
done

python3 - "$work" "$replicates" "$here/README.md" <<'PY'
import json, re, statistics, sys
work, replicates, readme = sys.argv[1], int(sys.argv[2]), sys.argv[3]
table = json.load(open(f"{work}/compare.json"))
outcome = {o["outcome"]: o for o in table["outcomes"]}

def crime(name, scenario):
    o = outcome[name]
    if scenario == table["baseline"]:
        return f'{o["baseline"]["mean"]:.1f}', ""
    v = next(v for v in o["variants"] if v["scenario"] == scenario)
    d = v["difference"]
    return f'{v["mean"]["mean"]:.1f}', f'{d["mean"]:+.1f} [{d["low"]:+.1f}, {d["high"]:+.1f}]'

def drones(scenario):
    hours, arrivals_mean, arrivals_median, privacy, reports, unanswered = [], [], [], [], [], []
    for seed in range(1, replicates + 1):
        text = open(f"{work}/{scenario}-{seed}.txt").read()
        hours.append(sum(float(h) for h in re.findall(r"drones, ([0-9.]+) flight hours", text)))
        unanswered.append(sum(int(u.replace(",", "")) for u in re.findall(r"([0-9,]+) reports unanswered", text)))
        m = re.search(r"first on scene: ([0-9,]+) reports, mean ([0-9.]+) s, median ([0-9.]+) s", text)
        if m:
            reports.append(int(m.group(1).replace(",", "")))
            arrivals_mean.append(float(m.group(2)))
            arrivals_median.append(float(m.group(3)))
        m = re.search(r"privacy footprint: ([0-9,]+) resident-minutes", text)
        privacy.append(int(m.group(1).replace(",", "")) if m else 0)
    mean = statistics.mean
    arrival = f"{mean(arrivals_mean):.0f} s (median {mean(arrivals_median):.0f} s; {mean(reports):.1f} reports, " \
              f"{mean(unanswered):.1f} unanswered)" if arrivals_mean else "-"
    return f"{mean(hours):.1f}", arrival, f"{mean(privacy):,.0f}"

rows = []
names = {"drones-baseline": "baseline", "drones-patrol": "patrol", "drones-first-responder": "first-responder"}
for scenario, file in names.items():
    all_mean, all_diff = crime("all crime", scenario)
    rec_mean, rec_diff = crime("recorded crime", scenario)
    night_mean, night_diff = crime("crime at night", scenario)
    hours, arrival, privacy = drones(file) if file != "baseline" else ("0", "- (no police dispatch yet)", "0")
    rows.append(f"| {file} | {all_mean} | {all_diff or '-'} | {rec_mean} | {rec_diff or '-'} | {night_mean} | "
                f"{hours} | {arrival} | {privacy} |")
out = [f"Per run of four weeks, mean over {replicates} replicates (seeds 1 to {replicates}, the same for every "
       "scenario); differences are paired, with 95% intervals.", "",
       "| scenario | all crime | difference | recorded crime | difference | crime at night | drone flight hours | "
       "time to first arrival (drone) | privacy footprint (resident-minutes) |",
       "|---|---|---|---|---|---|---|---|---|", *rows]
text = open(readme).read()
start, end = "<!-- HEADLINES START -->", "<!-- HEADLINES END -->"
before, rest = text.split(start)
_, after = rest.split(end)
open(readme, "w").write(before + start + "\n" + "\n".join(out) + "\n" + end + after)
print("\n".join(out))
PY
