#include "sim/engine/insecurity_tracker.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "sim/agents/drone_fleet.hpp"
#include "sim/agents/residents.hpp"
#include "sim/city/city.hpp"
#include "sim/core/counter_rng.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/io/checkpoint_file.hpp"
#include "sim/model/crime_type.hpp"

namespace streetwise {

namespace {
// The logistic is read from a table (linear interpolation, error below 1e-5 index points): cheaper
// than an exp for each resident the hourly pass touches.
constexpr double table_range = 16.0;
constexpr double table_step = 1.0 / 256.0;
}  // namespace

const char* InsecurityTracker::group_name(int group) {
    static constexpr const char* names[group_count] = {"all",   "women", "men",      "young",
                                                       "adult", "older", "majority", "minority"};
    return names[group];
}

InsecurityTracker::InsecurityTracker(const ScenarioSpec& spec, const City& city, const Residents& residents)
    : spec_(spec.insecurity),
      city_(city),
      steps_per_hour_(std::max(1, 3600 / spec.time.step_s)),
      district_count_(static_cast<std::uint32_t>(std::max<std::size_t>(city.districts().size(), 1))),
      cell_m_(spec.insecurity.nearby_radius_m),
      decay_victim_(hourly_decay(spec.insecurity.victimisation_half_life_days)),
      decay_crime_(std::pow(hourly_decay(spec.insecurity.nearby_crime_half_life_days), 24)),
      decay_alert_(hourly_decay(spec.insecurity.alert_half_life_days)),
      decay_disorder_(std::pow(hourly_decay(spec.insecurity.disorder_half_life_days), 24)) {
    const std::uint32_t nodes = city.node_count();
    const auto& x = city.node_x_m();
    const auto& y = city.node_y_m();
    double x1 = 0, y1 = 0;
    x0_ = y0_ = 0;
    if (nodes > 0) {
        x0_ = *std::min_element(x.begin(), x.end());
        y0_ = *std::min_element(y.begin(), y.end());
        x1 = *std::max_element(x.begin(), x.end());
        y1 = *std::max_element(y.begin(), y.end());
    }
    cells_x_ = static_cast<std::uint32_t>(std::floor((x1 - x0_) / cell_m_)) + 1;
    cells_y_ = static_cast<std::uint32_t>(std::floor((y1 - y0_) / cell_m_)) + 1;
    const std::size_t cells = static_cast<std::size_t>(cells_x_) * cells_y_;
    node_cell_.resize(nodes);
    node_district_.assign(nodes, 0);
    for (std::uint32_t v = 0; v < nodes; ++v) {
        node_cell_[v] = cell_of(x[v], y[v]);
        // A node's district: that of its first street in arc order (as the drones' privacy footprint).
        if (city.degree(v) > 0)
            node_district_[v] = std::min<std::uint32_t>(city.segment_district()[city.arc_segment(city.arc_begin(v))],
                                                        district_count_ - 1);
    }
    auto csr = [cells](const std::vector<std::uint32_t>& cell_of_item, std::vector<std::uint32_t>& begin,
                       std::vector<std::uint32_t>& items) {
        begin.assign(cells + 1, 0);
        for (const std::uint32_t c : cell_of_item) ++begin[c + 1];
        for (std::size_t c = 0; c < cells; ++c) begin[c + 1] += begin[c];
        items.resize(cell_of_item.size());
        std::vector<std::uint32_t> fill(begin.begin(), begin.end() - 1);
        for (std::uint32_t i = 0; i < cell_of_item.size(); ++i) items[fill[cell_of_item[i]]++] = i;
    };
    csr(node_cell_, cell_node_begin_, cell_nodes_);

    const std::uint32_t count = residents.count();
    const CounterRng rng(spec.seed, RngStream::insecurity);
    people_.resize(count);
    home_.resize(count);
    home_cell_.resize(count);
    district_members_.assign(district_count_, 0.0);
    node_members_.assign(nodes, 0.0);
    for (std::uint32_t r = 0; r < count; ++r) {
        const ResidentTraits& t = residents.traits(r);
        // The individual heterogeneity: a standard normal by Box-Muller from two draws of the resident's own.
        const double u1 = 1.0 - rng.uniform(r, 0, 0), u2 = rng.uniform(r, 0, 1);
        const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
        Person& p = people_[r];
        p.baseline = insecurity_group_baseline(spec_, t.female, t.age_band, t.minority) + spec_.individual_sd * z;
        p.factor = static_cast<float>(insecurity_situational_factor(spec_, t.female, t.age_band));
        p.home = home_[r] = residents.home(r);
        p.home_cell = home_cell_[r] = node_cell_[p.home];
        p.district = static_cast<std::uint16_t>(node_district_[p.home]);
        p.gender = static_cast<std::uint8_t>(t.female ? women : men);
        p.age = static_cast<std::uint8_t>(t.age_band == 0 ? young : t.age_band == 1 ? adult : older);
        p.origin = static_cast<std::uint8_t>(t.minority ? minority : majority);
        for (const int g :
             {static_cast<int>(all), static_cast<int>(p.gender), static_cast<int>(p.age), static_cast<int>(p.origin)})
            group_members_[static_cast<std::size_t>(g)] += 1;
        district_members_[p.district] += 1;
        node_members_[p.home] += 1;
    }
    csr(home_cell_, cell_home_begin_, cell_residents_);

    const auto entries = static_cast<std::size_t>(2 * table_range / table_step) + 2;
    logistic_table_.resize(entries);
    for (std::size_t i = 0; i < entries; ++i)
        logistic_table_[i] = insecurity_index(-table_range + static_cast<double>(i) * table_step);

    victim_memory_.assign(count, 0.0);
    alert_memory_.assign(count, 0.0);
    remembers_.assign(count, 0);
    memory_term_.assign(count, 0.0);
    cell_term_.assign(cells, 0.0);
    district_sum_.assign(district_count_, 0.0);
    crime_grid_.assign(cells, 0.0);
    disorder_grid_.assign(cells, 0.0);
    unsafe_.assign(count, 0);
    district_hourly_.assign(district_count_, {});
    last_district_index_.assign(district_count_, 0.0);
    // Per-cell caches of the hourly sums (see measure_hour), all to be computed at the first hour.
    cached_index_.assign(count, 0.0);
    cached_unsafe_.assign(count, 0);
    cell_cache_.assign(cells * (2 * group_count + district_count_), 0.0);
    cell_dirty_.assign(cells, 1);
    seen_.assign(count, 0);
    walker_node_.assign(count, UINT32_MAX);
    police_near_.assign(nodes, 0);
    node_darkness_.assign(nodes, 0.0);
    update_answers(city.segment_lux(), spec.offenders.dark_lux_threshold);
}

std::uint32_t InsecurityTracker::cell_of(double x, double y) const {
    const auto cx = static_cast<std::uint32_t>(std::clamp((x - x0_) / cell_m_, 0.0, static_cast<double>(cells_x_ - 1)));
    const auto cy = static_cast<std::uint32_t>(std::clamp((y - y0_) / cell_m_, 0.0, static_cast<double>(cells_y_ - 1)));
    return cy * cells_x_ + cx;
}

double InsecurityTracker::around(const std::vector<double>& grid, std::uint32_t cell) const {
    const std::uint32_t cx = cell % cells_x_, cy = cell / cells_x_;
    double sum = 0;
    for (std::uint32_t y = cy > 0 ? cy - 1 : 0; y <= std::min(cy + 1, cells_y_ - 1); ++y)
        for (std::uint32_t x = cx > 0 ? cx - 1 : 0; x <= std::min(cx + 1, cells_x_ - 1); ++x)
            sum += grid[static_cast<std::size_t>(y) * cells_x_ + x];
    return sum;
}

void InsecurityTracker::remember(std::uint32_t r) {
    if (!remembers_[r]) {
        // Kept in id order: the hourly pass adds their adjustments in this order, and a resumed run
        // (which rebuilds the list) must add them in the same one.
        remembers_[r] = 1;
        remembering_.insert(std::lower_bound(remembering_.begin(), remembering_.end(), r), r);
    }
    memory_term_[r] = spec_.weight.own_victimisation * victim_memory_[r] + spec_.weight.alert_heard * alert_memory_[r];
}

void InsecurityTracker::note_crime(const CrimeEvent& event) {
    if (event.victim < victim_memory_.size()) {
        victim_memory_[event.victim] += 1.0;
        remember(event.victim);
    }
    const std::uint32_t cell = node_cell_[event.node];
    if (event.type == static_cast<std::uint8_t>(CrimeType::vandalism))
        disorder_grid_[cell] += 1.0;  // seen by passers-by, reported or not
    else
        crime_grid_[cell] += event.reported ? 1.0 : spec_.unrecorded_weight;
}

void InsecurityTracker::hear_alerts(std::span<const Alert> alerts) {
    const auto& x = city_.node_x_m();
    const auto& y = city_.node_y_m();
    for (const Alert& alert : alerts) {
        if (!(alert.radius_m > 0) || alert.node >= city_.node_count()) continue;
        const double r = alert.radius_m, ax = x[alert.node], ay = y[alert.node];
        const std::uint32_t c0 = cell_of(ax - r, ay - r), c1 = cell_of(ax + r, ay + r);
        for (std::uint32_t cy = c0 / cells_x_; cy <= c1 / cells_x_; ++cy)
            for (std::uint32_t cx = c0 % cells_x_; cx <= c1 % cells_x_; ++cx) {
                const std::size_t c = static_cast<std::size_t>(cy) * cells_x_ + cx;
                for (std::uint32_t i = cell_home_begin_[c]; i < cell_home_begin_[c + 1]; ++i) {
                    const std::uint32_t resident = cell_residents_[i];
                    const double dx = x[home_[resident]] - ax, dy = y[home_[resident]] - ay;
                    if (dx * dx + dy * dy <= r * r) {
                        alert_memory_[resident] += 1.0;
                        remember(resident);
                    }
                }
            }
    }
}

double InsecurityTracker::score(std::uint32_t r, InsecurityDrivers drivers) const {
    drivers.victimisation_memory = victim_memory_[r];
    drivers.alerts_heard = alert_memory_[r];
    drivers.nearby_crime = history_factor(spec_.nearby_crime_half_life_days) * nearby_crime(r);
    drivers.disorder = history_factor(spec_.disorder_half_life_days) * nearby_disorder(r);
    return insecurity_score(spec_, people_[r].baseline, people_[r].factor, drivers);
}

double InsecurityTracker::fast_index(double score) const {
    const double at = (std::clamp(score, -table_range, table_range) + table_range) * (1.0 / table_step);
    const auto i = static_cast<std::size_t>(at);
    const double f = at - static_cast<double>(i);
    return logistic_table_[i] + f * (logistic_table_[i + 1] - logistic_table_[i]);
}

void InsecurityTracker::update_darkness(const std::vector<float>& segment_lux, double dark_lux_threshold) {
    bool changed = false;
    for (std::uint32_t v = 0; v < city_.node_count(); ++v) {
        std::uint32_t dark = 0;
        const std::uint32_t begin = city_.arc_begin(v), end = city_.arc_end(v);
        for (std::uint32_t a = begin; a < end; ++a) dark += segment_lux[city_.arc_segment(a)] < dark_lux_threshold;
        const double darkness = end > begin ? static_cast<double>(dark) / static_cast<double>(end - begin) : 0.0;
        changed |= darkness != node_darkness_[v];
        node_darkness_[v] = darkness;
    }
    if (changed) std::fill(cell_dirty_.begin(), cell_dirty_.end(), std::uint8_t{1});
}

double InsecurityTracker::history_factor(double half_life_days) const {
    if (!(spec_.history_min_days > 0)) return 1.0;
    // Days of memory so far, counted as the grids fade: whole days (they fade at the end of each).
    const double days = std::max(spec_.history_min_days, static_cast<double>(hours_measured() / 24));
    return 1.0 / (1.0 - std::exp2(-days / half_life_days));
}

void InsecurityTracker::update_cell_terms() {
    const InsecurityWeights& w = spec_.weight;
    const double crime_factor = history_factor(spec_.nearby_crime_half_life_days);
    const double disorder_factor = history_factor(spec_.disorder_half_life_days);
    for (std::uint32_t c = 0; c < cell_term_.size(); ++c) {
        const double crime = crime_factor * around(crime_grid_, c), disorder = disorder_factor * around(disorder_grid_, c);
        const double term = (crime > 0 ? w.nearby_crime * std::log1p(crime) : 0.0) +
                            (disorder > 0 ? w.disorder * std::log1p(disorder) : 0.0);
        if (term != cell_term_[c]) cell_dirty_[c] = 1;
        cell_term_[c] = term;
    }
}

void InsecurityTracker::update_answers(const std::vector<float>& segment_lux, double dark_lux_threshold) {
    update_darkness(segment_lux, dark_lux_threshold);
    // Memory terms depend on the home cell's neighbourhood: computed once per cell.
    update_cell_terms();
    const InsecurityWeights& w = spec_.weight;
    for (std::uint32_t r = 0; r < unsafe_.size(); ++r) {
        const Person& p = people_[r];
        const double s = p.baseline + cell_term_[p.home_cell] + memory_term_[r] +
                         p.factor * (w.darkness * node_darkness_[p.home] + w.empty_street);
        unsafe_[r] = s > 0 ? 1 : 0;
    }
}

void InsecurityTracker::measure_hour(std::int64_t step, const Residents& residents, const Street& street) {
    (void)step;
    // Memories fade by an hour: residents' (only those who have any) and the grids'.
    for (const std::uint32_t r : remembering_) {
        victim_memory_[r] *= decay_victim_;
        alert_memory_[r] *= decay_alert_;
        memory_term_[r] =
            spec_.weight.own_victimisation * victim_memory_[r] + spec_.weight.alert_heard * alert_memory_[r];
    }
    // The grids fade once a day (by a day's worth), so the hourly pass need not redo every cell's
    // residents each hour: between crimes, a cell's term changes at midnight only.
    if ((hours_measured() + 1) % 24 == 0) {
        for (double& v : crime_grid_) v *= decay_crime_;
        for (double& v : disorder_grid_) v *= decay_disorder_;
    }
    update_cell_terms();
    update_darkness(*street.segment_lux, street.dark_lux_threshold);

    const InsecurityWeights& w = spec_.weight;
    const std::uint32_t nodes = city_.node_count();
    // Police within police_radius_m of a node: marked around each node with a unit.
    std::fill(police_near_.begin(), police_near_.end(), std::uint8_t{0});
    const auto& x = city_.node_x_m();
    const auto& y = city_.node_y_m();
    const double pr = spec_.police_radius_m;
    for (std::uint32_t v = 0; v < nodes; ++v) {
        if (street.occupancy->police_at(v) == 0) continue;
        police_near_[v] = 1;
        if (!(pr > 0)) continue;
        const std::uint32_t c0 = cell_of(x[v] - pr, y[v] - pr), c1 = cell_of(x[v] + pr, y[v] + pr);
        for (std::uint32_t cy = c0 / cells_x_; cy <= c1 / cells_x_; ++cy)
            for (std::uint32_t cx = c0 % cells_x_; cx <= c1 % cells_x_; ++cx) {
                const std::size_t c = static_cast<std::size_t>(cy) * cells_x_ + cx;
                for (std::uint32_t i = cell_node_begin_[c]; i < cell_node_begin_[c + 1]; ++i) {
                    const std::uint32_t u = cell_nodes_[i];
                    const double dx = x[u] - x[v], dy = y[u] - y[v];
                    if (dx * dx + dy * dy <= pr * pr) police_near_[u] = 1;
                }
            }
    }
    // Residents at home with no memories of their own feel what their baseline and their cell's
    // crime and disorder make them feel: their sums are cached per cell and redone only for cells
    // whose term (or the darkness) changed, in parallel over cells (each cell's residents and sums
    // are its own; every sum is added within one cell, in resident order). The cells' sums are
    // then added in cell order, and the pass adjusts them for walkers and residents with memories,
    // sequentially in a fixed order.
    const std::size_t slot = 2 * group_count + district_count_;
    parallel_for_chunks(std::uint32_t{0}, static_cast<std::uint32_t>(cell_term_.size()), 64,
                        [&](std::uint32_t first_cell, std::uint32_t end_cell) {
        for (std::uint32_t c = first_cell; c < end_cell; ++c) {
            if (!cell_dirty_[c]) continue;
            cell_dirty_[c] = 0;
            double* sums = &cell_cache_[c * slot];
            std::fill(sums, sums + slot, 0.0);
            for (std::uint32_t i = cell_home_begin_[c]; i < cell_home_begin_[c + 1]; ++i) {
                const std::uint32_t r = cell_residents_[i];
                const Person& p = people_[r];
                const double at_home = p.baseline + cell_term_[c];
                const double index = fast_index(at_home);
                const std::uint8_t unsafe =
                    at_home + p.factor * (w.darkness * node_darkness_[p.home] + w.empty_street) > 0 ? 1 : 0;
                cached_index_[r] = index;
                cached_unsafe_[r] = unsafe_[r] = unsafe;
                for (const int g : {static_cast<int>(all), static_cast<int>(p.gender), static_cast<int>(p.age),
                                    static_cast<int>(p.origin)}) {
                    sums[g] += index;
                    sums[group_count + static_cast<std::size_t>(g)] += unsafe;
                }
                sums[2 * group_count + p.district] += index;
            }
        }
    });
    std::array<double, group_count> index_sum{}, unsafe_sum{};
    std::fill(district_sum_.begin(), district_sum_.end(), 0.0);
    for (std::uint32_t c = 0; c < cell_term_.size(); ++c) {
        const double* sums = &cell_cache_[c * slot];
        for (std::size_t g = 0; g < group_count; ++g) {
            index_sum[g] += sums[g];
            unsafe_sum[g] += sums[group_count + g];
        }
        for (std::uint32_t d = 0; d < district_count_; ++d) district_sum_[d] += sums[2 * group_count + d];
    }
    ++stamp_;
    residents.for_each_walker([&](std::uint32_t r, std::uint32_t node) { walker_node_[r] = node; });
    const double empty = w.empty_street;
    auto adjust = [&](std::uint32_t r) {
        if (seen_[r] == stamp_) return;
        seen_[r] = stamp_;
        const Person& p = people_[r];
        const double memory = p.baseline + cell_term_[p.home_cell] + memory_term_[r];
        double s = memory;
        const std::uint32_t v = walker_node_[r];
        if (v != UINT32_MAX) {
            // Out on the street: the situation where they are. Indoors, the street does not reach them.
            InsecurityDrivers d;
            const std::uint32_t people = street.occupancy->residents_at(v);
            d.darkness = street.night ? node_darkness_[v] : 0.0;
            d.empty_street = people < spec_.empty_below;
            d.crowded_street = people >= spec_.crowded_from;
            d.police_near = police_near_[v] != 0;
            d.drone_over = street.drones != nullptr && street.drones->covered(v);
            s += insecurity_street_term(spec_, p.factor, d);
        }
        const double index = fast_index(s) - cached_index_[r];
        const std::uint8_t unsafe = memory + p.factor * (w.darkness * node_darkness_[p.home] + empty) > 0 ? 1 : 0;
        const double unsafe_change = static_cast<double>(unsafe) - static_cast<double>(cached_unsafe_[r]);
        unsafe_[r] = unsafe;
        for (const int g :
             {static_cast<int>(all), static_cast<int>(p.gender), static_cast<int>(p.age), static_cast<int>(p.origin)}) {
            index_sum[static_cast<std::size_t>(g)] += index;
            unsafe_sum[static_cast<std::size_t>(g)] += unsafe_change;
        }
        district_sum_[p.district] += index;
    };
    for (const std::uint32_t r : remembering_) adjust(r);
    residents.for_each_walker([&](std::uint32_t r, std::uint32_t) { adjust(r); });
    residents.for_each_walker([&](std::uint32_t r, std::uint32_t) { walker_node_[r] = UINT32_MAX; });
    for (std::size_t g = 0; g < group_count; ++g) {
        const double n = group_members_[g];
        last_index_[g] = n > 0 ? index_sum[g] / n : 0.0;
        last_unsafe_[g] = n > 0 ? 100.0 * unsafe_sum[g] / n : 0.0;
        hourly_index_[g].push_back(last_index_[g]);
        hourly_unsafe_[g].push_back(last_unsafe_[g]);
    }
    for (std::uint32_t d = 0; d < district_count_; ++d) {
        last_district_index_[d] = district_members_[d] > 0 ? district_sum_[d] / district_members_[d] : 0.0;
        district_hourly_[d].push_back(last_district_index_[d]);
    }
}

std::vector<double> InsecurityTracker::home_node_index() const {
    std::vector<double> sum(city_.node_count(), 0.0);
    for (std::uint32_t r = 0; r < people_.size(); ++r) sum[people_[r].home] += resident_index(r);
    for (std::uint32_t v = 0; v < sum.size(); ++v)
        if (node_members_[v] > 0) sum[v] /= node_members_[v];
    return sum;
}

std::vector<double> InsecurityTracker::hour_of_day_profile() const {
    std::vector<double> sum(24, 0.0), n(24, 0.0);
    const auto& all_hours = hourly_index_[all];
    for (std::size_t h = 0; h < all_hours.size(); ++h) {
        sum[h % 24] += all_hours[h];
        n[h % 24] += 1;
    }
    for (std::size_t h = 0; h < 24; ++h) sum[h] = n[h] > 0 ? sum[h] / n[h] : 0.0;
    return sum;
}

// Saved: the memories, the grids, the answers and the hourly tables so far. The rest (baselines,
// factors, homes, grids' geometry, the table) is rebuilt by the constructor from scenario and city.
// The last hour's per-district and per-node values are derived views, recomputed at the next hour.
void InsecurityTracker::save_state(CheckpointWriter& out) const {
    out.put_vector(victim_memory_);
    out.put_vector(alert_memory_);
    out.put_vector(crime_grid_);
    out.put_vector(disorder_grid_);
    out.put_vector(unsafe_);
    for (int g = 0; g < group_count; ++g) {
        out.put_vector(hourly_index_[static_cast<std::size_t>(g)]);
        out.put_vector(hourly_unsafe_[static_cast<std::size_t>(g)]);
    }
    for (const auto& district : district_hourly_) out.put_vector(district);
    for (int g = 0; g < group_count; ++g) {
        out.put(last_index_[static_cast<std::size_t>(g)]);
        out.put(last_unsafe_[static_cast<std::size_t>(g)]);
    }
    out.put_vector(last_district_index_);
}

void InsecurityTracker::load_state(CheckpointReader& in, std::int64_t steps_done) {
    in.get_vector_into(victim_memory_, "victimisation memories");
    in.get_vector_into(alert_memory_, "alert memories");
    in.get_vector_into(crime_grid_, "crimes known near home");
    in.get_vector_into(disorder_grid_, "disorder near home");
    std::fill(cell_dirty_.begin(), cell_dirty_.end(), std::uint8_t{1});  // caches are derived
    remembering_.clear();
    for (std::uint32_t r = 0; r < victim_memory_.size(); ++r) {
        remembers_[r] = 0;
        memory_term_[r] = 0;
        if (victim_memory_[r] != 0 || alert_memory_[r] != 0) remember(r);
    }
    in.get_vector_into(unsafe_, "after-dark answers");
    for (const std::uint8_t a : unsafe_) in.check(a <= 1, "an after-dark answer is neither safe nor unsafe");
    const auto hours = static_cast<std::uint64_t>(steps_done / steps_per_hour_);
    for (int g = 0; g < group_count; ++g) {
        hourly_index_[static_cast<std::size_t>(g)] = in.get_vector<double>(hours, "hourly insecurity index");
        hourly_unsafe_[static_cast<std::size_t>(g)] = in.get_vector<double>(hours, "hourly unsafe after dark");
        in.check(hourly_index_[static_cast<std::size_t>(g)].size() == hours &&
                     hourly_unsafe_[static_cast<std::size_t>(g)].size() == hours,
                 "the hourly insecurity tables do not match the checkpoint's step");
    }
    for (auto& district : district_hourly_) {
        district = in.get_vector<double>(hours, "hourly insecurity index by district");
        in.check(district.size() == hours, "the district insecurity table does not match the checkpoint's step");
    }
    for (int g = 0; g < group_count; ++g) {
        last_index_[static_cast<std::size_t>(g)] = in.get<double>("insecurity index");
        last_unsafe_[static_cast<std::size_t>(g)] = in.get<double>("unsafe after dark");
    }
    in.get_vector_into(last_district_index_, "insecurity index by district");
}

void InsecurityTracker::fill(RunResult& result) const {
    InsecurityResult& out = result.insecurity;
    out.present = true;
    for (int g = 0; g < group_count; ++g) {
        const auto i = static_cast<std::size_t>(g);
        out.groups.emplace_back(group_name(g));
        out.hourly_index.push_back(hourly_index_[i]);
        out.hourly_unsafe.push_back(hourly_unsafe_[i]);
        out.final_index.push_back(last_index_[i]);
        out.final_unsafe.push_back(last_unsafe_[i]);
    }
    for (std::uint32_t d = 0; d < district_count_; ++d)
        out.district_names.push_back(d < city_.districts().size() ? city_.districts()[d].name : "city");
    out.district_hourly_index = district_hourly_;
}

}  // namespace streetwise
