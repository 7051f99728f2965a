// Point-forecast errors of predicted against observed hourly waits.
#pragma once

#include <cstddef>
#include <vector>

namespace portsim::calibration {

struct Metrics {
  double mae = 0, rmse = 0, bias = 0, correlation = 0;
  double histogram_distance = -1;  // mean total-variation distance of bin shares (-1: no bins)
  double band_coverage = -1;       // share of observed hours inside the simulated 90% band
  double interval_coverage = -1;   // share inside the 90% forecast interval (-1: none)
  std::size_t hours = 0;
};

/// MAE, RMSE, bias (predicted - observed) and Pearson correlation (0 when either is constant).
Metrics metrics(const std::vector<double>& observed, const std::vector<double>& predicted);

}  // namespace portsim::calibration
