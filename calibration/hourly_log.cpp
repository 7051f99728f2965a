#include "calibration/hourly_log.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "sim/io/input_error.hpp"

namespace portsim::calibration {

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
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
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

bool to_int(const std::string& s, int& v) {
  if (s.empty()) return false;
  try {
    std::size_t used = 0;
    const long x = std::stol(s, &used);
    if (used != s.size()) return false;
    v = static_cast<int>(x);
    return true;
  } catch (...) {
    return false;
  }
}

bool to_double(const std::string& s, double& v) {
  if (s.empty()) return false;
  try {
    std::size_t used = 0;
    v = std::stod(s, &used);
    return used == s.size();
  } catch (...) {
    return false;
  }
}

namespace {

/// "1/1/2018" or "2018-01-01" to ISO; empty on failure.
std::string iso_date(const std::string& s) {
  int y = 0, m = 0, d = 0;
  char c1 = 0, c2 = 0;
  std::istringstream is(s);
  if (s.find('-') != std::string::npos) {
    if (!(is >> y >> c1 >> m >> c2 >> d) || c1 != '-' || c2 != '-') return "";
  } else {
    if (!(is >> m >> c1 >> d >> c2 >> y) || c1 != '/' || c2 != '/') return "";
  }
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
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

struct Reader {
  std::string path;
  bool strict;
  HourlyLog log;
  void problem(int line, const std::string& reason, bool skip) {
    log.problems.push_back({path, line, reason});
    if (skip) ++log.skipped;
    if (strict && skip) {
      throw io::InputError({io::InputProblem{path, line, 1, "", reason + " (--strict: malformed rows are fatal)"}});
    }
  }
};

void check_header(const std::string& path, const std::vector<std::string>& got, const std::vector<std::string>& want,
                  const std::string& format) {
  if (got.size() >= want.size() && std::equal(want.begin(), want.end(), got.begin())) return;
  std::string w;
  for (const auto& x : want) w += (w.empty() ? "" : ",") + x;
  throw io::InputError({io::InputProblem{path, 1, 1, "", "the header does not match --format " + format + "; expected " + w}});
}

// CBP AWT: three header styles with the same 21 columns.
void read_cbp_awt(Reader& r, std::istream& in, const std::vector<std::string>& header) {
  std::size_t offset = 0;  // merged CSV: airport,terminal,date,hour_start,... (+ source_file)
  if (!(header.size() >= 21 && (header[0] == "airport" || header[0] == "Airport"))) {
    throw io::InputError({io::InputProblem{r.path, 1, 1, "", "the header does not match --format cbp-awt (expected "
                                                             "CBP Airport Wait Times columns: Airport, Terminal, Date, "
                                                             "Hour, ... Total, Flights, Booths)"}});
  }
  std::string line;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty()) continue;
    const auto f = split_csv(line);
    if (f.size() < 21 + offset) {
      r.problem(n, "expected 21 fields, got " + std::to_string(f.size()), true);
      continue;
    }
    HourRow row;
    row.line = n;
    row.site = f[0] + " " + f[1];
    row.date = iso_date(f[2]);
    if (row.date.empty()) {
      r.problem(n, "date \"" + f[2] + "\" is not a date (expected m/d/yyyy or yyyy-mm-dd)", true);
      continue;
    }
    row.hour_start = hour_of(f[3]);
    if (row.hour_start < 0) {
      r.problem(n, "hour \"" + f[3] + "\" is not an hour (expected 0-23 or \"HHMM - HHMM\")", true);
      continue;
    }
    double avg = 0, mx = 0;
    if (!to_double(f[8], avg) || !to_double(f[9], mx) || avg < 0 || mx < 0) {
      r.problem(n, "all-passenger average/max wait \"" + f[8] + "\", \"" + f[9] + "\" are not numbers >= 0", true);
      continue;
    }
    row.avg_wait_min = avg;
    row.max_wait_min = mx;
    bool ok = true;
    int sum = 0;
    for (std::size_t b = 0; b < 7; ++b) {
      ok = ok && to_int(f[10 + b], row.bins[b]) && row.bins[b] >= 0;
      sum += row.bins[b];
    }
    int total = 0;
    ok = ok && to_int(f[17], row.excluded) && to_int(f[18], total) && to_int(f[19], row.batches) && to_int(f[20], row.servers);
    if (!ok || total < 0 || row.servers < 0) {
      r.problem(n, "wait bins, excluded, total, flights and booths must be integers >= 0", true);
      continue;
    }
    row.has_bins = true;
    row.arrivals = total;
    if (row.servers == 0) {
      r.problem(n, "0 booths for " + std::to_string(total) + " passengers", true);
      continue;
    }
    if (sum + row.excluded != total) {
      row.inconsistent = true;
      ++r.log.inconsistent;
      r.problem(n, "inconsistent: wait bins (" + std::to_string(sum) + ") + excluded (" + std::to_string(row.excluded) +
                       ") != total (" + std::to_string(total) + "); kept, flagged",
                false);
    }
    r.log.rows.push_back(row);
  }
}

// SANDAG Otay Mesa: observed volumes per hour (a typical 2017 weekday), commercial northbound.
void read_sandag(Reader& r, std::istream& in, const std::vector<std::string>& header) {
  check_header(r.path, header, {"hour", "port_name", "direction", "vehicle_type", "traveler_type", "volume", "open_lanes"},
               "sandag-poe");
  std::string line;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    const auto f = split_csv(line);
    if (f.size() < 8) {
      r.problem(n, "expected at least 8 fields, got " + std::to_string(f.size()), true);
      continue;
    }
    if (f[1] != "Otay Mesa" || f[2] != "Northbound" || f[3] != "Commercial") continue;
    HourRow row;
    row.line = n;
    row.site = "Otay Mesa commercial NB";
    row.date = "2017-typical-weekday";
    int hour = 0;
    double volume = 0;
    if (!to_int(f[0], hour) || hour < 1 || hour > 24 || !to_double(f[5], volume) || volume < 0) {
      r.problem(n, "hour must be 1..24 and volume a number >= 0", true);
      continue;
    }
    row.hour_start = hour - 1;  // SANDAG hour 1 = 00:00-01:00
    row.arrivals = static_cast<int>(volume + 0.5);
    int lanes = -1;
    if (!f[6].empty() && !to_int(f[6], lanes)) r.problem(n, "open_lanes \"" + f[6] + "\" is not an integer", false);
    row.servers = lanes;
    double wait = -1;
    if (!f[7].empty() && to_double(f[7], wait)) row.avg_wait_min = wait;
    r.log.rows.push_back(row);
  }
}

// CBP border wait times, typical wait by month x weekday x hour (El Paso).
void read_bwt(Reader& r, std::istream& in, const std::vector<std::string>& header) {
  check_header(r.path, header, {"port", "lane", "sub_lane", "month", "weekday", "hour_start", "avg_wait_min"}, "cbp-bwt");
  std::string line;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    const auto f = split_csv(line);
    if (f.size() < 7) {
      r.problem(n, "expected 7 fields, got " + std::to_string(f.size()), true);
      continue;
    }
    HourRow row;
    row.line = n;
    row.site = f[0] + " " + f[1] + " " + f[2];
    row.date = f[3] + "-" + f[4];
    if (!to_int(f[5], row.hour_start) || row.hour_start < 0 || row.hour_start > 23) {
      r.problem(n, "hour_start \"" + f[5] + "\" is not 0-23", true);
      continue;
    }
    if (f[6].empty()) continue;  // lane closed: no data (documented in SOURCE.md)
    if (!to_double(f[6], row.avg_wait_min) || row.avg_wait_min < 0) {
      r.problem(n, "avg_wait_min \"" + f[6] + "\" is not a number >= 0", true);
      continue;
    }
    r.log.rows.push_back(row);
  }
}

// Cascade Gateway daily counts: one row per crossing and day; arrivals = trucks that day.
void read_cascade(Reader& r, std::istream& in, const std::vector<std::string>& header) {
  if (header.size() < 2) throw io::InputError({io::InputProblem{r.path, 1, 1, "", "the header does not match --format cascade"}});
  std::string line;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    const auto f = split_csv(line);
    if (f.size() < 2) {
      r.problem(n, "expected a date and counts", true);
      continue;
    }
    const std::string date = iso_date(f[0].substr(0, f[0].find(' ')));
    if (date.empty()) {
      r.problem(n, "date \"" + f[0] + "\" is not a date", true);
      continue;
    }
    for (std::size_t c = 1; c < f.size() && c < header.size(); ++c) {
      double v = 0;
      if (f[c].empty()) continue;
      if (!to_double(f[c], v) || v < 0) {
        r.problem(n, "count \"" + f[c] + "\" in column " + header[c] + " is not a number >= 0", true);
        continue;
      }
      HourRow row;
      row.line = n;
      row.site = header[c];
      row.date = date;
      row.hour_start = 0;
      row.arrivals = static_cast<int>(v + 0.5);
      r.log.rows.push_back(row);
    }
  }
}

// The canonical schema.
void read_hourly(Reader& r, std::istream& in, const std::vector<std::string>& header) {
  check_header(r.path, header,
               {"site", "date", "hour_start", "arrivals", "servers", "batches", "avg_wait_min", "max_wait_min", "bin_0_15",
                "bin_16_30", "bin_31_45", "bin_46_60", "bin_61_90", "bin_91_120", "bin_120_plus", "excluded"},
               "hourly");
  std::string line;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    const auto f = split_csv(line);
    if (f.size() < 16) {
      r.problem(n, "expected 16 fields, got " + std::to_string(f.size()), true);
      continue;
    }
    HourRow row;
    row.line = n;
    row.site = f[0];
    row.date = f[1];
    bool ok = to_int(f[2], row.hour_start) && to_int(f[3], row.arrivals) && to_int(f[4], row.servers) &&
              to_int(f[5], row.batches) && to_double(f[6], row.avg_wait_min) && to_double(f[7], row.max_wait_min);
    row.has_bins = true;
    for (std::size_t b = 0; b < 7; ++b) {
      if (f[8 + b].empty()) row.has_bins = false;
      else ok = ok && to_int(f[8 + b], row.bins[b]);
    }
    ok = ok && to_int(f[15], row.excluded);
    if (!ok || row.hour_start < 0 || row.hour_start > 23) {
      r.problem(n, "malformed row (integers expected for hour_start 0-23, arrivals, servers, batches, bins, excluded)", true);
      continue;
    }
    r.log.rows.push_back(row);
  }
}

}  // namespace

const std::vector<std::string>& formats() {
  static const std::vector<std::string> f{"cbp-awt", "sandag-poe", "cbp-bwt", "cascade", "hourly"};
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
  const auto header = split_csv(header_line);
  Reader r{path, strict, {}};
  if (format == "cbp-awt") read_cbp_awt(r, in, header);
  else if (format == "sandag-poe") read_sandag(r, in, header);
  else if (format == "cbp-bwt") read_bwt(r, in, header);
  else if (format == "cascade") read_cascade(r, in, header);
  else read_hourly(r, in, header);
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
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return 0;
  // Sakamoto's method.
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  return (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
}

long day_number(const std::string& iso) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return 0;
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
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
