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
};

/// Fits every family to positive observations (seconds), best AIC first. Throws std::invalid_argument
/// with fewer than 10 positive values.
std::vector<FamilyFit> fit_families(std::vector<double> x);

/// Reads one numeric column of a per-vehicle checkpoint log (calibration/README.md); throws
/// io::InputError naming the file and line of a malformed value.
std::vector<double> read_vehicle_column(const std::string& path, const std::string& column);

}  // namespace portsim::calibration
