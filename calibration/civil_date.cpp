#include "calibration/civil_date.hpp"

#include <cstdio>

namespace portsim::calibration {

namespace {

/// Reads 1..`max_digits` digits at `pos` into `v`; false when there are none or more.
bool digits(std::string_view s, std::size_t& pos, std::size_t min_digits, std::size_t max_digits, int& v) {
  std::size_t n = 0;
  v = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    if (++n > max_digits) return false;
    v = v * 10 + (s[pos] - '0');
    ++pos;
  }
  return n >= min_digits;
}

bool separator(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

}  // namespace

int days_in_month(int year, int month) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : d[month - 1];
}

std::optional<CivilDate> parse_date(std::string_view s, DateForms forms) {
  CivilDate d;
  std::size_t pos = 0;
  bool ok = false;
  if (s.find('-') != std::string_view::npos) {
    ok = digits(s, pos, 4, 4, d.year) && separator(s, pos, '-') && digits(s, pos, 1, 2, d.month) &&
         separator(s, pos, '-') && digits(s, pos, 1, 2, d.day);
  } else if (forms == DateForms::IsoOrUs) {
    ok = digits(s, pos, 1, 2, d.month) && separator(s, pos, '/') && digits(s, pos, 1, 2, d.day) &&
         separator(s, pos, '/') && digits(s, pos, 4, 4, d.year);
  }
  if (!ok || pos != s.size()) return std::nullopt;
  if (d.year < min_year || d.year > max_year || d.month < 1 || d.month > 12) return std::nullopt;
  if (d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

std::string date_expectation(DateForms forms) {
  return std::string("a date yyyy-mm-dd") + (forms == DateForms::IsoOrUs ? " or m/d/yyyy" : "") + " (year " +
         std::to_string(min_year) + ".." + std::to_string(max_year) + ", month 1..12, a day of that month)" +
         (forms == DateForms::IsoOrSimulatedDay ? " or a simulated day day-N" : "");
}

bool is_simulated_day(std::string_view s) {
  constexpr std::string_view prefix = "day-";
  if (s.substr(0, prefix.size()) != prefix) return false;
  std::size_t pos = prefix.size();
  int day = 0;
  return digits(s, pos, 1, 6, day) && pos == s.size() && day >= 1;
}

std::string iso_text(const CivilDate& date) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

int weekday(const CivilDate& date) {
  // Sakamoto's method.
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  const int y = date.month < 3 ? date.year - 1 : date.year;
  return (y + y / 4 - y / 100 + y / 400 + t[date.month - 1] + date.day) % 7;
}

long day_number(const CivilDate& date) {
  // Howard Hinnant's days_from_civil.
  const long y = date.year - (date.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate date_of_day_number(long days) {
  // Howard Hinnant's civil_from_days.
  const long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

}  // namespace portsim::calibration
