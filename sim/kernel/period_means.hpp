// Means of observations grouped by the period they belong to (trucks by the hour or day they
// arrived), and how many periods had a mean above a threshold: "the share of hours whose trucks
// waited more than 30 min on average", the way planners write per-truck targets.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/kernel/time.hpp"

namespace portsim::kernel {

class PeriodMeans {
 public:
  /// Periods of `period` from `start`; room for `expected_periods` is reserved up front so that
  /// add() does not allocate in a run of the expected length.
  PeriodMeans(SimTime start, Duration period, std::size_t expected_periods)
      : start_(start), period_(period) {
    sum_.reserve(expected_periods);
    n_.reserve(expected_periods);
  }

  /// An observation x of the period that holds `at` (ignored before the start).
  void add(SimTime at, double x) {
    if (at < start_) return;
    const auto index = static_cast<std::size_t>((at - start_) / period_);
    if (index >= sum_.size()) {
      sum_.resize(index + 1, 0.0);
      n_.resize(index + 1, 0);
    }
    sum_[index] += x;
    ++n_[index];
  }
  /// Forgets the past: periods count again from t.
  void restart(SimTime t) {
    start_ = t;
    sum_.clear();
    n_.clear();
  }

  struct Count {
    std::uint64_t periods = 0;  // begun in [start, end): the last one may be partial
    std::uint64_t broken = 0;   // of them, with observations whose mean is above the threshold
  };
  /// Periods without observations count as not broken.
  Count above(double threshold, SimTime end) const noexcept {
    Count c;
    if (end <= start_) return c;
    c.periods = static_cast<std::uint64_t>((end - start_ + period_ - Duration{1}) / period_);
    for (std::size_t i = 0; i < sum_.size() && i < c.periods; ++i) {
      if (n_[i] > 0 && sum_[i] / static_cast<double>(n_[i]) > threshold) ++c.broken;
    }
    return c;
  }

 private:
  SimTime start_;
  Duration period_;
  std::vector<double> sum_;
  std::vector<std::uint32_t> n_;
};

}  // namespace portsim::kernel
