// The objective of the fit: a stated discrepancy between simulated and observed hourly statistics
// over a set of days, under common random numbers (crn.hpp).
#pragma once

#include <vector>

#include "calibration/hourly_log.hpp"
#include "calibration/model_spec.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

/// The discrepancy of one parameter vector on a set of days (simulated moments, documented in
/// calibration/README.md):
///   w_avg (E_hour + E_load + E_quantiles) / (mean observed wait + 5)
///   + w_hist * 100 * sum_b (pooled sim share_b - pooled obs share_b)^2
///   + w_max (mean sim max - mean obs max)^2 / (mean obs max + 10)
///   + w_hourly * mean |sim - obs| of the hourly mean waits
/// where E_hour and E_load are size-weighted squared differences of mean waits by hour of day and
/// by decile of arrivals per server, and E_quantiles the mean squared difference of the 10/25/50/
/// 75/90% quantiles of hourly mean waits.
double discrepancy(const ModelSpec& spec, const port::CheckpointParams& p,
                   const std::vector<std::vector<HourRow>>& days, unsigned jobs);

/// The same discrepancy for given simulated outputs: `sims[d][i]` is the simulation of
/// `days[d][i]`. Hours without an observed wait, flagged inconsistent or with nothing simulated
/// served are left out; 0 when no hour is left.
double discrepancy_of(const ModelSpec& spec, const std::vector<std::vector<HourRow>>& days,
                      const std::vector<std::vector<port::HourOutput>>& sims);

}  // namespace portsim::calibration
