#include "sim/io/distribution_text.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <boost/math/special_functions/gamma.hpp>

#include "sim/kernel/time.hpp"

namespace portsim::io {

namespace {

using Kind = kernel::Distribution::Kind;

constexpr double max_shape = 1e6;  // erlang's k and gamma's shape (beyond it boost's inverse fails)
const std::string max_shape_text = "1000000";

// Where a tail is unbounded, `highest` is the value exceeded with probability about 1e-21: a
// standard exponential beyond 50 (e^-50), a standard normal beyond 9.6.
constexpr double tail_probability = 1e-21;
constexpr double exponential_tail = 50;
constexpr double normal_tail = 9.6;

std::string num(double x) {
  std::ostringstream os;
  os << x;
  return os.str();
}

const std::string forms =
    "; expected a duration (\"90s\") or one of constant(d), uniform(lo, hi), triangular(lo, mode, hi), "
    "exponential(mean), erlang(k, mean), gamma(shape, scale), lognormal(mean, sd), weibull(shape, scale), "
    "empirical(d1, d2, ...) with durations such as \"90s\"";

std::string longest() { return kernel::max_span_text() + ", the longest time accepted"; }

/// The distribution of a constant duration text ("90s").
TimeDistribution plain_duration(const std::string& text) {
  try {
    const double s = kernel::to_seconds(kernel::parse_duration(text));
    return {kernel::Distribution::constant(s), s, s};
  } catch (const kernel::DurationRangeError&) {
    throw std::invalid_argument("invalid distribution \"" + text + "\": it is longer than " + longest());
  } catch (const kernel::DurationError&) {
    throw std::invalid_argument("invalid distribution \"" + text + "\"" + forms);
  }
}

/// The arguments between the parentheses, trimmed.
std::vector<std::string> arguments(const std::string& inside) {
  std::vector<std::string> args;
  std::stringstream ss(inside);
  std::string a;
  while (std::getline(ss, a, ',')) {
    a.erase(0, a.find_first_not_of(' '));
    a.erase(a.find_last_not_of(' ') + 1);
    args.push_back(a);
  }
  return args;
}

/// The distribution `name(args)` with the range of its values (`text` for messages).
TimeDistribution build(const std::string& text, const std::string& name, const std::vector<std::string>& args) {
  const auto seconds = [&](std::size_t i) {
    try {
      return kernel::to_seconds(kernel::parse_duration(args[i]));
    } catch (const kernel::DurationRangeError&) {
      throw std::invalid_argument("invalid distribution \"" + text + "\": argument " + std::to_string(i + 1) +
                                  " is longer than " + longest());
    } catch (const kernel::DurationError&) {
      throw std::invalid_argument("invalid distribution \"" + text + "\": argument " + std::to_string(i + 1) +
                                  " must be a duration with a unit, such as \"90s\"");
    }
  };
  const auto plain = [&](std::size_t i) {
    try {
      std::size_t used = 0;
      const double v = std::stod(args[i], &used);
      if (used == args[i].size()) return v;
    } catch (...) {
    }
    throw std::invalid_argument("invalid distribution \"" + text + "\": argument " + std::to_string(i + 1) +
                                " must be a plain number");
  };
  const auto need = [&](std::size_t n) {
    if (args.size() != n) {
      throw std::invalid_argument("invalid distribution \"" + text + "\": " + name + " takes " + std::to_string(n) +
                                  " argument" + (n == 1 ? "" : "s") + ", got " + std::to_string(args.size()));
    }
  };
  /// Gamma-shaped (erlang, gamma): the tail from the inverse of the regularised incomplete gamma.
  const auto gamma_highest = [](double shape, double scale) {
    try {
      return boost::math::gamma_q_inv(shape, tail_probability) * scale;
    } catch (const std::exception&) {
      return HUGE_VAL;  // no finite bound found: refused as beyond the samples accepted
    }
  };
  if (name == "constant") {
    need(1);
    const double v = seconds(0);
    return {kernel::Distribution::constant(v), v, v};
  }
  if (name == "uniform") {
    need(2);
    const double lo = seconds(0), hi = seconds(1);
    return {kernel::Distribution::uniform(lo, hi), lo, hi};
  }
  if (name == "triangular") {
    need(3);
    const double lo = seconds(0), mode = seconds(1), hi = seconds(2);
    return {kernel::Distribution::triangular(lo, mode, hi), lo, hi};
  }
  if (name == "exponential") {
    need(1);
    const double mean = seconds(0);
    return {kernel::Distribution::exponential(mean), 0, mean * exponential_tail};
  }
  if (name == "erlang") {
    need(2);
    const double k = plain(0);
    if (!(k >= 1 && k <= max_shape && k == std::floor(k))) {
      throw std::invalid_argument("erlang(k, mean): k must be an integer in [1, " + max_shape_text + "], got " +
                                  args[0]);
    }
    const double mean = seconds(1);
    auto d = kernel::Distribution::erlang(static_cast<int>(k), mean);
    return {std::move(d), 0, gamma_highest(k, mean / k)};
  }
  if (name == "gamma") {
    need(2);
    const double shape = plain(0);
    if (shape > max_shape) {
      throw std::invalid_argument("gamma(shape, scale): shape must be at most " + max_shape_text + ", got " + args[0]);
    }
    const double scale = seconds(1);
    auto d = kernel::Distribution::gamma(shape, scale);
    return {std::move(d), 0, gamma_highest(shape, scale)};
  }
  if (name == "lognormal") {
    need(2);
    const double mean = seconds(0), sd = seconds(1);
    auto d = kernel::Distribution::lognormal(mean, sd);
    const double sigma2 = std::log1p((sd / mean) * (sd / mean));
    return {std::move(d), 0, std::exp(std::log(mean) - sigma2 / 2 + normal_tail * std::sqrt(sigma2))};
  }
  if (name == "weibull") {
    need(2);
    const double shape = plain(0), scale = seconds(1);
    auto d = kernel::Distribution::weibull(shape, scale);
    return {std::move(d), 0, scale * std::pow(exponential_tail, 1 / shape)};
  }
  if (name == "empirical") {
    if (args.empty()) throw std::invalid_argument("empirical: needs at least one value");
    std::vector<double> v;
    for (std::size_t i = 0; i < args.size(); ++i) v.push_back(seconds(i));
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    const double lowest = *lo, highest = *hi;
    return {kernel::Distribution::empirical(std::move(v)), lowest, highest};
  }
  throw std::invalid_argument("invalid distribution \"" + text + "\": unknown distribution \"" + name + "\"" + forms);
}

/// The mean within max_span, and the samples within max_sample_seconds.
void check_range(const std::string& text, const TimeDistribution& t) {
  const double mean = t.distribution.mean();
  if (!std::isfinite(mean)) throw std::invalid_argument("invalid distribution \"" + text + "\": its mean is infinite");
  if (std::fabs(mean) > kernel::to_seconds(kernel::max_span)) {
    throw std::invalid_argument("invalid distribution \"" + text + "\": its mean, " + num(mean) +
                                " s, is longer than " + longest());
  }
  if (!(t.highest <= max_sample_seconds)) {
    throw std::invalid_argument("invalid distribution \"" + text + "\": it can give samples of " + num(t.highest) +
                                " s, beyond the longest time sample accepted (" + num(max_sample_seconds) + " s)");
  }
}

}  // namespace

TimeDistribution parse_time_distribution(const std::string& text) {
  const auto open = text.find('(');
  if (open == std::string::npos) return plain_duration(text);
  const auto close = text.rfind(')');
  if (close == std::string::npos || close < open) {
    throw std::invalid_argument("invalid distribution \"" + text + "\": missing )" + forms);
  }
  if (text.find_first_not_of(' ', close + 1) != std::string::npos) {
    throw std::invalid_argument("invalid distribution \"" + text + "\": text after )" + forms);
  }
  std::string name = text.substr(0, open);
  name.erase(0, name.find_first_not_of(' '));
  name.erase(name.find_last_not_of(' ') + 1);
  const std::vector<std::string> args = arguments(text.substr(open + 1, close - open - 1));
  try {
    TimeDistribution t = build(text, name, args);
    check_range(text, t);
    return t;
  } catch (const std::invalid_argument& e) {
    const std::string m = e.what();
    if (m.rfind("invalid distribution", 0) == 0) throw;
    throw std::invalid_argument("invalid distribution \"" + text + "\": " + m);
  }
}

kernel::Distribution parse_distribution(const std::string& text) { return parse_time_distribution(text).distribution; }

}  // namespace portsim::io
