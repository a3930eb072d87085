// The documented mapping from police.uk categories to streetwise crime types.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "analysis/police_uk_categories.hpp"

using namespace streetwise;
using namespace streetwise::analysis;

TEST_CASE("categories: the four police.uk categories that are streetwise types", "[analysis][categories]") {
    auto type_of = [](std::string_view name) {
        const PoliceUkCategory* c = find_police_uk_category(name);
        REQUIRE(c != nullptr);
        REQUIRE(c->use == CategoryUse::calibrates_type);
        return *c->crime_type;
    };
    CHECK(type_of("Theft from the person") == CrimeType::theft_from_person);
    CHECK(type_of("Robbery") == CrimeType::robbery);
    CHECK(type_of("Burglary") == CrimeType::burglary);
    CHECK(type_of("Criminal damage and arson") == CrimeType::vandalism);

    CHECK(category_calibrating(CrimeType::theft_from_person)->name == "Theft from the person");
    CHECK(category_calibrating(CrimeType::robbery)->name == "Robbery");
    CHECK(category_calibrating(CrimeType::burglary)->name == "Burglary");
    CHECK(category_calibrating(CrimeType::vandalism)->name == "Criminal damage and arson");
}

TEST_CASE("categories: harassment and hate incidents have no category of their own", "[analysis][categories]") {
    CHECK(category_calibrating(CrimeType::harassment) == nullptr);
    CHECK(category_calibrating(CrimeType::hate_incident) == nullptr);
    for (const char* holder : {"Violence and sexual offences", "Public order"}) {
        const PoliceUkCategory* c = find_police_uk_category(holder);
        REQUIRE(c != nullptr);
        CHECK(c->use == CategoryUse::holds_harassment_and_hate);
        CHECK_FALSE(c->crime_type.has_value());
    }
}

TEST_CASE("categories: what the model does not represent is named, counted and not mapped", "[analysis][categories]") {
    for (const char* name : {"Anti-social behaviour", "Bicycle theft", "Drugs", "Other theft", "Possession of weapons",
                             "Shoplifting", "Vehicle crime", "Other crime"}) {
        INFO(name);
        const PoliceUkCategory* c = find_police_uk_category(name);
        REQUIRE(c != nullptr);
        CHECK(c->use == CategoryUse::not_modelled);
        CHECK_FALSE(c->crime_type.has_value());
        CHECK_FALSE(c->why.empty());
    }
    CHECK(is_anti_social_behaviour(*find_police_uk_category("Anti-social behaviour")));
    CHECK_FALSE(is_anti_social_behaviour(*find_police_uk_category("Robbery")));
}

TEST_CASE("categories: names match across case, API slugs and the names before 2013", "[analysis][categories]") {
    auto name_of = [](std::string_view written) {
        const PoliceUkCategory* c = find_police_uk_category(written);
        return c ? std::string(c->name) : std::string("none");
    };
    CHECK(name_of("theft from the person") == "Theft from the person");
    CHECK(name_of("THEFT-FROM-THE-PERSON") == "Theft from the person");
    CHECK(name_of("criminal-damage-arson") == "Criminal damage and arson");
    CHECK(name_of("Criminal Damage & Arson") == "none");  // "&" is not "and": not guessed
    CHECK(name_of("anti-social-behaviour") == "Anti-social behaviour");
    CHECK(name_of("violent-crime") == "Violence and sexual offences");
    CHECK(name_of("Violent crime") == "Violence and sexual offences");
    CHECK(name_of("public-disorder-weapons") == "Public disorder and weapons");
    CHECK(name_of("  Robbery ") == "Robbery");
    CHECK(name_of("Robery") == "none");
    CHECK(name_of("") == "none");
}

TEST_CASE("categories: the table is consistent", "[analysis][categories]") {
    std::set<std::string_view> names;
    std::set<CrimeType> types;
    for (const auto& c : police_uk_categories()) {
        CHECK(names.insert(c.name).second);
        CHECK(c.crime_type.has_value() == (c.use == CategoryUse::calibrates_type));
        if (c.crime_type) CHECK(types.insert(*c.crime_type).second);  // one category per type
        CHECK(find_police_uk_category(c.name) == &c);
    }
    CHECK(types.size() == 4);
}
