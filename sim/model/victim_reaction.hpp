#pragma once
// Victim reaction (docs/odd.md 7.19): after a crime, whether the victim (for a crime against a
// place: whoever finds it) reports it to the police, and how long that takes. Pure functions of the
// victim's group, their trust in the police and the scenario, so tests can check them alone.
//
//   logit(p) = logit(p_type) + trust_weight * (trust - trust_reference) + gender + age + origin log-odds
//
// p_type is crime.<type>.reporting_probability (CSEW 2019 table D10; FRA for hate and harassment),
// where the type's seriousness is already folded in. With every modifier at 0 the result is p_type
// itself, bit for bit (no logit round trip), so runs without these features draw as before.
#include <array>
#include <cstdint>

#include "sim/scenario/reporting_spec.hpp"

namespace streetwise {

struct ResidentTraits;

// The log-odds shifts by group, read once from the scenario (missing groups: 0).
struct ReportingOdds {
    std::array<double, 2> gender{};  // female, male
    std::array<double, 3> age{};     // young, adult, older
    std::array<double, 2> origin{};  // majority, minority
    bool trust_enabled = false;
    double trust_weight = 0;
    double trust_reference = 0.7;

    static ReportingOdds from(const ReportingSpec& spec);
};

// Chance that the victim reports to the police. `traits` null: no resident victim (vandalism), so
// no group shift; `trust` is ignored unless trust is enabled.
double police_report_probability(double p_type, const ReportingOdds& odds, const ResidentTraits* traits, double trust);

// The delay of a report in whole steps from a uniform draw u in [0, 1): exponential with mean
// mean_min minutes, rounded up to steps (0 when mean_min is 0: a call from the scene).
std::int64_t report_delay_steps(double mean_min, double u, int step_s);

// A fixed latency in whole steps (rounded up: a report cannot arrive before its time).
std::int64_t latency_steps(double minutes, int step_s);

}  // namespace streetwise
