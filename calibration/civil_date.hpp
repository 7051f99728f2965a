// Calendar dates of the logs and of the --train/--test periods: one parser with range checks
// (year 1900..2100, month 1..12, a day that month has), the ISO text, day of week and day number.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portsim::calibration {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..days_in_month
};

inline constexpr int min_year = 1900;
inline constexpr int max_year = 2100;

/// The written forms a log may use: ISO (yyyy-mm-dd, also yyyy-m-d), also the US form (m/d/yyyy),
/// or also a simulated day's label (is_simulated_day: portsim's own hourly log).
enum class DateForms { Iso, IsoOrUs, IsoOrSimulatedDay };

/// The date `text` names: the whole text, digits only, the year in [min_year, max_year], the
/// month 1..12 and a day that month has (29 February only in leap years); nullopt otherwise (also
/// for a simulated day's label).
std::optional<CivilDate> parse_date(std::string_view text, DateForms forms = DateForms::Iso);

/// What `forms` accept, for messages: "a date yyyy-mm-dd (year 1900..2100, month 1..12, a day of
/// that month)", with "or m/d/yyyy" for IsoOrUs, "or a simulated day day-N" for IsoOrSimulatedDay.
std::string date_expectation(DateForms forms = DateForms::Iso);

/// A simulated day's label as `portsim run --hourly-log` writes it: "day-" and 1..6 digits, day 1
/// or later (day-001 is the first). Not a calendar date: it counts as a Sunday, like the
/// typical-day labels.
bool is_simulated_day(std::string_view text);

/// yyyy-mm-dd.
std::string iso_text(const CivilDate& date);

/// 28..31 (month 1..12).
int days_in_month(int year, int month);

/// Day of week, 0 = Sunday.
int weekday(const CivilDate& date);

/// Days since 1970-01-01.
long day_number(const CivilDate& date);

/// The date `days` after 1970-01-01 (the inverse of day_number).
CivilDate date_of_day_number(long days);

}  // namespace portsim::calibration
