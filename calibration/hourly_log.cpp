#include "calibration/hourly_log.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "calibration/civil_date.hpp"
#include "calibration/log_adapters.hpp"
#include "sim/io/input_error.hpp"

namespace portsim::calibration {

namespace {

/// The problems shown with a fatal error about the whole file.
constexpr std::size_t problems_shown = 10;

io::InputProblem as_input_problem(const LogProblem& p) { return {p.file, p.line, p.column, p.field, p.reason}; }

/// One row per site and hour: a second row of an hour is an error naming both lines.
void check_duplicate_hours(const LogReader& r) {
  std::map<std::tuple<std::string, std::string, int>, int> first_line;
  std::vector<io::InputProblem> problems;
  std::size_t duplicates = 0;
  for (const auto& row : r.log.rows) {
    const auto [it, inserted] = first_line.emplace(std::tuple{row.site, row.date, row.hour_start}, row.line);
    if (inserted) continue;
    if (++duplicates > problems_shown) continue;
    problems.push_back({r.path, row.line, 0, "",
                        "site \"" + row.site + "\", date " + row.date + ", hour " + std::to_string(row.hour_start) +
                            " is given twice: on line " + std::to_string(it->second) + " and on line " +
                            std::to_string(row.line) + " (one row per site and hour)"});
  }
  if (duplicates > problems_shown) {
    problems.push_back({r.path, 0, 0, "", "... and " + std::to_string(duplicates - problems_shown) + " more duplicated hours"});
  }
  if (!problems.empty()) throw io::InputError(problems);
}

/// An error about the whole file (at `line`, by default its header), after the problems of its rows (the first
/// few) that led to it.
[[noreturn]] void fail_with_problems(const LogReader& r, const std::string& message, int line = 1) {
  std::vector<io::InputProblem> problems;
  for (const auto& p : r.log.problems) {
    if (problems.size() < problems_shown) problems.push_back(as_input_problem(p));
  }
  problems.push_back({r.path, line, line > 0 ? 1 : 0, "", message});
  throw io::InputError(problems);
}

/// "(above)" or "(the first 10 above)" for the problems fail_with_problems shows.
std::string shown_above(const LogReader& r) {
  return r.log.problems.size() > problems_shown ? "the first " + std::to_string(problems_shown) + " above" : "above";
}

/// "3 malformed rows skipped: above" for the problems fail_with_problems shows.
std::string skipped_rows(const LogReader& r) {
  return std::to_string(r.log.skipped) + " malformed row" + (r.log.skipped == 1 ? "" : "s") + " skipped: " + shown_above(r);
}

/// A log without a usable row is an error, with the problems that left it empty.
void check_some_rows(const LogReader& r) {
  if (!r.log.rows.empty()) return;
  const std::size_t n = r.data_rows;
  if (n == 0) fail_with_problems(r, "no usable row: no data rows after the header");
  if (r.log.skipped == n) {
    fail_with_problems(r, n == 1 ? "no usable row: its one data row is malformed (above)"
                                 : "no usable row: all " + std::to_string(n) + " data rows are malformed (" + shown_above(r) + ")");
  }
  fail_with_problems(r, "no usable row among its " + std::to_string(n) + " data row" + (n == 1 ? "" : "s") +
                            (r.log.skipped > 0 ? " (" + skipped_rows(r) + ")" : ""));
}

/// The SANDAG formats are one typical weekday: every hour 1..24 once per series (a missing hour
/// would count as no vehicles).
void check_whole_day(const LogReader& r, const std::string& format) {
  std::map<std::string, std::array<bool, 24>> seen;
  for (const auto& row : r.log.rows) seen[row.site][static_cast<std::size_t>(row.hour_start)] = true;
  for (const auto& [site, hours] : seen) {
    std::string missing;  // SANDAG hours (1 = 00:00-01:00) as runs: "1, 4-24"
    int count = 0;
    for (int h = 0; h < 24; ++h) {
      if (hours[static_cast<std::size_t>(h)]) continue;
      int last = h;
      while (last + 1 < 24 && !hours[static_cast<std::size_t>(last + 1)]) ++last;
      missing += (missing.empty() ? "" : ", ") + std::to_string(h + 1) + (last > h ? "-" + std::to_string(last + 1) : "");
      count += last - h + 1;
      h = last;
    }
    if (count == 0) continue;
    fail_with_problems(r, "SANDAG hour" + std::string(count == 1 ? " " : "s ") + missing + " of " + site + " " +
                              (count == 1 ? "is" : "are") + " missing: --format " + format +
                              " reads one typical weekday, hours 1..24" +
                              (r.log.skipped > 0 ? " (" + skipped_rows(r) + ")" : ""));
  }
}

}  // namespace

std::string LogProblem::format() const {
  std::string s = file + ":" + std::to_string(line);
  if (column > 0) s += ":" + std::to_string(column);
  s += ": ";
  if (!field.empty()) s += field + ": ";
  return s + reason;
}

const std::vector<std::string>& formats() {
  static const std::vector<std::string> f{"cbp-awt", "sandag-poe", "sandag-passenger", "cbp-bwt", "cascade", "hourly"};
  return f;
}

HourlyLog read_log(const std::string& path, const std::string& format, bool strict) {
  const auto& fs = formats();
  if (std::find(fs.begin(), fs.end(), format) == fs.end()) {
    std::string list;
    for (const auto& x : fs) list += (list.empty() ? "" : ", ") + x;
    const std::string hint = io::nearest(format, fs);
    throw io::InputError({io::InputProblem{"command line", 0, 0, "--format",
                                           "expected one of " + list + ", got \"" + format + "\"" +
                                               (hint.empty() ? "" : " (did you mean \"" + hint + "\"?)")}});
  }
  std::ifstream in(path);
  if (!in) throw io::InputError({io::InputProblem{path, 0, 0, "", "cannot open the file (" + std::string(std::strerror(errno)) + ")"}});
  std::string header_line;
  if (!std::getline(in, header_line)) throw io::InputError({io::InputProblem{path, 1, 1, "", "the file is empty"}});
  LogReader r;
  r.path = path;
  r.strict = strict;
  r.header = split_csv(header_line);
  if (format == "cbp-awt") read_cbp_awt(r, in);
  else if (format == "sandag-poe") read_sandag(r, in, SandagSeries::CommercialNorthbound);
  else if (format == "sandag-passenger") read_sandag(r, in, SandagSeries::PassengerNorthbound);
  else if (format == "cbp-bwt") read_bwt(r, in);
  else if (format == "cascade") read_cascade(r, in);
  else read_hourly(r, in);
  check_duplicate_hours(r);
  check_some_rows(r);
  if (format == "sandag-poe" || format == "sandag-passenger") check_whole_day(r, format);
  return r.log;
}

std::string write_hourly_csv(const std::vector<HourRow>& rows) {
  std::ostringstream os;
  os << "site,date,hour_start,arrivals,servers,batches,avg_wait_min,max_wait_min,bin_0_15,bin_16_30,bin_31_45,"
        "bin_46_60,bin_61_90,bin_91_120,bin_120_plus,excluded\n";
  for (const auto& r : rows) {
    os << r.site << ',' << r.date << ',' << r.hour_start << ',' << r.arrivals << ',' << r.servers << ',' << r.batches
       << ',' << r.avg_wait_min << ',' << r.max_wait_min;
    for (int b : r.bins) {
      os << ',';
      if (r.has_bins) os << b;
    }
    os << ',' << r.excluded << '\n';
  }
  return os.str();
}

std::vector<HourRow> select_dates(const std::vector<HourRow>& rows, const std::string& from, const std::string& to) {
  std::vector<HourRow> out;
  for (const auto& r : rows) {
    if (r.date >= from && r.date <= to) out.push_back(r);
  }
  return out;
}

int weekday(const std::string& iso) {
  const auto d = parse_date(iso);
  return d ? weekday(*d) : 0;
}

long day_number(const std::string& iso) {
  const auto d = parse_date(iso);
  return d ? day_number(*d) : 0;
}

std::vector<std::vector<HourRow>> by_day(const std::vector<HourRow>& rows) {
  std::map<std::string, std::vector<HourRow>> days;
  for (const auto& r : rows) days[r.date].push_back(r);
  std::vector<std::vector<HourRow>> out;
  for (auto& [date, hours] : days) {
    std::stable_sort(hours.begin(), hours.end(), [](const HourRow& a, const HourRow& b) { return a.hour_start < b.hour_start; });
    out.push_back(std::move(hours));
  }
  return out;
}

}  // namespace portsim::calibration
