#pragma once
// Running a `model: short2008` scenario: the Short et al. (2008) burglary lattice
// (sim/model/short_burglary.hpp, docs/odd.md 7.15) as a streetwise run with a run file.
//
// The city is a periodic lattice of short2008.width x short2008.height nodes, 1 m apart
// (short2008_city), so run files keep their usual layout and the visualiser replays them.
// Site (x, y) of the model (site id y * width + x) is the node with the same id, at (x m, y m):
// make_lattice_draft numbers node (i, j) as j * width + i.
//
// What the RunResult holds:
//   * every burglary is a CrimeEvent of type burglary at its site's node, attributed to the node's
//     east segment (the link (x, y)-(x + 1, y), wrapping round at the east edge; segment id 2 * node,
//     see short2008_site_segment); step = the model step it happened in; offender = 0 (burglars
//     are anonymous in the model); victim = the site id (= the node id). The run file says so with
//     its root attribute model = "short2008".
//   * steps = the steps run (short2008.time_units / dt); step_s = 60. One step is dt model time
//     units, and the run file calls it a minute, so an "hour" of the run file is 60 steps = 60 dt
//     time units (0.6 with the default dt = 0.01) and a "day" 1440 steps.
//   * hourly columns (one value per 60 steps, the last "hour" possibly shorter): crimes and
//     crimes_<type> (counts, as CrimeRecorder writes them), burglars (mean number on the lattice
//     after each step of the hour), mean_attractiveness and attractiveness_cv (spatial mean and
//     coefficient of variation of A = A0 + B over the sites after the hour's last step,
//     analysis::hot_spot_stats).
//   * per-segment and per-node burglary counts; residents 0, police_units 0, offenders = the
//     burglars on the lattice at the end.
#include <cstdint>

#include "sim/city/city.hpp"
#include "sim/engine/run.hpp"
#include "sim/io/run_result.hpp"
#include "sim/model/short_burglary.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

// The lattice a short2008 scenario runs on: periodic, short2008.width x height nodes, 1 m apart.
LatticeSpec short2008_lattice(const Short2008Spec& spec);
City short2008_city(const Short2008Spec& spec);

// The model's parameters for a short2008 scenario (its section and its seed).
ShortBurglaryParams short2008_params(const ScenarioSpec& spec);

// Site (x, y) -> its node; a site's burglaries are attributed to this segment (its east link).
constexpr std::uint32_t short2008_site_node(std::uint32_t x, std::uint32_t y, std::uint32_t width) {
    return y * width + x;
}
constexpr std::uint32_t short2008_site_segment(std::uint32_t node) { return 2 * node; }

// Runs spec (model: short2008) on `city` (short2008_city(spec.short2008); throws
// std::invalid_argument for another city). Deterministic: the same spec gives the same result with
// any number of threads.
RunResult run_short2008(const ScenarioSpec& spec, const City& city, const RunOptions& options,
                        RunTimings* timings = nullptr);

}  // namespace streetwise
