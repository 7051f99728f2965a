#include "calibration/fit_verdict.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace portsim::calibration {

namespace {

/// "12.5s": to a tenth of a second, the resolution of the empirical form.
std::string seconds(double v) { return fmt::format("{:.1f}s", v); }

/// The share of `sorted` values <= t (right limit) or < t (left limit).
double cdf_at(const std::vector<double>& sorted, double t, bool left) {
  const auto it = left ? std::lower_bound(sorted.begin(), sorted.end(), t) : std::upper_bound(sorted.begin(), sorted.end(), t);
  return static_cast<double>(it - sorted.begin()) / static_cast<double>(sorted.size());
}

}  // namespace

double ks_critical_5pct(std::size_t n) { return 1.358 / std::sqrt(static_cast<double>(std::max<std::size_t>(1, n))); }

EmpiricalFit empirical_fit(std::vector<double> x, std::size_t points) {
  x.erase(std::remove_if(x.begin(), x.end(), [](double v) { return !(v > 0) || !std::isfinite(v); }), x.end());
  std::sort(x.begin(), x.end());
  std::vector<double> q;
  for (std::size_t i = 0; i < points; ++i) {
    const double p = (static_cast<double>(i) + 0.5) / static_cast<double>(points);
    const auto k = std::min(x.size() - 1, static_cast<std::size_t>(p * static_cast<double>(x.size())));
    q.push_back(std::round(x[k] * 10) / 10);  // the value as the text gives it
  }
  EmpiricalFit e;
  e.text = "empirical(";
  for (std::size_t i = 0; i < q.size(); ++i) e.text += (i > 0 ? ", " : "") + seconds(q[i]);
  e.text += ")";
  // Both CDFs are step functions: the largest gap is at a jump of one of them, on either side.
  std::vector<double> at = x;
  at.insert(at.end(), q.begin(), q.end());
  for (const double t : at) {
    for (const bool left : {false, true}) e.ks = std::max(e.ks, std::fabs(cdf_at(x, t, left) - cdf_at(q, t, left)));
  }
  return e;
}

FitVerdict fit_verdict(const std::vector<FamilyFit>& fits, std::size_t n) {
  FitVerdict v;
  v.n = n;
  v.critical = ks_critical_5pct(n);
  for (const auto& f : fits) {
    if (f.failure.empty()) {
      v.best = &f;
      break;
    }
  }
  v.fits = v.best != nullptr && v.best->ks <= v.critical;
  return v;
}

std::string verdict_text(const FitVerdict& v, const EmpiricalFit& empirical) {
  if (v.fits) {
    return fmt::format("best fit: {} (KS D {:.4f}, below the 5% critical value {:.4f} for n = {})\n", v.best->text,
                       v.best->ks, v.critical, v.n);
  }
  std::string why = v.best == nullptr ? "no family could be fitted"
                                      : fmt::format("the best by AIC, {}, has KS D {:.4f}, above the 5% critical value "
                                                    "{:.4f} for n = {}",
                                                    v.best->family, v.best->ks, v.critical, v.n);
  return fmt::format("no family fits: {}. Use the empirical distribution of the values instead ({} quantiles, KS D "
                     "{:.4f}):\n  {}\n",
                     why, empirical_points, empirical.ks, empirical.text);
}

}  // namespace portsim::calibration
