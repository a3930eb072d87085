// Patrol targets come from the record alone: hot spots are the segments with most recorded crime in
// the trailing window; the predictive forecast ranks a segment near recent recorded crime above one
// with only old crime; segments with nothing recorded are never targets.
#include <catch2/catch.hpp>

#include "sim/city/city.hpp"
#include "sim/city/lattice_city.hpp"
#include "sim/model/patrol_strategy.hpp"

using namespace streetwise;

namespace {
City lattice() {
    LatticeSpec spec;
    spec.width = 10;
    spec.height = 10;
    return make_lattice_city(spec);
}
RecordedCrime crime(std::int64_t step, std::uint32_t segment) { return RecordedCrime{0, step, 0, segment, 0}; }
}  // namespace

TEST_CASE("hot spots are the segments with most recorded crime in the window", "[police][strategy]") {
    const City city = lattice();
    PoliceSpec police;
    police.hot_spot.count = 2;
    police.hot_spot.window_days = 1;
    PatrolTargets targets(city, police, 60);
    CrimeRecord record(city.segment_count());
    // Segment 5: three crimes long ago (outside the window); 9: two recent; 3 and 7: one recent each.
    for (int i = 0; i < 3; ++i) record.add(crime(10, 5));
    record.add(crime(3000, 7));
    record.add(crime(3001, 9));
    record.add(crime(3002, 3));
    record.add(crime(3003, 9));
    const auto top = targets.rank(PatrolStrategy::hot_spot, record, 3500, {});
    REQUIRE(top.size() == 2);
    CHECK(top[0] == 9);
    CHECK(top[1] == 3);  // ties go to the lower id
    // An area limits them.
    std::vector<std::uint8_t> area(city.segment_count(), 0);
    area[7] = 1;
    CHECK(targets.rank(PatrolStrategy::hot_spot, record, 3500, area) == std::vector<std::uint32_t>{7});
    // An empty record: no target at all.
    CHECK(targets.rank(PatrolStrategy::hot_spot, CrimeRecord(city.segment_count()), 3500, {}).empty());
}

TEST_CASE("the predictive forecast weighs recent recorded crime and its neighbourhood", "[police][strategy]") {
    const City city = lattice();
    PoliceSpec police;
    police.hot_spot.count = 3;
    PatrolTargets targets(city, police, 60);
    CrimeRecord record(city.segment_count());
    record.add(crime(0, 40));
    record.add(crime(20000, 100));
    const auto top = targets.rank(PatrolStrategy::predictive, record, 20001, {});
    REQUIRE_FALSE(top.empty());
    CHECK(top.front() == 100);
    // Neighbours of a recent crime get some intensity; far segments only their (zero) background.
    const auto& intensity = targets.intensity();
    CHECK(intensity[100] > intensity[40]);
    CHECK(targets.rank(PatrolStrategy::random, record, 20001, {}).empty());
}
