#include "analysis/police_uk_categories.hpp"

#include <array>
#include <cctype>
#include <string>

namespace streetwise::analysis {

namespace {

constexpr std::array<PoliceUkCategory, 15> categories{{
    {"Anti-social behaviour", CategoryUse::not_modelled, std::nullopt,
     "not crime; the model has no anti-social behaviour"},
    {"Bicycle theft", CategoryUse::not_modelled, std::nullopt, "the model has no bicycles"},
    {"Burglary", CategoryUse::calibrates_type, CrimeType::burglary,
     "homes and businesses together; the model's burglary is of homes"},
    {"Criminal damage and arson", CategoryUse::calibrates_type, CrimeType::vandalism,
     "vandalism is criminal damage; arson is a small part"},
    {"Drugs", CategoryUse::not_modelled, std::nullopt, "the model has no drug offences"},
    {"Other theft", CategoryUse::not_modelled, std::nullopt,
     "theft of unattended property, from shops' staff, by employees: not from the person"},
    {"Possession of weapons", CategoryUse::not_modelled, std::nullopt, "the model has no weapons offences"},
    {"Public order", CategoryUse::holds_harassment_and_hate, std::nullopt,
     "holds public harassment (causing alarm or distress) and much hate crime, not separated from other "
     "disorder"},
    {"Robbery", CategoryUse::calibrates_type, CrimeType::robbery,
     "the same offence; includes robbery of business property"},
    {"Shoplifting", CategoryUse::not_modelled, std::nullopt, "the model has no shops as victims"},
    {"Theft from the person", CategoryUse::calibrates_type, CrimeType::theft_from_person, "the same offence"},
    {"Vehicle crime", CategoryUse::not_modelled, std::nullopt, "the model has no vehicles"},
    {"Violence and sexual offences", CategoryUse::holds_harassment_and_hate, std::nullopt,
     "holds stalking and harassment and violence against women, not separated from all other violence"},
    {"Other crime", CategoryUse::not_modelled, std::nullopt, "offences the model does not represent"},
    // Before May 2013 police.uk had "Public disorder and weapons", later split into the two above.
    {"Public disorder and weapons", CategoryUse::holds_harassment_and_hate, std::nullopt,
     "before May 2013: public order and weapons together"},
}};

// Other names police.uk has used for a category: the API's slug where it differs from the file's
// name, and the names before May 2013.
struct Alias {
    std::string_view name;
    std::string_view category;
};
constexpr std::array<Alias, 2> aliases{{
    {"violent crime", "Violence and sexual offences"},  // the API slug, and the category before May 2013
    {"criminal damage arson", "Criminal damage and arson"},
}};

// Lower case, hyphens, underscores and slashes as spaces, the word "and" dropped, single spaces.
std::string comparable(std::string_view name) {
    std::string words;
    std::string word;
    auto flush = [&] {
        if (!word.empty() && word != "and") words.append(words.empty() ? "" : " ").append(word);
        word.clear();
    };
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isspace(u) || c == '-' || c == '_' || c == '/')
            flush();
        else
            word.push_back(static_cast<char>(std::tolower(u)));
    }
    flush();
    return words;
}

}  // namespace

std::span<const PoliceUkCategory> police_uk_categories() { return categories; }

const PoliceUkCategory* find_police_uk_category(std::string_view written_name) {
    const std::string wanted = comparable(written_name);
    if (wanted.empty()) return nullptr;
    for (const auto& category : categories)
        if (comparable(category.name) == wanted) return &category;
    for (const auto& alias : aliases)
        if (comparable(alias.name) == wanted) return find_police_uk_category(alias.category);
    return nullptr;
}

const PoliceUkCategory* category_calibrating(CrimeType type) {
    for (const auto& category : categories)
        if (category.crime_type == type) return &category;
    return nullptr;
}

bool is_anti_social_behaviour(const PoliceUkCategory& category) { return category.name == "Anti-social behaviour"; }

}  // namespace streetwise::analysis
