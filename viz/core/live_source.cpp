#include "viz/core/live_source.hpp"

#include <cstdio>

#include "sim/engine/simulation.hpp"

namespace streetwise::viz {

LiveSource::LiveSource(ScenarioSpec spec, std::shared_ptr<const City> city, LiveRunOptions options)
    : run_(std::move(spec), std::move(city), std::move(options)), live_keys_(Simulation::live_editable_keys()) {}

std::string LiveSource::title() const {
    const auto& spec = run_.spec();
    std::string title = spec.name + " (live, seed " + std::to_string(spec.seed) + ")";
    if (!spec.source_path.empty()) title += " - " + spec.source_path;
    return title;
}

bool LiveSource::update(double) { return run_.acquire_snapshot(); }

std::string LiveSource::status_text() const {
    std::string text = to_string(run_.phase());
    if (run_.phase() == LiveRun::Phase::playing) {
        char rate[64];
        std::snprintf(rate, sizeof rate, ", %.0f steps/s", run_.steps_per_s());
        text += rate;
    }
    const std::string message = run_.message();
    if (!message.empty()) text += ": " + message;
    return text;
}

}  // namespace streetwise::viz
