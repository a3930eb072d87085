#pragma once
// Wall time spent in each phase of Simulation::step, summed over a run: where a week of a
// metropolitan area goes, and which sequential phase holds back the parallel efficiency
// (docs/performance.md). Measured with steady_clock around each phase: about a dozen clock reads
// per step, far below a microsecond, so it is always on. Not part of the results (timings differ
// from run to run; results do not).
#include <array>
#include <chrono>
#include <cstddef>
#include <string_view>

namespace streetwise {

enum class StepPhase : std::size_t {
    interventions,   // lighting and patrols switched; fear of the dark refreshed
    schedule,        // residents due to leave start walking (wake lists)
    residents_move,  // residents walk their routes (parallel)
    others_move,     // offenders, police units, the police force and foot patrols move
    arrivals,        // walkers who arrived go indoors and are scheduled again
    offence,         // opportunities and offences
    police,          // arrests and dispatch
    drones,          // drone flights and filming
    perception,      // alerts heard; the hourly insecurity pass
    bookkeeping,     // learning, recording, counters
    count
};

constexpr std::array<std::string_view, static_cast<std::size_t>(StepPhase::count)> step_phase_names{
    "interventions", "schedule", "residents move", "others move", "arrivals",
    "offence",       "police",   "drones",         "perception",  "bookkeeping"};

struct StepPhaseTimes {
    std::array<double, static_cast<std::size_t>(StepPhase::count)> seconds{};

    double& operator[](StepPhase phase) { return seconds[static_cast<std::size_t>(phase)]; }
    double operator[](StepPhase phase) const { return seconds[static_cast<std::size_t>(phase)]; }
};

// Adds the wall time since it started, or since its last lap, to a phase: one per thread of work.
class PhaseStopwatch {
public:
    explicit PhaseStopwatch(StepPhaseTimes& times) : times_(times), start_(Clock::now()) {}
    void lap(StepPhase phase) {
        const auto now = Clock::now();
        times_[phase] += std::chrono::duration<double>(now - start_).count();
        start_ = now;
    }
    void restart() { start_ = Clock::now(); }

private:
    using Clock = std::chrono::steady_clock;
    StepPhaseTimes& times_;
    Clock::time_point start_;
};

}  // namespace streetwise
