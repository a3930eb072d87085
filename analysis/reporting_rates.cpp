#include "analysis/reporting_rates.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "analysis/csv_reader.hpp"
#include "sim/core/input_error.hpp"

namespace streetwise::analysis {

namespace {

// Published figures for the two types the survey's table lacks. They are defaults, stated with their
// source, not survey estimates for England and Wales; a user with better local figures gives them
// with --proportion-reported TYPE=P.
struct LiteratureDefault {
    CrimeType type;
    double proportion;
    std::string_view source;
};
constexpr LiteratureDefault literature_defaults[] = {
    // FRA (2014), Violence against women: an EU-wide survey: 14% of women reported their most serious
    // incident of partner violence to the police, 13% of non-partner violence. Harassment in public
    // space is by non-partners, hence 13%; it is the most serious incident, so less serious ones are
    // reported less, and the implied true count is a lower bound.
    {CrimeType::harassment, 0.13,
     "literature default, not from the survey table: 13% of the most serious incident of non-partner "
     "violence against women reported to the police (FRA 2014, EU-wide survey)"},
    // FRA, EU-MIDIS II (2017) and Hate crime recording and data collection practice across the EU
    // (2018): up to 9 in 10 hate-motivated incidents are not reported, hence 10% reported.
    {CrimeType::hate_incident, 0.10,
     "literature default, not from the survey table: up to 9 in 10 hate incidents unreported (FRA, EU-MIDIS "
     "II 2017), i.e. 10% reported"},
};

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return std::string(text);
}

// "2019-03-01" or "2019-03": the month the survey year ends in.
std::optional<YearMonth> year_ending_of(std::string_view text) {
    if (text.size() == 10) {
        if (text[7] != '-' || text[8] < '0' || text[8] > '9' || text[9] < '0' || text[9] > '9') return std::nullopt;
        const int day = (text[8] - '0') * 10 + (text[9] - '0');
        if (day < 1 || day > 31) return std::nullopt;
        text = text.substr(0, 7);
    }
    return parse_year_month(text);
}

}  // namespace

ReportingRateTable ReportingRateTable::read(const std::filesystem::path& file) {
    const std::string text = read_text_file(file);
    return parse(text, file.string());
}

ReportingRateTable ReportingRateTable::parse(std::string_view text, const std::string& file) {
    CsvReader reader(text, file);
    CsvRecord header;
    if (!reader.next(header))
        throw InputError(file, 0, "", "the file is empty: expected a header category,year_ending,proportion",
                         "give the CSEW Table D10 file (csew_table_D10_proportion_reported_*.csv)");
    std::map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < header.fields.size(); ++i)
        column.try_emplace(normalised_column_name(header.fields[i]), i);
    for (const char* needed : {"category", "year_ending", "proportion"})
        if (!column.count(needed))
            throw InputError(file, header.line, "",
                             std::string("the header lacks the column '") + needed +
                                 "': expected category, year_ending, proportion",
                             "give the CSEW Table D10 file (csew_table_D10_proportion_reported_*.csv)");
    const std::size_t category_at = column["category"], year_at = column["year_ending"],
                      proportion_at = column["proportion"];

    ReportingRateTable table;
    table.file_ = file;
    CsvRecord row;
    while (reader.next(row)) {
        auto bad = [&](std::string_view name, std::size_t at, const std::string& problem, const std::string& hint) {
            throw InputError(file, row.line, "",
                             "column '" + std::string(name) + "' (field " + std::to_string(at + 1) + "): " + problem,
                             hint);
        };
        if (row.fields.size() != header.fields.size())
            throw InputError(file, row.line, "",
                             "expected " + std::to_string(header.fields.size()) + " fields as in the header, found " +
                                 std::to_string(row.fields.size()),
                             "check the commas and quotes on this line");
        Row parsed;
        parsed.line = row.line;
        parsed.category = trimmed(row.fields[category_at]);
        if (parsed.category.empty())
            bad("category", category_at, "is empty: expected an offence group such as 'robbery'",
                "fill in the category or remove the row");
        const std::string year = trimmed(row.fields[year_at]);
        const auto year_ending = year_ending_of(year);
        if (!year_ending)
            bad("year_ending", year_at, "expected the survey year's last month as YYYY-MM-DD or YYYY-MM, got '" + year + "'",
                "e.g. 2019-03-01 for the year ending March 2019");
        parsed.year_ending = *year_ending;
        const std::string proportion = trimmed(row.fields[proportion_at]);
        if (proportion != "NA") {
            double value = 0;
            const auto [end, error] = std::from_chars(proportion.data(), proportion.data() + proportion.size(), value);
            if (proportion.empty() || error != std::errc() || end != proportion.data() + proportion.size() ||
                !std::isfinite(value) || value < 0.0 || value > 1.0)
                bad("proportion", proportion_at, "expected a fraction from 0 to 1 or NA, got '" + proportion + "'",
                    "write the share reported as a fraction (0.27 for 27%), or NA where the survey has none");
            parsed.proportion = value;
        }
        table.rows_.push_back(std::move(parsed));
    }
    if (table.rows_.empty())
        throw InputError(file, header.line, "", "the file has a header but no rows", "give the full table");

    // Subgroups, year by year in file order: a name that appears more than once in a year is a
    // subgroup of the nearest row above it whose name appears once.
    std::map<YearMonth, std::vector<std::size_t>> rows_of_year;
    for (std::size_t i = 0; i < table.rows_.size(); ++i) rows_of_year[table.rows_[i].year_ending].push_back(i);
    for (const auto& [year_ending, indices] : rows_of_year) {
        std::map<std::string, int> times;
        for (std::size_t i : indices) ++times[table.rows_[i].category];
        std::string parent;
        std::vector<std::string> full_names;
        for (std::size_t i : indices) {
            const std::string& name = table.rows_[i].category;
            if (times[name] == 1) {
                parent = name;
                full_names.push_back(name);
            } else {
                full_names.push_back(parent.empty() ? name : parent + " / " + name);
            }
        }
        std::map<std::string, int> line_of;
        for (std::size_t k = 0; k < indices.size(); ++k) {
            Row& r = table.rows_[indices[k]];
            r.category = full_names[k];
            const auto [at, inserted] = line_of.try_emplace(r.category, r.line);
            if (!inserted)
                throw InputError(file, r.line, "",
                                 "category '" + r.category + "' appears again for the year ending " +
                                     to_string(year_ending) + " (first on line " + std::to_string(at->second) + ")",
                                 "a subgroup is recognised by the group above it; remove the repeated row");
        }
    }
    return table;
}

YearMonth ReportingRateTable::latest_year_ending() const {
    YearMonth latest = rows_.front().year_ending;
    for (const auto& r : rows_) latest = std::max(latest, r.year_ending);
    return latest;
}

bool ReportingRateTable::has_year_ending(YearMonth year_ending) const {
    return std::any_of(rows_.begin(), rows_.end(), [&](const Row& r) { return r.year_ending == year_ending; });
}

std::vector<YearMonth> ReportingRateTable::year_endings() const {
    std::vector<YearMonth> years;
    for (const auto& r : rows_) years.push_back(r.year_ending);
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    return years;
}

const ReportingRateTable::Row* ReportingRateTable::find(std::string_view category, YearMonth year_ending) const {
    for (const auto& r : rows_)
        if (r.year_ending == year_ending && r.category == category) return &r;
    return nullptr;
}

std::optional<std::string_view> survey_category_for(CrimeType type) {
    switch (type) {
        case CrimeType::theft_from_person: return "theft from the person";
        case CrimeType::robbery: return "robbery";
        case CrimeType::burglary: return "domestic burglary";
        case CrimeType::vandalism: return "criminal damage";
        case CrimeType::harassment:
        case CrimeType::hate_incident: return std::nullopt;
    }
    return std::nullopt;
}

std::array<ReportingProportion, crime_type_count> reporting_proportions(
    const ReportingRateTable& table, YearMonth year_ending, const std::map<CrimeType, double>& user_given) {
    if (!table.has_year_ending(year_ending)) {
        std::string years;
        for (const auto& y : table.year_endings()) years.append(years.empty() ? "" : ", ").append(to_string(y));
        throw InputError(table.file(), 0, "",
                         "the table has no survey year ending " + to_string(year_ending) + "; it has " + years,
                         "choose one of these with --year-ending YYYY-MM");
    }
    std::array<ReportingProportion, crime_type_count> result{};
    for (int t = 0; t < crime_type_count; ++t) {
        const auto type = static_cast<CrimeType>(t);
        if (const auto given = user_given.find(type); given != user_given.end()) {
            if (!(given->second > 0.0 && given->second <= 1.0))
                throw InputError("command line", 0, "--proportion-reported",
                                 "the proportion for " + std::string(to_string(type)) + " must be in (0, 1], got " +
                                     std::to_string(given->second),
                                 "give the share reported as a fraction, e.g. " + std::string(to_string(type)) + "=0.3");
            result[t] = {given->second, ReportingSource::user_given, "given with --proportion-reported"};
            continue;
        }
        const auto category = survey_category_for(type);
        if (!category) {
            for (const auto& d : literature_defaults)
                if (d.type == type) result[t] = {d.proportion, ReportingSource::literature_default, std::string(d.source)};
            continue;
        }
        const ReportingRateTable::Row* row = table.find(*category, year_ending);
        if (!row)
            throw InputError(table.file(), 0, "",
                             "no row '" + std::string(*category) + "' for the year ending " + to_string(year_ending) +
                                 " (needed for " + std::string(to_string(type)) + ")",
                             "give the CSEW Table D10 file, or the proportion with --proportion-reported " +
                                 std::string(to_string(type)) + "=P");
        if (!row->proportion || *row->proportion <= 0.0)
            throw InputError(table.file(), row->line, "",
                             "the proportion of '" + std::string(*category) + "' for the year ending " +
                                 to_string(year_ending) + " is " + (row->proportion ? "0" : "NA") + ", and " +
                                 std::string(to_string(type)) + " needs a positive one",
                             "choose another year with --year-ending, or give it with --proportion-reported " +
                                 std::string(to_string(type)) + "=P");
        result[t] = {*row->proportion, ReportingSource::survey_table,
                     "CSEW Table D10, '" + std::string(*category) + "', year ending " + to_string(year_ending) + " (" +
                         table.file() + " line " + std::to_string(row->line) + ")"};
    }
    return result;
}

}  // namespace streetwise::analysis
