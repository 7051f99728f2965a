// The model file (calibration/models/*.yaml) and the calibrated model (calibrated.yaml): one
// reader for both, with file:line:col for every problem, and the writer whose output reads back
// exactly (parameters, trees, shift and interval to 17 digits).
#pragma once

#include <string>

#include "calibration/model_spec.hpp"

namespace portsim::calibration {

/// Reads a model file; throws io::InputError with file:line for every problem.
ModelSpec read_model(const std::string& path);
/// The calibrated model as YAML (parameters at their fitted values, with bootstrap sd).
std::string write_model(const ModelSpec& spec);

}  // namespace portsim::calibration
