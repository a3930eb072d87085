#include "sim/agents/day_plan.hpp"

#include <algorithm>
#include <cmath>

namespace streetwise {

namespace {
// Draw indices within RngStream::resident_routine for one (resident, day).
enum Draw : std::uint32_t { shop_go, shop_time, leisure_go, leisure_time, night_go, night_time };
// away_share routine: per slot, one draw for the anchor and one for the departure, after the
// daily_plan draws (the two routines never run together, but distinct indices keep them apart).
constexpr std::uint32_t away_anchor_draw(int slot) {
    return night_time + 1 + 2 * static_cast<std::uint32_t>(slot);
}
constexpr std::uint32_t away_time_draw(int slot) {
    return away_anchor_draw(slot) + 1;
}
}  // namespace

DayPlanner::DayPlanner(const ScenarioSpec& spec)
    : residents_(spec.residents),
      start_weekday_(spec.time.start_weekday),
      step_s_(spec.time.step_s),
      steps_per_day_(spec.steps_per_day()),
      // Whole steps; an away share too small for one step still makes a one-step outing (0: none).
      away_steps_per_outing_(spec.residents.away_share > 0
                                 ? std::max<std::int64_t>(1, std::llround(spec.residents.away_share *
                                                                          static_cast<double>(steps_per_slot())))
                                 : 0),
      rng_(spec.seed, RngStream::resident_routine) {}

std::int64_t DayPlanner::steps_from_hours(double hours) const {
    return static_cast<std::int64_t>(std::llround(hours * 3600.0 / step_s_));
}

std::int64_t DayPlanner::steps_from_minutes(int minutes) const {
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(std::llround(minutes * 60.0 / step_s_)));
}

DayPlan DayPlanner::plan(std::uint32_t resident, const ResidentTraits& traits, std::int64_t day) const {
    return residents_.routine == ResidentRoutine::away_share ? plan_away_share(resident, traits, day)
                                                             : plan_daily(resident, traits, day);
}

// Groff (2007): each 6-hour slot holds one outing to one of the resident's anchors, drawn anew per
// slot; it leaves at slot start + u (1 - away_share) 6 h and turns home away_share x 6 h later, so
// the outing (walking out included) always ends within its slot.
DayPlan DayPlanner::plan_away_share(std::uint32_t resident, const ResidentTraits& traits, std::int64_t day) const {
    DayPlan plan;
    std::array<Anchor, anchor_count> anchors{};
    std::uint32_t anchors_held = 0;
    for (int a = 0; a < anchor_count; ++a)
        if (traits.has_anchor[static_cast<std::size_t>(a)]) anchors[anchors_held++] = static_cast<Anchor>(a);
    if (anchors_held == 0 || away_steps_per_outing_ == 0) return plan;
    const auto day32 = static_cast<std::uint32_t>(day);
    const std::int64_t slot_steps = steps_per_slot();
    const std::int64_t slack_steps = slot_steps - away_steps_per_outing_;  // time at home in the slot
    for (int slot = 0; slot < away_share_slots_per_day; ++slot) {
        const std::int64_t slot_start = day * steps_per_day_ + slot * slot_steps;
        const std::int64_t depart =
            slot_start + static_cast<std::int64_t>(rng_.uniform(resident, day32, away_time_draw(slot)) *
                                                   static_cast<double>(slack_steps));
        const Anchor anchor = anchors[rng_.below(anchors_held, resident, day32, away_anchor_draw(slot))];
        plan.outings[static_cast<std::size_t>(plan.count++)] = {depart, depart + away_steps_per_outing_, anchor};
    }
    return plan;
}

DayPlan DayPlanner::plan_daily(std::uint32_t resident, const ResidentTraits& traits, std::int64_t day) const {
    DayPlan plan;
    const std::int64_t day_start = day * steps_per_day_;
    const int weekday = static_cast<int>((start_weekday_ + day) % 7);
    const bool workday = traits.employed && (weekday < 5 || residents_.works_weekends);
    const auto day32 = static_cast<std::uint32_t>(day);
    // Draw keys mix resident and day so every (resident, day) gets its own numbers.
    auto uniform = [&](std::uint32_t draw) { return rng_.uniform(resident, day32, draw); };
    auto window_step = [&](double from_h, double to_h, std::uint32_t draw) {
        const std::int64_t from = steps_from_hours(from_h), to = steps_from_hours(to_h);
        return day_start + from + static_cast<std::int64_t>(uniform(draw) * static_cast<double>(to - from));
    };
    // Keeps outings in departure order (insertion into at most four entries).
    auto add_until = [&](std::int64_t depart, std::int64_t return_step, Anchor anchor) {
        int i = plan.count++;
        for (; i > 0 && plan.outings[static_cast<std::size_t>(i - 1)].depart_step > depart; --i)
            plan.outings[static_cast<std::size_t>(i)] = plan.outings[static_cast<std::size_t>(i - 1)];
        plan.outings[static_cast<std::size_t>(i)] = {depart, return_step, anchor};
    };
    auto add = [&](std::int64_t depart, int duration_min, Anchor anchor) {
        add_until(depart, depart + steps_from_minutes(duration_min), anchor);
    };

    if (workday && traits.has_anchor[static_cast<int>(Anchor::work)])
        add(day_start + traits.work_departure_step_of_day, residents_.work_duration_min, Anchor::work);
    if (traits.has_anchor[static_cast<int>(Anchor::leisure)] && residents_.leisure_probability > 0 &&
        uniform(leisure_go) < residents_.leisure_probability)
        add(workday ? window_step(19.0, 20.5, leisure_time) : window_step(14.0, 18.0, leisure_time),
            residents_.leisure_duration_min, Anchor::leisure);
    if (traits.has_anchor[static_cast<int>(Anchor::shop)] && residents_.shopping_probability > 0 &&
        uniform(shop_go) < residents_.shopping_probability)
        add(workday ? window_step(17.5, 19.5, shop_time) : window_step(10.0, 18.0, shop_time),
            residents_.shopping_duration_min, Anchor::shop);
    const bool weekend_night = weekday == 4 || weekday == 5;  // Friday and Saturday nights
    if (weekend_night && traits.has_anchor[static_cast<int>(Anchor::nightlife)] &&
        residents_.nightlife_probability > 0 && uniform(night_go) < residents_.nightlife_probability) {
        const std::int64_t depart = window_step(21.0, 24.0, night_time);
        std::int64_t return_step = depart + steps_from_minutes(residents_.nightlife_duration_min);
        // The venue's closing time ends the night out (night_economy): everyone leaves together.
        // Arriving after closing, there is no night out.
        if (traits.nightlife_closing_step >= 0)
            return_step = std::min(return_step, day_start + traits.nightlife_closing_step);
        if (return_step > depart) add_until(depart, return_step, Anchor::nightlife);
    }
    return plan;
}

}  // namespace streetwise
