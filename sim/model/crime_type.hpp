#pragma once
// The crime types the model knows. Street offences come from the opportunity rule now;
// burglary and the others get their own situational conditions in the crime model (issue 4).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace streetwise {

enum class CrimeType : std::uint8_t {
    theft_from_person,
    robbery,
    burglary,
    harassment,      // harassment and violence against women in public space
    hate_incident,
    vandalism,
};
inline constexpr int crime_type_count = 6;

inline constexpr std::array<std::string_view, crime_type_count> crime_type_names{
    "theft_from_person", "robbery", "burglary", "harassment", "hate_incident", "vandalism"};

constexpr std::string_view to_string(CrimeType type) { return crime_type_names[static_cast<int>(type)]; }

constexpr std::optional<CrimeType> crime_type_from_string(std::string_view name) {
    for (int i = 0; i < crime_type_count; ++i)
        if (crime_type_names[i] == name) return static_cast<CrimeType>(i);
    return std::nullopt;
}

}  // namespace streetwise
