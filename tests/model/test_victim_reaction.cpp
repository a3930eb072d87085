// The victim reaction alone (docs/odd.md 7.19): the police reporting probability by group and trust,
// the delay of a report, app adoption over time, and SOS responders as guardians in the opportunity rule.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/agents/day_plan.hpp"
#include "sim/city/city.hpp"
#include "sim/core/counter_rng.hpp"
#include "sim/model/opportunity_rule.hpp"
#include "sim/model/reporting_app.hpp"
#include "sim/model/victim_reaction.hpp"

using namespace streetwise;

namespace {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1 - p)); }

City two_node_city() {
    CityDraft draft;
    draft.name = "two";
    draft.node_x_m = {0, 100};
    draft.node_y_m = {0, 0};
    draft.segments.push_back({0, 1, 100.0f, RoadClass::residential, 20.0f, LandUse::commercial, 0, 0});
    draft.districts.push_back({"Centre", LandUse::commercial});
    return City::build(draft, false);
}

}  // namespace

TEST_CASE("victim reaction: with every modifier at its default the probability is the type's, bit for bit",
          "[model][reporting]") {
    const ReportingOdds odds = ReportingOdds::from(ReportingSpec{});
    ResidentTraits woman;
    woman.female = true;
    woman.age_band = 0;
    woman.minority = true;
    for (const double p : {0.0, 0.13, 0.1, 0.3, 0.52, 0.999, 1.0}) {
        CHECK(police_report_probability(p, odds, &woman, 0.2) == p);  // trust off: ignored
        CHECK(police_report_probability(p, odds, nullptr, 0.9) == p);
    }
    // Trust on, at the reference: no shift either.
    ReportingSpec spec;
    spec.trust.enabled = true;
    const ReportingOdds with_trust = ReportingOdds::from(spec);
    CHECK(police_report_probability(0.37, with_trust, &woman, spec.trust.reference) == 0.37);
}

TEST_CASE("victim reaction: group and trust shift the log-odds, many draws agree within sampling error",
          "[model][reporting]") {
    ReportingSpec spec;
    spec.gender_log_odds = {{"female", -0.5}};
    spec.age_log_odds = {{"young", -0.4}, {"older", 0.3}};
    spec.origin_log_odds = {{"minority", -0.6}};
    spec.trust.enabled = true;
    spec.trust.reporting_weight = 2.0;
    spec.trust.reference = 0.7;
    const ReportingOdds odds = ReportingOdds::from(spec);
    ResidentTraits young_minority_woman;
    young_minority_woman.female = true;
    young_minority_woman.age_band = 0;
    young_minority_woman.minority = true;
    const double p_type = 0.3, trust = 0.4;
    const double expected = logistic(logit(p_type) - 0.5 - 0.4 - 0.6 + 2.0 * (trust - 0.7));
    const double p = police_report_probability(p_type, odds, &young_minority_woman, trust);
    CHECK(p == Approx(expected).epsilon(1e-12));
    ResidentTraits older_man;
    older_man.age_band = 2;
    CHECK(police_report_probability(p_type, odds, &older_man, 0.7) == Approx(logistic(logit(p_type) + 0.3)));
    // No resident (vandalism): no group shift, but trust (at the reference here) none either.
    CHECK(police_report_probability(p_type, odds, nullptr, 0.7) == p_type);

    // 200,000 draws as the engine makes them (uniform < p): within 4 binomial sigmas.
    const CounterRng rng(7, RngStream::reporting);
    const int n = 200000;
    int reported = 0;
    for (int i = 0; i < n; ++i) reported += rng.uniform(static_cast<std::uint32_t>(i), 3, 0) < p;
    CHECK(std::abs(reported / static_cast<double>(n) - expected) <= 4 * std::sqrt(expected * (1 - expected) / n));
}

TEST_CASE("victim reaction: report delays are exponential with the configured mean, rounded up to steps",
          "[model][reporting]") {
    CHECK(report_delay_steps(0, 0.7, 60) == 0);
    CHECK(latency_steps(0, 60) == 0);
    CHECK(latency_steps(7, 60) == 7);
    CHECK(latency_steps(7.5, 60) == 8);
    const CounterRng rng(3, RngStream::victim_reaction);
    const int n = 100000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
        const auto d = static_cast<double>(report_delay_steps(30, rng.uniform(static_cast<std::uint32_t>(i), 0, 0), 60));
        sum += d;
        sum2 += d * d;
    }
    // ceil(X) for X ~ Exp(mean 30): mean 1 / (1 - exp(-1/30)) = 30.50 steps; sd about 30.
    const double mean = sum / n, expected = 1.0 / (1.0 - std::exp(-1.0 / 30.0));
    const double sd = std::sqrt(sum2 / n - mean * mean);
    CHECK(std::abs(mean - expected) <= 4 * sd / std::sqrt(n));
}

TEST_CASE("apps: the adoption share grows linearly to its target, times the group multipliers",
          "[model][reporting][apps]") {
    const City city = two_node_city();
    AppSpec spec;
    spec.start_share = 0.1;
    spec.target_share = 0.5;
    spec.ramp_days = 10;
    spec.adoption_gender = {{"female", 1.5}, {"male", 0.5}};
    spec.adoption_district = {{"Centre", 2.0}};
    const ReportingApp app(spec, 0, city, "test");
    CHECK(app.share(0) == Approx(0.1));
    CHECK(app.share(5) == Approx(0.3));
    CHECK(app.share(10) == Approx(0.5));
    CHECK(app.share(20) == Approx(0.5));
    ResidentTraits woman;
    woman.female = true;
    // At day 5 a woman in the centre adopts below min(1, 0.3 * 1.5 * 2) = 0.9.
    CHECK(app.adopted(woman, 0, 0.899, 5));
    CHECK(!app.adopted(woman, 0, 0.901, 5));
    // Monotone: whoever has it on day 3 still has it on day 4.
    ResidentTraits man;
    for (double u = 0; u < 1; u += 0.01)
        if (app.adopted(man, 0, u, 3)) CHECK(app.adopted(man, 0, u, 4));
    // A district the city lacks is an input error naming the field.
    spec.adoption_district = {{"Atlantis", 2.0}};
    CHECK_THROWS_WITH(ReportingApp(spec, 0, city, "test.yaml"), Catch::Matchers::Contains("Atlantis"));
}

TEST_CASE("apps: SOS responders count as guardians in the opportunity rule, as bystanders do",
          "[model][reporting][apps]") {
    const City city = two_node_city();
    ScenarioSpec spec;
    for (auto& t : spec.crime.types) t = CrimeTypeSpec{};
    for (int t = 0; t < crime_type_count; ++t) spec.crime.types[t].rate = 1.0;
    spec.offenders.base_probability = 0.01;
    spec.offenders.guardian_gamma = 0.2;
    spec.offenders.dark_multiplier = 1.0;
    const OpportunityRule rule(spec, city);
    TypeHazards none{}, guarded{};
    OffenceSituation alone{1, 1, 0};
    OffenceSituation with_responders = alone;
    with_responders.extra_guardians = 3;
    rule.hazards(0, alone, 0, false, 1.0, none);
    rule.hazards(0, with_responders, 0, false, 1.0, guarded);
    // Every type: the hazard falls by exp(-gamma * sensitivity * 3), sensitivity 1 here.
    for (int t = 0; t < crime_type_count; ++t) {
        INFO(crime_type_names[t]);
        CHECK(guarded[t] == Approx(none[t] * std::exp(-0.2 * 3)));
    }
}
