// Hours of the week (Sunday 0h first) and values grouped by them, with the hour of day standing in
// for an hour of week that has none: the base-wait profile and the hour-of-week baselines.
#pragma once

#include <cstddef>
#include <vector>

#include "calibration/hourly_log.hpp"

namespace portsim::calibration {

/// Hour of week of a row (Sunday 0h is 0; hours outside 0..23 count as the nearest).
std::size_t hour_of_week(const HourRow& row);

/// Values by hour of week and by hour of day.
class HourOfWeekSamples {
 public:
  void add(const HourRow& row, double value);
  /// The values of hour of week `k`, or its hour of day's when it has none (may be empty).
  const std::vector<double>& at(std::size_t k) const;

 private:
  std::vector<std::vector<double>> week_ = std::vector<std::vector<double>>(168);
  std::vector<std::vector<double>> day_ = std::vector<std::vector<double>>(24);
};

}  // namespace portsim::calibration
