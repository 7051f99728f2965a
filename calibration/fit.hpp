// The fit: the parameters that are not fixed minimised by NLopt (nlopt_driver.hpp) over the
// objective on a fixed sample of training days, multi-start, alternating with the base-wait
// profile (BaseWaitMode::Profile and Boosted); bootstrap over days for the parameters' standard
// deviations; then the boosted base wait and the 90% forecast interval.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "calibration/hourly_log.hpp"
#include "calibration/model_spec.hpp"

namespace portsim::calibration {

struct FitResult {
  ModelSpec calibrated;
  double objective = 0;
  int evaluations = 0;
  std::vector<double> start_objectives;
};

/// Fits the model to the training rows (grouped by day). `progress` gets a line per start.
FitResult fit(const ModelSpec& spec, const std::vector<HourRow>& train, unsigned jobs,
              const std::function<void(const std::string&)>& progress);

}  // namespace portsim::calibration
