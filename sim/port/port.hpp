// The port model: demand, trucks and containers, the road layout with spill-back, gates with
// lanes and their step pipelines, IoT devices with failures and manual fallback, and customs
// (declaration modes, risk channels, officers on shifts, X-ray and physical inspection, single
// window, IT outages). It publishes domain events and offers snapshots; it reads no files.
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/kernel/statistics.hpp"
#include "sim/port/config.hpp"
#include "sim/port/kpis.hpp"
#include "sim/port/layout.hpp"
#include "sim/port/observer.hpp"

namespace portsim::port {

/// Thrown when a configuration cannot form a model (the io layer validates first, so this is a
/// second line of defence); `path` is the config key path.
class ModelError : public std::runtime_error {
 public:
  ModelError(std::string path, const std::string& message)
      : std::runtime_error(message), path_(std::move(path)) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// Checks what only the model can check (layout, routes, references); returns every problem as
/// (key path, message). Empty when the scenario can run.
std::vector<std::pair<std::string, std::string>> check_model(const ScenarioConfig& cfg);

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
  /// Hourly profiles (hour of day): mean trucks waiting (lanes + public road) and exits per hour.
  std::vector<double> hourly_queue() const;
  std::vector<double> hourly_throughput() const;

  void add_observer(PortObserver* observer) { observers_.push_back(observer); }
  Snapshot snapshot() const;
  const Layout& layout() const noexcept { return *layout_; }
  const ScenarioConfig& config() const noexcept { return cfg_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  kernel::Simulation& sim_;
  ScenarioConfig cfg_;
  std::unique_ptr<Layout> layout_;
  std::vector<PortObserver*> observers_;
};

}  // namespace portsim::port
