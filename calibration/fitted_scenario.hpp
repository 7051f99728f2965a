// The result of `portsim fit-port` as a scenario file: it `extends` the planner's scenario and sets
// only the fitted values, each with its CI and held-out check in a comment, and the log's name in
// the header, so that `portsim run` runs the terminal the log describes.
#pragma once

#include <string>

#include "calibration/port_fit.hpp"

namespace portsim::calibration {

/// The YAML text of the fitted scenario. `extends` is the path of the planner's scenario as the
/// fitted file will name it (relative to the fitted file's folder); `name` the fitted scenario's.
std::string fitted_scenario_yaml(const PortFit& fit, const TruckLog& log, const std::string& extends,
                                 const std::string& name);

/// A plain-text report of the fit: every value, its CI and its held-out check (for stdout).
std::string port_fit_report(const PortFit& fit, const TruckLog& log);

}  // namespace portsim::calibration
