#pragma once
// Drone fleets and no-fly zones of a scenario (the `drones:` and `no_fly_zones:` lists), as plain
// data. The loader fills and checks them (ranges, modes, windows); DroneFleets (sim/agents/
// drone_fleet.hpp) checks them against the city (districts, node ids, bases outside the zones) and
// flies them. No drones by default, so a scenario without these lists runs as before.
//
// The effects on crime (deterrence, detection) default to none: no causal estimate of a drone's
// effect on crime exists (model.md; the Chula Vista programme reports response times only), so any
// effect is a scenario assumption, stated as such in docs/odd.md.
#include <cstdint>
#include <string>
#include <vector>

namespace streetwise {

enum class DroneMode {
    patrol,           // fly between random intersections of the fleet's area, hovering a little at each
    hot_spots,        // hover over the streets with the most recorded crime (never true crime)
    first_responder,  // fly to each new police report and hover there until the police arrive
};

struct DroneFleetSpec {
    DroneMode mode = DroneMode::patrol;
    std::string name;  // optional label shown in outputs ("" = "fleet <index>")
    // Base: the centre of a district (mean position of its streets' intersections), an
    // intersection, or a point; at most one of the three. None: the centre of the city's bounding box.
    std::string base_district;
    int base_node = -1;               // node id, -1: none
    std::vector<double> base_xy_m;    // [x, y] in the city's local metres; empty: none
    int count = 4;                    // drones in the fleet
    double speed_mps = 15;            // cruise speed, straight lines in the plane
    double battery_min = 30;          // flight time on a full battery
    double recharge_min = 45;         // time to charge an empty battery to full, at the base
    double reserve_min = 3;           // battery kept for the way home: a drone turns back with this much left over
    double camera_radius_m = 60;      // ground radius seen by the camera
    double dwell_min = 2;             // hover time at a patrol waypoint, a hot spot or a report's scene
    // patrol: the area (every street of the district, plus the listed segments); neither: the whole city.
    std::string district;
    std::vector<std::uint32_t> segments;
    // hot_spots: the hot_spot_count streets with the most recorded crime in the trailing window.
    int hot_spot_count = 10;
    double hot_spot_window_days = 28;
    // first_responder: a report no drone can take within this time after it was made is left to the police.
    double response_window_min = 5;
    // Flying window, as interventions' (sim/model/intervention.hpp): days [from_day, to_day), each day
    // from daily_from_h to daily_to_h. Drones airborne when it closes fly home.
    int from_day = 0;
    int to_day = -1;
    double daily_from_h = 0;
    double daily_to_h = 24;
    int max_airborne = -1;            // cap on simultaneous flights; -1: the whole fleet may fly at once
    // Assumptions (no causal estimate exists): the offending hazard at an intersection under a camera
    // is multiplied by `deterrence` (1: no effect), and a crime there that nobody reports enters the
    // record with `detection_probability`.
    double deterrence = 1.0;
    double detection_probability = 0.0;

    std::string source_file;  // where the record was written, for errors found once the city is known
    int source_line = 0;
};

enum class NoFlyZoneKind {
    district,  // the convex hull of a district's intersections, widened by margin_m
    polygon,   // a polygon given by its corners
};

struct NoFlyZoneSpec {
    NoFlyZoneKind kind = NoFlyZoneKind::district;
    std::string name;
    std::string district;                  // kind district
    double margin_m = 0;                   // kind district: the hull widened by at least this much
    std::vector<double> polygon_xy_m;      // kind polygon: x1, y1, x2, y2, ... in local metres
    std::vector<double> polygon_lonlat;    // kind polygon: lon1, lat1, ... (degrees), converted with the city's origin
    // In force on days [from_day, to_day), each day from daily_from_h to daily_to_h (default: always).
    int from_day = 0;
    int to_day = -1;
    double daily_from_h = 0;
    double daily_to_h = 24;

    std::string source_file;
    int source_line = 0;
};

// The scenario's drones: ScenarioSpec::drones.
struct DroneSpec {
    std::vector<DroneFleetSpec> fleets;       // `drones:`
    std::vector<NoFlyZoneSpec> no_fly_zones;  // `no_fly_zones:`
};

}  // namespace streetwise
