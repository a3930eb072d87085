#include "sim/city/city.hpp"

#include "sim/core/counter_rng.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdio>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace streetwise {

std::string_view to_string(RoadClass road_class) {
    static constexpr std::string_view names[road_class_count] = {
        "footway", "living_street", "residential", "service", "unclassified",
        "tertiary", "secondary", "primary", "trunk", "lattice"};
    return names[static_cast<int>(road_class)];
}

std::string_view to_string(LandUse land_use) {
    static constexpr std::string_view names[land_use_count] = {
        "residential", "commercial", "nightlife", "industrial", "park", "transit", "mixed"};
    return names[static_cast<int>(land_use)];
}

std::string_view to_string(PlaceKind kind) {
    static constexpr std::string_view names[place_kind_count] = {
        "shop", "bar", "nightclub", "transit_stop", "police_station", "school", "park", "workplace"};
    return names[static_cast<int>(kind)];
}

namespace {

// Union-find with path halving, for the connected components of the street graph.
struct ComponentFinder {
    std::vector<std::uint32_t> parent;
    explicit ComponentFinder(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
    std::uint32_t find(std::uint32_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);  // smaller id wins: deterministic roots
    }
};

// Keeps only the nodes, segments and places of the largest connected component (ties: the one
// containing the lowest node id), preserving relative order so the result is deterministic.
void keep_largest_component_only(CityDraft& draft) {
    const std::size_t node_count = draft.node_x_m.size();
    ComponentFinder components(node_count);
    std::vector<bool> touched(node_count, false);
    for (const auto& s : draft.segments) {
        components.unite(s.from, s.to);
        touched[s.from] = touched[s.to] = true;
    }
    std::vector<std::uint32_t> size(node_count, 0);
    for (std::uint32_t v = 0; v < node_count; ++v)
        if (touched[v]) ++size[components.find(v)];
    const auto largest = static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());

    std::vector<std::uint32_t> new_id(node_count, UINT32_MAX);
    std::vector<double> x, y;
    for (std::uint32_t v = 0; v < node_count; ++v) {
        if (touched[v] && components.find(v) == largest) {
            new_id[v] = static_cast<std::uint32_t>(x.size());
            x.push_back(draft.node_x_m[v]);
            y.push_back(draft.node_y_m[v]);
        }
    }
    std::vector<std::uint32_t> new_segment(draft.segments.size(), UINT32_MAX);
    std::vector<CityDraft::Segment> segments;
    for (std::size_t i = 0; i < draft.segments.size(); ++i) {
        auto s = draft.segments[i];
        if (new_id[s.from] == UINT32_MAX) continue;
        s.from = new_id[s.from];
        s.to = new_id[s.to];
        new_segment[i] = static_cast<std::uint32_t>(segments.size());
        segments.push_back(s);
    }
    std::vector<Place> places;
    for (auto p : draft.places) {
        if (p.segment >= new_segment.size() || new_segment[p.segment] == UINT32_MAX) continue;
        p.segment = new_segment[p.segment];
        p.node = new_id[p.node];
        places.push_back(std::move(p));
    }
    draft.node_x_m = std::move(x);
    draft.node_y_m = std::move(y);
    draft.segments = std::move(segments);
    draft.places = std::move(places);
}

// FNV-1a over explicit little-endian bytes, then a final mix: stable across builds and platforms.
class Fingerprinter {
public:
    void add_bytes(const void* data, std::size_t size) {
        const auto* bytes = static_cast<const unsigned char*>(data);
        for (std::size_t i = 0; i < size; ++i) {
            hash_ ^= bytes[i];
            hash_ *= 0x100000001b3ULL;
        }
    }
    template <class T>
    void add(const std::vector<T>& values) {
        add_value(static_cast<std::uint64_t>(values.size()));
        static_assert(std::endian::native == std::endian::little, "fingerprint assumes a little-endian host");
        add_bytes(values.data(), values.size() * sizeof(T));
    }
    void add_value(std::uint64_t value) { add_bytes(&value, sizeof value); }
    void add_string(const std::string& s) {
        add_value(s.size());
        add_bytes(s.data(), s.size());
    }
    std::uint64_t value() const { return hash_; }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace

City City::build(CityDraft draft, bool keep_largest_component) {
    // Self-loops carry no walker anywhere and confuse degree-based rules. Places keep pointing
    // at their segment through the renumbering; a place on a self-loop is dropped.
    {
        std::vector<std::uint32_t> new_segment(draft.segments.size(), UINT32_MAX);
        std::size_t kept = 0;
        for (std::size_t i = 0; i < draft.segments.size(); ++i) {
            if (draft.segments[i].from == draft.segments[i].to) continue;
            new_segment[i] = static_cast<std::uint32_t>(kept);
            draft.segments[kept++] = draft.segments[i];
        }
        if (kept != draft.segments.size()) {
            draft.segments.resize(kept);
            std::erase_if(draft.places, [&](const Place& p) {
                return p.segment >= new_segment.size() || new_segment[p.segment] == UINT32_MAX;
            });
            for (auto& p : draft.places) p.segment = new_segment[p.segment];
        }
    }
    for (const auto& s : draft.segments) {
        if (s.from >= draft.node_x_m.size() || s.to >= draft.node_x_m.size())
            throw std::invalid_argument("City::build: segment refers to a node that does not exist");
    }
    if (keep_largest_component) keep_largest_component_only(draft);
    if (draft.segments.empty() || draft.node_x_m.empty())
        throw std::invalid_argument("City::build: the city has no street segments");
    if (draft.node_y_m.size() != draft.node_x_m.size())
        throw std::invalid_argument("City::build: node_x_m and node_y_m differ in length");
    if (draft.districts.empty()) draft.districts.push_back(District{draft.name, LandUse::mixed});
    if (draft.street_names.empty()) draft.street_names.push_back("");

    City city;
    city.name_ = std::move(draft.name);
    city.origin_lon_ = draft.origin_lon;
    city.origin_lat_ = draft.origin_lat;
    city.node_x_m_ = std::move(draft.node_x_m);
    city.node_y_m_ = std::move(draft.node_y_m);
    const std::size_t segment_count = draft.segments.size();
    city.segment_from_.reserve(segment_count);
    city.segment_to_.reserve(segment_count);
    city.segment_length_m_.reserve(segment_count);
    city.segment_road_class_.reserve(segment_count);
    city.segment_lux_.reserve(segment_count);
    city.segment_land_use_.reserve(segment_count);
    city.segment_district_.reserve(segment_count);
    city.segment_name_.reserve(segment_count);
    for (const auto& s : draft.segments) {
        city.segment_from_.push_back(s.from);
        city.segment_to_.push_back(s.to);
        city.segment_length_m_.push_back(s.length_m);
        city.segment_road_class_.push_back(s.road_class);
        city.segment_lux_.push_back(s.lux);
        city.segment_land_use_.push_back(s.land_use);
        city.segment_district_.push_back(
            static_cast<std::uint16_t>(std::min<std::size_t>(s.district, draft.districts.size() - 1)));
        city.segment_name_.push_back(s.name < draft.street_names.size() ? s.name : 0);
    }
    city.street_names_ = std::move(draft.street_names);
    city.districts_ = std::move(draft.districts);
    city.places_ = std::move(draft.places);

    // Two arcs per segment, sorted by (source, target, segment) so the CSR layout, and therefore
    // neighbour order, is a pure function of the draft.
    struct Arc {
        std::uint32_t source, target, segment;
    };
    std::vector<Arc> arcs;
    arcs.reserve(2 * segment_count);
    for (std::uint32_t i = 0; i < segment_count; ++i) {
        arcs.push_back({city.segment_from_[i], city.segment_to_[i], i});
        arcs.push_back({city.segment_to_[i], city.segment_from_[i], i});
    }
    std::sort(arcs.begin(), arcs.end(), [](const Arc& a, const Arc& b) {
        return std::tie(a.source, a.target, a.segment) < std::tie(b.source, b.target, b.segment);
    });
    std::vector<std::pair<std::uint32_t, std::uint32_t>> endpoints;
    endpoints.reserve(arcs.size());
    city.arc_segment_.reserve(arcs.size());
    for (const auto& a : arcs) {
        endpoints.emplace_back(a.source, a.target);
        city.arc_segment_.push_back(a.segment);
    }
    const auto node_count = static_cast<std::uint32_t>(city.node_x_m_.size());
    city.graph_ = StreetGraph(boost::edges_are_sorted, endpoints.begin(), endpoints.end(), node_count);

    city.node_lux_.assign(node_count, 0.0f);
    city.node_land_use_.assign(node_count, LandUse::residential);
    for (std::uint32_t v = 0; v < node_count; ++v) {
        // A node takes the land use most of its streets have (ties: the lower enum value).
        std::array<std::uint8_t, land_use_count> votes{};
        for (std::uint32_t a = city.arc_begin(v), end = city.arc_end(v); a < end; ++a) {
            const std::uint32_t segment = city.arc_segment_[a];
            ++votes[static_cast<std::size_t>(city.segment_land_use_[segment])];
            city.node_lux_[v] = std::max(city.node_lux_[v], city.segment_lux_[segment]);
        }
        if (city.arc_begin(v) != city.arc_end(v))
            city.node_land_use_[v] =
                static_cast<LandUse>(std::max_element(votes.begin(), votes.end()) - votes.begin());
    }
    city.uniform_segment_length_ =
        std::all_of(city.segment_length_m_.begin(), city.segment_length_m_.end(),
                    [&](float length) { return length == city.segment_length_m_.front(); });

    Fingerprinter fp;
    fp.add_string(city.name_);
    fp.add_bytes(&city.origin_lon_, sizeof(double));
    fp.add_bytes(&city.origin_lat_, sizeof(double));
    fp.add(city.node_x_m_);
    fp.add(city.node_y_m_);
    fp.add(city.segment_from_);
    fp.add(city.segment_to_);
    fp.add(city.segment_length_m_);
    fp.add(city.segment_road_class_);
    fp.add(city.segment_lux_);
    fp.add(city.segment_land_use_);
    fp.add(city.segment_district_);
    fp.add(city.segment_name_);
    for (const auto& n : city.street_names_) fp.add_string(n);
    for (const auto& d : city.districts_) {
        fp.add_string(d.name);
        fp.add_value(static_cast<std::uint64_t>(d.land_use));
    }
    for (const auto& p : city.places_) {
        fp.add_value(static_cast<std::uint64_t>(p.kind));
        fp.add_value(p.segment);
        fp.add_value(p.node);
        fp.add_string(p.name);
    }
    city.fingerprint_ = mix64(fp.value());
    return city;
}

double City::total_length_m() const {
    return std::accumulate(segment_length_m_.begin(), segment_length_m_.end(), 0.0);
}

std::string City::fingerprint_hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(fingerprint_));
    return text;
}

CityDraft City::to_draft() const {
    CityDraft draft;
    draft.name = name_;
    draft.origin_lon = origin_lon_;
    draft.origin_lat = origin_lat_;
    draft.node_x_m = node_x_m_;
    draft.node_y_m = node_y_m_;
    draft.segments.reserve(segment_count());
    for (std::uint32_t i = 0; i < segment_count(); ++i) {
        draft.segments.push_back({segment_from_[i], segment_to_[i], segment_length_m_[i], segment_road_class_[i],
                                  segment_lux_[i], segment_land_use_[i], segment_district_[i], segment_name_[i]});
    }
    draft.street_names = street_names_;
    draft.districts = districts_;
    draft.places = places_;
    return draft;
}

}  // namespace streetwise
