// The validation report of a calibrated model on a held-out period: report.md (parameters, base
// wait, the comparison with every baseline of baseline_comparison.hpp, band and interval
// coverage), predictions.csv, metrics.csv and plots.
#pragma once

#include <string>
#include <vector>

#include "calibration/fit.hpp"
#include "calibration/hourly_log.hpp"
#include "calibration/metrics.hpp"
#include "calibration/model_spec.hpp"
#include "calibration/predict.hpp"

namespace portsim::calibration {

/// The simulation's errors on the held-out hours with an observed wait, with the share inside the
/// simulated band, the share inside the forecast interval and the mean histogram distance.
Metrics held_out_metrics(const std::vector<Prediction>& test);

/// Within this share of its range from a bound, a calibrated parameter is flagged "near" it.
inline constexpr double bound_margin = 0.02;

/// "at the lower bound", "near the upper bound" (within bound_margin of the range), "fixed"
/// (low = high), or "": the note report.md gives each calibrated parameter.
std::string bound_note(const Parameter& p);

/// Writes report.md, predictions.csv, metrics.csv and plots into `out` for a held-out period; a
/// model with a learned base wait is also predicted without it (`jobs` threads), the queue alone.
void write_validation_report(const std::string& out, const ModelSpec& model, const FitResult* fit,
                             const std::vector<HourRow>& train, const std::vector<Prediction>& test, unsigned jobs,
                             const std::string& command_line, const std::string& data_note);

/// The model without its learned base wait (trees, profile and level shift removed): the queue alone.
ModelSpec without_base_wait(ModelSpec model);

}  // namespace portsim::calibration
