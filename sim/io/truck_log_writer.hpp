// The planner's truck log as the simulator writes it (`portsim run --truck-log`): one row per
// truck with the timestamps a terminal's gate system records (calibration/README.md "Truck log"):
//   truck_id, gate, arrival (joined the queue before the gate), lane, lane_start, gate_in (the gate
//   transaction ended), channel, exam_start, exam_end (physical examination), release (left by
//   the exit gate). Times are seconds from the start of the run. `portsim fit-port` reads it.
#pragma once

#include <string>

#include "sim/io/atomic_stream.hpp"
#include "sim/port/config.hpp"
#include "sim/port/observer.hpp"

namespace portsim::io {

class TruckLogWriter : public port::PortObserver {
 public:
  TruckLogWriter(std::string path, const port::ScenarioConfig& cfg);
  void on_truck_exit(const port::TruckRecord& r) override;
  void finish() { file_.finish(); }
  /// The header row: the column names of the truck log.
  static const char* header();

 private:
  AtomicStream file_;
  const port::ScenarioConfig& cfg_;
};

}  // namespace portsim::io
