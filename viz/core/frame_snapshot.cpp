#include "viz/core/frame_snapshot.hpp"

namespace streetwise::viz {

const char* to_string(AgentKind kind) {
    switch (kind) {
        case AgentKind::resident: return "resident";
        case AgentKind::offender: return "offender";
        case AgentKind::police: return "police";
        case AgentKind::patrol: return "patrol";
    }
    return "agent";
}

}  // namespace streetwise::viz
