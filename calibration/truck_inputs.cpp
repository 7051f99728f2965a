#include "calibration/truck_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

#include "calibration/civil_date.hpp"
#include "calibration/lane_rate.hpp"
#include "sim/io/input_error.hpp"
#include "sim/io/result_writer.hpp"
#include "sim/port/checkpoint.hpp"
#include "sim/kernel/random.hpp"
#include "sim/kernel/statistics.hpp"

namespace portsim::calibration {

namespace {

[[noreturn]] void fail(const std::string& file, int line, const std::string& field, const std::string& message,
                       int column = 0) {
  throw io::InputError({io::InputProblem{file, line, column, field, message}});
}

struct Csv {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // every non-blank row, with all header fields
  std::vector<std::vector<int>> columns;      // the character column of each field
  std::vector<int> lines;                     // the file line of each row
  /// Throws "file:line:col: error: <column>: expected <what>, got \"<field>\"" for field `c` of row `i`.
  [[noreturn]] void bad(std::size_t i, std::size_t c, const std::string& what) const {
    fail(path, lines[i], header[c], "expected " + what + ", got \"" + rows[i][c] + "\"", columns[i][c]);
  }
  /// Throws when two rows have the same key (naming both lines).
  void check_unique(std::map<std::string, int>& seen, std::size_t i, const std::string& key, const std::string& field) const {
    const auto [it, inserted] = seen.emplace(key, lines[i]);
    if (!inserted) {
      fail(path, lines[i], field, key + " is given twice: on line " + std::to_string(it->second) + " and on line " +
                                      std::to_string(lines[i]));
    }
  }
  std::size_t column(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) {
      std::string have;
      for (const auto& h : header) have += (have.empty() ? "" : ", ") + h;
      fail(path, 1, name, "no column \"" + name + "\" (the header has: " + have + ")");
    }
    return static_cast<std::size_t>(it - header.begin());
  }
};

Csv read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail(path, 0, "", "cannot open the file");
  Csv csv;
  csv.path = path;
  std::string line;
  if (!std::getline(in, line)) fail(path, 1, "", "the file is empty (a CSV header was expected)");
  if (line.size() >= 3 && static_cast<unsigned char>(line[0]) == 0xEF) line = line.substr(3);  // UTF-8 BOM
  csv.header = split_csv(line);
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    auto f = split_csv_line(line);
    if (f.fields.size() < csv.header.size()) {
      fail(path, n, "", "expected " + std::to_string(csv.header.size()) + " fields, got " + std::to_string(f.fields.size()));
    }
    csv.rows.push_back(std::move(f.fields));
    csv.columns.push_back(std::move(f.columns));
    csv.lines.push_back(n);
  }
  return csv;
}

const std::vector<std::string>& month_names() {
  static const std::vector<std::string> names{"January", "February", "March",     "April",   "May",      "June",
                                              "July",    "August",   "September", "October", "November", "December"};
  return names;
}

const std::vector<std::string>& weekday_names() {
  static const std::vector<std::string> names{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  return names;
}

std::string iso(int y, int m, int d) { return iso_text({y, m, d}); }

std::string text_of(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", x);
  return buf;
}

/// The most a survey weight may be (SANDAG's RevWght expands one surveyed truck to the day's).
constexpr double max_survey_weight = 1e6;

}  // namespace

std::vector<MonthlyCount> read_monthly_counts(const std::string& path, const std::string& crossing, const std::string& mode) {
  const Csv csv = read_csv(path);
  const std::size_t cy = csv.column("Year"), cm = csv.column("Month"), cc = csv.column("Crossing"),
                    cmode = csv.column("Modes"), cn = csv.column("Northbound Crossing");
  std::vector<MonthlyCount> out;
  std::set<std::string> crossings, modes;
  std::map<std::string, int> seen;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    const auto& f = csv.rows[i];
    crossings.insert(f[cc]);
    if (f[cc] != crossing) continue;
    modes.insert(f[cmode]);
    if (f[cmode] != mode) continue;
    MonthlyCount m;
    std::int64_t x = 0;
    if (!to_integer(f[cy], min_year, max_year, x)) csv.bad(i, cy, "a year in [" + std::to_string(min_year) + ", " + std::to_string(max_year) + "]");
    m.year = static_cast<int>(x);
    if (!to_integer(f[cm], 1, 12, x)) csv.bad(i, cm, "a month in [1, 12]");
    m.month = static_cast<int>(x);
    if (!to_double(f[cn], m.count) || m.count < 0) csv.bad(i, cn, "a count >= 0");
    csv.check_unique(seen, i, "the count of " + month_names()[static_cast<std::size_t>(m.month - 1)] + " " + std::to_string(m.year), "Month");
    m.line = csv.lines[i];
    out.push_back(m);
  }
  if (out.empty()) {
    std::string list;
    for (const auto& c : crossings.count(crossing) ? modes : crossings) list += (list.empty() ? "" : ", ") + c;
    // The file is fine; the flag asks for what it does not have.
    throw io::InputError({io::InputProblem{"command line", 0, 0, crossings.count(crossing) ? "--mode" : "--crossing",
                                           crossings.count(crossing)
                                               ? "crossing \"" + crossing + "\" in " + path + " has no mode \"" + mode +
                                                     "\" (it has: " + list + ")"
                                               : "no crossing \"" + crossing + "\" in " + path + " (it has: " + list + ")"}});
  }
  return out;
}

LaneHours read_sandag_lanes(const std::string& path, const std::vector<std::string>& prefixes) {
  const Csv csv = read_csv(path);
  const std::size_t ct = csv.column("TIME");
  std::vector<std::size_t> open_cols;
  for (const auto& p : prefixes) open_cols.push_back(csv.column(p + "_OPEN"));
  const std::size_t rate_col = csv.column(prefixes.at(0) + "_VEH");
  LaneHours out{std::vector<int>(24, 0), std::vector<double>(24, 0.0)};
  std::vector<bool> seen(24, false);
  std::map<std::string, int> rows_of;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    const auto& f = csv.rows[i];
    std::int64_t t = 0;
    if (!to_integer(f[ct], 1, 24, t)) csv.bad(i, ct, "an hour in [1, 24] (SANDAG: 1 = 00:00-01:00)");
    csv.check_unique(rows_of, i, "TIME " + std::to_string(t), "TIME");
    const auto h = static_cast<std::size_t>(t - 1);
    seen[h] = true;
    for (std::size_t k = 0; k < open_cols.size(); ++k) {
      std::int64_t n = 0;
      if (!to_integer(f[open_cols[k]], 0, port::max_hour_servers - out.open[h], n)) {
        csv.bad(i, open_cols[k], "a lane count in [0, " + std::to_string(port::max_hour_servers) + "] (all the prefixes' lanes together)");
      }
      out.open[h] += static_cast<int>(n);
    }
    if (!to_double(f[rate_col], out.sandag_rate[h]) || out.sandag_rate[h] < 0) csv.bad(i, rate_col, "a rate >= 0 (vehicles per lane-hour)");
  }
  for (std::size_t h = 0; h < 24; ++h) {
    if (!seen[h]) fail(path, 1, "TIME", "no row for hour " + std::to_string(h + 1) + " (24 rows, TIME 1-24, are expected)");
  }
  return out;
}

std::vector<double> read_sandag_trips(const std::string& path, const std::string& direction) {
  const Csv csv = read_csv(path);
  const std::size_t ch = csv.column("ArHour"), cd = csv.column("Dir"), cw = csv.column("RevWght");
  std::vector<double> out(24, 0.0);
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    const auto& f = csv.rows[i];
    if (f[cd] != direction) continue;
    std::int64_t h = 0;
    double w = 0;
    if (!to_integer(f[ch], 1, 24, h)) csv.bad(i, ch, "an hour in [1, 24]");
    if (!to_double(f[cw], w) || w < 0 || w > max_survey_weight) csv.bad(i, cw, "a weight in [0, 1e6]");
    out[static_cast<std::size_t>(h - 1)] += w;
  }
  return out;
}

LaneRateFit fit_lane_rate(const std::vector<double>& processed, const std::vector<int>& open,
                          const std::vector<double>& survey, double min_backlog, std::uint64_t seed) {
  LaneRateFit fit;
  const double total_v = std::accumulate(processed.begin(), processed.end(), 0.0);
  const double total_a = std::accumulate(survey.begin(), survey.end(), 0.0);
  const std::size_t n = processed.size();
  fit.arrivals.assign(n, 0.0);
  for (std::size_t h = 0; h < n; ++h) fit.arrivals[h] = total_a > 0 ? survey[h] * total_v / total_a : 0.0;
  // The smallest queue at the start of the day that never processes a truck before it arrived.
  double cum = 0;
  for (std::size_t h = 0; h < n; ++h) {
    cum += processed[h] - fit.arrivals[h];
    fit.initial_queue = std::max(fit.initial_queue, cum);
  }
  double q = fit.initial_queue;
  fit.backlog.assign(n, 0.0);
  fit.hourly_rate.assign(n, -1.0);
  for (std::size_t h = 0; h < n; ++h) {
    q = std::max(0.0, q + fit.arrivals[h] - processed[h]);
    fit.backlog[h] = q;
    if (q > min_backlog && open[h] > 0 && processed[h] > 0) {
      fit.saturated.push_back(static_cast<int>(h));
      fit.hourly_rate[h] = processed[h] / open[h];
    }
  }
  const auto rate = pooled_lane_rate(processed, std::vector<double>(open.begin(), open.end()), fit.saturated, seed,
                                     "calibration/lane-rate-bootstrap");
  fit.rate = rate.rate;
  fit.rate_sd = rate.sd;
  return fit;
}

std::vector<HourRow> scale_arrivals(const std::vector<HourRow>& waits, const std::vector<MonthlyCount>& counts, int year,
                                    const std::vector<double>& shape, const std::string& waits_path,
                                    const std::string& counts_path) {
  // (month, weekday) -> the rows (open hours) of that typical day.
  std::map<std::pair<int, int>, std::vector<HourRow>> days;
  for (const auto& r : waits) {
    const auto dash = r.date.find('-');
    const std::string mname = r.date.substr(0, dash), wname = dash == std::string::npos ? "" : r.date.substr(dash + 1);
    const auto mi = std::find(month_names().begin(), month_names().end(), mname);
    const auto wi = std::find(weekday_names().begin(), weekday_names().end(), wname);
    if (mi == month_names().end() || wi == weekday_names().end()) {
      fail(waits_path, r.line, "date", "\"" + r.date + "\" is not Month-Weekday (e.g. January-Monday)");
    }
    days[{static_cast<int>(mi - month_names().begin()) + 1, static_cast<int>(wi - weekday_names().begin())}].push_back(r);
  }
  std::map<int, double> count_of;
  std::map<int, int> line_of;  // the count's row
  for (const auto& c : counts) {
    if (c.year == year) {
      count_of[c.month] = c.count;
      line_of[c.month] = c.line;
    }
  }
  std::vector<HourRow> out;
  for (int month = 1; month <= 12; ++month) {
    // Open hours of every day of the month (a weekday without rows is closed).
    double open_hours = 0;
    bool any = false;
    for (int d = 1; d <= days_in_month(year, month); ++d) {
      const auto it = days.find({month, weekday(iso(year, month, d))});
      if (it != days.end()) {
        open_hours += static_cast<double>(it->second.size());
        any = true;
      }
    }
    if (!any) continue;
    if (!count_of.count(month)) {
      fail(counts_path, 1, "Month", "no count for " + month_names()[static_cast<std::size_t>(month - 1)] + " " + std::to_string(year));
    }
    const double per_open_hour = count_of[month] / open_hours;
    for (int wd = 0; wd < 7; ++wd) {
      auto it = days.find({month, wd});
      if (it == days.end()) continue;
      auto hours = it->second;
      std::sort(hours.begin(), hours.end(), [](const HourRow& a, const HourRow& b) { return a.hour_start < b.hour_start; });
      int first = 1;
      while (weekday(iso(year, month, first)) != wd) ++first;
      const double day_total = per_open_hour * static_cast<double>(hours.size());
      std::vector<double> w(hours.size(), 1.0);
      if (!shape.empty()) {
        for (std::size_t i = 0; i < hours.size(); ++i) {
          const double pos = (static_cast<double>(i) + 0.5) / static_cast<double>(hours.size());
          w[i] = shape[std::min(shape.size() - 1, static_cast<std::size_t>(pos * static_cast<double>(shape.size())))];
        }
      }
      const double wsum = std::accumulate(w.begin(), w.end(), 0.0);
      double carried = 0;  // rounding carried forward keeps the day's total
      for (std::size_t i = 0; i < hours.size(); ++i) {
        HourRow r = hours[i];
        r.date = iso(year, month, first);
        const double x = day_total * w[i] / wsum + carried;
        if (!(x <= port::max_hour_arrivals)) {
          fail(counts_path, line_of[month], "Northbound Crossing",
               "the count of " + month_names()[static_cast<std::size_t>(month - 1)] + " " + std::to_string(year) + " (" +
                   text_of(count_of[month]) + ") gives " + text_of(x) + " arrivals in an hour of " + r.date +
                   ", above the model's limit of " +
                   std::to_string(port::max_hour_arrivals) + " (the waits file has too few open hours for it)");
        }
        r.arrivals = static_cast<int>(std::lround(x));
        carried = x - r.arrivals;
        r.servers = 1;
        out.push_back(r);
      }
    }
  }
  return out;
}

}  // namespace portsim::calibration

namespace portsim::calibration {

LaneRateCheck check_lane_rate(const LaneRateFit& fit, const std::vector<double>& processed, const LaneHours& lanes,
                              double cv, int reps, std::uint64_t seed) {
  LaneRateCheck c;
  const auto simulate = [&](const std::vector<double>& rate_by_hour) {
    std::vector<double> mean(24, 0.0);
    std::vector<port::HourInput> in;
    bool started = false;
    for (int h = 0; h < 24; ++h) {
      port::HourInput x;
      x.hour = h;
      x.arrivals = static_cast<int>(std::lround(fit.arrivals[static_cast<std::size_t>(h)]));
      // The facility processes only in hours with volume (SANDAG's lane table keeps lanes "open"
      // outside them); trucks that arrive after closing wait for the morning.
      x.servers = processed[static_cast<std::size_t>(h)] > 0 ? lanes.open[static_cast<std::size_t>(h)] : 0;
      if (!started && (x.arrivals > 0 || processed[static_cast<std::size_t>(h)] > 0)) {
        x.at_start = static_cast<int>(std::lround(fit.initial_queue));
        started = true;
      }
      in.push_back(x);
    }
    // The checkpoint model has one service distribution per day: simulate each distinct rate and
    // take each hour from the run with that hour's rate.
    std::map<double, std::vector<double>> by_rate;
    for (double r : rate_by_hour) by_rate.emplace(r, std::vector<double>(24, 0.0));
    for (auto& [rate, done] : by_rate) {
      port::CheckpointParams p;
      p.service_mean_s = 3600.0 / std::max(0.1, rate);
      p.service_cv = cv;
      p.batch_spread_min = 0;
      p.walk_min = 0;
      for (int r = 0; r < reps; ++r) {
        const auto outs = port::simulate_checkpoint_day(in, p, seed, 1, static_cast<std::uint64_t>(r));
        for (std::size_t h = 0; h < 24; ++h) done[h] += outs[h].completed / static_cast<double>(reps);
      }
    }
    for (std::size_t h = 0; h < 24; ++h) mean[h] = by_rate[rate_by_hour[h]][h];
    return mean;
  };
  c.simulated_fitted = simulate(std::vector<double>(24, fit.rate));
  c.simulated_sandag = simulate(lanes.sandag_rate);
  int n = 0;
  for (std::size_t h = 0; h < 24; ++h) {
    if (processed[h] <= 0 && fit.arrivals[h] <= 0) continue;
    c.mae_fitted += std::fabs(c.simulated_fitted[h] - processed[h]);
    c.mae_sandag += std::fabs(c.simulated_sandag[h] - processed[h]);
    ++n;
  }
  if (n > 0) {
    c.mae_fitted /= n;
    c.mae_sandag /= n;
  }
  // Leave one saturated hour out: the rate from the others predicts that hour's volume.
  for (int h : fit.saturated) {
    double v = 0, l = 0;
    for (int k : fit.saturated) {
      if (k == h) continue;
      v += processed[static_cast<std::size_t>(k)];
      l += lanes.open[static_cast<std::size_t>(k)];
    }
    if (l > 0) c.loo_mae += std::fabs(v / l * lanes.open[static_cast<std::size_t>(h)] - processed[static_cast<std::size_t>(h)]);
  }
  if (fit.saturated.size() > 1) c.loo_mae /= static_cast<double>(fit.saturated.size());
  return c;
}

void write_lane_rate_report(const std::string& out, const LaneRateFit& fit, const LaneRateCheck& c,
                            const std::vector<double>& processed, const LaneHours& lanes, const std::string& command_line,
                            double cv, double min_backlog) {
  std::filesystem::create_directories(out);
  const auto f = [](double x, int digits = 1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, x);
    return std::string(buf);
  };
  std::string csv = "hour_start,processed,open_lanes,demand,backlog_end,saturated,volume_per_lane,sandag_rate,"
                    "simulated_processed_fitted,simulated_processed_sandag\n";
  for (std::size_t h = 0; h < 24; ++h) {
    const bool sat = std::find(fit.saturated.begin(), fit.saturated.end(), static_cast<int>(h)) != fit.saturated.end();
    csv += std::to_string(h) + "," + f(processed[h]) + "," + std::to_string(lanes.open[h]) + "," + f(fit.arrivals[h]) + "," +
           f(fit.backlog[h]) + "," + (sat ? "1" : "0") + "," + (lanes.open[h] > 0 ? f(processed[h] / lanes.open[h], 2) : "") +
           "," + f(lanes.sandag_rate[h]) + "," + f(c.simulated_fitted[h]) + "," + f(c.simulated_sandag[h]) + "\n";
  }
  io::write_atomically((std::filesystem::path(out) / "lane_rates.csv").string(), csv);
  double total = std::accumulate(processed.begin(), processed.end(), 0.0);
  std::string md = "# Lane service rate fitted from saturated hours\n\nMade by `" + command_line + "`.\n\n";
  md += "Method: demand by hour = survey arrivals scaled to the day's processed total (" + f(total, 0) +
        " trucks); fluid balance backlog = initial queue + cumulative demand - cumulative processed, with the "
        "smallest initial queue that never processes a truck before it arrived (" + f(fit.initial_queue, 0) +
        " trucks: the day is periodic, so this is also the queue left at closing that waits overnight); an hour is saturated when more than " + f(min_backlog, 0) +
        " trucks are still queued at its end, so its open lanes worked the whole hour and its volume is their "
        "capacity. Rate = sum of volumes / sum of open lanes over the saturated hours; sd by bootstrap over "
        "those hours (1,000 resamples).\n\n";
  md += "## Result\n\n| quantity | value |\n|---|---|\n";
  md += "| saturated hours | " + std::to_string(fit.saturated.size()) + " (";
  for (std::size_t i = 0; i < fit.saturated.size(); ++i) md += (i ? ", " : "") + std::to_string(fit.saturated[i]) + "h";
  md += ") |\n| fitted rate | **" + f(fit.rate, 2) + " trucks per lane-hour** (bootstrap sd " + f(fit.rate_sd, 2) + "; " +
        f(3600 / std::max(0.1, fit.rate), 0) + " s per truck) |\n";
  double sandag_sat = 0;
  for (int h : fit.saturated) sandag_sat += lanes.sandag_rate[static_cast<std::size_t>(h)] / static_cast<double>(std::max<std::size_t>(1, fit.saturated.size()));
  md += "| SANDAG's calibrated rate, mean over the same hours | " + f(sandag_sat, 2) + " |\n";
  md += "| leave-one-saturated-hour-out error of volume = lanes x rate | " + f(c.loo_mae, 1) + " trucks/h |\n\n";
  md += "## Error: processed trucks per hour, simulated vs observed\n\n"
        "The booth-checkpoint model driven by the demand, the initial queue at opening and the open lanes, "
        "lognormal service (cv " + f(cv, 2) + ", assumption: the log has no service times), mean of the replications:\n\n";
  md += "| service rate | MAE (trucks/h) | relative to the mean hourly volume |\n|---|---|---|\n";
  int open_hours = 0;
  for (std::size_t h = 0; h < 24; ++h) open_hours += (processed[h] > 0 || fit.arrivals[h] > 0) ? 1 : 0;
  const double mean_v = total / std::max(1, open_hours);
  md += "| fitted (one rate all day) | " + f(c.mae_fitted) + " | " + f(100 * c.mae_fitted / mean_v) + "% |\n";
  md += "| SANDAG's hourly rates | " + f(c.mae_sandag) + " | " + f(100 * c.mae_sandag / mean_v) + "% |\n\n";
  md += "Hour by hour in `lane_rates.csv`.\n";
  io::write_atomically((std::filesystem::path(out) / "report.md").string(), md);
}

}  // namespace portsim::calibration
