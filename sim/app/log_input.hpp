// The calibration commands' way of reading a data file: the calibration log reader, with what it
// skipped or flagged reported on stderr (calibrate, predict, fit-lane-rates, scale-arrivals).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "calibration/hourly_log.hpp"

namespace portsim::app {

/// Reads `data` in `format` (calibration::read_log) and prints the row counts and the first ten
/// problems to stderr. Throws what read_log throws.
calibration::HourlyLog read_data(const std::string& data, const std::string& format, bool strict);

/// FROM..TO on the command line (`flag` names it in errors) as the log's dates (which compare as
/// text: ISO dates or simulated days' labels), FROM not after TO; io::InputError otherwise.
std::pair<std::string, std::string> parse_period(const std::string& text, const std::string& flag);

/// The rows of `log` (read from `data`) in `period` (its text `text`, given by `flag`); they must
/// hold an hour with an observed wait (for "--train": one not flagged inconsistent, as the fit
/// uses only those); io::InputError naming the flag otherwise.
std::vector<calibration::HourRow> period_rows(const calibration::HourlyLog& log, const std::string& data,
                                              const std::string& flag, const std::string& text,
                                              const std::pair<std::string, std::string>& period);

}  // namespace portsim::app
