#include "sim/city/lattice_city.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

using namespace streetwise;

namespace {

std::multiset<std::uint32_t> neighbours(const City& city, std::uint32_t node) {
    std::multiset<std::uint32_t> result;
    for (std::uint32_t a = city.arc_begin(node); a < city.arc_end(node); ++a) result.insert(city.arc_target(a));
    return result;
}

// The ids lattice (i, j) should link to: node id = j * width + i.
std::multiset<std::uint32_t> expected_neighbours(int i, int j, int width, int height, bool periodic) {
    std::multiset<std::uint32_t> result;
    auto add = [&](int x, int y) { result.insert(static_cast<std::uint32_t>(y * width + x)); };
    const bool wrap_x = periodic && width >= 3;
    const bool wrap_y = periodic && height >= 3;
    if (i > 0) add(i - 1, j); else if (wrap_x) add(width - 1, j);
    if (i + 1 < width) add(i + 1, j); else if (wrap_x) add(0, j);
    if (j > 0) add(i, j - 1); else if (wrap_y) add(i, height - 1);
    if (j + 1 < height) add(i, j + 1); else if (wrap_y) add(i, 0);
    return result;
}

}  // namespace

TEST_CASE("Non-periodic square lattice matches benchmark B1", "[lattice]") {
    const int w = 7;
    const City city = make_lattice_city(LatticeSpec{w, w, 100.0, false});
    REQUIRE(city.node_count() == static_cast<std::uint32_t>(w * w));
    REQUIRE(city.segment_count() == static_cast<std::uint32_t>(2 * w * (w - 1)));
    CHECK(city.uniform_segment_length());
    CHECK(city.name() == "lattice 7x7");
    for (float length : city.segment_length_m()) CHECK(length == 100.0f);

    for (int j = 0; j < w; ++j) {
        for (int i = 0; i < w; ++i) {
            const auto id = static_cast<std::uint32_t>(j * w + i);
            CHECK(city.node_x_m()[id] == i * 100.0);
            CHECK(city.node_y_m()[id] == j * 100.0);
            const int borders = (i == 0 || i == w - 1 ? 1 : 0) + (j == 0 || j == w - 1 ? 1 : 0);
            CHECK(city.degree(id) == static_cast<std::uint32_t>(4 - borders));  // 4 inside, 3 border, 2 corner
            CHECK(neighbours(city, id) == expected_neighbours(i, j, w, w, false));
        }
    }
}

TEST_CASE("Rectangular lattice counts and neighbours", "[lattice]") {
    const int w = 5, h = 3;
    const City city = make_lattice_city(LatticeSpec{w, h, 80.0, false});
    REQUIRE(city.node_count() == static_cast<std::uint32_t>(w * h));
    REQUIRE(city.segment_count() == static_cast<std::uint32_t>((w - 1) * h + w * (h - 1)));
    for (int j = 0; j < h; ++j)
        for (int i = 0; i < w; ++i)
            CHECK(neighbours(city, static_cast<std::uint32_t>(j * w + i)) == expected_neighbours(i, j, w, h, false));
    for (float length : city.segment_length_m()) CHECK(length == 80.0f);
}

TEST_CASE("Periodic lattice is a torus", "[lattice]") {
    const int w = 6, h = 4;
    const City city = make_lattice_city(LatticeSpec{w, h, 100.0, true});
    REQUIRE(city.node_count() == static_cast<std::uint32_t>(w * h));
    REQUIRE(city.segment_count() == static_cast<std::uint32_t>(2 * w * h));
    CHECK(city.uniform_segment_length());
    for (int j = 0; j < h; ++j) {
        for (int i = 0; i < w; ++i) {
            const auto id = static_cast<std::uint32_t>(j * w + i);
            CHECK(city.degree(id) == 4u);
            CHECK(neighbours(city, id) == expected_neighbours(i, j, w, h, true));
        }
    }
    for (float length : city.segment_length_m()) CHECK(length == 100.0f);
}

TEST_CASE("Periodic lattice adds no duplicate links along a side of 2", "[lattice]") {
    const City city = make_lattice_city(LatticeSpec{2, 5, 100.0, true});
    REQUIRE(city.segment_count() == static_cast<std::uint32_t>(1 * 5 + 2 * 5));
    for (int j = 0; j < 5; ++j)
        for (int i = 0; i < 2; ++i)
            CHECK(neighbours(city, static_cast<std::uint32_t>(j * 2 + i)) == expected_neighbours(i, j, 2, 5, true));
}

TEST_CASE("Lattice attributes", "[lattice]") {
    const CityDraft draft = make_lattice_draft(LatticeSpec{4, 4, 100.0, false});
    REQUIRE(draft.districts.size() == 1);
    CHECK(draft.districts[0].name == "lattice");
    CHECK(draft.districts[0].land_use == LandUse::residential);
    CHECK(draft.places.empty());
    for (const auto& s : draft.segments) {
        CHECK(s.road_class == RoadClass::lattice);
        CHECK(s.lux == 0.0f);
        CHECK(s.land_use == LandUse::residential);
        CHECK(s.district == 0);
        CHECK(s.name == 0u);
    }
}

TEST_CASE("Lattice rejects impossible specs", "[lattice]") {
    CHECK_THROWS_AS(make_lattice_draft(LatticeSpec{0, 5, 100.0, false}), std::invalid_argument);
    CHECK_THROWS_AS(make_lattice_draft(LatticeSpec{1, 1, 100.0, false}), std::invalid_argument);
    CHECK_THROWS_AS(make_lattice_draft(LatticeSpec{5, 5, 0.0, false}), std::invalid_argument);
    CHECK_THROWS_AS(make_lattice_draft(LatticeSpec{5, 5, -1.0, false}), std::invalid_argument);
    CHECK_NOTHROW(make_lattice_draft(LatticeSpec{1, 2, 100.0, true}));
}

TEST_CASE("B1-l lattice (316 x 316) is built quickly", "[lattice]") {
    const auto start = std::chrono::steady_clock::now();
    const City city = make_lattice_city(LatticeSpec{316, 316, 100.0, false});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(city.node_count() == 316u * 316u);
    CHECK(city.segment_count() == 2u * 316u * 315u);
    CHECK(city.uniform_segment_length());
    // Generous bound so Debug builds and busy machines pass; Release takes a few milliseconds.
    CHECK(seconds < 5.0);
}
