#include "viz/core/short_live_model.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/city/city.hpp"
#include "sim/engine/run_short2008.hpp"
#include "sim/model/crime_type.hpp"
#include "viz/core/attractiveness_layer.hpp"

namespace streetwise::viz {

namespace {
constexpr int steps_per_hour = 60;  // the run files' convention: one step is called a minute
}

ShortLiveModel::ShortLiveModel(const ShortBurglaryParams& params, std::shared_ptr<const City> city, std::int64_t total_steps)
    : model_(params), city_(std::move(city)), total_steps_(total_steps) {
    if (city_->node_count() != model_.site_count())
        throw std::invalid_argument("ShortLiveModel: the city must have one node per lattice site");
    segment_burglaries_.assign(city_->segment_count(), 0);
}

void ShortLiveModel::step() {
    model_.step();
    const auto step = static_cast<std::uint32_t>(model_.steps_done() - 1);
    const auto burglaries = model_.burglaries_last_step();
    const std::size_t hour = step / steps_per_hour;
    if (hourly_burglaries_.size() <= hour) hourly_burglaries_.resize(hour + 1, 0.0);
    for (std::uint32_t s = 0; s < burglaries.size(); ++s)
        for (std::uint32_t k = 0; k < burglaries[s]; ++k) {
            CrimeEvent e;
            e.step = step;
            e.node = s;
            e.segment = short2008_site_segment(s);  // as in run files: its east link
            e.type = static_cast<std::uint8_t>(CrimeType::burglary);
            e.offender = 0;  // burglars are anonymous in the model
            e.victim = s;    // the home burgled: its site
            burglaries_.push_back(e);
            ++segment_burglaries_[e.segment];
            hourly_burglaries_[hour] += 1.0;
        }
}

void ShortLiveModel::fill(FrameSnapshot& out) {
    const City& city = *city_;
    out.serial = ++serial_;
    out.step = model_.steps_done();
    out.total_steps = total_steps_;
    out.step_s = 60;
    out.night = false;
    out.replay = false;
    out.agents.clear();
    const auto burglars = model_.burglars();
    for (std::uint32_t s = 0; s < burglars.size(); ++s)
        for (std::uint32_t k = 0; k < burglars[s]; ++k)
            out.agents.push_back({static_cast<float>(city.node_x_m()[s]), static_cast<float>(city.node_y_m()[s]), s,
                                  AgentKind::offender});
    out.residents_total = 0;
    out.residents_walking = 0;

    const std::size_t types = crime_type_count;
    const auto burglary = static_cast<std::size_t>(CrimeType::burglary);
    out.crime_total = burglaries_.size();
    out.crimes_by_type.assign(types, 0);
    out.crimes_by_type[burglary] = burglaries_.size();
    out.segment_crimes = segment_burglaries_;
    out.segment_crimes_by_type.assign(segment_burglaries_.size() * types, 0);
    for (std::size_t g = 0; g < segment_burglaries_.size(); ++g) out.segment_crimes_by_type[g * types + burglary] = segment_burglaries_[g];
    out.hourly_by_type.assign(types, {});
    out.hourly_by_type[burglary] = hourly_burglaries_;
    const std::size_t hours = hourly_burglaries_.size();
    for (auto& series : out.hourly_by_type) series.resize(hours, 0.0);
    const std::int64_t hour_ago = out.step - steps_per_hour;
    const auto first = std::partition_point(burglaries_.begin(), burglaries_.end(),
                                            [&](const CrimeEvent& e) { return static_cast<std::int64_t>(e.step) < hour_ago; });
    out.recent_crimes.assign(first, burglaries_.end());
    out.active_interventions.clear();
    out.segment_lit_by_intervention.clear();

    out.node_field.resize(model_.site_count());
    for (std::size_t s = 0; s < out.node_field.size(); ++s) out.node_field[s] = static_cast<float>(model_.attractiveness(s));
    out.node_field_name = "attractiveness A = A0 + B (burglaries per unit time per burglar)";
    out.node_field_cell_m = 1.0f;
    out.model_time_per_step = model_.params().dt;
    clear_segment_field(out);  // its field lives on the lattice's sites (node_field), not on streets
}

void ShortLiveModel::apply_live_change(const std::string& key, double) {
    throw std::invalid_argument("the Short et al. (2008) model takes no live changes (" + key +
                                "): edit the scenario and restart");
}

RunResult ShortLiveModel::take_result() {
    throw std::logic_error("ShortLiveModel writes no run file: use `streetwise run` on the scenario");
}

}  // namespace streetwise::viz
