#pragma once
// The crime types the model knows, and what each one targets. Each type's situation (what deters it,
// where and when it thrives, whom it picks) is scenario data: CrimeTypeSpec, crime.<type> keys.
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

// What an offence of a type is committed against.
enum class CrimeTarget : std::uint8_t {
    person,      // a resident on the street at the offender's node (victim: that resident)
    empty_home,  // a home at the node whose resident is out (victim: that resident)
    place,       // the street itself (no victim)
};

constexpr CrimeTarget crime_target(CrimeType type) {
    switch (type) {
        case CrimeType::burglary: return CrimeTarget::empty_home;
        case CrimeType::vandalism: return CrimeTarget::place;
        default: return CrimeTarget::person;
    }
}

// CrimeEvent::victim of an offence with no victim (vandalism).
inline constexpr std::uint32_t no_victim = UINT32_MAX;

constexpr std::string_view to_string(CrimeType type) { return crime_type_names[static_cast<int>(type)]; }

constexpr std::optional<CrimeType> crime_type_from_string(std::string_view name) {
    for (int i = 0; i < crime_type_count; ++i)
        if (crime_type_names[i] == name) return static_cast<CrimeType>(i);
    return std::nullopt;
}

}  // namespace streetwise
