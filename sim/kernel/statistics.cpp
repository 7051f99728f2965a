#include "sim/kernel/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <boost/math/distributions/students_t.hpp>

namespace portsim::kernel {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}

// ---- QuantileSketch ----

std::size_t QuantileSketch::bucket_of(double m) noexcept {
  int e = 0;
  const double f = std::frexp(m, &e);  // m = f 2^e, f in [0.5, 1)
  const int octave = e - 1 - min_exp;    // m in [2^(e-1), 2^e)
  if (octave < 0) return 0;
  if (octave >= octaves) return per_sign - 1;
  const auto sub = static_cast<std::size_t>((f * 2 - 1) * (1 << sub_bits));
  return (static_cast<std::size_t>(octave) << sub_bits) + std::min<std::size_t>(sub, (1u << sub_bits) - 1);
}

double QuantileSketch::lower_of(std::size_t bucket) noexcept {
  const int octave = static_cast<int>(bucket >> sub_bits);
  const double sub = static_cast<double>(bucket & ((1u << sub_bits) - 1));
  return std::ldexp(1.0 + sub / (1 << sub_bits), octave + min_exp);
}

double QuantileSketch::upper_of(std::size_t bucket) noexcept {
  const int octave = static_cast<int>(bucket >> sub_bits);
  const double sub = static_cast<double>(bucket & ((1u << sub_bits) - 1));
  return std::ldexp(1.0 + (sub + 1) / (1 << sub_bits), octave + min_exp);
}

void QuantileSketch::add(double x) {
  if (n_ < first_.size()) first_[n_] = x;
  ++n_;
  if (n_ == first_.size() + 1) {  // switch to buckets, replaying the exact values
    positive_.assign(per_sign, 0);
    negative_.assign(per_sign, 0);
    for (double v : first_) {
      if (v > 0) ++positive_[bucket_of(v)];
      else if (v < 0) ++negative_[bucket_of(-v)];
      else ++zero_;
    }
  }
  if (n_ <= first_.size()) return;
  if (x > 0) ++positive_[bucket_of(x)];
  else if (x < 0) ++negative_[bucket_of(-x)];
  else ++zero_;
}

double QuantileSketch::quantile(double p) const {
  if (n_ == 0) return nan;
  if (n_ <= first_.size()) {
    std::array<double, 5> v = first_;
    std::sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(n_));
    const double h = p * static_cast<double>(n_ - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min<std::size_t>(lo + 1, n_ - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
  }
  // The values of the order statistics around rank h = p (n - 1), each read inside its bucket
  // (a bucket's k values taken as spread evenly over it, the i-th at (i + 0.5) / k of its width),
  // then interpolated between them: a quantile follows the data smoothly, not in bucket steps.
  const double h = p * static_cast<double>(n_ - 1);
  const auto lo = static_cast<std::uint64_t>(std::floor(h));
  const std::uint64_t hi = std::min<std::uint64_t>(lo + 1, n_ - 1);
  const double a = value_at_rank(lo);
  return a + (h - static_cast<double>(lo)) * (value_at_rank(hi) - a);
}

double QuantileSketch::value_at_rank(std::uint64_t r) const noexcept {
  const auto within = [r](std::uint64_t before, std::uint32_t k) {
    return (static_cast<double>(r - before) + 0.5) / static_cast<double>(k);
  };
  std::uint64_t seen = 0;
  for (std::size_t b = per_sign; b-- > 0;) {  // negatives, most negative first
    if (seen + negative_[b] > r) return -(upper_of(b) - within(seen, negative_[b]) * (upper_of(b) - lower_of(b)));
    seen += negative_[b];
  }
  seen += zero_;
  if (seen > r) return 0.0;
  for (std::size_t b = 0; b < per_sign; ++b) {
    if (seen + positive_[b] > r) return lower_of(b) + within(seen, positive_[b]) * (upper_of(b) - lower_of(b));
    seen += positive_[b];
  }
  return upper_of(per_sign - 1);
}

// ---- Tally ----

Tally::Tally(bool quantiles) : quantiles_(quantiles) {}

void Tally::add(double x) noexcept {
  ++n_;
  const double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
  sum_ += x;
  if (x < min_) min_ = x;
  if (x > max_) max_ = x;
  if (quantiles_) sketch_.add(x);
}

double Tally::mean() const noexcept { return n_ > 0 ? mean_ : nan; }
double Tally::variance() const noexcept {
  return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : nan;
}
double Tally::stddev() const noexcept { return std::sqrt(variance()); }
double Tally::min() const noexcept { return n_ > 0 ? min_ : nan; }
double Tally::max() const noexcept { return n_ > 0 ? max_ : nan; }

// ---- HourlySeries ----

HourlySeries::HourlySeries(std::size_t period_hours) : sum_(period_hours, 0.0), count_(period_hours, 0) {
  if (period_hours == 0) throw std::invalid_argument("hourly series period must be >= 1 hour");
}

std::size_t HourlySeries::bin_of(SimTime t, std::size_t period_hours) noexcept {
  const std::int64_t hour = t.time_since_epoch().count() / 3'600'000;
  const auto p = static_cast<std::int64_t>(period_hours);
  return static_cast<std::size_t>(((hour % p) + p) % p);
}

void HourlySeries::add(SimTime t, double x) noexcept {
  const std::size_t b = bin_of(t, sum_.size());
  sum_[b] += x;
  ++count_[b];
}

double HourlySeries::mean(std::size_t bin) const {
  return count_.at(bin) > 0 ? sum_[bin] / static_cast<double>(count_[bin]) : nan;
}

// ---- HourlyLevel ----

HourlyLevel::HourlyLevel(std::size_t period_hours, SimTime start)
    : area_(period_hours, 0.0), duration_(period_hours, 0.0), max_(period_hours, 0.0), last_(start) {
  if (period_hours == 0) throw std::invalid_argument("hourly level period must be >= 1 hour");
}

void HourlyLevel::set(SimTime t, double level) noexcept {
  constexpr std::int64_t hour_ms = 3'600'000;
  std::int64_t from = last_.time_since_epoch().count();
  const std::int64_t to = t.time_since_epoch().count();
  const auto period = static_cast<std::int64_t>(area_.size());
  while (from < to) {
    const std::int64_t hour = from / hour_ms;
    const std::int64_t end = std::min(to, (hour + 1) * hour_ms);
    const auto b = static_cast<std::size_t>(hour % period);
    area_[b] += level_ * static_cast<double>(end - from);
    duration_[b] += static_cast<double>(end - from);
    if (level_ > max_[b]) max_[b] = level_;
    from = end;
  }
  last_ = t;
  level_ = level;
  const auto b = HourlySeries::bin_of(t, area_.size());
  if (level > max_[b]) max_[b] = level;
}

double HourlyLevel::mean(std::size_t bin) const {
  return duration_.at(bin) > 0.0 ? area_[bin] / duration_[bin] : nan;
}

// ---- Histogram ----

Histogram::Histogram(double low, double high, std::size_t bins)
    : low_(low), width_((high - low) / static_cast<double>(bins)), counts_(bins, 0) {
  if (bins == 0 || !(high > low)) {
    throw std::invalid_argument("histogram needs high > low and at least one bin");
  }
}

void Histogram::add(double x) noexcept {
  ++total_;
  if (x < low_) {
    ++under_;
    return;
  }
  const double k = std::floor((x - low_) / width_);
  if (k >= static_cast<double>(counts_.size())) {
    ++over_;
    return;
  }
  ++counts_[static_cast<std::size_t>(k)];
}

// ---- Confidence intervals ----

double student_t_quantile(double level, double dof) {
  if (!(level > 0.0 && level < 1.0)) {
    throw std::invalid_argument("confidence level must be in (0, 1), got " + std::to_string(level));
  }
  if (!(dof > 0.0)) throw std::invalid_argument("Student t needs at least 1 degree of freedom");
  const boost::math::students_t dist(dof);
  return boost::math::quantile(boost::math::complement(dist, (1.0 - level) / 2.0));
}

ConfidenceInterval confidence_interval(double mean, double stddev, std::uint64_t n, double level) {
  ConfidenceInterval ci;
  ci.mean = mean;
  ci.level = level;
  ci.n = n;
  if (n < 2) {
    ci.half_width = nan;
    return ci;
  }
  const double t = student_t_quantile(level, static_cast<double>(n - 1));
  ci.half_width = t * stddev / std::sqrt(static_cast<double>(n));
  return ci;
}

ConfidenceInterval confidence_interval(const std::vector<double>& xs, double level) {
  Tally t;
  for (double x : xs) t.add(x);
  return confidence_interval(xs.empty() ? nan : t.mean(), t.stddev(), xs.size(), level);
}

}  // namespace portsim::kernel
