#include "sim/io/truck_log_writer.hpp"

#include <fmt/format.h>

#include "sim/kernel/time.hpp"

namespace portsim::io {

TruckLogWriter::TruckLogWriter(std::string path, const port::ScenarioConfig& cfg) : file_(std::move(path)), cfg_(cfg) {
  file_.out() << header() << '\n';
}

const char* TruckLogWriter::header() {
  return "truck_id,gate,arrival,lane,lane_start,gate_in,channel,exam_start,exam_end,release";
}

void TruckLogWriter::on_truck_exit(const port::TruckRecord& r) {
  const double lane_start = kernel::to_seconds(r.lane_start);
  const double queue_joined = lane_start - r.pregate_wait_s;  // reached the gate's queue (free-flow drive done)
  const std::string& gate = cfg_.gates.at(static_cast<std::size_t>(r.gate)).id;
  std::string exam = ",";
  if (r.exam_s > 0) {
    const double end = kernel::to_seconds(r.inspection_end);
    exam = fmt::format("{:.3f},{:.3f}", end - r.exam_s, end);
  }
  file_.out() << fmt::format("{},{},{:.3f},{}/{},{:.3f},{:.3f},{},{},{:.3f}\n", static_cast<std::uint32_t>(r.id), gate,
                             queue_joined, gate, r.lane, lane_start, kernel::to_seconds(r.lane_end),
                             port::to_string(r.channel), exam, kernel::to_seconds(r.exited));
}

}  // namespace portsim::io
