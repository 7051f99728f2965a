// Real checkpoint logs in one canonical hourly schema (calibration/README.md), read from the public
// files as they are by adapters. Malformed rows are reported with file, line and reason, counted,
// and skipped (or fatal with strict); inconsistent rows are flagged, never silently used as is.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace portsim::calibration {

/// One hour at one site: the canonical hourly aggregate log row.
struct HourRow {
  std::string site;
  std::string date;       // ISO yyyy-mm-dd (or a label for typical-day data, e.g. "typical-weekday")
  int hour_start = 0;     // 0..23 local time
  int arrivals = -1;      // processed in the hour (-1 unknown)
  int servers = -1;       // booths / lanes open (-1 unknown)
  int batches = 0;        // arrival batches (flights), 0 = none
  double avg_wait_min = -1;  // -1 unknown
  double max_wait_min = -1;
  std::array<int, 7> bins{};  // waits 0-15, 16-30, 31-45, 46-60, 61-90, 91-120, >120 min (-1: unknown)
  bool has_bins = false;
  int excluded = 0;
  bool inconsistent = false;  // flagged: bins + excluded != total
  int line = 0;               // source line
};

struct LogProblem {
  std::string file;
  int line = 0;
  std::string reason;
  std::string format() const { return file + ":" + std::to_string(line) + ": " + reason; }
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
/// does not match the format, or (strict) the first malformed row.
HourlyLog read_log(const std::string& path, const std::string& format, bool strict = false);

/// The canonical schema as CSV.
std::string write_hourly_csv(const std::vector<HourRow>& rows);

/// Rows with date in [from, to] (ISO dates compare as text).
std::vector<HourRow> select_dates(const std::vector<HourRow>& rows, const std::string& from, const std::string& to);

/// CSV helpers shared by the adapters: one line split on commas (double-quoted fields may hold
/// commas and "" quotes; CR dropped); whole-string integer and number parses.
std::vector<std::string> split_csv(const std::string& line);
bool to_int(const std::string& s, int& v);
bool to_double(const std::string& s, double& v);

/// Day of week (0 = Sunday) of an ISO date.
int weekday(const std::string& iso_date);
/// Days since 1970-01-01 of an ISO date (0 when it does not parse).
long day_number(const std::string& iso_date);
/// Groups rows by date (dates in order), hours in order within a day.
std::vector<std::vector<HourRow>> by_day(const std::vector<HourRow>& rows);

}  // namespace portsim::calibration
