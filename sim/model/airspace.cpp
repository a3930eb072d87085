#include "sim/model/airspace.hpp"

#include <algorithm>
#include <limits>

#include "sim/city/local_projection.hpp"

namespace streetwise {

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
// How far outside a zone the corners of a path lie: enough to stay clear of rounding, too little to
// matter for flight times.
constexpr double corner_push_m = 0.01;

double cross(PlanePoint o, PlanePoint a, PlanePoint b) {
    return (a.x_m - o.x_m) * (b.y_m - o.y_m) - (a.y_m - o.y_m) * (b.x_m - o.x_m);
}

double signed_area(const std::vector<PlanePoint>& polygon) {
    double twice = 0;
    for (std::size_t i = 0, n = polygon.size(); i < n; ++i) {
        const PlanePoint a = polygon[i], b = polygon[(i + 1) % n];
        twice += a.x_m * b.y_m - b.x_m * a.y_m;
    }
    return twice / 2;
}

PlanePoint closest_on_segment(PlanePoint a, PlanePoint b, PlanePoint p) {
    const double dx = b.x_m - a.x_m, dy = b.y_m - a.y_m;
    const double length_sq = dx * dx + dy * dy;
    if (length_sq <= 0) return a;
    const double t = std::clamp(((p.x_m - a.x_m) * dx + (p.y_m - a.y_m) * dy) / length_sq, 0.0, 1.0);
    return {a.x_m + t * dx, a.y_m + t * dy};
}

double distance_to_boundary_m(const std::vector<PlanePoint>& polygon, PlanePoint p) {
    double best = infinity;
    for (std::size_t i = 0, n = polygon.size(); i < n; ++i)
        best = std::min(best, distance_m(p, closest_on_segment(polygon[i], polygon[(i + 1) % n], p)));
    return best;
}

bool inside_by_crossings(const std::vector<PlanePoint>& polygon, PlanePoint p) {
    bool inside = false;
    for (std::size_t i = 0, n = polygon.size(), j = n - 1; i < n; j = i++) {
        const PlanePoint a = polygon[i], b = polygon[j];
        if ((a.y_m > p.y_m) != (b.y_m > p.y_m) &&
            p.x_m < (b.x_m - a.x_m) * (p.y_m - a.y_m) / (b.y_m - a.y_m) + a.x_m)
            inside = !inside;
    }
    return inside;
}

}  // namespace

bool strictly_inside(const std::vector<PlanePoint>& polygon, PlanePoint p, double tolerance_m) {
    return inside_by_crossings(polygon, p) && distance_to_boundary_m(polygon, p) > tolerance_m;
}

// The leg is cut where it meets the boundary; it enters the inside exactly when the middle of one
// of the pieces is inside. Touching a corner or running along an edge leaves every piece outside.
bool segment_enters(const std::vector<PlanePoint>& polygon, PlanePoint a, PlanePoint b) {
    const double rx = b.x_m - a.x_m, ry = b.y_m - a.y_m;
    const double length_sq = rx * rx + ry * ry;
    if (length_sq <= 0) return strictly_inside(polygon, a);
    double cuts[64];
    std::vector<double> more;  // only for polygons with many corners
    std::size_t count = 0;
    auto add = [&](double t) {
        if (!(t > 0 && t < 1)) return;
        if (count < 64) cuts[count++] = t;
        else more.push_back(t);
    };
    for (std::size_t i = 0, n = polygon.size(); i < n; ++i) {
        const PlanePoint c = polygon[i], d = polygon[(i + 1) % n];
        const double sx = d.x_m - c.x_m, sy = d.y_m - c.y_m;
        const double qx = c.x_m - a.x_m, qy = c.y_m - a.y_m;
        const double denominator = rx * sy - ry * sx;
        const double scale = std::sqrt(length_sq * (sx * sx + sy * sy));
        if (std::fabs(denominator) > 1e-12 * scale) {
            const double t = (qx * sy - qy * sx) / denominator;
            const double u = (qx * ry - qy * rx) / denominator;
            if (u >= -1e-12 && u <= 1 + 1e-12) add(t);
        } else {
            // Parallel: where the edge's ends fall along the leg, if they lie on it.
            add((qx * rx + qy * ry) / length_sq);
            add(((d.x_m - a.x_m) * rx + (d.y_m - a.y_m) * ry) / length_sq);
        }
    }
    std::vector<double> all(cuts, cuts + count);
    all.insert(all.end(), more.begin(), more.end());
    all.push_back(0.0);
    all.push_back(1.0);
    std::sort(all.begin(), all.end());
    for (std::size_t i = 0; i + 1 < all.size(); ++i) {
        if (all[i + 1] - all[i] <= 1e-12) continue;
        const double t = (all[i] + all[i + 1]) / 2;
        if (strictly_inside(polygon, {a.x_m + t * rx, a.y_m + t * ry})) return true;
    }
    return false;
}

std::vector<PlanePoint> convex_hull(std::vector<PlanePoint> points) {
    std::sort(points.begin(), points.end(), [](PlanePoint a, PlanePoint b) {
        return a.x_m < b.x_m || (a.x_m == b.x_m && a.y_m < b.y_m);
    });
    points.erase(std::unique(points.begin(), points.end(),
                             [](PlanePoint a, PlanePoint b) { return a.x_m == b.x_m && a.y_m == b.y_m; }),
                 points.end());
    if (points.size() < 3) return points;
    std::vector<PlanePoint> hull(2 * points.size());
    std::size_t k = 0;
    for (const PlanePoint p : points) {
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0) --k;
        hull[k++] = p;
    }
    for (std::size_t i = points.size() - 1, lower = k + 1; i-- > 0;) {
        while (k >= lower && cross(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
        hull[k++] = points[i];
    }
    hull.resize(k - 1);
    return hull;
}

std::vector<PlanePoint> widen_convex(const std::vector<PlanePoint>& hull, double margin_m) {
    if (!(margin_m > 0)) return hull;
    constexpr double pi = 3.14159265358979323846;
    const double reach_m = margin_m / std::cos(pi / 8);  // the octagon's corners, outside the circle
    std::vector<PlanePoint> points;
    points.reserve(hull.size() * 8);
    for (const PlanePoint p : hull)
        for (int k = 0; k < 8; ++k) {
            const double angle = pi / 8 + k * pi / 4;
            points.push_back({p.x_m + reach_m * std::cos(angle), p.y_m + reach_m * std::sin(angle)});
        }
    return convex_hull(std::move(points));
}

PlanePoint lonlat_to_local(double lon, double lat, double origin_lon, double origin_lat) {
    const LocalProjection projection(origin_lon, origin_lat);  // the OSM import's, so zones and streets agree
    return {projection.x_m(lon), projection.y_m(lat)};
}

Airspace::Airspace(std::vector<std::vector<PlanePoint>> zones) {
    for (std::vector<PlanePoint>& corners : zones) {
        Zone zone;
        if (signed_area(corners) < 0) std::reverse(corners.begin(), corners.end());  // counter-clockwise
        zone.corners = std::move(corners);
        const auto& c = zone.corners;
        const std::size_t n = c.size();
        zone.min_x = zone.max_x = c[0].x_m;
        zone.min_y = zone.max_y = c[0].y_m;
        for (std::size_t i = 0; i < n; ++i) {
            zone.min_x = std::min(zone.min_x, c[i].x_m);
            zone.max_x = std::max(zone.max_x, c[i].x_m);
            zone.min_y = std::min(zone.min_y, c[i].y_m);
            zone.max_y = std::max(zone.max_y, c[i].y_m);
            const PlanePoint before = c[(i + n - 1) % n], at = c[i], after = c[(i + 1) % n];
            // Shortest paths bend only at convex corners (a taut string never wraps a reflex one).
            if (cross(before, at, after) <= 0) continue;
            const double l1 = distance_m(before, at), l2 = distance_m(at, after);
            // Outward normals of the two edges (right of the direction of travel, counter-clockwise).
            const double n1x = (at.y_m - before.y_m) / l1, n1y = -(at.x_m - before.x_m) / l1;
            const double n2x = (after.y_m - at.y_m) / l2, n2y = -(after.x_m - at.x_m) / l2;
            double bx = n1x + n2x, by = n1y + n2y;
            const double bl = std::sqrt(bx * bx + by * by);
            bx /= bl;
            by /= bl;
            // Far enough along the bisector to be corner_push_m from both edges' lines.
            const double along = corner_push_m / std::max(bx * n1x + by * n1y, 0.01);
            zone.outer_corners.push_back({at.x_m + along * bx, at.y_m + along * by});
        }
        zones_.push_back(std::move(zone));
    }
    active_.assign(zones_.size(), 0);
}

bool Airspace::set_in_force(const std::vector<std::uint8_t>& active) {
    if (active == active_) return false;
    active_ = active;
    rebuild_graph();
    return true;
}

int Airspace::zone_containing(PlanePoint p) const {
    for (std::size_t z = 0; z < zones_.size(); ++z) {
        const Zone& zone = zones_[z];
        if (!active_[z] || p.x_m <= zone.min_x || p.x_m >= zone.max_x || p.y_m <= zone.min_y || p.y_m >= zone.max_y)
            continue;
        if (strictly_inside(zone.corners, p)) return static_cast<int>(z);
    }
    return -1;
}

bool Airspace::leg_clear(PlanePoint a, PlanePoint b) const {
    for (std::size_t z = 0; z < zones_.size(); ++z) {
        const Zone& zone = zones_[z];
        if (!active_[z]) continue;
        if (std::max(a.x_m, b.x_m) <= zone.min_x || std::min(a.x_m, b.x_m) >= zone.max_x ||
            std::max(a.y_m, b.y_m) <= zone.min_y || std::min(a.y_m, b.y_m) >= zone.max_y)
            continue;
        if (segment_enters(zone.corners, a, b)) return false;
    }
    return true;
}

PlanePoint Airspace::way_out(PlanePoint p) const {
    // A few rounds, for zones that overlap: leaving one may land in the next.
    for (int round = 0; round < 8; ++round) {
        const int z = zone_containing(p);
        if (z < 0) return p;
        const auto& c = zones_[static_cast<std::size_t>(z)].corners;
        PlanePoint best = c[0];
        double best_m = infinity;
        for (std::size_t i = 0, n = c.size(); i < n; ++i) {
            const PlanePoint q = closest_on_segment(c[i], c[(i + 1) % n], p);
            if (const double d = distance_m(p, q); d < best_m) {
                best_m = d;
                best = q;
            }
        }
        const double dx = best.x_m - p.x_m, dy = best.y_m - p.y_m;
        const double length = std::max(std::sqrt(dx * dx + dy * dy), 1e-9);
        p = {best.x_m + corner_push_m * dx / length, best.y_m + corner_push_m * dy / length};
    }
    return p;
}

void Airspace::rebuild_graph() {
    ++graph_version_;
    corners_.clear();
    for (std::size_t z = 0; z < zones_.size(); ++z)
        if (active_[z])
            for (const PlanePoint p : zones_[z].outer_corners)
                if (zone_containing(p) < 0) corners_.push_back(p);
    const std::size_t n = corners_.size();
    corner_edge_m_.assign(n * n, infinity);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            if (leg_clear(corners_[i], corners_[j]))
                corner_edge_m_[i * n + j] = corner_edge_m_[j * n + i] = distance_m(corners_[i], corners_[j]);
}

void Airspace::search_from(PlanePoint from, std::vector<double>& distance, std::vector<int>& previous) const {
    // Dense Dijkstra: a few dozen corners, so an O(n^2) scan beats a heap. Ties go to the lower
    // corner index, so paths do not depend on anything but the zones.
    const std::size_t n = corners_.size();
    distance.assign(n, infinity);
    previous.assign(n, -1);
    std::vector<std::uint8_t> done(n, 0);
    for (std::size_t i = 0; i < n; ++i)
        if (leg_clear(from, corners_[i])) distance[i] = distance_m(from, corners_[i]);
    for (;;) {
        std::size_t best = n;
        for (std::size_t i = 0; i < n; ++i)
            if (!done[i] && distance[i] < infinity && (best == n || distance[i] < distance[best])) best = i;
        if (best == n) break;
        done[best] = 1;
        for (std::size_t j = 0; j < n; ++j) {
            const double edge = corner_edge_m_[best * n + j];
            if (done[j] || edge == infinity) continue;
            if (distance[best] + edge < distance[j]) {
                distance[j] = distance[best] + edge;
                previous[j] = static_cast<int>(best);
            }
        }
    }
}

double Airspace::shortest_path(PlanePoint from, PlanePoint to, std::vector<PlanePoint>& legs) const {
    legs.clear();
    if (zone_containing(to) >= 0) return -1;
    if (leg_clear(from, to)) {
        legs.push_back(to);
        return distance_m(from, to);
    }
    std::vector<double> distance;
    std::vector<int> previous;
    search_from(from, distance, previous);
    int last = -1;
    double best = infinity;
    for (std::size_t i = 0; i < corners_.size(); ++i) {
        if (distance[i] == infinity) continue;
        const double total = distance[i] + distance_m(corners_[i], to);
        if (total < best && leg_clear(corners_[i], to)) {
            best = total;
            last = static_cast<int>(i);
        }
    }
    if (last < 0) return -1;
    for (int i = last; i >= 0; i = previous[static_cast<std::size_t>(i)]) legs.push_back(corners_[static_cast<std::size_t>(i)]);
    std::reverse(legs.begin(), legs.end());
    legs.push_back(to);
    return best;
}

double Airspace::distance_to(Beacon& beacon, PlanePoint from) const {
    if (leg_clear(from, beacon.at)) return distance_m(from, beacon.at);
    if (beacon.graph_version != graph_version_) {
        std::vector<int> previous;
        search_from(beacon.at, beacon.corner_distance_m, previous);
        beacon.graph_version = graph_version_;
    }
    double best = infinity;
    for (std::size_t i = 0; i < corners_.size(); ++i) {
        const double via = beacon.corner_distance_m[i];
        if (via == infinity) continue;
        const double total = distance_m(from, corners_[i]) + via;
        if (total < best && leg_clear(from, corners_[i])) best = total;
    }
    return best;
}

}  // namespace streetwise
