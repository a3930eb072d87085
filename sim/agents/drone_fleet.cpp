#include "sim/agents/drone_fleet.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/city/city.hpp"
#include "sim/core/input_error.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/model/intervention.hpp"

namespace streetwise {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
// A drone turns home once its margin (battery - time home - reserve) is below this. The margin
// falls at most 2 s per second flown, so flying half the margin at a time never overdraws it.
constexpr double turn_home_margin_s = 0.5;

// Privacy footprint groups, in the order of the run file's columns.
constexpr int group_count = 8;
constexpr const char* group_names[group_count] = {"all",   "female", "male",     "young",
                                                  "adult", "older",  "majority", "minority"};

bool window_active(int from_day, int to_day, double from_h, double to_h, std::int64_t second) {
    InterventionSpec window;  // the same windows as interventions, with the same rules
    window.from_day = from_day;
    window.to_day = to_day;
    window.daily_from_h = from_h;
    window.daily_to_h = to_h;
    return intervention_active(window, second);
}

const char* mode_name(DroneMode mode) {
    switch (mode) {
    case DroneMode::patrol: return "patrol";
    case DroneMode::hot_spots: return "hot_spots";
    case DroneMode::first_responder: return "first_responder";
    }
    return "";
}

std::string file_of(const std::string& record_file, const ScenarioSpec& spec) {
    return !record_file.empty() ? record_file : !spec.source_path.empty() ? spec.source_path : std::string("scenario");
}

PlanePoint node_point(const City& city, std::uint32_t node) { return {city.node_x_m()[node], city.node_y_m()[node]}; }

// The district's index, or an InputError naming the key and the city's districts.
std::uint16_t find_district(const City& city, const std::string& name, const std::string& file, int line,
                            const std::string& key) {
    const auto& districts = city.districts();
    for (std::size_t d = 0; d < districts.size(); ++d)
        if (districts[d].name == name) return static_cast<std::uint16_t>(d);
    std::string names;
    for (const District& d : districts) names += (names.empty() ? "'" : ", '") + d.name + "'";
    throw InputError(file, line, key, "city '" + city.name() + "' has no district named '" + name + "'",
                     districts.empty() ? "this city has no districts"
                                       : "use one of the city's districts: " + names +
                                             " (names must match exactly, with capitals and spaces)");
}

std::vector<std::uint32_t> district_nodes(const City& city, std::uint16_t district) {
    std::vector<std::uint32_t> nodes;
    for (std::uint32_t s = 0; s < city.segment_count(); ++s)
        if (city.segment_district()[s] == district) {
            nodes.push_back(city.segment_from()[s]);
            nodes.push_back(city.segment_to()[s]);
        }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    return nodes;
}

PlanePoint centre_of(const City& city, const std::vector<std::uint32_t>& nodes) {
    double x = 0, y = 0;
    for (const std::uint32_t v : nodes) {
        x += city.node_x_m()[v];
        y += city.node_y_m()[v];
    }
    const auto n = static_cast<double>(std::max<std::size_t>(nodes.size(), 1));
    return {x / n, y / n};
}

std::vector<PlanePoint> zone_polygon(const NoFlyZoneSpec& zone, std::size_t index, const City& city,
                                     const ScenarioSpec& spec) {
    const std::string file = file_of(zone.source_file, spec);
    const std::string path = "no_fly_zones[" + std::to_string(index) + "]";
    std::vector<PlanePoint> corners;
    if (zone.kind == NoFlyZoneKind::district) {
        const std::uint16_t d = find_district(city, zone.district, file, zone.source_line, path + ".district");
        std::vector<PlanePoint> points;
        for (const std::uint32_t v : district_nodes(city, d)) points.push_back(node_point(city, v));
        corners = widen_convex(convex_hull(std::move(points)), zone.margin_m);
        if (corners.size() < 3)
            throw InputError(file, zone.source_line, path + ".district",
                             "district '" + zone.district + "' has too few intersections to make an area",
                             "give the zone as a polygon instead (kind: polygon)");
        return corners;
    }
    const bool lonlat = !zone.polygon_lonlat.empty();
    const auto& numbers = lonlat ? zone.polygon_lonlat : zone.polygon_xy_m;
    for (std::size_t i = 0; i + 1 < numbers.size(); i += 2)
        corners.push_back(lonlat ? lonlat_to_local(numbers[i], numbers[i + 1], city.origin_lon(), city.origin_lat())
                                 : PlanePoint{numbers[i], numbers[i + 1]});
    double twice_area = 0;
    for (std::size_t i = 0; i < corners.size(); ++i) {
        const PlanePoint a = corners[i], b = corners[(i + 1) % corners.size()];
        twice_area += a.x_m * b.y_m - b.x_m * a.y_m;
    }
    if (corners.size() < 3 || std::fabs(twice_area) < 1e-6)
        throw InputError(file, zone.source_line, path + (lonlat ? ".polygon_lonlat" : ".polygon_xy_m"),
                         "the polygon has no area", "give at least three corners that are not on one line");
    return corners;
}

}  // namespace

DroneFleets::DroneFleets(const ScenarioSpec& spec, const City& city)
    : city_(city),
      step_s_(spec.time.step_s),
      patrol_rng_(spec.seed, RngStream::drone_patrol),
      detection_rng_(spec.seed, RngStream::drone_detection),
      zone_specs_(spec.drones.no_fly_zones) {
    std::vector<std::vector<PlanePoint>> polygons;
    for (std::size_t z = 0; z < zone_specs_.size(); ++z) polygons.push_back(zone_polygon(zone_specs_[z], z, city, spec));
    airspace_ = Airspace(polygons);
    zone_flags_.assign(polygons.size(), 0);
    if (spec.drones.fleets.empty()) return;

    const std::uint32_t nodes = city.node_count();
    double min_x = infinity, max_x = -infinity, min_y = infinity, max_y = -infinity;
    for (std::uint32_t v = 0; v < nodes; ++v) {
        min_x = std::min(min_x, city.node_x_m()[v]);
        max_x = std::max(max_x, city.node_x_m()[v]);
        min_y = std::min(min_y, city.node_y_m()[v]);
        max_y = std::max(max_y, city.node_y_m()[v]);
    }
    std::uint32_t first_drone = 0;
    double widest_m = 0;
    for (std::size_t f = 0; f < spec.drones.fleets.size(); ++f) {
        const DroneFleetSpec& s = spec.drones.fleets[f];
        const std::string file = file_of(s.source_file, spec);
        const std::string path = "drones[" + std::to_string(f) + "]";
        Fleet fleet;
        fleet.spec = s;
        fleet.label = s.name.empty() ? "fleet " + std::to_string(f + 1) : s.name;
        std::string base_key = path;
        if (!s.base_district.empty()) {
            base_key += ".base_district";
            fleet.base = centre_of(city, district_nodes(city, find_district(city, s.base_district, file, s.source_line,
                                                                             base_key)));
        } else if (s.base_node >= 0) {
            base_key += ".base_node";
            if (static_cast<std::uint32_t>(s.base_node) >= nodes)
                throw InputError(file, s.source_line, base_key,
                                 "node " + std::to_string(s.base_node) + " is not an intersection of city '" +
                                     city.name() + "', which has " + std::to_string(nodes) + " nodes",
                                 "use a row of /city/nodes in a run file: 0 to " + std::to_string(nodes - 1));
            fleet.base = node_point(city, static_cast<std::uint32_t>(s.base_node));
        } else if (s.base_xy_m.size() == 2) {
            base_key += ".base_xy_m";
            fleet.base = {s.base_xy_m[0], s.base_xy_m[1]};
        } else {
            fleet.base = {(min_x + max_x) / 2, (min_y + max_y) / 2};
        }
        for (std::size_t z = 0; z < polygons.size(); ++z)
            if (strictly_inside(polygons[z], fleet.base))
                throw InputError(file, s.source_line, base_key,
                                 "the base of " + fleet.label + " is inside no-fly zone " + std::to_string(z) +
                                     (zone_specs_[z].name.empty() ? "" : " ('" + zone_specs_[z].name + "')"),
                                 "move the base out of the zone (drones could neither take off nor land)");
        fleet.home.at = fleet.base;
        if (s.mode == DroneMode::patrol) {
            if (!s.district.empty())
                fleet.area_nodes = district_nodes(city, find_district(city, s.district, file, s.source_line,
                                                                      path + ".district"));
            for (const std::uint32_t id : s.segments) {
                if (id >= city.segment_count())
                    throw InputError(file, s.source_line, path + ".segments",
                                     "segment id " + std::to_string(id) + " is not a street of city '" + city.name() +
                                         "', which has " + std::to_string(city.segment_count()) + " segments",
                                     "use rows of /city/segments in a run file: 0 to " +
                                         std::to_string(city.segment_count() - 1));
                fleet.area_nodes.push_back(city.segment_from()[id]);
                fleet.area_nodes.push_back(city.segment_to()[id]);
            }
            std::sort(fleet.area_nodes.begin(), fleet.area_nodes.end());
            fleet.area_nodes.erase(std::unique(fleet.area_nodes.begin(), fleet.area_nodes.end()),
                                   fleet.area_nodes.end());
            if (s.district.empty() && s.segments.empty())
                for (std::uint32_t v = 0; v < nodes; ++v) fleet.area_nodes.push_back(v);
        }
        fleet.first_drone = first_drone;
        first_drone += static_cast<std::uint32_t>(s.count);
        fleet.cap = static_cast<std::uint32_t>(s.max_airborne < 0 ? s.count : std::min(s.count, s.max_airborne));
        Drone drone;
        drone.at = fleet.base;
        drone.battery_s = s.battery_min * 60.0;
        fleet.drones.assign(static_cast<std::size_t>(s.count), drone);
        widest_m = std::max(widest_m, s.camera_radius_m);
        fleets_.push_back(std::move(fleet));
    }

    // Coverage grid: cells about a camera's radius wide, so a camera looks into a handful of them.
    cell_m_ = std::max(widest_m, 25.0);
    grid_min_x_ = min_x;
    grid_min_y_ = min_y;
    grid_w_ = static_cast<std::uint32_t>((max_x - min_x) / cell_m_) + 1;
    grid_h_ = static_cast<std::uint32_t>((max_y - min_y) / cell_m_) + 1;
    cell_begin_.assign(static_cast<std::size_t>(grid_w_) * grid_h_ + 1, 0);
    auto cell_of = [&](std::uint32_t v) {
        const auto cx = static_cast<std::uint32_t>((city.node_x_m()[v] - min_x) / cell_m_);
        const auto cy = static_cast<std::uint32_t>((city.node_y_m()[v] - min_y) / cell_m_);
        return static_cast<std::size_t>(std::min(cy, grid_h_ - 1)) * grid_w_ + std::min(cx, grid_w_ - 1);
    };
    for (std::uint32_t v = 0; v < nodes; ++v) ++cell_begin_[cell_of(v) + 1];
    for (std::size_t c = 1; c < cell_begin_.size(); ++c) cell_begin_[c] += cell_begin_[c - 1];
    cell_nodes_.resize(nodes);
    std::vector<std::uint32_t> fill(cell_begin_.begin(), cell_begin_.end() - 1);
    for (std::uint32_t v = 0; v < nodes; ++v) cell_nodes_[fill[cell_of(v)]++] = v;  // ascending node id per cell

    covered_stamp_.assign(nodes, 0);
    segment_stamp_.assign(city.segment_count(), 0);
    node_deterrence_.assign(nodes, 1.0);
    node_detection_.assign(nodes, 0.0);
    node_detecting_fleet_.assign(nodes, 0);
    node_camera_steps_.assign(nodes, 0);
    segment_camera_steps_.assign(city.segment_count(), 0);
    segment_count_.assign(city.segment_count(), 0);
    // A node's district: that of its first street in the graph's arc order (lowest neighbour id).
    district_count_ = static_cast<std::uint32_t>(std::max<std::size_t>(city.districts().size(), 1));
    node_district_.assign(nodes, 0);
    for (std::uint32_t v = 0; v < nodes; ++v)
        if (city.degree(v) > 0)
            node_district_[v] = static_cast<std::uint16_t>(
                std::min<std::uint32_t>(city.segment_district()[city.arc_segment(city.arc_begin(v))], district_count_ - 1));
    privacy_steps_.assign(static_cast<std::size_t>(group_count) * district_count_, 0);
    covered_nodes_.reserve(256);
}

bool DroneFleets::window_open(const Fleet& fleet, std::int64_t second) const {
    const DroneFleetSpec& s = fleet.spec;
    return window_active(s.from_day, s.to_day, s.daily_from_h, s.daily_to_h, second);
}

std::uint32_t DroneFleets::airborne() const {
    std::uint32_t n = 0;
    for (const Fleet& fleet : fleets_) n += fleet.airborne;
    return n;
}

void DroneFleets::observe(std::int64_t step, const Residents& residents, const NodeOccupancy& occupancy) {
    stamp_ = static_cast<std::uint32_t>(step + 1);  // never 0, the value nodes start with
    covered_nodes_.clear();
    residents_under_camera_ = 0;
    airborne_observed_ = airborne();
    const auto& xs = city_.node_x_m();
    const auto& ys = city_.node_y_m();
    for (std::uint32_t f = 0; f < fleets_.size(); ++f) {
        const Fleet& fleet = fleets_[f];
        if (fleet.airborne == 0) continue;
        const double r = fleet.spec.camera_radius_m, r2 = r * r;
        for (const Drone& drone : fleet.drones) {
            if (drone.state == State::docked) continue;
            const auto cell = [&](double value, double origin, std::uint32_t size) {
                const double c = std::floor((value - origin) / cell_m_);
                return static_cast<std::uint32_t>(std::clamp(c, 0.0, static_cast<double>(size - 1)));
            };
            const std::uint32_t x0 = cell(drone.at.x_m - r, grid_min_x_, grid_w_), x1 = cell(drone.at.x_m + r, grid_min_x_, grid_w_);
            const std::uint32_t y0 = cell(drone.at.y_m - r, grid_min_y_, grid_h_), y1 = cell(drone.at.y_m + r, grid_min_y_, grid_h_);
            for (std::uint32_t cy = y0; cy <= y1; ++cy)
                for (std::uint32_t cx = x0; cx <= x1; ++cx) {
                    const std::size_t c = static_cast<std::size_t>(cy) * grid_w_ + cx;
                    for (std::uint32_t i = cell_begin_[c]; i < cell_begin_[c + 1]; ++i) {
                        const std::uint32_t v = cell_nodes_[i];
                        const double dx = xs[v] - drone.at.x_m, dy = ys[v] - drone.at.y_m;
                        if (dx * dx + dy * dy > r2) continue;
                        if (covered_stamp_[v] != stamp_) {
                            covered_stamp_[v] = stamp_;
                            node_deterrence_[v] = fleet.spec.deterrence;
                            node_detection_[v] = fleet.spec.detection_probability;
                            node_detecting_fleet_[v] = f;
                            covered_nodes_.push_back(v);
                        } else {
                            node_deterrence_[v] = std::min(node_deterrence_[v], fleet.spec.deterrence);
                            if (fleet.spec.detection_probability > node_detection_[v]) {
                                node_detection_[v] = fleet.spec.detection_probability;
                                node_detecting_fleet_[v] = f;
                            }
                        }
                    }
                }
        }
    }
    if (covered_nodes_.empty()) return;
    std::uint64_t walking = 0;
    for (const std::uint32_t v : covered_nodes_) {
        ++node_camera_steps_[v];
        for (std::uint32_t a = city_.arc_begin(v), end = city_.arc_end(v); a < end; ++a) {
            const std::uint32_t s = city_.arc_segment(a);
            if (segment_stamp_[s] == stamp_) continue;
            segment_stamp_[s] = stamp_;
            ++segment_camera_steps_[s];
        }
        // Residents at the node who are walking: its count less those indoors who count as present.
        walking += occupancy.residents_at(v) - (occupancy.tracks_indoor() ? occupancy.indoor_at(v).size() : 0);
    }
    residents_under_camera_ = walking;
    if (walking == 0) return;
    // Who they are: one pass over the walkers (only on steps when a camera sees some).
    const std::size_t d_count = district_count_;
    residents.for_each_walker([&](std::uint32_t resident, std::uint32_t node) {
        if (covered_stamp_[node] != stamp_) return;
        const std::size_t d = node_district_[node];
        const ResidentTraits& traits = residents.traits(resident);
        ++privacy_steps_[0 * d_count + d];
        ++privacy_steps_[(traits.female ? 1 : 2) * d_count + d];
        ++privacy_steps_[static_cast<std::size_t>(3 + std::min<int>(traits.age_band, 2)) * d_count + d];
        ++privacy_steps_[(traits.minority ? 7 : 6) * d_count + d];
    });
}

bool DroneFleets::detects(std::uint32_t node, std::uint32_t offender, std::int64_t step) {
    if (!covered(node) || !(node_detection_[node] > 0)) return false;
    if (detection_rng_.uniform(offender, static_cast<std::uint32_t>(step)) >= node_detection_[node]) return false;
    ++fleets_[node_detecting_fleet_[node]].detections;
    return true;
}

void DroneFleets::update_zones(std::int64_t second) {
    for (std::size_t z = 0; z < zone_specs_.size(); ++z) {
        const NoFlyZoneSpec& zone = zone_specs_[z];
        zone_flags_[z] = window_active(zone.from_day, zone.to_day, zone.daily_from_h, zone.daily_to_h, second) ? 1 : 0;
    }
    if (airspace_.set_in_force(zone_flags_)) replan_after_zone_change();
}

// A zone came into or went out of force: every flight's remaining path is planned again; a drone
// whose target is now in a zone, or that finds itself inside one, heads home (leaving it first).
void DroneFleets::replan_after_zone_change() {
    for (Fleet& fleet : fleets_)
        for (Drone& drone : fleet.drones) {
            if (drone.state == State::docked) continue;
            if (drone.state == State::returning || airspace_.zone_containing(drone.at) >= 0) {
                head_home(fleet, drone);
                continue;
            }
            if (drone.state != State::outbound || drone.legs.empty()) continue;
            const PlanePoint target = drone.legs.back();
            if (airspace_.shortest_path(drone.at, target, scratch_legs_) < 0) {
                ++fleet.refused;
                head_home(fleet, drone);
                continue;
            }
            drone.legs = scratch_legs_;
            drone.next_leg = 0;
        }
}

double DroneFleets::time_home_s(Fleet& fleet, const Drone& drone) {
    return airspace_.distance_to(fleet.home, drone.at) / fleet.spec.speed_mps;
}

void DroneFleets::head_home(Fleet& fleet, Drone& drone) {
    drone.report = -1;
    drone.legs.clear();
    drone.next_leg = 0;
    drone.state = State::returning;
    PlanePoint from = drone.at;
    if (airspace_.zone_containing(from) >= 0) {
        from = airspace_.way_out(from);
        drone.legs.push_back(from);
    }
    if (airspace_.shortest_path(from, fleet.base, scratch_legs_) < 0) {
        scratch_legs_.assign(1, fleet.base);  // cut off from home (zones overlap around it): fly straight
    }
    drone.legs.insert(drone.legs.end(), scratch_legs_.begin(), scratch_legs_.end());
}

double DroneFleets::advance(Fleet& fleet, Drone& drone, double seconds) {
    const double speed = fleet.spec.speed_mps;
    const double reach_m = speed * seconds;
    double flown_m = 0;
    while (drone.next_leg < drone.legs.size() && flown_m < reach_m) {
        const PlanePoint target = drone.legs[drone.next_leg];
        const double d = distance_m(drone.at, target);
        const double left = reach_m - flown_m;
        if (d <= left) {
            drone.at = target;
            flown_m += d;
            ++drone.next_leg;
        } else {
            const double share = left / d;
            drone.at = {drone.at.x_m + (target.x_m - drone.at.x_m) * share,
                        drone.at.y_m + (target.y_m - drone.at.y_m) * share};
            flown_m = reach_m;
        }
    }
    const double used_s = flown_m / speed;
    drone.battery_s = std::max(0.0, drone.battery_s - used_s);
    fleet.flight_s += used_s;
    return used_s;
}

DroneFleets::Reach DroneFleets::can_reach_and_return(Fleet& fleet, PlanePoint from, double battery_s,
                                                    PlanePoint target) {
    if (airspace_.zone_containing(from) >= 0) return Reach::no_way;
    const double out_m = airspace_.shortest_path(from, target, scratch_legs_);
    if (out_m < 0) return Reach::no_way;
    const double back_m = airspace_.distance_to(fleet.home, target);
    if (back_m == infinity) return Reach::no_way;
    const double need_s =
        (out_m + back_m) / fleet.spec.speed_mps + fleet.spec.dwell_min * 60.0 + fleet.spec.reserve_min * 60.0;
    return battery_s >= need_s ? Reach::yes : Reach::too_far;
}

void DroneFleets::rank_hot_spots(Fleet& fleet, std::int64_t step) {
    fleet.hot_spot_step = step;
    fleet.hot_spots.clear();
    const auto window_steps = static_cast<std::int64_t>(std::llround(fleet.spec.hot_spot_window_days * 86400.0 / step_s_));
    touched_.clear();
    for (const RecordedCrime& crime : record_->between(step + 1 - window_steps, step + 1))
        if (segment_count_[crime.segment]++ == 0) touched_.push_back(crime.segment);
    std::sort(touched_.begin(), touched_.end(), [&](std::uint32_t a, std::uint32_t b) {
        return segment_count_[a] != segment_count_[b] ? segment_count_[a] > segment_count_[b] : a < b;
    });
    const std::size_t n = std::min<std::size_t>(touched_.size(), static_cast<std::size_t>(fleet.spec.hot_spot_count));
    fleet.hot_spots.assign(touched_.begin(), touched_.begin() + static_cast<std::ptrdiff_t>(n));
    for (const std::uint32_t s : touched_) segment_count_[s] = 0;
}

bool DroneFleets::next_target(Fleet& fleet, std::uint32_t index, std::int64_t step) {
    Drone& drone = fleet.drones[index];
    const auto step32 = static_cast<std::uint32_t>(step);
    auto take = [&] {
        drone.legs = scratch_legs_;
        drone.next_leg = 0;
        drone.state = State::outbound;
        return true;
    };
    // A target in a zone in force or cut off by zones is refused; so is one beyond a full battery.
    // A drone in the air whose battery no longer reaches the next target just goes home.
    const bool full = drone.state == State::docked;
    if (fleet.spec.mode == DroneMode::patrol) {
        if (fleet.area_nodes.empty()) return false;
        // A few draws: a refused waypoint makes way for another.
        for (int attempt = 0; attempt < 4; ++attempt) {
            const std::uint32_t k = patrol_rng_.below(static_cast<std::uint32_t>(fleet.area_nodes.size()),
                                                      fleet.first_drone + index, step32, drone.waypoints_drawn++);
            const Reach reach = can_reach_and_return(fleet, drone.at, drone.battery_s, node_point(city_, fleet.area_nodes[k]));
            if (reach == Reach::yes) return take();
            if (reach == Reach::too_far && !full) return false;
            ++fleet.refused;
        }
        return false;
    }
    if (fleet.spec.mode == DroneMode::hot_spots) {
        if (fleet.hot_spot_step != step) rank_hot_spots(fleet, step);
        // The fleet's drones take the hot spots in turn, most recorded crime first.
        for (std::size_t attempt = 0; attempt < fleet.hot_spots.size(); ++attempt) {
            const std::uint32_t s = fleet.hot_spots[fleet.next_hot_spot++ % fleet.hot_spots.size()];
            const PlanePoint a = node_point(city_, city_.segment_from()[s]), b = node_point(city_, city_.segment_to()[s]);
            const Reach reach =
                can_reach_and_return(fleet, drone.at, drone.battery_s, {(a.x_m + b.x_m) / 2, (a.y_m + b.y_m) / 2});
            if (reach == Reach::yes) return take();
            if (reach == Reach::too_far && !full) return false;
            ++fleet.refused;
        }
        return false;
    }
    return false;  // first responders fly only to reports (dispatch)
}

void DroneFleets::dispatch(Fleet& fleet, std::int64_t step) {
    const bool open = window_open(fleet, step * step_s_);
    const double full_s = fleet.spec.battery_min * 60.0;
    std::vector<PlanePoint> best_legs;
    std::size_t kept = 0;
    for (std::size_t p = 0; p < fleet.pending.size(); ++p) {
        const PoliceReport report = fleet.pending[p];
        if (!open) {  // the window closed before a drone was free
            ++fleet.unanswered;
            continue;
        }
        const PlanePoint scene = node_point(city_, report.node);
        if (airspace_.zone_containing(scene) >= 0) {
            ++fleet.refused;
            continue;
        }
        // The nearest drone by flight time that is free: ready at the base (fully charged, under the
        // cap) or on its way home; it must be able to hover there and still get home.
        std::int64_t best = -1;
        double best_m = infinity;
        bool any_path = false;
        for (std::size_t i = 0; i < fleet.drones.size(); ++i) {
            const Drone& drone = fleet.drones[i];
            const bool ready = drone.state == State::docked && drone.battery_s >= full_s && fleet.airborne < fleet.cap;
            if (!ready && drone.state != State::returning) continue;
            if (airspace_.zone_containing(drone.at) >= 0) continue;
            const double out_m = airspace_.shortest_path(drone.at, scene, scratch_legs_);
            if (out_m < 0) continue;
            any_path = true;
            if (out_m >= best_m || can_reach_and_return(fleet, drone.at, drone.battery_s, scene) != Reach::yes) continue;
            best = static_cast<std::int64_t>(i);
            best_m = out_m;
            best_legs = scratch_legs_;
        }
        if (best < 0) {
            const std::int64_t waited_s = (step - report.step_reported) * step_s_;
            const bool cut_off = !any_path && std::none_of(fleet.drones.begin(), fleet.drones.end(), [](const Drone& d) {
                return d.state == State::outbound || d.state == State::on_station;
            });
            if (cut_off) ++fleet.refused;  // no drone could ever get there
            else if (static_cast<double>(waited_s) + step_s_ > fleet.spec.response_window_min * 60.0) ++fleet.unanswered;
            else fleet.pending[kept++] = report;
            continue;
        }
        Drone& drone = fleet.drones[static_cast<std::size_t>(best)];
        if (drone.state == State::docked) {
            ++fleet.airborne;
            ++fleet.flights;
        }
        drone.legs = best_legs;
        drone.next_leg = 0;
        drone.state = State::outbound;
        drone.report = report.id;
        drone.report_event = report.event;
        drone.report_step = report.step_reported;
    }
    fleet.pending.resize(kept);
}

void DroneFleets::fly(std::int64_t step, const CrimeRecord& record, std::span<const PoliceReport> new_reports) {
    record_ = &record;
    update_zones(step * step_s_);
    // Each new report goes to one first-responder fleet: of those flying now, the one whose base is
    // nearest the scene (the first in the scenario on a tie), as police areas share out calls.
    for (const PoliceReport& report : new_reports) {
        Fleet* nearest = nullptr;
        double nearest_m = infinity;
        for (Fleet& fleet : fleets_) {
            if (fleet.spec.mode != DroneMode::first_responder || !window_open(fleet, step * step_s_)) continue;
            const double d = distance_m(fleet.base, node_point(city_, report.node));
            if (d < nearest_m) {
                nearest_m = d;
                nearest = &fleet;
            }
        }
        if (nearest) nearest->pending.push_back(report);
    }
    for (Fleet& fleet : fleets_) {
        if (fleet.spec.mode == DroneMode::first_responder) dispatch(fleet, step);
        const bool open = window_open(fleet, step * step_s_);
        for (std::uint32_t i = 0; i < fleet.drones.size(); ++i) fly_drone(fleet, i, step, open);
    }
    record_ = nullptr;
}

void DroneFleets::fly_drone(Fleet& fleet, std::uint32_t index, std::int64_t step, bool open) {
    Drone& drone = fleet.drones[index];
    const DroneFleetSpec& s = fleet.spec;
    const double full_s = s.battery_min * 60.0;
    const double reserve_s = s.reserve_min * 60.0;
    double remaining = step_s_;
    // Each pass uses some of the step, or changes state; the bound only guards against a patrol
    // area of one intersection with no hover time, where a drone would arrive again and again.
    for (int pass = 0; pass < 200 && remaining > 1e-9; ++pass) {
        switch (drone.state) {
        case State::docked: {
            if (drone.battery_s < full_s) {
                if (!(s.recharge_min > 0)) {
                    drone.battery_s = full_s;
                    continue;
                }
                const double rate = full_s / (s.recharge_min * 60.0);  // battery seconds per second
                const double need = (full_s - drone.battery_s) / rate;
                if (need <= remaining) {
                    drone.battery_s = full_s;
                    remaining -= need;
                } else {
                    drone.battery_s = std::min(full_s, drone.battery_s + remaining * rate);
                    remaining = 0;
                }
                continue;
            }
            if (!open || fleet.airborne >= fleet.cap || s.mode == DroneMode::first_responder ||
                !next_target(fleet, index, step)) {
                remaining = 0;
                continue;
            }
            ++fleet.airborne;
            ++fleet.flights;
            continue;
        }
        case State::outbound:
        case State::on_station: {
            if (!open) {  // the window closed: home
                head_home(fleet, drone);
                continue;
            }
            const double margin = drone.battery_s - time_home_s(fleet, drone) - reserve_s;
            if (margin < turn_home_margin_s) {
                head_home(fleet, drone);
                continue;
            }
            const double chunk = std::min(remaining, margin / 2);
            if (drone.state == State::outbound) {
                remaining -= advance(fleet, drone, chunk);
                if (drone.next_leg < drone.legs.size()) continue;
                if (drone.report >= 0) {
                    DroneResponse response;
                    response.report = static_cast<std::uint32_t>(drone.report);
                    response.event = drone.report_event;
                    response.step_reported = drone.report_step;
                    response.fleet = static_cast<std::uint32_t>(&fleet - fleets_.data());
                    response.drone = index;
                    const double arrival_s = static_cast<double>(step * step_s_) + (step_s_ - remaining);
                    response.response_s = arrival_s - static_cast<double>(drone.report_step * step_s_);
                    responses_.push_back(response);
                }
                drone.state = State::on_station;
                drone.dwell_left_s = s.dwell_min * 60.0;
                continue;
            }
            const double hover = std::min(chunk, drone.dwell_left_s);
            drone.battery_s = std::max(0.0, drone.battery_s - hover);
            fleet.flight_s += hover;
            drone.dwell_left_s -= hover;
            remaining -= hover;
            if (drone.dwell_left_s > 1e-9) continue;
            drone.dwell_left_s = 0;
            if (s.mode == DroneMode::first_responder || !next_target(fleet, index, step)) head_home(fleet, drone);
            continue;
        }
        case State::returning: {
            remaining -= advance(fleet, drone, remaining);
            if (drone.next_leg < drone.legs.size()) continue;
            drone.at = fleet.base;
            drone.legs.clear();
            drone.next_leg = 0;
            drone.state = State::docked;
            --fleet.airborne;
            continue;
        }
        }
    }
}

// What a checkpoint holds: every drone's state and path, each fleet's queue and totals, and the
// run's coverage totals and responses. Rebuilt by the constructor: the bases, areas, grid and
// airspace; the zones in force are set again for the last step run (without replanning, as the
// run had them); hot spot rankings are recomputed when next needed, from the record.
void DroneFleets::save_state(CheckpointWriter& out) const {
    out.put<std::uint64_t>(fleets_.size());
    for (const Fleet& fleet : fleets_) {
        out.put(fleet.airborne);
        out.put(fleet.next_hot_spot);
        out.put(fleet.flight_s);
        out.put(fleet.flights);
        out.put(fleet.refused);
        out.put(fleet.unanswered);
        out.put(fleet.detections);
        out.put<std::uint64_t>(fleet.pending.size());
        for (const PoliceReport& r : fleet.pending) {
            out.put(r.id);
            out.put(r.event);
            out.put(r.step_reported);
            out.put(r.node);
            out.put(r.segment);
            out.put(r.type);
            out.put(r.priority);
        }
        out.put<std::uint64_t>(fleet.drones.size());
        for (const Drone& d : fleet.drones) {
            out.put(d.at.x_m);
            out.put(d.at.y_m);
            out.put(static_cast<std::uint8_t>(d.state));
            out.put(d.battery_s);
            std::vector<double> legs;
            for (const PlanePoint p : d.legs) {
                legs.push_back(p.x_m);
                legs.push_back(p.y_m);
            }
            out.put_vector(legs);
            out.put(d.next_leg);
            out.put(d.dwell_left_s);
            out.put(d.report);
            out.put(d.report_event);
            out.put(d.report_step);
            out.put(d.waypoints_drawn);
        }
    }
    out.put_vector(node_camera_steps_);
    out.put_vector(segment_camera_steps_);
    out.put_vector(privacy_steps_);
    out.put<std::uint64_t>(responses_.size());
    for (const DroneResponse& r : responses_) {
        out.put(r.report);
        out.put(r.event);
        out.put(r.step_reported);
        out.put(r.fleet);
        out.put(r.drone);
        out.put(r.response_s);
    }
}

void DroneFleets::load_state(CheckpointReader& in, std::int64_t steps_done) {
    const std::uint64_t fleets = in.get<std::uint64_t>("drone fleets");
    in.check(fleets == fleets_.size(), "the checkpoint has " + std::to_string(fleets) + " drone fleets where the scenario has " +
                                           std::to_string(fleets_.size()));
    for (Fleet& fleet : fleets_) {
        fleet.airborne = in.get<std::uint32_t>("drones airborne");
        in.check(fleet.airborne <= fleet.cap, "more drones airborne than the fleet may fly");
        fleet.next_hot_spot = in.get<std::uint64_t>("next hot spot");
        fleet.flight_s = in.get<double>("flight time");
        fleet.flights = in.get<std::uint64_t>("flights");
        fleet.refused = in.get<std::uint64_t>("refused targets");
        fleet.unanswered = in.get<std::uint64_t>("unanswered reports");
        fleet.detections = in.get<std::uint64_t>("detections");
        const std::uint64_t pending = in.get_count(1u << 24, "pending reports");
        fleet.pending.clear();
        for (std::uint64_t p = 0; p < pending; ++p) {
            PoliceReport r;
            r.id = in.get<std::uint32_t>("report id");
            r.event = in.get<std::uint32_t>("report event");
            r.step_reported = in.get<std::int64_t>("report step");
            r.node = in.get<std::uint32_t>("report node");
            r.segment = in.get<std::uint32_t>("report segment");
            r.type = in.get<std::uint8_t>("report type");
            r.priority = in.get<std::uint8_t>("report priority");
            in.check(r.node < city_.node_count() && r.segment < city_.segment_count(), "a report off the city");
            fleet.pending.push_back(r);
        }
        const std::uint64_t drones = in.get<std::uint64_t>("drones");
        in.check(drones == fleet.drones.size(), "a drone fleet of another size");
        std::uint32_t flying = 0;
        for (Drone& d : fleet.drones) {
            d.at.x_m = in.get<double>("drone x");
            d.at.y_m = in.get<double>("drone y");
            const auto state = in.get<std::uint8_t>("drone state");
            in.check(state <= static_cast<std::uint8_t>(State::returning), "a drone in an unknown state");
            d.state = static_cast<State>(state);
            flying += d.state != State::docked;
            d.battery_s = in.get<double>("drone battery");
            in.check(d.battery_s >= 0 && d.battery_s <= fleet.spec.battery_min * 60.0, "a battery out of range");
            const std::vector<double> legs = in.get_vector<double>(1u << 20, "drone path");
            in.check(legs.size() % 2 == 0, "a drone path with half a point");
            d.legs.clear();
            for (std::size_t i = 0; i + 1 < legs.size(); i += 2) d.legs.push_back({legs[i], legs[i + 1]});
            d.next_leg = in.get<std::uint32_t>("drone next leg");
            in.check(d.next_leg <= d.legs.size(), "a drone past the end of its path");
            d.dwell_left_s = in.get<double>("drone hover time");
            d.report = in.get<std::int64_t>("drone report");
            d.report_event = in.get<std::uint32_t>("drone report event");
            d.report_step = in.get<std::int64_t>("drone report step");
            d.waypoints_drawn = in.get<std::uint32_t>("drone waypoints drawn");
        }
        in.check(flying == fleet.airborne, "the count of drones airborne does not match their states");
    }
    in.get_vector_into(node_camera_steps_, "camera steps per node");
    in.get_vector_into(segment_camera_steps_, "camera steps per segment");
    in.get_vector_into(privacy_steps_, "privacy footprint");
    const std::uint64_t responses = in.get_count(1u << 28, "drone responses");
    responses_.clear();
    for (std::uint64_t i = 0; i < responses; ++i) {
        DroneResponse r;
        r.report = in.get<std::uint32_t>("response report");
        r.event = in.get<std::uint32_t>("response event");
        r.step_reported = in.get<std::int64_t>("response step");
        r.fleet = in.get<std::uint32_t>("response fleet");
        r.drone = in.get<std::uint32_t>("response drone");
        r.response_s = in.get<double>("response time");
        in.check(r.fleet < fleets_.size(), "a response by a fleet the scenario lacks");
        responses_.push_back(r);
    }
    if (steps_done > 0) {
        const std::int64_t second = (steps_done - 1) * step_s_;
        for (std::size_t z = 0; z < zone_specs_.size(); ++z) {
            const NoFlyZoneSpec& zone = zone_specs_[z];
            zone_flags_[z] = window_active(zone.from_day, zone.to_day, zone.daily_from_h, zone.daily_to_h, second) ? 1 : 0;
        }
        airspace_.set_in_force(zone_flags_);
    }
}

void DroneFleets::fill(RunResult& result) const {
    DroneResults& out = result.drones;
    const double step_min = step_s_ / 60.0;
    for (const Fleet& fleet : fleets_) {
        DroneFleetResult f;
        f.name = fleet.label;
        f.mode = mode_name(fleet.spec.mode);
        f.drones = static_cast<std::uint32_t>(fleet.drones.size());
        f.flight_s = fleet.flight_s;
        f.flights = fleet.flights;
        f.refused_targets = fleet.refused;
        f.unanswered_reports = fleet.unanswered;
        f.detections = fleet.detections;
        out.fleets.push_back(f);
    }
    out.responses = responses_;
    for (const District& d : city_.districts()) out.district_names.push_back(d.name);
    if (out.district_names.empty()) out.district_names.emplace_back("");
    out.privacy_groups.assign(group_names, group_names + group_count);
    out.privacy_minutes.assign(group_count, std::vector<double>(district_count_, 0.0));
    for (std::size_t g = 0; g < group_count; ++g)
        for (std::size_t d = 0; d < district_count_; ++d)
            out.privacy_minutes[g][d] = static_cast<double>(privacy_steps_[g * district_count_ + d]) * step_min;
    out.node_camera_min.resize(node_camera_steps_.size());
    for (std::size_t v = 0; v < node_camera_steps_.size(); ++v) out.node_camera_min[v] = node_camera_steps_[v] * step_min;
    out.segment_camera_min.resize(segment_camera_steps_.size());
    for (std::size_t s = 0; s < segment_camera_steps_.size(); ++s)
        out.segment_camera_min[s] = segment_camera_steps_[s] * step_min;
}

}  // namespace streetwise
