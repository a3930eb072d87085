#pragma once
// Longitude/latitude to the city's local metres: the one projection every map reader uses (the OSM
// import for streets and places, the airspace for no-fly zones given in lon/lat), so they agree.
//
// Equirectangular projection about the origin, using the WGS84 ellipsoid's radii of curvature at
// the origin latitude (M north-south, N cos(lat) east-west). The only error is the east-west
// scale drifting with latitude, by tan(lat0) * dlat: about 0.08 % 5 km north or south of the
// origin at 45 deg, so under 0.1 % for a city-sized extract; good enough for walking distances.
namespace streetwise {

class LocalProjection {
public:
    LocalProjection(double origin_lon, double origin_lat);
    double x_m(double lon) const { return (lon - origin_lon_) * m_per_deg_lon_; }
    double y_m(double lat) const { return (lat - origin_lat_) * m_per_deg_lat_; }

private:
    double origin_lon_;
    double origin_lat_;
    double m_per_deg_lat_ = 0.0;
    double m_per_deg_lon_ = 0.0;
};

}  // namespace streetwise
