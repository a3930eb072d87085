#include "viz/ui/map_legend.hpp"

#include <algorithm>
#include <cstdio>

#include "sim/city/city.hpp"

namespace streetwise::viz {

namespace {

std::string format(const char* pattern, auto... values) {
    char text[256];
    std::snprintf(text, sizeof text, pattern, values...);
    return text;
}

}  // namespace

std::vector<LegendRow> map_legend_rows(const FrameSnapshot& snapshot, const MapLayers& layers, const Palette& palette,
                                       const SegmentDifference* difference) {
    std::vector<LegendRow> rows;
    if (snapshot.replay) rows.push_back({0, "replay: run files hold crimes, not agent positions"});

    std::uint32_t counts[agent_kind_count] = {};
    for (const AgentPoint& a : snapshot.agents) ++counts[static_cast<int>(a.kind)];
    const char* labels[agent_kind_count] = {"residents on the street", "offenders", "police", "extra patrols",
                                            "police cars", "drones in the air"};
    if (!snapshot.replay && snapshot.residents_total == 0) labels[static_cast<int>(AgentKind::offender)] = "burglars";
    if (snapshot.police_force) labels[static_cast<int>(AgentKind::police)] = "police on foot";
    for (int k = 0; k < agent_kind_count && !snapshot.replay; ++k) {
        const auto kind = static_cast<AgentKind>(k);
        if (kind == AgentKind::resident && snapshot.residents_total == 0)
            continue;  // a model without residents (the Short et al. lattice)
        else if (kind == AgentKind::resident)
            rows.push_back({palette.agent[k], format("%s: %u of %u", labels[k], counts[k], snapshot.residents_total)});
        else if (kind == AgentKind::drone && snapshot.drone_fleets > 0)
            rows.push_back({palette.agent[k], format("%s: %u of %u", labels[k], counts[k], snapshot.drones_total), false, false,
                            LegendSwatch::diamond});
        else if (counts[k] > 0)
            rows.push_back({palette.agent[k], format("%s: %u", labels[k], counts[k]), false, false,
                            kind == AgentKind::police_car ? LegendSwatch::car : LegendSwatch::square});
    }
    if (snapshot.police_force && !snapshot.replay) {
        std::uint32_t on_street = 0;
        for (const AgentPoint& a : snapshot.agents) on_street += a.kind == AgentKind::police || a.kind == AgentKind::police_car;
        if (on_street < snapshot.police_units)
            rows.push_back({0, format("police off duty (at their stations): %u", snapshot.police_units - on_street)});
    }
    if (layers.drone_cameras && snapshot.drone_fleets > 0 && !snapshot.replay) {
        float low = 0, high = 0;
        for (const CameraFootprint& f : snapshot.camera_footprints) {
            low = low == 0 ? f.radius_m : std::min(low, f.radius_m);
            high = std::max(high, f.radius_m);
        }
        std::string radius = low == high ? format("radius %.0f m", static_cast<double>(high))
                                         : format("radius %.0f-%.0f m", static_cast<double>(low), static_cast<double>(high));
        rows.push_back({palette.camera_rim,
                        snapshot.camera_footprints.empty() ? std::string("drone cameras: none in the air")
                                                           : "drone cameras: the ground each drone sees (" + radius + ")",
                        false, false, LegendSwatch::disc});
    }
    if (layers.dispatch && snapshot.police_force && !snapshot.replay)
        rows.push_back({palette.dispatch_line,
                        format("dispatch: %zu on the way to a report, %u reports waiting", snapshot.dispatch_lines.size(),
                               snapshot.reports_waiting),
                        false, false, LegendSwatch::dashed_line});

    if (layers.field && !snapshot.node_field.empty()) {
        const auto [lowest, highest] = std::minmax_element(snapshot.node_field.begin(), snapshot.node_field.end());
        rows.push_back({palette.heat_high, format("%s: %.3g (yellow) to %.3g (dark red)", snapshot.node_field_name.c_str(),
                                                  static_cast<double>(*lowest), static_cast<double>(*highest))});
    }

    if (layers.app_alerts && (snapshot.reporting_apps || !snapshot.recent_alerts.empty())) {
        // As many as the map draws: those of the hour, of the crime types shown.
        rows.push_back({palette.alert,
                        format("app alerts in the last hour: %zu (outer ring: the peers reached; small: contacts only)",
                               snapshot.alerts_in_last_hour(layers.crime_types_shown)),
                        false, false, LegendSwatch::rings});
    }

    // The street colourings take each other's place as draw_map does: insecurity, attractiveness, heat.
    const bool insecurity = layers.insecurity && layers.streets && !difference && !snapshot.district_insecurity.empty();
    if (insecurity) {
        LegendRow ramp{0, "insecurity index, 0-100, mean of residents living in the district"};
        ramp.ramp = true;
        ramp.ramp_scale = LegendRamp::insecurity;
        ramp.dark_background = map_background_dark(snapshot, layers, palette);
        rows.push_back(ramp);
        const auto [lowest, highest] = std::minmax_element(snapshot.district_insecurity.begin(), snapshot.district_insecurity.end());
        rows.push_back({0, format("bar: 0 (left) to 100 (right); districts now %.0f to %.0f", static_cast<double>(*lowest),
                                  static_cast<double>(*highest))});
    }

    const bool attractiveness = layers.attractiveness && layers.streets && !difference && !insecurity;
    if (attractiveness && !snapshot.segment_field.empty()) {
        const float highest = *std::max_element(snapshot.segment_field.begin(), snapshot.segment_field.end());
        LegendRow ramp{0, format("%s: 0 to %.3g, log scale of 1 + B", snapshot.segment_field_name.c_str(),
                                 static_cast<double>(highest))};
        ramp.ramp = true;
        ramp.dark_background = map_background_dark(snapshot, layers, palette);
        rows.push_back(ramp);
        rows.push_back({0, snapshot.segment_field_meaning + "; faint streets: B = 0"});
    } else if (attractiveness) {
        rows.push_back({0, "attractiveness B: this run has no street attractiveness field"});
    }

    if (difference) {
        rows.push_back({palette.difference_more, "streets with more crime in B than in A"});
        rows.push_back({palette.difference_less, "streets with less crime in B than in A"});
    } else if (layers.crime_heat && layers.streets && !insecurity && !(attractiveness && !snapshot.segment_field.empty())) {
        std::uint32_t max_crimes = 0;
        for (const std::uint32_t c : snapshot.segment_crimes_of_types(layers.crime_types_shown)) max_crimes = std::max(max_crimes, c);
        const bool filtered =
            std::find(layers.crime_types_shown.begin(), layers.crime_types_shown.end(), false) != layers.crime_types_shown.end();
        rows.push_back({palette.heat_high, format("crime heat: %s per street so far (max %u)",
                                                  filtered ? "crimes of the chosen types" : "crimes", max_crimes)});
    }
    for (const std::string& active : snapshot.active_interventions) rows.push_back({0, "now: " + active});
    return rows;
}

std::vector<std::string> street_details(const City& city, const FrameSnapshot& snapshot, std::uint32_t s) {
    std::vector<std::string> lines;
    const std::string& name = city.street_names()[city.segment_name()[s]];
    lines.push_back(format("street segment #%u%s%s", s, name.empty() ? "" : ": ", name.c_str()));
    lines.push_back(format("%s, %.0f m long", std::string(to_string(city.segment_road_class()[s])).c_str(),
                           static_cast<double>(city.segment_length_m()[s])));
    lines.push_back(format("lighting %.1f lx%s", static_cast<double>(city.segment_lux()[s]),
                           city.segment_lux()[s] < snapshot.dark_lux_threshold ? " (dark at night)" : ""));
    lines.push_back(format("land use %s", std::string(to_string(city.segment_land_use()[s])).c_str()));
    const auto d = city.segment_district()[s];
    if (d < city.districts().size()) lines.push_back(format("district %s", city.districts()[d].name.c_str()));
    if (d < snapshot.district_insecurity.size())
        lines.push_back(format("district insecurity index: %.0f of 100", static_cast<double>(snapshot.district_insecurity[d])));
    if (s < snapshot.segment_crimes.size()) lines.push_back(format("crimes so far: %u", snapshot.segment_crimes[s]));
    if (s < snapshot.segment_field.size()) {
        const double b = snapshot.segment_field[s];
        lines.push_back(format("attractiveness B: %.3g (offenders offend %.3g times as often here)", b, 1.0 + b));
    }
    return lines;
}

}  // namespace streetwise::viz
