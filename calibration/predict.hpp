// Prediction: a (calibrated) model driven by each row's inputs (arrivals, batches, servers),
// replications from the model's seed under common random numbers, one prediction per row.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "calibration/hourly_log.hpp"
#include "calibration/model_spec.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

struct Prediction {
  HourRow observed;
  double sim_avg = 0;       // median over replications of the hour's simulated average wait (the
                            // point forecast that minimises the expected absolute error)
  double sim_mean = 0;      // mean over replications
  double sim_low = 0;       // 5th percentile over replications
  double sim_high = 0;      // 95th percentile
  double forecast_low = -1;   // the 90% forecast interval (model.forecast_residual_quantiles), -1: none
  double forecast_high = -1;
  double sim_max = 0;       // mean over replications of the hour's maximum wait
  std::array<double, 7> sim_share{};  // share of waits per bin (mean over replications)
};

/// The prediction of output `k` of each replication's day (`sims`): median, mean, 5th and 95th
/// percentiles of the hour's average wait, mean maximum and mean bin shares (no forecast interval).
Prediction summarize_replications(const HourRow& observed, const std::vector<std::vector<port::HourOutput>>& sims,
                                  std::size_t k);

/// Drives the model with each row's inputs (arrivals, batches, servers), max(2, band_replications)
/// replications from the model's seed: one prediction per input row, in input order.
std::vector<Prediction> predict(const ModelSpec& model, const std::vector<HourRow>& rows, unsigned jobs);

/// The predictions as CSV (predictions.csv of the validation report and of `portsim predict`).
std::string predictions_csv(const std::vector<Prediction>& p);

}  // namespace portsim::calibration
