// Issue 7's acceptance tests in the whole simulation: police reporting matches the survey rates; an
// app raises its own type's reporting and leaves the others exactly as they were; an app outside the
// police record leaves recorded crime exactly as it was while victim support reaches more victims;
// trust rises with answered reports and falls with unanswered ones, and shifts reporting as the
// logit says; adoption follows its share over time; SOS responders stand guard at the scene;
// checkpoints and thread counts change nothing.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "analysis/reporting_rates.hpp"
#include "sim/city/city_source.hpp"
#include "sim/engine/checkpoint.hpp"
#include "sim/engine/insecurity_tracker.hpp"
#include "sim/engine/run.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/io/run_file.hpp"
#include "sim/model/crime_type.hpp"
#include "sim/model/victim_reaction.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "test_support.hpp"

using namespace streetwise;
namespace fs = std::filesystem;

namespace {

// A small, busy city: about 1,600 crimes in three days, so rates are measured to a few per cent.
ScenarioSpec busy(std::vector<std::string> extra = {}) {
    std::vector<std::string> overrides{"residents.count=3000", "time.days=3", "offenders.base_probability=0.005",
                                       "offenders.rest_after_offence_h=2", "crime.harassment.rate=3"};
    overrides.insert(overrides.end(), extra.begin(), extra.end());
    return load_scenario(test::scenario_path("default.yaml"), overrides);
}

RunResult run(const ScenarioSpec& spec, const City& city, int threads = 2) {
    RunOptions options;
    options.threads = threads;
    return run_simulation(spec, city, options);
}

bool same_crime(const CrimeEvent& a, const CrimeEvent& b) {
    return a.step == b.step && a.node == b.node && a.type == b.type && a.offender == b.offender && a.victim == b.victim;
}

void require_same_files(const fs::path& expected, const fs::path& actual) {
    const auto datasets = list_run_file_datasets(expected);
    REQUIRE(list_run_file_datasets(actual) == datasets);
    for (const auto& dataset : datasets) {
        INFO("dataset " << dataset);
        CHECK(read_dataset_raw(actual, dataset) == read_dataset_raw(expected, dataset));
    }
    CHECK(test::read_bytes(actual) == test::read_bytes(expected));
}

double logistic_shift(double p, double shift) {
    if (shift == 0 || p <= 0 || p >= 1) return p;
    return 1.0 / (1.0 + std::exp(-(std::log(p / (1 - p)) + shift)));
}

const char* hate_app =
    "apps=[{kind: reporting, name: Rights, types: [hate_incident], target_share: 0.6, report_probability: 0.9, "
    "channels: [rights_organisation, municipality, victim_support], anonymous: true, enters_police_record: false, "
    "collects: [location, free_text]}]";
const char* support = "victim_support=[{kind: general, name: VS, capacity_per_day: 100000, reach: 1, "
                      "police_referral_share: 0.5}]";

}  // namespace

TEST_CASE("reporting: with no apps, police reporting per type matches the survey rates within sampling error",
          "[engine][reporting][real-data]") {
    const fs::path d10 =
        fs::path(STREETWISE_SHARED_DATA_DIR) / "reporting-rates" / "csew_table_D10_proportion_reported_ye_mar2019.csv";
    std::vector<std::string> rates;
    std::array<double, crime_type_count> expected{};
    if (fs::exists(d10)) {
        const auto table = analysis::ReportingRateTable::read(d10);
        const auto proportions = analysis::reporting_proportions(table, analysis::YearMonth{2019, 3});
        for (int t = 0; t < crime_type_count; ++t) {
            expected[t] = proportions[static_cast<std::size_t>(t)].proportion;
            rates.push_back("crime." + std::string(crime_type_names[t]) + ".reporting_probability=" +
                            std::to_string(expected[t]));
        }
    } else {
        WARN("../shared/data is absent: checking against the scenario's own rates instead of CSEW D10");
        const ScenarioSpec defaults = busy();
        for (int t = 0; t < crime_type_count; ++t) expected[t] = defaults.crime.types[t].reporting_probability;
    }
    // Plain (no reporting system) and with a police delay (the system on, same decisions).
    for (const char* extra : {"reporting.police_delay_min=0", "reporting.police_delay_min=30"}) {
        INFO(extra);
        std::vector<std::string> overrides = rates;
        overrides.emplace_back(extra);
        std::array<double, crime_type_count> n{}, reported{};
        for (const std::uint64_t seed : {1, 2}) {
            ScenarioSpec spec = busy(overrides);
            spec.seed = seed;
            const City city = make_city(spec.city);
            for (const CrimeEvent& e : run(spec, city).crimes) {
                n[e.type] += 1;
                reported[e.type] += e.reported;
            }
        }
        for (int t = 0; t < crime_type_count; ++t) {
            if (n[t] < 30) continue;
            const double p = expected[t], sigma = std::sqrt(p * (1 - p) / n[t]);
            INFO(crime_type_names[t] << ": " << reported[t] << " of " << n[t] << " reported, survey rate " << p);
            CHECK(std::abs(reported[t] / n[t] - p) <= 4 * sigma);  // 4 sigma: fails by chance < 1 in 10,000
        }
    }
}

TEST_CASE("reporting: an app covering one type raises its reporting and leaves the other types exactly as they were",
          "[engine][reporting]") {
    const ScenarioSpec base = busy({"reporting.police_delay_min=0"});
    const ScenarioSpec with_app = busy({"apps=[{kind: reporting, types: [harassment], target_share: 0.5, "
                                        "report_probability: 0.8, channels: [police]}]"});
    const City city = make_city(base.city);
    const RunResult a = run(base, city), b = run(with_app, city);
    REQUIRE(a.crimes.size() == b.crimes.size());
    const auto harassment = static_cast<std::uint8_t>(CrimeType::harassment);
    double unreported = 0, added = 0;
    for (std::size_t i = 0; i < a.crimes.size(); ++i) {
        REQUIRE(same_crime(a.crimes[i], b.crimes[i]));
        if (a.crimes[i].type != harassment) {
            CHECK(a.crimes[i].reported == b.crimes[i].reported);  // common random numbers: exactly
            continue;
        }
        CHECK(b.crimes[i].reported >= a.crimes[i].reported);
        if (!a.crimes[i].reported) {
            unreported += 1;
            added += b.crimes[i].reported;
        }
    }
    REQUIRE(unreported >= 50);
    // Adopters are 50% (no group multipliers), and 80% of them report: 0.4 of the unreported.
    const double p = 0.5 * 0.8, sigma = std::sqrt(p * (1 - p) / unreported);
    INFO(added << " of " << unreported << " unreported harassment crimes reported through the app");
    CHECK(std::abs(added / unreported - p) <= 4 * sigma);
    CHECK(b.reporting.apps.at(0).reports >= static_cast<std::uint64_t>(added));
}

TEST_CASE("reporting: an app outside the police record leaves recorded crime exactly as it was, more victims reached",
          "[engine][reporting]") {
    const ScenarioSpec base = busy({support});
    const ScenarioSpec with_app = busy({support, hate_app});
    const City city = make_city(base.city);
    const RunResult a = run(base, city), b = run(with_app, city);
    REQUIRE(a.crimes.size() == b.crimes.size());
    for (std::size_t i = 0; i < a.crimes.size(); ++i) {
        REQUIRE(same_crime(a.crimes[i], b.crimes[i]));
        CHECK(a.crimes[i].reported == b.crimes[i].reported);
    }
    REQUIRE(b.reporting.apps.at(0).reports > 0);
    const auto& va = a.reporting.services.at(0);
    const auto& vb = b.reporting.services.at(0);
    // Reach 1 and room for everyone: every referral is reached, and the app adds referrals.
    CHECK(va.reached == va.referrals);
    CHECK(vb.reached > va.reached);
    // Anonymous: it keeps no identity; the rights organisation and the municipality know of its reports.
    CHECK(b.reporting.apps[0].identity_records == 0);
    CHECK(b.reporting.apps[0].data_records == 2 * b.reporting.apps[0].reports);
    CHECK(b.reporting.known_by_holder[5] == b.reporting.apps[0].reports);  // rights_organisation
    CHECK(a.reporting.known_by_holder[5] == 0);
}

TEST_CASE("reporting: trust rises with answered reports and falls with unanswered ones, by the configured steps",
          "[engine][reporting][trust]") {
    for (const bool dispatch : {false, true}) {
        INFO("dispatch " << dispatch);
        const ScenarioSpec spec = busy({"trust.enabled=true", "trust.answered_gain=0.01", "trust.unanswered_loss=0.02",
                                        std::string("police.dispatch=") + (dispatch ? "true" : "false")});
        const City city = make_city(spec.city);
        Simulation sim(spec, city);
        while (!sim.finished()) sim.step();
        const ReportingSystem& rep = *sim.reporting();
        double sum = 0;
        for (const float t : rep.trust()) sum += t;
        const RunResult r = sim.take_result();
        const auto answered = static_cast<double>(r.reporting.trust_answered);
        const auto unanswered = static_cast<double>(r.reporting.trust_unanswered);
        REQUIRE(answered + unanswered > 20);
        if (!dispatch) CHECK(answered == 0);  // no unit is ever sent
        if (dispatch) CHECK(answered > unanswered);
        // Nothing else moves trust here (no support, no community patrol); starting at 0.7, nobody
        // reaches a bound in three days, so the total change is exactly the sum of the steps.
        const double expected = 0.01 * answered - 0.02 * unanswered;
        CHECK(sum - 0.7f * static_cast<double>(rep.trust().size()) ==
              Approx(expected).margin(1e-3 * (1 + std::abs(expected))));
    }
}

TEST_CASE("reporting: community patrol contacts raise trust, at most once a day per resident",
          "[engine][reporting][trust]") {
    const ScenarioSpec spec =
        busy({"trust.enabled=true", "trust.answered_gain=0.01", "trust.unanswered_loss=0.02",
              "trust.community_contact_gain=0.001", "trust.community_contact_probability=0.5", "police.dispatch=true",
              "police.strategy=community"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    while (!sim.finished()) sim.step();
    double sum = 0;
    for (const float t : sim.reporting()->trust()) sum += t;
    const double residents = static_cast<double>(sim.reporting()->trust().size());
    const RunResult r = sim.take_result();
    const auto contacts = static_cast<double>(r.reporting.trust_contacts);
    REQUIRE(contacts > 100);
    CHECK(contacts <= residents * spec.time.days);  // once a day at most
    const double expected = 0.01 * static_cast<double>(r.reporting.trust_answered) -
                            0.02 * static_cast<double>(r.reporting.trust_unanswered) + 0.001 * contacts;
    CHECK(sum - 0.7f * residents == Approx(expected).margin(1e-3 * (1 + std::abs(expected))));
    // Contacts happen only where the community units walk, so trust rises most in their districts:
    // at least one district's mean ends above the initial 0.7.
    bool some_rose = false;
    for (const double d : r.reporting.trust_by_district_daily.back()) some_rose = some_rose || d > 0.7001;
    CHECK(some_rose);
}

TEST_CASE("reporting: victim support takes at most capacity_per_day new cases a day", "[engine][reporting]") {
    const ScenarioSpec spec = busy({"victim_support=[{kind: general, capacity_per_day: 2, reach: 1, "
                                    "police_referral_share: 1}]"});
    const City city = make_city(spec.city);
    const RunResult r = run(spec, city);
    const VictimSupportResult& v = r.reporting.services.at(0);
    REQUIRE(v.referrals > 6);
    CHECK(v.from_police == v.referrals);
    CHECK(v.referrals - v.turned_away <= 2u * static_cast<std::uint64_t>(spec.time.days));
    CHECK(v.reached == v.referrals - v.turned_away);  // reach 1
    CHECK(v.turned_away > 0);
}

TEST_CASE("reporting: higher trust raises police reporting as the logit says", "[engine][reporting][trust]") {
    // Trust fixed (no gains or losses) at two levels around the reference 0.7, weight 2.
    auto spec_at = [](double trust) {
        return busy({"trust.enabled=true", "trust.answered_gain=0", "trust.unanswered_loss=0", "trust.reference=0.7",
                     "trust.reporting_weight=2", "trust.initial=" + std::to_string(trust)});
    };
    const ScenarioSpec low = spec_at(0.45), high = spec_at(0.95);
    const City city = make_city(low.city);
    const RunResult a = run(low, city), b = run(high, city);
    REQUIRE(a.crimes.size() == b.crimes.size());
    double n = 0, got_low = 0, got_high = 0, mean_low = 0, mean_high = 0, var_low = 0, var_high = 0;
    for (std::size_t i = 0; i < a.crimes.size(); ++i) {
        REQUIRE(same_crime(a.crimes[i], b.crimes[i]));
        if (a.crimes[i].victim == no_victim) {
            CHECK(a.crimes[i].reported == b.crimes[i].reported);  // no victim, no trust
            continue;
        }
        CHECK(b.crimes[i].reported >= a.crimes[i].reported);  // common random numbers
        const double p = low.crime.types[a.crimes[i].type].reporting_probability;
        const double pl = logistic_shift(p, 2 * (0.45 - 0.7)), ph = logistic_shift(p, 2 * (0.95 - 0.7));
        n += 1;
        got_low += a.crimes[i].reported;
        got_high += b.crimes[i].reported;
        mean_low += pl;
        mean_high += ph;
        var_low += pl * (1 - pl);
        var_high += ph * (1 - ph);
    }
    REQUIRE(n > 200);
    INFO("low trust: " << got_low << " reported, expected " << mean_low << "; high: " << got_high << ", expected "
                       << mean_high);
    CHECK(std::abs(got_low - mean_low) <= 4 * std::sqrt(var_low));
    CHECK(std::abs(got_high - mean_high) <= 4 * std::sqrt(var_high));
    CHECK(got_high > got_low);
}

TEST_CASE("reporting: adoption follows the configured share over time within sampling error",
          "[engine][reporting][apps]") {
    const ScenarioSpec spec = busy({"time.days=6", "offenders.count=0",
                                    "apps=[{kind: reporting, start_share: 0.1, target_share: 0.5, ramp_days: 4, "
                                    "adoption_gender: {female: 1.5, male: 0.5}}]"});
    const City city = make_city(spec.city);
    const RunResult r = run(spec, city);
    const auto& daily = r.reporting.app_adoption_daily;
    REQUIRE(daily.size() == 6);
    const double women = spec.residents.female_share, n = static_cast<double>(r.residents);
    for (std::size_t d = 0; d < daily.size(); ++d) {
        const double t = (static_cast<double>(d + 1) * 1440 - 1) / 1440;  // the last step of day d
        const double share = 0.1 + 0.4 * std::min(1.0, t / 4);
        const double expected = women * std::min(1.0, 1.5 * share) + (1 - women) * 0.5 * share;
        INFO("day " << d << ": " << daily[d][0] << " adopted, expected " << expected);
        CHECK(std::abs(daily[d][0] - expected) <= 4 * std::sqrt(expected * (1 - expected) / n) + 0.02);
        if (d > 0) CHECK(daily[d][0] >= daily[d - 1][0]);  // adoption never falls back
    }
}

TEST_CASE("reporting: SOS responders stand guard at the scene for guardian_min", "[engine][reporting][apps]") {
    const ScenarioSpec spec =
        busy({"apps=[{kind: alerting, types: [harassment], target_share: 1, report_probability: 1, "
              "channels: [contacts], contacts: 5, responder_share: 1, guardian_min: 10}]"});
    const City city = make_city(spec.city);
    Simulation sim(spec, city);
    std::size_t alerts = 0;
    while (!sim.finished()) {
        sim.step();
        for (const Alert& alert : sim.step_alerts()) {
            ++alerts;
            CHECK(alert.recipients == 5);
            CHECK(alert.responders == 5);  // responder_share 1
            // From the next step on, for ten steps, five more guardians at the scene.
            CHECK(sim.reporting()->guardians_at(alert.node) >= 5);
        }
    }
    CHECK(alerts > 10);
    // All gone by the end (the last alert is more than ten minutes before it, or still counted).
    std::uint64_t total = 0;
    for (std::uint32_t v = 0; v < city.node_count(); ++v) total += sim.reporting()->guardians_at(v);
    CHECK(total <= 5 * alerts);
}

TEST_CASE("reporting: identical run files with 1 and 2 threads, and a resume equals the uninterrupted run",
          "[engine][reporting][checkpoint][determinism][threads]") {
    const test::ScratchDir dir("reporting-checkpoint");
    const ScenarioSpec spec = busy(
        {"time.days=2", "police.dispatch=true", "police.strategy=community", "trust.enabled=true",
         "trust.community_contact_probability=0.5", "reporting.police_delay_min=45",
         "reporting.gender_log_odds={female: 0.3}",
         "apps=[{kind: alerting, types: [harassment, robbery], target_share: 0.6, ramp_days: 1, report_probability: 0.7, "
         "channels: [contacts, police, victim_support], latency_min: 7, emergency_call_probability: 0.5, contacts: 2, "
         "peers_radius_m: 300, responder_share: 0.4, guardian_min: 20}, {kind: reporting, types: [hate_incident], "
         "target_share: 0.5, channels: [rights_organisation, victim_support], enters_police_record: false, "
         "latency_min: 120}]",
         "victim_support=[{kind: general, capacity_per_day: 5, reach: 0.7, police_referral_share: 0.6}]"});
    const City city = make_city(spec.city);
    std::vector<fs::path> files;
    for (const int threads : {1, 2}) {
        files.push_back(dir / ("t" + std::to_string(threads) + ".h5"));
        const RunResult result = run(spec, city, threads);
        REQUIRE(result.reporting.present);
        REQUIRE(result.reporting.trust_contacts > 0);
        REQUIRE(result.reporting.apps[0].alerts > 0);
        write_run_file(files.back(), result);
    }
    require_same_files(files[0], files[1]);
    // The layout of docs/run-file.md; and a run without the features has none of it.
    const auto datasets = list_run_file_datasets(files[0]);
    for (const char* name : {"/events/crimes/channel", "/reporting/channel_mix/app_only", "/reporting/districts/none",
                             "/reporting/holders/crimes_known", "/reporting/apps/reports", "/reporting/apps/adoption_daily",
                             "/reporting/victim_support/reached_by_group", "/reporting/trust/group_all",
                             "/reporting/trust/by_district_daily", "/timeseries/crimes_app_only", "/timeseries/app_alerts"}) {
        INFO(name);
        CHECK(std::count(datasets.begin(), datasets.end(), name) == 1);
    }
    {
        const fs::path plain = dir / "plain.h5";
        write_run_file(plain, run(busy({"time.days=1"}), city));
        for (const auto& name : list_run_file_datasets(plain)) {
            INFO(name);
            CHECK(name.find("reporting") == std::string::npos);
            CHECK(name.find("channel") == std::string::npos);
        }
    }
    RunOptions options;
    options.threads = 2;
    // Mid-morning with reports pending, late evening, and just after midnight (daily rows, capacity).
    for (const std::int64_t k : {600, 1300, 1441}) {
        INFO("checkpoint after step " << k);
        RunOptions first = options;
        first.checkpoint.file = dir / ("k" + std::to_string(k) + ".ckpt");
        first.checkpoint.stop_at_step = k;
        (void)run_simulation(spec, city, first);
        const Checkpoint checkpoint = read_checkpoint(first.checkpoint.file);
        const ScenarioSpec resumed = checkpoint_scenario(checkpoint);
        const City resumed_city = make_city(resumed.city);
        const fs::path file = dir / ("k" + std::to_string(k) + ".h5");
        write_run_file(file, run_from_checkpoint(checkpoint, resumed, resumed_city, options));
        require_same_files(files[1], file);
    }
}

// Where the two halves of issue 7 meet: an app's SOS to nearby peers is heard by the insecurity
// model. With no responders and no report to the police the crimes are exactly those of the run
// without the app, so the only difference is the alerts: every resident feels at least as unsafe as
// without them, those who heard one strictly more, and nobody who lives far from every scene changes.
TEST_CASE("reporting and insecurity: alerts to nearby peers raise the insecurity of those who hear them",
          "[engine][reporting][insecurity]") {
    const ScenarioSpec without = busy();
    const ScenarioSpec with = busy({"apps=[{kind: alerting, types: [harassment], target_share: 1, "
                                    "report_probability: 1, channels: [peers], contacts: 0, peers_radius_m: 300, "
                                    "responder_share: 0, enters_police_record: false}]"});
    const City city = make_city(with.city);
    Simulation a(without, city), b(with, city);
    std::size_t alerts = 0;
    while (!a.finished()) {
        a.step();
        b.step();
        alerts += b.step_alerts().size();
    }
    REQUIRE(alerts > 10);
    REQUIRE(a.recorder().events().size() == b.recorder().events().size());
    for (std::size_t i = 0; i < a.recorder().events().size(); ++i)
        REQUIRE(same_crime(a.recorder().events()[i], b.recorder().events()[i]));
    REQUIRE(a.insecurity() != nullptr);
    REQUIRE(b.insecurity() != nullptr);
    std::uint32_t heard = 0;
    for (std::uint32_t r = 0; r < a.residents().count(); ++r) {
        CHECK(a.insecurity()->alerts_heard(r) == 0.0);
        if (b.insecurity()->alerts_heard(r) > 0) {
            ++heard;
            CHECK(b.insecurity()->resident_index(r) > a.insecurity()->resident_index(r));
        } else {
            CHECK(b.insecurity()->resident_index(r) == a.insecurity()->resident_index(r));
        }
    }
    // Peers within 300 m of a scene: many residents per alert in a city of 3,000.
    CHECK(heard > alerts);
    using G = InsecurityTracker::Group;
    CHECK(b.insecurity()->index(G::all) > a.insecurity()->index(G::all));
}
