// Output statistics with O(1) memory in run length (domain-free): tallies with streaming
// quantiles, time-weighted levels, period-folded hourly series, histograms, and Student-t
// confidence intervals.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/kernel/time.hpp"

namespace portsim::kernel {

/// Streaming quantiles from log-linear buckets: 64 buckets per power of two (a bucket spans less
/// than 1.6% of its values) over |x| in [2^-30, 2^33), O(1) memory (32 KB, allocated at the sixth
/// value) and a few nanoseconds per value; exact while there are at most five values. A quantile
/// interpolates between the two order statistics around its rank, each read inside its bucket (its
/// values taken as evenly spread), so that it moves smoothly with the data rather than in
/// bucket-sized steps; Tally clamps it to the observed minimum and maximum.
class QuantileSketch {
 public:
  void add(double x);
  /// The p-quantile (NaN when empty).
  double quantile(double p) const;
  std::uint64_t count() const noexcept { return n_; }

 private:
  static constexpr int sub_bits = 6;
  static constexpr int min_exp = -30;
  static constexpr int octaves = 63;
  static constexpr std::size_t per_sign = static_cast<std::size_t>(octaves) << sub_bits;
  static std::size_t bucket_of(double magnitude) noexcept;
  /// The estimated value of the r-th smallest observation (0-based, r < count), inside its bucket.
  double value_at_rank(std::uint64_t r) const noexcept;
  static double lower_of(std::size_t bucket) noexcept;  // the bucket's magnitudes: [lower, upper)
  static double upper_of(std::size_t bucket) noexcept;
  std::uint64_t n_ = 0;
  std::array<double, 5> first_{};
  std::vector<std::uint32_t> positive_;
  std::vector<std::uint32_t> negative_;
  std::uint64_t zero_ = 0;
};

/// Observations of a quantity (turn times, waits): count, Welford mean and variance, min, max and
/// the 50th, 90th and 95th percentiles (QuantileSketch).
class Tally {
 public:
  /// quantiles = false skips the quantile sketch (p50/p90/p95 then return NaN) when only moments
  /// are needed.
  explicit Tally(bool quantiles = true);
  void add(double x) noexcept;
  void reset() noexcept { *this = Tally(quantiles_); }

  std::uint64_t count() const noexcept { return n_; }
  double sum() const noexcept { return sum_; }
  double mean() const noexcept;      // NaN when empty
  double variance() const noexcept;  // sample variance (n - 1); NaN when n < 2
  double stddev() const noexcept;
  double min() const noexcept;       // NaN when empty
  double max() const noexcept;
  double p50() const noexcept { return quantile(0.5); }
  double p90() const noexcept { return quantile(0.9); }
  double p95() const noexcept { return quantile(0.95); }
  /// Any quantile p in [0, 1] (NaN when empty or quantiles are off).
  double quantile(double p) const noexcept {
    if (!quantiles_ || n_ == 0) return std::numeric_limits<double>::quiet_NaN();
    const double q = sketch_.quantile(p);
    return q < min_ ? min_ : q > max_ ? max_ : q;
  }

 private:
  bool quantiles_ = true;
  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double sum_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
  QuantileSketch sketch_;
};

/// A level that changes at instants (queue length, busy servers): time average, min, max.
class TimeWeighted {
 public:
  explicit TimeWeighted(SimTime start = time_zero, double level = 0.0) noexcept
      : start_(start), last_(start), level_(level), max_(level), min_(level) {}

  /// The level becomes `level` at time t (t never decreases).
  void set(SimTime t, double level) noexcept {
    area_ += level_ * static_cast<double>((t - last_).count());
    last_ = t;
    level_ = level;
    if (level > max_) max_ = level;
    if (level < min_) min_ = level;
  }
  void add(SimTime t, double delta) noexcept { set(t, level_ + delta); }
  /// Forgets the past (warm-up deletion): averages start again at t with the current level.
  void restart(SimTime t) noexcept {
    start_ = last_ = t;
    area_ = 0.0;
    max_ = min_ = level_;
  }

  double level() const noexcept { return level_; }
  double max() const noexcept { return max_; }
  double min() const noexcept { return min_; }
  /// Integral of the level from start to t, in level x seconds.
  double integral(SimTime t) const noexcept {
    return (area_ + level_ * static_cast<double>((t - last_).count())) / 1000.0;
  }
  /// Time average over [start, t] (the current level when the interval is empty).
  double mean(SimTime t) const noexcept {
    const double span = to_seconds(t - start_);
    return span > 0.0 ? integral(t) / span : level_;
  }
  SimTime start() const noexcept { return start_; }

 private:
  SimTime start_;
  SimTime last_;
  double level_;
  double area_ = 0.0;  // level x ticks
  double max_;
  double min_;
};

/// Values folded onto the hours of a period (24 h: hour of day; 168 h: hour of week), so memory
/// does not grow with run length. Each bin keeps a count and a sum (mean per bin).
class HourlySeries {
 public:
  explicit HourlySeries(std::size_t period_hours = 24);
  /// Adds x to the bin of time t.
  void add(SimTime t, double x = 1.0) noexcept;
  std::size_t bins() const noexcept { return sum_.size(); }
  double sum(std::size_t bin) const { return sum_.at(bin); }
  std::uint64_t count(std::size_t bin) const { return count_.at(bin); }
  double mean(std::size_t bin) const;  // NaN for an empty bin
  static std::size_t bin_of(SimTime t, std::size_t period_hours) noexcept;

 private:
  std::vector<double> sum_;
  std::vector<std::uint64_t> count_;
};

/// A level (queue length) averaged per hour of a period: time-weighted like TimeWeighted but the
/// area is split across hour bins; max per bin too.
class HourlyLevel {
 public:
  explicit HourlyLevel(std::size_t period_hours = 24, SimTime start = time_zero);
  void set(SimTime t, double level) noexcept;
  /// Closes the open interval at t (call before reading).
  void flush(SimTime t) noexcept { set(t, level_); }
  std::size_t bins() const noexcept { return area_.size(); }
  /// Mean level in the bin over all the times the run spent in it (NaN if never).
  double mean(std::size_t bin) const;
  double max(std::size_t bin) const { return max_.at(bin); }

 private:
  std::vector<double> area_;      // level x ms
  std::vector<double> duration_;  // ms
  std::vector<double> max_;
  SimTime last_;
  double level_ = 0.0;
};

/// Fixed-width bins on [low, high) plus underflow and overflow counts.
class Histogram {
 public:
  Histogram(double low, double high, std::size_t bins);
  void add(double x) noexcept;
  std::size_t bins() const noexcept { return counts_.size(); }
  std::uint64_t count(std::size_t bin) const { return counts_.at(bin); }
  std::uint64_t underflow() const noexcept { return under_; }
  std::uint64_t overflow() const noexcept { return over_; }
  std::uint64_t total() const noexcept { return total_; }
  double bin_low(std::size_t bin) const noexcept { return low_ + width_ * static_cast<double>(bin); }
  double width() const noexcept { return width_; }

 private:
  double low_;
  double width_;
  std::vector<std::uint64_t> counts_;
  std::uint64_t under_ = 0;
  std::uint64_t over_ = 0;
  std::uint64_t total_ = 0;
};

/// A two-sided Student-t confidence interval for a mean.
struct ConfidenceInterval {
  double mean = 0.0;
  double half_width = 0.0;  // NaN when n < 2
  double level = 0.95;
  std::uint64_t n = 0;
  double low() const noexcept { return mean - half_width; }
  double high() const noexcept { return mean + half_width; }
  bool contains(double x) const noexcept { return x >= low() && x <= high(); }
};

/// CI of the mean from a sample mean, sample standard deviation and size. level in (0, 1).
ConfidenceInterval confidence_interval(double mean, double stddev, std::uint64_t n,
                                       double level = 0.95);
/// CI of the mean of the observations.
ConfidenceInterval confidence_interval(const std::vector<double>& xs, double level = 0.95);
/// Two-sided Student-t quantile t_{1-(1-level)/2, dof}.
double student_t_quantile(double level, double dof);

}  // namespace portsim::kernel
