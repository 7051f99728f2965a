#include "sim/kernel/level_durations.hpp"

#include <algorithm>

namespace portsim::kernel {

LevelDurations::LevelDurations(SimTime start) : ticks_(reserved_levels, 0.0), start_(start), last_(start) {}

void LevelDurations::restart(SimTime t) {
  std::fill(ticks_.begin(), ticks_.end(), 0.0);
  start_ = last_ = t;
}

double LevelDurations::quantile(double p, SimTime t) const {
  const double now_ticks = static_cast<double>((t - last_).count());  // at level_ since the last change
  double total = now_ticks;
  for (double x : ticks_) total += x;
  if (total <= 0) return static_cast<double>(level_);
  const double target = std::clamp(p, 0.0, 1.0) * total;
  double acc = 0;
  for (std::size_t l = 0; l < std::max(ticks_.size(), level_ + 1); ++l) {
    acc += (l < ticks_.size() ? ticks_[l] : 0.0) + (l == level_ ? now_ticks : 0.0);
    if (acc >= target && acc > 0) return static_cast<double>(l);
  }
  return static_cast<double>(std::max(ticks_.size(), level_ + 1) - 1);
}

}  // namespace portsim::kernel
