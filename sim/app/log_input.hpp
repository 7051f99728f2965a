// The calibration commands' way of reading a data file: the calibration log reader, with what it
// skipped or flagged reported on stderr (calibrate, predict, fit-lane-rates, scale-arrivals).
#pragma once

#include <string>

#include "calibration/hourly_log.hpp"

namespace portsim::app {

/// Reads `data` in `format` (calibration::read_log) and prints the row counts and the first ten
/// problems to stderr. Throws what read_log throws.
calibration::HourlyLog read_data(const std::string& data, const std::string& format, bool strict);

}  // namespace portsim::app
