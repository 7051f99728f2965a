// The CSV fields of the calibration's log readers: a line split into fields with the column each
// starts at (for file:line:col messages), and whole-field parses that cannot overflow or let
// "nan" and "inf" through.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace portsim::calibration {

/// One CSV line: double-quoted fields may hold commas and "" quotes; CR is dropped.
struct CsvLine {
  std::vector<std::string> fields;
  std::vector<int> columns;  // 1-based character column where each field starts
};
CsvLine split_csv_line(const std::string& line);

/// The fields of split_csv_line.
std::vector<std::string> split_csv(const std::string& line);

/// The whole field as an integer in [min, max] (64-bit arithmetic: no overflow, however long the
/// text); false otherwise.
bool to_integer(std::string_view s, std::int64_t min, std::int64_t max, std::int64_t& v);
/// The whole field as an int (to_integer over the int range).
bool to_int(const std::string& s, int& v);
/// The whole field as a finite number ("nan", "inf" and overflowing text are not numbers).
bool to_double(const std::string& s, double& v);

}  // namespace portsim::calibration
