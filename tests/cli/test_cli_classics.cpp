// End-to-end runs of the classic-model scenario pack (scenarios/classics/) through the streetwise
// command: the Short et al. (2008) burglary lattice as a run file.
#include <algorithm>
#include <numeric>

#include "cli_test_support.hpp"
#include "sim/city/city.hpp"
#include "sim/io/run_file.hpp"
#include "sim/model/crime_type.hpp"

using namespace streetwise::cli_test;
using Catch::Matchers::Contains;

namespace {

const fs::path classics = fs::path(STREETWISE_SOURCE_DIR) / "scenarios" / "classics";

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

void require_success(const CommandResult& r) {
    INFO(r.describe());
    REQUIRE_FALSE(r.timed_out);
    REQUIRE(r.exited);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
}

const streetwise::TimeSeriesColumn& column(const streetwise::RunFileContents& run, const std::string& name) {
    const auto it = std::find_if(run.hourly.begin(), run.hourly.end(),
                                 [&](const streetwise::TimeSeriesColumn& c) { return c.name == name; });
    REQUIRE(it != run.hourly.end());
    return *it;
}

}  // namespace

TEST_CASE("run: a small Short et al. (2008) lattice writes a consistent run file, the same for any thread count",
          "[cli][short2008]") {
    Scratch scratch("short2008-small");
    const std::vector<std::string> small = {(classics / "short2008-c.yaml").string(), "--set", "short2008.width=32",
                                            "--set", "short2008.height=32", "--set", "short2008.time_units=20", "-q"};
    const fs::path one = scratch / "t1.h5";
    const fs::path two = scratch / "t2.h5";
    const CommandResult r1 = scratch.run(with({"run", "--threads", "1", "-o", one.string()}, small));
    const CommandResult r2 = scratch.run(with({"run", "--threads", "2", "-o", two.string()}, small));
    require_success(r1);
    require_success(r2);
    CHECK_THAT(r1.out, Contains("Short et al. (2008) burglary lattice"));
    CHECK_THAT(r1.out, Contains("20 time units (2,000 steps of dt 0.01"));
    CHECK_THAT(r1.out, Contains("n/a"));  // no residents: no rate per 1,000 of them
    CHECK_THAT(r1.out, !Contains("nan") && !Contains("inf"));
    CHECK(read_bytes(one) == read_bytes(two));

    const streetwise::RunFileContents run = streetwise::read_run_file(one);
    CHECK(run.info.model == "short2008");
    CHECK(run.info.scenario_name == "short2008-c");
    CHECK(run.info.residents == 0);
    CHECK(run.info.police_units == 0);
    CHECK(run.info.steps == 2000);
    CHECK(run.info.step_s == 60);
    CHECK(run.info.hours == 34);  // 2000 steps in "hours" of 60, the last one 20 steps long
    REQUIRE(run.city.node_count() == 32 * 32);
    REQUIRE(run.city.segment_count() == 2 * 32 * 32);

    const auto burglary = static_cast<std::uint8_t>(streetwise::CrimeType::burglary);
    REQUIRE(run.crime_type_names[burglary] == "burglary");
    const std::uint64_t burglaries = run.crimes.size();
    CHECK(burglaries > 100);  // gamma dt 1024 sites 2000 steps: about 390 expected
    CHECK(run.info.crimes_by_type[burglary] == burglaries);
    CHECK(std::accumulate(run.node_crime_count.begin(), run.node_crime_count.end(), std::uint64_t{0}) == burglaries);
    CHECK(std::accumulate(run.segment_crime_count.begin(), run.segment_crime_count.end(), std::uint64_t{0}) ==
          burglaries);
    const auto& by_hour = column(run, "crimes_burglary").values;
    CHECK(std::accumulate(by_hour.begin(), by_hour.end(), 0.0) == static_cast<double>(burglaries));
    const auto& all = column(run, "crimes").values;
    CHECK(std::accumulate(all.begin(), all.end(), 0.0) == static_cast<double>(burglaries));

    // Every burglary lies on a lattice node, at its site (x, y) = (node % 32, node / 32), attributed
    // to the node's east segment, with the site as victim and the anonymous burglar 0.
    for (const auto& e : run.crimes) {
        INFO("crime at step " << e.step << " node " << e.node);
        REQUIRE(e.node < run.city.node_count());
        CHECK(e.type == burglary);
        CHECK(e.step < 2000);
        CHECK(e.offender == 0);
        CHECK(e.victim == e.node);
        CHECK(run.city.node_x_m()[e.node] == static_cast<double>(e.node % 32));
        CHECK(run.city.node_y_m()[e.node] == static_cast<double>(e.node / 32));
        REQUIRE(e.segment < run.city.segment_count());
        CHECK(run.city.segment_from()[e.segment] == e.node);
        CHECK(run.city.segment_to()[e.segment] == e.node / 32 * 32 + (e.node % 32 + 1) % 32);
    }
    CHECK(std::is_sorted(run.crimes.begin(), run.crimes.end(),
                         [](const auto& a, const auto& b) { return a.step < b.step; }));

    // The lattice's own series; none of the agent model's.
    for (const char* name : {"burglars", "mean_attractiveness", "attractiveness_cv"}) {
        const auto& values = column(run, name).values;
        CHECK(values.size() == 34);
        CHECK(std::all_of(values.begin(), values.end(), [](double v) { return v > 0; }));
    }
    CHECK(run.info.offenders > 0);  // the burglars on the lattice at the end (about 0.1 per site)
    for (const char* name : {"residents_walking", "night_fraction"})
        CHECK(std::none_of(run.hourly.begin(), run.hourly.end(), [&](const auto& c) { return c.name == name; }));

    SECTION("another seed gives another file") {
        const fs::path other = scratch / "seed2.h5";
        const CommandResult r = scratch.run(with({"run", "--seed", "2", "-o", other.string()}, small));
        require_success(r);
        CHECK(read_bytes(other) != read_bytes(one));
    }
}

TEST_CASE("run: Short et al. (2008) sets (a) and (c) at 64 x 64: hot spots only in (c)", "[cli][short2008]") {
    // The thresholds of tests/model/test_short_burglary.cpp, here on A at the end of the run rather
    // than averaged over time: measured 0.10 to 0.15 in (a) and 0.9 to 1.2 in (c) once hot spots have
    // formed (seed 1, every 30 time units).
    Scratch scratch("short2008-hotspots");
    for (const char set : {'a', 'c'}) {
        const fs::path out = scratch / (std::string("set-") + set + ".h5");
        const std::string file = (classics / (std::string("short2008-") + set + ".yaml")).string();
        const CommandResult r = scratch.run({"run", file, "--set", "short2008.width=64", "--set", "short2008.height=64",
                                             "-q", "-o", out.string()});
        require_success(r);
        const streetwise::RunFileContents run = streetwise::read_run_file(out);
        CHECK(run.info.steps == 30000);
        const double cv = column(run, "attractiveness_cv").values.back();
        INFO("set " << set << ": attractiveness_cv at the end " << cv);
        if (set == 'c')
            CHECK(cv > 0.5);
        else
            CHECK(cv < 0.3);
    }
}

TEST_CASE("run: the Groff (2007) pack writes robberies and the time away from home", "[cli][groff2007]") {
    // The whole pack's trend is tested in tests/engine/test_groff2007.cpp; here one level goes through
    // the command: its resolved scenario, its series and its crime table.
    Scratch scratch("groff2007");
    const fs::path out = scratch / "groff-70.h5";
    const CommandResult r =
        scratch.run({"run", (classics / "groff2007-70.yaml").string(), "--set", "time.days=2", "-q", "-o", out.string()});
    require_success(r);
    const streetwise::RunFileContents run = streetwise::read_run_file(out);
    CHECK(run.info.scenario_name == "groff2007-70");
    CHECK_THAT(run.scenario_yaml, Contains("  routine: away_share\n  away_share: 0.7\n"));
    CHECK_THAT(run.scenario_yaml, Contains("  present_at_anchors: true\n"));
    const auto robbery = static_cast<std::uint8_t>(streetwise::CrimeType::robbery);
    REQUIRE(run.crimes.size() > 50);
    CHECK(run.info.crimes_by_type[robbery] == run.crimes.size());
    const auto& away = column(run, "residents_away_share");
    REQUIRE(away.values.size() == 48);
    CHECK(away.unit == "share");
    // 0.7 planned, plus the walk home (about 0.04 here; derived in tests/engine/test_away_share.cpp).
    const double mean = std::accumulate(away.values.begin(), away.values.end(), 0.0) / 48;
    CHECK(mean > 0.69);
    CHECK(mean < 0.77);
}
