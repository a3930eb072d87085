#include "analysis/calibration_targets.hpp"

#include <cmath>
#include <cstdio>

#include "analysis/police_uk_categories.hpp"
#include "sim/core/input_error.hpp"

namespace streetwise::analysis {

namespace {

[[noreturn]] void bad_option(const std::string& option, const std::string& problem, const std::string& hint) {
    throw InputError("command line", 0, option, problem, hint);
}

std::string fraction_text(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

void check_options(const CalibrationOptions& options) {
    if (!(std::isfinite(options.population) && options.population > 0))
        bad_option("--population", "expected the number of residents, a positive number, got " +
                                       fraction_text(options.population),
                   "state the population the rates should be per, e.g. --population 8600");
    double total_share = 0;
    for (const auto& [type, share] : options.share_of_violence_and_public_order) {
        if (type != CrimeType::harassment && type != CrimeType::hate_incident)
            bad_option("--share", std::string(to_string(type)) + " has a police.uk category of its own; a share is for "
                                  "harassment and hate_incident only",
                       "leave it out: " + std::string(to_string(type)) + " is calibrated from its category");
        if (!(share >= 0.0 && share <= 1.0))
            bad_option("--share", "the share for " + std::string(to_string(type)) + " must be from 0 to 1, got " +
                                      fraction_text(share),
                       "give the fraction of 'Violence and sexual offences' and 'Public order' records that are " +
                           std::string(to_string(type)) + ", e.g. " + std::string(to_string(type)) + "=0.1");
        total_share += share;
    }
    if (total_share > 1.0 + 1e-12)
        bad_option("--share", "the shares add up to " + fraction_text(total_share) + ", more than all the records",
                   "a record is one crime: harassment and hate_incident shares must add up to at most 1");
}

}  // namespace

CalibrationTargets calibration_targets(const StreetCrimeFile& crimes,
                                       const std::array<ReportingProportion, crime_type_count>& reporting,
                                       const CalibrationOptions& options) {
    check_options(options);
    const std::string covered = to_string(crimes.first_month) + " to " + to_string(crimes.last_month);
    if (options.from.has_value() != options.to.has_value())
        bad_option(options.from ? "--to" : "--from", "the window needs both --from and --to",
                   "give both, e.g. --from 2019-01 --to 2019-12, or neither for the whole file (" + covered + ")");

    CalibrationTargets targets;
    targets.from = options.from.value_or(crimes.first_month);
    targets.to = options.to.value_or(crimes.last_month);
    if (targets.to < targets.from)
        bad_option("--to", "the window ends (" + to_string(targets.to) + ") before it starts (" +
                               to_string(targets.from) + ")",
                   "give --from before --to");
    if (targets.from < crimes.first_month || crimes.last_month < targets.to)
        bad_option(targets.from < crimes.first_month ? "--from" : "--to",
                   "the window " + to_string(targets.from) + " to " + to_string(targets.to) +
                       " reaches beyond the file's months (" + covered + ")",
                   "choose months inside " + covered + ", so that no month is counted as having no crime");
    targets.months = months_inclusive(targets.from, targets.to);
    if (targets.months != 12 && !options.scale_to_year)
        bad_option("--scale-to-year",
                   "the window " + to_string(targets.from) + " to " + to_string(targets.to) + " is " +
                       std::to_string(targets.months) + " month" + (targets.months == 1 ? "" : "s") +
                       " long, not a year",
                   "choose 12 months with --from and --to, or add --scale-to-year to multiply the counts by 12/" +
                       std::to_string(targets.months) + " (seasons are then ignored)");
    targets.year_scale = 12.0 / targets.months;
    targets.population = options.population;
    targets.records_in_file = crimes.records.size();

    // Count the window's records by police.uk category.
    std::vector<std::uint64_t> by_category(police_uk_categories().size(), 0);
    std::map<std::string, std::uint64_t> unrecognised;
    std::vector<bool> month_seen(static_cast<std::size_t>(targets.months), false);
    for (const auto& record : crimes.records) {
        if (record.month < targets.from || targets.to < record.month) continue;
        ++targets.records_in_window;
        month_seen[static_cast<std::size_t>(record.month.index() - targets.from.index())] = true;
        if (const PoliceUkCategory* category = find_police_uk_category(record.category))
            ++by_category[static_cast<std::size_t>(category - police_uk_categories().data())];
        else
            ++unrecognised[record.category];
    }
    for (int m = 0; m < targets.months; ++m)
        if (!month_seen[static_cast<std::size_t>(m)]) targets.months_without_records.push_back(targets.from.plus_months(m));

    std::uint64_t violence_and_public_order = 0;
    std::string violence_and_public_order_names;
    for (std::size_t c = 0; c < by_category.size(); ++c) {
        const PoliceUkCategory& category = police_uk_categories()[c];
        if (category.use == CategoryUse::holds_harassment_and_hate) {
            // Listed even at zero, so the report shows what a user's share would be taken of.
            if (by_category[c] > 0 || category.name != "Public disorder and weapons") {
                targets.holding_harassment_and_hate.push_back({std::string(category.name), by_category[c]});
                violence_and_public_order_names.append(violence_and_public_order_names.empty() ? "" : " + ")
                    .append(category.name);
            }
            violence_and_public_order += by_category[c];
        } else if (category.use == CategoryUse::not_modelled && by_category[c] > 0) {
            targets.not_modelled.push_back({std::string(category.name), by_category[c]});
        }
    }
    for (const auto& [name, count] : unrecognised) targets.unrecognised.push_back({name, count});

    for (int t = 0; t < crime_type_count; ++t) {
        const auto type = static_cast<CrimeType>(t);
        CrimeTypeTarget& target = targets.by_type[static_cast<std::size_t>(t)];
        target.type = type;
        target.reporting = reporting[static_cast<std::size_t>(t)];
        if (const PoliceUkCategory* category = category_calibrating(type)) {
            target.basis = TargetBasis::police_uk_category;
            target.basis_text = std::string(category->name);
            target.recorded_in_window =
                static_cast<double>(by_category[static_cast<std::size_t>(category - police_uk_categories().data())]);
        } else if (const auto share = options.share_of_violence_and_public_order.find(type);
                   share != options.share_of_violence_and_public_order.end()) {
            target.basis = TargetBasis::user_share;
            target.basis_text = "the user's share " + fraction_text(share->second) + " of " +
                                violence_and_public_order_names + " (an assumption, not a police.uk figure)";
            target.recorded_in_window = share->second * static_cast<double>(violence_and_public_order);
        } else {
            target.basis = TargetBasis::not_calibrated;
            target.basis_text = "not calibrated: police.uk has no category for it (it sits inside " +
                                violence_and_public_order_names + "); the scenario's rate is kept";
            continue;
        }
        target.recorded_per_year = target.recorded_in_window * targets.year_scale;
        target.recorded_per_1000_residents_per_year = target.recorded_per_year / targets.population * 1000.0;
        target.true_per_year = target.recorded_per_year / target.reporting.proportion;
        target.true_per_1000_residents_per_year = target.true_per_year / targets.population * 1000.0;
    }
    return targets;
}

}  // namespace streetwise::analysis
