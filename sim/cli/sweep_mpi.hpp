#pragma once
// Sweeps across MPI ranks (`mpirun -np N streetwise sweep ...`): rank 0 keeps the ledger (the journal
// in the sweep folder) and hands out runs one at a time to whichever rank asks next, and runs some
// itself on a second thread; the other ranks run what they are given and send the outcomes back.
// Dynamic hand-out keeps every rank busy when runs differ in length. MPI is initialised only when
// the program was started by an MPI launcher, so the same binary runs without MPI everywhere else.
#include <functional>
#include <string>

namespace streetwise {

class City;
class SweepLedger;
struct SweepPlan;

class MpiSession {
public:
    // Initialises MPI when launched by mpirun/srun (its environment variables are set), else does nothing.
    MpiSession(int& argc, char**& argv);
    ~MpiSession();  // MPI_Finalize
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    int rank() const { return rank_; }
    int size() const { return size_; }
    bool active() const { return size_ > 1; }

    // Every rank says whether its own setup went well; all learn whether every rank's did.
    bool all_ok(bool mine) const;
    // Rank 0's value of `mine`, on every rank.
    bool leader_ok(bool mine) const;
    // Ends every rank at once (an error after the runs started: the others may be waiting on rank 0).
    [[noreturn]] void abort(int exit_code) const;

private:
    int rank_ = 0;
    int size_ = 1;
    bool initialised_ = false;
};

// Whether this binary was built with MPI (else `mpirun -np 2 streetwise sweep` runs two independent
// single-process sweeps, which the command refuses).
bool built_with_mpi();
// True when an MPI launcher started this process (environment), whatever built_with_mpi() says.
bool launched_by_mpi_launcher();

// Rank 0: hands out ledger.pending() to all ranks, itself included, until every run is recorded.
void coordinate_mpi_sweep(const MpiSession& mpi, const SweepPlan& plan, const City& city, SweepLedger& ledger,
                          const std::function<void()>& on_tick, double tick_s);
// Other ranks: run what rank 0 hands out until it says stop.
void work_mpi_sweep(const MpiSession& mpi, const SweepPlan& plan, const City& city);

}  // namespace streetwise
