#include "sim/agents/residents.hpp"


#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/city/city.hpp"
#include "sim/core/parallel_for.hpp"
#include "sim/engine/node_occupancy.hpp"
#include "sim/io/checkpoint_file.hpp"

namespace streetwise {

namespace {

// Draw indices within RngStream::resident_setup for one resident.
enum SetupDraw : std::uint32_t { home_draw, work_draw, employed_draw, departure_draw, shop_draw, leisure_draw,
                                 nightlife_draw, gender_draw, age_draw, origin_draw };

std::vector<std::uint32_t> nodes_of_places(const City& city, std::initializer_list<PlaceKind> kinds) {
    std::vector<std::uint32_t> nodes;
    for (const auto& place : city.places())
        if (std::find(kinds.begin(), kinds.end(), place.kind) != kinds.end()) nodes.push_back(place.node);
    return nodes;
}

// The `k` candidates nearest to `from` (straight-line), nearest first (ties: lower node id), and
// how many there are (k at most 4, and at most the number of candidates).
struct NearestCandidates {
    std::array<std::uint32_t, 4> nodes{};
    std::size_t count = 0;
};
NearestCandidates nearest_candidates(const City& city, std::uint32_t from, const std::vector<std::uint32_t>& candidates,
                                     std::size_t k) {
    const double x = city.node_x_m()[from], y = city.node_y_m()[from];
    std::array<std::pair<double, std::uint32_t>, 4> best;
    best.fill({std::numeric_limits<double>::infinity(), 0});
    k = std::min<std::size_t>({k, best.size(), candidates.size()});
    for (std::uint32_t node : candidates) {
        const double dx = city.node_x_m()[node] - x, dy = city.node_y_m()[node] - y;
        std::pair<double, std::uint32_t> entry{dx * dx + dy * dy, node};
        for (std::size_t i = 0; i < k; ++i)
            if (entry < best[i]) std::swap(entry, best[i]);
    }
    NearestCandidates out;
    out.count = k;
    for (std::size_t i = 0; i < k; ++i) out.nodes[i] = best[i].second;
    return out;
}

// The nearest candidates of every node that can be a home, found once per node (tens of thousands
// in a metropolitan city) rather than once per resident (a million), in parallel over nodes.
std::vector<NearestCandidates> nearest_per_home_node(const City& city, const std::vector<std::uint32_t>& homes,
                                                     const std::vector<std::uint32_t>& candidates, std::size_t k) {
    std::vector<NearestCandidates> nearest(city.node_count());
    if (candidates.empty()) return nearest;
    std::vector<std::uint8_t> is_home(city.node_count(), 0);
    for (const std::uint32_t v : homes) is_home[v] = 1;
    parallel_for_chunks(0u, city.node_count(), 256, [&](std::uint32_t begin, std::uint32_t end) {
        for (std::uint32_t v = begin; v != end; ++v)
            if (is_home[v]) nearest[v] = nearest_candidates(city, v, candidates, k);
    });
    return nearest;
}

// One of them, chosen with `u` in [0,1): people use places near home, but not all the very nearest one.
std::uint32_t one_of_nearest(const NearestCandidates& nearest, double u) {
    const std::size_t k = nearest.count;
    return nearest.nodes[std::min(k - 1, static_cast<std::size_t>(u * static_cast<double>(k)))];
}

}  // namespace

Residents::Residents(const ScenarioSpec& spec, const City& city, NodeOccupancy& occupancy)
    : city_(city),
      planner_(spec),
      present_when_indoors_(spec.residents.present_when_indoors),
      present_at_anchors_(spec.residents.present_at_anchors),
      walk_per_step_m_(static_cast<float>(spec.residents.walk_speed_mps * spec.time.step_s)),
      uniform_length_m_(city.uniform_segment_length() ? city.segment_length_m().front() : 0.0f),
      steps_per_day_(spec.steps_per_day()),
      total_steps_(spec.total_steps()),
      fear_behaviour_(spec.insecurity.enabled && spec.insecurity.behaviour.enabled),
      stay_home_share_(spec.insecurity.behaviour.stay_home_share),
      sunrise_step_(std::llround(spec.time.sunrise_h * 3600.0 / spec.time.step_s)),
      sunset_step_(std::llround(spec.time.sunset_h * 3600.0 / spec.time.step_s)),
      fear_rng_(spec.seed, RngStream::fear_behaviour) {
    const auto count = static_cast<std::uint32_t>(spec.residents.count);
    const ResidentSpec& rs = spec.residents;
    const CounterRng setup(spec.seed, RngStream::resident_setup);

    std::vector<std::uint32_t> all_nodes(city.node_count());
    for (std::uint32_t v = 0; v < city.node_count(); ++v) all_nodes[v] = v;
    std::vector<std::uint32_t> residential_nodes;
    for (std::uint32_t v = 0; v < city.node_count(); ++v)
        if (city.node_land_use()[v] == LandUse::residential || city.node_land_use()[v] == LandUse::mixed)
            residential_nodes.push_back(v);
    std::vector<std::uint32_t> work_nodes =
        nodes_of_places(city, {PlaceKind::workplace, PlaceKind::shop, PlaceKind::school, PlaceKind::police_station});
    const auto home_candidates = rs.home_placement == PlacementRule::uniform_nodes || residential_nodes.empty()
                                     ? &all_nodes : &residential_nodes;
    const auto work_candidates =
        rs.work_placement == PlacementRule::uniform_nodes || work_nodes.empty() ? &all_nodes : &work_nodes;
    const auto shops = nodes_of_places(city, {PlaceKind::shop});
    const auto leisure = nodes_of_places(city, {PlaceKind::park, PlaceKind::bar});
    const auto nearest_shops = nearest_per_home_node(city, *home_candidates, shops, 3);
    const auto nearest_leisure = nearest_per_home_node(city, *home_candidates, leisure, 3);
    const auto nightlife = nodes_of_places(city, {PlaceKind::bar, PlaceKind::nightclub});
    // night_economy: each nightlife venue's closing step, counted from the start of the evening's day
    // (a closing hour before noon is after midnight, the next morning); -1: no closing time.
    std::vector<std::int32_t> nightlife_closing;
    for (const auto& place : city.places()) {
        if (place.kind != PlaceKind::bar && place.kind != PlaceKind::nightclub) continue;
        const double h = place.kind == PlaceKind::bar ? spec.night_economy.bar_closing_h
                                                      : spec.night_economy.nightclub_closing_h;
        nightlife_closing.push_back(
            h < 0 ? -1 : static_cast<std::int32_t>(std::llround((h < 12 ? h + 24 : h) * 3600.0 / spec.time.step_s)));
    }

    const std::int64_t departure_from = std::llround(rs.departure_earliest_h * 3600.0 / spec.time.step_s);
    const std::int64_t departure_to =
        std::max<std::int64_t>(departure_from + 1, std::llround(rs.departure_latest_h * 3600.0 / spec.time.step_s));

    home_.resize(count);
    traits_.resize(count);
    std::vector<std::array<std::uint32_t, anchor_count>> anchor_node(count);
    parallel_for_chunks(0u, count, 4096, [&](std::uint32_t begin, std::uint32_t end) {
        for (std::uint32_t r = begin; r != end; ++r) {
            const auto pick = [&](const std::vector<std::uint32_t>& from, std::uint32_t draw) {
                return from[setup.below(static_cast<std::uint32_t>(from.size()), r, 0, draw)];
            };
            home_[r] = pick(*home_candidates, home_draw);
            auto& traits = traits_[r];
            auto& anchors = anchor_node[r];
            anchors.fill(UINT32_MAX);
            traits.employed = setup.uniform(r, 0, employed_draw) < rs.employed_fraction;
            traits.work_departure_step_of_day = static_cast<std::int32_t>(
                departure_from + setup.below(static_cast<std::uint32_t>(departure_to - departure_from), r, 0,
                                             departure_draw));
            if (traits.employed) anchors[static_cast<int>(Anchor::work)] = pick(*work_candidates, work_draw);
            if (rs.shopping_probability > 0 && !shops.empty())
                anchors[static_cast<int>(Anchor::shop)] =
                    one_of_nearest(nearest_shops[home_[r]], setup.uniform(r, 0, shop_draw));
            if (rs.leisure_probability > 0 && !leisure.empty())
                anchors[static_cast<int>(Anchor::leisure)] =
                    one_of_nearest(nearest_leisure[home_[r]], setup.uniform(r, 0, leisure_draw));
            if (rs.nightlife_probability > 0 && !nightlife.empty()) {
                const std::uint32_t venue =
                    setup.below(static_cast<std::uint32_t>(nightlife.size()), r, 0, nightlife_draw);
                anchors[static_cast<int>(Anchor::nightlife)] = nightlife[venue];
                traits.nightlife_closing_step = nightlife_closing[venue];
            }
            for (int a = 0; a < anchor_count; ++a) traits.has_anchor[a] = anchors[a] != UINT32_MAX;
            traits.female = setup.uniform(r, 0, gender_draw) < rs.female_share;
            const double age = setup.uniform(r, 0, age_draw);
            traits.age_band = age < rs.young_share ? 0 : age < 1.0 - rs.older_share ? 1 : 2;
            traits.minority = setup.uniform(r, 0, origin_draw) < rs.minority_share;
        }
    });

    // One route per (resident, anchor), planned together so each destination is searched once.
    std::vector<RouteRequest> requests;
    anchor_route_.resize(count);
    for (std::uint32_t r = 0; r < count; ++r) {
        for (int a = 0; a < anchor_count; ++a) {
            if (anchor_node[r][a] == UINT32_MAX) {
                anchor_route_[r][a] = no_route;
            } else {
                anchor_route_[r][a] = static_cast<std::uint32_t>(requests.size());
                requests.push_back({home_[r], anchor_node[r][a]});
            }
        }
    }
    routes_ = plan_routes(city, requests);

    state_.assign(count, State::at_home);
    node_ = home_;
    route_.assign(count, 0);
    return_step_.assign(count, 0);
    plan_day_.assign(count, 0);
    next_outing_.assign(count, 0);
    indoor_slot_.assign(count, 0);
    victimisations_.assign(count, 0);
    // Homes by node (residents in id order within a node), and everyone starts at home.
    home_begin_.assign(city.node_count() + 1, 0);
    for (std::uint32_t r = 0; r < count; ++r) ++home_begin_[home_[r] + 1];
    for (std::uint32_t v = 0; v < city.node_count(); ++v) home_begin_[v + 1] += home_begin_[v];
    homes_by_node_.resize(count);
    {
        std::vector<std::uint32_t> fill(home_begin_.begin(), home_begin_.end() - 1);
        for (std::uint32_t r = 0; r < count; ++r) homes_by_node_[fill[home_[r]]++] = r;
    }
    at_home_.assign(city.node_count(), 0);
    for (std::uint32_t v = 0; v < city.node_count(); ++v) at_home_[v] = home_begin_[v + 1] - home_begin_[v];
    // No wake is ever filed more than ten days ahead (a week's look-ahead plus the day's outings),
    // so a ring of twelve days of buckets serves runs of any length.
    // (One spare bucket: before step 0 the whole run must fit when it is shorter than the ring.)
    wake_calendar_.resize(static_cast<std::size_t>(std::min<std::int64_t>(total_steps_ + 1, 12 * steps_per_day_)));

    for (std::uint32_t r = 0; r < count; ++r) {
        if (counted_indoors(State::at_home)) {
            occupancy.add_resident(home_[r]);
            indoor_slot_[r] = occupancy.add_indoor(home_[r], r);
        }
        schedule_next_outing(r, 0);
    }
}

void Residents::schedule_wake(std::uint32_t resident, std::int64_t step) {
    if (step >= total_steps_) return;
    const auto ring = static_cast<std::int64_t>(wake_calendar_.size());
    if (step <= current_step_ || step - current_step_ >= ring)
        throw std::logic_error("Residents: wake-up filed outside the calendar window (a scheduling bug)");
    wake_calendar_[static_cast<std::size_t>(step % ring)].push_back(resident);
}

// Finds the resident's next outing whose return time is after `after_step` (an outing missed
// because the previous one ran late still happens if there is time left) and schedules it.
void Residents::schedule_next_outing(std::uint32_t resident, std::int64_t after_step) {
    constexpr int days_to_look_ahead = 8;
    const std::int64_t first_day = plan_day_[resident];
    for (std::int64_t day = first_day; day <= first_day + days_to_look_ahead; ++day) {
        if (day * steps_per_day_ >= total_steps_) return;
        const DayPlan plan = planner_.plan(resident, traits_[resident], day);
        for (int i = day == first_day ? next_outing_[resident] : 0; i < plan.count; ++i) {
            const Outing& outing = plan.outings[static_cast<std::size_t>(i)];
            if (outing.return_step <= after_step) continue;
            plan_day_[resident] = static_cast<std::int32_t>(day);
            next_outing_[resident] = static_cast<std::uint8_t>(i);
            schedule_wake(resident, std::max(outing.depart_step, after_step));
            return;
        }
    }
    // Nothing planned for a week: look again then.
    plan_day_[resident] = static_cast<std::int32_t>(first_day + days_to_look_ahead + 1);
    next_outing_[resident] = 0;
    schedule_wake(resident, plan_day_[resident] * steps_per_day_);
}

// Indoors, a resident is either in its node's indoor list (and counted there) or not counted at
// all, by counted_indoors(state); on the street it is always counted at the last node passed.
void Residents::leave_indoors(std::uint32_t resident, NodeOccupancy& occupancy) {
    if (counted_indoors(state_[resident])) {
        const std::uint32_t moved = occupancy.remove_indoor(node_[resident], indoor_slot_[resident]);
        if (moved != UINT32_MAX) indoor_slot_[moved] = indoor_slot_[resident];
    } else {
        occupancy.add_resident(node_[resident]);  // now out on the street
    }
}

// Call with state_ already set to where the resident went indoors (at_home or at_anchor).
void Residents::go_indoors(std::uint32_t resident, NodeOccupancy& occupancy) {
    if (counted_indoors(state_[resident]))
        indoor_slot_[resident] = occupancy.add_indoor(node_[resident], resident);
    else
        occupancy.remove_resident(node_[resident]);
}

void Residents::depart(std::uint32_t resident, const Outing* outing, NodeOccupancy& occupancy) {
    if (state_[resident] == State::at_home) --at_home_[home_[resident]];
    leave_indoors(resident, occupancy);
    if (state_[resident] == State::at_home) ++away_count_;
    if (!outing) {
        state_[resident] = State::walking_home;
    } else {
        state_[resident] = State::walking_out;
        route_[resident] = anchor_route_[resident][static_cast<int>(outing->anchor)];
        return_step_[resident] = outing->return_step;
        ++next_outing_[resident];
    }
}

void Residents::wake_due(std::int64_t step, NodeOccupancy& occupancy) {
    current_step_ = step;
    auto& due = wake_calendar_[static_cast<std::size_t>(step % static_cast<std::int64_t>(wake_calendar_.size()))];
    if (due.empty()) return;
    // Canonical order whatever order the wake-ups were filed in.
    std::sort(due.begin(), due.end());
    std::vector<Walker> departing;
    departing.reserve(due.size());
    for (std::uint32_t r : due) {
        if (state_[r] == State::at_anchor) {
            depart(r, nullptr, occupancy);  // time to head home
        } else {
            // A look-again wake (nothing was planned for a week) finds the next outing and sleeps
            // until its departure; it must not send the resident out at midnight.
            const DayPlan plan = planner_.plan(r, traits_[r], plan_day_[r]);
            if (next_outing_[r] >= plan.count || plan.outings[next_outing_[r]].depart_step > step) {
                schedule_next_outing(r, step + 1);  // never into the bucket being processed
                continue;
            }
            const Outing& outing = plan.outings[next_outing_[r]];
            if (fear_behaviour_ && after_dark(outing)) {
                ++night_outings_;
                // Fear of the dark: one draw per (resident, day, outing), so a resumed run draws the same.
                if (avoids_dark(r) && fear_rng_.uniform(r, static_cast<std::uint32_t>(plan_day_[r]), next_outing_[r]) <
                                          stay_home_share_) {
                    ++night_outings_skipped_;
                    ++next_outing_[r];
                    schedule_next_outing(r, step + 1);
                    continue;
                }
            }
            depart(r, &outing, occupancy);
        }
        departing.push_back(make_walker(r));
    }
    std::vector<std::uint32_t>().swap(due);
    merge_departing(departing);
}

// Walkers per chunk of the per-step passes over walking_ (the merge here, the compaction in
// settle_arrivals): a metropolitan area has a hundred thousand walkers at a time, and copying them
// once a step was a sequential millisecond.
constexpr std::size_t walker_chunk = 16384;

// The same as std::merge of walking_ and departing (both by ascending resident id, no id in both),
// in parallel: each chunk of walking_ takes the departing walkers whose ids fall in its range.
void Residents::merge_departing(const std::vector<Walker>& departing) {
    const std::size_t n = walking_.size();
    scratch_.resize(n + departing.size());
    const std::size_t chunks = std::max<std::size_t>(1, (n + walker_chunk - 1) / walker_chunk);
    auto departing_before = [&](std::size_t c) -> std::size_t {
        if (c == 0) return 0;
        if (c >= chunks) return departing.size();
        const std::uint32_t first_id = walking_[c * walker_chunk].resident;
        return static_cast<std::size_t>(
            std::lower_bound(departing.begin(), departing.end(), first_id,
                             [](const Walker& w, std::uint32_t id) { return w.resident < id; }) -
            departing.begin());
    };
    parallel_for_chunks(std::size_t{0}, chunks, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
            const std::size_t from = std::min(n, c * walker_chunk), to = std::min(n, (c + 1) * walker_chunk);
            const std::size_t d_from = departing_before(c), d_to = departing_before(c + 1);
            std::merge(walking_.begin() + static_cast<std::ptrdiff_t>(from),
                       walking_.begin() + static_cast<std::ptrdiff_t>(to),
                       departing.begin() + static_cast<std::ptrdiff_t>(d_from),
                       departing.begin() + static_cast<std::ptrdiff_t>(d_to),
                       scratch_.begin() + static_cast<std::ptrdiff_t>(from + d_from),
                       [](const Walker& a, const Walker& b) { return a.resident < b.resident; });
        }
    });
    walking_.swap(scratch_);
}

bool Residents::after_dark(const Outing& outing) const {
    auto dark = [&](std::int64_t step) {
        const std::int64_t of_day = step % steps_per_day_;
        return of_day < sunrise_step_ || of_day >= sunset_step_;
    };
    return dark(outing.depart_step) || dark(outing.return_step);
}

Residents::Walker Residents::make_walker(std::uint32_t resident) const {
    const bool outward = state_[resident] == State::walking_out;
    const auto route = routes_.route(route_[resident]);
    const auto last = static_cast<std::uint32_t>(route.size() - 1);
    Walker walker{resident,
                  node_[resident],
                  routes_.offset(route_[resident]),
                  outward ? 0u : last,
                  last,
                  static_cast<std::int32_t>(return_step_[resident]),
                  0.0f,
                  0.0f,
                  outward,
                  false};
    walker.hop_m = hop_ahead_m(walker);
    return walker;
}

float Residents::hop_ahead_m(const Walker& w) const {
    const std::uint32_t* route = routes_.nodes() + w.route_begin;
    if (w.outward ? w.pos == w.last : w.pos == 0) return 0.0f;
    return hop_length_m(route[w.pos], route[w.outward ? w.pos + 1 : w.pos - 1]);
}

std::uint32_t Residents::node(std::uint32_t resident) const {
    if (state_[resident] == State::walking_out || state_[resident] == State::walking_home) {
        const auto found = std::lower_bound(walking_.begin(), walking_.end(), resident,
                                            [](const Walker& w, std::uint32_t r) { return w.resident < r; });
        return found->node;
    }
    return node_[resident];
}

void Residents::append_walker_positions(std::vector<WalkerPosition>& out) const {
    const std::uint32_t* route_nodes = routes_.nodes();
    for (const Walker& w : walking_) {
        const std::uint32_t* route = route_nodes + w.route_begin;
        const bool at_end = w.outward ? w.pos == w.last : w.pos == 0;
        const std::uint32_t next = at_end ? w.node : route[w.outward ? w.pos + 1 : w.pos - 1];
        const float fraction = w.hop_m > 0.0f ? std::min(1.0f, w.progress_m / w.hop_m) : 0.0f;
        out.push_back({w.resident, w.node, next, fraction});
    }
}

float Residents::shortest_arc_length_m(std::uint32_t from, std::uint32_t to) const {
    float length_m = std::numeric_limits<float>::infinity();
    for (std::uint32_t a = city_.arc_begin(from), end = city_.arc_end(from); a < end; ++a)
        if (city_.arc_target(a) == to) length_m = std::min(length_m, city_.arc_length_m(a));
    return length_m;
}

void Residents::move(std::int64_t step, NodeOccupancy& occupancy) {
    // A walker never needs more than this much less than a full hop to take it: absorbs the
    // rounding of speed * step length (e.g. 100 m/min given as 1.6666667 m/s).
    constexpr float slack_m = 1e-3f;
    const std::uint32_t* route_nodes = routes_.nodes();
    parallel_for_chunks(std::size_t{0}, walking_.size(), 1024, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i != end; ++i) {
            // The route is the one memory access the dense walker array cannot make sequential.
            constexpr std::size_t prefetch_distance = 8;
            if (i + prefetch_distance < end) {
                const Walker& ahead = walking_[i + prefetch_distance];
                __builtin_prefetch(route_nodes + ahead.route_begin + ahead.pos);
            }
            Walker& w = walking_[i];
            const std::uint32_t* route = route_nodes + w.route_begin;
            if (w.outward && step >= w.return_step) {  // out of time: turn back
                w.outward = false;
                w.hop_m = hop_ahead_m(w);
            }
            float progress = w.progress_m + walk_per_step_m_;
            for (;;) {
                if (w.outward ? w.pos == w.last : w.pos == 0) {
                    w.arrived = true;
                    progress = 0.0f;
                    break;
                }
                if (progress + slack_m < w.hop_m) break;
                progress = std::max(0.0f, progress - w.hop_m);
                const std::uint32_t next = w.outward ? w.pos + 1 : w.pos - 1;
                occupancy.move_resident(route[w.pos], route[next]);
                w.pos = next;
                w.hop_m = hop_ahead_m(w);
            }
            w.node = route[w.pos];
            w.progress_m = progress;
        }
    });
}

void Residents::settle_arrivals(std::int64_t step, NodeOccupancy& occupancy) {
    // The walkers still out are kept in order and the arrived ones set aside in order, chunk by
    // chunk in parallel (a stable partition into scratch_ and arrived_); then the arrivals are
    // settled one by one in resident order, since they share node lists and the wake calendar.
    const std::size_t n = walking_.size();
    const std::size_t chunks = (n + walker_chunk - 1) / walker_chunk;
    kept_before_.assign(chunks + 1, 0);
    parallel_for_chunks(std::size_t{0}, chunks, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
            std::size_t kept = 0;
            for (std::size_t i = c * walker_chunk, to = std::min(n, (c + 1) * walker_chunk); i < to; ++i)
                kept += !walking_[i].arrived;
            kept_before_[c + 1] = kept;
        }
    });
    for (std::size_t c = 0; c < chunks; ++c) kept_before_[c + 1] += kept_before_[c];
    const std::size_t kept_total = kept_before_[chunks];
    scratch_.resize(kept_total);
    arrived_.resize(n - kept_total);
    parallel_for_chunks(std::size_t{0}, chunks, 1, [&](std::size_t begin, std::size_t end) {
        for (std::size_t c = begin; c < end; ++c) {
            std::size_t kept = kept_before_[c];
            std::size_t arrived = c * walker_chunk - kept_before_[c];
            for (std::size_t i = c * walker_chunk, to = std::min(n, (c + 1) * walker_chunk); i < to; ++i) {
                if (walking_[i].arrived) arrived_[arrived++] = walking_[i];
                else scratch_[kept++] = walking_[i];
            }
        }
    });
    walking_.swap(scratch_);
    for (const Walker& w : arrived_) {
        const std::uint32_t r = w.resident;
        node_[r] = w.node;
        state_[r] = w.outward ? State::at_anchor : State::at_home;
        go_indoors(r, occupancy);
        if (w.outward) {
            schedule_wake(r, return_step_[r]);
        } else {
            --away_count_;
            ++at_home_[home_[r]];
            schedule_next_outing(r, step + 1);
        }
    }
}

std::uint32_t Residents::resident_at(std::uint32_t node, std::uint32_t k, const NodeOccupancy& occupancy) const {
    if (occupancy.tracks_indoor()) {
        const auto& indoor = occupancy.indoor_at(node);
        if (k < indoor.size()) return indoor[k];
        k -= static_cast<std::uint32_t>(indoor.size());
    }
    for (const Walker& w : walking_) {
        if (w.node == node) {
            if (k == 0) return w.resident;
            --k;
        }
    }
    return UINT32_MAX;  // only if counts and lists disagree: a bug the tests look for
}

std::uint32_t Residents::empty_home_at(std::uint32_t node, std::uint32_t k) const {
    for (std::uint32_t i = home_begin_[node]; i < home_begin_[node + 1]; ++i) {
        const std::uint32_t r = homes_by_node_[i];
        if (state_[r] != State::at_home && k-- == 0) return r;
    }
    return UINT32_MAX;  // only if the counts disagree: a bug the tests look for
}

void Residents::save_state(CheckpointWriter& out) const {
    static_assert(sizeof(State) == 1);
    std::vector<std::uint8_t> states(state_.size());
    for (std::size_t r = 0; r < state_.size(); ++r) states[r] = static_cast<std::uint8_t>(state_[r]);
    out.put_vector(states);
    out.put_vector(node_);
    out.put_vector(route_);
    out.put_vector(return_step_);
    out.put_vector(plan_day_);
    out.put_vector(next_outing_);
    out.put_vector(indoor_slot_);
    out.put_vector(victimisations_);
    out.put(away_count_);
    out.put_vector(at_home_);
    out.put<std::uint64_t>(wake_calendar_.size());
    for (const auto& bucket : wake_calendar_) out.put_vector(bucket);
    out.put(current_step_);
    out.put<std::uint64_t>(walking_.size());
    for (const Walker& w : walking_) {
        out.put(w.resident);
        out.put(w.node);
        out.put(w.route_begin);
        out.put(w.pos);
        out.put(w.last);
        out.put(static_cast<std::int64_t>(w.return_step));  // 64 bits in the file, as before
        out.put(w.progress_m);
        out.put_flag(w.outward);
        out.put_flag(w.arrived);
    }
    // Only with insecurity.behaviour, so checkpoints of runs without it are as before.
    if (fear_behaviour_) {
        out.put_vector(avoids_dark_);
        out.put(night_outings_);
        out.put(night_outings_skipped_);
    }
}

void Residents::load_state(CheckpointReader& in) {
    const std::uint32_t residents = count();
    const std::uint32_t nodes = city_.node_count();
    std::vector<std::uint8_t> states(state_.size());
    in.get_vector_into(states, "resident state");
    for (std::size_t r = 0; r < states.size(); ++r) {
        in.check(states[r] <= static_cast<std::uint8_t>(State::walking_home), "resident state out of range");
        state_[r] = static_cast<State>(states[r]);
    }
    in.get_vector_into(node_, "resident node");
    in.get_vector_into(route_, "resident route");
    in.get_vector_into(return_step_, "resident return step");
    in.get_vector_into(plan_day_, "resident plan day");
    in.get_vector_into(next_outing_, "resident next outing");
    in.get_vector_into(indoor_slot_, "resident indoor slot");
    in.get_vector_into(victimisations_, "resident victimisations");
    away_count_ = in.get<std::uint32_t>("residents away");
    in.get_vector_into(at_home_, "residents at home per node");
    in.check_below(node_, nodes, "resident node");
    in.check_below(route_, std::max<std::uint32_t>(1, routes_.size()), "resident route");
    in.check(away_count_ <= residents, "more residents away than there are residents");

    const std::uint64_t ring = in.get<std::uint64_t>("wake calendar length");
    in.check(ring == wake_calendar_.size(), "the wake calendar has " + std::to_string(ring) + " days' steps where " +
                                                 std::to_string(wake_calendar_.size()) + " belong");
    for (auto& bucket : wake_calendar_) {
        bucket = in.get_vector<std::uint32_t>(residents, "wake calendar entry");
        in.check_below(bucket, residents, "wake calendar entry");
    }
    current_step_ = in.get<std::int64_t>("step of the last wake-up");
    in.check(current_step_ >= -1 && current_step_ < total_steps_, "step of the last wake-up out of range");

    const std::uint64_t walkers = in.get_count(residents, "walkers");
    const std::uint64_t route_nodes = routes_.size() > 0 ? routes_.offset(routes_.size()) : 0;
    walking_.clear();
    walking_.reserve(static_cast<std::size_t>(walkers));
    for (std::uint64_t i = 0; i < walkers; ++i) {
        Walker w{};
        w.resident = in.get<std::uint32_t>("walker resident");
        w.node = in.get<std::uint32_t>("walker node");
        w.route_begin = in.get<std::uint64_t>("walker route");
        w.pos = in.get<std::uint32_t>("walker route position");
        w.last = in.get<std::uint32_t>("walker route end");
        const auto return_step = in.get<std::int64_t>("walker return step");
        in.check(return_step >= std::numeric_limits<std::int32_t>::min() &&
                     return_step <= std::numeric_limits<std::int32_t>::max(),
                 "walker " + std::to_string(i) + ": return step out of range");
        w.return_step = static_cast<std::int32_t>(return_step);
        w.progress_m = in.get<float>("walker progress");
        w.outward = in.get_flag("walker direction");
        w.arrived = in.get_flag("walker arrived");
        // Ascending ids (the move and merge rely on it), and the walker stays inside its route.
        in.check(w.resident < residents && (walking_.empty() || walking_.back().resident < w.resident) &&
                     w.node < nodes && w.pos <= w.last && w.route_begin + w.last < route_nodes,
                 "walker " + std::to_string(i) + " out of range or out of order");
        w.hop_m = hop_ahead_m(w);  // not stored: a property of the route and position
        walking_.push_back(w);
    }
    if (fear_behaviour_) {
        avoids_dark_ = in.get_vector<std::uint8_t>(residents, "residents avoiding the dark");
        in.check(avoids_dark_.empty() || avoids_dark_.size() == residents, "residents avoiding the dark: wrong count");
        night_outings_ = in.get<std::uint64_t>("outings after dark");
        night_outings_skipped_ = in.get<std::uint64_t>("outings after dark skipped");
    }
}

}  // namespace streetwise
