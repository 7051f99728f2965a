// The one file that knows NLopt (STYLE.md section 12): bounded, derivative-free minimisation.
#pragma once

#include <functional>
#include <vector>

namespace portsim::calibration {

struct Minimum {
  std::vector<double> x;
  double value = 0;
  int evaluations = 0;
};

/// Minimises f over the box [low, high] from `start` with Subplex (NLopt LN_SBPLX: derivative-free and
/// robust to the small jumps a simulated objective has), at most
/// `max_evals` evaluations, relative x tolerance 1e-3.
Minimum minimise(const std::function<double(const std::vector<double>&)>& f, std::vector<double> start,
                 const std::vector<double>& low, const std::vector<double>& high, int max_evals);

}  // namespace portsim::calibration
