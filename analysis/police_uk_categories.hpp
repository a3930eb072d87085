#pragma once
// Which police.uk crime category calibrates which streetwise crime type, and why. The rule is
// one-to-one where police.uk has a category for the model's crime, and nothing is guessed where it
// has none:
//
// | police.uk category          | streetwise type   | why                                                      |
// |-----------------------------|-------------------|----------------------------------------------------------|
// | Theft from the person       | theft_from_person | the same offence (pickpocketing, snatch theft)           |
// | Robbery                     | robbery           | the same offence; police.uk includes robbery of business |
// |                             |                   | property, a small part                                   |
// | Burglary                    | burglary          | police.uk counts homes and businesses together; the      |
// |                             |                   | model's burglary is of homes, so in business districts   |
// |                             |                   | (the City of London) this overstates it                  |
// | Criminal damage and arson   | vandalism         | vandalism is criminal damage; arson is a small part      |
// | Violence and sexual offences| none              | holds harassment (stalking, harassment) and most hate    |
// | Public order                | none              | crime among much else that the model does not represent, |
// |                             |                   | and police.uk does not separate them: harassment and     |
// |                             |                   | hate_incident are not calibrated from police.uk unless   |
// |                             |                   | the user states a share of these two categories          |
// | the rest (Anti-social behaviour, Bicycle theft, Drugs, Other crime, Other theft, Possession of   |
// | weapons, Shoplifting, Vehicle crime)                | not modelled: counted and reported only   |
//
// Names are matched leniently: case, hyphens and underscores, and "and" are ignored, so the
// data.police.uk file names ("Criminal damage and arson"), the API's slugs ("criminal-damage-arson")
// and the categories before May 2013 ("Violent crime", "Public disorder and weapons") all match.
#include <optional>
#include <span>
#include <string_view>

#include "sim/model/crime_type.hpp"

namespace streetwise::analysis {

// What a police.uk category is used for in calibration.
enum class CategoryUse {
    calibrates_type,            // its records are the recorded crime of one streetwise type
    holds_harassment_and_hate,  // holds the model's harassment and hate incidents among other crime
    not_modelled,               // crime (or anti-social behaviour) the model does not represent
};

struct PoliceUkCategory {
    std::string_view name;                   // as data.police.uk files write it
    CategoryUse use;
    std::optional<CrimeType> crime_type;     // set when use == calibrates_type
    std::string_view why;                    // one line, for reports
};

// Every category police.uk has used, in the order of its documentation.
std::span<const PoliceUkCategory> police_uk_categories();

// The category a name from a file denotes (matched leniently, see above); nullptr when it is none.
const PoliceUkCategory* find_police_uk_category(std::string_view written_name);

// The police.uk category whose records are `type`'s recorded crime; nullptr for harassment and
// hate_incident, which no category holds alone.
const PoliceUkCategory* category_calibrating(CrimeType type);

// Anti-social behaviour is not crime: police.uk lists it beside crime. Concentration is measured
// over crime only.
bool is_anti_social_behaviour(const PoliceUkCategory& category);

}  // namespace streetwise::analysis
