#pragma once
// The engine's parallel constructs, in one place:
//   parallel_for_chunks: oneTBB's parallel_for over index chunks (the phases of a step, routes);
//   parallel_for_each:   one task per index, handed out as threads free up (runs of a sweep);
//   run_alongside:       two pieces of work at the same time (phases that touch disjoint state).
// Results never depend on how the work is split or which thread does what (docs/architecture.md,
// "The step and the determinism rules").
//
// Under ThreadSanitizer (the tsan preset) the same three run on a small pool of plain std::threads
// instead (sim/core/sanitizer_thread_pool.hpp), as many at a time as oneTBB would use
// (tbb::global_control and the current task arena still set the count). Debian's libtbb is not
// built with -fsanitize=thread: TSan cannot see the synchronisation inside its scheduler and
// reports races between oneTBB's own task objects (inlined from its headers) on every loop, which
// no suppression can tell apart from ours, since our loop bodies run inside those same frames.
// The pool's mutex and condition variable TSan does see, so every race it reports is one in our
// code, between bodies that really ran at the same time.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <atomic>
#include <cstddef>

#if defined(__SANITIZE_THREAD__)
#include "sim/core/sanitizer_thread_pool.hpp"
#endif

namespace streetwise {

// Calls body(begin, end) on disjoint chunks of [first, last) of at least `grain` indices.
template <class Index, class Body>
void parallel_for_chunks(Index first, Index last, std::size_t grain, const Body& body) {
#if defined(__SANITIZE_THREAD__)
    if (!(first < last)) return;
    const auto n = static_cast<std::size_t>(last - first);
    const std::size_t at_most = (n + std::max<std::size_t>(grain, 1) - 1) / std::max<std::size_t>(grain, 1);
    const std::size_t pieces = std::max<std::size_t>(1, std::min(sanitizer_pool_threads(), at_most));
    run_on_sanitizer_pool(pieces, [&](std::size_t k) {
        const auto begin = static_cast<Index>(first + static_cast<Index>(n * k / pieces));
        const auto end = static_cast<Index>(first + static_cast<Index>(n * (k + 1) / pieces));
        if (begin < end) body(begin, end);
    });
#else
    tbb::parallel_for(tbb::blocked_range<Index>(first, last, grain),
                      [&](const tbb::blocked_range<Index>& range) { body(range.begin(), range.end()); });
#endif
}

// Calls body(i) once for every i in [first, last), one index per task: for work items that differ
// a lot in length (whole runs), so that no thread sits idle behind a long one.
template <class Body>
void parallel_for_each(std::size_t first, std::size_t last, const Body& body) {
#if defined(__SANITIZE_THREAD__)
    if (first >= last) return;
    std::atomic<std::size_t> next{first};
    run_on_sanitizer_pool(std::min(sanitizer_pool_threads(), last - first), [&](std::size_t) {
        for (std::size_t i = next++; i < last; i = next++) body(i);
    });
#else
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(first, last, 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t i = range.begin(); i != range.end(); ++i) body(i);
        },
        tbb::simple_partitioner{});
#endif
}

// Runs first() and second() at the same time when a second thread is free (one thread: in that
// order), and returns when both are done. For phases of a step that touch disjoint state, so that a
// sequential phase runs alongside a parallel one instead of after it.
template <class First, class Second>
void run_alongside(const First& first, const Second& second) {
#if defined(__SANITIZE_THREAD__)
    const bool together = sanitizer_pool_threads() >= 2;
    run_on_sanitizer_pool(together ? 2 : 1, [&](std::size_t k) {
        if (k == 0) first();
        if (k == 1 || !together) second();
    });
#else
    tbb::parallel_invoke(first, second);
#endif
}

}  // namespace streetwise
