// Calibration targets from planted records: what counts for which type, the window and its scaling
// to a year, the implied true totals and the per-1,000 figures, and the options that are refused.
#include <catch2/catch.hpp>

#include <string>

#include "analysis/calibration_targets.hpp"
#include "test_support.hpp"

using namespace streetwise;
using namespace streetwise::analysis;
using Catch::Matchers::Contains;

namespace {

void add(StreetCrimeFile& file, YearMonth month, const std::string& category, int times) {
    for (int i = 0; i < times; ++i) {
        StreetCrimeRecord r;
        r.month = month;
        r.category = category;
        r.location = "On or near Somewhere";
        file.records.push_back(r);
    }
}

// 2019: theft from the person 40 a month, robbery 10 in June only, burglary 3 a month, criminal damage
// 5 a month, violence 20 and public order 10 a month, shoplifting 7 a month, one odd category.
// December 2018 and January 2020 hold a few more, outside a 2019 window.
StreetCrimeFile planted_year() {
    StreetCrimeFile file;
    file.file = "planted.csv";
    for (int m = 1; m <= 12; ++m) {
        const YearMonth month{2019, m};
        add(file, month, "Theft from the person", 40);
        add(file, month, "Burglary", 3);
        add(file, month, "criminal-damage-arson", 5);
        add(file, month, "Violence and sexual offences", 20);
        add(file, month, "Public order", 10);
        add(file, month, "Shoplifting", 7);
    }
    add(file, YearMonth{2019, 6}, "Robbery", 10);
    add(file, YearMonth{2019, 6}, "Fraud", 2);
    add(file, YearMonth{2018, 12}, "Robbery", 100);
    add(file, YearMonth{2020, 1}, "Robbery", 100);
    file.first_month = {2018, 12};
    file.last_month = {2020, 1};
    return file;
}

std::array<ReportingProportion, crime_type_count> proportions() {
    std::array<ReportingProportion, crime_type_count> p{};
    const double values[crime_type_count] = {0.25, 0.5, 0.6, 0.13, 0.1, 0.4};
    for (int t = 0; t < crime_type_count; ++t) p[static_cast<std::size_t>(t)].proportion = values[t];
    return p;
}

const CrimeTypeTarget& of(const CalibrationTargets& targets, CrimeType type) {
    return targets.by_type[static_cast<std::size_t>(type)];
}

CalibrationOptions year_2019(double population) {
    CalibrationOptions options;
    options.from = YearMonth{2019, 1};
    options.to = YearMonth{2019, 12};
    options.population = population;
    return options;
}

}  // namespace

TEST_CASE("targets: a 12-month window, recorded and implied true crime per type", "[analysis][calibration]") {
    const CalibrationTargets t = calibration_targets(planted_year(), proportions(), year_2019(2000));
    CHECK(t.months == 12);
    CHECK(t.year_scale == 1.0);
    CHECK(t.records_in_file == planted_year().records.size());
    CHECK(t.records_in_window == 12 * (40 + 3 + 5 + 20 + 10 + 7) + 10 + 2);
    CHECK(t.months_without_records.empty());

    const auto& theft = of(t, CrimeType::theft_from_person);
    CHECK(theft.basis == TargetBasis::police_uk_category);
    CHECK(theft.basis_text == "Theft from the person");
    CHECK(theft.recorded_per_year == 480);
    CHECK(theft.true_per_year == Approx(480 / 0.25));
    CHECK(theft.recorded_per_1000_residents_per_year == Approx(480.0 / 2000 * 1000));  // 240
    CHECK(theft.true_per_1000_residents_per_year == Approx(1920.0 / 2000 * 1000));    // 960
    CHECK(of(t, CrimeType::robbery).recorded_per_year == 10);  // the 200 outside the window do not count
    CHECK(of(t, CrimeType::robbery).true_per_year == Approx(20));
    CHECK(of(t, CrimeType::burglary).true_per_year == Approx(36 / 0.6));
    CHECK(of(t, CrimeType::vandalism).recorded_per_year == 60);  // matched from the API's slug
    CHECK(of(t, CrimeType::vandalism).true_per_year == Approx(150));

    for (CrimeType type : {CrimeType::harassment, CrimeType::hate_incident}) {
        CHECK_FALSE(of(t, type).calibrated());
        CHECK(of(t, type).true_per_year == 0);
        CHECK_THAT(of(t, type).basis_text, Contains("not calibrated") && Contains("Violence and sexual offences"));
    }
    REQUIRE(t.holding_harassment_and_hate.size() == 2);
    CHECK(t.holding_harassment_and_hate[0].category == "Public order");
    CHECK(t.holding_harassment_and_hate[0].records == 120);
    CHECK(t.holding_harassment_and_hate[1].records == 240);
    REQUIRE(t.not_modelled.size() == 1);
    CHECK(t.not_modelled[0].category == "Shoplifting");
    CHECK(t.not_modelled[0].records == 84);
    REQUIRE(t.unrecognised.size() == 1);
    CHECK(t.unrecognised[0].category == "Fraud");
    CHECK(t.unrecognised[0].records == 2);
}

TEST_CASE("targets: harassment and hate from a share the user states", "[analysis][calibration]") {
    CalibrationOptions options = year_2019(1000);
    options.share_of_violence_and_public_order = {{CrimeType::harassment, 0.25}, {CrimeType::hate_incident, 0.05}};
    const CalibrationTargets t = calibration_targets(planted_year(), proportions(), options);
    const auto& harassment = of(t, CrimeType::harassment);
    CHECK(harassment.basis == TargetBasis::user_share);
    CHECK(harassment.recorded_per_year == Approx(0.25 * 360));
    CHECK(harassment.true_per_year == Approx(0.25 * 360 / 0.13));
    CHECK_THAT(harassment.basis_text, Contains("0.25") && Contains("assumption"));
    CHECK(of(t, CrimeType::hate_incident).true_per_year == Approx(0.05 * 360 / 0.1));
}

TEST_CASE("targets: a shorter window is scaled to a year only when asked", "[analysis][calibration]") {
    CalibrationOptions options;
    options.from = YearMonth{2019, 6};
    options.to = YearMonth{2019, 6};
    options.population = 1000;
    const auto refused = test::input_error_of([&] { calibration_targets(planted_year(), proportions(), options); });
    CHECK(refused.key() == "--scale-to-year");
    CHECK_THAT(refused.problem(), Contains("1 month long"));

    options.scale_to_year = true;
    const CalibrationTargets t = calibration_targets(planted_year(), proportions(), options);
    CHECK(t.months == 1);
    CHECK(t.year_scale == 12.0);
    CHECK(of(t, CrimeType::theft_from_person).recorded_in_window == 40);
    CHECK(of(t, CrimeType::theft_from_person).recorded_per_year == 480);
    CHECK(of(t, CrimeType::robbery).recorded_per_year == 120);

    // The whole file (no window given) is 14 months here: scaled by 12/14.
    CalibrationOptions whole;
    whole.population = 1000;
    whole.scale_to_year = true;
    const CalibrationTargets w = calibration_targets(planted_year(), proportions(), whole);
    CHECK(w.months == 14);
    CHECK(of(w, CrimeType::robbery).recorded_per_year == Approx(210.0 * 12 / 14));
    // December 2018 and January 2020 hold robberies only; no month inside the window is empty.
    CHECK(w.months_without_records.empty());
}

TEST_CASE("targets: months without any record inside the window are reported", "[analysis][calibration]") {
    StreetCrimeFile file;
    add(file, YearMonth{2019, 1}, "Robbery", 1);
    add(file, YearMonth{2019, 12}, "Robbery", 1);
    file.first_month = {2019, 1};
    file.last_month = {2019, 12};
    CalibrationOptions options;
    options.population = 10;
    const CalibrationTargets t = calibration_targets(file, proportions(), options);
    CHECK(t.months_without_records.size() == 10);
    CHECK(t.months_without_records.front() == YearMonth{2019, 2});
}

TEST_CASE("targets: options that cannot give a target are refused with the option named", "[analysis][calibration]") {
    const StreetCrimeFile file = planted_year();
    auto error_of = [&](CalibrationOptions options) {
        return test::input_error_of([&] { calibration_targets(file, proportions(), options); });
    };
    CalibrationOptions only_from = year_2019(1000);
    only_from.to.reset();
    CHECK(error_of(only_from).key() == "--to");

    CalibrationOptions backwards = year_2019(1000);
    backwards.from = YearMonth{2019, 12};
    backwards.to = YearMonth{2019, 1};
    CHECK(error_of(backwards).key() == "--to");

    CalibrationOptions beyond = year_2019(1000);
    beyond.from = YearMonth{2019, 6};
    beyond.to = YearMonth{2020, 5};
    const auto past_end = error_of(beyond);
    CHECK(past_end.key() == "--to");
    CHECK_THAT(past_end.problem(), Contains("beyond") && Contains("2018-12 to 2020-01"));

    CHECK(error_of(year_2019(0)).key() == "--population");
    CHECK(error_of(year_2019(-5)).key() == "--population");

    CalibrationOptions robbery_share = year_2019(1000);
    robbery_share.share_of_violence_and_public_order = {{CrimeType::robbery, 0.1}};
    CHECK(error_of(robbery_share).key() == "--share");
    CalibrationOptions too_much = year_2019(1000);
    too_much.share_of_violence_and_public_order = {{CrimeType::harassment, 0.7}, {CrimeType::hate_incident, 0.4}};
    CHECK_THAT(error_of(too_much).problem(), Contains("add up to 1.1"));
    CalibrationOptions negative = year_2019(1000);
    negative.share_of_violence_and_public_order = {{CrimeType::harassment, -0.1}};
    CHECK(error_of(negative).key() == "--share");
}
