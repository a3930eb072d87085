#pragma once
// An alert raised after a crime: an app user's SOS to trusted contacts or nearby peers, or an app's
// notification of a report to users around the scene. The reporting system (apps) raises them; the
// insecurity model hears them (residents who get one feel less safe), the visualiser draws them.
// Plain data, so the two modules meet here and not in each other's headers.
#include <cstdint>

namespace streetwise {

struct Alert {
    std::int64_t step = 0;          // step the alert went out (after the app's latency)
    std::uint32_t node = 0;         // the scene
    std::uint32_t event = 0;        // the crime event (row of /events/crimes)
    std::uint8_t type = 0;          // CrimeType
    std::uint16_t app = 0;          // index into the scenario's apps:
    std::uint32_t recipients = 0;   // residents who received it (contacts and peers)
    std::uint32_t responders = 0;   // of them, those who came to the scene as guardians
    float radius_m = 0;             // peers within this distance of the scene got it (0: contacts only)
};

}  // namespace streetwise
