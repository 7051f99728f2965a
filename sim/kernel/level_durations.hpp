// The time a count (a queue length) spends at each level: its time-weighted distribution, whose
// quantiles say "the queue was at most q for share p of the time" (a planner's p95 queue), where
// per-customer statistics weight a queue by the customers who met it.
#pragma once

#include <cstddef>
#include <vector>

#include "sim/kernel/time.hpp"

namespace portsim::kernel {

class LevelDurations {
 public:
  /// Levels up to this many are kept without growing the table (growth past it is amortised).
  static constexpr std::size_t reserved_levels = 1024;

  explicit LevelDurations(SimTime start = time_zero);

  /// The count becomes `level` at time t (t never decreases).
  void set(SimTime t, std::size_t level) {
    ticks_at(level_) += static_cast<double>((t - last_).count());
    last_ = t;
    level_ = level;
  }
  /// Forgets the past (warm-up deletion): the distribution starts again at t with the current level.
  void restart(SimTime t);

  /// The smallest level at or below which the count spent at least share p of [start, t]
  /// (p in [0, 1]; the current level when the interval is empty).
  double quantile(double p, SimTime t) const;

 private:
  double& ticks_at(std::size_t level) {
    if (level >= ticks_.size()) ticks_.resize(level + 1 + level / 2, 0.0);
    return ticks_[level];
  }
  std::vector<double> ticks_;  // ticks spent at each level
  SimTime start_, last_;
  std::size_t level_ = 0;
};

}  // namespace portsim::kernel
