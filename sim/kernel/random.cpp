#include "sim/kernel/random.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

namespace portsim::kernel {

namespace {

std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument(what);
}

bool finite(double x) { return std::isfinite(x); }

}  // namespace

std::uint64_t RandomStreams::seed_for(std::string_view name) const noexcept {
  return splitmix64(splitmix64(splitmix64(master_) ^ replication_) ^ fnv1a(name));
}

Distribution Distribution::constant(double value) {
  require(finite(value), "constant: value must be a finite number");
  return {Kind::Constant, value, 0, 0};
}

Distribution Distribution::uniform(double low, double high) {
  require(finite(low) && finite(high) && low <= high,
          "uniform(low, high): needs low <= high, got low " + num(low) + ", high " + num(high));
  return {Kind::Uniform, low, high, 0};
}

Distribution Distribution::triangular(double low, double mode, double high) {
  require(finite(low) && finite(mode) && finite(high) && low <= mode && mode <= high && low < high,
          "triangular(low, mode, high): needs low <= mode <= high and low < high, got " + num(low) +
              ", " + num(mode) + ", " + num(high));
  return {Kind::Triangular, low, mode, high};
}

Distribution Distribution::exponential(double mean) {
  require(finite(mean) && mean > 0, "exponential(mean): mean must be > 0, got " + num(mean));
  return {Kind::Exponential, mean, 0, 0};
}

Distribution Distribution::erlang(int k, double mean) {
  require(k >= 1, "erlang(k, mean): k must be an integer >= 1, got " + std::to_string(k));
  require(finite(mean) && mean > 0, "erlang(k, mean): mean must be > 0, got " + num(mean));
  return {Kind::Erlang, static_cast<double>(k), mean, 0};
}

Distribution Distribution::gamma(double shape, double scale) {
  require(finite(shape) && shape > 0, "gamma(shape, scale): shape must be > 0, got " + num(shape));
  require(finite(scale) && scale > 0, "gamma(shape, scale): scale must be > 0, got " + num(scale));
  return {Kind::Gamma, shape, scale, 0};
}

Distribution Distribution::lognormal(double mean, double stddev) {
  require(finite(mean) && mean > 0, "lognormal(mean, sd): mean must be > 0, got " + num(mean));
  require(finite(stddev) && stddev > 0, "lognormal(mean, sd): sd must be > 0, got " + num(stddev));
  const double sigma2 = std::log1p((stddev * stddev) / (mean * mean));
  return {Kind::Lognormal, mean, stddev, sigma2};
}

Distribution Distribution::weibull(double shape, double scale) {
  require(finite(shape) && shape > 0, "weibull(shape, scale): shape must be > 0, got " + num(shape));
  require(finite(scale) && scale > 0, "weibull(shape, scale): scale must be > 0, got " + num(scale));
  return {Kind::Weibull, shape, scale, 0};
}

Distribution Distribution::empirical(std::vector<double> values, std::vector<double> weights) {
  require(!values.empty(), "empirical: needs at least one value");
  for (double v : values) require(finite(v), "empirical: values must be finite numbers");
  if (weights.empty()) weights.assign(values.size(), 1.0);
  require(weights.size() == values.size(),
          "empirical: " + std::to_string(weights.size()) + " weights for " +
              std::to_string(values.size()) + " values");
  double total = 0;
  for (double w : weights) {
    require(finite(w) && w >= 0, "empirical: weights must be >= 0, got " + num(w));
    total += w;
  }
  require(total > 0, "empirical: weights must not all be 0");
  Distribution d{Kind::Empirical, 0, 0, 0};
  d.cumulative_.resize(weights.size());
  double acc = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    acc += weights[i] / total;
    d.cumulative_[i] = acc;
  }
  d.cumulative_.back() = 1.0;
  d.values_ = std::move(values);
  return d;
}

double Distribution::sample(Rng& rng) const {
  switch (kind_) {
    case Kind::Constant: return a_;
    case Kind::Uniform: return a_ + (b_ - a_) * uniform01(rng);
    case Kind::Triangular: {
      const double u = uniform01(rng);
      const double f = (b_ - a_) / (c_ - a_);
      return u < f ? a_ + std::sqrt(u * (c_ - a_) * (b_ - a_))
                   : c_ - std::sqrt((1 - u) * (c_ - a_) * (c_ - b_));
    }
    case Kind::Exponential: return boost::random::exponential_distribution<double>(1.0 / a_)(rng);
    case Kind::Erlang: return boost::random::gamma_distribution<double>(a_, b_ / a_)(rng);
    case Kind::Gamma: return boost::random::gamma_distribution<double>(a_, b_)(rng);
    case Kind::Lognormal: {
      const double sigma = std::sqrt(c_);
      const double mu = std::log(a_) - c_ / 2.0;
      return boost::random::lognormal_distribution<double>(mu, sigma)(rng);
    }
    case Kind::Weibull: return boost::random::weibull_distribution<double>(a_, b_)(rng);
    case Kind::Empirical: {
      const double u = uniform01(rng);
      const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      const auto i = static_cast<std::size_t>(std::min<std::ptrdiff_t>(
          it - cumulative_.begin(), static_cast<std::ptrdiff_t>(values_.size()) - 1));
      return values_[i];
    }
  }
  return 0.0;
}

double Distribution::quantile(double u) const {
  u = std::clamp(u, 1e-12, 1.0 - 1e-12);
  switch (kind_) {
    case Kind::Constant: return a_;
    case Kind::Uniform: return a_ + (b_ - a_) * u;
    case Kind::Triangular: {
      const double f = (b_ - a_) / (c_ - a_);
      return u < f ? a_ + std::sqrt(u * (c_ - a_) * (b_ - a_))
                   : c_ - std::sqrt((1 - u) * (c_ - a_) * (c_ - b_));
    }
    case Kind::Exponential: return -a_ * std::log1p(-u);
    case Kind::Erlang: return boost::math::gamma_p_inv(a_, u) * (b_ / a_);
    case Kind::Gamma: return boost::math::gamma_p_inv(a_, u) * b_;
    case Kind::Lognormal: {
      const double sigma = std::sqrt(c_);
      const double mu = std::log(a_) - c_ / 2.0;
      return std::exp(mu + sigma * boost::math::quantile(boost::math::normal(), u));
    }
    case Kind::Weibull: return b_ * std::pow(-std::log1p(-u), 1.0 / a_);
    case Kind::Empirical: {
      const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      const auto i = static_cast<std::size_t>(std::min<std::ptrdiff_t>(
          it - cumulative_.begin(), static_cast<std::ptrdiff_t>(values_.size()) - 1));
      return values_[i];
    }
  }
  return 0.0;
}

double Distribution::mean() const {
  switch (kind_) {
    case Kind::Constant: return a_;
    case Kind::Uniform: return (a_ + b_) / 2;
    case Kind::Triangular: return (a_ + b_ + c_) / 3;
    case Kind::Exponential: return a_;
    case Kind::Erlang: return b_;
    case Kind::Gamma: return a_ * b_;
    case Kind::Lognormal: return a_;
    case Kind::Weibull: return b_ * std::tgamma(1 + 1 / a_);
    case Kind::Empirical: {
      double m = 0, prev = 0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        m += values_[i] * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return m;
    }
  }
  return 0.0;
}

double Distribution::variance() const {
  switch (kind_) {
    case Kind::Constant: return 0;
    case Kind::Uniform: return (b_ - a_) * (b_ - a_) / 12;
    case Kind::Triangular:
      return (a_ * a_ + b_ * b_ + c_ * c_ - a_ * b_ - a_ * c_ - b_ * c_) / 18;
    case Kind::Exponential: return a_ * a_;
    case Kind::Erlang: return b_ * b_ / a_;
    case Kind::Gamma: return a_ * b_ * b_;
    case Kind::Lognormal: return b_ * b_;
    case Kind::Weibull: {
      const double g1 = std::tgamma(1 + 1 / a_);
      return b_ * b_ * (std::tgamma(1 + 2 / a_) - g1 * g1);
    }
    case Kind::Empirical: {
      const double m = mean();
      double v = 0, prev = 0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        v += (values_[i] - m) * (values_[i] - m) * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return v;
    }
  }
  return 0.0;
}

std::string to_string(Distribution::Kind k) {
  switch (k) {
    case Distribution::Kind::Constant: return "constant";
    case Distribution::Kind::Uniform: return "uniform";
    case Distribution::Kind::Triangular: return "triangular";
    case Distribution::Kind::Exponential: return "exponential";
    case Distribution::Kind::Erlang: return "erlang";
    case Distribution::Kind::Gamma: return "gamma";
    case Distribution::Kind::Lognormal: return "lognormal";
    case Distribution::Kind::Weibull: return "weibull";
    case Distribution::Kind::Empirical: return "empirical";
  }
  return "unknown";
}

std::string Distribution::describe() const {
  switch (kind_) {
    case Kind::Constant: return "constant(" + num(a_) + ")";
    case Kind::Uniform: return "uniform(" + num(a_) + ", " + num(b_) + ")";
    case Kind::Triangular: return "triangular(" + num(a_) + ", " + num(b_) + ", " + num(c_) + ")";
    case Kind::Exponential: return "exponential(" + num(a_) + ")";
    case Kind::Erlang: return "erlang(" + num(a_) + ", " + num(b_) + ")";
    case Kind::Gamma: return "gamma(" + num(a_) + ", " + num(b_) + ")";
    case Kind::Lognormal: return "lognormal(" + num(a_) + ", " + num(b_) + ")";
    case Kind::Weibull: return "weibull(" + num(a_) + ", " + num(b_) + ")";
    case Kind::Empirical: return "empirical(" + std::to_string(values_.size()) + " values)";
  }
  return "unknown";
}

}  // namespace portsim::kernel
