// The port model's lane and inspection parameters fitted to a planner's truck log (truck_log.hpp):
//   - the lane transaction (gate_in - lane_start; each lane start recovered from the lane's
//     previous gate_in when the log has lanes but no lane_start) -> steps.identify_manual, the whole
//     transaction in one step;
//   - the time after the gate of trucks not inspected (release - gate_in - the layout's free-flow
//     drives gate -> yard -> exit; side-window exceptions included) -> yard_time;
//   - the physical examination (exam_end - exam_start) -> customs.physical_inspection;
//   - the shares of trucks sent to a document check and to an examination -> the selection rates.
// The latest part of the log is held out: every fit is checked on it (Kolmogorov-Smirnov, shares).
// CIs come from a block bootstrap over the training days (hours when the log has fewer than 10 days).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "calibration/input_model.hpp"
#include "calibration/truck_log.hpp"
#include "sim/port/config.hpp"

namespace portsim::calibration {

struct PortFitOptions {
  double holdout = 0.3;    // share of the log's days (or hours) held out, the latest ones
  int refits = 200;        // block-bootstrap refits for the CIs
  std::uint64_t seed = 1;  // of the bootstrap
  std::string gate;        // the scenario's gate the log is of (empty: the first)
};

struct Interval {
  double lo = 0;
  double hi = 0;
  bool contains(double v) const { return lo <= v && v <= hi; }
};

/// A fitted time distribution.
struct FittedTime {
  std::string key;       // scenario key, e.g. "steps.identify_manual"
  std::string what;      // what was measured, for the report
  FamilyFit fit;         // on the training part, best AIC
  double mean = 0;       // of the fitted distribution, s
  Interval mean_ci;      // 95%, block bootstrap
  std::vector<Interval> parameter_ci;  // one per fit.parameters
  std::size_t train_n = 0;
  std::size_t test_n = 0;
  double test_mean = 0;  // of the held-out values, s
  HeldOutKs test_ks;     // the held-out values against the training fit
  std::size_t dropped = 0;  // values <= 0 left out (times inconsistent with the layout's drives)
  int refits_used = 0;      // bootstrap refits that fitted (a resample with too few values does not)
};

/// A fitted selection rate: the log's share of trucks in a channel divided by the share of trucks
/// the scenario's selection can send there (loaded trucks, trusted traders at their multiplier).
struct FittedRate {
  std::string key;       // "customs.selection.red_rate"
  std::string what;
  double value = 0;
  Interval ci;           // 95%, block bootstrap
  double train_share = 0;  // of all trucks
  double test_share = 0;
  std::size_t train_n = 0;  // trucks
  std::size_t test_n = 0;
  std::size_t test_count = 0;  // held-out trucks in the channel
  double test_p_value = 1;  // two-sided, the held-out share against the training share (two-proportion z test)
};

struct PortFit {
  std::string gate;             // the scenario gate's id
  std::string block_unit;       // "day" or "hour"
  std::size_t train_blocks = 0, test_blocks = 0;
  std::size_t train_trucks = 0, test_trucks = 0;
  double first_arrival = 0, split_at = 0, last_arrival = 0;  // seconds; held out: arrivals from split_at
  std::string lane_start_source;  // how each lane start was known
  double drive_s = 0;             // free-flow drives gate -> yard -> exit subtracted from the time after the gate
  double selection_factor = 1;    // share of trucks the selection can reach (FittedRate)
  int refits = 0;
  std::vector<FittedTime> times;
  std::vector<FittedRate> rates;
  bool selection_off = false;      // no channel column: inspections are inside yard_time, the rates set to 0
  std::vector<std::string> notes;  // what the fit folded in, or could not fit
};

/// The lane transaction of every truck (in the log's row order): gate_in - lane_start, the start
/// taken from the log or, per lane in order of gate_in, as max(arrival, the lane's previous
/// gate_in) (one first-come-first-served queue per lane). `source` says which. Throws
/// io::InputError when the log has neither lane_start nor lane.
std::vector<double> lane_transaction_times(const TruckLog& log, std::string& source);

/// Fits `log` as the scenario's gate. Throws io::InputError naming the log for a log the fit cannot
/// use (fewer than 3 days or hours, fewer than 10 values to fit a time, lanes needed but absent)
/// and naming --gate for an unknown gate.
PortFit fit_port(const TruckLog& log, const port::ScenarioConfig& scenario, const PortFitOptions& options);

}  // namespace portsim::calibration
