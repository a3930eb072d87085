// The targets file: YAML that a YAML reader reads back to the same figures, and JSON with the same tree.
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>

#include "analysis/calibration_report.hpp"

using namespace streetwise;
using namespace streetwise::analysis;

namespace {

CalibrationReport sample_report() {
    CalibrationReport report;
    report.crime_file = "data/crime \"2019\".csv";  // a quote and a space survive quoting
    report.crime_layout = StreetCrimeLayout::camden;
    report.reporting_file = "d10.csv";
    report.survey_year_ending = {2019, 3};
    CalibrationTargets& t = report.targets;
    t.from = {2019, 6};
    t.to = {2019, 6};
    t.months = 1;
    t.year_scale = 12;
    t.population = 270000;
    t.records_in_file = 4075;
    t.records_in_window = 4075;
    t.months_without_records = {};
    for (int i = 0; i < crime_type_count; ++i) {
        CrimeTypeTarget& target = t.by_type[static_cast<std::size_t>(i)];
        target.type = static_cast<CrimeType>(i);
        target.reporting = {0.5, ReportingSource::survey_table, "CSEW"};
    }
    CrimeTypeTarget& robbery = t.by_type[static_cast<std::size_t>(CrimeType::robbery)];
    robbery.basis = TargetBasis::police_uk_category;
    robbery.basis_text = "Robbery";
    robbery.recorded_in_window = 144;
    robbery.recorded_per_year = 1728;
    robbery.true_per_year = 3332.685444;
    robbery.reporting = {0.5185007792809735, ReportingSource::survey_table, "CSEW Table D10, 'robbery'"};
    t.by_type[static_cast<std::size_t>(CrimeType::harassment)].basis_text = "not calibrated: none";
    t.not_modelled = {{"Other theft", 776}, {"Drugs", 121}};
    t.holding_harassment_and_hate = {{"Public order", 194}, {"Violence and sexual offences", 580}};
    StreetCrimeConcentration c;
    c.key = PlaceKey::map_point;
    c.crimes = 3223;
    c.places = 939;
    c.share_of_places_holding_half = 0.1512;
    report.concentration = {c};
    return report;
}

void check_tree(const YAML::Node& root) {
    CHECK(root["format"].as<std::string>() == "streetwise-calibration-targets");
    CHECK(root["format_version"].as<int>() == calibration_targets_format_version);
    CHECK(root["sources"]["crime_file"].as<std::string>() == "data/crime \"2019\".csv");
    CHECK(root["sources"]["crime_layout"].as<std::string>() == "camden");
    CHECK(root["sources"]["survey_year_ending"].as<std::string>() == "2019-03");
    CHECK(root["window"]["from"].as<std::string>() == "2019-06");
    CHECK(root["window"]["months"].as<int>() == 1);
    CHECK(root["window"]["year_scale"].as<double>() == 12);
    CHECK(root["window"]["months_without_records"].size() == 0);
    CHECK(root["population"].as<double>() == 270000);
    const YAML::Node robbery = root["targets"]["robbery"];
    CHECK(robbery["calibrated"].as<bool>());
    CHECK(robbery["basis"].as<std::string>() == "police_uk_category");
    CHECK(robbery["recorded_per_year"].as<double>() == 1728);
    CHECK(robbery["true_per_year"].as<double>() == Approx(3332.685444));
    CHECK(robbery["reporting_proportion"].as<double>() == Approx(0.5185007792809735).epsilon(1e-9));
    const YAML::Node harassment = root["targets"]["harassment"];
    CHECK_FALSE(harassment["calibrated"].as<bool>());
    CHECK_FALSE(harassment["true_per_year"]);  // no figure for what is not calibrated
    CHECK(root["targets"].size() == crime_type_count);
    CHECK(root["not_modelled"]["Other theft"].as<int>() == 776);
    CHECK(root["holding_harassment_and_hate"]["Violence and sexual offences"].as<int>() == 580);
    CHECK(root["unrecognised"].size() == 0);
    REQUIRE(root["concentration"].size() == 1);
    CHECK(root["concentration"][0]["place"].as<std::string>() == "map point");
    CHECK(root["concentration"][0]["places"].as<int>() == 939);
    CHECK(root["concentration"][0]["share_of_places_holding_half"].as<double>() == Approx(0.1512));
    CHECK(root["attribution"].as<std::string>().find("Open Government Licence v3.0") != std::string::npos);
}

}  // namespace

TEST_CASE("targets file: the YAML reads back", "[analysis][calibration]") {
    const std::string yaml = calibration_targets_yaml(sample_report());
    INFO(yaml);
    CHECK(yaml.starts_with("# "));
    check_tree(YAML::Load(yaml));
    CHECK(calibration_targets_yaml(sample_report()) == yaml);  // the same report, the same bytes
}

TEST_CASE("targets file: the JSON holds the same tree", "[analysis][calibration]") {
    const std::string json = calibration_targets_json(sample_report());
    INFO(json);
    CHECK(json.starts_with("{\n"));
    CHECK(json.ends_with("}\n"));
    check_tree(YAML::Load(json));  // JSON is YAML's flow style
}
