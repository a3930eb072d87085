#pragma once
// A resident's outings for one day, as a pure function of (seed, resident, day): nothing about a
// day's plan is stored, so idle residents cost no memory traffic and any day can be re-derived.
#include <array>
#include <cstdint>

#include "sim/core/counter_rng.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

// Where an outing goes; each resident has one anchor place of each kind (or none).
enum class Anchor : std::uint8_t { work, shop, leisure, nightlife };
inline constexpr int anchor_count = 4;

// One outing: leave home at depart_step, turn home at return_step (if still walking out then,
// turn back on the spot, as benchmark B1 prescribes).
struct Outing {
    std::int64_t depart_step = 0;
    std::int64_t return_step = 0;
    Anchor anchor = Anchor::work;
};

struct DayPlan {
    std::array<Outing, 4> outings{};
    int count = 0;  // outings in departure order
};

// Per-resident constants the plan depends on.
struct ResidentTraits {
    bool employed = false;
    std::int32_t work_departure_step_of_day = 0;
    std::array<bool, anchor_count> has_anchor{};
    // Groups, for victim choice (and, later, fear and reporting by group).
    bool female = false;
    std::uint8_t age_band = 1;  // 0: young (16-24), 1: adult (25-64), 2: older (65+)
    bool minority = false;
};

class DayPlanner {
public:
    explicit DayPlanner(const ScenarioSpec& spec);
    DayPlan plan(std::uint32_t resident, const ResidentTraits& traits, std::int64_t day) const;

private:
    std::int64_t steps_from_hours(double hours) const;
    std::int64_t steps_from_minutes(int minutes) const;

    ResidentSpec residents_;
    int start_weekday_;
    int step_s_;
    std::int64_t steps_per_day_;
    CounterRng rng_;
};

}  // namespace streetwise
