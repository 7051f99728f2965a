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

/// Refuses (io::InputError at the file's header) a log with rows of more than one site: the
/// booth-checkpoint commands simulate one site's queue per day, and would pool the sites' hours.
void check_one_site(const calibration::HourlyLog& log, const std::string& data);

/// The --format flag's help: the formats calibration::read_log reads ("a, b or c").
std::string format_help();

/// FROM..TO on the command line (`flag` names it in errors) as the log's dates (which compare as
/// text: ISO dates or simulated days' labels), FROM not after TO; io::InputError otherwise.
std::pair<std::string, std::string> parse_period(const std::string& text, const std::string& flag);

using Period = std::pair<std::string, std::string>;

/// One or more periods FROM..TO separated by commas (2025-01-01..2025-03-31,2025-05-01..2025-12-31),
/// each as parse_period reads it, in order and not overlapping; io::InputError naming `flag`.
std::vector<Period> parse_periods(const std::string& text, const std::string& flag);

/// Refuses (io::InputError naming `flag`) a held-out period `test` (its text `test_text`) that
/// overlaps one of the training periods (`train_text`): its scores would include fitted hours.
void check_held_out(const std::vector<Period>& train, const std::string& train_text, const Period& test,
                    const std::string& test_text, const std::string& flag);

/// The rows of `log` (read from `data`) in the periods (their text `text`, given by `flag`), in
/// period order, or every row when `periods` is empty; they must hold an hour with an observed wait (for "--train": one not flagged
/// inconsistent, as the fit uses only those); io::InputError naming the flag otherwise.
std::vector<calibration::HourRow> period_rows(const calibration::HourlyLog& log, const std::string& data,
                                              const std::string& flag, const std::string& text,
                                              const std::vector<Period>& periods);

}  // namespace portsim::app
