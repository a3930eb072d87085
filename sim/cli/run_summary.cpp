#include "sim/cli/run_summary.hpp"

#include "sim/model/crime_type.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include <cstdio>
#include <map>
#include <ostream>
#include <vector>

#include "analysis/concentration.hpp"
#include "sim/io/run_file.hpp"
#include "analysis/near_repeat.hpp"
#include "sim/city/city.hpp"
#include "sim/model/intervention.hpp"

namespace streetwise {

std::string with_thousands(std::uint64_t value) {
    std::string digits = std::to_string(value);
    for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return digits;
}

namespace {
std::string format(const char* pattern, double value) {
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}
// The middle of `values` (sorted here), the mean of the two middle ones for an even count.
double median_of(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    if (n == 0) return 0;
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The equity view: the 10% of segments with most true crime (ties to the lower id), their share of
// it, and their share of the time police (or cameras) spent on each segment.
void print_equity(std::ostream& out, const char* indent, const RunResult& r, const std::vector<double>& segment_minutes,
                  const char* whose_time) {
    const auto& crimes = r.segment_crime_count;
    if (segment_minutes.size() != crimes.size()) return;
    std::vector<std::uint32_t> order(crimes.size());
    for (std::uint32_t s = 0; s < order.size(); ++s) order[s] = s;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return crimes[a] != crimes[b] ? crimes[a] > crimes[b] : a < b; });
    const std::size_t top = (order.size() + 9) / 10;
    double crime_total = 0, crime_top = 0, minutes = 0, minutes_top = 0;
    for (const std::uint32_t c : crimes) crime_total += c;
    for (const double m : segment_minutes) minutes += m;
    for (std::size_t i = 0; i < top && i < order.size(); ++i) {
        crime_top += crimes[order[i]];
        minutes_top += segment_minutes[order[i]];
    }
    if (crime_total > 0 && minutes > 0)
        out << indent << "equity: the 10% of segments with most true crime hold " << format("%.1f", 100.0 * crime_top / crime_total)
            << "% of it and got " << format("%.1f", 100.0 * minutes_top / minutes) << "% of " << whose_time << "\n";
}

// The police force: reports, response times, arrests, officer hours, and the equity view (where
// police spend their time against where true crime happens).
void print_police_summary(std::ostream& out, const RunResult& r) {
    std::vector<double> responses;
    std::uint64_t arrests = 0;
    for (const ReportOutcome& report : r.police.reports) {
        arrests += report.arrested;
        if (report.step_arrived >= 0) responses.push_back(report.response_s);
    }
    std::sort(responses.begin(), responses.end());
    double minutes = 0;
    for (const double m : r.police.segment_police_minutes) minutes += m;
    out << "  police: " << with_thousands(r.police.reports.size()) << " reports, "
        << with_thousands(responses.size()) << " reached";
    if (!responses.empty())
        out << " (response median " << format("%.0f", median_of(responses)) << " s, 90th percentile "
            << format("%.0f", responses[std::min(responses.size() - 1, responses.size() * 9 / 10)]) << " s)";
    out << "; " << with_thousands(arrests) << " arrests; " << format("%.0f", minutes / 60.0) << " officer hours\n";
    print_equity(out, "  ", r, r.police.segment_police_minutes, "police time");
}

// With police dispatch and first-responder drones: per report, whoever got there first.
void print_first_on_scene(std::ostream& out, const RunResult& r) {
    std::map<std::uint32_t, double> drone_s;  // by crime event: the first drone's arrival
    for (const DroneResponse& d : r.drones.responses) {
        const auto [at, fresh] = drone_s.emplace(d.event, d.response_s);
        if (!fresh) at->second = std::min(at->second, d.response_s);
    }
    std::vector<double> first;
    std::size_t drone_first = 0;
    for (const ReportOutcome& report : r.police.reports) {
        const auto drone = drone_s.find(report.event);
        const bool police = report.step_arrived >= 0;
        if (!police && drone == drone_s.end()) continue;
        const bool by_drone = drone != drone_s.end() && (!police || drone->second < report.response_s);
        first.push_back(by_drone ? drone->second : report.response_s);
        drone_first += by_drone;
    }
    if (first.empty()) return;
    double sum = 0;
    for (const double t : first) sum += t;
    out << "          first on scene, police or drone: " << with_thousands(first.size()) << " reports, median "
        << format("%.0f", median_of(first)) << " s, mean " << format("%.0f", sum / static_cast<double>(first.size()))
        << " s; a drone was first at " << format("%.0f", 100.0 * static_cast<double>(drone_first) / static_cast<double>(first.size()))
        << "% of them\n";
}

// Issue 7: how crime reached (or did not reach) the institutions, the apps' benefits beside the
// personal data they collect, victim support and trust.
void print_reporting(std::ostream& out, const RunResult& r) {
    const ReportingOutput& rep = r.reporting;
    std::uint64_t total = 0, recorded = 0;
    std::array<std::uint64_t, 4> mix{};
    for (const auto& row : rep.channel_mix)
        for (std::size_t m = 0; m < 4 && m < row.size(); ++m) {
            mix[m] += row[m];
            total += row[m];
        }
    for (const std::uint64_t n : rep.recorded_by_type) recorded += n;
    const double dark = total > 0 ? 100.0 * static_cast<double>(total - recorded) / static_cast<double>(total) : 0.0;
    out << "reporting: " << with_thousands(total) << " crimes; police only " << with_thousands(mix[0]) << ", app only "
        << with_thousands(mix[1]) << ", both " << with_thousands(mix[2]) << ", nobody " << with_thousands(mix[3]) << "\n";
    out << "dark figure: " << format("%.1f", dark) << "% of true crime never recorded (" << with_thousands(total - recorded)
        << " of " << with_thousands(total) << "); known to:";
    for (std::size_t h = 0; h < rep.holders.size(); ++h)
        if (rep.known_by_holder[h] > 0) out << " " << rep.holders[h] << " " << with_thousands(rep.known_by_holder[h]);
    out << "\n";
    // Where the dark figure is: the districts with crime, recorded against true.
    std::string districts;
    for (std::size_t d = 0; d < rep.district_names.size(); ++d)
        if (rep.district_true[d] > 0)
            districts += (districts.empty() ? "" : ", ") + rep.district_names[d] + " " +
                         with_thousands(rep.district_recorded[d]) + "/" + with_thousands(rep.district_true[d]);
    if (!districts.empty()) out << "  recorded of true crime by district: " << districts << "\n";
    for (std::size_t k = 0; k < rep.apps.size(); ++k) {
        const AppResult& a = rep.apps[k];
        std::string holders, items;
        for (const std::string& h : a.holders) holders += (holders.empty() ? "" : ", ") + h;
        for (const std::string& d : a.data_items) items += (items.empty() ? "" : ", ") + d;
        out << (k == 0 ? "apps: " : "      ") << "\"" << a.name << "\" (" << a.kind << "): "
            << with_thousands(a.adopters_end) << " users, " << with_thousands(a.reports) << " reports ("
            << with_thousands(a.recorded_via_app) << " recorded through it)";
        if (a.kind == "alerting")
            out << ", " << with_thousands(a.alerts) << " SOS to " << with_thousands(a.recipients) << " people, "
                << with_thousands(a.responders) << " came, " << with_thousands(a.emergency_calls) << " emergency calls";
        // The ethical side beside the benefit: what personal data the reports left, and with whom.
        out << "; data: " << with_thousands(a.data_records) << " items (" << (items.empty() ? "none" : items)
            << ") held by " << (holders.empty() ? "nobody" : holders) << "\n";
    }
    for (std::size_t s = 0; s < rep.services.size(); ++s) {
        const VictimSupportResult& v = rep.services[s];
        out << (s == 0 ? "victim support: " : "                ") << "\"" << v.name << "\": "
            << with_thousands(v.referrals) << " referrals (" << with_thousands(v.from_police) << " from the police), "
            << with_thousands(v.reached) << " victims reached, " << with_thousands(v.turned_away)
            << " turned away for lack of capacity\n";
    }
    if (rep.services.empty() && rep.referrals_unserved > 0)
        out << "victim support: none; " << with_thousands(rep.referrals_unserved) << " referrals had nowhere to go\n";
    if (rep.trust_enabled && !rep.trust_by_group_daily.empty()) {
        const auto& first = rep.trust_by_group_daily.front();
        const auto& last = rep.trust_by_group_daily.back();
        out << "trust: mean " << format("%.4f", last.back()) << " at the end (" << format("%.4f", first.back())
            << " after day 1); women " << format("%.4f", last[0]) << ", men " << format("%.4f", last[1]) << ", minority "
            << format("%.4f", last[6]) << "; the " << with_thousands(rep.victims) << " victims "
            << format("%.3f", rep.trust_victims_end) << "; " << with_thousands(rep.trust_answered) << " reports answered, "
            << with_thousands(rep.trust_unanswered) << " not, " << with_thousands(rep.trust_follow_ups)
            << " follow-ups, " << with_thousands(rep.trust_contacts) << " community contacts\n";
    }
}

// Drones: flight hours and refusals per fleet, first arrivals, the privacy footprint.
void print_drones(std::ostream& out, const DroneResults& d) {
    for (std::size_t f = 0; f < d.fleets.size(); ++f) {
        const DroneFleetResult& fleet = d.fleets[f];
        out << (f == 0 ? "drones    " : "          ") << "\"" << fleet.name << "\" (" << fleet.mode << "): " << fleet.drones
            << " drones, " << format("%.1f", fleet.flight_s / 3600.0) << " flight hours, " << with_thousands(fleet.flights)
            << " flights; " << with_thousands(fleet.refused_targets) << " targets refused";
        if (fleet.mode == "first_responder") out << ", " << with_thousands(fleet.unanswered_reports) << " reports unanswered";
        if (fleet.detections > 0) out << ", " << with_thousands(fleet.detections) << " crimes seen and recorded";
        out << "\n";
    }
    if (!d.responses.empty()) {
        std::vector<double> times;
        times.reserve(d.responses.size());
        double sum = 0;
        for (const DroneResponse& r : d.responses) {
            times.push_back(r.response_s);
            sum += r.response_s;
        }
        const std::size_t n = times.size();
        const double median = median_of(times);
        out << "          first on scene: " << with_thousands(n) << " reports, mean "
            << format("%.0f", sum / static_cast<double>(n)) << " s, median " << format("%.0f", median)
            << " s from the report to a drone over the scene\n";
    }
    if (!d.privacy_minutes.empty()) {
        const auto& all = d.privacy_minutes[0];
        double total = 0;
        std::size_t busiest = 0;
        for (std::size_t i = 0; i < all.size(); ++i) {
            total += all[i];
            if (all[i] > all[busiest]) busiest = i;
        }
        auto share = [&](std::size_t group) {
            double sum = 0;
            for (const double m : d.privacy_minutes[group]) sum += m;
            return total > 0 ? format("%.0f%%", 100.0 * sum / total) : std::string("-");
        };
        out << "          privacy footprint: " << with_thousands(static_cast<std::uint64_t>(std::llround(total)))
            << " resident-minutes under a camera (women " << share(1) << ", young " << share(3) << ", older " << share(5)
            << ", minority " << share(7) << ")";
        if (total > 0 && busiest < d.district_names.size() && !d.district_names[busiest].empty())
            out << ", most in " << d.district_names[busiest] << " ("
                << with_thousands(static_cast<std::uint64_t>(std::llround(all[busiest]))) << ")";
        out << "\n";
    }
}

}  // namespace

// Insecurity (docs/odd.md 7.23): the run's mean index by gender, the hour of day it peaks, the most
// worried district, and the after-dark answer at the end of the run against the survey it is calibrated to.
void print_insecurity(std::ostream& out, const InsecurityResult& in) {
    auto mean = [](const std::vector<double>& values) {
        double sum = 0;
        for (const double v : values) sum += v;
        return values.empty() ? 0.0 : sum / static_cast<double>(values.size());
    };
    const auto& all = in.hourly_index[0];
    std::vector<double> by_hour(24, 0.0), n(24, 0.0);
    for (std::size_t h = 0; h < all.size(); ++h) {
        by_hour[h % 24] += all[h];
        n[h % 24] += 1;
    }
    std::size_t peak = 0;
    for (std::size_t h = 0; h < 24; ++h) {
        by_hour[h] = n[h] > 0 ? by_hour[h] / n[h] : 0.0;
        if (by_hour[h] > by_hour[peak]) peak = h;
    }
    std::size_t worst = 0;
    for (std::size_t d = 1; d < in.district_hourly_index.size(); ++d)
        if (mean(in.district_hourly_index[d]) > mean(in.district_hourly_index[worst])) worst = d;
    out << "  insecurity: index " << format("%.1f", mean(all)) << " of 100 (women "
        << format("%.1f", mean(in.hourly_index[1])) << ", men " << format("%.1f", mean(in.hourly_index[2]))
        << "); highest at " << peak << ":00 (" << format("%.1f", by_hour[peak]) << ")";
    if (!in.district_names.empty())
        out << "; most in " << in.district_names[worst] << " (" << format("%.1f", mean(in.district_hourly_index[worst]))
            << ")";
    out << "\n";
    out << "  unsafe after dark: women " << format("%.0f", in.final_unsafe[1]) << "%, men "
        << format("%.0f", in.final_unsafe[2]) << "% (ONS 2021: 49%, 15%)\n";
    if (in.behaviour)
        out << "  fear of the dark: " << with_thousands(in.night_outings_skipped) << " of "
            << with_thousands(in.night_outings) << " outings after dark skipped\n";
}

void print_run_summary(std::ostream& out, const RunSummaryInput& input) {
    const RunResult& r = *input.result;
    const City& city = *r.city;
    const double days = static_cast<double>(r.steps) * r.step_s / 86400.0;
    out << "scenario  " << r.scenario_name << (r.scenario_path.empty() ? " (built-in)" : " (" + r.scenario_path + ")")
        << ", seed " << r.seed << ", " << input.threads << " thread" << (input.threads == 1 ? "" : "s") << "\n";
    out << "city      " << city.name() << ": " << with_thousands(city.node_count()) << " intersections, "
        << with_thousands(city.segment_count()) << " street segments, " << format("%.1f", city.total_length_m() / 1000.0)
        << " km, " << with_thousands(city.places().size()) << " places; fingerprint " << city.fingerprint_hex() << "\n";
    if (input.city_report)
        out << "          " << input.city_report->description << " in " << format("%.3f", input.city_report->seconds)
            << " s\n";
    // A short2008 run: its time is the model's (time units), a step is dt of them; the run file calls
    // a step a minute. Rates are per time unit rather than per day.
    const bool lattice = r.model == "short2008" && input.spec;
    const double time_units = lattice ? static_cast<double>(r.steps) * input.spec->short2008.dt : days;
    if (lattice)
        out << "model     Short et al. (2008) burglary lattice: " << with_thousands(r.offenders)
            << " burglars on the lattice at the end; " << format("%g", time_units) << " time units ("
            << with_thousands(static_cast<std::uint64_t>(r.steps)) << " steps of dt "
            << format("%g", input.spec->short2008.dt) << "; the run file counts a step as " << r.step_s << " s)\n";
    else
        out << "agents    " << with_thousands(r.residents) << " residents, " << with_thousands(r.offenders)
            << " offenders, " << with_thousands(r.police_units) << " police units; " << format("%g", days)
            << " days (" << with_thousands(static_cast<std::uint64_t>(r.steps)) << " steps of " << r.step_s
            << " s)\n";
    if (input.spec)
        for (std::size_t i = 0; i < input.spec->interventions.size(); ++i)
            out << (i == 0 ? "policy    " : "          ") << describe_intervention(input.spec->interventions[i]) << "\n";
    out << "\n";

    std::vector<std::uint64_t> by_type(r.crime_type_names.size(), 0), recorded(r.crime_type_names.size(), 0);
    for (const auto& e : r.crimes) {
        ++by_type[e.type];
        recorded[e.type] += e.reported;
    }
    std::uint64_t recorded_total = 0;
    for (const auto n : recorded) recorded_total += n;
    // Per 1,000 residents means nothing without residents (the short2008 lattice has none): "n/a".
    auto per_1000 = [&](std::uint64_t count) {
        return r.residents > 0 ? format("%.2f", static_cast<double>(count) * 1000.0 / r.residents) : std::string("n/a");
    };
    // The lattice model has no reporting: its columns would only say 0.
    auto dark_figure = [&](std::uint64_t all, std::uint64_t reported) {
        return all > 0 ? format("%.0f%%", 100.0 * static_cast<double>(all - reported) / static_cast<double>(all))
                       : std::string("-");
    };
    const double per_time = lattice ? time_units : days;
    char line[200];
    if (lattice)
        std::snprintf(line, sizeof line, "%-22s %12s %20s %14s\n", "crimes (true crime)", "total", "per 1,000 residents",
                      "per time unit");
    else
        std::snprintf(line, sizeof line, "%-22s %12s %20s %14s %10s %12s\n", "crimes (true crime)", "total",
                      "per 1,000 residents", "per day", "recorded", "dark figure");
    out << line;
    auto row = [&](const std::string& name, std::uint64_t all, std::uint64_t reported) {
        if (lattice)
            std::snprintf(line, sizeof line, "  %-20s %12s %20s %14.1f\n", name.c_str(), with_thousands(all).c_str(),
                          per_1000(all).c_str(), static_cast<double>(all) / per_time);
        else
            std::snprintf(line, sizeof line, "  %-20s %12s %20s %14.1f %10s %12s\n", name.c_str(),
                          with_thousands(all).c_str(), per_1000(all).c_str(), static_cast<double>(all) / per_time,
                          with_thousands(reported).c_str(), dark_figure(all, reported).c_str());
        out << line;
    };
    for (std::size_t t = 0; t < by_type.size(); ++t)
        if (by_type[t] > 0) row(r.crime_type_names[t], by_type[t], recorded[t]);
    row("all", r.crimes.size(), recorded_total);
    if (!lattice && !r.crimes.empty()) {
        // Journey to crime: straight-line distance from the offender's home.
        std::vector<float> journeys;
        journeys.reserve(r.crimes.size());
        for (const auto& e : r.crimes) journeys.push_back(e.journey_m);
        std::sort(journeys.begin(), journeys.end());
        double sum = 0;
        for (const float j : journeys) sum += j;
        out << "  journey to crime: median " << format("%.0f", journeys[journeys.size() / 2]) << " m, mean "
            << format("%.0f", sum / static_cast<double>(journeys.size())) << " m, 90% within "
            << format("%.0f", journeys[std::min(journeys.size() - 1, journeys.size() * 9 / 10)])
            << " m of the offender's home\n";
    }
    if (!r.crimes.empty()) {
        // On the lattice a site is a node (its burglaries all go to one of its two segments).
        const auto& places = r.model == "short2008" ? r.node_crime_count : r.segment_crime_count;
        const char* place_name = r.model == "short2008" ? "sites" : "segments";
        out << "  concentration: 50% of crime on "
            << format("%.1f", 100.0 * analysis::share_of_places_holding(places, 0.5)) << "% of "
            << (r.model == "short2008" ? "lattice sites" : "street segments") << ", 25% on "
            << format("%.1f", 100.0 * analysis::share_of_places_holding(places, 0.25)) << "%; "
            << format("%.1f", 100.0 * analysis::share_of_places_without_crime(places)) << "% of " << place_name
            << " saw none; Gini " << format("%.2f", analysis::gini_coefficient(places)) << "\n";
        std::vector<std::uint32_t> victims;
        victims.reserve(r.crimes.size());
        for (const auto& e : r.crimes)
            if (e.victim != no_victim) victims.push_back(e.victim);  // vandalism has none
        out << "  repeats: " << format("%.1f", 100.0 * analysis::repeat_victim_share(victims)) << "% of "
            << (r.model == "short2008" ? "homes burgled" : "victims") << " were victimised more than once";
        if (r.model != "short2008" && r.city) {
            // Johnson et al. (2007): burglary risk stays raised within about 200 m for about two weeks.
            // A window as long as the run would count every pair as close in time (ratio 1 by
            // construction): shorter runs use a seventh of their length.
            const double run_s = static_cast<double>(r.steps) * r.step_s;
            const double window_s = std::min(14 * 86400.0, std::max<double>(r.step_s, run_s / 7));
            // Johnson's finding is about burglary: the test is on burglaries when there are enough.
            const auto burglary = static_cast<std::uint8_t>(CrimeType::burglary);
            const bool burglaries_only = by_type.size() > burglary && by_type[burglary] >= 20;
            std::vector<analysis::CrimePoint> points;
            points.reserve(r.crimes.size());
            for (const auto& e : r.crimes)
                if (!burglaries_only || e.type == burglary)
                    points.push_back(
                        {r.city->node_x_m()[e.node], r.city->node_y_m()[e.node], static_cast<double>(e.step) * r.step_s});
            const auto knox = analysis::knox_near_repeat(points, 200.0, window_s, 99, 1);
            out << "; near repeats" << (burglaries_only ? " of burglary" : "") << " (within 200 m and " << format("%.1f", window_s / 3600.0) << " h): "
                << with_thousands(knox.close_pairs) << " pairs, "
                << format("%.2f", knox.ratio) << " times chance (Knox, p " << format("%.2f", knox.p_value) << ")";
        }
        out << "\n";
    }
    if (r.police.present) print_police_summary(out, r);
    if (r.insecurity.present && !r.insecurity.hourly_index.empty() && !r.insecurity.hourly_index[0].empty())
        print_insecurity(out, r.insecurity);
    if (!r.drones.fleets.empty()) {
        out << "\n";
        print_drones(out, r.drones);
        print_equity(out, "          ", r, r.drones.segment_camera_min, "drone camera time");
    }
    if (r.police.present && !r.drones.responses.empty()) print_first_on_scene(out, r);
    if (r.reporting.present) {
        out << "\n";
        print_reporting(out, r);
    }
    out << "\n";
    const double agent_steps_per_s =
        input.total_s > 0 ? static_cast<double>(input.timings.agent_steps) / input.total_s : 0.0;
    out << "time      " << format("%.2f", input.total_s) << " s wall (city " << format("%.2f", input.city_report ? input.city_report->seconds : 0.0)
        << ", agents and routes " << format("%.2f", input.timings.setup_s) << ", stepping "
        << format("%.2f", input.timings.stepping_s) << ", writing " << format("%.2f", input.write_s) << ")\n";
    out << "speed     " << format("%.1f", agent_steps_per_s / 1e6) << " million agent-steps/s over the whole run ("
        << with_thousands(input.timings.agent_steps) << " agent-steps)\n";
    out << "run file  " << input.run_file << "\n";
}

void print_phase_times(std::ostream& out, const RunTimings& timings) {
    double total_s = 0.0;
    for (const double s : timings.phases.seconds) total_s += s;
    std::vector<std::size_t> order(timings.phases.seconds.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return timings.phases.seconds[a] > timings.phases.seconds[b]; });
    out << "phases    " << format("%.2f", total_s) << " s stepping:";
    for (const std::size_t i : order) {
        const double s = timings.phases.seconds[i];
        out << "\n            " << step_phase_names[i] << " " << format("%.2f", s) << " s ("
            << format("%.1f", total_s > 0 ? 100.0 * s / total_s : 0.0) << "%)";
    }
    out << "\n";
}

void write_run_and_print_summary(std::ostream& out, const std::string& run_file, const RunResult& result,
                                 const ScenarioSpec& spec, const CityLoadReport& city_report,
                                 const RunTimings& timings, int threads,
                                 std::chrono::steady_clock::time_point process_start) {
    using Clock = std::chrono::steady_clock;
    const auto write_start = Clock::now();
    write_run_file(run_file, result);
    const auto done = Clock::now();
    RunSummaryInput summary;
    summary.result = &result;
    summary.spec = &spec;
    summary.city_report = &city_report;
    summary.timings = timings;
    summary.write_s = std::chrono::duration<double>(done - write_start).count();
    summary.total_s = std::chrono::duration<double>(done - process_start).count();
    summary.threads = threads;
    summary.run_file = run_file;
    print_run_summary(out, summary);
}

}  // namespace streetwise
