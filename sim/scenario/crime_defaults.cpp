// The default situation of each crime type. The numbers are assumptions informed by the literature
// cited next to them (docs/odd.md 7.5 lists each with its source); the relative rates are calibrated
// so that the built-in city's true crime per 1,000 residents and year has the profile of the Crime
// Survey for England and Wales (docs/validation.md). Reporting probabilities are the survey's own.
#include "sim/model/crime_type.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

std::array<CrimeTypeSpec, 6> CrimeSpec::default_crime_types() {
    std::array<CrimeTypeSpec, crime_type_count> types{};
    auto type = [&](CrimeType t) -> CrimeTypeSpec& { return types[static_cast<int>(t)]; };

    // Pickpocketing and snatch theft: crowds are cover, not guardians, and more people are more
    // targets (Clarke's "crime generators": shops, transit, nightlife; Brantingham and Brantingham 1995).
    CrimeTypeSpec& theft = type(CrimeType::theft_from_person);
    theft.rate = 0.0336;
    theft.guardian_sensitivity = 0.1;
    theft.darkness_sensitivity = 0.0;
    theft.crowd_exponent = 0.5;
    theft.land_use_multiplier = {{"commercial", 3.0}, {"transit", 4.0}, {"nightlife", 3.0}};
    theft.victim_age = {{"young", 1.0}, {"adult", 0.7}, {"older", 0.8}};
    theft.reporting_probability = 0.267;  // CSEW table D10, year ending March 2019

    // Robbery: quiet, dark streets at night; victims mostly young men (CSEW).
    CrimeTypeSpec& robbery = type(CrimeType::robbery);
    robbery.rate = 0.0736;
    robbery.guardian_sensitivity = 1.5;
    robbery.darkness_sensitivity = 1.5;
    robbery.night_multiplier = 1.5;
    robbery.land_use_multiplier = {{"park", 2.0}, {"nightlife", 1.5}, {"transit", 1.5}};
    robbery.victim_gender = {{"female", 0.7}, {"male", 1.0}};
    robbery.victim_age = {{"young", 1.0}, {"adult", 0.5}, {"older", 0.4}};
    robbery.reporting_probability = 0.519;  // CSEW D10, 2019

    // Burglary of homes whose residents are out (routine activity: Cohen and Felson 1979);
    // neighbours at home and passers-by are the guardians.
    CrimeTypeSpec& burglary = type(CrimeType::burglary);
    burglary.rate = 0.192;
    burglary.guardian_sensitivity = 1.0;
    burglary.darkness_sensitivity = 1.0;
    // More empty homes are more choice, with diminishing returns: a burglar takes one home, and a
    // block of flats is not a hundred times a house (assumption).
    burglary.crowd_exponent = 0.5;
    burglary.reporting_probability = 0.612;  // CSEW D10, 2019, domestic burglary

    // Harassment and violence against women in public space: night, nightlife, transit; lone women.
    CrimeTypeSpec& harassment = type(CrimeType::harassment);
    harassment.rate = 0.187;
    harassment.guardian_sensitivity = 0.5;
    harassment.darkness_sensitivity = 1.0;
    harassment.night_multiplier = 2.0;
    harassment.land_use_multiplier = {{"nightlife", 3.0}, {"transit", 2.0}};
    harassment.victim_gender = {{"female", 1.0}, {"male", 0.1}};
    harassment.victim_age = {{"young", 1.0}, {"adult", 0.5}, {"older", 0.2}};
    harassment.reporting_probability = 0.13;  // FRA (2014): 13% of the most serious non-partner incidents

    // Hate incidents: aimed at minorities, in busy public places and transit.
    CrimeTypeSpec& hate = type(CrimeType::hate_incident);
    hate.rate = 0.2;
    hate.guardian_sensitivity = 0.5;
    hate.darkness_sensitivity = 0.5;
    hate.land_use_multiplier = {{"transit", 2.0}, {"commercial", 1.5}};
    hate.victim_origin = {{"majority", 0.03}, {"minority", 1.0}};
    hate.reporting_probability = 0.10;  // FRA: up to 9 in 10 unreported

    // Vandalism: damage to the street itself, where nobody watches, at night.
    CrimeTypeSpec& vandalism = type(CrimeType::vandalism);
    vandalism.rate = 0.0169;
    vandalism.guardian_sensitivity = 2.0;
    vandalism.darkness_sensitivity = 1.5;
    vandalism.night_multiplier = 2.0;
    vandalism.land_use_multiplier = {{"park", 2.0}, {"nightlife", 2.0}, {"commercial", 1.5}};
    vandalism.reporting_probability = 0.334;  // CSEW D10, 2019, criminal damage
    return types;
}

}  // namespace streetwise
