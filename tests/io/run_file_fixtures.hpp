#pragma once
// Hand-made cities and run results for the run-file tests (a grid city with every attribute used,
// and a result with crimes, two hourly series and live changes that fit it), and the field-by-field
// comparison of a file read back with the result it was written from.
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <utility>

#include "sim/city/city.hpp"
#include "sim/io/run_file.hpp"
#include "sim/io/run_result.hpp"
#include "sim/model/crime_type.hpp"
#include "fixtures/grid_city.hpp"

namespace streetwise::test {

// The smallest city: one footway between two nodes; and a run on it with nothing in it.
inline City make_two_node_city() {
    CityDraft draft;
    draft.name = "two nodes";
    draft.node_x_m = {0.0, 50.0};
    draft.node_y_m = {0.0, 0.0};
    draft.segments.push_back({0, 1, 50.0f, RoadClass::footway, 0.0f, LandUse::park, 0, 0});
    return City::build(std::move(draft), false);
}
inline RunResult make_empty_result(const City& city) {
    RunResult result;
    result.city = &city;
    result.segment_crime_count.assign(city.segment_count(), 0);
    result.node_crime_count.assign(city.node_count(), 0);
    return result;
}

inline RunResult make_result(const City& city, std::size_t crimes, std::size_t hours) {
    RunResult result;
    result.scenario_name = "test scenario";
    result.scenario_yaml = "name: test scenario\nseed: 42\nsteps: 1440\n";
    result.scenario_path = "scenarios/test.yaml";
    result.seed = 0xfedcba9876543210ull;  // beyond int64: checks the unsigned type survives
    result.version = "0.1.0-test";
    result.city = &city;
    result.steps = static_cast<std::int64_t>(hours) * 60;
    result.step_s = 60;
    result.residents = 1000;
    result.offenders = 20;
    result.police_units = 3;
    for (auto name : crime_type_names) result.crime_type_names.emplace_back(name);
    TimeSeriesColumn walkers{"residents_outside", "residents", "residents on the street, mean over the hour", {}};
    TimeSeriesColumn insecurity{"mean_insecurity", "1", "mean perceived insecurity, 0-1", {}};
    for (std::size_t h = 0; h < hours; ++h) {
        walkers.values.push_back(static_cast<double>(h % 24) * 10.5);
        insecurity.values.push_back(0.25 + 0.001 * static_cast<double>(h));
    }
    result.hourly = {walkers, insecurity};
    result.segment_crime_count.assign(city.segment_count(), 0);
    result.node_crime_count.assign(city.node_count(), 0);
    for (std::size_t i = 0; i < crimes; ++i) {
        CrimeEvent crime;
        crime.step = static_cast<std::uint32_t>((i * 37 + 5) % static_cast<std::size_t>(result.steps));
        crime.node = static_cast<std::uint32_t>((i * 7) % city.node_count());
        crime.segment = static_cast<std::uint32_t>((i * 11) % city.segment_count());
        crime.type = static_cast<std::uint8_t>(i % crime_type_count);
        crime.offender = static_cast<std::uint32_t>(i % result.offenders);
        crime.victim = static_cast<std::uint32_t>((i * 13) % result.residents);
        result.crimes.push_back(crime);
        ++result.segment_crime_count[crime.segment];
        ++result.node_crime_count[crime.node];
    }
    result.live_changes = {{0, "offenders.base_probability", 0.004},
                           {result.steps / 2, "offenders.guardian_gamma", 0.5},
                           {result.steps, "offenders.dark_multiplier", 1.5}};
    return result;
}

inline void check_same_city(const City& read, const City& written) {
    CHECK(read.name() == written.name());
    CHECK(read.fingerprint() == written.fingerprint());
    CHECK(read.origin_lon() == written.origin_lon());
    CHECK(read.origin_lat() == written.origin_lat());
    CHECK(read.node_x_m() == written.node_x_m());
    CHECK(read.node_y_m() == written.node_y_m());
    CHECK(read.segment_from() == written.segment_from());
    CHECK(read.segment_to() == written.segment_to());
    CHECK(read.segment_length_m() == written.segment_length_m());
    CHECK(read.segment_road_class() == written.segment_road_class());
    CHECK(read.segment_lux() == written.segment_lux());
    CHECK(read.segment_land_use() == written.segment_land_use());
    CHECK(read.segment_district() == written.segment_district());
    CHECK(read.segment_name() == written.segment_name());
    CHECK(read.street_names() == written.street_names());
    REQUIRE(read.districts().size() == written.districts().size());
    for (std::size_t i = 0; i < read.districts().size(); ++i) {
        CHECK(read.districts()[i].name == written.districts()[i].name);
        CHECK(read.districts()[i].land_use == written.districts()[i].land_use);
    }
    REQUIRE(read.places().size() == written.places().size());
    for (std::size_t i = 0; i < read.places().size(); ++i) {
        CHECK(read.places()[i].kind == written.places()[i].kind);
        CHECK(read.places()[i].segment == written.places()[i].segment);
        CHECK(read.places()[i].node == written.places()[i].node);
        CHECK(read.places()[i].name == written.places()[i].name);
    }
    // Derived arrays come out the same because the build is a pure function of the draft.
    CHECK(read.arc_begin(read.node_count()) == written.arc_begin(written.node_count()));
    CHECK(read.node_lux() == written.node_lux());
    CHECK(read.node_land_use() == written.node_land_use());
}

// Everything read_run_file gives back equals what write_run_file was given, field by field.
inline void check_same_as_result(const RunFileContents& read, const RunResult& result) {
    const RunFileInfo& info = read.info;
    CHECK(info.scenario_name == result.scenario_name);
    CHECK(info.scenario_path == result.scenario_path);
    CHECK(info.seed == result.seed);
    CHECK(info.streetwise_version == result.version);
    CHECK(info.steps == result.steps);
    CHECK(info.step_s == result.step_s);
    CHECK(info.residents == result.residents);
    CHECK(info.offenders == result.offenders);
    CHECK(info.police_units == result.police_units);
    CHECK(info.city_fingerprint == result.city->fingerprint_hex());
    CHECK(info.live_change_count == result.live_changes.size());
    CHECK(read.scenario_yaml == result.scenario_yaml);
    check_same_city(read.city, *result.city);
    CHECK(read.crime_type_names == result.crime_type_names);

    CHECK(read.crime_events_omitted == !result.write_crime_events);
    const std::vector<CrimeEvent> no_crimes;
    const auto& crimes = result.write_crime_events ? result.crimes : no_crimes;
    REQUIRE(read.crimes.size() == crimes.size());
    for (std::size_t i = 0; i < crimes.size(); ++i) {
        INFO("crime " << i);
        CHECK(read.crimes[i].step == crimes[i].step);
        CHECK(read.crimes[i].node == crimes[i].node);
        CHECK(read.crimes[i].segment == crimes[i].segment);
        CHECK(read.crimes[i].type == crimes[i].type);
        CHECK(read.crimes[i].offender == crimes[i].offender);
        CHECK(read.crimes[i].victim == crimes[i].victim);
    }

    REQUIRE(read.hourly.size() == result.hourly.size());
    for (std::size_t i = 0; i < result.hourly.size(); ++i) {
        INFO("series " << result.hourly[i].name);
        CHECK(read.hourly[i].name == result.hourly[i].name);
        CHECK(read.hourly[i].unit == result.hourly[i].unit);
        CHECK(read.hourly[i].description == result.hourly[i].description);
        CHECK(read.hourly[i].values == result.hourly[i].values);  // exact: float64 in, float64 out
    }
    CHECK(read.segment_crime_count == result.segment_crime_count);
    CHECK(read.node_crime_count == result.node_crime_count);

    REQUIRE(read.live_changes.size() == result.live_changes.size());
    for (std::size_t i = 0; i < result.live_changes.size(); ++i) {
        CHECK(read.live_changes[i].step == result.live_changes[i].step);
        CHECK(read.live_changes[i].key == result.live_changes[i].key);
        CHECK(read.live_changes[i].value == result.live_changes[i].value);
    }
}

}  // namespace streetwise::test
