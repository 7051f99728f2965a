// Input modelling for per-vehicle logs: maximum-likelihood fits of service-time families
// (exponential, gamma, lognormal, weibull), ranked by AIC, with the Kolmogorov-Smirnov statistic.
#pragma once

#include <string>
#include <vector>

namespace portsim::calibration {

struct FamilyFit {
  std::string family;       // exponential, gamma, lognormal, weibull
  std::vector<double> parameters;  // exponential: mean; gamma: shape, scale; lognormal: mean, sd; weibull: shape, scale
  double log_likelihood = 0;
  double aic = 0;
  double ks = 0;            // sup |F_n - F|
  std::string text;         // the scenario-file form, e.g. "gamma(2.5, 31.2s)"
  std::string failure;      // why the family could not be fitted (then only `family` is set)
};

/// Fits every family (or only the family named `only`) to positive observations (seconds), best
/// AIC first, then the families whose fit broke down numerically (with `failure`). Throws
/// std::invalid_argument with fewer than 10 positive values, when they are all equal, or when no
/// family fits.
std::vector<FamilyFit> fit_families(std::vector<double> x, const std::string& only = "");

/// The fitted distribution function at x (seconds).
double family_cdf(const FamilyFit& f, double x);
/// The mean of the fitted distribution (seconds).
double family_mean(const FamilyFit& f);

/// The Kolmogorov-Smirnov statistic sup |F_n - F| of values the fit did not see, and its asymptotic
/// p-value (Kolmogorov's distribution with Stephens' small-sample correction).
struct HeldOutKs {
  double d = 0;
  double p_value = 1;
};
HeldOutKs held_out_ks(std::vector<double> x, const FamilyFit& f);

/// Times in a per-vehicle log are at most this many seconds (about 31 years of simulated time).
inline constexpr double max_log_seconds = 1e9;

/// Reads one numeric column of a per-vehicle checkpoint log (calibration/README.md): every value
/// a number of seconds in [0, max_log_seconds]; throws io::InputError naming the file, line,
/// column and field of a malformed value or row.
std::vector<double> read_vehicle_column(const std::string& path, const std::string& column);

}  // namespace portsim::calibration
