#pragma once
// The discrete residential-burglary model of Short, D'Orsogna, Pasour, Tita, Brantingham, Bertozzi
// and Chayes (2008), "A statistical model of criminal behavior", Math. Models Methods Appl. Sci. 18,
// 1249-1267, written from the rules in docs/odd.md (section 7.15). A stand-alone engine module: it does
// not use the city graph, only a periodic square lattice of width x height sites (spacing l = 1).
//
// One step of length dt, in this order (the paper's):
//   1. every burglar at site s burgles it with probability p_s = 1 - exp(-A_s dt), A_s = A0 + B_s;
//      one who burgles leaves the lattice, one who does not moves to one of the 4 neighbours s' with
//      probability A_s' / (sum of A over the 4 neighbours). A is the field at the start of the step.
//   2. B_s <- [(1 - eta) B_s + (eta / 4) sum_{4 neighbours} B_s'] (1 - omega dt) + theta E_s, where
//      E_s is the number of burglaries at s in step 1.
//   3. each site independently receives one new burglar with probability min(1, gamma dt).
//
// Determinism: every draw is CounterRng(seed, stream).uniform(entity, step, draw). The j-th burglar
// (in no particular identity: burglars at one site are interchangeable) at site s in step k uses
// (s, k, j) on the short_burgle and short_move streams; arrivals are drawn as geometric gaps between
// receiving sites, the i-th gap of step k from (i, k) on short_arrival, which has exactly the law of
// one Bernoulli(gamma dt) draw per site. Sites are processed in parallel by rows; each site writes
// only its own outputs and gathers its neighbours' in a fixed order, so the state is bit for bit the
// same with any thread count.
#include <cstdint>
#include <span>
#include <vector>

namespace streetwise {

struct ShortBurglaryParams {
    std::uint32_t width = 128;   // sites
    std::uint32_t height = 128;  // sites
    double dt = 0.01;            // time step
    double omega = 1.0 / 15.0;   // decay rate of B, per unit time
    double eta = 0.03;           // share of B that spreads to the neighbours per step (0..1)
    double theta = 0.56;         // increase of B per burglary
    double gamma = 0.019;        // arrival rate of new burglars per site, per unit time
    double a0 = 1.0 / 30.0;      // static attractiveness A0
    std::uint64_t seed = 1;
};

// The homogeneous equilibrium of the update rules (derived in tests/model/test_short_burglary.cpp).
struct ShortBurglaryEquilibrium {
    double b = 0;         // B_bar = theta gamma / omega
    double a = 0;         // A_bar = A0 + B_bar
    double burglars = 0;  // n_bar = gamma dt / (1 - exp(-A_bar dt)), burglars per site
};
ShortBurglaryEquilibrium short_burglary_equilibrium(const ShortBurglaryParams& params);

// Linear stability of the homogeneous state in the paper's continuum limit (see the test's header
// comment): unstable exactly when eta < eta_critical = (omega / A_bar) (sqrt(3 B_bar / A_bar) - 1)^2
// and B_bar > A0 / 2 (eta_critical is 0 when sqrt(3 B_bar / A_bar) <= 1).
double short_burglary_critical_eta(const ShortBurglaryParams& params);

class ShortBurglaryModel {
public:
    // Starts from the homogeneous equilibrium: B = B_bar at every site and, at every site, floor(n_bar)
    // burglars plus one more with probability n_bar - floor(n_bar) (short_setup stream).
    // Throws std::invalid_argument for an empty lattice, a lattice side below 3, dt <= 0, eta outside
    // [0, 1], negative omega, theta or gamma, a0 <= 0, or omega dt > 1.
    explicit ShortBurglaryModel(const ShortBurglaryParams& params);

    // Replaces the state (time and totals are kept). Both spans have width * height entries; B >= 0.
    void set_state(std::span<const double> b, std::span<const std::uint32_t> burglars);

    void step();
    void run(std::uint64_t steps) {
        for (std::uint64_t i = 0; i < steps; ++i) step();
    }

    const ShortBurglaryParams& params() const { return params_; }
    std::uint32_t width() const { return params_.width; }
    std::uint32_t height() const { return params_.height; }
    std::size_t site_count() const { return b_.size(); }
    std::uint32_t steps_done() const { return step_; }
    double time() const { return static_cast<double>(step_) * params_.dt; }

    std::span<const double> b() const { return b_; }                  // B_s, row-major (s = y * width + x)
    double attractiveness(std::size_t site) const { return params_.a0 + b_[site]; }
    std::span<const std::uint32_t> burglars() const { return burglars_; }  // burglars per site now
    std::span<const std::uint32_t> burglaries_last_step() const { return burglaries_; }  // E_s of the last step

    std::uint64_t burglar_count() const { return burglar_count_; }
    std::uint64_t burglaries_in_last_step() const { return burglaries_last_; }
    std::uint64_t burglaries_total() const { return burglaries_total_; }  // = burglars who left
    std::uint64_t arrivals_in_last_step() const { return arrivals_last_; }
    std::uint64_t arrivals_total() const { return arrivals_total_; }

private:
    void act_rows(std::uint32_t row_begin, std::uint32_t row_end);
    void update_rows(std::uint32_t row_begin, std::uint32_t row_end);
    void place_arrivals();

    ShortBurglaryParams params_;
    std::vector<double> b_, b_next_;
    std::vector<std::uint32_t> burglars_;
    std::vector<std::uint32_t> burglaries_;
    std::vector<std::uint32_t> moved_[4];  // burglars leaving each site to the west, east, north, south
    std::uint32_t step_ = 0;
    std::uint64_t burglar_count_ = 0;
    std::uint64_t burglaries_last_ = 0;
    std::uint64_t burglaries_total_ = 0;
    std::uint64_t arrivals_last_ = 0;
    std::uint64_t arrivals_total_ = 0;
    double log_no_arrival_ = 0;  // log(1 - gamma dt)
};

}  // namespace streetwise
