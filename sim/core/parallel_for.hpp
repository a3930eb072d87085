#pragma once
// The engine's two parallel constructs: oneTBB's parallel_for over index chunks, and two phases run
// alongside each other (parallel_invoke). Debian's libtbb is
// not built with -fsanitize=thread, so TSan cannot see that the workers' writes happen before
// parallel_for returns (nor that the caller's writes happen before the workers start) and reports
// false races on every result. Under TSan this wrapper states those two edges for our data; TSan
// still reports races inside oneTBB's own scheduler unless oneTBB itself is rebuilt with TSan.
// In other builds it is plain tbb::parallel_for.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <cstddef>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void* address);
extern "C" void __tsan_release(void* address);
#endif

namespace streetwise {

// Calls body(begin, end) on disjoint chunks of [first, last) of at least `grain` indices.
template <class Index, class Body>
void parallel_for_chunks(Index first, Index last, std::size_t grain, const Body& body) {
#if defined(__SANITIZE_THREAD__)
    int handoff = 0;  // an address for the happens-before edges
    __tsan_release(&handoff);
    tbb::parallel_for(tbb::blocked_range<Index>(first, last, grain), [&](const tbb::blocked_range<Index>& range) {
        __tsan_acquire(&handoff);
        body(range.begin(), range.end());
        __tsan_release(&handoff);
    });
    __tsan_acquire(&handoff);
#else
    tbb::parallel_for(tbb::blocked_range<Index>(first, last, grain),
                      [&](const tbb::blocked_range<Index>& range) { body(range.begin(), range.end()); });
#endif
}

// Runs first() and second() at the same time when a second thread is free (one thread: in that
// order), and returns when both are done. For phases of a step that touch disjoint state, so that a
// sequential phase runs alongside a parallel one instead of after it.
template <class First, class Second>
void run_alongside(const First& first, const Second& second) {
#if defined(__SANITIZE_THREAD__)
    int handoff = 0;
    __tsan_release(&handoff);
    tbb::parallel_invoke(
        [&] {
            __tsan_acquire(&handoff);
            first();
            __tsan_release(&handoff);
        },
        [&] {
            __tsan_acquire(&handoff);
            second();
            __tsan_release(&handoff);
        });
    __tsan_acquire(&handoff);
#else
    tbb::parallel_invoke(first, second);
#endif
}

}  // namespace streetwise
