#pragma once
// Comparing scenarios over replicates run with common random numbers (replicate k of every scenario
// uses seed k, so the scenarios differ only by what they change and differences are paired): the
// mean of each outcome with its 95% confidence interval, and each variant's paired difference to the
// baseline with its interval and the relative change. Intervals use Student's t with n - 1 degrees
// of freedom (n >= 2 replicates).
#include <span>
#include <string>
#include <vector>

namespace streetwise::analysis {

// The two-sided 95% quantile of Student's t with `degrees_of_freedom` (>= 1): exact table values up
// to 30, a Cornish-Fisher expansion beyond (error below 1e-4).
double t_quantile_975(int degrees_of_freedom);

struct Interval {
    double mean = 0;
    double low = 0;   // 95% confidence interval
    double high = 0;
    bool covers(double value) const { return low <= value && value <= high; }
};

// Mean and 95% interval of the values (at least 2; otherwise std::invalid_argument).
Interval mean_interval(std::span<const double> values);

struct PairedComparison {
    Interval baseline;       // the baseline's mean and interval
    Interval variant;        // the variant's
    Interval difference;     // variant - baseline, replicate by replicate
    Interval relative;       // difference / baseline mean (the baseline mean taken as known); NaN if it is 0
    bool clear() const { return !difference.covers(0.0); }  // the interval excludes no difference
};

// baseline[k] and variant[k] come from replicate k (the same seed); equal lengths >= 2.
PairedComparison compare_paired(std::span<const double> baseline, std::span<const double> variant);

// One line a workshop can read: "robbery: 12.4 -> 10.9, -12% (95% CI -16% to -8%)", or "... no clear
// difference (95% CI -5% to +3%)" when the interval covers zero.
std::string headline(const std::string& outcome, const PairedComparison& comparison);

}  // namespace streetwise::analysis
