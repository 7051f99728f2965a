#include "sim/app/log_input.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <optional>
#include <string_view>

#include "calibration/civil_date.hpp"
#include "sim/io/input_error.hpp"

namespace portsim::app {

namespace {

/// One end of a period: an ISO date (canonical text), or a simulated day's label as written.
std::optional<std::string> period_end(std::string_view text) {
  if (const auto d = calibration::parse_date(text)) return calibration::iso_text(*d);
  if (calibration::is_simulated_day(text)) return std::string(text);
  return std::nullopt;
}

}  // namespace

std::pair<std::string, std::string> parse_period(const std::string& text, const std::string& flag) {
  const auto dots = text.find("..");
  const auto from = dots == std::string::npos ? std::nullopt : period_end(std::string_view(text).substr(0, dots));
  const auto to = dots == std::string::npos ? std::nullopt : period_end(std::string_view(text).substr(dots + 2));
  if (!from || !to) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, flag,
                                           "expected FROM..TO, each " + calibration::date_expectation(calibration::DateForms::IsoOrSimulatedDay) +
                                               ", for example 2016-01-01..2017-12-31, got \"" + text + "\""}});
  }
  if (*from > *to) {
    throw io::InputError({io::InputProblem{"command line", 0, 0, flag,
                                           "expected FROM..TO with FROM not after TO, got \"" + text + "\""}});
  }
  return {*from, *to};
}

std::vector<Period> parse_periods(const std::string& text, const std::string& flag) {
  std::vector<Period> out;
  std::size_t from = 0;
  while (true) {
    const auto comma = text.find(',', from);
    out.push_back(parse_period(text.substr(from, comma == std::string::npos ? std::string::npos : comma - from), flag));
    if (out.size() > 1 && !(out[out.size() - 2].second < out.back().first)) {
      throw io::InputError({io::InputProblem{"command line", 0, 0, flag,
                                             "expected periods in order and not overlapping, got \"" + text + "\""}});
    }
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return out;
}

void check_held_out(const std::vector<Period>& train, const std::string& train_text, const Period& test,
                    const std::string& test_text, const std::string& flag) {
  for (const Period& p : train) {
    if (!(test.second < p.first || p.second < test.first)) {
      throw io::InputError({io::InputProblem{
          "command line", 0, 0, flag,
          "the held-out period " + test_text + " overlaps the training period --train " + train_text +
              " of the same file: the scores would include hours the baselines were fitted on"}});
    }
  }
}

std::vector<calibration::HourRow> period_rows(const calibration::HourlyLog& log, const std::string& data,
                                              const std::string& flag, const std::string& text,
                                              const std::vector<Period>& periods) {
  std::vector<calibration::HourRow> rows = periods.empty() ? log.rows : std::vector<calibration::HourRow>{};
  for (const Period& period : periods) {
    auto part = calibration::select_dates(log.rows, period.first, period.second);
    rows.insert(rows.end(), part.begin(), part.end());
  }
  const auto observed = std::count_if(rows.begin(), rows.end(), [&](const calibration::HourRow& r) {
    return r.avg_wait_min >= 0 && (flag != "--train" || !r.inconsistent);
  });
  if (rows.empty() || observed == 0) {
    throw io::InputError({io::InputProblem{
        "command line", 0, 0, flag,
        rows.empty() ? "no rows of " + data + " fall in " + text
                     : "no row of " + data + " in " + text + " has an observed average wait (avg_wait_min) to " +
                           (flag == "--train" ? "fit to" : "compare with")}});
  }
  return rows;
}


void check_one_site(const calibration::HourlyLog& log, const std::string& data) {
  std::vector<std::string> sites;
  for (const auto& r : log.rows) {
    if (std::find(sites.begin(), sites.end(), r.site) == sites.end()) sites.push_back(r.site);
  }
  if (sites.size() < 2) return;
  std::string list;
  for (std::size_t i = 0; i < sites.size() && i < 4; ++i) list += (i == 0 ? "\"" : ", \"") + sites[i] + "\"";
  if (sites.size() > 4) list += ", ...";
  throw io::InputError({io::InputProblem{
      data, 1, 1, "",
      "the log holds " + std::to_string(sites.size()) + " sites (" + list +
          "): the booth-checkpoint model simulates one site's queue per day and would pool their hours; give a log of "
          "one site (SANDAG's passenger lanes: portsim transfer-lanes)"}});
}

std::string format_help() {
  const auto& fs = calibration::formats();
  std::string out;
  for (std::size_t i = 0; i < fs.size(); ++i) out += (i == 0 ? "" : i + 1 == fs.size() ? " or " : ", ") + fs[i];
  return out;
}

calibration::HourlyLog read_data(const std::string& data, const std::string& format, bool strict) {
  auto log = calibration::read_log(data, format, strict);
  std::cerr << fmt::format("{}: {} rows read, {} malformed skipped, {} flagged inconsistent\n", data, log.rows.size(),
                           log.skipped, log.inconsistent);
  std::size_t shown = 0;
  for (const auto& p : log.problems) {
    if (shown++ < 10) std::cerr << "  " << p.format() << "\n";
  }
  if (log.problems.size() > 10) std::cerr << "  ... and " << log.problems.size() - 10 << " more\n";
  return log;
}

}  // namespace portsim::app
