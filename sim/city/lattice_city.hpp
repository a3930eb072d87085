#pragma once
// Square lattices: the street graph of textbook models (Short et al. 2008) and of benchmark B1.
#include "sim/city/city.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

// A width x height lattice of nodes spaced edge_length_m apart, linked to their 4 neighbours
// (fewer at the border unless periodic).
//
// Node numbering: node (i, j), 0 <= i < width (west-east), 0 <= j < height (south-north), has id
// j * width + i and sits at x = i * edge_length_m, y = j * edge_length_m.
//
// Segments are listed node by node in id order: first the east link (i, j)-(i+1, j), then the
// north link (i, j)-(i, j+1). A non-periodic lattice has (W-1)H + W(H-1) segments (2W(W-1) for
// a square one, as in benchmark B1). With periodic, the wrap-around links (W-1, j)-(0, j) and
// (i, H-1)-(i, 0) are added for each direction of size >= 3 (for size 2 the wrap link would
// duplicate the existing one, for size 1 it would be a self-loop), giving 2WH segments.
//
// Every segment has class lattice, 0 lux, residential land use and district 0 ("lattice");
// there are no places. Throws std::invalid_argument for fewer than 2 nodes, a non-positive
// edge length, or more than 2^30 nodes (arc ids are 32-bit).
CityDraft make_lattice_draft(const LatticeSpec& spec);

// The built lattice (all of it: a lattice is connected, so no component is dropped).
City make_lattice_city(const LatticeSpec& spec);

}  // namespace streetwise
