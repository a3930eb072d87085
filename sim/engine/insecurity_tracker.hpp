#pragma once
// InsecurityTracker: the state behind each resident's feeling of insecurity (docs/odd.md 7.23) and
// what the run measures of it. The score itself is the pure rule of sim/model/insecurity.hpp; this
// class keeps the drivers' memories and evaluates the rule once per simulated hour:
//   - own victimisation: a decaying count per resident (fed by note_crime);
//   - crimes known near home and disorder (vandalism): counts on a coarse square grid of cells
//     nearby_radius_m wide, fading once a day, read over the 3 x 3 cells around the home's cell
//     (cheap: a sum over nine cells, not a search over crimes);
//   - alerts heard: a decaying count per resident whose home is within the alert's radius of the
//     scene (fed by hear_alerts with the Simulation's step_alerts());
//   - the street now (for residents out walking): darkness, empty and crowded streets, police and
//     drone cameras at the node they are at.
// The after-dark survey answer (unsafe walking alone after dark on a quiet street near home) is the
// same score at the home node, at night, with the street empty and no one else there.
//
// Everything runs sequentially, in a fixed order, so results do not depend on the thread count. The
// hourly pass touches only walkers and residents with memories of their own: everyone else's sums
// are cached per grid cell and redone when the cell's term or the darkness changes (measure_hour).
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/io/run_result.hpp"
#include "sim/model/alert.hpp"
#include "sim/model/insecurity.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;
class Residents;
class NodeOccupancy;
class DroneFleets;
class CheckpointWriter;
class CheckpointReader;

class InsecurityTracker {
public:
    // The groups measures are reported by, in this order (InsecurityResult::groups).
    enum Group : int { all, women, men, young, adult, older, majority, minority };
    static constexpr int group_count = 8;
    static const char* group_name(int group);

    InsecurityTracker(const ScenarioSpec& spec, const City& city, const Residents& residents);

    // An offence happened (sequential, in the offence phase's order): the victim remembers it, and
    // it becomes known around its scene (vandalism as disorder).
    void note_crime(const CrimeEvent& event);
    // Alerts that went out this step: residents whose home is within an alert's radius of the scene
    // hear it. Alerts to contacts only (radius 0) name no residents here and are not heard.
    void hear_alerts(std::span<const Alert> alerts);

    // The street as it is now, for the situational drivers.
    struct Street {
        const NodeOccupancy* occupancy = nullptr;
        const std::vector<float>* segment_lux = nullptr;  // street lighting interventions included
        double dark_lux_threshold = 5.0;
        bool night = false;
        const DroneFleets* drones = nullptr;  // null: no drones
    };
    bool hour_ends(std::int64_t step) const { return (step + 1) % steps_per_hour_ == 0; }
    // On the last step of each hour: memories decay by an hour, every resident's score is
    // evaluated, and the hour's means are stored.
    void measure_hour(std::int64_t step, const Residents& residents, const Street& street);
    // Recomputes each resident's after-dark answer with the current memories and lighting.
    void update_answers(const std::vector<float>& segment_lux, double dark_lux_threshold);

    // The last hour measured: index by group, after-dark unsafe share by group (0-100).
    double index(int group) const { return last_index_[static_cast<std::size_t>(group)]; }
    double unsafe_share(int group) const { return last_unsafe_[static_cast<std::size_t>(group)]; }
    // Per resident: 1 if the last answer was "unsafe after dark".
    const std::vector<std::uint8_t>& unsafe_after_dark() const { return unsafe_; }
    // For an insecurity layer in the visualiser: the last hour's mean index by home district and
    // by home node (0 where no one lives), and the run's mean index by hour of day (24 values).
    const std::vector<double>& district_index() const { return last_district_index_; }
    std::vector<double> home_node_index() const;
    // The last hour's index of one resident.
    // The index of one resident at home now (memories, no street).
    double resident_index(std::uint32_t resident) const {
        const Person& p = people_[resident];
        return fast_index(p.baseline + cell_term_[p.home_cell] + memory_term_[resident]);
    }
    std::vector<double> hour_of_day_profile() const;
    // The mean index of each group per hour measured so far (the visualiser's chart).
    const std::vector<double>& hourly_index(int group) const { return hourly_index_[static_cast<std::size_t>(group)]; }
    std::int64_t hours_measured() const { return static_cast<std::int64_t>(hourly_index_[0].size()); }
    // Memories of one resident (tests, the visualiser's inspector).
    double victimisation_memory(std::uint32_t resident) const { return victim_memory_[resident]; }
    double alerts_heard(std::uint32_t resident) const { return alert_memory_[resident]; }
    // Known crimes and disorder near a resident's home (3 x 3 cells), decayed to now.
    double nearby_crime(std::uint32_t resident) const { return around(crime_grid_, home_cell_[resident]); }
    double nearby_disorder(std::uint32_t resident) const { return around(disorder_grid_, home_cell_[resident]); }
    // The resident's score now with the street situation of `drivers` (memories filled in here).
    double score(std::uint32_t resident, InsecurityDrivers drivers) const;

    void save_state(CheckpointWriter& out) const;
    void load_state(CheckpointReader& in, std::int64_t steps_done);
    void fill(RunResult& result) const;

private:
    double around(const std::vector<double>& grid, std::uint32_t cell) const;
    // The factor that reads a decayed count of crimes near home as the count a long history at
    // the run's rate so far would give (insecurity.history_min_days); 1 when that is off.
    double history_factor(double half_life_days) const;
    std::uint32_t cell_of(double x, double y) const;
    double fast_index(double score) const;
    // Each node's share of streets darker than the threshold (the darkness driver at night).
    void update_darkness(const std::vector<float>& segment_lux, double dark_lux_threshold);
    // Each cell's memory term of crime and disorder in the 3 x 3 cells around it (cell_term_).
    void update_cell_terms();

    InsecuritySpec spec_;
    const City& city_;
    std::int64_t steps_per_hour_;
    std::uint32_t district_count_;
    // Grid: cell_m wide, cells_x by cells_y from (x0, y0).
    double cell_m_, x0_, y0_;
    std::uint32_t cells_x_, cells_y_;
    std::vector<std::uint32_t> node_cell_;
    std::vector<std::uint32_t> node_district_;
    std::vector<std::uint32_t> cell_node_begin_, cell_nodes_;      // nodes by cell (CSR)
    std::vector<std::uint32_t> cell_home_begin_, cell_residents_;  // residents by home cell (CSR)
    std::vector<double> logistic_table_;

    // Constant per resident, packed: the hourly pass reads one of these and one memory per resident.
    struct Person {
        double baseline = 0;  // group + individual
        float factor = 1;     // situational factor of the group
        std::uint32_t home = 0;
        std::uint32_t home_cell = 0;
        std::uint16_t district = 0;                    // home district
        std::uint8_t gender = 0, age = 0, origin = 0;  // their Group
    };
    std::vector<Person> people_;
    std::vector<std::uint32_t> home_;  // also in people_; for the alert search by cell
    std::vector<std::uint32_t> home_cell_;
    std::array<double, group_count> group_members_{};
    std::vector<double> district_members_, node_members_;
    double decay_victim_, decay_crime_, decay_alert_, decay_disorder_;

    // Changing.
    std::vector<double> victim_memory_;
    std::vector<double> alert_memory_;
    // Few residents have any memory: only they decay each hour (in id order).
    // memory_term_ is their weighted sum, the one per-resident memory the hourly pass reads.
    std::vector<std::uint32_t> remembering_;
    std::vector<std::uint8_t> remembers_;
    std::vector<double> memory_term_;
    void remember(std::uint32_t resident);
    std::vector<double> crime_grid_;
    std::vector<double> disorder_grid_;
    std::vector<std::uint8_t> unsafe_;
    std::array<std::vector<double>, group_count> hourly_index_;
    std::array<std::vector<double>, group_count> hourly_unsafe_;
    std::vector<std::vector<double>> district_hourly_;  // [district][hour]
    std::array<double, group_count> last_index_{};
    std::array<double, group_count> last_unsafe_{};
    std::vector<double> last_district_index_;
    // Per-cell caches (see measure_hour): each cell's residents' sums as if at home without memories
    // of their own, [group index sums, group unsafe sums, district index sums] per cell; and each
    // resident's value in them.
    std::vector<double> cell_cache_;
    std::vector<std::uint8_t> cell_dirty_;
    std::vector<double> cached_index_;
    std::vector<std::uint8_t> cached_unsafe_;
    std::vector<std::uint32_t> seen_;  // stamp per resident: adjusted this hour already
    std::uint32_t stamp_ = 0;
    // Scratch of measure_hour.
    std::vector<std::uint32_t> walker_node_;
    std::vector<std::uint8_t> police_near_;
    std::vector<double> node_darkness_;
    std::vector<double> cell_term_, district_sum_;
};

}  // namespace streetwise
