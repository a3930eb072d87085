#pragma once
// Where patrols go under the hot-spot and predictive strategies. Both read only the recorded crime
// (CrimeRecord) and the city: a crime nobody reported cannot draw a patrol, which is how patrols
// come to chase their own records (Lum and Isaac 2016).
//  - hot spot: the segments with most recorded crime in a trailing window (Sherman and Weisburd
//    1995; Braga et al. 2019), ties to the lower segment id;
//  - predictive: a self-exciting point process on the segments (Mohler et al. 2011): the intensity
//    of segment s at time t is
//        lambda_s(t) = mu_s + excitation * sum over recorded crimes i before t of
//                      exp(-(t - t_i) / decay) / decay * exp(-d(s, i)^2 / (2 bandwidth^2)),
//    mu_s the segment's long-run recorded crime per day (the background), d the distance between
//    segment midpoints, times in days. It is refitted (mu and the sum) at each refresh.
// Only segments with something recorded (a count or an intensity above 0) are ever targets.
#include <cstdint>
#include <vector>

#include "sim/model/crime_record.hpp"
#include "sim/scenario/scenario_spec.hpp"

namespace streetwise {

class City;

class PatrolTargets {
public:
    PatrolTargets(const City& city, const PoliceSpec& police, int step_s);

    // The top segments at `now_step` under `strategy` (hot_spot or predictive; empty for the others),
    // at most police.hot_spot.count, best first. `area` (one flag per segment) limits them when not
    // empty. Reads the record only.
    std::vector<std::uint32_t> rank(PatrolStrategy strategy, const CrimeRecord& record, std::int64_t now_step,
                                    const std::vector<std::uint8_t>& area);

    // The forecast intensity of each segment after the last predictive rank() (per day).
    const std::vector<double>& intensity() const { return intensity_; }

private:
    std::vector<std::uint32_t> top(const std::vector<double>& score, const std::vector<std::uint8_t>& area) const;

    const City& city_;
    PoliceSpec police_;
    int step_s_;
    std::vector<double> mid_x_m_, mid_y_m_;  // segment midpoints
    std::vector<double> score_;              // scratch, per segment
    std::vector<double> intensity_;
};

}  // namespace streetwise
