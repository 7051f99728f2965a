// Real checkpoint logs in one canonical hourly schema (calibration/README.md), read from the public
// files as they are by adapters (log_adapters.cpp). Malformed rows (a field that does not parse or
// lies outside its range) are reported with file, line, column and field, counted, and skipped (or
// fatal with strict); inconsistent rows are flagged, never silently used as is. A file with the
// same hour twice, or without one usable row, is an error.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "calibration/csv_fields.hpp"

namespace portsim::calibration {

/// One hour at one site: the canonical hourly aggregate log row.
struct HourRow {
  std::string site;
  std::string date;       // ISO yyyy-mm-dd (civil_date.hpp), or a label: a typical day
                          // ("2017-typical-weekday" from sandag-poe, "January-Monday" from cbp-bwt)
                          // or a simulated day ("day-001" from portsim run --hourly-log)
  int hour_start = 0;     // 0..23 local time
  int arrivals = -1;      // processed in the hour (-1 unknown), at most port::max_hour_arrivals
  int servers = -1;       // booths / lanes open (-1 unknown), at most port::max_hour_servers
  int batches = 0;        // arrival batches (flights), 0 = none, at most port::max_hour_batches
  double avg_wait_min = -1;  // -1 unknown
  double max_wait_min = -1;
  std::array<int, 7> bins{};  // waits 0-15, 16-30, 31-45, 46-60, 61-90, 91-120, >120 min
  bool has_bins = false;      // false: the log gives no bins
  int excluded = 0;
  bool inconsistent = false;  // flagged: bins + excluded != total
  int line = 0;               // source line
};

/// Waits in a log (average, maximum) are at most a day.
inline constexpr double max_wait_min = 1440;

struct LogProblem {
  std::string file;
  int line = 0;
  int column = 0;     // 1-based character column of the field, 0 for the whole row
  std::string field;  // the column's name in the file's header, empty for the whole row
  std::string reason;
  /// "file:line[:column]: [field: ]reason"
  std::string format() const;
};

struct HourlyLog {
  std::vector<HourRow> rows;
  std::vector<LogProblem> problems;  // malformed rows (skipped) and flags
  std::size_t skipped = 0;
  std::size_t inconsistent = 0;
};

/// The formats understood: cbp-awt (CBP Airport Wait Times: the merged CSV and CBP's original
/// export), sandag-poe (SANDAG Otay Mesa observed hourly volumes + poe rates), cbp-bwt (CBP border
/// wait times typical profile), cascade (Cascade Gateway daily truck counts), hourly (the canonical
/// schema as written by write_hourly_csv).
const std::vector<std::string>& formats();

/// Reads a log; throws io::InputError for an unreadable file, an unknown format, a header that
/// does not match the format, (strict) the first malformed row, an hour of a site given twice
/// (naming both lines) or a file without a usable row (with its malformed rows' problems).
HourlyLog read_log(const std::string& path, const std::string& format, bool strict = false);

/// The canonical schema as CSV.
std::string write_hourly_csv(const std::vector<HourRow>& rows);

/// Rows with date in [from, to] (ISO dates compare as text).
std::vector<HourRow> select_dates(const std::vector<HourRow>& rows, const std::string& from, const std::string& to);

/// Day of week (0 = Sunday) of an ISO date (0 for a typical-day label).
int weekday(const std::string& iso_date);
/// Days since 1970-01-01 of an ISO date (0 for a typical-day label).
long day_number(const std::string& iso_date);
/// Groups rows by date (dates in order), hours in order within a day.
std::vector<std::vector<HourRow>> by_day(const std::vector<HourRow>& rows);

}  // namespace portsim::calibration
