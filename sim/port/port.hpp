// The port model: demand, trucks and containers, the road layout with spill-back, gates with
// lanes and their step pipelines, IoT devices with failures and manual fallback, and customs
// (declaration modes, risk channels, officers on shifts, X-ray and physical inspection, single
// window, IT outages). It publishes domain events and offers snapshots; it reads no files.
#pragma once

#include <memory>
#include <vector>

#include "sim/kernel/simulation.hpp"
#include "sim/port/clearance.hpp"
#include "sim/port/config.hpp"
#include "sim/port/kpis.hpp"
#include "sim/port/layout.hpp"
#include "sim/port/model_check.hpp"
#include "sim/port/observer.hpp"

namespace portsim::port {

class Port {
 public:
  /// Builds the model on `sim`; throws ModelError for the first problem check_model reports.
  Port(kernel::Simulation& sim, const ScenarioConfig& cfg, const kernel::RandomStreams& streams);
  ~Port();
  Port(const Port&) = delete;
  Port& operator=(const Port&) = delete;

  /// Starts demand, shifts, lane hours, device failures and outages (call once, at time 0).
  void start();
  /// Forgets statistics gathered so far (warm-up deletion).
  void restart_statistics();
  /// KPIs at the current time.
  KpiList kpis() const;

  /// Ends the arrival window of a terminating run: no truck arrives from now on (booked ones on
  /// their way still come), and the KPIs measured over time (queues, utilisations, throughput)
  /// keep their values at this instant while the trucks inside finish.
  void end_arrivals();
  /// Stops the simulation (Simulation::stop) when the last truck has left; call it with trucks
  /// inside, before the run that drains them.
  void stop_when_empty();
  /// What is unfinished now: trucks in the system or booked and on their way, and of them the
  /// trucks selected for a check (yellow or red) and not yet released.
  struct WorkInProgress {
    std::size_t trucks = 0;
    std::size_t selected = 0;
    std::size_t containers = 0;  // in clearance: announced and not yet released
  };
  WorkInProgress work_in_progress() const;
  /// Hourly profiles (hour of day): mean trucks waiting (lanes + public road) and exits per hour.
  std::vector<double> hourly_queue() const;
  std::vector<double> hourly_throughput() const;

  /// Adds an observer of the domain events (after the KPI collector); it must outlive the run.
  void add_observer(PortObserver* observer);
  /// Adds an observer of the clearance milestones (after the TRS collector); it must outlive the run.
  void add_clearance_observer(ClearanceObserver* observer);
  Snapshot snapshot() const;
  const Layout& layout() const noexcept { return *layout_; }
  const ScenarioConfig& config() const noexcept { return cfg_; }

 private:
  struct Impl;
  kernel::Simulation& sim_;
  ScenarioConfig cfg_;
  std::unique_ptr<Layout> layout_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace portsim::port
