// How many consecutive periods (hours, days) a level went above a threshold in: "the share of
// hours in which the queue on the road was longer than 500 m", the way planners write targets.
#pragma once

#include <cstdint>

#include "sim/kernel/time.hpp"

namespace portsim::kernel {

class ThresholdPeriods {
 public:
  ThresholdPeriods(SimTime start, Duration period, double threshold) noexcept
      : start_(start), period_(period), threshold_(threshold) {}

  /// The level becomes `level` at time t (t never decreases).
  void set(SimTime t, double level) noexcept {
    advance(t);
    level_ = level;
    if (level > threshold_) current_broken_ = true;
  }
  /// Forgets the past: periods count again from t, the current level kept.
  void restart(SimTime t) noexcept {
    start_ = t;
    closed_ = broken_ = current_ = 0;
    current_broken_ = level_ > threshold_;
  }

  struct Count {
    std::uint64_t periods = 0;  // begun in [start, t]: the last one may be partial
    std::uint64_t broken = 0;   // of them, with the level above the threshold at some time
  };
  Count count(SimTime t) const noexcept {
    ThresholdPeriods copy = *this;
    copy.advance(t);
    const bool partial = t > copy.start_ + copy.period_ * static_cast<Duration::rep>(copy.current_) || copy.closed_ == 0;
    return {copy.closed_ + (partial ? 1 : 0), copy.broken_ + (partial && copy.current_broken_ ? 1 : 0)};
  }

 private:
  /// Closes the periods that ended by t (the level held through them).
  void advance(SimTime t) noexcept {
    const auto index = static_cast<std::uint64_t>((t - start_) / period_);
    if (index == current_) return;
    ++closed_;
    broken_ += current_broken_ ? 1 : 0;
    const std::uint64_t whole = index - current_ - 1;  // periods wholly at the level
    closed_ += whole;
    broken_ += level_ > threshold_ ? whole : 0;
    current_ = index;
    current_broken_ = level_ > threshold_;
  }

  SimTime start_;
  Duration period_;
  double threshold_;
  double level_ = 0;
  std::uint64_t closed_ = 0, broken_ = 0, current_ = 0;
  bool current_broken_ = false;
};

}  // namespace portsim::kernel
