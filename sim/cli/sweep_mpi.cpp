#include "sim/cli/sweep_mpi.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "sim/engine/sweep_runner.hpp"

#ifdef STREETWISE_WITH_MPI
#include <mpi.h>
#endif

namespace streetwise {

bool built_with_mpi() {
#ifdef STREETWISE_WITH_MPI
    return true;
#else
    return false;
#endif
}

bool launched_by_mpi_launcher() {
    // Open MPI's mpirun, MPICH/Hydra and Slurm's srun (PMI/PMIx) each set one of these in every rank.
    for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK", "PMI_RANK"})
        if (std::getenv(variable)) return true;
    return false;
}

#ifdef STREETWISE_WITH_MPI

namespace {

enum Tag : int { tag_result = 1, tag_work = 2, tag_stop = 3, tag_ready = 4 };

// A finished run as bytes: run, ok, wall_s, outcome count, outcomes, error length, error text.
std::vector<char> pack(const SweepRunRecord& record) {
    const std::uint8_t ok = record.ok ? 1 : 0;
    const auto count = static_cast<std::uint64_t>(record.outcomes.size());
    const auto length = static_cast<std::uint64_t>(record.error.size());
    std::vector<char> bytes(sizeof record.run + sizeof ok + sizeof record.wall_s + sizeof count + count * sizeof(double) +
                            sizeof length + length);
    std::size_t at = 0;
    auto put = [&](const void* data, std::size_t size) {
        if (size > 0) std::memcpy(bytes.data() + at, data, size);
        at += size;
    };
    put(&record.run, sizeof record.run);
    put(&ok, sizeof ok);
    put(&record.wall_s, sizeof record.wall_s);
    put(&count, sizeof count);
    put(record.outcomes.data(), count * sizeof(double));
    put(&length, sizeof length);
    put(record.error.data(), length);
    return bytes;
}

SweepRunRecord unpack(const std::vector<char>& bytes) {
    SweepRunRecord record;
    std::size_t at = 0;
    auto get = [&](void* data, std::size_t size) {
        if (at + size > bytes.size()) throw std::runtime_error("a worker rank sent a malformed result");
        if (size > 0) std::memcpy(data, bytes.data() + at, size);
        at += size;
    };
    std::uint8_t ok = 0;
    std::uint64_t count = 0, length = 0;
    get(&record.run, sizeof record.run);
    get(&ok, sizeof ok);
    get(&record.wall_s, sizeof record.wall_s);
    get(&count, sizeof count);
    if (count > bytes.size()) throw std::runtime_error("a worker rank sent a malformed result");
    record.outcomes.resize(count);
    get(record.outcomes.data(), count * sizeof(double));
    get(&length, sizeof length);
    if (length > bytes.size()) throw std::runtime_error("a worker rank sent a malformed result");
    record.error.resize(length);
    get(record.error.data(), length);
    record.ok = ok != 0;
    return record;
}

}  // namespace

MpiSession::MpiSession(int& argc, char**& argv) {
    if (!launched_by_mpi_launcher()) return;
    int provided = 0;
    // Funneled: only the main thread calls MPI; rank 0's extra worker thread only runs simulations.
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    initialised_ = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() {
    if (initialised_) MPI_Finalize();
}

bool MpiSession::all_ok(bool mine) const {
    if (!initialised_) return mine;
    int local = mine ? 1 : 0, all = 0;
    MPI_Allreduce(&local, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return all != 0;
}

bool MpiSession::leader_ok(bool mine) const {
    if (!initialised_) return mine;
    int value = mine ? 1 : 0;
    MPI_Bcast(&value, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return value != 0;
}

void MpiSession::abort(int exit_code) const {
    if (initialised_) MPI_Abort(MPI_COMM_WORLD, exit_code);
    std::exit(exit_code);
}

void coordinate_mpi_sweep(const MpiSession& mpi, const SweepPlan& plan, const City& city, SweepLedger& ledger,
                          const std::function<void()>& on_tick, double tick_s) {
    const std::vector<std::uint64_t> pending = ledger.pending();
    std::mutex queue_mutex;
    std::size_t next = 0;
    auto take = [&](std::uint64_t& run) {
        std::lock_guard lock(queue_mutex);
        if (next >= pending.size()) return false;
        run = pending[next++];
        ledger.started();
        return true;
    };
    // Rank 0 runs simulations too, on a thread of its own, so N ranks give N workers.
    std::thread local_worker([&] {
        std::uint64_t run = 0;
        while (take(run)) ledger.record(run_sweep_run(plan, city, run));
    });

    using clock = std::chrono::steady_clock;
    auto last_tick = clock::now();
    int stopped = 0;
    std::vector<char> buffer;
    while (stopped < mpi.size() - 1) {
        int waiting = 0;
        MPI_Status status;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
        if (on_tick && std::chrono::duration<double>(clock::now() - last_tick).count() >= tick_s) {
            on_tick();
            last_tick = clock::now();
        }
        if (!waiting) {
            // Polling with a short sleep instead of a blocking receive: Open MPI's blocking calls spin,
            // which would take a core from the simulations running on this rank.
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            continue;
        }
        int size = 0;
        MPI_Get_count(&status, MPI_BYTE, &size);
        buffer.resize(static_cast<std::size_t>(size));
        MPI_Recv(buffer.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (status.MPI_TAG == tag_result) ledger.record(unpack(buffer));
        std::uint64_t run = 0;
        if (take(run)) {
            MPI_Send(&run, 1, MPI_UINT64_T, status.MPI_SOURCE, tag_work, MPI_COMM_WORLD);
        } else {
            MPI_Send(&run, 1, MPI_UINT64_T, status.MPI_SOURCE, tag_stop, MPI_COMM_WORLD);
            ++stopped;
        }
    }
    local_worker.join();
    ledger.sync();
}

void work_mpi_sweep(const MpiSession&, const SweepPlan& plan, const City& city) {
    std::vector<char> message;  // empty: "ready"
    int tag = tag_ready;
    while (true) {
        MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, tag, MPI_COMM_WORLD);
        std::uint64_t run = 0;
        MPI_Status status;
        MPI_Recv(&run, 1, MPI_UINT64_T, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &status);
        if (status.MPI_TAG == tag_stop) return;
        message = pack(run_sweep_run(plan, city, run));
        tag = tag_result;
    }
}

#else  // built without MPI: the session is always a single process

MpiSession::MpiSession(int&, char**&) {}
MpiSession::~MpiSession() = default;
bool MpiSession::all_ok(bool mine) const { return mine; }
bool MpiSession::leader_ok(bool mine) const { return mine; }
void MpiSession::abort(int exit_code) const { std::exit(exit_code); }
void coordinate_mpi_sweep(const MpiSession&, const SweepPlan&, const City&, SweepLedger&, const std::function<void()>&,
                          double) {
    throw std::logic_error("coordinate_mpi_sweep: built without MPI");
}
void work_mpi_sweep(const MpiSession&, const SweepPlan&, const City&) {
    throw std::logic_error("work_mpi_sweep: built without MPI");
}

#endif

}  // namespace streetwise
