// Import clearance of containers, milestone by milestone (the WCO Time Release Study clock):
// vessel calls discharge containers; each container's declaration is lodged (paper or electronic
// after arrival, or before it), accepted, given a channel by customs' selection (Customs::select,
// AEO rules), checked (yellow: a documentary check by an officer; red: then a physical examination
// in a bay once the container is discharged), cleared by other agencies (after customs, or alongside
// it with a single window) and its duty paid; it is released when all three are done. Every
// milestone goes to the clearance observers (the TRS collector, the container log).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "sim/kernel/resource.hpp"
#include "sim/kernel/simulation.hpp"
#include "sim/port/config.hpp"
#include "sim/port/customs.hpp"

namespace portsim::port {

enum class ContainerId : std::uint32_t {};

/// The milestones, in the order of the clock; a container meets Discharged somewhere after Manifest.
enum class Milestone { Manifest, Lodged, Accepted, Discharged, ControlStart, Controlled, Released };

/// Every milestone of one container (times; `released` last), and what it was.
struct ContainerRecord {
  ContainerId id{};
  int vessel = -1;         // index into ClearanceConfig::vessels
  std::uint32_t call = 0;  // 0-based call of that vessel
  DeclarationMode mode = DeclarationMode::Paper;
  bool aeo = false;
  Channel channel = Channel::Green;
  bool agency = false;              // another agency checks it
  bool electronic_payment = false;
  bool noncompliant = false;        // hidden from customs
  bool caught = false;              // found by the examination
  kernel::SimTime manifest{}, arrival{}, available{}, lodged{}, accepted{}, control_start{}, controlled{}, agency_done{},
      paid{}, released{};
};

class ClearanceObserver {
 public:
  virtual ~ClearanceObserver() = default;
  virtual void on_milestone(Milestone /*m*/, ContainerId /*id*/, kernel::SimTime /*at*/) {}
  virtual void on_released(const ContainerRecord& /*record*/) {}
};

class Clearance {
 public:
  Clearance(kernel::Simulation& sim, const ScenarioConfig& cfg, const kernel::RandomStreams& streams, const Customs& customs);
  Clearance(const Clearance&) = delete;
  Clearance& operator=(const Clearance&) = delete;

  void subscribe(ClearanceObserver* o) { observers_.push_back(o); }
  /// Starts the vessel calls (nothing without vessels).
  void start(kernel::Simulation& sim);
  /// No vessel arrives from now on (calls already announced still discharge).
  void end_arrivals() noexcept { arrivals_open_ = false; }
  /// Containers announced and not yet released.
  std::size_t in_progress() const noexcept { return in_progress_; }
  /// Called when the last container in progress is released (a drain's stop).
  void on_empty(std::function<void()> f) { on_empty_ = std::move(f); }

  /// Officers busy with documentary checks and bays with examinations (time-averaged by the collector).
  const kernel::Resource& officers() const noexcept { return officers_; }
  const kernel::Resource& bays() const noexcept { return bays_; }

 private:
  kernel::Process vessel(kernel::Simulation& s, std::size_t vi);
  kernel::Process discharge(kernel::Simulation& s, std::size_t vi, std::uint32_t call, kernel::SimTime arrival,
                            std::uint32_t first_id);
  kernel::Process container(kernel::Simulation& s, ContainerRecord r, std::uint64_t key);
  void publish(Milestone m, ContainerId id, kernel::SimTime at) const {
    for (ClearanceObserver* o : observers_) o->on_milestone(m, id, at);
  }

  const ScenarioConfig& cfg_;
  const ClearanceConfig& cl_;
  const Customs& customs_;
  kernel::RandomStreams streams_;
  kernel::Resource officers_;
  kernel::Resource bays_;
  std::vector<ClearanceObserver*> observers_;
  std::uint32_t next_id_ = 0;
  std::size_t in_progress_ = 0;
  bool arrivals_open_ = true;
  std::function<void()> on_empty_;
};

}  // namespace portsim::port
