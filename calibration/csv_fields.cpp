#include "calibration/csv_fields.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace portsim::calibration {

CsvLine split_csv_line(const std::string& line) {
  CsvLine out;
  std::string cur;
  bool quoted = false;
  out.columns.push_back(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.fields.push_back(cur);
      out.columns.push_back(static_cast<int>(i) + 2);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.fields.push_back(cur);
  return out;
}

std::vector<std::string> split_csv(const std::string& line) { return split_csv_line(line).fields; }

bool to_integer(std::string_view s, std::int64_t min, std::int64_t max, std::int64_t& v) {
  std::int64_t x = 0;
  const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), x);
  if (s.empty() || error != std::errc() || end != s.data() + s.size() || x < min || x > max) return false;
  v = x;
  return true;
}

bool to_int(const std::string& s, int& v) {
  std::int64_t x = 0;
  if (!to_integer(s, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), x)) return false;
  v = static_cast<int>(x);
  return true;
}

bool to_double(const std::string& s, double& v) {
  if (s.empty()) return false;
  try {
    std::size_t used = 0;
    const double x = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(x)) return false;
    v = x;
    return true;
  } catch (const std::logic_error&) {  // invalid_argument, out_of_range
    return false;
  }
}

}  // namespace portsim::calibration
