#include "calibration/log_adapters.hpp"

#include <algorithm>
#include <cstdio>

#include "sim/io/input_error.hpp"
#include "sim/port/checkpoint.hpp"

namespace portsim::calibration {

namespace {

using port::max_hour_arrivals;
using port::max_hour_batches;
using port::max_hour_servers;

std::string g(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

std::string integer_range(std::int64_t min, std::int64_t max, std::optional<std::int64_t> unknown) {
  const std::string range = "an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "]";
  return unknown ? std::to_string(*unknown) + " (unknown) or " + range : range;
}

std::string wait_range(bool unknown_allowed) {
  const std::string range = "a wait in minutes in [0, " + g(max_wait_min) + "]";
  return unknown_allowed ? "-1 (unknown) or " + range : range;
}

/// "0000 - 0100" or "5" to the start hour; -1 on failure.
int hour_of(const std::string& s) {
  int h = -1;
  if (s.size() >= 4 && s.find('-') != std::string::npos) {
    if (!to_int(s.substr(0, 4), h)) return -1;
    h /= 100;
  } else if (!to_int(s, h)) {
    return -1;
  }
  return h >= 0 && h <= 23 ? h : -1;
}

void check_header(const LogReader& r, const std::vector<std::string>& want, const std::string& format) {
  if (r.header.size() >= want.size() && std::equal(want.begin(), want.end(), r.header.begin())) return;
  std::string w;
  for (const auto& x : want) w += (w.empty() ? "" : ",") + x;
  throw io::InputError({io::InputProblem{r.path, 1, 1, "", "the header does not match --format " + format + "; expected " + w}});
}

}  // namespace

void LogReader::problem(int line, int column, const std::string& field, const std::string& reason, bool skip) {
  log.problems.push_back({path, line, column, field, reason});
  if (skip) ++log.skipped;
  if (strict && skip) {
    throw io::InputError({io::InputProblem{path, line, column, field, reason + " (--strict: malformed rows are fatal)"}});
  }
}

std::string LogReader::field_name(std::size_t i) const {
  return i < header.size() && !header[i].empty() ? header[i] : "column " + std::to_string(i + 1);
}

std::string RowFields::got(std::size_t i, const std::string& what) const {
  return "expected " + what + ", got \"" + csv_.fields[i] + "\"";
}

void RowFields::bad(std::size_t i, const std::string& what) {
  if (!ok_) return;
  ok_ = false;
  r_.problem(line_, csv_.columns[i], r_.field_name(i), got(i, what), true);
}

void RowFields::note(std::size_t i, const std::string& what) {
  if (!ok_) return;
  r_.problem(line_, csv_.columns[i], r_.field_name(i), got(i, what) + "; the row is kept with it unknown", false);
}

std::optional<std::int64_t> RowFields::integer(std::size_t i, std::int64_t min, std::int64_t max,
                                               std::optional<std::int64_t> unknown) {
  if (!ok_) return std::nullopt;
  std::int64_t v = 0;
  if (to_integer(csv_.fields[i], min, max, v) || (unknown && to_integer(csv_.fields[i], *unknown, *unknown, v))) return v;
  bad(i, integer_range(min, max, unknown));
  return std::nullopt;
}

std::optional<int> RowFields::count(std::size_t i, int limit, bool unknown_allowed) {
  const auto v = integer(i, 0, limit, unknown_allowed ? std::optional<std::int64_t>(-1) : std::nullopt);
  if (!v) return std::nullopt;
  return static_cast<int>(*v);
}

std::optional<double> RowFields::wait(std::size_t i, bool unknown_allowed) {
  if (!ok_) return std::nullopt;
  double v = 0;
  if (to_double(csv_.fields[i], v) && ((v >= 0 && v <= max_wait_min) || (unknown_allowed && v == -1))) return v;
  bad(i, wait_range(unknown_allowed));
  return std::nullopt;
}

std::optional<double> RowFields::number(std::size_t i, double min, double max) {
  if (!ok_) return std::nullopt;
  double v = 0;
  if (to_double(csv_.fields[i], v) && v >= min && v <= max) return v;
  bad(i, "a number in [" + g(min) + ", " + g(max) + "]");
  return std::nullopt;
}

std::optional<std::string> RowFields::date(std::size_t i, DateForms forms, std::string_view text) {
  if (!ok_) return std::nullopt;
  if (const auto d = parse_date(text, forms)) return iso_text(*d);
  if (forms == DateForms::IsoOrSimulatedDay && is_simulated_day(text)) return std::string(text);
  bad(i, date_expectation(forms));
  return std::nullopt;
}

// CBP AWT: three header styles with the same 21 columns.
void read_cbp_awt(LogReader& r, std::istream& in) {
  if (!(r.header.size() >= 21 && (r.header[0] == "airport" || r.header[0] == "Airport"))) {
    throw io::InputError({io::InputProblem{r.path, 1, 1, "", "the header does not match --format cbp-awt (expected "
                                                             "CBP Airport Wait Times columns: Airport, Terminal, Date, "
                                                             "Hour, ... Total, Flights, Booths)"}});
  }
  std::string line;
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty()) continue;
    ++r.data_rows;
    RowFields f(r, n, split_csv_line(line));
    if (f.size() < 21) {
      r.problem(n, 0, "", "expected 21 fields, got " + std::to_string(f.size()), true);
      continue;
    }
    HourRow row;
    row.line = n;
    row.site = f[0] + " " + f[1];
    const auto date = f.date(2, DateForms::IsoOrUs, f[2]);
    const int hour = f.ok() ? hour_of(f[3]) : 0;
    if (hour < 0) f.bad(3, "an hour 0..23 or \"HHMM - HHMM\"");
    const auto avg = f.wait(8), mx = f.wait(9);
    std::int64_t sum = 0;
    for (std::size_t b = 0; b < 7; ++b) {
      if (const auto x = f.count(10 + b, max_hour_arrivals)) {
        row.bins[b] = *x;
        sum += *x;
      }
    }
    const auto excluded = f.count(17, max_hour_arrivals), total = f.count(18, max_hour_arrivals);
    const auto flights = f.count(19, max_hour_batches), booths = f.count(20, max_hour_servers);
    if (!f.ok()) continue;
    row.date = *date;
    row.hour_start = hour;
    row.avg_wait_min = *avg;
    row.max_wait_min = *mx;
    row.has_bins = true;
    row.excluded = *excluded;
    row.arrivals = *total;
    row.batches = *flights;
    row.servers = *booths;
    if (row.servers == 0) {
      r.problem(n, 0, "", "0 booths for " + std::to_string(row.arrivals) + " passengers", true);
      continue;
    }
    if (sum + row.excluded != row.arrivals) {
      row.inconsistent = true;
      ++r.log.inconsistent;
      r.problem(n, 0, "", "inconsistent: wait bins (" + std::to_string(sum) + ") + excluded (" + std::to_string(row.excluded) +
                              ") != total (" + std::to_string(row.arrivals) + "); kept, flagged",
                false);
    }
    r.log.rows.push_back(row);
  }
}

// SANDAG observed volumes per hour (a typical 2017 weekday): Otay Mesa commercial northbound
// (sandag-poe), or every northbound passenger series of both ports (sandag-passenger: site
// "<port> passenger <traveller type> NB", with the booths open and CBP's average wait).
void read_sandag(LogReader& r, std::istream& in, SandagSeries series) {
  const bool passenger = series == SandagSeries::PassengerNorthbound;
  const std::string format = passenger ? "sandag-passenger" : "sandag-poe";
  check_header(r, {"hour", "port_name", "direction", "vehicle_type", "traveler_type", "volume", "open_lanes"}, format);
  std::string line;
  for (int n = 2; std::getline(in, line); ++n) {
    ++r.data_rows;
    RowFields f(r, n, split_csv_line(line));
    if (f.size() < 8) {
      r.problem(n, 0, "", "expected at least 8 fields, got " + std::to_string(f.size()), true);
      continue;
    }
    if (f[2] != "Northbound") continue;
    if (passenger ? f[3] != "Passenger" : (f[1] != "Otay Mesa" || f[3] != "Commercial")) continue;
    const auto hour = f.integer(0, 1, 24);
    const auto volume = f.number(5, 0, max_hour_arrivals);
    if (!f.ok()) continue;
    if (passenger && f[4].empty()) {
      f.bad(4, "a traveller type (General, Ready, SENTRI)");
      continue;
    }
    HourRow row;
    row.line = n;
    row.site = passenger ? f[1] + " passenger " + f[4] + " NB" : "Otay Mesa commercial NB";
    row.date = "2017-typical-weekday";
    row.hour_start = static_cast<int>(*hour) - 1;  // SANDAG hour 1 = 00:00-01:00
    row.arrivals = static_cast<int>(*volume + 0.5);
    std::int64_t lanes = -1;
    if (!f[6].empty() && !to_integer(f[6], 0, max_hour_servers, lanes)) {
      if (passenger) {
        f.bad(6, integer_range(0, max_hour_servers, std::nullopt) + " (booths open)");
        continue;
      }
      f.note(6, integer_range(0, max_hour_servers, std::nullopt) + " or empty (unknown)");
    }
    if (passenger && f[6].empty()) {
      f.bad(6, integer_range(0, max_hour_servers, std::nullopt) + " (booths open; northbound passenger rows carry them)");
      continue;
    }
    row.servers = static_cast<int>(lanes);
    double wait = -1;
    if (!f[7].empty() && !(to_double(f[7], wait) && wait >= 0 && wait <= max_wait_min)) {
      wait = -1;
      if (passenger) {
        f.bad(7, wait_range(false) + " (CBP's average wait) or empty");
        continue;
      }
      f.note(7, wait_range(false) + " or empty (unknown)");
    }
    row.avg_wait_min = wait;
    if (passenger && row.servers == 0) {
      // A closed lane: its wait is not observed, and what SANDAG's averaging left as volume (about
      // one vehicle at Otay Mesa SENTRI at night) cannot have been processed.
      row.avg_wait_min = -1;
      if (row.arrivals > 0) {
        r.problem(n, f.column(5), r.field_name(5),
                  "a volume of " + f[5] + " with no booth open; kept as 0 vehicles (a closed lane processes none)", false);
        row.arrivals = 0;
      }
    }
    r.log.rows.push_back(row);
  }
}

// CBP border wait times, typical wait by month x weekday x hour (El Paso).
void read_bwt(LogReader& r, std::istream& in) {
  check_header(r, {"port", "lane", "sub_lane", "month", "weekday", "hour_start", "avg_wait_min"}, "cbp-bwt");
  std::string line;
  for (int n = 2; std::getline(in, line); ++n) {
    ++r.data_rows;
    RowFields f(r, n, split_csv_line(line));
    if (f.size() < 7) {
      r.problem(n, 0, "", "expected 7 fields, got " + std::to_string(f.size()), true);
      continue;
    }
    const auto hour = f.integer(5, 0, 23);
    if (!f.ok()) continue;
    if (f[6].empty()) continue;  // lane closed: no data (documented in SOURCE.md)
    const auto wait = f.wait(6);
    if (!f.ok()) continue;
    HourRow row;
    row.line = n;
    row.site = f[0] + " " + f[1] + " " + f[2];
    row.date = f[3] + "-" + f[4];
    row.hour_start = static_cast<int>(*hour);
    row.avg_wait_min = *wait;
    r.log.rows.push_back(row);
  }
}

// Cascade Gateway daily counts: one row per crossing and day; arrivals = trucks that day. A bad
// count skips that crossing's day only.
void read_cascade(LogReader& r, std::istream& in) {
  if (r.header.size() < 2) throw io::InputError({io::InputProblem{r.path, 1, 1, "", "the header does not match --format cascade"}});
  std::string line;
  for (int n = 2; std::getline(in, line); ++n) {
    ++r.data_rows;
    const CsvLine csv = split_csv_line(line);
    RowFields f(r, n, csv);
    if (f.size() < 2) {
      r.problem(n, 0, "", "expected a date and counts", true);
      continue;
    }
    const auto date = f.date(0, DateForms::IsoOrUs, std::string_view(f[0]).substr(0, f[0].find(' ')));
    if (!date) continue;
    for (std::size_t c = 1; c < f.size() && c < r.header.size(); ++c) {
      double v = 0;
      if (f[c].empty()) continue;
      if (!to_double(f[c], v) || v < 0 || v > max_hour_arrivals) {
        r.problem(n, csv.columns[c], r.field_name(c),
                  "expected a count in [0, " + std::to_string(max_hour_arrivals) + "], got \"" + f[c] + "\"", true);
        continue;
      }
      HourRow row;
      row.line = n;
      row.site = r.header[c];
      row.date = *date;
      row.hour_start = 0;
      row.arrivals = static_cast<int>(v + 0.5);
      r.log.rows.push_back(row);
    }
  }
}

// The canonical schema.
void read_hourly(LogReader& r, std::istream& in) {
  check_header(r,
               {"site", "date", "hour_start", "arrivals", "servers", "batches", "avg_wait_min", "max_wait_min", "bin_0_15",
                "bin_16_30", "bin_31_45", "bin_46_60", "bin_61_90", "bin_91_120", "bin_120_plus", "excluded"},
               "hourly");
  std::string line;
  for (int n = 2; std::getline(in, line); ++n) {
    ++r.data_rows;
    RowFields f(r, n, split_csv_line(line));
    if (f.size() < 16) {
      r.problem(n, 0, "", "expected 16 fields, got " + std::to_string(f.size()), true);
      continue;
    }
    HourRow row;
    row.line = n;
    row.site = f[0];
    const auto date = f.date(1, DateForms::IsoOrSimulatedDay, f[1]);
    const auto hour = f.integer(2, 0, 23);
    const auto arrivals = f.count(3, max_hour_arrivals, true), servers = f.count(4, max_hour_servers, true);
    const auto batches = f.count(5, max_hour_batches);
    const auto avg = f.wait(6, true), mx = f.wait(7, true);
    std::size_t empty_bins = 0;
    for (std::size_t b = 0; b < 7; ++b) empty_bins += f[8 + b].empty() ? 1U : 0U;
    row.has_bins = empty_bins == 0;
    for (std::size_t b = 0; b < 7 && empty_bins < 7; ++b) {
      if (f[8 + b].empty()) f.bad(8 + b, integer_range(0, max_hour_arrivals, std::nullopt) + " like the other bins (all seven or none)");
      else if (const auto x = f.count(8 + b, max_hour_arrivals)) row.bins[b] = *x;
    }
    const auto excluded = f.count(15, max_hour_arrivals);
    if (!f.ok()) continue;
    row.date = *date;
    row.hour_start = static_cast<int>(*hour);
    row.arrivals = *arrivals;
    row.servers = *servers;
    row.batches = *batches;
    row.avg_wait_min = *avg;
    row.max_wait_min = *mx;
    row.excluded = *excluded;
    r.log.rows.push_back(row);
  }
}

}  // namespace portsim::calibration
