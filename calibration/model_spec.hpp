// A calibration model: the booth-checkpoint parameters with bounds, the fit settings and, once
// calibrated, the base wait and forecast interval. Read and written by model_file.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calibration/base_wait_mode.hpp"
#include "calibration/boosted_trees.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

struct Parameter {
  std::string name;
  double start = 0;
  double low = 0;
  double high = 0;
  double sd = 0;  // bootstrap standard deviation (calibrated models)
};

/// One calibrated parameter of port::CheckpointParams: its model-file name, its field, whether a
/// model file may leave it out (its default turns the feature off) and the range its start, low
/// and high must lie in (the unit is in the name; with zero_is_off, 0 is allowed too and turns the
/// feature off, as low = high = 0). The ranges keep every simulated time, count and share finite
/// and meaningful; calibration/README.md lists them.
struct ParameterInfo {
  std::string_view name;
  double port::CheckpointParams::*field;
  bool optional;
  double min;
  double max;
  bool zero_is_off = false;
};

/// Every parameter a model file may give, in file order.
inline constexpr std::array<ParameterInfo, 11> parameter_table{{
    {"service_mean_s", &port::CheckpointParams::service_mean_s, false, 1, 3600},
    {"service_cv", &port::CheckpointParams::service_cv, false, 0.05, 3},
    {"batch_spread_min", &port::CheckpointParams::batch_spread_min, false, 0, 1440},
    {"walk_min", &port::CheckpointParams::walk_min, false, 0, 1440},
    {"opening_delay_min", &port::CheckpointParams::opening_delay_min, false, 0, 60},
    {"bypass_share", &port::CheckpointParams::bypass_share, true, 0, 1},
    {"extra_servers", &port::CheckpointParams::extra_servers, true, 0, 1000},
    {"max_utilisation", &port::CheckpointParams::max_utilisation, true, 0.1, 5, true},
    {"staffing_elasticity", &port::CheckpointParams::staffing_elasticity, true, 0.1, 3},
    {"open_above_min", &port::CheckpointParams::open_above_min, true, 0, 1440},
    {"close_below_min", &port::CheckpointParams::close_below_min, true, 0, 1440}}};

/// A model file: parameters with bounds (names and ranges in parameter_table), fit settings.
struct ModelSpec {
  std::string file;
  std::string name = "booth-checkpoint";
  std::uint64_t seed = 1;
  std::vector<Parameter> params;
  int starts = 4;
  int max_evals = 60;
  int sample_days = 60;
  int bootstrap = 8;
  int band_replications = 10;
  double weight_avg = 1.0;
  double weight_hist = 1.0;
  double weight_max = 0.2;
  double weight_hourly = 0.0;  // mean absolute hourly error of the average wait (min)
  /// fit.base_wait: Profile estimates a base wait by hour of week (Sunday 0h first) from the
  /// training residuals; None leaves it at zero; Boosted fits the parameters with the profile,
  /// then replaces the profile by boosted trees of the hour's inputs (base_wait_features) fitted to
  /// the residuals of all training hours (settings in fit.trees).
  BaseWaitMode base_wait_mode = BaseWaitMode::None;
  BoostSettings trees;
  int profile_replications = 3;
  std::vector<double> base_wait;  // 168 values (min) of a calibrated model, or empty
  BoostedTrees base_wait_trees;   // of a calibrated model ("boosted"), or empty; wins over base_wait
  /// fit.level_nowcast_days (boosted): add the median cross-fitted training error of the last this
  /// many days of training to the base wait (0: off); the calibrated model keeps it as
  /// base_wait_shift (min).
  int level_nowcast_days = 0;
  double base_wait_shift = 0;
  /// Of a calibrated model: the 5% and 95% quantiles (min) of the training hours' residuals
  /// (observed - point forecast); with the point forecast they give a 90% forecast interval that
  /// includes what the model does not explain, not only its random numbers. Empty: none.
  std::vector<double> forecast_residual_quantiles;
  std::string made_by;            // header of a calibrated model
};

/// The checkpoint parameters at the parameters' current values (`start`); fields not named keep
/// their defaults, names not in parameter_table are ignored.
port::CheckpointParams to_params(const std::vector<Parameter>& params);

}  // namespace portsim::calibration
