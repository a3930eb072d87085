#include <catch2/catch.hpp>

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
