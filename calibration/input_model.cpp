#include "calibration/input_model.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

#include "calibration/csv_fields.hpp"
#include "sim/io/input_error.hpp"

namespace portsim::calibration {

namespace {

std::string g(double v) {
  std::ostringstream os;
  os.precision(4);
  os << v;
  return os.str();
}

template <class Dist>
double ks_statistic(const std::vector<double>& sorted, const Dist& d) {
  double ks = 0;
  const double n = static_cast<double>(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double f = boost::math::cdf(d, sorted[i]);
    ks = std::max({ks, std::fabs(f - static_cast<double>(i) / n), std::fabs(static_cast<double>(i + 1) / n - f)});
  }
  return ks;
}

/// Newton's method for a positive root of f from x0 (stops at 1e-10 relative change or a
/// non-positive step); fdf(x) returns {f(x), f'(x)}.
template <class F>
double positive_root(F fdf, double x0, int max_iterations) {
  double x = x0;
  for (int i = 0; i < max_iterations; ++i) {
    const auto [f, df] = fdf(x);
    const double next = x - f / df;
    if (!(next > 0)) break;
    const bool converged = std::fabs(next - x) < 1e-10 * x;
    x = next;
    if (converged) break;
  }
  return x;
}

template <class Dist>
double log_likelihood(const std::vector<double>& x, const Dist& d) {
  double ll = 0;
  for (double v : x) ll += std::log(std::max(1e-300, boost::math::pdf(d, v)));
  return ll;
}

}  // namespace

std::vector<FamilyFit> fit_families(std::vector<double> x, const std::string& only) {
  x.erase(std::remove_if(x.begin(), x.end(), [](double v) { return !(v > 0) || !std::isfinite(v); }), x.end());
  if (x.size() < 10) throw std::invalid_argument("need at least 10 positive service times, got " + std::to_string(x.size()));
  std::sort(x.begin(), x.end());
  if (x.back() - x.front() <= 1e-9 * x.back()) {  // equal, or equal but for rounding
    throw std::invalid_argument("all " + std::to_string(x.size()) + " positive values are " + g(x.front()) +
                                ": a constant (" + g(x.front()) + "s in a scenario), no distribution to fit");
  }
  const double n = static_cast<double>(x.size());
  const double mean = std::accumulate(x.begin(), x.end(), 0.0) / n;
  double mean_log = 0;
  for (double v : x) mean_log += std::log(v) / n;
  double var_log = 0;
  for (double v : x) var_log += std::pow(std::log(v) - mean_log, 2) / n;
  std::vector<FamilyFit> fits, failed;
  // A family whose fit breaks down numerically (nearly constant values) is reported, not fitted.
  const auto attempt = [&](const char* family, const auto& fit) {
    if (!only.empty() && only != family) return;
    try {
      FamilyFit f = fit();
      const bool finite = std::isfinite(f.log_likelihood) && std::isfinite(f.ks) &&
                          std::all_of(f.parameters.begin(), f.parameters.end(), [](double v) { return std::isfinite(v); });
      if (finite) {
        fits.push_back(std::move(f));
        return;
      }
    } catch (const std::domain_error&) {   // boost::math: a parameter out of its domain
    } catch (const std::runtime_error&) {  // boost::math: overflow, evaluation (series did not converge)
    }
    FamilyFit f;
    f.family = family;
    f.failure = "the maximum-likelihood fit does not converge on these values";
    failed.push_back(std::move(f));
  };
  attempt("exponential", [&] {  // the mean
    const boost::math::exponential_distribution<> d(1 / mean);
    return FamilyFit{"exponential", {mean}, log_likelihood(x, d), 0, ks_statistic(x, d), "exponential(" + g(mean) + "s)", ""};
  });
  attempt("gamma", [&] {  // Newton on the shape for log(k) - digamma(k) = log(mean) - mean(log x)
    const double s = std::log(mean) - mean_log;
    const double k = positive_root(
        [s](double kk) {
          return std::pair{std::log(kk) - boost::math::digamma(kk) - s, 1 / kk - boost::math::trigamma(kk)};
        },
        (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s), 50);  // Minka's start
    const double theta = mean / k;
    const boost::math::gamma_distribution<> d(k, theta);
    return FamilyFit{"gamma", {k, theta}, log_likelihood(x, d), 0, ks_statistic(x, d), "gamma(" + g(k) + ", " + g(theta) + "s)", ""};
  });
  attempt("lognormal", [&] {  // moments of the logs (MLE), reported by mean and sd of the variable
    const double sigma = std::sqrt(var_log);
    const boost::math::lognormal_distribution<> d(mean_log, sigma);
    const double m = std::exp(mean_log + var_log / 2), sd = m * std::sqrt(std::exp(var_log) - 1);
    return FamilyFit{"lognormal", {m, sd}, log_likelihood(x, d), 0, ks_statistic(x, d), "lognormal(" + g(m) + "s, " + g(sd) + "s)", ""};
  });
  attempt("weibull", [&] {  // Newton on the shape, scale in closed form
    // Sums of (v / scale)^k: scale 1 (exactly v^k), or the largest value when v^k overflows.
    const auto sums = [&](double kk) {
      for (const double scale : {1.0, x.back()}) {
        double a = 0, b = 0, c = 0;
        for (double v : x) {
          const double p = std::pow(v / scale, kk), l = std::log(v);
          a += p;
          b += p * l;
          c += p * l * l;
        }
        if (std::isfinite(a) && std::isfinite(c) && a > 0) return std::array<double, 4>{a, b, c, scale};
      }
      throw std::overflow_error("weibull: no scale keeps the sums finite");
    };
    const double k = positive_root(
        [&](double kk) {
          const auto [a, b, c, scale] = sums(kk);
          return std::pair{b / a - 1 / kk - mean_log, (c * a - b * b) / (a * a) + 1 / (kk * kk)};
        },
        1.2 / std::sqrt(var_log), 100);
    const auto [a, b, c, scale] = sums(k);
    const double lambda = scale * std::pow(a / n, 1 / k);
    const boost::math::weibull_distribution<> d(k, lambda);
    return FamilyFit{"weibull", {k, lambda}, log_likelihood(x, d), 0, ks_statistic(x, d), "weibull(" + g(k) + ", " + g(lambda) + "s)", ""};
  });
  if (fits.empty()) throw std::invalid_argument("no family fits these " + std::to_string(x.size()) + " values");
  for (auto& f : fits) f.aic = 2 * static_cast<double>(f.parameters.size()) - 2 * f.log_likelihood;
  std::sort(fits.begin(), fits.end(), [](const FamilyFit& l, const FamilyFit& r) { return l.aic < r.aic; });
  fits.insert(fits.end(), failed.begin(), failed.end());
  return fits;
}

namespace {
/// Calls `use` with the boost distribution of a fit.
template <class F>
double with_distribution(const FamilyFit& f, F use) {
  const auto& p = f.parameters;
  if (f.family == "exponential") return use(boost::math::exponential_distribution<>(1 / p.at(0)));
  if (f.family == "gamma") return use(boost::math::gamma_distribution<>(p.at(0), p.at(1)));
  if (f.family == "weibull") return use(boost::math::weibull_distribution<>(p.at(0), p.at(1)));
  if (f.family == "lognormal") {
    const double s2 = std::log1p(p.at(1) * p.at(1) / (p.at(0) * p.at(0)));
    return use(boost::math::lognormal_distribution<>(std::log(p.at(0)) - s2 / 2, std::sqrt(s2)));
  }
  throw std::invalid_argument("no distribution for family \"" + f.family + "\"");
}
}  // namespace

double family_cdf(const FamilyFit& f, double x) {
  if (x <= 0) return 0;
  return with_distribution(f, [x](const auto& d) { return boost::math::cdf(d, x); });
}

double family_mean(const FamilyFit& f) {
  return with_distribution(f, [](const auto& d) { return boost::math::mean(d); });
}

HeldOutKs held_out_ks(std::vector<double> x, const FamilyFit& f) {
  HeldOutKs r;
  if (x.empty()) return r;
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double c = family_cdf(f, x[i]);
    r.d = std::max({r.d, std::fabs(c - static_cast<double>(i) / n), std::fabs(static_cast<double>(i + 1) / n - c)});
  }
  const double lambda = (std::sqrt(n) + 0.12 + 0.11 / std::sqrt(n)) * r.d;
  double p = 0;
  for (int k = 1; k <= 100; ++k) p += 2 * ((k % 2) ? 1 : -1) * std::exp(-2.0 * k * k * lambda * lambda);
  r.p_value = lambda < 0.3 ? 1.0 : std::clamp(p, 0.0, 1.0);  // the series needs lambda away from 0
  return r;
}

std::vector<double> read_vehicle_column(const std::string& path, const std::string& column) {
  std::ifstream in(path);
  if (!in) throw io::InputError({io::InputProblem{path, 0, 0, "", "cannot open the file (" + std::string(std::strerror(errno)) + ")"}});
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split_csv(line);
  const auto it = std::find(header.begin(), header.end(), column);
  if (it == header.end()) {
    throw io::InputError({io::InputProblem{path, 1, 1, "", "no column \"" + column + "\" (a per-vehicle checkpoint log has "
                                                             "service_s, wait_s, ...; see calibration/README.md)"}});
  }
  const auto col = static_cast<std::size_t>(it - header.begin());
  std::vector<double> out;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    const CsvLine f = split_csv_line(line);
    if (f.fields.size() != header.size()) {
      throw io::InputError({io::InputProblem{path, n, 1, "", "expected " + std::to_string(header.size()) + " fields as in the header, got " +
                                                               std::to_string(f.fields.size())}});
    }
    double v = 0;
    if (!to_double(f.fields[col], v) || v < 0 || v > max_log_seconds) {
      static_assert(max_log_seconds == 1e9, "the message names the limit");
      throw io::InputError({io::InputProblem{path, n, f.columns[col], column,
                                             "expected a number of seconds in [0, 1e9], got \"" + f.fields[col] + "\""}});
    }
    out.push_back(v);
  }
  return out;
}

}  // namespace portsim::calibration
