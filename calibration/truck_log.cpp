#include "calibration/truck_log.hpp"

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <unordered_set>

#include "calibration/civil_date.hpp"
#include "calibration/csv_fields.hpp"
#include "calibration/input_model.hpp"
#include "sim/io/input_error.hpp"

namespace portsim::calibration {

namespace {

enum Column { truck_id, arrival, gate_in, release, gate, lane, lane_start, channel, exam_start, exam_end, column_count };
constexpr int required_columns = 4;

const char* time_expectation = "expected seconds (a number in [0, 1e9]) or a date-time yyyy-mm-dd hh:mm[:ss[.fff]] (1970 or later)";

/// "hh:mm[:ss[.fff]]" as seconds of the day; nullopt when malformed.
std::optional<double> time_of_day(const std::string& t) {
  int h = 0, m = 0;
  double s = 0;
  if (t.size() < 5 || t[2] != ':' || !to_int(t.substr(0, 2), h) || !to_int(t.substr(3, 2), m)) return std::nullopt;
  if (t.size() > 5) {
    if (t[5] != ':' || !to_double(t.substr(6), s) || s < 0 || s >= 61) return std::nullopt;
  }
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 3600.0 + m * 60.0 + s;
}

/// A time field: seconds, or a date-time as seconds since 1970-01-01; sets `date_time` to its form.
std::optional<double> parse_time(const std::string& f, bool& date_time) {
  double v = 0;
  if (to_double(f, v)) {
    date_time = false;
    if (v < 0 || v > max_log_seconds) return std::nullopt;
    return v;
  }
  const auto sep = f.find_first_of(" T");
  if (sep == std::string::npos) return std::nullopt;
  const auto date = parse_date(std::string_view(f).substr(0, sep));
  const auto tod = time_of_day(f.substr(sep + 1));
  if (!date || !tod || date->year < 1970) return std::nullopt;
  date_time = true;
  return static_cast<double>(day_number(*date)) * 86400.0 + *tod;
}

[[noreturn]] void fail(const std::string& path, int line, int column, const std::string& field, const std::string& what) {
  throw io::InputError({io::InputProblem{path, line, column, field, what}});
}

}  // namespace

const std::vector<std::string>& truck_log_columns() {
  static const std::vector<std::string> names{"truck_id",   "arrival", "gate_in",    "release", "gate",
                                              "lane",       "lane_start", "channel", "exam_start", "exam_end"};
  return names;
}

TruckLog read_truck_log(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail(path, 0, 0, "", "cannot open the file (" + std::string(std::strerror(errno)) + ")");
  TruckLog log;
  log.path = path;
  std::string line;
  if (!std::getline(in, line)) fail(path, 1, 1, "", "the file is empty: expected a header row naming the columns");
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a UTF-8 byte-order mark
  const CsvLine header = split_csv_line(line);
  const auto& names = truck_log_columns();
  std::vector<int> at(column_count, -1);
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto it = std::find(names.begin(), names.end(), header.fields[i]);
    if (it == names.end()) continue;  // a column the fit does not use
    const auto c = static_cast<std::size_t>(it - names.begin());
    if (at[c] >= 0) fail(path, 1, header.columns[i], header.fields[i], "the column appears twice in the header");
    at[c] = static_cast<int>(i);
  }
  std::string missing;
  for (int c = 0; c < required_columns; ++c) {
    if (at[static_cast<std::size_t>(c)] < 0) missing += (missing.empty() ? "" : ", ") + names[static_cast<std::size_t>(c)];
  }
  if (!missing.empty()) {
    fail(path, 1, 1, "", "a truck log needs the columns truck_id, arrival, gate_in and release (optional: gate, lane, "
                          "lane_start, channel, exam_start, exam_end); missing: " + missing);
  }
  if ((at[exam_start] < 0) != (at[exam_end] < 0)) {
    const bool no_start = at[exam_start] < 0;
    fail(path, 1, 1, no_start ? "exam_start" : "exam_end",
         std::string("exam_start and exam_end come together: the header has ") + (no_start ? "exam_end" : "exam_start") +
             " but not this one");
  }
  log.has_gate = at[gate] >= 0;
  log.has_lane = at[lane] >= 0;
  log.has_lane_start = at[lane_start] >= 0;
  log.has_channel = at[channel] >= 0;
  log.has_exam = at[exam_start] >= 0;
  std::unordered_set<std::string> ids;
  std::optional<bool> form;  // date-times or seconds, fixed by the first time read
  for (int n = 2; std::getline(in, line); ++n) {
    if (line.empty() || line == "\r") continue;
    const CsvLine f = split_csv_line(line);
    if (f.fields.size() != header.fields.size()) {
      fail(path, n, 1, "", "expected " + std::to_string(header.fields.size()) + " fields as in the header, got " +
                               std::to_string(f.fields.size()));
    }
    const auto field = [&](Column c) -> const std::string& { return f.fields[static_cast<std::size_t>(at[c])]; };
    const auto col = [&](Column c) { return f.columns[static_cast<std::size_t>(at[c])]; };
    const auto time = [&](Column c) -> std::optional<double> {
      if (at[c] < 0) return std::nullopt;
      if (field(c).empty() && (c == exam_start || c == exam_end)) return std::nullopt;
      bool date_time = false;
      const auto v = parse_time(field(c), date_time);
      if (!v) fail(path, n, col(c), names[c], std::string(time_expectation) + ", got \"" + field(c) + "\"");
      if (form && *form != date_time) {
        fail(path, n, col(c), names[c],
             std::string("every time in a log has the same form; earlier rows use ") +
                 (*form ? "date-times" : "seconds") + ", this one \"" + field(c) + "\"");
      }
      form = date_time;
      if (std::fmod(*v, 60.0) != 0) log.whole_minutes = false;
      return v;
    };
    TruckLogRow r;
    r.line = n;
    r.id = field(truck_id);
    if (r.id.empty()) fail(path, n, col(truck_id), "truck_id", "expected a truck's id, got an empty field");
    if (!ids.insert(r.id).second) fail(path, n, col(truck_id), "truck_id", "truck \"" + r.id + "\" appears twice");
    r.arrival = *time(arrival);
    r.gate_in = *time(gate_in);
    r.release = *time(release);
    r.lane_start = time(lane_start);
    r.exam_start = time(exam_start);
    r.exam_end = time(exam_end);
    if (log.has_gate) {
      r.gate = field(gate);
      if (r.gate.empty()) fail(path, n, col(gate), "gate", "expected the gate's id, got an empty field");
    }
    if (log.has_lane) {
      r.lane = field(lane);
      if (r.lane.empty() && !log.has_lane_start) {
        fail(path, n, col(lane), "lane", "expected the lane's name (each lane start is recovered from it), got an empty field");
      }
    }
    if (log.has_channel) {
      const std::string& c = field(channel);
      if (c == "green") r.channel = port::Channel::Green;
      else if (c == "yellow") r.channel = port::Channel::Yellow;
      else if (c == "red") r.channel = port::Channel::Red;
      else fail(path, n, col(channel), "channel", "expected green, yellow or red, got \"" + c + "\"");
    }
    const auto order = [&](Column later, double late, const char* earlier_name, double early) {
      if (late < early) {
        fail(path, n, col(later), names[later],
             "is before " + std::string(earlier_name) + " (" + field(later) + " < the row's " + earlier_name + ")");
      }
    };
    const double start = r.lane_start.value_or(r.arrival);
    if (r.lane_start) order(lane_start, *r.lane_start, "arrival", r.arrival);
    order(gate_in, r.gate_in, r.lane_start ? "lane_start" : "arrival", start);
    order(release, r.release, "gate_in", r.gate_in);
    if (r.exam_start.has_value() != r.exam_end.has_value()) {
      fail(path, n, col(r.exam_start ? exam_end : exam_start), r.exam_start ? "exam_end" : "exam_start",
           "exam_start and exam_end are both given or both empty");
    }
    if (r.exam_start) {
      if (r.channel && *r.channel != port::Channel::Red) {
        fail(path, n, col(exam_start), "exam_start",
             "a physical examination of a truck in the " + field(channel) + " channel: only red trucks are examined");
      }
      order(exam_start, *r.exam_start, "gate_in", r.gate_in);
      order(exam_end, *r.exam_end, "exam_start", *r.exam_start);
      order(release, r.release, "exam_end", *r.exam_end);
    }
    log.rows.push_back(std::move(r));
  }
  if (log.rows.empty()) fail(path, 2, 1, "", "the log has a header but no trucks");
  log.date_times = form.value_or(false);
  return log;
}

}  // namespace portsim::calibration
