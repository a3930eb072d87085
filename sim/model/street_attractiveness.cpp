#include "sim/model/street_attractiveness.hpp"

#include <algorithm>
#include <cmath>

#include "sim/city/city.hpp"
#include "sim/io/checkpoint_file.hpp"

namespace streetwise {

namespace {
constexpr double negligible = 1e-6;
}  // namespace

StreetAttractiveness::StreetAttractiveness(const AttractivenessSpec& spec, int step_s, const City& city)
    : enabled_(spec.enabled),
      theta_(spec.boost_per_crime),
      eta_(spec.spread_share),
      decay_(std::exp2(-static_cast<double>(spec.update_interval_min) / (spec.half_life_days * 1440.0))),
      interval_steps_(std::max<std::int64_t>(1, static_cast<std::int64_t>(spec.update_interval_min) * 60 / step_s)),
      b_(city.segment_count(), 0.0f),
      pending_crimes_(city.segment_count(), 0) {
    if (!enabled_) return;
    // Neighbours: the other segments at either end, each once (a segment meeting another at both
    // ends, as two parallel streets between the same intersections do, counts it once).
    const std::uint32_t segments = city.segment_count();
    neighbour_begin_.assign(segments + 1, 0);
    std::vector<std::uint32_t> around;
    for (std::uint32_t s = 0; s < segments; ++s) {
        around.clear();
        for (const std::uint32_t v : {city.segment_from()[s], city.segment_to()[s]})
            for (std::uint32_t a = city.arc_begin(v); a < city.arc_end(v); ++a)
                if (city.arc_segment(a) != s) around.push_back(city.arc_segment(a));
        std::sort(around.begin(), around.end());
        around.erase(std::unique(around.begin(), around.end()), around.end());
        neighbours_.insert(neighbours_.end(), around.begin(), around.end());
        neighbour_begin_[s + 1] = static_cast<std::uint32_t>(neighbours_.size());
    }
    next_.assign(segments, 0.0);
}

void StreetAttractiveness::update() {
    if (!enabled_) return;
    const std::uint32_t segments = static_cast<std::uint32_t>(b_.size());
    // Each street keeps (1 - eta) of its B and hands eta B out in equal parts; a street with no
    // neighbours keeps it all. Sequential and in segment order: the sums are the same on any machine.
    for (std::uint32_t s = 0; s < segments; ++s) next_[s] = 0.0;
    for (std::uint32_t s = 0; s < segments; ++s) {
        const double b = b_[s];
        if (b == 0.0) continue;
        const std::uint32_t begin = neighbour_begin_[s], end = neighbour_begin_[s + 1];
        if (begin == end) {
            next_[s] += b;
            continue;
        }
        next_[s] += (1.0 - eta_) * b;
        const double share = eta_ * b / static_cast<double>(end - begin);
        for (std::uint32_t i = begin; i < end; ++i) next_[neighbours_[i]] += share;
    }
    for (std::uint32_t s = 0; s < segments; ++s) {
        // Traces far below one crime's worth are dropped, so the field stays sparse and cheap.
        const double b = decay_ * next_[s] + theta_ * pending_crimes_[s];
        b_[s] = b < negligible ? 0.0f : static_cast<float>(b);
        pending_crimes_[s] = 0;
    }
}

double StreetAttractiveness::total() const {
    double sum = 0.0;
    for (const float b : b_) sum += b;
    return sum;
}

void StreetAttractiveness::save_state(CheckpointWriter& out) const {
    out.put_vector(b_);
    out.put_vector(pending_crimes_);
}

void StreetAttractiveness::load_state(CheckpointReader& in) {
    in.get_vector_into(b_, "attractiveness per segment");
    in.get_vector_into(pending_crimes_, "crimes since the last update per segment");
    for (const float b : b_)
        in.check(std::isfinite(b) && b >= 0.0f, "an attractiveness value is negative or not a number");
}

}  // namespace streetwise
