// A run advanced step by step for a viewer: the only way viz/ drives the model. Owns the
// Simulation and the Port, and keeps what a viewer asks about that the KPIs do not hold: recent
// turn times for a histogram, per-hour counts, and each truck's timeline of domain events.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <vector>

#include "sim/io/trace.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"
#include "sim/port/config.hpp"
#include "sim/port/kpis.hpp"
#include "sim/port/observer.hpp"

namespace portsim::port {
class Port;
class Layout;
}  // namespace portsim::port

namespace portsim::experiment {

class LiveRun : public port::PortObserver {
 public:
  LiveRun(const port::ScenarioConfig& cfg, std::uint64_t seed, std::uint64_t replication = 0);
  ~LiveRun() override;
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  /// Runs every event up to t (no-op if t is not ahead). Rethrows model exceptions.
  void step_until(kernel::SimTime t);
  kernel::SimTime now() const;
  std::uint64_t events() const;

  port::Snapshot snapshot() const;
  port::KpiList kpis() const;
  const port::Layout& layout() const;
  const port::ScenarioConfig& config() const;

  /// Turn times (min) of exited trucks, 2-minute bins up to 4 h.
  const kernel::Histogram& turn_histogram() const noexcept { return turn_hist_; }
  /// Turn-time tally so far (mean, p95).
  const kernel::Tally& turn_times() const noexcept { return turn_; }
  /// A truck's domain events so far (trucks still inside, and the last 500 that left).
  std::vector<port::DomainEvent> timeline(port::TruckId id) const;
  /// The record of a truck that left (nullptr if unknown).
  const port::TruckRecord* exited_record(port::TruckId id) const;

  void on_event(const port::DomainEvent& e) override;
  void on_truck_exit(const port::TruckRecord& r) override;

 private:
  port::ScenarioConfig cfg_;
  std::unique_ptr<kernel::Simulation> sim_;
  std::unique_ptr<port::Port> port_;
  kernel::Histogram turn_hist_{0, 240, 120};
  kernel::Tally turn_;
  std::map<std::uint32_t, std::vector<port::DomainEvent>> timelines_;
  std::deque<std::uint32_t> exited_order_;
  std::map<std::uint32_t, port::TruckRecord> exited_;
};

/// Records snapshots every `header.interval` of a run (seed `header.seed`, replication 0) into a
/// trace file (see sim/io/trace.hpp) for replay; `header` also carries the resolved scenario text.
void record_trace(const port::ScenarioConfig& cfg, const io::TraceHeader& header, kernel::Duration duration,
                  const std::string& path);

}  // namespace portsim::experiment
