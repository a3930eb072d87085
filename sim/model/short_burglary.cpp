#include "sim/model/short_burglary.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sim/core/counter_rng.hpp"
#include "sim/core/parallel_for.hpp"

namespace streetwise {

namespace {
enum Direction : int { west = 0, east = 1, north = 2, south = 3 };

// About this many sites per parallel chunk: enough work to pay for a task, small enough that a
// 64 x 64 lattice still splits into several chunks.
constexpr std::uint32_t sites_per_chunk = 1024;
}  // namespace

ShortBurglaryEquilibrium short_burglary_equilibrium(const ShortBurglaryParams& p) {
    ShortBurglaryEquilibrium e;
    e.b = p.theta * p.gamma / p.omega;
    e.a = p.a0 + e.b;
    e.burglars = std::min(1.0, p.gamma * p.dt) / -std::expm1(-e.a * p.dt);
    return e;
}

double short_burglary_critical_eta(const ShortBurglaryParams& p) {
    const ShortBurglaryEquilibrium e = short_burglary_equilibrium(p);
    const double root = std::sqrt(3.0 * e.b / e.a) - 1.0;
    return root > 0 ? p.omega / e.a * root * root : 0.0;
}

ShortBurglaryModel::ShortBurglaryModel(const ShortBurglaryParams& params) : params_(params) {
    const auto& p = params_;
    if (p.width < 3 || p.height < 3) throw std::invalid_argument("ShortBurglaryModel: lattice sides must be at least 3");
    if (!(p.dt > 0)) throw std::invalid_argument("ShortBurglaryModel: dt must be positive");
    if (!(p.eta >= 0 && p.eta <= 1)) throw std::invalid_argument("ShortBurglaryModel: eta must be in [0, 1]");
    if (!(p.omega >= 0 && p.omega * p.dt <= 1)) throw std::invalid_argument("ShortBurglaryModel: need 0 <= omega dt <= 1");
    if (!(p.theta >= 0)) throw std::invalid_argument("ShortBurglaryModel: theta must be non-negative");
    if (!(p.gamma >= 0)) throw std::invalid_argument("ShortBurglaryModel: gamma must be non-negative");
    if (!(p.a0 > 0)) throw std::invalid_argument("ShortBurglaryModel: a0 must be positive");
    const std::size_t n = static_cast<std::size_t>(p.width) * p.height;
    if (n > (std::size_t{1} << 32)) throw std::invalid_argument("ShortBurglaryModel: too many sites");
    const ShortBurglaryEquilibrium e = short_burglary_equilibrium(p);
    b_.assign(n, e.b);
    b_next_.assign(n, 0.0);
    burglars_.assign(n, 0);
    burglaries_.assign(n, 0);
    for (auto& m : moved_) m.assign(n, 0);
    const double whole = std::floor(e.burglars);
    const double extra = e.burglars - whole;
    const CounterRng rng(p.seed, RngStream::short_setup);
    for (std::size_t s = 0; s < n; ++s) {
        burglars_[s] = static_cast<std::uint32_t>(whole) + (rng.uniform(static_cast<std::uint32_t>(s), 0) < extra ? 1u : 0u);
        burglar_count_ += burglars_[s];
    }
    const double arrival = p.gamma * p.dt;
    log_no_arrival_ = arrival < 1 ? std::log1p(-arrival) : 0.0;
}

void ShortBurglaryModel::set_state(std::span<const double> b, std::span<const std::uint32_t> burglars) {
    if (b.size() != b_.size() || burglars.size() != burglars_.size())
        throw std::invalid_argument("ShortBurglaryModel::set_state: need width * height values");
    if (std::any_of(b.begin(), b.end(), [](double v) { return !(v >= 0); }))
        throw std::invalid_argument("ShortBurglaryModel::set_state: B must be non-negative");
    std::copy(b.begin(), b.end(), b_.begin());
    std::copy(burglars.begin(), burglars.end(), burglars_.begin());
    burglar_count_ = std::accumulate(burglars_.begin(), burglars_.end(), std::uint64_t{0});
}

// Phase 1 for rows [row_begin, row_end): each burglar burgles or moves, with A at the start of the step.
void ShortBurglaryModel::act_rows(std::uint32_t row_begin, std::uint32_t row_end) {
    const std::uint32_t w = params_.width, h = params_.height;
    const double a0 = params_.a0, dt = params_.dt;
    const CounterRng burgle_rng(params_.seed, RngStream::short_burgle);
    const CounterRng move_rng(params_.seed, RngStream::short_move);
    const double* b = b_.data();
    for (std::uint32_t y = row_begin; y < row_end; ++y) {
        const std::size_t row = static_cast<std::size_t>(y) * w;
        const std::size_t up = static_cast<std::size_t>(y == 0 ? h - 1 : y - 1) * w;
        const std::size_t down = static_cast<std::size_t>(y + 1 == h ? 0 : y + 1) * w;
        for (std::uint32_t x = 0; x < w; ++x) {
            const std::size_t s = row + x;
            const std::uint32_t count = burglars_[s];
            std::uint32_t moves[4] = {0, 0, 0, 0};
            std::uint32_t burgled = 0;
            if (count != 0) {
                const double p_burgle = -std::expm1(-(a0 + b[s]) * dt);
                const double a_w = a0 + b[row + (x == 0 ? w - 1 : x - 1)];
                const double a_e = a0 + b[row + (x + 1 == w ? 0 : x + 1)];
                const double a_n = a0 + b[up + x];
                const double a_s = a0 + b[down + x];
                const double a_sum = ((a_w + a_e) + a_n) + a_s;
                const auto site = static_cast<std::uint32_t>(s);
                for (std::uint32_t j = 0; j < count; ++j) {
                    if (burgle_rng.uniform(site, step_, j) < p_burgle) {
                        ++burgled;
                        continue;
                    }
                    const double u = move_rng.uniform(site, step_, j) * a_sum;
                    const int d = u < a_w ? west : u < a_w + a_e ? east : u < (a_w + a_e) + a_n ? north : south;
                    ++moves[d];
                }
            }
            burglaries_[s] = burgled;
            for (int d = 0; d < 4; ++d) moved_[d][s] = moves[d];
        }
    }
}

// Phase 2 for rows [row_begin, row_end): the B update, and each site gathers the burglars moving in.
void ShortBurglaryModel::update_rows(std::uint32_t row_begin, std::uint32_t row_end) {
    const std::uint32_t w = params_.width, h = params_.height;
    const double keep = 1.0 - params_.omega * params_.dt;
    const double self = (1.0 - params_.eta) * keep;
    const double neighbour = params_.eta / 4.0 * keep;
    const double theta = params_.theta;
    const double* b = b_.data();
    double* next = b_next_.data();
    const std::uint32_t* from_w = moved_[east].data();   // moving east out of the western neighbour
    const std::uint32_t* from_e = moved_[west].data();
    const std::uint32_t* from_n = moved_[south].data();
    const std::uint32_t* from_s = moved_[north].data();
    const std::uint32_t* e = burglaries_.data();
    std::uint32_t* n = burglars_.data();
    for (std::uint32_t y = row_begin; y < row_end; ++y) {
        const std::size_t row = static_cast<std::size_t>(y) * w;
        const std::size_t up = static_cast<std::size_t>(y == 0 ? h - 1 : y - 1) * w;
        const std::size_t down = static_cast<std::size_t>(y + 1 == h ? 0 : y + 1) * w;
        auto site = [&](std::uint32_t x, std::uint32_t xw, std::uint32_t xe) {
            const std::size_t s = row + x;
            next[s] = self * b[s] + neighbour * ((b[row + xw] + b[row + xe]) + (b[up + x] + b[down + x])) +
                      theta * static_cast<double>(e[s]);
            n[s] = from_w[row + xw] + from_e[row + xe] + from_n[up + x] + from_s[down + x];
        };
        site(0, w - 1, 1);
        for (std::uint32_t x = 1; x + 1 < w; ++x) site(x, x - 1, x + 1);
        site(w - 1, w - 2, 0);
    }
}

// Phase 3: each site receives a burglar with probability gamma dt, drawn as geometric gaps.
void ShortBurglaryModel::place_arrivals() {
    const double p = params_.gamma * params_.dt;
    const std::size_t n = burglars_.size();
    arrivals_last_ = 0;
    if (p <= 0) return;
    if (p >= 1) {
        for (auto& c : burglars_) ++c;
        arrivals_last_ = n;
        return;
    }
    const CounterRng rng(params_.seed, RngStream::short_arrival);
    double position = -1;  // the last site that received a burglar
    for (std::uint32_t i = 0;; ++i) {
        // Failures before the next success: P(gap >= k) = (1 - p)^k.
        const double gap = std::floor(std::log1p(-rng.uniform(i, step_)) / log_no_arrival_);
        position += gap + 1;
        if (!(position < static_cast<double>(n))) break;
        ++burglars_[static_cast<std::size_t>(position)];
        ++arrivals_last_;
    }
}

void ShortBurglaryModel::step() {
    const std::uint32_t h = params_.height;
    const std::uint32_t grain = std::max<std::uint32_t>(1, sites_per_chunk / params_.width);
    parallel_for_chunks(std::uint32_t{0}, h, grain, [this](std::uint32_t r0, std::uint32_t r1) { act_rows(r0, r1); });
    const std::uint64_t left = std::accumulate(burglaries_.begin(), burglaries_.end(), std::uint64_t{0});
    parallel_for_chunks(std::uint32_t{0}, h, grain, [this](std::uint32_t r0, std::uint32_t r1) { update_rows(r0, r1); });
    b_.swap(b_next_);
    place_arrivals();
    burglaries_last_ = left;
    burglaries_total_ += left;
    arrivals_total_ += arrivals_last_;
    burglar_count_ = burglar_count_ - left + arrivals_last_;
    ++step_;
}

}  // namespace streetwise
