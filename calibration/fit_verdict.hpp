// Whether a fitted family fits at all: the Kolmogorov-Smirnov statistic of the best fit against
// the 5% critical value for the sample size, and, when no family passes, the empirical
// distribution of the values in the scenario file's form (so fit-service never names a "best fit"
// that the data reject).
#pragma once

#include <string>
#include <vector>

#include "calibration/input_model.hpp"

namespace portsim::calibration {

/// Quantiles in the empirical form fit-service offers.
inline constexpr std::size_t empirical_points = 40;

/// The asymptotic 5% critical value of the KS statistic, 1.358 / sqrt(n). With parameters
/// estimated from the same data the exact value is smaller (Lilliefors), so a family above it
/// is rejected for certain; one below it may still be rejected by the exact test.
double ks_critical_5pct(std::size_t n);

struct EmpiricalFit {
  std::string text;  // "empirical(12.5s, 14.0s, ...)": the quantiles at (i + 0.5) / points, to 0.1 s
  double ks = 0;     // its KS statistic against the values
};

/// The empirical distribution of the positive, finite values as `points` equally likely quantiles.
/// Precondition: at least one such value.
EmpiricalFit empirical_fit(std::vector<double> x, std::size_t points = empirical_points);

struct FitVerdict {
  bool fits = false;          // the best (lowest-AIC) family passes the KS check
  const FamilyFit* best = nullptr;  // lowest AIC among the fitted families
  double critical = 0;        // ks_critical_5pct(n)
  std::size_t n = 0;
};

/// The verdict on `fits` (fit_families' result) for n values.
FitVerdict fit_verdict(const std::vector<FamilyFit>& fits, std::size_t n);

/// The lines fit-service prints after its table: the fit to use, or that none fits and the
/// empirical distribution to use instead.
std::string verdict_text(const FitVerdict& v, const EmpiricalFit& empirical);

}  // namespace portsim::calibration
