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
for scenario in baseline patrol first-responder; do
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
    hours, first_median, drone_share, police_median, privacy, arrests = [], [], [], [], [], []
    for seed in range(1, replicates + 1):
        text = open(f"{work}/{scenario}-{seed}.txt").read()
        hours.append(sum(float(h) for h in re.findall(r"drones, ([0-9.]+) flight hours", text)))
        m = re.search(r"police: .*?response median ([0-9.]+) s", text)
        if m:
            police_median.append(float(m.group(1)))
        m = re.search(r"; ([0-9,]+) arrests;", text)
        arrests.append(int(m.group(1).replace(",", "")) if m else 0)
        # With first-responder drones: whoever reached each report first, police or drone.
        m = re.search(r"first on scene, police or drone: [0-9,]+ reports, median ([0-9.]+) s, mean [0-9.]+ s; "
                      r"a drone was first at ([0-9]+)%", text)
        if m:
            first_median.append(float(m.group(1)))
            drone_share.append(float(m.group(2)))
        elif police_median:
            first_median.append(police_median[-1])
        m = re.search(r"privacy footprint: ([0-9,]+) resident-minutes", text)
        privacy.append(int(m.group(1).replace(",", "")) if m else 0)
    mean = statistics.mean
    first = f"{mean(first_median):.0f} s" if first_median else "-"
    if drone_share:
        first += f" (a drone first at {mean(drone_share):.0f}% of reports)"
    police = f"{mean(police_median):.0f} s" if police_median else "-"
    return f"{mean(hours):.1f}", police, first, f"{mean(privacy):,.0f}", f"{mean(arrests):.1f}"

rows = []
names = {"drones-baseline": "baseline", "drones-patrol": "patrol", "drones-first-responder": "first-responder"}
for scenario, file in names.items():
    all_mean, all_diff = crime("all crime", scenario)
    rec_mean, rec_diff = crime("recorded crime", scenario)
    night_mean, night_diff = crime("crime at night", scenario)
    hours, police, first, privacy, arrests = drones(file)
    rows.append(f"| {file} | {all_mean} | {all_diff or '-'} | {rec_mean} | {rec_diff or '-'} | {night_mean} | "
                f"{police} | {first} | {arrests} | {hours} | {privacy} |")
out = [f"Per run of four weeks, mean over {replicates} replicates (seeds 1 to {replicates}, the same for every "
       "scenario); crime differences are paired, with 95% intervals. Response and arrival times are the "
       "median per run (from the report to the first unit or drone on the scene), averaged over the runs.", "",
       "| scenario | all crime | difference | recorded crime | difference | crime at night | police response | "
       "time to first arrival (police or drone) | arrests | drone flight hours | privacy footprint (resident-minutes) |",
       "|---|---|---|---|---|---|---|---|---|---|---|", *rows]
text = open(readme).read()
start, end = "<!-- HEADLINES START -->", "<!-- HEADLINES END -->"
before, rest = text.split(start)
_, after = rest.split(end)
open(readme, "w").write(before + start + "\n" + "\n".join(out) + "\n" + end + after)
print("\n".join(out))
PY
