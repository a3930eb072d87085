// Insecurity in the whole simulation (docs/odd.md 7.23): the tracker's memories respond to the
// events fed to it and fade over their half-lives; the after-dark answer reproduces ONS 2021 on the
// default week and its draws make the expected shares; fear of the dark skips the expected share of
// outings after dark; runs are the same with 1 and 2 threads and after a checkpoint and resume.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/city/city.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/insecurity_tracker.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/run_file.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/model/insecurity.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "engine/resume_support.hpp"
#include "test_support.hpp"

using namespace streetwise;
namespace fs = std::filesystem;

namespace {

ScenarioSpec small_night(std::vector<std::string> extra = {}) {
    std::vector<std::string> overrides{"residents.count=3000", "time.days=2", "offenders.base_probability=0.002",
                                       "time.start_weekday=4"};
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    return load_scenario(test::scenario_path("default.yaml"), overrides);
}

// A tracker on the small default with no one on the street: every measure is the residents' memories.
struct Fixture {
    ScenarioSpec spec = small_night();
    City city = make_city(spec.city);
    NodeOccupancy occupancy{city.node_count(), false};
    Residents residents{spec, city, occupancy};
    InsecurityTracker tracker{spec, city, residents};
    InsecurityTracker::Street street() const {
        InsecurityTracker::Street s;
        s.occupancy = &occupancy;
        s.segment_lux = &city.segment_lux();
        s.dark_lux_threshold = spec.offenders.dark_lux_threshold;
        s.night = true;
        return s;
    }
    double score(std::uint32_t r) const { return tracker.score(r, InsecurityDrivers{}); }
    // The first resident living at least `distance_m` from resident r's home.
    std::uint32_t far_from(std::uint32_t r, double distance_m) const {
        const auto& x = city.node_x_m();
        const auto& y = city.node_y_m();
        for (std::uint32_t q = 0; q < residents.count(); ++q)
            if (std::hypot(x[residents.home(q)] - x[residents.home(r)], y[residents.home(q)] - y[residents.home(r)]) >
                distance_m)
                return q;
        return UINT32_MAX;
    }
};

CrimeEvent crime_at(std::uint32_t node, CrimeType type, std::uint32_t victim, bool reported) {
    CrimeEvent e;
    e.node = node;
    e.type = static_cast<std::uint8_t>(type);
    e.victim = victim;
    e.reported = reported ? 1 : 0;
    return e;
}

}  // namespace

TEST_CASE("insecurity tracker: fed events raise the right residents' scores", "[engine][insecurity]") {
    Fixture f;
    const std::uint32_t r = 7, far = f.far_from(7, 2000);
    REQUIRE(far != UINT32_MAX);
    const double before = f.score(r), far_before = f.score(far);

    SECTION("own victimisation") {
        f.tracker.note_crime(crime_at(f.residents.home(far), CrimeType::robbery, r, false));
        CHECK(f.tracker.victimisation_memory(r) == 1.0);
        CHECK(f.score(r) > before);
    }
    SECTION("crime known near home: recorded fully, unrecorded at its weight") {
        f.tracker.note_crime(crime_at(f.residents.home(r), CrimeType::robbery, no_victim, true));
        CHECK(f.tracker.nearby_crime(r) == 1.0);
        f.tracker.note_crime(crime_at(f.residents.home(r), CrimeType::robbery, no_victim, false));
        CHECK(f.tracker.nearby_crime(r) == Approx(1.0 + f.spec.insecurity.unrecorded_weight));
        CHECK(f.score(r) > before);
        CHECK(f.score(far) == far_before);  // 2 km away: outside the 3 x 3 cells of 300 m
    }
    SECTION("disorder: vandalism near home") {
        f.tracker.note_crime(crime_at(f.residents.home(r), CrimeType::vandalism, no_victim, false));
        CHECK(f.tracker.nearby_disorder(r) == 1.0);
        CHECK(f.tracker.nearby_crime(r) == 0.0);
        CHECK(f.score(r) > before);
    }
    SECTION("alerts heard: homes within the alert's radius of the scene") {
        Alert alert;
        alert.node = f.residents.home(r);
        alert.radius_m = 50;
        const Alert alerts[] = {alert};
        f.tracker.hear_alerts(alerts);
        CHECK(f.tracker.alerts_heard(r) == 1.0);
        CHECK(f.score(r) > before);
        CHECK(f.tracker.alerts_heard(far) == 0.0);
        // Contacts only (radius 0) name nobody here.
        alert.radius_m = 0;
        const Alert contacts[] = {alert};
        f.tracker.hear_alerts(contacts);
        CHECK(f.tracker.alerts_heard(r) == 1.0);
    }
}

TEST_CASE("insecurity tracker: memories halve over their half-lives", "[engine][insecurity]") {
    Fixture f;
    const std::uint32_t r = 11;
    f.tracker.note_crime(crime_at(f.residents.home(r), CrimeType::robbery, r, true));
    Alert alert;
    alert.node = f.residents.home(r);
    alert.radius_m = 10;
    const Alert alerts[] = {alert};
    f.tracker.hear_alerts(alerts);
    const auto street = f.street();
    // Alerts: 3 days = 72 hours.
    for (int h = 0; h < 72; ++h) f.tracker.measure_hour(60 * h + 59, f.residents, street);
    CHECK(f.tracker.alerts_heard(r) == Approx(0.5).epsilon(1e-9));
    CHECK(f.tracker.nearby_crime(r) == Approx(std::exp2(-3.0 / 14.0)).epsilon(1e-9));
    CHECK(f.tracker.victimisation_memory(r) == Approx(std::exp2(-3.0 / 90.0)).epsilon(1e-9));
    CHECK(f.tracker.hours_measured() == 72);
}

TEST_CASE("insecurity tracker: the street now (darkness, lighting, crowds, police) for walkers",
          "[engine][insecurity]") {
    // The pure score is tested per driver; here the tracker reads the street: lighting every street
    // lowers the after-dark answer's unsafe share, and the share matches the expected value of
    // the normal draws within binomial noise.
    Fixture f;
    const InsecuritySpec& spec = f.spec.insecurity;
    std::vector<float> dark(f.city.segment_count(), 0.0f), lit(f.city.segment_count(), 50.0f);
    auto share_and_expected = [&](const std::vector<float>& lux) {
        f.tracker.update_answers(lux, f.spec.offenders.dark_lux_threshold);
        double unsafe = 0, expected = 0, variance = 0;
        for (std::uint32_t r = 0; r < f.residents.count(); ++r) {
            const ResidentTraits& t = f.residents.traits(r);
            const double mean = insecurity_group_baseline(spec, t.female, t.age_band, t.minority) +
                                insecurity_situational_factor(spec, t.female, t.age_band) *
                                    ((lux[0] < 5 ? spec.weight.darkness : 0.0) +
                                     spec.weight.empty_street);
            const double p = 0.5 * std::erfc(-mean / (spec.individual_sd * std::sqrt(2.0)));
            expected += p;
            variance += p * (1 - p);
            unsafe += f.tracker.unsafe_after_dark()[r];
        }
        return std::array<double, 3>{unsafe, expected, std::sqrt(variance)};
    };
    const auto in_dark = share_and_expected(dark);
    const auto in_light = share_and_expected(lit);
    CHECK(std::abs(in_dark[0] - in_dark[1]) < 4 * in_dark[2]);
    CHECK(std::abs(in_light[0] - in_light[1]) < 4 * in_light[2]);
    CHECK(in_light[0] < in_dark[0] - 8 * in_dark[2]);
}

TEST_CASE("insecurity: the default week reproduces the after-dark gap of ONS 2021 within 5 points",
          "[engine][insecurity][validation]") {
    // docs/validation.md: 49% of women and 15% of men feel unsafe walking alone after dark on a quiet
    // street near home (ONS 2021). The default week takes under a second.
    const ScenarioSpec base = load_scenario(test::scenario_path("default.yaml"));
    const City city = make_city(base.city);
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        ScenarioSpec spec = base;
        spec.seed = seed;
        const RunResult result = run_simulation(spec, city, RunOptions{});
        REQUIRE(result.insecurity.present);
        INFO("seed " << seed << ": women " << result.insecurity.final_unsafe[1] << "%, men "
                     << result.insecurity.final_unsafe[2] << "%");
        CHECK(std::abs(result.insecurity.final_unsafe[1] - 49) <= 5);
        CHECK(std::abs(result.insecurity.final_unsafe[2] - 15) <= 5);
        CHECK(result.insecurity.hourly_index[0].size() == static_cast<std::size_t>(24 * spec.time.days));
    }
}

TEST_CASE("insecurity: fear of the dark skips stay_home_share of the outings after dark of those who fear",
          "[engine][insecurity][behaviour]") {
    const ScenarioSpec base = small_night({"insecurity.behaviour.enabled=true",
                                           "insecurity.behaviour.stay_home_share=0.3"});
    const City city = make_city(base.city);
    SECTION("everyone afraid: the skipped share is stay_home_share, within binomial noise") {
        ScenarioSpec spec = base;
        spec.insecurity.baseline.female = spec.insecurity.baseline.male = 20;
        const RunResult result = run_simulation(spec, city, RunOptions{});
        const double n = static_cast<double>(result.insecurity.night_outings);
        REQUIRE(n > 500);
        const double skipped = static_cast<double>(result.insecurity.night_outings_skipped);
        CHECK(std::abs(skipped / n - 0.3) < 4 * std::sqrt(0.3 * 0.7 / n));
    }
    SECTION("nobody afraid: no outing is skipped, and the crimes are those of the run without behaviour") {
        ScenarioSpec spec = base;
        spec.insecurity.baseline.female = spec.insecurity.baseline.male = -20;
        const RunResult result = run_simulation(spec, city, RunOptions{});
        CHECK(result.insecurity.night_outings > 0);
        CHECK(result.insecurity.night_outings_skipped == 0);
        spec.insecurity.behaviour.enabled = false;
        const RunResult without = run_simulation(spec, city, RunOptions{});
        CHECK(without.crimes.size() == result.crimes.size());
    }
    SECTION("the calibrated default: skipped share = stay_home_share x share who fear, within noise") {
        const RunResult result = run_simulation(base, city, RunOptions{});
        const double n = static_cast<double>(result.insecurity.night_outings);
        const double afraid = result.insecurity.final_unsafe[0] / 100.0;  // about stable over two days
        const double p = 0.3 * afraid;
        const double skipped = static_cast<double>(result.insecurity.night_outings_skipped) / n;
        INFO("afraid " << afraid << ", skipped " << skipped << " of " << n);
        // Those who go out at night are not a random draw of residents (by age, gender): 0.05 slack.
        CHECK(std::abs(skipped - p) < 4 * std::sqrt(p * (1 - p) / n) + 0.05);
        CHECK(skipped > 0);
    }
}

TEST_CASE("insecurity: identical run files with 1 and 2 threads, and checkpoint and resume",
          "[engine][insecurity][checkpoint][determinism][threads]") {
    const test::ScratchDir dir("insecurity-checkpoint");
    const ScenarioSpec spec = small_night({"insecurity.behaviour.enabled=true", "night_economy.bar_closing_h=0",
                                           "night_economy.nightclub_closing_h=2",
                                           "interventions=[{kind: street_lighting, district: Old Quarter, "
                                           "daily_from_h: 19, daily_to_h: 7, lux: 20}]"});
    const City city = make_city(spec.city);
    std::vector<fs::path> files;
    for (const int threads : {1, 2}) {
        RunOptions options;
        options.threads = threads;
        files.push_back(dir / ("t" + std::to_string(threads) + ".h5"));
        const RunResult result = run_simulation(spec, city, options);
        REQUIRE(result.insecurity.night_outings_skipped > 0);
        write_run_file(files.back(), result);
    }
    const auto datasets = list_run_file_datasets(files[0]);
    CHECK(std::count(datasets.begin(), datasets.end(), "/insecurity/hourly/index_women") == 1);
    test::require_same_files(files[0], files[1]);
    RunOptions options;
    options.threads = 2;
    // Mid-hour on a Friday evening, at midnight (the daily refresh of who fears the dark), and at 01:30.
    for (const std::int64_t k : {1250, 1440, 1530}) {
        INFO("checkpoint after step " << k);
        test::require_resume_matches(spec, city, options, k, dir.path(), files[0]);
    }
}
