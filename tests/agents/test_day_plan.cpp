#include <catch2/catch.hpp>

#include <array>
#include <cmath>

#include "sim/agents/day_plan.hpp"

using namespace streetwise;

namespace {
ResidentTraits everything(std::int32_t departure_step) {
    ResidentTraits traits;
    traits.employed = true;
    traits.work_departure_step_of_day = departure_step;
    traits.has_anchor.fill(true);
    return traits;
}
}  // namespace

TEST_CASE("day plan: work on weekdays only, at the resident's departure minute", "[agents][day_plan]") {
    ScenarioSpec spec;
    spec.time.start_weekday = 0;  // day 0 is a Monday
    spec.residents.shopping_probability = 0;
    spec.residents.leisure_probability = 0;
    spec.residents.nightlife_probability = 0;
    const DayPlanner planner(spec);
    const auto traits = everything(8 * 60 + 5);
    for (int day = 0; day < 14; ++day) {
        const DayPlan plan = planner.plan(3, traits, day);
        const bool weekday = day % 7 < 5;
        REQUIRE(plan.count == (weekday ? 1 : 0));
        if (weekday) {
            CHECK(plan.outings[0].anchor == Anchor::work);
            CHECK(plan.outings[0].depart_step == day * 1440 + 485);
            CHECK(plan.outings[0].return_step == day * 1440 + 485 + 540);
        }
    }
    spec.residents.works_weekends = true;
    CHECK(DayPlanner(spec).plan(3, traits, 5).count == 1);
}

TEST_CASE("day plan: outing frequencies match their probabilities", "[agents][day_plan]") {
    ScenarioSpec spec;
    spec.residents.shopping_probability = 0.3;
    spec.residents.leisure_probability = 0.15;
    spec.residents.nightlife_probability = 0.2;
    const DayPlanner planner(spec);
    constexpr int residents = 20000;
    int shop = 0, leisure = 0, night_friday = 0, night_monday = 0;
    for (std::uint32_t r = 0; r < residents; ++r) {
        const auto traits = everything(7 * 60);
        for (int day : {0, 4}) {  // Monday, Friday
            const DayPlan plan = planner.plan(r, traits, day);
            for (int i = 0; i < plan.count; ++i) {
                const Outing& o = plan.outings[static_cast<std::size_t>(i)];
                REQUIRE(o.return_step > o.depart_step);
                if (i > 0) REQUIRE(plan.outings[static_cast<std::size_t>(i - 1)].depart_step <= o.depart_step);
                if (day != 0) continue;
                shop += o.anchor == Anchor::shop;
                leisure += o.anchor == Anchor::leisure;
                night_monday += o.anchor == Anchor::nightlife;
            }
            if (day == 4)
                for (int i = 0; i < plan.count; ++i)
                    night_friday += plan.outings[static_cast<std::size_t>(i)].anchor == Anchor::nightlife;
        }
    }
    // Binomial standard errors at n = 20000 are at most 0.0035; allow 5 of them.
    CHECK(shop / double(residents) == Approx(0.3).margin(0.017));
    CHECK(leisure / double(residents) == Approx(0.15).margin(0.017));
    CHECK(night_friday / double(residents) == Approx(0.2).margin(0.017));
    CHECK(night_monday == 0);  // nights out only on Friday and Saturday
}

TEST_CASE("day plan: the same resident and day always get the same plan", "[agents][day_plan]") {
    const ScenarioSpec spec;
    const DayPlanner a(spec), b(spec);
    const auto traits = everything(7 * 60 + 30);
    for (std::uint32_t r = 0; r < 100; ++r) {
        const DayPlan pa = a.plan(r, traits, 5), pb = b.plan(r, traits, 5);
        REQUIRE(pa.count == pb.count);
        for (int i = 0; i < pa.count; ++i) {
            REQUIRE(pa.outings[static_cast<std::size_t>(i)].depart_step == pb.outings[static_cast<std::size_t>(i)].depart_step);
            REQUIRE(pa.outings[static_cast<std::size_t>(i)].anchor == pb.outings[static_cast<std::size_t>(i)].anchor);
        }
    }
}

namespace {
// FNV-1a over every outing of many residents and days: a fingerprint of the planner's output.
std::uint64_t plans_fingerprint(const ScenarioSpec& spec) {
    const DayPlanner planner(spec);
    std::uint64_t hash = 14695981039346656037ull;
    auto mix = [&](std::int64_t value) {
        for (int byte = 0; byte < 8; ++byte) {
            hash ^= static_cast<std::uint64_t>(value >> (8 * byte)) & 0xffu;
            hash *= 1099511628211ull;
        }
    };
    for (std::uint32_t r = 0; r < 1000; ++r) {
        ResidentTraits traits;
        traits.employed = r % 4 != 0;
        traits.work_departure_step_of_day = static_cast<std::int32_t>(spec.steps_per_day() * 7 / 24 + r % 120);
        for (int a = 0; a < anchor_count; ++a) traits.has_anchor[static_cast<std::size_t>(a)] = (r >> a) & 1u;
        for (std::int64_t day = 0; day < 14; ++day) {
            const DayPlan plan = planner.plan(r, traits, day);
            mix(plan.count);
            for (int i = 0; i < plan.count; ++i) {
                const Outing& o = plan.outings[static_cast<std::size_t>(i)];
                mix(o.depart_step);
                mix(o.return_step);
                mix(static_cast<int>(o.anchor));
            }
        }
    }
    return hash;
}
}  // namespace

TEST_CASE("day plan: the daily_plan routine's plans are those of the original planner, bit for bit",
          "[agents][day_plan]") {
    // The fingerprints were computed with the planner as it was before the away_share routine was
    // added (commit f22e2e1): adding a routine must not change a single outing of the default one.
    ScenarioSpec defaults;
    ScenarioSpec varied;
    varied.seed = 7;
    varied.time.start_weekday = 3;
    varied.time.step_s = 300;
    varied.residents.works_weekends = true;
    varied.residents.shopping_probability = 0.6;
    varied.residents.nightlife_probability = 0.9;
    varied.residents.work_duration_min = 480;
    // Keys of the other routine and of presence change nothing in the daily_plan routine's plans.
    varied.residents.away_share = 0.9;
    varied.residents.present_at_anchors = true;
    const std::uint64_t defaults_hash = plans_fingerprint(defaults), varied_hash = plans_fingerprint(varied);
    INFO("defaults " << defaults_hash << ", varied " << varied_hash);
    CHECK(defaults_hash == 16834926855663083971u);
    CHECK(varied_hash == 1520651581375251655u);
}

// ---------------------------------------------------------------------------------------------
// The away_share routine (Groff 2007)
// ---------------------------------------------------------------------------------------------

namespace {
ScenarioSpec away_share_spec(double away_share, int step_s = 60) {
    ScenarioSpec spec;
    spec.time.step_s = step_s;
    spec.residents.routine = ResidentRoutine::away_share;
    spec.residents.away_share = away_share;
    return spec;
}

// Resident r holds the anchors of the bits of (r % 15) + 1: every non-empty subset in turn.
ResidentTraits some_anchors(std::uint32_t r) {
    ResidentTraits traits;
    traits.employed = true;
    const std::uint32_t bits = r % 15 + 1;
    for (int a = 0; a < anchor_count; ++a) traits.has_anchor[static_cast<std::size_t>(a)] = (bits >> a) & 1u;
    return traits;
}
}  // namespace

TEST_CASE("away_share: the planned time away is away_share of the day, one outing per 6 h slot",
          "[agents][day_plan][away_share]") {
    // Each of the 4 outings lasts away_share x 6 h rounded to whole steps, so a day's planned time
    // away is away_share x 24 h within 4 half-steps of rounding (exact with 60 s steps for these
    // shares: 0.3 x 360 = 108 steps).
    for (const int step_s : {60, 300}) {
        for (const double share : {0.05, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0}) {
            const ScenarioSpec spec = away_share_spec(share, step_s);
            const DayPlanner planner(spec);
            const std::int64_t steps_per_day = spec.steps_per_day();
            const std::int64_t slot_steps = steps_per_day / 4;
            INFO("step_s " << step_s << ", away_share " << share);
            for (std::uint32_t r = 0; r < 300; ++r) {
                const ResidentTraits traits = some_anchors(r);
                for (std::int64_t day = 0; day < 7; ++day) {
                    const DayPlan plan = planner.plan(r, traits, day);
                    REQUIRE(plan.count == 4);
                    std::int64_t away_steps = 0;
                    for (int slot = 0; slot < 4; ++slot) {
                        const Outing& o = plan.outings[static_cast<std::size_t>(slot)];
                        const std::int64_t slot_start = day * steps_per_day + slot * slot_steps;
                        REQUIRE(o.depart_step >= slot_start);               // leaves within its slot
                        REQUIRE(o.return_step <= slot_start + slot_steps);  // and turns home by its end
                        REQUIRE(o.return_step > o.depart_step);
                        REQUIRE(traits.has_anchor[static_cast<std::size_t>(o.anchor)]);
                        away_steps += o.return_step - o.depart_step;
                    }
                    const double away_s = static_cast<double>(away_steps * step_s);
                    REQUIRE(std::abs(away_s - share * 86400.0) <= 4 * 0.5 * step_s);
                }
            }
        }
    }
}

TEST_CASE("away_share: departures are uniform over the slot's free time, anchors uniform over those held",
          "[agents][day_plan][away_share]") {
    const DayPlanner planner(away_share_spec(0.3));
    constexpr double free_steps = 360 - 108;  // time at home in a 6 h slot, in 60 s steps (0.3 x 360 away)
    ResidentTraits three;
    three.has_anchor = {true, false, true, true};  // work, leisure, nightlife; no shop
    double offset_sum = 0, offset_square_sum = 0;
    std::array<int, anchor_count> visits{};
    int outings = 0;
    for (std::uint32_t r = 0; r < 5000; ++r) {
        for (std::int64_t day : {0, 3}) {
            const DayPlan plan = planner.plan(r, three, day);
            for (int slot = 0; slot < plan.count; ++slot) {
                const Outing& o = plan.outings[static_cast<std::size_t>(slot)];
                const double offset = static_cast<double>(o.depart_step - day * 1440 - slot * 360);
                offset_sum += offset;
                offset_square_sum += offset * offset;
                ++visits[static_cast<std::size_t>(o.anchor)];
                ++outings;
            }
        }
    }
    // Offsets are floor(u x 252) for uniform u: mean 125.5, sd 72.7. Over 40,000 outings the
    // mean's standard error is 0.36 step; allow 5 of them, and 2% on the sd.
    const double mean = offset_sum / outings;
    const double sd = std::sqrt(offset_square_sum / outings - mean * mean);
    CHECK(mean == Approx((free_steps - 1) / 2).margin(1.8));
    CHECK(sd == Approx(std::sqrt((free_steps * free_steps - 1) / 12)).epsilon(0.02));
    // Each held anchor a third of the time: binomial standard error 0.0024 at n = 40,000; allow 5.
    CHECK(visits[static_cast<std::size_t>(Anchor::shop)] == 0);
    for (Anchor a : {Anchor::work, Anchor::leisure, Anchor::nightlife})
        CHECK(visits[static_cast<std::size_t>(a)] / double(outings) == Approx(1.0 / 3).margin(0.012));
}

TEST_CASE("away_share: no outings without an anchor or with a share of 0", "[agents][day_plan][away_share]") {
    const ResidentTraits none;  // no anchor at all (an unemployed resident on a lattice)
    CHECK(DayPlanner(away_share_spec(0.5)).plan(1, none, 0).count == 0);
    const ResidentTraits all = everything(480);
    CHECK(DayPlanner(away_share_spec(0.0)).plan(1, all, 0).count == 0);
    // The smallest positive share still makes one-step outings rather than none.
    const DayPlan tiny = DayPlanner(away_share_spec(0.0001)).plan(1, all, 0);
    REQUIRE(tiny.count == 4);
    CHECK(tiny.outings[0].return_step - tiny.outings[0].depart_step == 1);
}

TEST_CASE("away_share: a plan is a pure function of seed, resident and day", "[agents][day_plan][away_share]") {
    const ScenarioSpec spec = away_share_spec(0.4);
    const DayPlanner a(spec), b(spec);
    ScenarioSpec other_seed = spec;
    other_seed.seed = 2;
    const DayPlanner c(other_seed);
    auto same = [](const DayPlan& x, const DayPlan& y) {
        if (x.count != y.count) return false;
        for (std::size_t i = 0; i < static_cast<std::size_t>(x.count); ++i)
            if (x.outings[i].depart_step != y.outings[i].depart_step ||
                x.outings[i].return_step != y.outings[i].return_step || x.outings[i].anchor != y.outings[i].anchor)
                return false;
        return true;
    };
    auto shifted = [](DayPlan plan, std::int64_t steps) {
        for (Outing& o : plan.outings) o.depart_step += steps, o.return_step += steps;
        return plan;
    };
    int same_as_other_seed = 0, same_as_next_day = 0, same_as_next_resident = 0;
    for (std::uint32_t r = 0; r < 200; ++r) {
        const ResidentTraits traits = some_anchors(r);
        for (std::int64_t day = 0; day < 5; ++day) {
            const DayPlan plan = a.plan(r, traits, day);
            REQUIRE(same(plan, b.plan(r, traits, day)));  // another planner, same numbers
            REQUIRE(same(plan, a.plan(r, traits, day)));  // asked again, same numbers
            same_as_other_seed += same(plan, c.plan(r, traits, day));
            same_as_next_day += same(shifted(plan, 1440), a.plan(r, traits, day + 1));
            same_as_next_resident += same(plan, a.plan(r + 1, some_anchors(r), day));
        }
    }
    // Four departures drawn from 216 steps each: a repeat by chance is practically impossible.
    CHECK(same_as_other_seed == 0);
    CHECK(same_as_next_day == 0);
    CHECK(same_as_next_resident == 0);
}

TEST_CASE("day plan: a nightlife venue's closing time ends the night out", "[agents][day_plan][night_economy]") {
    ScenarioSpec spec;
    spec.time.start_weekday = 4;  // day 0 is a Friday
    spec.residents.shopping_probability = 0;
    spec.residents.leisure_probability = 0;
    spec.residents.nightlife_probability = 1;
    spec.residents.nightlife_duration_min = 300;  // would run to 02:00-05:00
    const DayPlanner planner(spec);
    auto traits = everything(8 * 60);
    traits.employed = false;
    // Without a closing time the outing lasts its duration.
    for (std::uint32_t r = 0; r < 50; ++r) {
        const DayPlan plan = planner.plan(r, traits, 0);
        REQUIRE(plan.count == 1);
        CHECK(plan.outings[0].return_step - plan.outings[0].depart_step == 300);
    }
    // Closing at 01:00 (step 1500 of the evening's day): nobody stays later, and anyone out by then
    // leaves at exactly 01:00 (the crowd spills out together); departures are 21:00-24:00.
    traits.nightlife_closing_step = 25 * 60;
    int at_closing = 0;
    for (std::uint32_t r = 0; r < 200; ++r) {
        const DayPlan plan = planner.plan(r, traits, 0);
        REQUIRE(plan.count == 1);
        CHECK(plan.outings[0].return_step <= 25 * 60);
        CHECK(plan.outings[0].return_step > plan.outings[0].depart_step);
        at_closing += plan.outings[0].return_step == 25 * 60;
    }
    CHECK(at_closing == 200);  // 300 min from 21:00 at the earliest is 02:00, after closing
    // Closing at 22:00: those who would arrive after it have no night out (about 2/3 of departures).
    traits.nightlife_closing_step = 22 * 60;
    int outings = 0;
    for (std::uint32_t r = 0; r < 600; ++r) {
        const DayPlan plan = planner.plan(r, traits, 0);
        outings += plan.count;
        if (plan.count == 1) CHECK(plan.outings[0].return_step == 22 * 60);
    }
    // Departure uniform over 180 min, 60 of them before 22:00: 1/3 of 600, binomial sd 11.5.
    CHECK(std::abs(outings - 200) < 4 * 11.55);
}
