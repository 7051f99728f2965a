// The calibration's summaries of samples: median, quantiles and mean, each defined once.
#pragma once

#include <vector>

namespace portsim::calibration {

/// The median (the mean of the middle two for an even count; 0 when empty): the leaf value of LAD
/// trees, and the calibration's point forecast over replications.
double median_of(std::vector<double> v);

/// The p-quantile of sorted values, linear between order statistics (0 when empty).
double quantile_of(const std::vector<double>& sorted, double p);

/// The order statistic at floor(p (n - 1)) of n sorted values (no interpolation; not empty): the
/// objective's quantiles and the Erlang C cap.
double lower_quantile_of(const std::vector<double>& sorted, double p);

/// The arithmetic mean (of a non-empty sample).
double mean_of(const std::vector<double>& v);

/// The 5% and 95% quantiles (quantile_of) of the values: a 90% interval; empty when no values.
std::vector<double> central_90_of(std::vector<double> values);

}  // namespace portsim::calibration
