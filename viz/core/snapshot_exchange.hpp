#pragma once
// SnapshotExchange: a triple buffer handing FrameSnapshots from the engine thread to the UI
// thread. Neither side ever waits for the other: the engine fills its back buffer and publishes
// it with one atomic exchange; the UI takes the newest published buffer with another. Each side
// owns its buffer exclusively between those exchanges, so a snapshot is never read half-written,
// and a slow UI frame never slows the engine (older unread snapshots are simply replaced).
#include <array>
#include <atomic>
#include <cstdint>

#include "viz/core/frame_snapshot.hpp"

namespace streetwise::viz {

class SnapshotExchange {
public:
    // Producer (engine thread) only: the buffer to fill next. It holds an older snapshot: overwrite
    // every field.
    FrameSnapshot& back() { return buffers_[back_]; }
    // Producer only: makes back() the newest snapshot and hands the producer another buffer.
    void publish() { back_ = middle_.exchange(static_cast<std::uint8_t>(back_ | fresh_bit), std::memory_order_acq_rel) & index_mask; }

    // Consumer (UI thread) only: if a snapshot was published since the last call, makes it front()
    // and returns true; otherwise front() stays as it was.
    bool acquire() {
        if (!(middle_.load(std::memory_order_acquire) & fresh_bit)) return false;
        front_ = middle_.exchange(front_, std::memory_order_acq_rel) & index_mask;
        return true;
    }
    // Consumer only: the snapshot taken by the last successful acquire() (empty before the first).
    const FrameSnapshot& front() const { return buffers_[front_]; }

private:
    static constexpr std::uint8_t index_mask = 0x3;
    static constexpr std::uint8_t fresh_bit = 0x4;
    std::array<FrameSnapshot, 3> buffers_;
    std::uint8_t back_ = 0;
    std::uint8_t front_ = 1;
    std::atomic<std::uint8_t> middle_{2};
};

}  // namespace streetwise::viz
