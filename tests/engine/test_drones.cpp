// Drones in the whole simulation: the same run file with 1 and 2 threads, a checkpoint and resume
// that reproduce the uninterrupted run, the record holding only what was reported or seen, and
// the assumed effects doing what they say.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <map>

#include "sim/city/city_source.hpp"
#include "sim/engine/checkpoint.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/run_file.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "engine/resume_support.hpp"
#include "test_support.hpp"

using namespace streetwise;
namespace fs = std::filesystem;

namespace {

const char* three_fleets =
    "drones=[{mode: patrol, district: Old Quarter, base_district: City Centre, count: 6, max_airborne: 3, "
    "daily_from_h: 18, daily_to_h: 6, deterrence: 0.5, detection_probability: 0.5}, "
    "{mode: first_responder, count: 3, base_node: 100}, {mode: hot_spots, count: 2, hot_spot_count: 5}]";
const char* zones =
    "no_fly_zones=[{kind: district, district: Central Park, margin_m: 20}, "
    "{kind: polygon, polygon_xy_m: [1000, 1000, 1200, 1000, 1200, 1150, 1000, 1150], daily_from_h: 22, daily_to_h: 6}]";

ScenarioSpec small_with_drones(std::vector<std::string> extra = {}) {
    std::vector<std::string> overrides{"residents.count=3000", "time.days=2", "offenders.base_probability=0.002",
                                       "time.start_weekday=4", three_fleets, zones};
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    return load_scenario(test::scenario_path("default.yaml"), overrides);
}

}  // namespace

TEST_CASE("drones: identical run files with 1 and 2 threads", "[engine][drones][determinism][threads]") {
    const test::ScratchDir dir("drones-determinism");
    const ScenarioSpec spec = small_with_drones();
    const City city = make_city(spec.city);
    std::vector<fs::path> files;
    for (const int threads : {1, 2}) {
        RunOptions options;
        options.threads = threads;
        const RunResult result = run_simulation(spec, city, options);
        REQUIRE(result.drones.fleets.size() == 3);
        REQUIRE(!result.drones.responses.empty());
        files.push_back(dir / ("t" + std::to_string(threads) + ".h5"));
        write_run_file(files.back(), result);
    }
    const auto datasets = list_run_file_datasets(files[0]);
    CHECK(std::count(datasets.begin(), datasets.end(), "/drones/responses/response_s") == 1);
    test::require_same_files(files[0], files[1]);
}

TEST_CASE("drones: stop, checkpoint, resume gives the uninterrupted run file", "[engine][drones][checkpoint]") {
    const test::ScratchDir dir("drones-checkpoint");
    // With police dispatch and drones guiding it, so the arrests after a resume depend on drone
    // arrivals from before it (rebuilt from the fleets' responses).
    const ScenarioSpec spec = small_with_drones({"police.dispatch=true", "police.arrest.drone_guided=true",
                                                 "police.arrest.probability_at_0=1", "police.arrest.decay_s=60"});
    const City city = make_city(spec.city);
    RunOptions options;
    options.threads = 2;
    const fs::path expected = dir / "uninterrupted.h5";
    write_run_file(expected, run_simulation(spec, city, options));
    // In the patrol's night window with drones in the air (01:00 on day 1), as the night zone comes
    // into force (22:00), and at noon.
    for (const std::int64_t k : {720, 1320, 1500}) {
        INFO("checkpoint after step " << k);
        test::require_resume_matches(spec, city, options, k, dir.path(), expected);
    }
}

TEST_CASE("drones: the record holds only reported or seen crimes, hot spots come from it", "[engine][drones]") {
    const ScenarioSpec spec = small_with_drones();
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    while (!sim.finished()) sim.step();
    const auto& events = sim.recorder().events();
    std::size_t reported = 0;
    for (const CrimeEvent& e : events) reported += e.reported;
    REQUIRE(sim.record().crimes().size() == reported);
    for (const RecordedCrime& c : sim.record().crimes()) {
        REQUIRE(c.event < events.size());
        CHECK(events[c.event].reported == 1);
        CHECK(events[c.event].segment == c.segment);
    }
    // The hot spot fleet's current ranking is the record's top streets over its window, by hand.
    const auto& hot = sim.drones().fleets()[2];
    if (hot.hot_spot_step >= 0) {
        std::map<std::uint32_t, int> counts;
        const auto window = static_cast<std::int64_t>(hot.spec.hot_spot_window_days * 1440);
        for (const RecordedCrime& c : sim.record().between(hot.hot_spot_step + 1 - window, hot.hot_spot_step + 1))
            ++counts[c.segment];
        std::vector<std::pair<int, std::uint32_t>> ranked;
        for (const auto& [segment, n] : counts) ranked.push_back({-n, segment});
        std::sort(ranked.begin(), ranked.end());
        ranked.resize(std::min<std::size_t>(ranked.size(), 5));
        REQUIRE(hot.hot_spots.size() == ranked.size());
        for (std::size_t i = 0; i < ranked.size(); ++i) CHECK(hot.hot_spots[i] == ranked[i].second);
    }
}

TEST_CASE("drones: detection only adds to the record, deterrence lowers crime", "[engine][drones]") {
    const City city = make_city(small_with_drones().city);
    // With no deterrence, drones change nothing the offenders see: the same true crimes as without
    // drones, and detection turns some unreported ones into recorded ones.
    const RunResult without = run_simulation(small_with_drones({"drones=[]"}), city, {});
    const RunResult seen = run_simulation(
        small_with_drones({"drones=[{mode: patrol, count: 12, camera_radius_m: 300, detection_probability: 1}]"}),
        city, {});
    REQUIRE(seen.crimes.size() == without.crimes.size());
    std::uint64_t newly_recorded = 0;
    for (std::size_t i = 0; i < seen.crimes.size(); ++i) {
        CHECK(seen.crimes[i].node == without.crimes[i].node);
        CHECK(seen.crimes[i].reported >= without.crimes[i].reported);
        newly_recorded += seen.crimes[i].reported - without.crimes[i].reported;
    }
    CHECK(newly_recorded > 0);
    CHECK(newly_recorded == seen.drones.fleets[0].detections);

    // Deterrence 0 (an assumption, for the test): no offence where a camera looks, so less crime.
    const RunResult a = run_simulation(
        small_with_drones({"drones=[{mode: patrol, count: 12, camera_radius_m: 300, deterrence: 1}]"}), city, {});
    const RunResult b = run_simulation(
        small_with_drones({"drones=[{mode: patrol, count: 12, camera_radius_m: 300, deterrence: 0}]"}), city, {});
    CHECK(b.crimes.size() < a.crimes.size());
}

TEST_CASE("drones: a scenario without them resolves and runs as before", "[engine][drones]") {
    const ScenarioSpec spec = load_scenario(test::scenario_path("default.yaml"), {"residents.count=2000", "time.days=1"});
    CHECK(spec.resolved_yaml.find("drones") == std::string::npos);
    CHECK(spec.resolved_yaml.find("no_fly_zones") == std::string::npos);
    const RunResult result = run_simulation(spec, make_city(spec.city), {});
    CHECK(result.drones.fleets.empty());
    for (const auto& column : result.hourly) CHECK(column.name.find("drone") == std::string::npos);
}

TEST_CASE("drones guiding the police: an arrest is drawn with the drone's arrival when it came first",
          "[drones][police]") {
    // Officers on foot mostly take minutes to a report, first-responder drones tens of seconds. With
    // an arrest chance of exp(-t / 20 s), an officer's own response of 300 s gives practically none,
    // a drone's 30 s gives exp(-1.5) = 0.22. Each run's arrests are a sum of independent draws, so
    // they must match the sum of the chances its own rule gives (officers' time without guidance,
    // the earlier of officers' and drone's with it) within binomial noise, and guidance must raise
    // that sum severalfold.
    auto run = [](bool guided) {
        const ScenarioSpec spec = load_scenario(
            test::scenario_path("drones/first-responder.yaml"),
            {"time.days=7", "offenders.base_probability=0.002", "police.arrest.probability_at_0=1",
             "police.arrest.decay_s=20", std::string("police.arrest.drone_guided=") + (guided ? "true" : "false")});
        const City city = make_run_city(spec);
        return run_simulation(spec, city, RunOptions{});
    };
    auto arrests_and_expectation = [](const RunResult& result, bool guided) {
        std::map<std::uint32_t, double> drone_s;
        for (const DroneResponse& d : result.drones.responses) {
            const auto [at, fresh] = drone_s.emplace(d.event, d.response_s);
            if (!fresh) at->second = std::min(at->second, d.response_s);
        }
        double arrests = 0, expected = 0, variance = 0;
        for (const ReportOutcome& report : result.police.reports) {
            if (report.step_arrived < 0) continue;
            double t = report.response_s;
            const auto drone = drone_s.find(report.event);
            if (guided && drone != drone_s.end()) t = std::min(t, drone->second);
            const double p = std::exp(-t / 20.0);
            expected += p;
            variance += p * (1 - p);
            arrests += report.arrested;
        }
        return std::array<double, 3>{arrests, expected, variance};
    };
    const auto [plain_arrests, plain_expected, plain_variance] = arrests_and_expectation(run(false), false);
    const RunResult guided = run(true);
    REQUIRE(guided.drones.responses.size() > 50);
    const auto [arrests, expected, variance] = arrests_and_expectation(guided, true);
    INFO("without guidance: arrests " << plain_arrests << ", expected " << plain_expected << "; with: arrests " << arrests
                                      << ", expected " << expected << " (variance " << variance << ")");
    CHECK(std::abs(plain_arrests - plain_expected) <= 4 * std::sqrt(plain_variance) + 1);
    REQUIRE(expected > 10);
    CHECK(expected > 3 * plain_expected);
    // A drone arriving in the very step the officers do is seen by them only from the next step, so
    // the expectation with guidance is an upper bound by a little; 4 standard deviations of noise.
    CHECK(arrests <= expected + 4 * std::sqrt(variance));
    CHECK(arrests >= expected - 4 * std::sqrt(variance) - 0.05 * expected);
}

TEST_CASE("drones guiding the police: a resume between a drone's arrival and the officers' draws as without it",
          "[engine][drones][checkpoint]") {
    // The guided arrest chance needs the drone's arrival, made before the checkpoint, when the
    // officers arrive after it: checkpoints in such gaps must give the uninterrupted run file. With a
    // decay of 300 s a drone at about 130 s and officers at 700 s give chances of 0.65 and 0.1, so a
    // resume that lost the drone's arrival would change some of five such arrests.
    const test::ScratchDir dir("drones-guided-checkpoint");
    const ScenarioSpec spec = small_with_drones({"police.dispatch=true", "police.arrest.drone_guided=true",
                                                 "police.arrest.probability_at_0=1", "police.arrest.decay_s=300"});
    const City city = make_city(spec.city);
    RunOptions options;
    options.threads = 2;
    const RunResult whole = run_simulation(spec, city, options);
    const fs::path expected = dir / "uninterrupted.h5";
    write_run_file(expected, whole);
    // Steps after a drone was over a report's scene and before the officers got there.
    std::map<std::uint32_t, double> drone_s;
    for (const DroneResponse& d : whole.drones.responses) drone_s.emplace(d.event, d.response_s);
    std::vector<std::int64_t> gaps;
    for (const ReportOutcome& report : whole.police.reports) {
        const auto drone = drone_s.find(report.event);
        if (report.step_arrived < 0 || drone == drone_s.end()) continue;
        const auto drone_step = report.step_reported + 1 + static_cast<std::int64_t>(drone->second / 60.0);
        if (drone_step + 1 < report.step_arrived) gaps.push_back(drone_step + 1);
        if (gaps.size() == 5) break;
    }
    REQUIRE(gaps.size() == 5);
    for (const std::int64_t k : gaps) {
        INFO("checkpoint after step " << k);
        test::require_resume_matches(spec, city, options, k, dir.path(), expected);
    }
}
