#pragma once
// Precompiled for the test programs in the sanitizer builds (STREETWISE_TEST_PCH, tests/CMakeLists.txt):
// Catch2's single header (and the scenario loader's, which most tests include) take longer to parse
// than most test files take to compile, and CI compiles the suite under AddressSanitizer and
// ThreadSanitizer after Release. Including this adds nothing a test may rely on: every test file
// still includes what it uses.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/scenario_loader.hpp"
// Not the city or engine headers: Boost.Graph's headers must come in a test's own order.
