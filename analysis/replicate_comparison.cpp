#include "analysis/replicate_comparison.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace streetwise::analysis {

double t_quantile_975(int degrees_of_freedom) {
    if (degrees_of_freedom < 1) throw std::invalid_argument("t_quantile_975: degrees of freedom must be at least 1");
    // Student's t, 0.975 quantile, df 1 to 30 (standard tables).
    static constexpr std::array<double, 30> table{
        12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
        2.2010,  2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
        2.0796,  2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423};
    if (degrees_of_freedom <= 30) return table[static_cast<std::size_t>(degrees_of_freedom - 1)];
    // Cornish-Fisher expansion around the normal quantile (Abramowitz and Stegun 26.7.5).
    const double z = 1.959963984540054, n = degrees_of_freedom;
    const double z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z;
    return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
           (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

Interval mean_interval(std::span<const double> values) {
    if (values.size() < 2) throw std::invalid_argument("mean_interval: at least 2 values are needed");
    const double n = static_cast<double>(values.size());
    double sum = 0;
    for (const double v : values) sum += v;
    const double mean = sum / n;
    double squares = 0;
    for (const double v : values) squares += (v - mean) * (v - mean);
    const double half = t_quantile_975(static_cast<int>(values.size()) - 1) * std::sqrt(squares / (n - 1) / n);
    return {mean, mean - half, mean + half};
}

PairedComparison compare_paired(std::span<const double> baseline, std::span<const double> variant) {
    if (baseline.size() != variant.size())
        throw std::invalid_argument("compare_paired: the baseline and the variant need the same replicates");
    std::vector<double> difference(baseline.size());
    for (std::size_t k = 0; k < baseline.size(); ++k) difference[k] = variant[k] - baseline[k];
    PairedComparison result;
    result.baseline = mean_interval(baseline);
    result.variant = mean_interval(variant);
    result.difference = mean_interval(difference);
    const double base = result.baseline.mean;
    if (base != 0.0)
        result.relative = {result.difference.mean / base, result.difference.low / base, result.difference.high / base};
    else
        result.relative.mean = result.relative.low = result.relative.high = std::numeric_limits<double>::quiet_NaN();
    return result;
}

namespace {
std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%+.0f%%", 100.0 * fraction);
    return text;
}
std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, std::fabs(value) >= 100 ? "%.0f" : "%.1f", value);
    return text;
}
}  // namespace

std::string headline(const std::string& outcome, const PairedComparison& c) {
    std::string line = outcome + ": " + number(c.baseline.mean) + " -> " + number(c.variant.mean) + ", ";
    if (std::isnan(c.relative.mean)) {
        line += (c.clear() ? "" : "no clear difference, ") + std::string("difference ") + number(c.difference.mean) +
                " (95% CI " + number(c.difference.low) + " to " + number(c.difference.high) + ")";
        return line;
    }
    if (!c.clear()) line += "no clear difference ";
    line += (c.clear() ? percent(c.relative.mean) + " " : "") + "(95% CI " + percent(c.relative.low) + " to " +
            percent(c.relative.high) + ")";
    return line;
}

}  // namespace streetwise::analysis
