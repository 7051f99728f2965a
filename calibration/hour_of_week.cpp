#include "calibration/hour_of_week.hpp"

#include <algorithm>

namespace portsim::calibration {

std::size_t hour_of_week(const HourRow& r) {
  return static_cast<std::size_t>(weekday(r.date) * 24 + std::clamp(r.hour_start, 0, 23));
}

void HourOfWeekSamples::add(const HourRow& row, double value) {
  const std::size_t k = hour_of_week(row);
  week_[k].push_back(value);
  day_[k % 24].push_back(value);
}

const std::vector<double>& HourOfWeekSamples::at(std::size_t k) const { return week_[k].empty() ? day_[k % 24] : week_[k]; }

}  // namespace portsim::calibration
