#pragma once
// A small pool of plain std::threads that runs the engine's parallel loops in ThreadSanitizer
// builds only (sim/core/parallel_for.hpp says why). Work is handed over through one mutex and
// condition variables, which TSan sees; a thread waiting for its pieces runs queued pieces itself
// meanwhile, so loops nested in loops (a parallel walk inside run_alongside) cannot deadlock. Not
// for speed: tests only.
#include <cstddef>
#include <functional>

namespace streetwise {

// The threads oneTBB would use here: its global limit (tbb::global_control) and the current
// arena's size; at least 1.
std::size_t sanitizer_pool_threads();

// Runs piece(k) for every k in [0, pieces): piece 0 on this thread, the others on the pool, and
// returns when all are done. The first exception (in piece order) is rethrown then.
void run_on_sanitizer_pool(std::size_t pieces, const std::function<void(std::size_t)>& piece);

}  // namespace streetwise
