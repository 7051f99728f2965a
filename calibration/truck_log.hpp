// A planner's own truck log: one row per truck with the timestamps a terminal's gate system
// records (calibration/README.md "Truck log"). Columns, by header name, in any order; other
// columns are ignored:
//   truck_id   required, unique text
//   gate       optional: the gate it used (needed when the scenario has several)
//   arrival    required: the truck joined the queue before the gate
//   gate_in    required: its gate transaction ended (it left the lane)
//   release    required: it left by the exit gate
//   lane       optional: the lane that served it (recovers each lane start when lane_start is absent)
//   lane_start optional: its gate transaction began
//   channel    optional: green, yellow (document check) or red (physical examination)
//   exam_start, exam_end  optional, together: the physical examination itself (red trucks)
// A time is a number of seconds (from a midnight) or a date-time "yyyy-mm-dd hh:mm[:ss[.fff]]"
// (also with "T"; 1970 or later, local time), the same form in every row. `portsim run --truck-log` writes this log from a simulation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/port/config.hpp"

namespace portsim::calibration {

struct TruckLogRow {
  std::string id;
  int line = 0;  // in the file
  double arrival = 0;  // seconds (since 1970-01-01 for date-times)
  double gate_in = 0;
  double release = 0;
  std::string gate;
  std::string lane;
  std::optional<double> lane_start;
  std::optional<port::Channel> channel;
  std::optional<double> exam_start;
  std::optional<double> exam_end;
};

struct TruckLog {
  std::string path;
  std::vector<TruckLogRow> rows;  // in file order
  bool has_gate = false;
  bool has_lane = false;
  bool has_lane_start = false;
  bool has_channel = false;
  bool has_exam = false;
  bool date_times = false;  // times were date-times (else plain seconds)
  bool whole_minutes = true;  // every time is a whole minute (too coarse for lane transactions)
};

/// The column names the reader knows, required ones first (for messages and the README).
const std::vector<std::string>& truck_log_columns();

/// Reads a truck log. Throws io::InputError naming file, line, column and field for a missing
/// required column, a bad time or channel, times out of order (arrival <= lane_start <= gate_in
/// <= release, exam_start <= exam_end inside gate_in..release), an exam of a truck not in the red
/// channel, a duplicate truck_id, or a log without rows.
TruckLog read_truck_log(const std::string& path);

}  // namespace portsim::calibration
