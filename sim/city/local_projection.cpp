#include "sim/city/local_projection.hpp"

#include <cmath>

namespace streetwise {

LocalProjection::LocalProjection(double origin_lon, double origin_lat) : origin_lon_(origin_lon), origin_lat_(origin_lat) {
    constexpr double pi = 3.14159265358979323846;
    constexpr double semi_major_m = 6378137.0;
    constexpr double eccentricity_sq = 6.69437999014e-3;
    const double lat_rad = origin_lat * pi / 180.0;
    const double w = 1.0 - eccentricity_sq * std::sin(lat_rad) * std::sin(lat_rad);
    const double meridional_m = semi_major_m * (1.0 - eccentricity_sq) / (w * std::sqrt(w));
    const double prime_vertical_m = semi_major_m / std::sqrt(w);
    m_per_deg_lat_ = meridional_m * pi / 180.0;
    m_per_deg_lon_ = prime_vertical_m * std::cos(lat_rad) * pi / 180.0;
}

}  // namespace streetwise
