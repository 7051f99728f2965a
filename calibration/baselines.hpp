// The two baselines the calibrated simulation must beat on held-out hours (and a reference).
#pragma once

#include <vector>

#include "calibration/hourly_log.hpp"

namespace portsim::calibration {

/// B0: the training period's mean wait by hour of week (hour of day where a week hour is empty).
std::vector<double> baseline_hour_of_week(const std::vector<HourRow>& train, const std::vector<HourRow>& test);
/// The training period's median wait by hour of week (a reference for median point forecasts).
std::vector<double> baseline_hour_of_week_median(const std::vector<HourRow>& train, const std::vector<HourRow>& test);
/// B1: pointwise-stationary Erlang C with a service rate fitted on the training hours (MAE);
/// unstable hours (load >= servers) get the training's 99th-percentile wait. Returns the rate too.
std::vector<double> baseline_erlang_c(const std::vector<HourRow>& train, const std::vector<HourRow>& test,
                                      double* fitted_rate_per_hour = nullptr);

}  // namespace portsim::calibration
