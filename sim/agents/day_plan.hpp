#pragma once
// A resident's outings for one day, as a pure function of (seed, resident, day): nothing about a
// day's plan is stored, so idle residents cost no memory traffic and any day can be re-derived.
// Two routines (residents.routine): daily_plan (work, shopping, leisure, nights out by the clock)
// and away_share (Groff 2007: one outing in each 6-hour slot, away for a set share of the day).
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

// The away_share routine cuts the day into this many slots (00-06, 06-12, 12-18, 18-24), one outing each.
inline constexpr int away_share_slots_per_day = 4;

struct DayPlan {
    std::array<Outing, 4> outings{};  // enough for either routine (daily_plan: one per anchor kind)
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
    // night_economy: when the resident's nightlife venue closes, in steps from the start of the day
    // of the evening out (past midnight: more than a day's steps); -1: no closing time.
    std::int32_t nightlife_closing_step = -1;
};

class DayPlanner {
public:
    explicit DayPlanner(const ScenarioSpec& spec);
    DayPlan plan(std::uint32_t resident, const ResidentTraits& traits, std::int64_t day) const;

    // away_share routine: steps away from home per outing (walking out included), 0 for none.
    std::int64_t away_steps_per_outing() const { return away_steps_per_outing_; }
    std::int64_t steps_per_slot() const { return steps_per_day_ / away_share_slots_per_day; }

private:
    DayPlan plan_daily(std::uint32_t resident, const ResidentTraits& traits, std::int64_t day) const;
    DayPlan plan_away_share(std::uint32_t resident, const ResidentTraits& traits, std::int64_t day) const;
    std::int64_t steps_from_hours(double hours) const;
    std::int64_t steps_from_minutes(int minutes) const;

    ResidentSpec residents_;
    int start_weekday_;
    int step_s_;
    std::int64_t steps_per_day_;
    std::int64_t away_steps_per_outing_;
    CounterRng rng_;
};

}  // namespace streetwise
