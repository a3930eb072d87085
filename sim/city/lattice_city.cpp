#include "sim/city/lattice_city.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace streetwise {

CityDraft make_lattice_draft(const LatticeSpec& spec) {
    if (spec.width < 1 || spec.height < 1) {
        throw std::invalid_argument("lattice: width and height must be >= 1, got " + std::to_string(spec.width) +
                                    " x " + std::to_string(spec.height));
    }
    const std::uint64_t node_count64 = static_cast<std::uint64_t>(spec.width) * static_cast<std::uint64_t>(spec.height);
    if (node_count64 < 2) throw std::invalid_argument("lattice: needs at least 2 nodes (width x height >= 2)");
    // Four arcs per node on a torus must still fit the graph's 32-bit arc ids.
    if (node_count64 > (std::uint64_t{1} << 30)) {
        throw std::invalid_argument("lattice: width x height must be at most 2^30 nodes");
    }
    if (!(spec.edge_length_m > 0.0) || !std::isfinite(spec.edge_length_m)) {
        throw std::invalid_argument("lattice: edge_length_m must be a positive number of metres");
    }

    const auto width = static_cast<std::uint32_t>(spec.width);
    const auto height = static_cast<std::uint32_t>(spec.height);
    const auto node_count = static_cast<std::uint32_t>(node_count64);
    const bool wrap_x = spec.periodic && width >= 3;
    const bool wrap_y = spec.periodic && height >= 3;

    CityDraft draft;
    draft.name = "lattice " + std::to_string(width) + "x" + std::to_string(height);
    draft.districts.push_back(District{"lattice", LandUse::residential});

    draft.node_x_m.resize(node_count);
    draft.node_y_m.resize(node_count);
    for (std::uint32_t j = 0; j < height; ++j) {
        for (std::uint32_t i = 0; i < width; ++i) {
            const std::uint32_t id = j * width + i;
            // Multiply rather than accumulate, so coordinates are exact multiples of the edge length.
            draft.node_x_m[id] = static_cast<double>(i) * spec.edge_length_m;
            draft.node_y_m[id] = static_cast<double>(j) * spec.edge_length_m;
        }
    }

    const std::uint64_t segment_count = static_cast<std::uint64_t>(wrap_x ? width : width - 1) * height +
                                        static_cast<std::uint64_t>(width) * (wrap_y ? height : height - 1);
    draft.segments.reserve(segment_count);

    CityDraft::Segment street;
    // On a torus the wrap-around link is drawn as a long line across the whole lattice, but its
    // length stays one edge: walking it costs the same as any other step. Renderers should skip
    // segments whose drawn length differs from length_m.
    street.length_m = static_cast<float>(spec.edge_length_m);
    street.road_class = RoadClass::lattice;
    street.lux = 0.0f;
    street.land_use = LandUse::residential;
    street.district = 0;
    street.name = 0;
    for (std::uint32_t j = 0; j < height; ++j) {
        for (std::uint32_t i = 0; i < width; ++i) {
            const std::uint32_t id = j * width + i;
            street.from = id;
            if (i + 1 < width) {
                street.to = id + 1;
                draft.segments.push_back(street);
            } else if (wrap_x) {
                street.to = j * width;
                draft.segments.push_back(street);
            }
            if (j + 1 < height) {
                street.to = id + width;
                draft.segments.push_back(street);
            } else if (wrap_y) {
                street.to = i;
                draft.segments.push_back(street);
            }
        }
    }
    return draft;
}

City make_lattice_city(const LatticeSpec& spec) {
    // A lattice is connected by construction; skipping the component search keeps B1-l fast.
    return City::build(make_lattice_draft(spec), false);
}

}  // namespace streetwise
