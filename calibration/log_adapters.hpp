// The adapters behind read_log (hourly_log.hpp): one reader per --format from the public file as
// it is to HourRow, and what they share: the report of a malformed row and the range checks of a
// row's fields, each with the file's line, the field's column and its header name.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "calibration/civil_date.hpp"
#include "calibration/hourly_log.hpp"

namespace portsim::calibration {

/// A log being read: problems, rows, and the header for field names.
struct LogReader {
  std::string path;
  bool strict = false;
  std::vector<std::string> header;
  HourlyLog log;
  std::size_t data_rows = 0;  // non-blank lines after the header
  /// Records a problem; `skip`: the row is malformed and skipped (with strict: thrown).
  void problem(int line, int column, const std::string& field, const std::string& reason, bool skip);
  /// The header's name of field `i` ("column N" past its end).
  std::string field_name(std::size_t i) const;
};

/// One data row: typed reads of its fields with range checks. The first field that fails is
/// reported as "<field>: expected <what>, got \"<text>\"" and marks the row malformed; later reads
/// of the row report nothing.
class RowFields {
 public:
  RowFields(LogReader& reader, int line, CsvLine csv) : r_(reader), line_(line), csv_(std::move(csv)) {}
  std::size_t size() const { return csv_.fields.size(); }
  const std::string& operator[](std::size_t i) const { return csv_.fields[i]; }
  bool ok() const { return ok_; }
  int line() const { return line_; }
  /// The character column of field `i` in its line (1-based).
  int column(std::size_t i) const { return csv_.columns[i]; }
  /// An integer in [min, max], or `unknown` (e.g. -1) when given.
  std::optional<std::int64_t> integer(std::size_t i, std::int64_t min, std::int64_t max,
                                      std::optional<std::int64_t> unknown = std::nullopt);
  /// A count of the hour in [0, limit] (or -1 with `unknown_allowed`) as an int.
  std::optional<int> count(std::size_t i, int limit, bool unknown_allowed = false);
  /// A wait in minutes in [0, max_wait_min] (or -1 with `unknown_allowed`).
  std::optional<double> wait(std::size_t i, bool unknown_allowed = false);
  /// A number in [min, max].
  std::optional<double> number(std::size_t i, double min, double max);
  /// A date in `forms`, as ISO text.
  std::optional<std::string> date(std::size_t i, DateForms forms, std::string_view text);
  /// Reports field `i` as "expected <what>" and marks the row malformed (skipped).
  void bad(std::size_t i, const std::string& what);
  /// Reports field `i` as "expected <what>" without skipping the row (the value is left unknown).
  void note(std::size_t i, const std::string& what);

 private:
  std::string got(std::size_t i, const std::string& what) const;
  LogReader& r_;
  int line_;
  CsvLine csv_;
  bool ok_ = true;
};

void read_cbp_awt(LogReader& r, std::istream& in);
/// Which series of SANDAG's observed file a reader takes.
enum class SandagSeries { CommercialNorthbound, PassengerNorthbound };
void read_sandag(LogReader& r, std::istream& in, SandagSeries series);
void read_bwt(LogReader& r, std::istream& in);
void read_cascade(LogReader& r, std::istream& in);
void read_hourly(LogReader& r, std::istream& in);

}  // namespace portsim::calibration
